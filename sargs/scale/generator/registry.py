"""Step "registry": households, parents, children, residences and custody histories.

Households are built one at a time (1–5 children, a mother, usually a father) and written in
batches, so memory stays flat even at ten times the country. Custody changes follow the
national flows (domain.md §3): about 1,162 parents a year have custody suspended, about 379
have it restored; of those never restored some are deprived by a court a year or more later.
The children whose every parent is still without custody on the base date are the children
in out-of-family care; later steps place them.
"""

from __future__ import annotations

import datetime
import functools
import random
from dataclasses import dataclass, field

from sargs.organisations.models import Municipality
from sargs.registry.models import (
    Child,
    ChildRepresentative,
    CustodyRecord,
    Household,
    LegalRepresentative,
    ResidenceRecord,
    normalise_name,
)

from . import names
from .base import (
    BASE_DATE,
    NATIONAL_RESTORED_PER_YEAR,
    NATIONAL_SUSPENDED_PER_YEAR,
    Context,
    Step,
    day_between,
    moment,
)
from .codes import NEW_FORMAT_FROM, CodeIssuer
from .population import Place
from .writer import BATCH_SIZE

CUSTODY_YEARS = 7
FLUSH_CHILDREN = 4 * BATCH_SIZE
OLDEST_BIRTH = BASE_DATE.replace(year=BASE_DATE.year - 18) + datetime.timedelta(days=1)
CREATED_FROM = datetime.date(2024, 1, 1)
GROUNDS = ("1", "2", "3", "4", "5")
GROUND_WEIGHTS = (10, 30, 40, 2, 18)

COLUMNS = {
    Household: ["id", "municipality_id", "name", "note", "created_at", "updated_at"],
    LegalRepresentative: [
        "id", "first_name", "last_name", "personal_code", "search_name", "created_at",
        "updated_at", "municipality_id", "birth_date", "household_id",
    ],
    Child: [
        "id", "first_name", "last_name", "personal_code", "search_name", "created_at",
        "updated_at", "municipality_id", "birth_date", "sex", "household_id", "school_id",
        "has_disability", "disability_note", "created_by_id",
    ],
    ChildRepresentative: ["id", "child_id", "representative_id", "role", "lives_with_child"],
    ResidenceRecord: [
        "id", "child_id", "representative_id", "kind", "municipality_id", "address",
        "valid_from", "valid_to", "created_at",
    ],
    CustodyRecord: [
        "id", "relation_id", "status", "effective_from", "decision_number", "decided_by",
        "grounds", "note", "created_at", "source",
    ],
}  # fmt: skip


@dataclass
class Member:
    """A person of the household being built, before rows are made."""

    id: int
    female: bool
    born: datetime.date


@dataclass
class Family:
    place: Place
    surname: tuple[str, str, str]
    household: int
    address: str
    since: datetime.date  # when the family came to live here
    came_from: int | None  # municipality before ``since``, if they moved
    created: datetime.datetime  # when the municipality recorded the family
    parents: list[tuple[Member, str]] = field(default_factory=list)  # (member, role)
    children: list[Member] = field(default_factory=list)


