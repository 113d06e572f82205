"""What each simulated user of the load test does: per role, that role's main pages.

Plain data, without Django: ``loadtest/locustfile.py`` reads it in the locust process,
``manage.py loadtest_sessions`` reads which records (``{case}``, ``{group}``, …) each user
needs, and ``sargs/scale/tests/test_loadtest_pages.py`` checks that every address resolves and
answers each role at the tiny scale, so the load test cannot silently measure 404s.

The mix of users (``MIX``) and its reasons are in docs/performance.md ("Under load").
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    """One thing a user does: ``name`` in the results, ``path`` with ``{kind}`` for a record
    the user works on, how often (``weight``) against the role's other pages; a POST sends
    ``data`` (the CSRF token added), ``once`` removes the record from the user's list after
    use (a task is completed only once), ``api`` sends the user's API token instead of the
    session."""

    name: str
    path: str
    weight: int = 1
    method: str = "GET"
    data: tuple[tuple[str, str], ...] = ()
    once: bool = False
    api: bool = False


SURNAMES = ("Bērziņ", "Kalniņ", "Ozol", "Liepiņ", "Krūmiņ", "Jansons", "Zariņ", "Vītol")

# Records a user's pages are about; loadtest_sessions finds them per user (RECORD_KINDS there).
RECORD_KINDS = (
    "case",
    "task",
    "proceeding",
    "concern",
    "group",
    "programme",
    "version",
    "submission",
    "referral",
    "indicator",
)

HOME = Page("home", "/", 2)
WORKLIST = Page("worklist", "/cases/worklist/", 3)
CONCERNS = Page("concern list", "/cases/concerns/")
CASE = Page("case page", "/cases/{case}/", 3)
CHILD_SEARCH = Page(
    "child search", "/registry/children/", 2, method="POST", data=(("name", "{surname}"),)
)
HANDOVERS = Page("handovers", "/responsibility/handovers/")
CLAIMS = Page("claims", "/responsibility/claims/")
DASHBOARD = Page("indicator dashboard", "/assessment/dashboard/")
COLLECTION = Page("assessment collection", "/assessment/collection/")
PROGRAMME = Page("programme version", "/programme/versions/{version}/")
PROGRAMME_LIST = Page("programme list", "/programme/")
GROUP = Page("cooperation group", "/cooperation/{group}/")

PAGES: dict[str, tuple[Page, ...]] = {
    "social_worker": (
        HOME,
        WORKLIST,
        CASE,
        CHILD_SEARCH,
        CONCERNS,
        HANDOVERS,
        CLAIMS,
        Page(
            "add timeline note",
            "/cases/{case}/notes/new/",
            method="POST",
            data=(("text", "Sazvanīta māte; vizīte norunāta nākamnedēļ."),),
        ),
        Page(
            "complete task",
            "/cases/tasks/{task}/done/",
            method="POST",
            data=(("result", "Izdarīts."),),
            once=True,
        ),
        Page("API worklist", "/api/v1/worklist/", api=True),
    ),
    "coordinator": (
        HOME,
        WORKLIST,
        CONCERNS,
        Page("case list", "/cases/"),
        CASE,
        CHILD_SEARCH,
        DASHBOARD,
        Page("audit search", "/audit/"),
        COLLECTION,
        Page("assessment checks", "/assessment/quality/"),
        GROUP,
        PROGRAMME,
        Page("programme action plan", "/programme/versions/{version}/plan/"),
        Page("programme monitoring", "/programme/{programme}/monitoring/"),
        HANDOVERS,
        CLAIMS,
        Page("API children", "/api/v1/children/", api=True),
        Page("API audit", "/api/v1/audit/", api=True),
    ),
    "orphans_court_member": (
        HOME,
        WORKLIST,
        Page("court matters", "/cases/proceedings/", 2),
        Page("court matter", "/cases/proceedings/{proceeding}/", 3),
        CHILD_SEARCH,
        CONCERNS,
        HANDOVERS,
    ),
    "police_officer": (
        HOME,
        WORKLIST,
        CONCERNS,
        Page("concern page", "/cases/concerns/{concern}/", 2),
        Page("police part of a case", "/cases/{case}/police/", 2),
        GROUP,
    ),
    "school_staff": (
        HOME,
        WORKLIST,
        Page("worklist for our institution", "/cases/worklist/institution/"),
        CONCERNS,
        Page("concern page", "/cases/concerns/{concern}/"),
        COLLECTION,
        Page("assessment submission", "/assessment/submissions/{submission}/"),
    ),
    "family_assistant": (
        HOME,
        WORKLIST,
        Page("referral list", "/cases/referrals/", 2),
        Page("referral page", "/cases/referrals/{referral}/", 3),
        CONCERNS,
    ),
    "councillor": (
        HOME,
        PROGRAMME_LIST,
        PROGRAMME,
        Page("programme monitoring", "/programme/{programme}/monitoring/"),
        DASHBOARD,
        Page("cooperation group reports", "/cooperation/reports/"),
        Page("cooperation group report", "/cooperation/{group}/report/"),
    ),
    "national_analyst": (
        HOME,
        DASHBOARD,
        Page("indicator page", "/assessment/dashboard/{indicator}/", 2),
        Page("indicator by municipality", "/assessment/dashboard/{indicator}/municipalities/"),
        Page("assessment reports", "/assessment/reports/"),
        Page("service capacity", "/services/capacity/"),
    ),
}

# How many of every 20 simulated users hold each role (docs/performance.md says why).
MIX: dict[str, int] = {
    "social_worker": 8,
    "coordinator": 2,
    "orphans_court_member": 2,
    "police_officer": 2,
    "school_staff": 2,
    "family_assistant": 2,
    "councillor": 1,
    "national_analyst": 1,
}


def users_per_role(total: int) -> dict[str, int]:
    """``total`` users shared out in the proportions of ``MIX`` (largest remainders), every
    role at least one user once there are as many users as roles."""
    weight = sum(MIX.values())
    exact = {role: total * share / weight for role, share in MIX.items()}
    counts = {role: int(value) for role, value in exact.items()}
    if total >= len(MIX):
        counts = {role: max(1, n) for role, n in counts.items()}
    by_remainder = sorted(MIX, key=lambda role: (counts[role] - exact[role], -MIX[role]))
    i = 0
    while sum(counts.values()) < total:
        counts[by_remainder[i % len(MIX)]] += 1
        i += 1
    while sum(counts.values()) > total:  # the floor of one gave more than total
        role = max((r for r in counts if counts[r] > 1), key=lambda r: counts[r] - exact[r])
        counts[role] -= 1
    return counts


def records_needed(role: str) -> set[str]:
    """The record kinds the role's pages need."""
    kinds = set()
    for page in PAGES[role]:
        for kind in RECORD_KINDS:
            if "{" + kind + "}" in page.path:
                kinds.add(kind)
    return kinds
