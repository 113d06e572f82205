"""Annual situation assessment: indicator definitions, population, collection and freezing.

The flow: a coordinator opens a reporting period (a year, or a semester for per-semester
indicators); each institution that reports an indicator fills a *submission* with one value
per cell; the coordinator returns or approves it; once every submission of the year is
approved, the coordinator freezes the municipality's *assessment*, which copies the approved
and computed figures into ``FrozenValue`` rows that the report, the dashboard and later years'
comparisons read. Nothing frozen changes; a correction reopens a submission with a reason.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sargs.organisations.models import Institution, Municipality
from sargs.organisations.roles import InstitutionType

from .catalogue import cells_of


class IndicatorGroup(models.IntegerChoices):
    EDUCATION = 1, _("Right to education")
    LIVING_CONDITIONS = 2, _("Adequate living conditions")
    SOCIAL_ENVIRONMENT = 3, _("Favourable social environment")
    SPECIAL_NEEDS = 4, _("Children with special needs")
    WITHOUT_PARENTAL_CARE = 5, _("Children without parental care")
    PARTICIPATION = 6, _("Child participation in decisions")


class Computable(models.TextChoices):
    NO = "no", _("no")
    PARTLY = "partly", _("partly")
    YES = "yes", _("yes")


class PeriodKind(models.TextChoices):
    YEAR = "year", _("year")
    SEMESTER = "semester", _("semester")


class Indicator(models.Model):
    """A stable indicator id (E1 … P3); what it means lives in its definition versions."""

    code = models.CharField(_("code"), max_length=8, unique=True)
    group = models.PositiveSmallIntegerField(_("group"), choices=IndicatorGroup.choices)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return self.code

    def current_definition(self) -> IndicatorDefinition:
        return self.definitions.order_by("-version")[0]


class IndicatorDefinition(models.Model):
    """One version of an indicator's definition. Values point at the version they used."""

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="definitions")
    version = models.PositiveSmallIntegerField(_("version"))
    name_lv = models.CharField(max_length=250)
    name_en = models.CharField(max_length=250)
    definition_lv = models.TextField()
    definition_en = models.TextField()
    period_kind = models.CharField(max_length=10, choices=PeriodKind.choices)
    reporter_type = models.CharField(
        _("reported by"), max_length=32, choices=InstitutionType.choices, blank=True
    )
    computable = models.CharField(max_length=10, choices=Computable.choices)
    # The catalogue entry as it was: measures, dimensions, units, checks (catalogue.spec_json).
    spec = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["indicator__order", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "version"], name="indicator_definition_unique_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} v{self.version}"

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "lv").startswith("en") else self.name_lv

    @property
    def definition(self) -> str:
        if (get_language() or "lv").startswith("en"):
            return self.definition_en
        return self.definition_lv

    @property
    def cells(self) -> list[str]:
        return cells_of(self.spec)

    def measure_units(self) -> dict[str, str]:
        return {m["key"]: m["unit"] for m in self.spec["measures"]}


class AgeGroup(models.TextChoices):
    AGE_0_6 = "0_6", _("0–6 years")
    AGE_7_17 = "7_17", _("7–17 years")


class Sex(models.TextChoices):
    FEMALE = "f", _("girls")
    MALE = "m", _("boys")


