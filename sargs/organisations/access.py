"""Who sees and manages institutions and users.

Staff see their own municipalities' institutions and the state-level ones; national roles see
all. Administrators manage users and institutions of their own municipality; an administrator
in a state-level institution (the national centre) manages all.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from sargs.core.policy import Policy

from .models import Institution, Membership, User
from .principal import HasRole, Principal
from .roles import Role

NATIONAL_VIEWERS = (Role.NATIONAL_ANALYST, Role.ADMINISTRATOR)

IS_ADMINISTRATOR = HasRole(Role.ADMINISTRATOR)


class InstitutionPolicy(Policy[Institution]):
    def visible(
        self, principal: Principal, queryset: QuerySet[Institution]
    ) -> QuerySet[Institution]:
        if principal.is_national(*NATIONAL_VIEWERS):
            return queryset
        if not principal.grants:
            return queryset.none()
        return queryset.filter(
            Q(municipality__in=principal.municipalities()) | Q(municipality__isnull=True)
        )

    def can_change(self, principal: Principal, obj: Institution) -> bool:
        if principal.is_national(Role.ADMINISTRATOR):
            return True
        return obj.municipality_id in principal.municipalities(Role.ADMINISTRATOR)

    def can_grant_role(self, principal: Principal, institution: Institution, role: Role) -> bool:
        """Municipal administrators grant roles in their municipality's institutions only;
        state-level roles (national analyst, national administrator) only a national one."""
        if principal.is_national(Role.ADMINISTRATOR):
            return True
        return institution.municipality_id is not None and self.can_change(principal, institution)


class UserPolicy(Policy[User]):
    def visible(self, principal: Principal, queryset: QuerySet[User]) -> QuerySet[User]:
        if principal.is_national(Role.ADMINISTRATOR):
            return queryset
        municipalities = principal.municipalities(Role.ADMINISTRATOR)
        if not municipalities:
            return queryset.none()
        # Users who have, or had, a role in one of the administrator's municipalities,
        # plus users the administrator created who have no role yet.
        in_scope = Membership.objects.filter(institution__municipality__in=municipalities)
        return queryset.filter(
            Q(pk__in=in_scope.values("user_id")) | Q(created_by_id=principal.user_id)
        ).distinct()

    def can_change(self, principal: Principal, obj: User) -> bool:
        if obj.pk == principal.user_id:
            return False  # nobody changes their own roles
        if principal.is_national(Role.ADMINISTRATOR):
            return True
        # Changing a user with roles elsewhere would reach into another municipality.
        other = Membership.objects.filter(user=obj).exclude(
            institution__municipality__in=principal.municipalities(Role.ADMINISTRATOR)
        )
        return bool(principal.municipalities(Role.ADMINISTRATOR)) and not other.exists()


institution_policy = InstitutionPolicy()
user_policy = UserPolicy()
