"""Demo data of the situation assessment: child population, three frozen years of the demo
municipality and of a few others (so national and same-kind comparisons show something), and
the current year's reporting periods with collection under way.

The figures are made up but of a realistic size: the national reference figures of domain.md
§3 (344,000 children; 5,286 in out-of-family care = 1,323 foster family, 3,445 guardianship,
518 institution; 1,162 custody suspensions and 379 restorations a year; 712 foster families)
scaled to each municipality's children, with a seeded random spread so that the same run
gives the same numbers. Safe to run again.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from itertools import product

from django.db import transaction
from django.utils import timezone

from sargs.organisations.demo import DEMO_MUNICIPALITY
from sargs.organisations.models import Institution, Municipality, User
from sargs.organisations.roles import InstitutionType

from . import selectors, services
from .catalogue import INDICATORS, IndicatorSpec, Measure, cell_key
from .models import (
    Assessment,
    AssessmentStatus,
    ChildPopulation,
    FrozenValue,
    Indicator,
    IndicatorDefinition,
    ReportingPeriod,
    SubmissionStatus,
    ValueOrigin,
    ValueState,
)

NATIONAL_CHILDREN = 344_000
# Children 0–17 per municipality (about; the demo municipality has ~48,000 inhabitants).
MUNICIPALITIES = {
    DEMO_MUNICIPALITY: 8_500,  # Valmieras novads
    "0049000": 3_600,  # Smiltenes novads
    "0026000": 7_400,  # Cēsu novads
    "0053000": 1_700,  # Valkas novads
    "0035000": 5_000,  # Limbažu novads
    "0003000": 11_000,  # Jelgava (state city)
}

# Per 1,000 children: each indicator's first measure total, and further measures as a share
# of it (or per 1,000 where marked "rate").
RATES: dict[str, dict[str, float]] = {
    "E1": {"children": 1.6},
    "E2": {"pupils": 11.0},
    "E3": {"cases": 3.2},
    "L1": {"families": 7.0, "children": 14.0},
    "L2": {"families": 22.0, "children": 41.0},
    "L3": {"families": 29.0, "children": 61.0, "amount": 21_000.0},
    "S1": {"children": 4.5},
    "S2": {"children": 1.8},
    "S3": {"measures": 3.5, "participants": 210.0},
    "S4": {"offers": 14.0, "places": 350.0, "participants": 320.0},
    "S5": {"events": 2.8, "participants": 41.0},
    "N1": {"accessible": 3.2, "total": 5.3},
    "N2": {"programmes": 1.6, "pupils": 31.0},
    "N3": {"families": 8.2, "children": 9.4},
    "F1": {"suspended": 3.1, "deprived": 0.35},
    "F2": {"restored": 1.1},
    "F3": {"children": 15.4},
    "F4": {"families": 2.07, "specialised": 0.45},
    "P1": {"with_council": 2.1, "schools": 2.6},
    "P2": {"decisions": 0.5},
    "P3": {"measures": 1.2, "participants": 47.0},
}
# Shares of the parts of each dimension (the rest goes to the last part).
SHARES: dict[str, tuple[float, ...]] = {
    "age": (0.38,),
    "sex": (0.49,),
    "form": (0.25, 0.65),  # foster family, guardianship, institution (national 2023)
    "kind": (0.45, 0.45),  # physical, emotional, sexual
    "offence": (0.3,),  # criminal, administrative
    "service": (0.22, 0.2, 0.06, 0.14, 0.25),
}


def _split(total: int, shares: tuple[float, ...], rng: random.Random) -> list[int]:
    parts = []
    left = total
    for share in shares:
        part = min(left, max(0, round(total * share * rng.uniform(0.8, 1.2))))
        parts.append(part)
        left -= part
    return [*parts, left]


def _measure_cells(measure: Measure, total: int, rng: random.Random) -> dict[str, int]:
    cells = {cell_key(measure.key): total}
    for dimension in measure.dimensions:
        parts = _split(total, SHARES[dimension.key][: len(dimension.categories) - 1], rng)
        for (category, _label), value in zip(dimension.categories, parts, strict=True):
            cells[cell_key(measure.key, dimension.key, category)] = value
    return cells


def demo_values(spec: IndicatorSpec, children: int, seed: str) -> dict[str, int]:
    """One municipality's cells of one indicator and period."""
    rng = random.Random(seed)  # noqa: S311 (made-up demo figures, repeatable on purpose)
    rates = RATES[spec.code]
    values: dict[str, int] = {}
    for measure in spec.measures:
        expected = rates[measure.key] * children / 1000
        total = max(0, round(expected * rng.uniform(0.8, 1.2)))
        values |= _measure_cells(measure, total, rng)
    for part, whole in spec.not_above:
        values[part] = min(values[part], values[whole])
    return values


