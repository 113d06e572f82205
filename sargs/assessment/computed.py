"""Indicators the system computes from its own records (catalogue ``computable``).

``compute(municipality, year, semester)`` counts, for the period (the year, or one of its
halves), what the records say as of the period's end: an event counts when its own date
(case opened, custody decision in effect, placement started, concern observed) falls in the
period, whenever it was typed in, so a figure frozen in February includes January's late
entries for December. Each indicator is one aggregate query grouped by municipality (L1 two:
its cases and its children; S5 is read from L2's; F1 and F2 share one), so the national view
stays fast.

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
  group during the year (L2's families served by a parent group); events (group meetings)
  are not recorded.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Case as CaseWhen
from django.db.models import CharField, Count, Q, QuerySet, Value, When
from django.db.models.functions import Cast, Concat, Lower

from sargs.cases.casework.models import Case, CaseChild
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
    """A concern's JSON list of categories holds ``category``: jsonb containment on
    PostgreSQL; elsewhere the list is text where the quoted element appears as is."""
    if connection.vendor == "postgresql":
        return Q(categories__contains=[category])
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


Rows = dict[int, dict[str, Any]]  # municipality id → {cell: count}
Ids = list[int] | None  # the municipalities to compute, or every one (None)


def _grouped(
    queryset: QuerySet[Any], by: str, ids: Ids, aggregates: dict[str, Any]
) -> tuple[Rows, list[str]]:
    """One aggregate query grouped by the municipality at ``by``: the same statement answers
    for one municipality (filtered by it) and for all of them. Returns the rows by
    municipality and the cells the query counts (a municipality without rows counts 0)."""
    if ids is not None:
        queryset = queryset.filter(**{f"{by}__in": ids})
    rows = queryset.order_by().values(by).annotate(**aggregates)
    cells = [cell for cell in aggregates if not cell.startswith("_")]
    return {row[by]: row for row in rows}, cells


# Values by municipality (with rows), and the keys a query counts (its municipalities without
# rows count 0 in each).
Found = tuple[dict[int, Values], list[tuple[str, str]]]


def _values(code: str, found: tuple[Rows, list[str]]) -> Found:
    rows, cells = found
    values = {
        municipality: {(code, cell): Decimal(counts.get(cell) or 0) for cell in cells}
        for municipality, counts in rows.items()
    }
    return values, [(code, cell) for cell in cells]


def _open_cases(start: datetime.date, end: datetime.date) -> Q:
    return Q(opened_on__lte=end) & (Q(closed_on__isnull=True) | Q(closed_on__gte=start))


def _started_referral(start: datetime.date, end: datetime.date, prefix: str = "") -> Q:
    return Q(
        **{
            f"{prefix}status__in": STARTED_REFERRAL,
            f"{prefix}started_on__lte": end,
        }
    ) & (Q(**{f"{prefix}ended_on__isnull": True}) | Q(**{f"{prefix}ended_on__gte": start}))


def _merged(*found: tuple[Rows, list[str]]) -> tuple[Rows, list[str]]:
    """The rows and cells of several grouped queries of one indicator, by municipality."""
    rows: Rows = {}
    cells: list[str] = []
    for part_rows, part_cells in found:
        cells += part_cells
        for municipality, counts in part_rows.items():
            rows.setdefault(municipality, {}).update(counts)
    return rows, cells


def _case_children(
    cases: Q, start: datetime.date, end: datetime.date, ids: Ids
) -> tuple[Rows, list[str]]:
    """Distinct children on the cases matching ``cases`` (a condition on a case link's case),
    added by the period's end and under 18 at some time in it, by the case's municipality:
    one query over the case links (no row for a case without children, so no outer join),
    and the total is the sum of the two age groups (a child is in exactly one of them), one
    sort fewer than counting it on its own."""
    counts = _Children("child", start, end, Q()).aggregates()
    # One municipality (Rīga, tenfold): the hash is built on its open cases, not on every
    # case link (L1 401 -> about 260 ms). Every municipality: the inner join lets the planner
    # hash a scan of the whole registry instead of the index-only lookups (about +0.4 s).
    del counts["children"]
    rows, cells = _grouped(
        CaseChild.objects.filter(cases, added_on__lte=end), "case__municipality_id", ids, counts
    )
    for row in rows.values():
        row["children"] = row["children|age=0_6"] + row["children|age=7_17"]
    return rows, ["children", *cells]


def compute_l1(start: datetime.date, end: datetime.date, ids: Ids) -> Found:
    """Families (cases) open at some time in the period and their children: the cases counted
    on their own (one row each) and the children over the case links, rather than one query
    joining every case to its children and counting distinct cases and children together."""
    families = _grouped(
        Case.objects.filter(_open_cases(start, end)),
        "municipality_id",
        ids,
        {"families": Count("pk")},
    )
    open_case = Q(case__opened_on__lte=end) & (
        Q(case__closed_on__isnull=True) | Q(case__closed_on__gte=start)
    )
    return _values("L1", _merged(families, _case_children(open_case, start, end, ids)))


def compute_l2(start: datetime.date, end: datetime.date, ids: Ids) -> Found:
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
    counts = _Children(
        "case__case_children__child", start, end, Q(case__case_children__added_on__lte=end)
    ).aggregates()
    del counts["children"]  # the sum of the two age groups, one sort fewer (as in L1)
    rows, cells = _grouped(
        Referral.objects.filter(_started_referral(start, end)),
        "case__municipality_id",
        ids,
        {"families": Count("case", distinct=True), **parts, **counts},
    )
    for row in rows.values():
        row["children"] = row["children|age=0_6"] + row["children|age=7_17"]
    return _values("L2", (rows, [*cells, "children"]))


CUSTODY_MUNICIPALITY = "relation__child__municipality_id"


def compute_f1_f2(start: datetime.date, end: datetime.date, ids: Ids) -> Found:
    """Parents (distinct) whose custody was suspended, or deprived, in the period (F1), and
    whose custody was restored by the orphan's court or a court (F2): one query over the
    period's custody records for both indicators."""
    parent = "relation__representative"
    restored = (CustodyStatus.RESTORED, CustodyStatus.RESTORED_BY_COURT)
    rows, _cells = _grouped(
        CustodyRecord.objects.filter(effective_from__range=(start, end)),
        CUSTODY_MUNICIPALITY,
        ids,
        {
            "suspended": Count(parent, distinct=True, filter=Q(status=CustodyStatus.SUSPENDED)),
            "deprived": Count(parent, distinct=True, filter=Q(status=CustodyStatus.DEPRIVED)),
            "restored": Count(parent, distinct=True, filter=Q(status__in=restored)),
        },
    )
    f1, f1_keys = _values("F1", (rows, ["suspended", "deprived"]))
    f2, f2_keys = _values("F2", (rows, ["restored"]))
    for municipality, values in f1.items():
        values.update(f2[municipality])
    return f1, [*f1_keys, *f2_keys]


def compute_f4(start: datetime.date, end: datetime.date, ids: Ids) -> Found:
    """Foster families in the municipality's register at the period's end."""
    found = _grouped(
        FosterFamily.objects.filter(registered_on__lte=end).filter(
            Q(removed_on__isnull=True) | Q(removed_on__gt=end)
        ),
        "municipality_id",
        ids,
        {"families": Count("pk"), "specialised": Count("pk", filter=Q(kind__in=SPECIALISED_KINDS))},
    )
    return _values("F4", found)


def placements_current_on(day: datetime.date) -> QuerySet[Placement]:
    """Placements current on ``day`` (of every deciding municipality)."""
    return Placement.objects.filter(placed_on__lte=day).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=day)
    )