class ChildPopulation(models.Model):
    """Children declared in a municipality on a date (PMLP open data), the rate denominator."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="child_population"
    )
    reference_date = models.DateField(_("as of"))
    age_group = models.CharField(max_length=4, choices=AgeGroup.choices)
    sex = models.CharField(max_length=1, choices=Sex.choices)
    count = models.PositiveIntegerField()
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "reference_date", "age_group", "sex"],
                name="child_population_unique_cell",
            )
        ]
        indexes = [models.Index(fields=["reference_date", "municipality"])]

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.reference_date} {self.age_group} {self.sex}"


class ReportingPeriod(models.Model):
    """A calendar year (semester 0) or a school semester lying in it, as schools count them:
    1 = the 1st semester of the school year starting in ``year`` (September–December),
    2 = the 2nd semester of the school year ending in ``year`` (January–June)."""

    year = models.PositiveSmallIntegerField(_("year"))
    semester = models.PositiveSmallIntegerField(
        _("semester"),
        default=0,
        choices=[
            (0, _("whole year")),
            (1, _("1st semester (September–December)")),
            (2, _("2nd semester (January–June)")),
        ],
    )
    opens_on = models.DateField(_("collection opens"))
    deadline = models.DateField(_("deadline"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["-year", "semester"]
        constraints = [
            models.UniqueConstraint(fields=["year", "semester"], name="reporting_period_unique"),
            models.CheckConstraint(
                condition=Q(semester__in=[0, 1, 2]), name="reporting_period_semester_valid"
            ),
            models.CheckConstraint(
                condition=Q(deadline__gte=models.F("opens_on")),
                name="reporting_period_deadline_after_opening",
            ),
        ]

    def __str__(self) -> str:
        from .figures import semester_label

        return semester_label(self.semester, self.year) or str(self.year)

    @property
    def kind(self) -> str:
        return PeriodKind.SEMESTER if self.semester else PeriodKind.YEAR


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    RETURNED = "returned", _("returned for correction")
    APPROVED = "approved", _("approved")
    REOPENED = "reopened", _("reopened")


EDITABLE_STATUSES = frozenset(
    {SubmissionStatus.DRAFT, SubmissionStatus.RETURNED, SubmissionStatus.REOPENED}
)


class Submission(models.Model):
    """One institution's values for one reporting period."""

    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.PROTECT, related_name="submissions"
    )
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="assessment_submissions"
    )
    # The institution's municipality, copied so the coordinator's lists filter on one column.
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="assessment_submissions"
    )
    status = models.CharField(
        max_length=12, choices=SubmissionStatus.choices, default=SubmissionStatus.DRAFT
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Goes up with every save of the values: a form or an API client says which revision it
    # started from, and a save over a newer one is checked cell by cell (core.versioning).
    revision = models.PositiveIntegerField(_("revision"), default=0)

    class Meta:
        verbose_name = _("institution's report")
        verbose_name_plural = _("institutions' reports")
        ordering = ["period", "institution__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "institution"], name="submission_unique_per_institution"
            ),
            # A submitted or approved submission says when and by whom; an approved one who
            # approved it. The services set these; the database refuses a half-done state.
            models.CheckConstraint(
                condition=~Q(status__in=["submitted", "approved"])
                | Q(submitted_at__isnull=False, submitted_by__isnull=False),
                name="submission_submitted_has_submitter",
            ),
            models.CheckConstraint(
                condition=~Q(status="approved")
                | Q(decided_at__isnull=False, decided_by__isnull=False),
                name="submission_approved_has_decider",
            ),
        ]
        indexes = [models.Index(fields=["municipality", "period", "status"])]

    def __str__(self) -> str:
        return f"{self.institution} {self.period}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES


class SubmissionAction(models.TextChoices):
    SUBMIT = "submit", _("submitted")
    RETURN = "return", _("returned")
    APPROVE = "approve", _("approved")
    REOPEN = "reopen", _("reopened")
    UPLOAD = "upload", _("uploaded from Excel")


