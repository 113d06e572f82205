"""Frozen assessments and child population for the output tests (dashboard, report, API)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from sargs.assessment.models import (
    Assessment,
    AssessmentStatus,
    ChildPopulation,
    FrozenValue,
    Indicator,
    ValueOrigin,
    ValueState,
)
from sargs.organisations.models import Municipality


def frozen_assessment(
    municipality: Municipality,
    year: int,
    values: dict[str, dict[str, int | str | None]],
    *,
    semester: dict[str, int] | None = None,
    origin: str = ValueOrigin.REPORTED,
    quality: list[dict[str, object]] | None = None,
) -> Assessment:
    """``values``: {"F3": {"children": 12, "children|form=foster_family": 3, …}, …}; a value
    of ``"not_reported"``/``"not_applicable"`` is stored as that state."""
    assessment, _ = Assessment.objects.update_or_create(
        municipality=municipality,
        year=year,
        defaults={
            "status": AssessmentStatus.FROZEN,
            "frozen_at": timezone.now(),
            "quality": quality or [],
        },
    )
    definitions = {
        i.code: i.current_definition() for i in Indicator.objects.filter(code__in=values)
    }
    for code, cells in values.items():
        for cell, value in cells.items():
            number = isinstance(value, int)
            FrozenValue.objects.update_or_create(
                assessment=assessment,
                definition=definitions[code],
                semester=(semester or {}).get(code, 0),
                cell=cell,
                origin=origin,
                defaults={
                    "state": ValueState.NUMBER if number else str(value),
                    "amount": Decimal(value) if number else None,
                },
            )
    return assessment


def population(municipality: Municipality, year: int, children: int = 8500) -> None:
    """Children on 1 January of ``year``, split roughly as PMLP publishes them."""
    young = children * 4 // 10
    old = children - young
    for age, count in (("0_6", young), ("7_17", old)):
        girls = count // 2
        for sex, n in (("f", girls), ("m", count - girls)):
            ChildPopulation.objects.update_or_create(
                municipality=municipality,
                reference_date=datetime.date(year, 1, 1),
                age_group=age,
                sex=sex,
                defaults={"count": n},
            )
