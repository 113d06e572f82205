"""Recording reads of personal data. Changes are recorded by django-auditlog's signals."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.http import HttpRequest

from sargs.core.client_address import client_address

from .models import AuditEntry


def _municipality_of(obj: Model) -> int | None:
    get_data = getattr(obj, "get_additional_data", None)
    data = get_data() if callable(get_data) else None
    return data.get("municipality_id") if isinstance(data, dict) else None


def _entry(request: HttpRequest, obj: Model, detail: dict[str, Any]) -> AuditEntry:
    user = request.user if request.user.is_authenticated else None
    match = getattr(request, "resolver_match", None)
    pk = obj.pk
    return AuditEntry(
        content_type=ContentType.objects.get_for_model(obj),
        object_pk=str(pk),
        object_id=pk if isinstance(pk, int) else None,
        object_repr=str(obj)[:200],
        action=AuditEntry.Action.ACCESS,
        actor=user,
        actor_email=getattr(user, "email", None),
        remote_addr=client_address(request),
        municipality_id=_municipality_of(obj),
        additional_data={"view": match.view_name if match else "", **detail},
    )


def record_view(*, request: HttpRequest, obj: Model, **detail: Any) -> AuditEntry:
    """Record that the request's user viewed ``obj`` (a page, an API read, an export)."""
    entry = _entry(request, obj, detail)
    entry.save()
    return entry


def record_views(*, request: HttpRequest, objs: Iterable[Model], **detail: Any) -> int:
    """Record the reads of every record shown in a list, in one query."""
    entries = [_entry(request, obj, detail) for obj in objs]
    AuditEntry.objects.bulk_create(entries)
    return len(entries)
