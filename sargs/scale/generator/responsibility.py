"""Step "responsibility": handovers of children's records and cost claims between
municipalities (BTAL 67; docs/adr/0006).

No national figures are published; the generator assumes about 2,400 handovers over the
three years before the base date (families moving to another municipality) and 3,000 cost
claims. A handover that was accepted moved the record: its child is now kept by the
receiving municipality, so accepted handovers are drawn from a place's children with another
municipality as the sender. Open ones (proposed, disputed) start from the child's own
municipality. A claim comes from a case of the claimant's (its child is the claimant's own
record, never the payer's) and has its events: submitted, then accepted, disputed (and
sometimes answered) or withdrawn; one in four is still waiting.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from sargs.cases.casework.models import Case
from sargs.organisations.models import Municipality
from sargs.registry.models import Child
from sargs.responsibility.models import CostClaim, CostClaimEvent, Handover

from .base import BASE_DATE, Context, Step, day_between, moment
from .lookups import Staff
from .population import Place
from .writer import BATCH_SIZE, Json

NATIONAL_HANDOVERS = 2_400
NATIONAL_CLAIMS = 3_000
FROM = BASE_DATE - datetime.timedelta(days=3 * 365)
DAY = datetime.timedelta(days=1)
HANDOVER_STATUSES = (("accepted", 70), ("proposed", 15), ("disputed", 8), ("withdrawn", 7))
CLAIM_STATUSES = (("accepted", 55), ("submitted", 25), ("disputed", 12), ("withdrawn", 8))
REASON_LV = "Bērna deklarētā dzīvesvieta ir citā pašvaldībā (BTAL 67. panta otrā daļa)."
REASON_EN = "The child's declared residence is in another municipality (BTAL 67(2))."
DISPUTE = "Ģimene faktiski dzīvo mūsu pašvaldībā tikai īslaicīgi."
BASIS = Json('["BTAL 67(2)"]')
COLUMNS: dict[type, list[str]] = {
    Handover: [
        "id", "child_id", "from_municipality_id", "to_municipality_id", "status", "basis",
        "reason_lv", "reason_en", "proposed_at", "proposed_by_id", "decided_at",
        "decided_by_id", "dispute_reason", "sender_comment", "created_at", "updated_at",
    ],
    CostClaim: [
        "id", "child_id", "child_first_name", "child_last_name", "child_birth_date",
        "child_personal_code", "residence_municipality_id", "origin", "origin_id",
        "payer_reason_lv", "payer_reason_en", "invoice", "answer", "claimant_municipality_id",
        "payer_municipality_id", "basis", "description", "period_from", "period_to", "amount",
        "status", "dispute_reason", "created_by_id", "decided_at", "decided_by_id",
        "created_at", "updated_at",
    ],
    CostClaimEvent: ["id", "claim_id", "kind", "actor_id", "municipality_id", "at", "amount",
                     "text", "invoice_attached"],
}  # fmt: skip


class ResponsibilityBuilder:
    def __init__(self, ctx: Context) -> None:
        self.ctx, self.rng = ctx, ctx.rng("responsibility")
        self.staff = Staff()
        self.rows: dict[type, list[tuple[Any, ...]]] = {model: [] for model in COLUMNS}
        self.written = 0
        self.everywhere = list(
            Municipality.objects.current().order_by("atvk").values_list("id", flat=True)
        )
        self.places: list[Place] = ctx.state["places"]
        self.open_children: set[int] = set()  # a child has at most one open handover

    def add(self, model: type, *values: Any) -> int:
        pk = self.ctx.next_id(model)
        self.rows[model].append((pk, *values))
        return pk

    def flush(self) -> None:
        for model, columns in COLUMNS.items():
            self.written += self.ctx.write(model, columns, self.rows[model])
            self.rows[model] = []

    def keeper(self, municipality: int) -> int | None:
        """A registry keeper of the municipality: its social service's social worker."""
        service = self.staff.first(municipality, "social_service")
        people = self.staff.holders(service, "social_worker") or self.staff.holders(
            service, "coordinator"
        )
        return self.rng.choice(people) if people else None

    def other(self, municipality: int) -> int:
        """Another municipality: one of the run's when there are several, else any."""
        run = [p.id for p in self.places if p.id != municipality]
        choices = run if run and self.rng.random() < 0.8 else self.everywhere
        choices = [m for m in choices if m != municipality]
        return self.rng.choice(choices)

    def handover(self, child: int, keeper: int) -> None:
        rng = self.rng
        status = rng.choices(HANDOVER_STATUSES, [s[1] for s in HANDOVER_STATUSES])[0][0]
        if status in ("proposed", "disputed"):
            if child in self.open_children:
                return
            self.open_children.add(child)
            sender, receiver = keeper, self.other(keeper)
        elif status == "accepted":
            sender, receiver = self.other(keeper), keeper
        else:
            sender, receiver = keeper, self.other(keeper)
        proposed = moment(day_between(rng, FROM, BASE_DATE - DAY), rng)
        decided = None
        if status != "proposed":
            decided = min(
                moment(BASE_DATE - DAY, rng),
                proposed + datetime.timedelta(days=rng.randint(1, 40)),
            )
        decider = self.keeper(sender if status == "withdrawn" else receiver) if decided else None
        self.add(
            Handover,
            child,
            sender,
            receiver,
            status,
            BASIS,
            REASON_LV,
            REASON_EN,
            proposed,
            self.keeper(sender),
            decided,
            decider,
            DISPUTE if status == "disputed" else "",
            "",
            proposed,
            decided or proposed,
        )

    def claim(self, case: int, claimant: int, child: tuple[Any, ...]) -> None:
        rng = self.rng
        child_id, first, last, born, code = child
        payer = self.other(claimant)
        status = rng.choices(CLAIM_STATUSES, [s[1] for s in CLAIM_STATUSES])[0][0]
        period_from = day_between(rng, FROM, BASE_DATE - datetime.timedelta(days=60))
        period_to = period_from + datetime.timedelta(days=rng.randint(0, 50))
        amount = Decimal(rng.randrange(4_000, 250_000)) / 100
        created = moment(period_to + datetime.timedelta(days=rng.randint(1, 9)), rng)
        author = self.keeper(claimant)
        payer_staff = self.keeper(payer)
        decided = created + datetime.timedelta(days=rng.randint(3, 30))
        final = status in ("accepted", "withdrawn")
        claim = self.add(
            CostClaim,
            child_id,
            first,
            last,
            born,
            code or "",
            claimant,
            "case",
            case,
            REASON_LV,
            REASON_EN,
            "",
            "Pakalpojums sniegts pēc bāriņtiesas lēmuma." if status == "disputed" else "",
            claimant,
            payer,
            rng.choice(("BTAL 67(7)", "BTAL 67(8)")),
            "Krīzes centra pakalpojums bērnam.",
            period_from,
            period_to,
            amount,
            status,
            "Bērns nav deklarēts mūsu pašvaldībā." if status == "disputed" else "",
            author,
            decided if final else None,
            (author if status == "withdrawn" else payer_staff) if final else None,
            created,
            decided if status != "submitted" else created,
        )
        self.add(CostClaimEvent, claim, "submitted", author, claimant, created, amount, "", False)
        if status == "submitted":
            return
        if status == "disputed":
            self.add(CostClaimEvent, claim, "disputed", payer_staff, payer, decided, amount,
                     "Bērns nav deklarēts mūsu pašvaldībā.", False)  # fmt: skip
            if rng.random() < 0.5:
                self.add(CostClaimEvent, claim, "answered", author, claimant,
                         decided + DAY, amount, "Pakalpojums sniegts pēc bāriņtiesas lēmuma.",
                         False)  # fmt: skip
            return
        kind, actor, municipality = (
            ("accepted", payer_staff, payer)
            if status == "accepted"
            else ("withdrawn", author, claimant)
        )
        self.add(CostClaimEvent, claim, kind, actor, municipality, decided, amount, "", False)