class RegistryBuilder:
    """Builds households and buffers their rows until a batch is full."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.rng = ctx.rng("registry")
        self.codes = CodeIssuer(ctx.rng("registry:codes"))
        self.rows: dict[type, list[tuple[object, ...]]] = {model: [] for model in COLUMNS}
        self.written = 0
        self.care_children: list[tuple[int, int]] = []  # (child id, municipality id)
        self.others = list(
            Municipality.objects.valid_on(BASE_DATE).order_by("atvk").values_list("id", flat=True)
        )
        # Chance that a household is one whose parents' custody is suspended in the window.
        households = max(1.0, ctx.scale.children / 1.8)
        parents = ctx.scale.factor * NATIONAL_SUSPENDED_PER_YEAR * CUSTODY_YEARS
        # 1.7 parents a family; about one family in ten drawn has no child born yet on the
        # day drawn, and is skipped, so the flows stay even over the years.
        self.custody_chance = min(1.0, parents / 1.7 / households * 1.1)
        # Less than 379/1,162: restorations of earlier years' suspensions add to each year.
        self.restore_chance = 0.9 * NATIONAL_RESTORED_PER_YEAR / NATIONAL_SUSPENDED_PER_YEAR

    def person_code(self, born: datetime.date, child: bool) -> str | None:
        rng = self.rng
        if not child and rng.random() < 0.01:
            return None  # e.g. a foreign parent without a Latvian code
        new = rng.random() < 0.97 if (child and born >= NEW_FORMAT_FROM) else rng.random() < 0.03
        return self.codes.issue(born, new_format=new)

    def household(self, place: Place, size: int) -> int:
        """Build one household of ``size`` children; returns the children made."""
        family = self._family(place, size)
        for member, role in family.parents:
            self._parent(family, member, role)
        relations = self._children(family)
        self._custody(family, relations)
        return len(family.children)

    def _family(self, place: Place, size: int) -> Family:
        rng = self.rng
        births = sorted(
            day_between(rng, OLDEST_BIRTH, BASE_DATE - datetime.timedelta(days=1))
            for _ in range(size)
        )
        mother_born = births[0].replace(day=1) - datetime.timedelta(days=rng.randint(20, 40) * 365)
        surname = rng.choice(names.SURNAMES)
        household = self.ctx.next_id(Household)
        recorded = day_between(
            rng, max(CREATED_FROM, births[-1]), BASE_DATE - datetime.timedelta(days=1)
        )
        created = moment(recorded, rng)
        self.rows[Household].append(
            (household, place.id, f"{surname[2]} ģimene", "", created, created)
        )
        moved = rng.random() < 0.05
        since = day_between(rng, births[0], BASE_DATE) if moved else births[0]
        family = Family(
            place,
            surname,
            household,
            names.address(rng, place.name),
            since,
            rng.choice([m for m in self.others if m != place.id]) if moved else None,
            created,
        )
        family.parents.append(
            (Member(self.ctx.next_id(LegalRepresentative), True, mother_born), "mother")
        )
        if rng.random() < 0.72:
            father_born = mother_born - datetime.timedelta(days=rng.randint(-700, 2_500))
            family.parents.append(
                (Member(self.ctx.next_id(LegalRepresentative), False, father_born), "father")
            )
        family.children = [Member(self.ctx.next_id(Child), rng.random() < 0.488, b) for b in births]
        return family

    def _parent(self, family: Family, member: Member, role: str) -> None:
        first = names.first_name(self.rng, member.female)
        last = names.surname_for(family.surname, member.female)
        created = family.created
        self.rows[LegalRepresentative].append(
            (
                member.id,
                first,
                last,
                self.person_code(member.born, child=False),
                search_name(first, last),
                created,
                created,
                family.place.id,
                member.born,
                family.household,
            )
        )
        start = min(family.since, family.children[0].born) - datetime.timedelta(days=200)
        self._residences(family, None, member.id, start)

    def _children(self, family: Family) -> list[tuple[int, Member, Member]]:
        """Child rows and their links to the parents: [(relation id, parent, child)]."""
        rng, place = self.rng, family.place
        schools = self.ctx.state["schools"].get(place.id, [])
        staff = self.ctx.state["staff"].get(place.id, [None])
        father = any(role == "father" for _, role in family.parents)
        relations = []
        for child in family.children:
            first = names.first_name(rng, child.female)
            last = names.surname_for(family.surname, child.female)
            school = (
                rng.choice(schools) if schools and child.born.year <= BASE_DATE.year - 2 else None
            )
            created = family.created
            self.rows[Child].append(
                (
                    child.id,
                    first,
                    last,
                    self.person_code(child.born, child=True),
                    search_name(first, last),
                    created,
                    created,
                    place.id,
                    child.born,
                    "female" if child.female else "male",
                    family.household,
                    school,
                    rng.random() < 0.03,
                    "",
                    rng.choice(staff),
                )
            )
            self._residences(family, child.id, None, child.born)
            for parent, role in family.parents:
                relation = self.ctx.next_id(ChildRepresentative)
                lives = rng.random() < (0.95 if role == "mother" or not father else 0.82)
                self.rows[ChildRepresentative].append((relation, child.id, parent.id, role, lives))
                relations.append((relation, parent, child))
        return relations

    def _residences(
        self, family: Family, child: int | None, parent: int | None, start: datetime.date
    ) -> None:
        rows, created = self.rows[ResidenceRecord], family.created
        current_from = start
        if family.came_from is not None and start < family.since:
            before = family.since - datetime.timedelta(days=1)
            rows.append(
                (
                    self.ctx.next_id(ResidenceRecord),
                    child,
                    parent,
                    "declared",
                    family.came_from,
                    names.address(self.rng, "cits novads"),
                    start,
                    before,
                    created,
                )
            )
            current_from = family.since
        rows.append(
            (
                self.ctx.next_id(ResidenceRecord),
                child,
                parent,
                "declared",
                family.place.id,
                family.address,
                current_from,
                None,
                created,
            )
        )
        if child is not None and self.rng.random() < 0.02:
            actual = day_between(self.rng, current_from, BASE_DATE)
            rows.append(
                (
                    self.ctx.next_id(ResidenceRecord),
                    child,
                    None,
                    "actual",
                    family.place.id,
                    names.address(self.rng, family.place.name),
                    actual,
                    None,
                    created,
                )
            )

    def _custody(self, family: Family, relations: list[tuple[int, Member, Member]]) -> None:
        rng = self.rng
        if not relations or rng.random() >= self.custody_chance:
            return
        window = BASE_DATE.replace(year=BASE_DATE.year - CUSTODY_YEARS)
        decided = day_between(rng, window, BASE_DATE - datetime.timedelta(days=1))
        if decided <= family.children[0].born:
            return
        outcome = self._outcome(decided)
        court = self.ctx.state["courts"].get(family.place.id, "")
        ground = rng.choices(GROUNDS, weights=GROUND_WEIGHTS)[0]
        number = rng.randrange(1, 900)
        without_custody: dict[int, int] = {}
        for relation, _parent, child in relations:
            if child.born >= decided:
                continue
            self._custody_row(relation, "suspended", decided, number, court, ground)
            if outcome is not None:
                self._custody_row(relation, outcome[0], outcome[1], number, court, "")
            if outcome is None or outcome[0] == "deprived":
                without_custody[child.id] = without_custody.get(child.id, 0) + 1
        parents = len(family.parents)
        in_care = {child for child, n in without_custody.items() if n == parents}
        self.care_children += [(child, family.place.id) for child in sorted(in_care)]
        self._live_apart(in_care, len(relations))

    def _live_apart(self, in_care: set[int], count: int) -> None:
        """Children in out-of-family care do not live with their parents."""
        rows = self.rows[ChildRepresentative]
        for i in range(len(rows) - count, len(rows)):
            if rows[i][1] in in_care:
                rows[i] = (*rows[i][:4], False)

    def _outcome(self, decided: datetime.date) -> tuple[str, datetime.date] | None:
        """What followed a suspension by the base date: restored, deprived or nothing yet."""
        rng = self.rng
        if rng.random() < self.restore_chance:
            when = decided + datetime.timedelta(days=rng.randint(60, 360))
            return ("restored", when) if when < BASE_DATE else None
        if rng.random() < 0.35:
            when = decided + datetime.timedelta(days=rng.randint(365, 720))
            return ("deprived", when) if when < BASE_DATE else None
        return None

    def _custody_row(
        self, relation: int, status: str, day: datetime.date, number: int, court: str, ground: str
    ) -> None:
        decided_by = "Rajona tiesa" if status == "deprived" else court
        self.rows[CustodyRecord].append(
            (
                self.ctx.next_id(CustodyRecord),
                relation,
                status,
                day,
                f"{day.year}/{number}",
                decided_by,
                ground,
                "",
                moment(day, self.rng),
                "matter",  # every generated change comes from a court matter or judgment
            )
        )

    def flush(self) -> int:
        written = 0
        for model, columns in COLUMNS.items():
            written += self.ctx.write(model, columns, self.rows[model])
            self.rows[model] = []
        self.written += written
        return written


@functools.lru_cache(maxsize=1 << 16)
def search_name(first: str, last: str) -> str:
    """``Person.search_name`` as ``Person.save`` sets it (names repeat: worth caching)."""
    return normalise_name(first, last)


def household_size(rng: random.Random) -> int:
    return rng.choices((1, 2, 3, 4, 5), weights=(45, 35, 14, 4, 2))[0]


def run(ctx: Context) -> int:
    builder = RegistryBuilder(ctx)
    progress = ctx.progress("registry", ctx.scale.children)
    pending = 0
    for place in ctx.state["places"]:
        left = place.children
        while left > 0:
            made = builder.household(place, min(left, household_size(builder.rng)))
            left -= made
            pending += made
            if pending >= FLUSH_CHILDREN:
                builder.flush()
                progress.advance(pending)
                pending = 0
    builder.flush()
    progress.advance(pending)
    progress.finish()
    ctx.state["care_children"] = builder.care_children
    ctx.state["codes"] = (builder.codes.old_format, builder.codes.new_format)
    return builder.written


STEP = Step(
    "registry",
    run,
    (Household, LegalRepresentative, Child, ChildRepresentative, ResidenceRecord, CustodyRecord),
    depends_on=("organisations",),
)
