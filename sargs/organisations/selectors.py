"""Reads for institutions and users, always through the access policy."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from .access import institution_policy, user_policy
from .models import Institution, Membership, User
from .principal import Principal


def institution_list(
    *, principal: Principal, query: str = "", institution_type: str = ""
) -> QuerySet[Institution]:
    """Institutions the principal may see, filtered by name and type."""
    qs = institution_policy.visible(principal, Institution.objects.select_related("municipality"))
    if query:
        qs = qs.filter(name__icontains=query)
    if institution_type:
        qs = qs.filter(type=institution_type)
    return qs.order_by("municipality__name", "type", "name")


def user_list(*, principal: Principal, query: str = "") -> QuerySet[User]:
    """Users an administrator manages, with their memberships prefetched."""
    qs = user_policy.visible(principal, User.objects.all())
    if query:
        qs = qs.filter(
            Q(username__icontains=query)
            | Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
        )
    return qs.prefetch_related("memberships__institution").order_by("last_name", "first_name")


def membership_list(*, user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("institution__municipality")


def user_counts(*, principal: Principal) -> dict[str, int]:
    """Users the administrator manages, and how many of them hold no role today."""
    active = Membership.objects.active().filter(user=OuterRef("pk"))
    users = user_policy.visible(principal, User.objects.all())
    return {"total": users.count(), "without_role": users.exclude(Exists(active)).count()}
