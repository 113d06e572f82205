"""Who sees and acts on handovers and cost claims (docs/adr/0006).

Both sides of an exchange see it: the registry keepers of the sending and the receiving
municipality (of the claimant and the paying one). The receiving side decides (accepts or
disputes); the sending side manages (resubmits or withdraws). The pages and the API use the
registry's rule ``KEEPS_REGISTRY``: everyone else is refused (403); another municipality's
handover or claim is not found (404).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from sargs.core.policy import Permission, Policy
from sargs.organisations.grants import KEEPS_REGISTRY, MANAGES_CASES, REGISTRY_KEEPERS
from sargs.organisations.principal import Principal

from .models import CostClaim, Handover

__all__ = ["KEEPS_REGISTRY", "SEES_TRANSFER", "claim_policy", "handover_policy"]

#: The transfer summary's own rule (cases' transfer page): an accepted handover links to it
#: only for the users that page lets in (a court member keeps the registry but manages no case).
SEES_TRANSFER = MANAGES_CASES


class HandoverPolicy(Policy[Handover]):
    subject = "handovers of a family to another municipality"
    permissions = (
        Permission("see", (REGISTRY_KEEPERS,), scope="sending or receiving municipality"),
        Permission("decide", (REGISTRY_KEEPERS,), scope="receiving municipality"),
        Permission("manage", (REGISTRY_KEEPERS,), scope="sending municipality"),
    )

    def visible(self, principal: Principal, queryset: QuerySet[Handover]) -> QuerySet[Handover]:
        municipalities = self.municipalities(principal, "see")
        if not municipalities:
            return queryset.none()
        return queryset.filter(
            Q(from_municipality__in=municipalities) | Q(to_municipality__in=municipalities)
        )

    def can_decide(self, principal: Principal, obj: Handover) -> bool:
        """Receiving side: accept or dispute."""
        return obj.to_municipality_id in self.municipalities(principal, "decide")

    def can_manage(self, principal: Principal, obj: Handover) -> bool:
        """Sending side: resubmit or withdraw."""
        return obj.from_municipality_id in self.municipalities(principal, "manage")

    def can_change(self, principal: Principal, obj: Handover) -> bool:
        return self.can_decide(principal, obj) or self.can_manage(principal, obj)


class CostClaimPolicy(Policy[CostClaim]):
    subject = "cost claims between municipalities"
    permissions = (
        Permission("see", (REGISTRY_KEEPERS,), scope="claimant or paying municipality"),
        Permission("decide", (REGISTRY_KEEPERS,), scope="paying municipality"),
        Permission("manage", (REGISTRY_KEEPERS,), scope="claimant municipality"),
    )

    def visible(self, principal: Principal, queryset: QuerySet[CostClaim]) -> QuerySet[CostClaim]:
        municipalities = self.municipalities(principal, "see")
        if not municipalities:
            return queryset.none()
        return queryset.filter(
            Q(claimant_municipality__in=municipalities) | Q(payer_municipality__in=municipalities)
        )

    def can_decide(self, principal: Principal, obj: CostClaim) -> bool:
        """Paying side: accept or dispute."""
        return obj.payer_municipality_id in self.municipalities(principal, "decide")

    def can_manage(self, principal: Principal, obj: CostClaim) -> bool:
        """Claimant side: withdraw."""
        return obj.claimant_municipality_id in self.municipalities(principal, "manage")

    def can_change(self, principal: Principal, obj: CostClaim) -> bool:
        return self.can_decide(principal, obj) or self.can_manage(principal, obj)


handover_policy = HandoverPolicy()
claim_policy = CostClaimPolicy()
