"""Building periods, submissions and frozen values directly, for the quality part's tests."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from sargs.assessment.models import (
    Assessment,
    AssessmentStatus,
    FrozenValue,
    Indicator,
    IndicatorDefinition,
    ReportedValue,
    ReportingPeriod,
    Submission,
    SubmissionAction,
    SubmissionEvent,
    SubmissionStatus,
    ValueOrigin,
    ValueState,
)
from sargs.organisations.models import Institution, Municipality, User

YEAR = 2025


def definition(code: str) -> IndicatorDefinition:
    return Indicator.objects.get(code=code).current_definition()


def period(year: int = YEAR, semester: int = 0, deadline: datetime.date | None = None):
    opens, due = datetime.date(year, 1, 1), datetime.date(year + 1, 2, 1)
    if semester == 1:
        opens, due = datetime.date(year, 6, 1), datetime.date(year, 7, 31)
    elif semester == 2:
        opens, due = datetime.date(year, 12, 1), datetime.date(year + 1, 1, 31)
    return ReportingPeriod.objects.get_or_create(
        year=year, semester=semester, defaults={"opens_on": opens, "deadline": deadline or due}
    )[0]


def submission(
    institution: Institution,
    reporting_period: ReportingPeriod,
    values: dict[tuple[str, str], Decimal | int | str] | None = None,
    *,
    status: str = SubmissionStatus.APPROVED,
    fill: bool = True,
    submitted_on: datetime.date | None = None,
    actor: User | None = None,
) -> Submission:
    """A submission with ``values`` ({(code, cell): amount or a state}); with ``fill`` every
    other cell the institution owes is 0."""
    actor = actor or User.objects.order_by("pk").first()
    day = submitted_on or reporting_period.opens_on
    at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    sent = status in (SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED)
    decided = status == SubmissionStatus.APPROVED
    sub = Submission.objects.create(
        period=reporting_period,
        institution=institution,
        municipality=institution.municipality,
        status=status,
        submitted_at=at if sent else None,
        submitted_by=actor if sent else None,
        decided_at=at if decided else None,
        decided_by=actor if decided else None,
    )
    cells: dict[tuple[str, str], Decimal | int | str] = {}
    if fill:
        for d in IndicatorDefinition.objects.filter(
            reporter_type=institution.type, period_kind=reporting_period.kind
        ).select_related("indicator"):
            if d != d.indicator.current_definition():
                continue
            for cell in d.cells:
                cells[(d.indicator.code, cell)] = 0
    cells.update(values or {})
    for (code, cell), value in cells.items():
        state = value if isinstance(value, str) else ValueState.NUMBER
        ReportedValue.objects.create(
            submission=sub,
            definition=definition(code),
            cell=cell,
            state=state,
            amount=None if isinstance(value, str) else Decimal(value),
        )
    if sent:
        assert actor is not None
        event = SubmissionEvent.objects.create(
            submission=sub, action=SubmissionAction.SUBMIT, actor=actor
        )
        SubmissionEvent.objects.filter(pk=event.pk).update(at=at)
    return sub


def frozen(
    municipality: Municipality,
    year: int,
    values: dict[tuple[str, str], int],
    *,
    semester: int = 0,
    origin: str = ValueOrigin.REPORTED,
) -> Assessment:
    assessment, _ = Assessment.objects.get_or_create(
        municipality=municipality,
        year=year,
        defaults={"status": AssessmentStatus.FROZEN, "frozen_at": timezone.now()},
    )
    for (code, cell), amount in values.items():
        FrozenValue.objects.create(
            assessment=assessment,
            definition=definition(code),
            semester=semester,
            cell=cell,
            origin=origin,
            state=ValueState.NUMBER,
            amount=Decimal(amount),
        )
    return assessment
