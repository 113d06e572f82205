from __future__ import annotations

import datetime

from django.db.models import QuerySet

from sargs.organisations.principal import Principal

from .access import audit_entry_policy
from .models import AuditEntry


def audit_entry_search(
    *,
    principal: Principal,
    actor_username: str = "",
    action: int | None = None,
    object_type: str = "",
    object_pk: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet[AuditEntry]:
    """Entries the principal may search, newest first."""
    qs = audit_entry_policy.visible(
        principal, AuditEntry.objects.select_related("actor", "content_type")
    )
    if actor_username:
        qs = qs.filter(actor__username=actor_username)
    if action is not None:
        qs = qs.filter(action=action)
    if object_type:
        app_label, _, model = object_type.partition(".")
        qs = qs.filter(content_type__app_label=app_label, content_type__model=model)
    if object_pk:
        qs = qs.filter(object_pk=object_pk)
    if date_from:
        qs = qs.filter(timestamp__date__gte=date_from)
    if date_to:
        qs = qs.filter(timestamp__date__lte=date_to)
    return qs.order_by("-timestamp", "-pk")
