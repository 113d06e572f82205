"""Reads for handovers and cost claims, always through the policies."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from django.db.models import Count, Q, QuerySet, Sum
from django.http import HttpRequest
from django.utils import timezone

from sargs.audit.services import record_views
from sargs.jurisdiction.engine import decide
from sargs.jurisdiction.facts import ChildFacts, Scenario
from sargs.jurisdiction.selectors import municipality_snapshot_load
from sargs.jurisdiction.snapshot import ResolutionError
from sargs.organisations.models import Municipality
from sargs.organisations.principal import Principal
from sargs.registry.access import registry_municipalities
from sargs.registry.models import Child

from .access import claim_policy, handover_policy
from .models import (
    CLAIM_PENDING,
    HANDOVER_CLOSED,
    HANDOVER_OPEN,
    CostClaim,
    CostClaimEvent,
    CostClaimStatus,
    Handover,
)

HandoverTab = Literal["incoming", "outgoing", "closed"]
ClaimTab = Literal["incoming", "outgoing", "closed"]
HANDOVER_TABS: tuple[HandoverTab, ...] = ("incoming", "outgoing", "closed")
CLAIM_TABS: tuple[ClaimTab, ...] = ("incoming", "outgoing", "closed")
CENT = Decimal("0.01")


def _handovers() -> QuerySet[Handover]:
    return Handover.objects.select_related("child", "from_municipality", "to_municipality")


def handover_list(*, principal: Principal, tab: HandoverTab) -> QuerySet[Handover]:
    """Incoming: open handovers to the user's municipalities (the receiving queue). Outgoing:
    open ones from them. Closed: accepted or withdrawn, either way."""
    mine = registry_municipalities(principal)
    qs = handover_policy.visible(principal, _handovers())
    if tab == "incoming":
        qs = qs.filter(to_municipality__in=mine, status__in=HANDOVER_OPEN)
    elif tab == "outgoing":
        qs = qs.filter(from_municipality__in=mine, status__in=HANDOVER_OPEN)
    else:
        qs = qs.filter(status__in=HANDOVER_CLOSED)
    return qs.order_by("-proposed_at", "-pk")


def handover_counts(*, principal: Principal) -> dict[str, int]:
    """How many open handovers wait on each side (for the tab labels), in one query."""
    mine = registry_municipalities(principal)
    qs = handover_policy.visible(principal, Handover.objects.filter(status__in=HANDOVER_OPEN))
    return qs.aggregate(
        incoming=Count("pk", filter=Q(to_municipality__in=mine)),
        outgoing=Count("pk", filter=Q(from_municipality__in=mine)),
    )


def handover_get(*, principal: Principal, pk: int) -> Handover:
    return handover_policy.get_visible_or_404(
        principal,
        _handovers().select_related("proposed_by", "decided_by", "child__municipality"),
        pk=pk,
    )


def _claims() -> QuerySet[CostClaim]:
    return CostClaim.objects.select_related(
        "child", "claimant_municipality", "payer_municipality", "residence_municipality"
    )


def claim_list(*, principal: Principal, tab: ClaimTab) -> QuerySet[CostClaim]:
    """Incoming: pending claims the user's municipalities are asked to pay. Outgoing: pending
    claims they made. Closed: accepted or withdrawn, either way."""
    mine = registry_municipalities(principal)
    qs = claim_policy.visible(principal, _claims())
    if tab == "incoming":
        qs = qs.filter(payer_municipality__in=mine, status__in=CLAIM_PENDING)
    elif tab == "outgoing":
        qs = qs.filter(claimant_municipality__in=mine, status__in=CLAIM_PENDING)
    else:
        qs = qs.exclude(status__in=CLAIM_PENDING)
    return qs.order_by("-created_at", "-pk")


def claim_get(*, principal: Principal, pk: int) -> CostClaim:
    return claim_policy.get_visible_or_404(
        principal, _claims().select_related("created_by", "decided_by"), pk=pk
    )


def claims_visible(*, principal: Principal) -> QuerySet[CostClaim]:
    """Every claim made by or to the user's municipalities (the API's list)."""
    return claim_policy.visible(principal, _claims()).order_by("-created_at", "-pk")


def claims_record_read(*, request: HttpRequest, claims: Sequence[CostClaim], **detail: Any) -> None:
    """Record the read of the claims shown and of the child each names, on the child's own
    record (the claimant's registry record the claim was made from; ADR 0003), in one INSERT.
    ``claims`` come from ``_claims()``, which fetched their children."""
    children = {c.child_id: c.child for c in claims if c.child is not None}
    if claims:
        record_views(request=request, objs=[*claims, *children.values()], **detail)


def claim_events(*, claim: CostClaim) -> QuerySet[CostClaimEvent]:
    """The claim's history, oldest first: who did what, when, at which amount."""
    return claim.events.select_related("actor", "municipality").order_by("at", "pk")


def claimant_choices(*, principal: Principal) -> QuerySet[Municipality]:
    return Municipality.objects.filter(pk__in=registry_municipalities(principal)).order_by("name")


@dataclass
class CounterpartTotals:
    """Sums for one year with one other municipality. Incoming: claims made to us (we pay).
    Outgoing: claims we made (they pay). Pending: submitted or disputed."""

    municipality_id: int
    name: str
    incoming_accepted: Decimal = field(default_factory=lambda: Decimal("0.00"))
    incoming_pending: Decimal = field(default_factory=lambda: Decimal("0.00"))
    outgoing_accepted: Decimal = field(default_factory=lambda: Decimal("0.00"))
    outgoing_pending: Decimal = field(default_factory=lambda: Decimal("0.00"))


def _money(value: Decimal | None) -> Decimal:
    return (value or Decimal(0)).quantize(CENT)


def cost_claim_totals(*, municipality: Municipality, year: int) -> list[CounterpartTotals]:
    """Per counterpart municipality, the year's claims both ways, accepted and pending apart;
    one grouped query. A claim counts in the year its period begins; withdrawn claims never."""
    rows = (
        CostClaim.objects.filter(
            Q(claimant_municipality=municipality) | Q(payer_municipality=municipality),
            period_from__year=year,
        )
        .exclude(status=CostClaimStatus.WITHDRAWN)
        .values(
            "claimant_municipality_id",
            "claimant_municipality__name",
            "payer_municipality_id",
            "payer_municipality__name",
        )
        .annotate(
            accepted=Sum("amount", filter=Q(status=CostClaimStatus.ACCEPTED)),
            pending=Sum("amount", filter=Q(status__in=CLAIM_PENDING)),
        )
        .order_by()
    )
    totals: dict[int, CounterpartTotals] = {}
    for row in rows:
        outgoing = row["claimant_municipality_id"] == municipality.pk
        side = "payer" if outgoing else "claimant"
        other_id = row[f"{side}_municipality_id"]
        entry = totals.setdefault(
            other_id, CounterpartTotals(other_id, row[f"{side}_municipality__name"])
        )
        direction = "outgoing" if outgoing else "incoming"
        for status in ("accepted", "pending"):
            name = f"{direction}_{status}"
            setattr(entry, name, _money(getattr(entry, name) + _money(row[status])))
    return sorted(totals.values(), key=lambda t: t.name)


def totals_sum(rows: list[CounterpartTotals]) -> CounterpartTotals:
    """All counterparts together (the table's last row)."""
    total = CounterpartTotals(0, "")
    for row in rows:
        for name in (
            "incoming_accepted",
            "incoming_pending",
            "outgoing_accepted",
            "outgoing_pending",
        ):
            setattr(total, name, getattr(total, name) + getattr(row, name))
    return total


def claim_counts(*, principal: Principal) -> dict[str, int]:
    """How many pending cost claims wait on each side (for the tab labels), in one query."""
    mine = registry_municipalities(principal)
    qs = claim_policy.visible(principal, CostClaim.objects.filter(status__in=CLAIM_PENDING))
    return qs.aggregate(
        incoming=Count("pk", filter=Q(payer_municipality__in=mine)),
        outgoing=Count("pk", filter=Q(claimant_municipality__in=mine)),
    )


def residence_scenario(
    residence: Municipality, helper: Municipality, today: datetime.date
) -> Scenario:
    """The engine's facts from a concern or a claim: the child lives in ``residence`` (no
    parents known, so 67(1)) and is helped, in danger, where it is (67(5))."""
    return Scenario(
        as_of=today,
        child=ChildFacts(
            declared_residence=residence.atvk, actual_location=helper.atvk, in_danger=True
        ),
    )


def responsible_for_residence(
    *, residence: Municipality, where: Municipality, today: datetime.date | None = None
) -> Municipality | None:
    """The municipality the BTAL 67 engine makes responsible for a child living in
    ``residence`` and found (in danger) in ``where``; None when it cannot decide."""
    today = today or timezone.localdate()
    try:
        decision = decide(
            residence_scenario(residence, where, today), municipality_snapshot_load(), "en"
        )
    except ResolutionError:
        return None
    if decision.status != "determined" or decision.responsible is None:
        return None
    return Municipality.objects.filter(atvk=decision.responsible.atvk).first()


# --- Data subjects' requests (sargs.subjects) --------------------------------------------------
def responsibility_records_about_child(child: Child) -> list[Handover | CostClaim | CostClaimEvent]:
    """Handovers of the child's family and cost claims for the child (with their history).
    Reads only."""
    handovers = list(Handover.objects.filter(child=child).order_by("pk"))
    claims = list(CostClaim.objects.filter(child=child).order_by("pk"))
    events = list(CostClaimEvent.objects.filter(claim__in=claims).order_by("pk"))
    return [*handovers, *claims, *events]
