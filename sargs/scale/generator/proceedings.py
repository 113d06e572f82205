"""Step "proceedings": the orphan's court matters behind the registry's custody changes,
court judgments on deprivation, and the children's out-of-family care.

Each custody change in the registry gets the proceeding that decided it (suspension,
restoration, an application to a court for deprivation with the court's judgment). Children
whose parents are all without custody on the base date are in out-of-family care in the
national proportions (1,323 foster family : 3,445 guardianship : 518 institution), placed by
their municipality's orphan's court; children whose parents' custody was restored came home
from care. Foster families are a pool of about 712 across the country.
"""

from __future__ import annotations

import datetime
from typing import Any

from sargs.cases.court.models import CourtJudgment, Placement, Proceeding

from . import names
from .base import NATIONAL_CARE, NATIONAL_FOSTER_FAMILIES, Context, Step, moment
from .lookups import Family, Relation, Staff, families
from .writer import BATCH_SIZE

DAY = datetime.timedelta(days=1)
KINDS = {
    "suspended": ("suspend_custody", "suspended"),
    "restored": ("restore_custody", "restored"),
    "deprived": ("deprivation_suit", "apply_deprivation"),
}
FORMS = (
    ("foster_family", NATIONAL_CARE["foster_family"] * 0.8),
    ("specialised_foster", NATIONAL_CARE["foster_family"] * 0.15),
    ("crisis_foster", NATIONAL_CARE["foster_family"] * 0.05),
    ("guardianship", NATIONAL_CARE["guardianship"]),
    ("institution", NATIONAL_CARE["institution"]),
)
COLUMNS: dict[type, list[str]] = {
    Proceeding: [
        "id", "case_id", "court_id", "kind", "status", "opened_on", "decision_due", "grounds",
        "remedy_until", "decided_on", "decision", "custody_outcome", "custody_relation_id",
        "custody_grounds", "decision_number", "opened_by_id", "created_at", "warned_on",
        "extension_reason", "urgent_reason", "urgent_note",
    ],
    CourtJudgment: [
        "id", "proceeding_id", "relation_id", "kind", "court_name", "judgment_number",
        "judged_on", "note", "recorded_by_id", "created_at",
    ],
    Placement: [
        "id", "case_id", "child_id", "proceeding_id", "deciding_municipality_id", "form",
        "carer", "emergency", "child_opinion", "siblings_note", "placed_on", "review_due",
        "ended_on", "end_reason", "created_by_id", "created_at", "foster_family_id",
        "guardian_id", "care_institution_id",
    ],
}  # fmt: skip


