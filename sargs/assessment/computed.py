"""Indicators the system computes from its own records (catalogue ``computable``).

``compute(municipality, year, semester)`` counts, for the period (the year, or one of its
halves), what the records say as of the period's end: an event counts when its own date
(case opened, custody decision in effect, placement started, concern observed) falls in the
period, whenever it was typed in, so a figure frozen in February includes January's late
entries for December. Each indicator is one aggregate query, so the national view stays fast.

Whose children: a case's and a concern's ``municipality``; for out-of-family care the
municipality whose orphan's court decided it (BTAL 67(4)); for custody the municipality that
keeps the child's record.

What the records cannot say (so those cells are not computed, and institutions report them):

* E2: the system holds concerns about unexcused absence, not the count of missed lessons;
  a concern in the semester stands for "more than 20 lessons". Sex only when every concern
  is linked to a registry child.
* E3, S1: the kind of offence (criminal/administrative) is not recorded; sex only when every
  concern is linked to a child. E3 counts concerns (cases), a concern may name several kinds.
* N3 is not computed: "special needs" is wider than the disability the registry records, and
  an indicator marked computable must compute its whole definition (issue 17).
* F4 comes from the orphan's court's foster family register (sargs/cases/court/register.py):
  families registered in the municipality and not removed at the period's end, with or
  without a child placed; specialised = specialised and crisis families (a crisis foster
  family is a specialised one, domain.md §6).
* F1/F2 count every custody record by its own date, whether it came through the orphan's
  court's matter or was entered in the registry as history from before Sargs: the definition
  counts decisions made in the year, not how they reached Sargs, and the registry takes history
  only from before the child was registered (sargs/registry/services.custody_history_add).
* S5: only parent-group service episodes are known: participants = families in a parent
  group during the year; events (group meetings) are not recorded.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Case as CaseWhen
from django.db.models import CharField, Count, Q, QuerySet, Value, When
from django.db.models.functions import Cast, Concat, Lower

from sargs.cases.casework.models import Case
from sargs.cases.concerns.models import Concern, ConcernCategory, ConcernPlace
from sargs.cases.court.models import SPECIALISED_KINDS, CareForm, FosterFamily, Placement
from sargs.cases.referrals.models import Referral, ReferralStatus
from sargs.organisations.models import Municipality
from sargs.registry.models import CustodyRecord, CustodyStatus, Sex

Values = dict[tuple[str, str], Decimal]

# Catalogue FAMILY_SERVICE categories ← national service type codes (sargs/services).
PARENT_GROUP_PREFIX = "parent-group-"
SERVICE_CATEGORIES: dict[str, tuple[str, ...]] = {
    "family_assistant": ("family-assistant",),
    "support_centre": (
        "family-support-centre",
        "individual-consultations",
        "playroom",
        "mother-and-child",
        "after-school-leisure",
    ),
    "crisis": ("crisis-intervention-team",),
    "psychologist": ("psychologist",),
}
STARTED_REFERRAL = (
    ReferralStatus.IN_PROGRESS.value,
    ReferralStatus.COMPLETED.value,
    ReferralStatus.ENDED.value,
)
VIOLENCE = {
    "physical": ConcernCategory.PHYSICAL_VIOLENCE.value,
    "emotional": ConcernCategory.EMOTIONAL_VIOLENCE.value,
    "sexual": ConcernCategory.SEXUAL_VIOLENCE.value,
}
CARE_FORMS = {
    "foster_family": (
        CareForm.FOSTER_FAMILY.value,
        CareForm.SPECIALISED_FOSTER_FAMILY.value,
        CareForm.CRISIS_FOSTER_FAMILY.value,
    ),
    "guardianship": (CareForm.GUARDIANSHIP.value,),
    "institution": (CareForm.INSTITUTION.value,),
}
SEMESTER_INDICATORS = ("E2",)


def period_bounds(year: int, semester: int = 0) -> tuple[datetime.date, datetime.date]:
    """The calendar year, or a school semester lying in it: the 1st semester of the school
    year starting in ``year`` (September–December) or the 2nd semester of the school year
    ending in it (January to the end of the school year, taken as 30 June: no lessons are
    held in the summer)."""
    if semester == 1:
        return datetime.date(year, 9, 1), datetime.date(year, 12, 31)
    if semester == 2:
        return datetime.date(year, 1, 1), datetime.date(year, 6, 30)
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _has(category: str) -> Q:
    """A concern's JSON list of categories holds ``category`` (portable: SQLite and PostgreSQL
    store the list as text where the quoted element appears as is)."""
    return Q(categories__icontains=f'"{category}"')


class _Children:
    """Distinct-children counts by age group (at the period's end) and sex over one path."""

    def __init__(self, path: str, start: datetime.date, end: datetime.date, extra: Q) -> None:
        self.path = path
        self.extra = extra
        self.child_at_some_point = Q(**{f"{path}__birth_date__gt": _years_before(start, 18)}) & Q(
            **{f"{path}__birth_date__lte": end}
        )
        self.seven = _years_before(end, 7)

    def aggregates(self, prefix: str = "children") -> dict[str, Count]:
        base = self.extra & self.child_at_some_point
        p = self.path
        return {
            prefix: Count(p, distinct=True, filter=base),
            f"{prefix}|age=0_6": Count(
                p, distinct=True, filter=base & Q(**{f"{p}__birth_date__gt": self.seven})
            ),
            f"{prefix}|age=7_17": Count(
                p, distinct=True, filter=base & Q(**{f"{p}__birth_date__lte": self.seven})
            ),
            f"{prefix}|sex=f": Count(
                p, distinct=True, filter=base & Q(**{f"{p}__sex": Sex.FEMALE})
            ),
            f"{prefix}|sex=m": Count(p, distinct=True, filter=base & Q(**{f"{p}__sex": Sex.MALE})),
        }


def _put(values: Values, code: str, counts: dict[str, Any]) -> None:
    for cell, n in counts.items():
        if not cell.startswith("_"):
            values[(code, cell)] = Decimal(n or 0)


def _open_cases(municipality: Municipality, start: datetime.date, end: datetime.date) -> Q:
    return Q(municipality=municipality, opened_on__lte=end) & (
        Q(closed_on__isnull=True) | Q(closed_on__gte=start)
    )


def _started_referral(start: datetime.date, end: datetime.date, prefix: str = "") -> Q:
    return Q(
        **{
            f"{prefix}status__in": STARTED_REFERRAL,
            f"{prefix}started_on__lte": end,
        }
    ) & (Q(**{f"{prefix}ended_on__isnull": True}) | Q(**{f"{prefix}ended_on__gte": start}))


def compute_l1(municipality: Municipality, start: datetime.date, end: datetime.date) -> Values:
    """Families (cases) open at some time in the period and their children."""
    children = _Children("case_children__child", start, end, Q(case_children__added_on__lte=end))
    counts = Case.objects.filter(_open_cases(municipality, start, end)).aggregate(
        families=Count("pk", distinct=True), **children.aggregates()
    )
    values: Values = {}
    _put(values, "L1", counts)
    return values


def compute_l2(municipality: Municipality, start: datetime.date, end: datetime.date) -> Values:
    """Families who received a service in the period (a started referral), by service type."""
    code = "service__service_type__code"
    named = [c for codes in SERVICE_CATEGORIES.values() for c in codes]
    parts: dict[str, Count] = {
        f"families|service={cat}": Count("case", distinct=True, filter=Q(**{f"{code}__in": codes}))
        for cat, codes in SERVICE_CATEGORIES.items()
    }
    parts["families|service=parent_groups"] = Count(
        "case",
        distinct=True,
        filter=Q(**{f"{code}__startswith": PARENT_GROUP_PREFIX}),
    )
    parts["families|service=other"] = Count(
        "case",
        distinct=True,
        filter=~Q(**{f"{code}__in": named}) & ~Q(**{f"{code}__startswith": PARENT_GROUP_PREFIX}),
    )
    children = _Children(
        "case__case_children__child", start, end, Q(case__case_children__added_on__lte=end)
    )
    counts = (
        Referral.objects.filter(case__municipality=municipality)
        .filter(_started_referral(start, end))
        .aggregate(families=Count("case", distinct=True), **parts, **children.aggregates())
    )
    values: Values = {}
    _put(values, "L2", counts)
    return values


def _custody_in(municipality: Municipality) -> QuerySet[Any]:
    return CustodyRecord.objects.filter(relation__child__municipality=municipality)


def compute_f1(municipality: Municipality, start: datetime.date, end: datetime.date) -> Values:
    """Parents (distinct) whose custody was suspended, or deprived, in the period."""
    parent = "relation__representative"
    counts = (
        _custody_in(municipality)
        .filter(effective_from__range=(start, end))
        .aggregate(
            suspended=Count(parent, distinct=True, filter=Q(status=CustodyStatus.SUSPENDED)),
            deprived=Count(parent, distinct=True, filter=Q(status=CustodyStatus.DEPRIVED)),
        )
    )
    values: Values = {}
    _put(values, "F1", counts)
    return values


def compute_f2(municipality: Municipality, start: datetime.date, end: datetime.date) -> Values:
    """Parents (distinct) whose custody was restored (by the orphan's court or a court)."""
    counts = (
        _custody_in(municipality)
        .filter(
            effective_from__range=(start, end),
            status__in=(CustodyStatus.RESTORED, CustodyStatus.RESTORED_BY_COURT),
        )
        .aggregate(restored=Count("relation__representative", distinct=True))
    )
    values: Values = {}
    _put(values, "F2", counts)
    return values


def compute_f4(municipality: Municipality, start: datetime.date, end: datetime.date) -> Values:
    """Foster families in the municipality's register at the period's end."""
    counts = (
        FosterFamily.objects.filter(municipality=municipality, registered_on__lte=end)
        .filter(Q(removed_on__isnull=True) | Q(removed_on__gt=end))
        .aggregate(
            families=Count("pk"),
            specialised=Count("pk", filter=Q(kind__in=SPECIALISED_KINDS)),
        )
    )
    values: Values = {}
    _put(values, "F4", counts)
    return values


def current_placements(municipality: Municipality, day: datetime.date) -> QuerySet[Placement]:
    """Placements decided by ``municipality`` and current on ``day``."""
    return Placement.objects.filter(deciding_municipality=municipality, placed_on__lte=day).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=day)
    )


