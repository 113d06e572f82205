"""Every legal term Sargs counts, named once with its source; month arithmetic beside the
working-day calendar (:mod:`sargs.core.workdays`).

A term the law texts here settle is a constant with its source. A term they do not settle is a
setting (config/settings.py, read from the environment) and says so; :func:`term` reads it, so
a test can override it. Counting: days are working days (Latvian calendar, workdays.py); a term
of months ends on the same day so many months later, moved off a day off (``month_term``).

Terms are added here, not in the app that counts them; the apps import their names.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from django.conf import settings

from .workdays import next_working_day


# --- Month arithmetic -----------------------------------------------------------------------
def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (the month's last day when it has fewer days)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def month_term(event: datetime.date, months: int = 1) -> datetime.date:
    """A term of months after ``event``; an end on a day off moves to the next working day."""
    return next_working_day(add_months(event, months))


# --- The terms ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Term:
    """A length of time the law (or, where it is silent, the municipality) sets."""

    name: str
    length: int
    unit: str  # "working days", "days", "months"
    source: str
    setting: str = ""  # the setting that overrides ``length`` ("" = settled by law)

    @property
    def value(self) -> int:
        """The length in force: the setting when there is one, else the law's."""
        if self.setting:
            return int(getattr(settings, self.setting, self.length))
        return self.length


# Settled by the law texts at hand.
COURT_DECISION_MONTHS = Term(
    "orphan's court decision",
    1,
    "months",
    "Administrative Procedure Law (domain.md §9): an application is decided within one month",
)
COURT_DECISION_MAX_MONTHS = Term(
    "orphan's court decision, extended at most to",
    4,
    "months",
    "Administrative Procedure Law (domain.md §9): extendable to four months",
)
DEPRIVATION_REVIEW_MONTHS = Term(
    "review of suspended custody for deprivation",
    12,
    "months",
    "Civil Law 203 (domain.md §6): not restorable within one year → decide on deprivation",
)
SHORT_TERM_INSTITUTIONAL_CARE_MONTHS = Term(
    "short-term care in an institution",
    3,
    "months",
    "BTAL 37(4) (2017 text): short-term care in a childcare institution up to three months",
)
SUBJECT_REQUEST_ANSWER_MONTHS = Term(
    "answer to a data subject's request",
    1,
    "months",
    "GDPR article 12(3): without undue delay and within one month of receipt",
)
COLLECTION_YEAR_DEADLINE = (2, 1)  # (month, day) of the next year: 1 February
COLLECTION_YEAR_DEADLINE_SOURCE = (
    "domain.md §3: orphan's courts file the year's statistics by 1 February"
)

# Not settled by the law texts at hand: settings (config/settings.py says why each default).
PLACEMENT_REVIEW_MONTHS = Term(
    "review of a placement other than short-term institutional care",
    12,
    "months",
    "not in the law texts at hand: Sargs asks the court to look again after a year",
    "PLACEMENT_REVIEW_MONTHS",
)
CONCERN_TRIAGE = Term(
    "triage of a concern",
    3,
    "working days",
    "not set by law: the municipality's procedure",
    "CONCERN_TRIAGE_WORKING_DAYS",
)
CONCERN_DANGER_TRIAGE = Term(
    "triage of a concern about danger to life or health",
    0,
    "working days",
    "BTAL 67(5): help in danger at once; 0 = the same working day",
    "CONCERN_DANGER_TRIAGE_WORKING_DAYS",
)
COURT_MATTER_SOCIAL_SERVICE = Term(
    "social service's answer to a court matter",
    10,
    "working days",
    "Orphan's Court Law 17(5) sets no term",
    "COURT_MATTER_SOCIAL_SERVICE_DAYS",
)
SUPPORT_GAP = Term(
    "a planned problem without an active service",
    30,
    "days",
    "Supreme Court: support lasts while its causes last; no number of days",
    "SUPPORT_GAP_DAYS",
)
CRISIS_PLAN = Term(
    "rehabilitation plan after a removal",
    10,
    "working days",
    "domain.md §8: the guideline names the plan, not a term",
    "CRISIS_PLAN_WORKING_DAYS",
)
COLLECTION_SEMESTER = Term(
    "an institution's semester figures after the semester ends",
    20,
    "working days",
    "not set by law: the coordinator may set each period's own deadline",
    "COLLECTION_SEMESTER_WORKING_DAYS",
)

#: Every term, for the documentation and the tests.
TERMS: tuple[Term, ...] = (
    COURT_DECISION_MONTHS,
    COURT_DECISION_MAX_MONTHS,
    DEPRIVATION_REVIEW_MONTHS,
    SHORT_TERM_INSTITUTIONAL_CARE_MONTHS,
    SUBJECT_REQUEST_ANSWER_MONTHS,
    PLACEMENT_REVIEW_MONTHS,
    CONCERN_TRIAGE,
    CONCERN_DANGER_TRIAGE,
    COURT_MATTER_SOCIAL_SERVICE,
    SUPPORT_GAP,
    CRISIS_PLAN,
    COLLECTION_SEMESTER,
)


def collection_year_deadline(year: int) -> datetime.date:
    """The year's figures are due by 1 February of the next year (or the next working day)."""
    month, day = COLLECTION_YEAR_DEADLINE
    return next_working_day(datetime.date(year + 1, month, day))
