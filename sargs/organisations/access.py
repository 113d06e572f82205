"""Who sees and manages institutions and users.

Staff see their own municipalities' institutions and the state-level ones; national roles see
all. Administrators manage users and institutions of their own municipality; an administrator
in a state-level institution (the national centre) manages all.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from sargs.core.grants import Grants
from sargs.core.policy import Permission, Policy

from .grants import (
    IS_ADMINISTRATOR,
    MUNICIPAL_ADMINISTRATORS,
    NATIONAL_ADMINISTRATORS,
    NATIONAL_ANALYSTS,
)
from .models import Institution, Membership, User
from .principal import Principal
from .roles import Role

__all__ = ["IS_ADMINISTRATOR", "institution_policy", "user_policy"]

NATIONAL_VIEWERS = NATIONAL_ANALYSTS | NATIONAL_ADMINISTRATORS
MUNICIPAL_STAFF = Grants.of("any role", dict.fromkeys(Role), "municipal")


class InstitutionPolicy(Policy[Institution]):
    subject = "institutions"
    permissions = (
        Permission(
            "see",
            (MUNICIPAL_STAFF, NATIONAL_VIEWERS),
            also=("anyone with a role: the state-level institutions",),
        ),
        Permission("change", (MUNICIPAL_ADMINISTRATORS, NATIONAL_ADMINISTRATORS)),
    )

    def visible(
        self, principal: Principal, queryset: QuerySet[Institution]
    ) -> QuerySet[Institution]:
        if NATIONAL_VIEWERS.held_by(principal):
            return queryset
        if not principal.grants:
            return queryset.none()
        return queryset.filter(
            Q(municipality__in=principal.municipalities()) | Q(municipality__isnull=True)
        )

    def can_change(self, principal: Principal, obj: Institution) -> bool:
        if NATIONAL_ADMINISTRATORS.held_by(principal):
            return True
        return obj.municipality_id in MUNICIPAL_ADMINISTRATORS.municipalities(principal)

    def can_grant_role(self, principal: Principal, institution: Institution, role: Role) -> bool:
        """Municipal administrators grant roles in their municipality's institutions only;
        state-level roles (national analyst, national administrator) only a national one."""
        if NATIONAL_ADMINISTRATORS.held_by(principal):
            return True
        return institution.municipality_id is not None and self.can_change(principal, institution)


class UserPolicy(Policy[User]):
    subject = "users and their roles"
    permissions = (
        Permission(
            "see",
            (MUNICIPAL_ADMINISTRATORS, NATIONAL_ADMINISTRATORS),
            scope="municipality (a role there, or created by the administrator)",
        ),
        Permission(
            "change",
            (MUNICIPAL_ADMINISTRATORS, NATIONAL_ADMINISTRATORS),
            scope="municipality (no role elsewhere)",
            also=("nobody changes their own roles",),
        ),
    )

    def visible(self, principal: Principal, queryset: QuerySet[User]) -> QuerySet[User]:
        if NATIONAL_ADMINISTRATORS.held_by(principal):
            return queryset
        municipalities = MUNICIPAL_ADMINISTRATORS.municipalities(principal)
        if not municipalities:
            return queryset.none()
        # Users who have, or had, a role in one of the administrator's municipalities,
        # plus users the administrator created who have no role yet.
        # A condition on the user's own row (IN, OR): no join, so no duplicate to remove and
        # no DISTINCT over every column, which made counting Rīga's 8,484 users at ten times
        # the country sort them all (issue 20).
        in_scope = Membership.objects.filter(institution__municipality__in=municipalities)
        return queryset.filter(
            Q(pk__in=in_scope.values("user_id")) | Q(created_by_id=principal.user_id)
        )

    def can_change(self, principal: Principal, obj: User) -> bool:
        if obj.pk == principal.user_id:
            return False  # nobody changes their own roles
        if NATIONAL_ADMINISTRATORS.held_by(principal):
            return True
        # Changing a user with roles elsewhere would reach into another municipality.
        municipalities = MUNICIPAL_ADMINISTRATORS.municipalities(principal)
        other = Membership.objects.filter(user=obj).exclude(
            institution__municipality__in=municipalities
        )
        return bool(municipalities) and not other.exists()


institution_policy = InstitutionPolicy()
user_policy = UserPolicy()
