"""Who sees and acts on handovers and cost claims (docs/adr/0006).

Both sides of an exchange see it: the registry keepers of the sending and the receiving
municipality (of the claimant and the paying one). The receiving side decides (accepts or
disputes); the sending side manages (resubmits or withdraws). The pages and the API use the
registry's rule ``KEEPS_REGISTRY``: everyone else is refused (403); another municipality's
handover or claim is not found (404).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from sargs.core.policy import Policy
from sargs.organisations.principal import Principal
from sargs.registry.access import KEEPS_REGISTRY, registry_municipalities

from .models import CostClaim, Handover

__all__ = ["KEEPS_REGISTRY", "claim_policy", "handover_policy"]


class HandoverPolicy(Policy[Handover]):
    def visible(self, principal: Principal, queryset: QuerySet[Handover]) -> QuerySet[Handover]:
        municipalities = registry_municipalities(principal)
        if not municipalities:
            return queryset.none()
        return queryset.filter(
            Q(from_municipality__in=municipalities) | Q(to_municipality__in=municipalities)
        )

    def can_decide(self, principal: Principal, obj: Handover) -> bool:
        """Receiving side: accept or dispute."""
        return obj.to_municipality_id in registry_municipalities(principal)

    def can_manage(self, principal: Principal, obj: Handover) -> bool:
        """Sending side: resubmit or withdraw."""
        return obj.from_municipality_id in registry_municipalities(principal)

    def can_change(self, principal: Principal, obj: Handover) -> bool:
        return self.can_decide(principal, obj) or self.can_manage(principal, obj)


class CostClaimPolicy(Policy[CostClaim]):
    def visible(self, principal: Principal, queryset: QuerySet[CostClaim]) -> QuerySet[CostClaim]:
        municipalities = registry_municipalities(principal)
        if not municipalities:
            return queryset.none()
        return queryset.filter(
            Q(claimant_municipality__in=municipalities) | Q(payer_municipality__in=municipalities)
        )

    def can_decide(self, principal: Principal, obj: CostClaim) -> bool:
        """Paying side: accept or dispute."""
        return obj.payer_municipality_id in registry_municipalities(principal)

    def can_manage(self, principal: Principal, obj: CostClaim) -> bool:
        """Claimant side: withdraw."""
        return obj.claimant_municipality_id in registry_municipalities(principal)

    def can_change(self, principal: Principal, obj: CostClaim) -> bool:
        return self.can_decide(principal, obj) or self.can_manage(principal, obj)


handover_policy = HandoverPolicy()
claim_policy = CostClaimPolicy()
