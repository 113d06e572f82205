"""What a signed-in user may act as: their active roles, institutions and municipalities.

Computed once per request from active memberships and cached on the user object, so that
every policy check in a request costs no further query.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from .roles import AGGREGATE_ONLY_ROLES, CHILD_DATA_ROLES, SECOND_FACTOR_ROLES, Role

if TYPE_CHECKING:
    from .models import User

_CACHE_ATTR = "_sargs_principal"


@dataclass(frozen=True)
class Grant:
    role: Role
    institution_id: int
    institution_type: str
    municipality_id: int | None


@dataclass(frozen=True)
class Principal:
    user_id: int | None
    grants: tuple[Grant, ...]

    @property
    def roles(self) -> frozenset[Role]:
        return frozenset(g.role for g in self.grants)

    def has_role(self, *roles: Role) -> bool:
        return any(g.role in roles for g in self.grants)

    def municipalities(self, *roles: Role) -> frozenset[int]:
        """Municipalities where the user holds any of ``roles`` (all roles when none given)."""
        return frozenset(
            g.municipality_id
            for g in self.grants
            if g.municipality_id is not None and (not roles or g.role in roles)
        )

    def institutions(self, *roles: Role) -> frozenset[int]:
        return frozenset(g.institution_id for g in self.grants if not roles or g.role in roles)

    def is_national(self, *roles: Role) -> bool:
        """Holds one of ``roles`` in an institution with no municipality (state level)."""
        return any(g.municipality_id is None and g.role in roles for g in self.grants)

    @property
    def sees_child_data(self) -> bool:
        return bool(self.roles & CHILD_DATA_ROLES)

    @property
    def needs_second_factor(self) -> bool:
        return bool(self.roles & SECOND_FACTOR_ROLES)

    @property
    def aggregates_only(self) -> bool:
        return bool(self.roles) and self.roles <= AGGREGATE_ONLY_ROLES


ANONYMOUS = Principal(user_id=None, grants=())


def principal_for_user(user: Any) -> Principal:
    if user is None or not user.is_authenticated:
        return ANONYMOUS
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    from .models import Membership

    rows = (
        Membership.objects.active()
        .filter(user=user)
        .values_list("role", "institution_id", "institution__type", "institution__municipality_id")
    )
    principal = Principal(
        user_id=user.pk,
        grants=tuple(Grant(Role(r), i, t, m) for r, i, t, m in rows),
    )
    setattr(user, _CACHE_ATTR, principal)
    return principal


def principal_for(request: HttpRequest) -> Principal:
    return principal_for_user(getattr(request, "user", None))


def signed_in_user(request: HttpRequest) -> User:
    """The request's user, for views whose access rule already required signing in."""
    from .models import User

    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user