def current_placements(municipality: Municipality, day: datetime.date) -> QuerySet[Placement]:
    """Placements decided by ``municipality`` and current on ``day``."""
    return placements_current_on(day).filter(deciding_municipality=municipality)


def compute_f3(start: datetime.date, end: datetime.date, ids: Ids) -> Found:
    """Children in out-of-family care at the period's end, by form, age group and sex."""
    children = _Children("child", end, end, Q())
    forms = {
        f"children|form={form}": Count(
            "child", distinct=True, filter=Q(form__in=codes) & children.child_at_some_point
        )
        for form, codes in CARE_FORMS.items()
    }
    found = _grouped(
        placements_current_on(end),
        "deciding_municipality_id",
        ids,
        {**children.aggregates(), **forms},
    )
    return _values("F3", found)


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
    code: str, start: datetime.date, end: datetime.date, ids: Ids, category: str, measure: str
) -> Found:
    rows, cells = _grouped(
        Concern.objects.filter(observed_on__range=(start, end)).filter(_has(category)),
        "municipality_id",
        ids,
        {
            measure: Count(_concern_child_key(), distinct=True),
            f"{measure}|sex=f": Count("child", distinct=True, filter=Q(child__sex=Sex.FEMALE)),
            f"{measure}|sex=m": Count("child", distinct=True, filter=Q(child__sex=Sex.MALE)),
            "_unlinked": Count("pk", filter=Q(child__isnull=True)),
        },
    )
    values, keys = _values(code, (rows, cells))
    for municipality, counts in rows.items():
        if counts["_unlinked"]:
            # Without a registry child the sex is unknown: the split would not add up.
            values[municipality] = {(code, measure): values[municipality][(code, measure)]}
    return values, keys