def _population(municipality: Municipality, year: int, children: int) -> None:
    rng = random.Random(f"population-{municipality.atvk}-{year}")  # noqa: S311
    count = round(children * (1 - 0.012 * (timezone.localdate().year - year)))
    young = round(count * 0.37)
    for age, n in (("0_6", young), ("7_17", count - young)):
        girls = round(n * rng.uniform(0.48, 0.5))
        for sex, value in (("f", girls), ("m", n - girls)):
            ChildPopulation.objects.update_or_create(
                municipality=municipality,
                reference_date=datetime.date(year, 1, 1),
                age_group=age,
                sex=sex,
                defaults={"count": value},
            )


def _quality(year: int) -> list[dict[str, object]]:
    return [
        {
            "code": "year_change",
            "severity": "warning",
            "indicator": "F1",
            "institution_id": None,
            "message": f"F1: pārtraukto aizgādības tiesību skaits {year}. gadā būtiski atšķiras "
            "no iepriekšējā gada; lūdzu, pārbaudiet.",
            "semester": 0,
            "submission_id": None,
        },
        {
            "code": "timeliness",
            "severity": "info",
            "indicator": "",
            "institution_id": None,
            "message": "Viena izglītības iestāde iesniedza datus pēc termiņa.",
            "semester": 0,
            "submission_id": None,
        },
    ]


FINDINGS = {
    "summary": "Kopumā bērnu tiesību aizsardzības situācija novadā ir stabila. Ārpusģimenes "
    "aprūpē esošo bērnu skaits nedaudz samazinās, un arvien vairāk bērnu aug ģimeniskā vidē.",
    "1": "Neattaisnoto kavējumu skaits otrajā semestrī ir lielāks nekā pirmajā.",
    "5": "Audžuģimeņu skaits nav pietiekams; nepieciešams turpināt to piesaisti.",
}


def _freeze(
    municipality: Municipality,
    year: int,
    children: int,
    definitions: dict[str, IndicatorDefinition],
) -> Assessment:
    frozen_at = timezone.make_aware(datetime.datetime(year + 1, 2, 20, 10, 0))
    coordinator = User.objects.filter(username="koordinators").first()
    assessment, _ = Assessment.objects.update_or_create(
        municipality=municipality,
        year=year,
        defaults={
            "status": AssessmentStatus.FROZEN,
            "frozen_at": frozen_at,
            "frozen_by": coordinator if municipality.atvk == DEMO_MUNICIPALITY else None,
            "quality": _quality(year),
        },
    )
    if municipality.atvk == DEMO_MUNICIPALITY and not assessment.findings:
        assessment.findings = FINDINGS
        assessment.save(update_fields=["findings", "updated_at"])
    assessment.values.all().delete()
    rows = []
    for spec in INDICATORS:
        origin = ValueOrigin.COMPUTED if spec.computable == "yes" else ValueOrigin.REPORTED
        # Where the records compute the indicator (in full or in part), both figures are
        # frozen and they differ a little, as they do in practice; figures.py decides which
        # one stands, and every output must show that one.
        origins = [(origin, "")]
        if spec.computable != "no":
            other = ValueOrigin.REPORTED if origin == ValueOrigin.COMPUTED else ValueOrigin.COMPUTED
            origins.append((other, "-other"))
        semesters = (1, 2) if spec.period == "semester" else (0,)
        for (value_origin, suffix), semester in product(origins, semesters):
            seed = f"{municipality.atvk}-{year}-{spec.code}-{semester}{suffix}"
            for cell, value in demo_values(spec, children, seed).items():
                rows.append(
                    FrozenValue(
                        assessment=assessment,
                        definition=definitions[spec.code],
                        semester=semester,
                        cell=cell,
                        origin=value_origin,
                        state=ValueState.NUMBER,
                        amount=Decimal(value),
                    )
                )
    FrozenValue.objects.bulk_create(rows)
    return assessment


