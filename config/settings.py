"""Sargs settings: one module, every deployment difference comes from the environment.

SARGS_ENV selects defaults: "dev" (demo on SQLite, the default), "test", "production".
Production refuses to start without SECRET_KEY and ALLOWED_HOSTS.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
ENV = os.environ.get("SARGS_ENV", "dev")
PRODUCTION = ENV == "production"


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set in production.")
    SECRET_KEY = "dev-only-not-secret-" + "x" * 40

DEBUG = env_bool("DEBUG", ENV == "dev")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "localhost,127.0.0.1,testserver")
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in production.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "auditlog",
    "rest_framework",
    "drf_spectacular",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "sargs.core",
    "sargs.organisations",
    "sargs.accounts",
    "sargs.audit",
    "sargs.jurisdiction",
    "sargs.registry",
    "sargs.responsibility",
    "sargs.services",
    "sargs.cases",
    "sargs.cooperation",
    "sargs.assessment",
    "sargs.programme",
    "sargs.subjects",
    "sargs.scale",
    "sargs.api",
    "sargs.portal",
    "sargs.retention",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "sargs.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "sargs.core.db_unavailable.DatabaseUnavailableMiddleware",  # before sessions: they need the DB
    "sargs.core.replica.ReadYourWritesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "sargs.accounts.middleware.SecondFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "sargs.audit.middleware.AuditlogMiddleware",
    "sargs.core.middleware.NoStoreMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "sargs.portal.context_processors.navigation",
                "sargs.portal.context_processors.danger_alerts",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the dev server and a management command share the file.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
# PostgreSQL planner settings for the application's connections:
# - no JIT compilation (docs/adr/0023): a list's access filter is estimated above
#   jit_above_cost, and compiling it took 1-2 s of a query that runs in 100 ms (issue 20);
#   short OLTP queries never gain from it;
# - random_page_cost 1.1 instead of 4 (docs/adr/0025): the database lives on SSD, where a
#   random read costs about what a sequential one does; with 4 the planner hashed scans of
#   whole tables instead of looking rows up by index (one municipality's indicators at ten
#   times the country: 1,103 -> 895 ms). A server tuned otherwise sets PG_PLANNER_OPTIONS.
PG_PLANNER_OPTIONS = os.environ.get("PG_PLANNER_OPTIONS", "-c jit=off -c random_page_cost=1.1")
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = PG_PLANNER_OPTIONS
# An optional read replica (PostgreSQL streaming replication) for reports and dashboards:
# see sargs/core/db.py. Tests mirror it onto the default database.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASES["replica"].setdefault("OPTIONS", {})["options"] = PG_PLANNER_OPTIONS

# Django's cache holds counters every worker and server must share (the questionnaire answer
# limit per address): a per-process memory cache would let each worker count on its own. In
# production the database holds it (no extra service to run; `manage.py createcachetable` after
# `migrate` makes the table); elsewhere one process's memory is enough.
CACHE_BACKEND = os.environ.get("CACHE_BACKEND", "database" if PRODUCTION else "locmem")
CACHES = {
    "default": {
        "database": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "sargs_cache",
        },
        "locmem": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }[CACHE_BACKEND]
}

# Background work (report generation, imports, reminders) goes through django-tasks, the
# backport of Django 6's tasks framework. In production its database backend queues the work
# for `manage.py db_worker` (no broker to run); elsewhere tasks run at once, in the request.
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "database" if PRODUCTION else "immediate")
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[TASKS_BACKEND]
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "organisations.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Idle sessions expire: every request renews the cookie, silence lets it lapse.
SESSION_IDLE_MINUTES = int(os.environ.get("SESSION_IDLE_MINUTES", "30"))
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Reverse proxies in front of Sargs that append the address they saw to X-Forwarded-For
# (nginx: 1). The client is the PROXY_COUNT-th entry from the right; 0 reads the socket.
PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0"))
if PROXY_COUNT < 0:
    raise ImproperlyConfigured("PROXY_COUNT must be 0 or more.")

# Lockout after repeated failures (django-axes).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "30")))
# Locked is one username from one address: an outsider cannot lock a known user everywhere,
# and one shared office address cannot lock a whole institution (ADR 0014).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_SENSITIVE_PARAMETERS = ["password", "otp_token"]
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False
# The client address comes from the trusted proxies only (sargs/core/client_address.py).
AXES_CLIENT_IP_CALLABLE = "sargs.core.client_address.client_address"

OTP_TOTP_ISSUER = "Sargs"

LANGUAGE_CODE = "lv"
LANGUAGES = [("lv", _("Latvian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Europe/Riga"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "sargs@localhost")

# Anonymous questionnaires: at most this many answers per questionnaire link from one client
# address within the window. Not 1: a school class or a family often shares one address and the
# questionnaires ask nothing that could tell its people apart; the limit stops a script filling
# a questionnaire, and the results say how many answers came from repeated addresses. Counted in
# Django's cache (shared by every worker in production: CACHES below).
QUESTIONNAIRE_ANSWERS_PER_ADDRESS = int(os.environ.get("QUESTIONNAIRE_ANSWERS_PER_ADDRESS", "30"))
QUESTIONNAIRE_ADDRESS_WINDOW_HOURS = int(os.environ.get("QUESTIONNAIRE_ADDRESS_WINDOW_HOURS", "24"))

AUDITLOG_LOGENTRY_MODEL = "audit.AuditEntry"
# auditlog's own log table is replaced by audit.AuditEntry; without its migrations the unused
# table (whose foreign key to users blocks TRUNCATE on PostgreSQL) is never created.
MIGRATION_MODULES = {"auditlog": None}
AUDITLOG_DISABLE_REMOTE_ADDR = False
AUDITLOG_STORE_JSON_CHANGES = True

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "sargs.api.authentication.HashedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["sargs.api.permissions.DeclaredAccess"],
    "DEFAULT_SCHEMA_CLASS": "sargs.api.schema.SargsAutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Sargs API",
    "DESCRIPTION": "Child rights protection for Latvian municipalities.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["sargs.api.permissions.DeclaredAccess"],
    # Choice sets whose field names ("status", "track", "kind") other apps use for other choices.
    "ENUM_NAME_OVERRIDES": {
        "ProgrammeActivityStatusEnum": "sargs.programme.models.ActivityStatus",
        "ProgrammeTrackEnum": "sargs.programme.models.Track",
        "JudgmentKindEnum": "sargs.cases.court.models.JudgmentKind",
    },
}

# Content-Security-Policy (ADR 0014): scripts, styles, fonts and requests from the site only,
# no inline script or style (htmx is configured for it in templates/base.html), nothing may
# frame Sargs. Charts are SVG data: URIs in <img>. deploy/nginx/sargs-headers.conf repeats
# both policies for what nginx answers itself; keep them the same.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
# Browser features Sargs never uses are switched off for it and anything it might embed.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in [
        "accelerometer",
        "autoplay",
        "bluetooth",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    ]
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Logs carry no personal data: no request bodies, no query strings, no names.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"strip_query": {"()": "sargs.core.logging.StripQueryStringFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["strip_query"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # WeasyPrint logs every layout step of every PDF page at INFO.
        "weasyprint": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "fontTools": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

# Working-day calendar: whether a day off moved by the Cabinet extends a deadline is not
# settled in law (domain.md §9), so it is a setting.
MOVED_DAYS_OFF_EXTEND_DEADLINES = env_bool("MOVED_DAYS_OFF_EXTEND_DEADLINES", True)
# Working days the social service has to triage a concern (accept it into a case or close it).
CONCERN_TRIAGE_WORKING_DAYS = int(os.environ.get("CONCERN_TRIAGE_WORKING_DAYS", "3"))
# Working days to triage a concern about danger to the child's life or health. 0: the same
# working day, because help in danger is given at once where the child is (BTAL 67(5)) and the
# ordinary term would leave a child without shelter for days.
CONCERN_DANGER_TRIAGE_WORKING_DAYS = int(os.environ.get("CONCERN_DANGER_TRIAGE_WORKING_DAYS", "0"))
# Files only access-checked views serve (cost claims' invoices): outside the web root and
# MEDIA, never served by nginx.
PRIVATE_STORAGE_ROOT = Path(os.environ.get("PRIVATE_STORAGE_ROOT", str(BASE_DIR / "private")))
# The largest invoice a cost claim takes (bytes); bigger files are refused unread.
COST_CLAIM_INVOICE_MAX_BYTES = int(os.environ.get("COST_CLAIM_INVOICE_MAX_BYTES", "5242880"))

# Rows per page of every list (sargs.core.pages); the audit page shows twice as many.
SARGS_PAGE_SIZE = 25

if ENV == "test":
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
OTP_VERIFY_URL = "accounts:otp-verify"

# --- Operations: faults, replica, retention (issue 19) -----------------------------------------
# A report build still pending after this long (its worker killed, or none running) counts as
# failed, and the download page offers to build it again.
REPORT_BUILD_TIMEOUT_SECONDS = int(os.environ.get("REPORT_BUILD_TIMEOUT_SECONDS", "900"))
# Reports and dashboards read the streaming replica (DATABASE_REPLICA_URL) when it is at most
# REPLICA_MAX_LAG_SECONDS behind; after saving, a user reads the primary for REPLICA_PIN_SECONDS
# (sargs/core/replica.py, docs/deploy.md "Read replica").
DATABASE_ROUTERS = ["sargs.core.replica.ReplicaRouter"]
REPLICA_MAX_LAG_SECONDS = float(os.environ.get("REPLICA_MAX_LAG_SECONDS", "30"))
REPLICA_CHECK_SECONDS = float(os.environ.get("REPLICA_CHECK_SECONDS", "5"))
REPLICA_PIN_SECONDS = int(os.environ.get("REPLICA_PIN_SECONDS", "60"))
# Retention (docs/adr/0015-retention-periods.md; sargs/retention/periods.py has the reasons):
# how long each kind of record is kept before `manage.py retention` removes it. Never removed:
# records of a child with an open court matter (a proceeding not yet decided).
# Closed cases: until every child of the case is this old. BTAL 67.2(6): NPAIS keeps a child's
# data until the person is 24; Sargs follows it by analogy.
RETENTION_CLOSED_CASE_UNTIL_AGE = int(os.environ.get("RETENTION_CLOSED_CASE_UNTIL_AGE", "24"))
# Concerns closed without a case, years after closing. The law texts at hand (BTAL, Civil Law)
# do not settle it: to be set with the municipality's archive (nomenklatūra).
RETENTION_CONCERN_WITHOUT_CASE_YEARS = int(
    os.environ.get("RETENTION_CONCERN_WITHOUT_CASE_YEARS", "3")
)
# Audit entries, years. Not settled by the law texts at hand; long enough to tell a data subject
# who read their record (GDPR art. 15) and to investigate a complaint.
RETENTION_AUDIT_YEARS = int(os.environ.get("RETENTION_AUDIT_YEARS", "5"))
# Anonymous questionnaire answers of closed questionnaires, years after answering. Not settled
# by law; they serve one programme period (three years).
RETENTION_QUESTIONNAIRE_ANSWER_YEARS = int(
    os.environ.get("RETENTION_QUESTIONNAIRE_ANSWER_YEARS", "3")
)
# Generated report files, days: aggregate, rebuilt on request; no legal period.
RETENTION_GENERATED_DOCUMENT_DAYS = int(os.environ.get("RETENTION_GENERATED_DOCUMENT_DAYS", "90"))
# Used form tokens (sargs.core.forms.once_per_form), days: no legal period; a second submission
# of the same form (Back and submit again) comes within minutes, not weeks.
RETENTION_FORM_TOKEN_DAYS = int(os.environ.get("RETENTION_FORM_TOKEN_DAYS", "30"))
# Data subjects' exports (sargs/subjects, docs/deploy.md "Data subject requests"): the fields
# left out of what a person receives, by model ("app_label.model"), each export stating why.
# The reporter of a concern: GDPR art. 15(4) (a copy must not adversely affect the rights and
# freedoms of others) and art. 23(1)(i) (protection of others), with BTAL art. 73 (everyone's
# duty to report violence or danger to a child, which must stay safe to do) and art. 71
# (confidentiality of what staff learn about a child). The law texts at hand do not name the
# reporter's identity as withheld in so many words: the data protection officer confirms the
# list with the municipality's lawyer. The reporting institution stays in the export (art.
# 15(1)(g), the source of the data); add "reporting_institution" to withhold it as well.
SUBJECT_EXPORT_WITHHELD = {
    "cases.concern": ("reported_by", "observed_by"),
}

# --- The orphan's court's order of steps (issue 16; docs/adr/0008) ------------------------------
# Working days the social service has to answer when the orphan's court opens a matter about a
# family. Orphan's Court Law 17(5) says the social service is informed and takes part; the law
# texts at hand set no term, so the municipality sets it.
COURT_MATTER_SOCIAL_SERVICE_DAYS = int(os.environ.get("COURT_MATTER_SOCIAL_SERVICE_DAYS", "10"))
# Days a problem named in a case's plan may go without an active service before the social
# worker and the coordinator are told. The Supreme Court's test (domain.md §6: support must
# last while its causes last; fragmentary support is inadequate) sets no number of days.
SUPPORT_GAP_DAYS = int(os.environ.get("SUPPORT_GAP_DAYS", "30"))
# Working days the social service has to draw up the rehabilitation plan once the family has
# agreed to work with the crisis intervention team after a removal (domain.md §8). The
# guideline names the plan, not a term; the municipality sets it.
CRISIS_PLAN_WORKING_DAYS = int(os.environ.get("CRISIS_PLAN_WORKING_DAYS", "10"))

# --- Terms the law texts at hand do not settle (sargs/core/terms.py names every term) ----------
# Months after which the orphan's court looks again at a placement other than short-term care
# in an institution (whose three months BTAL 37 sets). No source gives this review period.
PLACEMENT_REVIEW_MONTHS = int(os.environ.get("PLACEMENT_REVIEW_MONTHS", "12"))
# Working days after a semester ends that an institution has to report its semester figures;
# no law sets it, and the coordinator can move each period's own deadline.
COLLECTION_SEMESTER_WORKING_DAYS = int(os.environ.get("COLLECTION_SEMESTER_WORKING_DAYS", "20"))
# NPAIS oversight (issue 16 point 9): working days an institution has to enter an event into
# NPAIS, per institution type. The terms could not be confirmed from the law texts at hand
# (MK regulation No. 157), so each is a setting the municipality confirms; "default" for the
# other obliged types.
NPAIS_ENTRY_WORKING_DAYS = {
    "default": int(os.environ.get("NPAIS_ENTRY_WORKING_DAYS", "5")),
    "orphans_court": int(os.environ.get("NPAIS_ENTRY_WORKING_DAYS_ORPHANS_COURT", "5")),
    "municipal_police": int(os.environ.get("NPAIS_ENTRY_WORKING_DAYS_MUNICIPAL_POLICE", "5")),
    "social_service": int(os.environ.get("NPAIS_ENTRY_WORKING_DAYS_SOCIAL_SERVICE", "5")),
    "childcare_institution": int(os.environ.get("NPAIS_ENTRY_WORKING_DAYS_CHILDCARE", "5")),
}

# --- Terms the law texts at hand do not settle (sargs/core/terms.py names every term) ----------
# Months after which the orphan's court looks again at a placement other than short-term care
# in an institution (whose three months BTAL 37 sets). No source gives this review period.
PLACEMENT_REVIEW_MONTHS = int(os.environ.get("PLACEMENT_REVIEW_MONTHS", "12"))
# Working days after a semester ends that an institution has to report its semester figures;
# no law sets it, and the coordinator can move each period's own deadline.
COLLECTION_SEMESTER_WORKING_DAYS = int(os.environ.get("COLLECTION_SEMESTER_WORKING_DAYS", "20"))