class ProceedingBuilder:
    def __init__(self, ctx: Context, staff: Staff) -> None:
        self.ctx, self.staff = ctx, staff
        self.rng = ctx.rng("proceedings")
        self.rows: dict[type, list[tuple[Any, ...]]] = {model: [] for model in COLUMNS}
        self.written = 0
        self.foster: dict[int, list[str]] = {}
        self.turn: dict[int, int] = {}

    def add(self, model: type, *values: Any) -> int:
        pk = self.ctx.next_id(model)
        self.rows[model].append((pk, *values))
        return pk

    def flush(self) -> None:
        for model, columns in COLUMNS.items():
            self.written += self.ctx.write(model, columns, self.rows[model])
            self.rows[model] = []

    def family(self, family: Family, case: int) -> None:
        court = self.staff.first(family.municipality, "orphans_court")
        members = self.staff.holders(court, "orphans_court_member")
        member = self.rng.choice(members) if members else None
        suspensions: dict[int, tuple[int, datetime.date]] = {}  # child → (proceeding, day)
        for relation in family.relations:
            for status, day, grounds in relation.custody:
                pk = self._proceeding(case, court, member, relation, status, day, grounds)
                if status == "suspended":
                    suspensions.setdefault(relation.child, (pk, day))
        for kid in family.kids:
            links = [r for r in family.relations if r.child == kid.id]
            if kid.id in suspensions and links:
                self._placement(family, case, member, kid.id, links, suspensions[kid.id])

    def _proceeding(
        self,
        case: int,
        court: int | None,
        member: int | None,
        relation: Relation,
        status: str,
        day: datetime.date,
        grounds: str,
    ) -> int:
        rng = self.rng
        kind, outcome = KINDS[status]
        opened = day - datetime.timedelta(days=rng.randint(10, 60 if status != "deprived" else 300))
        due = opened + datetime.timedelta(days=30)
        decided = day if status != "deprived" else opened + datetime.timedelta(days=20)
        pk = self.add(
            Proceeding,
            case,
            court,
            kind,
            "decided",
            opened,
            max(due, opened),
            "Bāriņtiesas lieta.",
            opened + datetime.timedelta(days=5),  # the warning's term passed before deciding
            decided,
            "Bāriņtiesa nolēma.",
            outcome,
            relation.id,
            grounds if status == "suspended" else "",
            f"{day.year}/{rng.randrange(1, 900)}",
            member,
            moment(opened, rng),
            opened,  # warned on opening; the term below passed before the decision
            "",
            "",
            "",
        )
        if status == "deprived":
            self.add(
                CourtJudgment,
                pk,
                relation.id,
                "deprived",
                "Rajona tiesa",
                f"C{rng.randrange(10**7, 10**8)}",
                day,
                "",
                member,
                moment(day, rng),
            )
        return pk

    def _placement(
        self,
        family: Family,
        case: int,
        member: int | None,
        child: int,
        links: list[Relation],
        suspension: tuple[int, datetime.date],
    ) -> None:
        rng = self.rng
        proceeding, placed = suspension
        in_care = all(r.without_custody for r in links)
        restored = [r.custody[-1][1] for r in links if r.custody and r.custody[-1][0] == "restored"]
        if not in_care and not restored:
            return  # one parent still has custody: the child stays with them
        form = rng.choices([f[0] for f in FORMS], [f[1] for f in FORMS])[0]
        ended = None if in_care else max(restored)
        self.add(
            Placement,
            case,
            child,
            proceeding,
            family.municipality,
            form,
            self._carer(family.municipality, form),
            form == "institution" and rng.random() < 0.05,  # short-term care (BTAL 37)
            "Bērns vēlas dzīvot kopā ar brāļiem un māsām.",
            "",
            placed,
            placed + datetime.timedelta(days=182),
            ended,
            "returned" if ended else "",
            member,
            moment(placed, rng),
            None,  # carers stay names here: the generator keeps no foster family register
            None,
            None,
        )

    def _carer(self, municipality: int, form: str) -> str:
        rng = self.rng
        if form == "institution":
            homes = self.staff.all(municipality, "childcare_institution")
            return self.staff.names[homes[0]] if homes else "Bērnu aprūpes centrs"
        if form == "guardianship":
            family = rng.choice(names.SURNAMES)
            return f"{names.first_name(rng, True)} {family[1]} (aizbildne)"
        # Round the pool, so every foster family takes children (about two each) in turn.
        pool = self.foster[municipality]
        self.turn[municipality] = turn = self.turn.get(municipality, -1) + 1
        return pool[turn % len(pool)]

    def foster_pool(self, municipality: int, children: int) -> None:
        size = max(
            1,
            round(
                NATIONAL_FOSTER_FAMILIES
                * self.ctx.scale.factor
                * children
                / max(1, self.ctx.scale.children)
            ),
        )
        rng = self.rng
        self.foster[municipality] = [
            f"Audžuģimene: {names.first_name(rng, True)} {rng.choice(names.SURNAMES)[1]}"
            for _ in range(size)
        ]


def run(ctx: Context) -> int:
    builder = ProceedingBuilder(ctx, Staff())
    for place in ctx.state["places"]:
        builder.foster_pool(place.id, place.children)
    cases = ctx.state.get("case_of_household", {})
    chosen = [
        (f, cases[f.household][0]) for f in families() if f.custody_changes and f.household in cases
    ]
    progress = ctx.progress("proceedings", len(chosen))
    for n, (family, case) in enumerate(chosen, 1):
        builder.family(family, case)
        if n % BATCH_SIZE == 0:
            builder.flush()
            progress.advance(BATCH_SIZE)
    builder.flush()
    progress.advance(len(chosen) % BATCH_SIZE)
    progress.finish()
    return builder.written


STEP = Step("proceedings", run, tuple(COLUMNS), depends_on=("cases",))
