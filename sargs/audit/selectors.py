from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import QuerySet

from sargs.organisations.principal import Principal

from .access import audit_entry_policy
from .models import AuditEntry
from .subjects import RecordRef, Subject, find_subjects, records_filter

SUBJECT_LIMIT = 20


def audit_entry_search(
    *,
    principal: Principal,
    actor_username: str = "",
    action: int | None = None,
    object_type: str = "",
    object_pk: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    about: Iterable[RecordRef] | None = None,
) -> QuerySet[AuditEntry]:
    """Entries the principal may search, newest first; ``about``: only entries on these records."""
    qs = audit_entry_policy.visible(
        principal, AuditEntry.objects.select_related("actor", "content_type")
    )
    if about is not None:
        qs = qs.filter(records_filter(about))
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


def audit_subjects(
    *, principal: Principal, name: str = "", personal_code: str = ""
) -> list[Subject]:
    """People matching the name or code who appear in entries the principal may see.

    Someone with no such entry is left out, so the answer is the same whether they exist
    elsewhere or not at all.
    """
    visible = audit_entry_policy.visible(principal, AuditEntry.objects.all())
    return [
        subject
        for subject in find_subjects(name=name, personal_code=personal_code, limit=SUBJECT_LIMIT)
        if visible.filter(records_filter(subject.records)).exists()
    ]