class SubmissionEvent(models.Model):
    """The submission's history: who submitted, returned (why), approved, reopened (why)."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=10, choices=SubmissionAction.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    comment = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(action__in=["return", "reopen"]) | ~Q(comment=""),
                name="submission_event_return_reopen_need_comment",
            )
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.at}"


class ValueState(models.TextChoices):
    """Never a silent blank: a cell is a number (zero included) or says why it has none."""

    NUMBER = "number", _("number")
    NOT_REPORTED = "not_reported", _("not reported")
    NOT_APPLICABLE = "not_applicable", _("not applicable")


class ReportedValue(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="values")
    definition = models.ForeignKey(
        IndicatorDefinition, on_delete=models.PROTECT, related_name="reported_values"
    )
    cell = models.CharField(max_length=80)
    state = models.CharField(max_length=16, choices=ValueState.choices)
    amount = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )

    class Meta:
        verbose_name = _("reported figure")
        verbose_name_plural = _("reported figures")
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "definition", "cell"], name="reported_value_unique_cell"
            ),
            models.CheckConstraint(
                condition=(Q(state="number") & Q(amount__isnull=False) & Q(amount__gte=0))
                | (~Q(state="number") & Q(amount__isnull=True)),
                name="reported_value_amount_matches_state",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cell}: {self.amount if self.state == ValueState.NUMBER else self.state}"


class AssessmentStatus(models.TextChoices):
    OPEN = "open", _("open")
    FROZEN = "frozen", _("frozen")


class Assessment(models.Model):
    """A municipality's assessment of one year: its findings, and its frozen figures."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="assessments"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        max_length=8, choices=AssessmentStatus.choices, default=AssessmentStatus.OPEN
    )
    # The coordinator's main findings, per indicator group ("1" … "6") and "summary".
    findings: models.JSONField[dict[str, str]] = models.JSONField(default=dict, blank=True)
    # Quality check results at freezing time (list of dicts), for the report's annex.
    quality: models.JSONField[list[dict[str, Any]]] = models.JSONField(default=list, blank=True)
    frozen_at = models.DateTimeField(null=True, blank=True)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("situation assessment")
        verbose_name_plural = _("situation assessments")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year"], name="assessment_unique_per_year"
            ),
            models.CheckConstraint(
                condition=Q(status="open") | Q(frozen_at__isnull=False),
                name="assessment_frozen_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.year}"


class ValueOrigin(models.TextChoices):
    REPORTED = "reported", _("reported by institutions")
    COMPUTED = "computed", _("computed from the system's records")


class FrozenValue(models.Model):
    """A figure of a frozen assessment: the municipality's total for one cell and semester.

    Reported values are summed over the municipality's approved submissions (several schools
    report E2); computed ones come from the records as of the period's end.
    """

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="values")
    definition = models.ForeignKey(
        IndicatorDefinition, on_delete=models.PROTECT, related_name="frozen_values"
    )
    semester = models.PositiveSmallIntegerField(default=0)
    cell = models.CharField(max_length=80)
    origin = models.CharField(max_length=10, choices=ValueOrigin.choices)
    state = models.CharField(max_length=16, choices=ValueState.choices)
    amount = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "definition", "semester", "cell", "origin"],
                name="frozen_value_unique_cell",
            ),
            models.CheckConstraint(
                condition=(Q(state="number") & Q(amount__isnull=False))
                | (~Q(state="number") & Q(amount__isnull=True)),
                name="frozen_value_amount_matches_state",
            ),
        ]
        indexes = [models.Index(fields=["definition", "cell"])]

    def __str__(self) -> str:
        return f"{self.cell}: {self.amount if self.state == ValueState.NUMBER else self.state}"


class ReportFileStatus(models.TextChoices):
    PENDING = "pending", _("being prepared")
    READY = "ready", _("ready")
    FAILED = "failed", _("failed")


class ReportBuildFailure(models.TextChoices):
    """Why a build failed: what the page tells the user (the log line says the same)."""

    TIMED_OUT = "timed_out", _("timed out")
    NO_SPACE = "no_space", _("out of disk space")
    CONVERTER_MISSING = "converter", _("converter missing")
    ERROR = "error", _("error")


class ReportFile(models.Model):
    """A generated assessment report (suppressed), built by a background task.

    Keyed by the assessment's freezing time: freezing again makes a new report. The content
    is aggregate and suppressed, the same as anyone allowed to download it would get.
    """

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="files")
    fmt = models.CharField(max_length=4, choices=[("docx", "Word"), ("pdf", "PDF")])
    frozen_at = models.DateTimeField()
    status = models.CharField(
        max_length=8, choices=ReportFileStatus.choices, default=ReportFileStatus.PENDING
    )
    content = models.BinaryField(null=True, blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    # Set when a worker takes the build: a build pending past REPORT_BUILD_TIMEOUT_SECONDS
    # (its worker killed, or no worker running) counts as failed (report_files.py).
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    failure = models.CharField(
        max_length=16, choices=ReportBuildFailure.choices, blank=True, default=""
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "fmt", "frozen_at"], name="report_file_unique"
            ),
            models.CheckConstraint(
                condition=~Q(status="ready") | Q(content__isnull=False),
                name="report_file_ready_has_content",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessment} {self.fmt} {self.status}"


class QualityResult(models.Model):
    """The quality checks of a municipality's year as last computed, in both languages, with
    the stamp of the data they were computed from: the page reads them while the stamp holds
    and computes them again once the data has changed (``quality_store``, ADR 0021)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    stamp = models.CharField(max_length=200)
    # {"lv": [finding, …], "en": [finding, …]}, each finding as ``quality.Finding.as_json``.
    findings = models.JSONField(default=dict)
    computed_at = models.DateTimeField()
    took_ms = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year"], name="quality_result_once_per_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.year}"