def compute_f3(municipality: Municipality, start: datetime.date, end: datetime.date) -> Values:
    """Children in out-of-family care at the period's end, by form, age group and sex."""
    children = _Children("child", end, end, Q())
    aggregates = children.aggregates()
    forms = {
        f"children|form={form}": Count(
            "child", distinct=True, filter=Q(form__in=codes) & children.child_at_some_point
        )
        for form, codes in CARE_FORMS.items()
    }
    counts = current_placements(municipality, end).aggregate(**aggregates, **forms)
    values: Values = {}
    _put(values, "F3", counts)
    return values


def _concern_child_key() -> CaseWhen:
    """One key per child: the registry child, or the name and birth date on an unlinked
    concern (the same child reported twice counts once)."""
    return CaseWhen(
        When(
            child__isnull=False,
            then=Concat(Value("c"), Cast("child_id", CharField()), output_field=CharField()),
        ),
        default=Concat(
            Value("n"),
            Lower("child_first_name"),
            Value("|"),
            Lower("child_last_name"),
            Value("|"),
            Cast("child_birth_date", CharField()),
            output_field=CharField(),
        ),
        output_field=CharField(),
    )


def _concern_children(
    municipality: Municipality,
    start: datetime.date,
    end: datetime.date,
    match: Q,
    measure: str,
) -> dict[str, Any]:
    key = _concern_child_key()
    counts = (
        Concern.objects.filter(municipality=municipality, observed_on__range=(start, end))
        .filter(match)
        .aggregate(
            **{
                measure: Count(key, distinct=True),
                f"{measure}|sex=f": Count("child", distinct=True, filter=Q(child__sex=Sex.FEMALE)),
                f"{measure}|sex=m": Count("child", distinct=True, filter=Q(child__sex=Sex.MALE)),
                "_unlinked": Count("pk", filter=Q(child__isnull=True)),
            }
        )
    )
    if counts["_unlinked"]:
        # Without a registry child the sex is unknown: the split would not add up.
        counts = {measure: counts[measure]}
    return counts