def run(ctx: Context) -> int:
    builder = ResponsibilityBuilder(ctx)
    rng = builder.rng
    children = max(1, Child.objects.count())
    handover_chance = ctx.scale.national(NATIONAL_HANDOVERS) / children
    progress = ctx.progress("responsibility", children)
    rows = (
        Child.objects.filter(municipality__isnull=False)
        .order_by("pk")
        .values_list("pk", "municipality_id")
        .iterator(chunk_size=BATCH_SIZE)
    )
    for n, (child, municipality) in enumerate(rows, 1):
        if rng.random() < handover_chance:
            builder.handover(child, municipality)
        if n % BATCH_SIZE == 0:
            builder.flush()
            progress.advance(BATCH_SIZE)
    builder.flush()
    cases = max(1, Case.objects.count())
    claim_chance = ctx.scale.national(NATIONAL_CLAIMS) / cases
    claimed = (
        Case.objects.order_by("pk", "case_children__pk")
        .values_list(
            "pk", "municipality_id", "case_children__child_id",
            "case_children__child__first_name", "case_children__child__last_name",
            "case_children__child__birth_date", "case_children__child__personal_code",
        )
        .iterator(chunk_size=BATCH_SIZE)
    )  # fmt: skip
    last_case = None
    for case, municipality, *kid in claimed:
        if case == last_case or kid[0] is None:
            continue  # the case's first child only
        last_case = case
        if rng.random() < claim_chance:
            builder.claim(case, municipality, tuple(kid))
            if len(builder.rows[CostClaimEvent]) >= BATCH_SIZE:
                builder.flush()
    builder.flush()
    progress.advance(children % BATCH_SIZE)
    progress.finish()
    return builder.written


STEP = Step(
    "responsibility", run, tuple(COLUMNS), depends_on=("organisations", "registry", "cases")
)
