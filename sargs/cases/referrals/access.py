"""Who sees and acts on referrals (docs/adr/0008-case-access.md).

The case's managers (social service, coordinators of its municipality) and the orphan's
courts seeing the case whole see every referral of it. A provider's staff see only the
referrals to their own institution, and of the family only what the referral shares.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from sargs.cases.casework.access import CASE_MANAGERS, CASE_PARTICIPANTS, case_policy
from sargs.cases.casework.models import Case
from sargs.core.policy import Permission, Policy
from sargs.organisations.principal import Principal

from .models import Referral


class ReferralPolicy(Policy[Referral]):
    subject = "referrals to a service and their sessions"
    permissions = (
        Permission(
            "see",
            (CASE_PARTICIPANTS,),
            scope="provider institution",
            also=("whoever sees the case whole",),
        ),
        Permission("provide", (CASE_PARTICIPANTS,), scope="provider institution"),
        Permission("manage", (CASE_MANAGERS,), scope="case's municipality"),
    )

    def visible(self, principal: Principal, queryset: QuerySet[Referral]) -> QuerySet[Referral]:
        institutions = CASE_PARTICIPANTS.institutions(principal)
        if not institutions:
            return queryset.none()
        whole = case_policy.whole_cases(principal, Case.objects.all())
        return queryset.filter(Q(provider__in=institutions) | Q(case__in=whole.values("pk")))

    def can_provide(self, principal: Principal, obj: Referral) -> bool:
        """The provider's side: accept, waiting list, start, sessions, outcome."""
        return obj.provider_id in CASE_PARTICIPANTS.institutions(principal)

    def can_manage(self, principal: Principal, obj: Referral) -> bool:
        """The case's side: refer, end early."""
        return obj.case.municipality_id in CASE_MANAGERS.municipalities(principal)

    def can_change(self, principal: Principal, obj: Referral) -> bool:
        return self.can_provide(principal, obj) or self.can_manage(principal, obj)

    def sees_case(self, principal: Principal, obj: Referral) -> bool:
        return case_policy.sees_whole(principal, obj.case)


referral_policy = ReferralPolicy()