@transaction.atomic
def load_assessment_demo() -> dict[str, int]:
    """Create or refresh the assessment demo data; safe to run again."""
    this_year = timezone.localdate().year
    frozen_years = [this_year - 3, this_year - 2, this_year - 1]
    definitions: dict[str, IndicatorDefinition] = {
        i.code: i.current_definition() for i in Indicator.objects.prefetch_related("definitions")
    }
    for year in [*frozen_years, this_year]:
        for semester in (0, 1, 2):
            opens_on, deadline = services.default_dates(year, semester)
            ReportingPeriod.objects.get_or_create(
                year=year, semester=semester, defaults={"opens_on": opens_on, "deadline": deadline}
            )
    frozen = 0
    for atvk, children in MUNICIPALITIES.items():
        municipality = Municipality.objects.get(atvk=atvk)
        for year in [*frozen_years, this_year]:
            _population(municipality, year, children)
        for year in frozen_years:
            _freeze(municipality, year, children, definitions)
            frozen += 1
    demo = Municipality.objects.get(atvk=DEMO_MUNICIPALITY)
    Assessment.objects.get_or_create(municipality=demo, year=this_year)
    return {"municipalities": len(MUNICIPALITIES), "frozen_assessments": frozen}


# --- Collection under way ----------------------------------------------------------------------

# The demo school's E2 for the 2nd semester (January–June) of the current year: pupils, girls,
# boys.
SCHOOL_E2 = {"pupils": 14, "pupils|sex=f": 6, "pupils|sex=m": 8}
# Share of the social service's annual cells it has filled in its draft.
SOCIAL_DRAFT_CELLS = 6


def _demo_reporter(institution_type: str, username: str) -> tuple[Institution, User] | None:
    user = User.objects.filter(username=username).first()
    if user is None:
        return None
    institution = (
        Institution.objects.filter(
            municipality__atvk=DEMO_MUNICIPALITY,
            type=institution_type,
            memberships__user=user,
        )
        .order_by("pk")
        .first()
    )
    return (institution, user) if institution is not None else None


def _period(year: int, semester: int) -> ReportingPeriod | None:
    """The period when its collection has opened (services refuse earlier submissions)."""
    return ReportingPeriod.objects.filter(
        year=year, semester=semester, opens_on__lte=timezone.localdate()
    ).first()


def _school_submits(year: int) -> int:
    reporter = _demo_reporter(InstitutionType.SCHOOL, "skola")
    period = _period(year, 2)
    if reporter is None or period is None:
        return 0
    school, user = reporter
    submission = services.submission_for(institution=school, period=period)
    if submission.status != SubmissionStatus.DRAFT or submission.values.exists():
        return 0
    values: dict[selectors.Key, selectors.Value] = {
        (info.definition.pk, info.cell): (ValueState.NUMBER, Decimal(SCHOOL_E2.get(info.cell, 0)))
        for info in selectors.cells_for(selectors.definitions_for(school, period))
    }
    services.save_values(actor=user, submission=submission, values=values)
    services.submit(actor=user, submission=submission)
    return 1


def _social_drafts(year: int) -> int:
    """A draft with the first cells of the year filled, once the year's collection opens."""
    reporter = _demo_reporter(InstitutionType.SOCIAL_SERVICE, "socialais")
    period = _period(year, 0)
    if reporter is None or period is None:
        return 0
    social, user = reporter
    submission = services.submission_for(institution=social, period=period)
    if submission.values.exists():
        return 0
    rng = random.Random(f"collection-{year}")  # noqa: S311 (repeatable demo figures)
    cells = selectors.cells_for(selectors.definitions_for(social, period))[:SOCIAL_DRAFT_CELLS]
    values: dict[selectors.Key, selectors.Value] = {
        (info.definition.pk, info.cell): (ValueState.NUMBER, Decimal(rng.randint(5, 60)))
        for info in cells
    }
    services.save_values(actor=user, submission=submission, values=values)
    return 1


@transaction.atomic
def load_collection_demo() -> dict[str, int]:
    """The current year's collection under way: the demo school submits E2 for the 2nd semester
    (for the coordinator to approve) and the social service keeps a draft of the year, each
    once its period has opened. Safe to run again: filled submissions are left alone."""
    year = timezone.localdate().year
    return {"submitted": _school_submits(year), "drafts": _social_drafts(year)}


# Found by `manage.py demo_data` (sargs.core.demo), after the apps below this one.
DEMO_PARTS = [("assessment", load_assessment_demo), ("collection", load_collection_demo)]
