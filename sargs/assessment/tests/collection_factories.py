"""Building periods and submissions for tests (collection part; others may import it)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from sargs.organisations.models import Institution, User

from .. import services
from ..models import ReportingPeriod, Submission
from ..selectors import Key, Value, definitions_for

PAST = datetime.date(2026, 1, 2)


def make_period(
    year: int = 2025,
    semester: int = 0,
    *,
    opens_on: datetime.date = PAST,
    deadline: datetime.date = datetime.date(2026, 2, 2),
) -> ReportingPeriod:
    """A period whose collection has opened (the default: the year 2025)."""
    return ReportingPeriod.objects.create(
        year=year, semester=semester, opens_on=opens_on, deadline=deadline
    )


def all_values(submission: Submission, amount: int = 3) -> dict[Key, Value]:
    """Every cell of the submission as a number (parts of a total share it evenly enough)."""
    return {
        (d.pk, cell): ("number", Decimal(amount))
        for d in definitions_for(submission.institution, submission.period)
        for cell in d.cells
    }


def filled_submission(
    institution: Institution, period: ReportingPeriod, actor: User, amount: int = 3
) -> Submission:
    submission = services.submission_for(institution=institution, period=period)
    services.save_values(actor=actor, submission=submission, values=all_values(submission, amount))
    return submission


def approved_submission(
    institution: Institution,
    period: ReportingPeriod,
    reporter: User,
    coordinator: User,
    amount: int = 3,
) -> Submission:
    """A submission filled with ``amount`` in every cell, submitted and approved."""
    submission = filled_submission(institution, period, reporter, amount)
    services.submit(actor=reporter, submission=submission)
    services.approve(actor=coordinator, submission=submission)
    return submission
