"""The shape every access policy has: one object answers both "which records may this
user see?" (a queryset filter, for lists) and "may they see / change this one?".

A policy also declares, as :class:`Permission` rows, who may do what with its records: the
grants (roles in kinds of institution, :mod:`sargs.core.grants`) and, in words, the relations
no role expresses ("the group's leader and secretary"). The policy's own checks read the same
declaration (``municipalities(principal, "change")``), and ``manage.py access_matrix``
prints it to docs/access.md, so the page and the checks cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404

from .grants import Grants

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class Permission:
    """``name`` (see, change, decide, ...) is held by the holders of ``grants`` in the record's
    ``scope`` (e.g. "municipality"; national grants everywhere), and by the people ``also``
    names in words. Names are unique within a policy."""

    name: str
    grants: tuple[Grants, ...] = ()
    scope: str = "municipality"
    also: tuple[str, ...] = ()

    def municipalities(self, principal: Any) -> frozenset[int]:
        return frozenset().union(*(g.municipalities(principal) for g in self.grants))

    def institutions(self, principal: Any) -> frozenset[int]:
        return frozenset().union(*(g.institutions(principal) for g in self.grants))

    def covers(self, role: Any, institution_type: Any, *, national: bool = False) -> bool:
        return any(g.covers(role, institution_type, national=national) for g in self.grants)

    def describe(self) -> str:
        who = [
            f"{g.describe()} (everywhere)"
            if g.level == "national"
            else f"{g.describe()} (of the record's {self.scope})"
            for g in self.grants
        ]
        return "; ".join([*who, *self.also])


class Policy(Generic[M]):
    #: What the records are, for docs/access.md ("children's records").
    subject: ClassVar[str] = ""
    #: Who may do what with them; read by the checks below and by the access page.
    permissions: ClassVar[tuple[Permission, ...]] = ()

    def visible(self, principal: Any, queryset: QuerySet[M]) -> QuerySet[M]:
        """The records the principal may see."""
        raise NotImplementedError

    def can_change(self, principal: Any, obj: M) -> bool:
        """Whether the principal may change a record they can see."""
        return False

    # --- Declared permissions --------------------------------------------------------------
    def permission(self, name: str) -> Permission:
        for permission in self.permissions:
            if permission.name == name:
                return permission
        raise KeyError(f"{type(self).__name__} declares no permission {name!r}")

    def municipalities(self, principal: Any, name: str) -> frozenset[int]:
        """Municipalities where the principal holds the declared permission ``name``."""
        return self.permission(name).municipalities(principal)

    def institutions(self, principal: Any, name: str) -> frozenset[int]:
        """Institutions where the principal holds the declared permission ``name``."""
        return self.permission(name).institutions(principal)

    def can(self, principal: Any, action: str, obj: M) -> bool:
        """``can_<action>(principal, obj)``: one entry point for named permissions."""
        check = getattr(self, f"can_{action}", None)
        if check is None:
            raise AttributeError(f"{type(self).__name__} has no check can_{action}")
        return bool(check(principal, obj))

    # --- Views -----------------------------------------------------------------------------
    def get_visible_or_404(self, principal: Any, queryset: QuerySet[M], **lookup: Any) -> M:
        """One record, or 404 when it does not exist or the principal may not see it."""
        obj = self.visible(principal, queryset).filter(**lookup).first()
        if obj is None:
            raise Http404
        return obj

    def require_change(self, principal: Any, obj: M) -> None:
        """403 when the principal sees ``obj`` but may not change it."""
        self.require(principal, "change", obj)

    def require(self, principal: Any, action: str, obj: M) -> None:
        """403 when the principal sees ``obj`` but may not do ``action`` with it."""
        if not self.can(principal, action, obj):
            raise PermissionDenied