def compute_e2(start: datetime.date, end: datetime.date, ids: Ids) -> Found:
    """Pupils with a concern about unexcused absence observed in the semester."""
    return _concern_children("E2", start, end, ids, ConcernCategory.SCHOOL_ABSENCE.value, "pupils")


def compute_s1(start: datetime.date, end: datetime.date, ids: Ids) -> Found:
    """Children with a concern about an offence by the child in the year."""
    return _concern_children("S1", start, end, ids, ConcernCategory.OFFENCE.value, "children")


def compute_e3(start: datetime.date, end: datetime.date, ids: Ids) -> Found:
    """Violence concerns whose place is a school or kindergarten, by kind."""
    any_violence = Q()
    for category in VIOLENCE.values():
        any_violence |= _has(category)
    found = _grouped(
        Concern.objects.filter(observed_on__range=(start, end), place=ConcernPlace.SCHOOL).filter(
            any_violence
        ),
        "municipality_id",
        ids,
        {
            "cases": Count("pk"),
            **{f"cases|kind={k}": Count("pk", filter=_has(c)) for k, c in VIOLENCE.items()},
        },
    )
    return _values("E3", found)


# S5 participants (families in a parent group, a started referral, during the year) are
# exactly L2's families served by a parent group: the same count, read from L2's query
# rather than another join of the year's referrals to the municipality's cases.
S5_FROM_L2 = {"participants": ("L2", "families|service=parent_groups")}

COMPUTERS = {
    "E2": compute_e2,
    "E3": compute_e3,
    "L1": compute_l1,
    "L2": compute_l2,
    "S1": compute_s1,
    "F1": compute_f1_f2,  # and F2
    "F3": compute_f3,
    "F4": compute_f4,
}


def compute_all(year: int, semester: int = 0, municipality_ids: Ids = None) -> dict[int, Values]:
    """Computed values of every municipality (or of ``municipality_ids``) for the period, one
    grouped query per indicator: {municipality id: {(indicator code, cell): amount}}, a
    municipality none of whose records count holding zeros."""
    start, end = period_bounds(year, semester)
    every = (
        list(municipality_ids)
        if municipality_ids is not None
        else list(Municipality.objects.order_by("pk").values_list("pk", flat=True))
    )
    out: dict[int, Values] = {m: {} for m in every}
    for code, computer in COMPUTERS.items():
        if (code in SEMESTER_INDICATORS) != bool(semester):
            continue
        values, keys = computer(start, end, municipality_ids)
        for municipality, figures in out.items():
            figures.update(values.get(municipality) or dict.fromkeys(keys, Decimal(0)))
    if not semester:
        for figures in out.values():
            figures.update({("S5", cell): figures[source] for cell, source in S5_FROM_L2.items()})
    return out


def compute(municipality: Municipality, year: int, semester: int = 0) -> Values:
    """Computed values {(indicator code, cell): amount} for the period, as of its end:
    the yearly indicators for ``semester=0``, the per-semester ones (E2) for 1 and 2.
    The same grouped queries as ``compute_all``, filtered to the one municipality."""
    return compute_all(year, semester, [municipality.pk])[municipality.pk]
