"""Test data for the programme: frozen assessments written directly, and a programme with a
priority and an activity."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from sargs.assessment.models import (
    Assessment,
    AssessmentStatus,
    FrozenValue,
    IndicatorDefinition,
    ValueOrigin,
    ValueState,
)
from sargs.organisations.models import Municipality, User
from sargs.programme import services
from sargs.programme.models import Activity, FundingSource, Programme

# (code, cell) → figure per year: small counts included, so suppression shows.
FIGURES = {
    ("F3", "children"): {2024: 12, 2025: 9},
    ("F1", "suspended"): {2024: 3, 2025: 2},
    ("L3", "amount"): {2024: Decimal("15300.50"), 2025: Decimal("16100.00")},
    ("E2", "pupils"): {2024: 20, 2025: 14},  # a semester indicator: split over semesters
}


def frozen_assessment(municipality: Municipality, year: int) -> Assessment:
    """A frozen assessment with a few figures, as the assessment app would leave it."""
    assessment = Assessment.objects.create(
        municipality=municipality,
        year=year,
        status=AssessmentStatus.FROZEN,
        frozen_at=timezone.now(),
    )
    for (code, cell), by_year in FIGURES.items():
        if year not in by_year:
            continue
        definition = IndicatorDefinition.objects.filter(indicator__code=code).latest("version")
        amount = Decimal(by_year[year])
        semesters = [(1, amount / 2), (2, amount / 2)] if code == "E2" else [(0, amount)]
        for semester, value in semesters:
            FrozenValue.objects.create(
                assessment=assessment,
                definition=definition,
                semester=semester,
                cell=cell,
                origin=ValueOrigin.REPORTED,
                state=ValueState.NUMBER,
                amount=value,
            )
    return assessment


def draft_programme(
    coordinator: User,
    municipality: Municipality,
    responsible: object,
    *,
    years: tuple[int, int] = (2026, 2028),
) -> tuple[Programme, Activity]:
    """A draft programme with one priority and one activity costing 1 000 + 2 500 EUR."""
    programme = services.programme_create(
        actor=coordinator,
        municipality=municipality,
        title="Bērnu tiesību aizsardzības programma",
        start_year=years[0],
        end_year=years[1],
    )
    version = programme.versions.get()
    priority = services.priority_save(actor=coordinator, version=version, title="Ģimenes atbalsts")
    activity = services.activity_save(
        actor=coordinator,
        version=version,
        priority=priority,
        title="Ģimenes asistenta pakalpojums",
        responsible=responsible,  # type: ignore[arg-type]
        deadline=datetime.date(years[0], 12, 31),
        starts_on=datetime.date(years[0], 1, 1),
        costs={
            (years[0], FundingSource.EXISTING): Decimal("1000.00"),
            (years[0], FundingSource.MUNICIPAL): Decimal("2500.00"),
        },
    )
    return programme, activity


def approve(coordinator: User, programme: Programme) -> None:
    version = programme.versions.get(status="draft")
    services.version_approve(
        actor=coordinator,
        version=version,
        decision_number="12/5",
        decision_date=datetime.date(2026, 1, 29),
    )


def monitored_programme(cast) -> Programme:
    """An approved programme with an indicator, a child on its council and a monitoring
    report that puts its activity at risk."""
    programme, activity = draft_programme(
        cast.coordinator, cast.municipality_a, cast.institutions["a_social"]
    )
    services.indicator_add(
        actor=cast.coordinator,
        activity=activity,
        name="Ģimenes ar asistentu",
        unit="families",
        baseline=Decimal(3),
        target=Decimal(12),
    )
    services.council_member_add(
        actor=cast.coordinator, programme=programme, kind="child", name="Anna", age_group="13_15"
    )
    approve(cast.coordinator, programme)
    services.monitoring_report_create(
        actor=cast.social_worker,
        activity=activity,
        as_of=datetime.date(2026, 7, 1),
        status="in_progress",
        spent=Decimal("3000.00"),
        narrative="Pieaudzis pieprasījums.",
        actuals={activity.indicators.get().pk: Decimal(2)},
    )
    return programme
