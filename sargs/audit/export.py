"""The audit search as a CSV file for the data protection officer, and the record of it.

The file holds the same readable text as the page (labels, names, local times, masked personal
codes): the officer answers a person's request with it, and the codes are not needed for that.
Semicolons separate the columns and the file starts with a byte-order mark, so that Excel with
Latvian regional settings opens it in columns and with the right letters. Every cell that a
spreadsheet would take for a formula is neutralised.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _

from sargs.core.client_address import client_address
from sargs.core.exports import spreadsheet_row
from sargs.organisations.principal import Principal
from sargs.organisations.roles import Role

from .models import AuditEntry
from .presentation import change_summary, context_summary, present_entries
from .services import record_views
from .subjects import Subject

EXPORT_LIMIT = 10_000
CHUNK = 500


def _header() -> list[str]:
    return [
        _("When"),
        _("Who"),
        _("Action"),
        _("Record type"),
        _("Record"),
        _("Address"),
        _("Changes"),
        _("Details"),
    ]


def _rows(entries: QuerySet[AuditEntry]) -> Iterator[list[str]]:
    limited = entries[:EXPORT_LIMIT]
    for start in range(0, EXPORT_LIMIT, CHUNK):
        chunk = list(limited[start : start + CHUNK])
        if not chunk:
            return
        for row in present_entries(chunk):
            yield [
                row.when,
                row.who,
                row.action,
                row.record_type,
                row.record,
                row.address,
                change_summary(row),
                context_summary(row),
            ]


def audit_csv(entries: QuerySet[AuditEntry]) -> tuple[bytes, int]:
    """The CSV file of ``entries`` (at most ``EXPORT_LIMIT``) and the number of rows in it."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(_header())
    count = 0
    for row in _rows(entries):
        writer.writerow(spreadsheet_row(row))
        count += 1
    return ("\ufeff" + out.getvalue()).encode("utf-8"), count


def record_audit_export(
    *, request: HttpRequest, principal: Principal, subjects: Iterable[Subject], rows: int
) -> None:
    """The export is a read of the trail: recorded against each person it is about, or, for a
    search about nobody in particular, as an entry on the trail of each municipality searched."""
    people = [subject.record for subject in subjects]
    if people:
        record_views(request=request, objs=people, purpose="audit export", count=rows)
        return
    user = request.user if request.user.is_authenticated else None
    content_type = ContentType.objects.get_for_model(AuditEntry)
    AuditEntry.objects.bulk_create(
        AuditEntry(
            content_type=content_type,
            object_pk="",
            object_repr="",
            action=AuditEntry.Action.ACCESS,
            actor=user,
            actor_email=getattr(user, "email", None),
            remote_addr=client_address(request),
            municipality_id=municipality,
            additional_data={"purpose": "audit export", "count": rows},
        )
        for municipality in sorted(principal.municipalities(Role.COORDINATOR))
    )
