"""The shape every access policy has: one object answers both "which records may this
user see?" (a queryset filter, for lists) and "may they see / change this one?"."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404

M = TypeVar("M", bound=Model)


class Policy(Generic[M]):
    def visible(self, principal: Any, queryset: QuerySet[M]) -> QuerySet[M]:
        """The records the principal may see."""
        raise NotImplementedError

    def can_change(self, principal: Any, obj: M) -> bool:
        """Whether the principal may change a record they can see."""
        return False

    def get_visible_or_404(self, principal: Any, queryset: QuerySet[M], **lookup: Any) -> M:
        """One record, or 404 when it does not exist or the principal may not see it."""
        obj = self.visible(principal, queryset).filter(**lookup).first()
        if obj is None:
            raise Http404
        return obj

    def require_change(self, principal: Any, obj: M) -> None:
        """403 when the principal sees ``obj`` but may not change it."""
        if not self.can_change(principal, obj):
            raise PermissionDenied