def compute_e2(municipality: Municipality, start: datetime.date, end: datetime.date) -> Values:
    """Pupils with a concern about unexcused absence observed in the semester."""
    values: Values = {}
    _put(
        values,
        "E2",
        _concern_children(
            municipality, start, end, _has(ConcernCategory.SCHOOL_ABSENCE.value), "pupils"
        ),
    )
    return values


def compute_s1(municipality: Municipality, start: datetime.date, end: datetime.date) -> Values:
    """Children with a concern about an offence by the child in the year."""
    values: Values = {}
    _put(
        values,
        "S1",
        _concern_children(
            municipality, start, end, _has(ConcernCategory.OFFENCE.value), "children"
        ),
    )
    return values


def compute_e3(municipality: Municipality, start: datetime.date, end: datetime.date) -> Values:
    """Violence concerns whose place is a school or kindergarten, by kind."""
    any_violence = Q()
    for category in VIOLENCE.values():
        any_violence |= _has(category)
    counts = (
        Concern.objects.filter(
            municipality=municipality, observed_on__range=(start, end), place=ConcernPlace.SCHOOL
        )
        .filter(any_violence)
        .aggregate(
            cases=Count("pk"),
            **{f"cases|kind={k}": Count("pk", filter=_has(c)) for k, c in VIOLENCE.items()},
        )
    )
    values: Values = {}
    _put(values, "E3", counts)
    return values


def compute_s5(municipality: Municipality, start: datetime.date, end: datetime.date) -> Values:
    """Participants: families in a parent group (service episode) during the year."""
    counts = (
        Referral.objects.filter(
            case__municipality=municipality,
            service__service_type__code__startswith=PARENT_GROUP_PREFIX,
        )
        .filter(_started_referral(start, end))
        .aggregate(participants=Count("case", distinct=True))
    )
    values: Values = {}
    _put(values, "S5", counts)
    return values


COMPUTERS = {
    "E2": compute_e2,
    "E3": compute_e3,
    "L1": compute_l1,
    "L2": compute_l2,
    "S1": compute_s1,
    "S5": compute_s5,
    "F1": compute_f1,
    "F2": compute_f2,
    "F3": compute_f3,
    "F4": compute_f4,
}


def compute(municipality: Municipality, year: int, semester: int = 0) -> Values:
    """Computed values {(indicator code, cell): amount} for the period, as of its end:
    the yearly indicators for ``semester=0``, the per-semester ones (E2) for 1 and 2."""
    start, end = period_bounds(year, semester)
    values: Values = {}
    for code, computer in COMPUTERS.items():
        if (code in SEMESTER_INDICATORS) == bool(semester):
            values.update(computer(municipality, start, end))
    return values
