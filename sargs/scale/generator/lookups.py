"""What later steps read back from the database: institutions and people by municipality,
and the registry's families with their children, parents and custody changes.

Families are streamed a slice of households at a time, never the whole registry at once: at
tenfold the registry holds 3.4 million children and 5.8 million parent links, which as Python
objects took gigabytes (issue 20.7).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db.models import Max, Min

from sargs.organisations.models import Institution, Membership
from sargs.registry.models import Child, ChildRepresentative, CustodyRecord


class Staff:
    """Institutions by municipality and type, and who holds which role in each."""

    def __init__(self) -> None:
        self.institutions: dict[tuple[int, str], list[int]] = {}
        self.names: dict[int, str] = {}
        rows = Institution.objects.filter(municipality__isnull=False).order_by("pk")
        for pk, municipality, kind, name in rows.values_list(
            "pk", "municipality_id", "type", "name"
        ):
            self.institutions.setdefault((municipality, kind), []).append(pk)
            self.names[pk] = name
        self.people: dict[tuple[int, str], list[int]] = {}
        members = Membership.objects.order_by("pk").values_list("institution_id", "role", "user_id")
        self.anyone: dict[int, int] = {}  # institution → its first member, whatever the role
        for institution, role, user in members:
            self.people.setdefault((institution, role), []).append(user)
            self.anyone.setdefault(institution, user)

    def first(self, municipality: int, kind: str) -> int | None:
        found = self.institutions.get((municipality, kind))
        return found[0] if found else None

    def all(self, municipality: int, kind: str) -> list[int]:
        return self.institutions.get((municipality, kind), [])

    def holders(self, institution: int | None, role: str) -> list[int]:
        return self.people.get((institution, role), []) if institution else []


@dataclass
class Kid:
    id: int
    first_name: str
    last_name: str
    born: datetime.date
    code: str | None


@dataclass
class Relation:
    id: int
    child: int
    role: str
    custody: list[tuple[str, datetime.date, str]] = field(default_factory=list)

    @property
    def without_custody(self) -> bool:
        return bool(self.custody) and self.custody[-1][0] in ("suspended", "deprived")


@dataclass
class Family:
    household: int
    municipality: int
    kids: list[Kid] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)

    @property
    def custody_changes(self) -> bool:
        return any(r.custody for r in self.relations)


HOUSEHOLDS_PER_SLICE = 20_000


def families() -> Iterator[Family]:
    """Every household with its children (oldest first), parent links and custody changes,
    in household order, read a slice of households at a time."""
    bounds = Child.objects.filter(household__isnull=False).aggregate(
        lo=Min("household_id"), hi=Max("household_id")
    )
    if bounds["lo"] is None:
        return
    for lo in range(bounds["lo"], bounds["hi"] + 1, HOUSEHOLDS_PER_SLICE):
        yield from _families_between(lo, lo + HOUSEHOLDS_PER_SLICE)


def family_counts() -> tuple[int, int]:
    """How many households have children, and how many of them had a custody change."""
    households = (
        Child.objects.filter(household__isnull=False).values("household_id").distinct().count()
    )
    changed = (
        CustodyRecord.objects.filter(relation__child__household__isnull=False)
        .values("relation__child__household_id")
        .distinct()
        .count()
    )
    return households, changed


def _families_between(lo: int, hi: int) -> Iterator[Family]:
    by_household: dict[int, Family] = {}
    by_child: dict[int, Family] = {}
    rows = Child.objects.filter(household_id__gte=lo, household_id__lt=hi).order_by(
        "household_id", "birth_date", "pk"
    )
    for household, municipality, pk, first, last, born, code in rows.values_list(
        "household_id", "municipality_id", "pk", "first_name", "last_name", "birth_date",
        "personal_code",
    ):  # fmt: skip
        family = by_household.get(household)
        if family is None:
            family = by_household[household] = Family(household, municipality)
        family.kids.append(Kid(pk, first, last, born, code))
        by_child[pk] = family
    relations: dict[int, Relation] = {}
    links = ChildRepresentative.objects.filter(
        child__household_id__gte=lo, child__household_id__lt=hi
    )
    for pk, child, role in links.order_by("pk").values_list("pk", "child_id", "role"):
        relation = relations[pk] = Relation(pk, child, role)
        by_child[child].relations.append(relation)
    custody = CustodyRecord.objects.filter(
        relation__child__household_id__gte=lo, relation__child__household_id__lt=hi
    )
    for relation_id, status, day, grounds in custody.order_by(
        "relation_id", "effective_from"
    ).values_list("relation_id", "status", "effective_from", "grounds"):
        relations[relation_id].custody.append((status, day, grounds))
    yield from by_household.values()
