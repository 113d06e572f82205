"""Reads of a meeting recorded against the children on its agenda, in one INSERT; attendance
recorded in the change log (issue 14 point 5, ADR 0003)."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sargs.audit.models import AuditEntry
from sargs.cases.tests.helpers import open_case
from sargs.cooperation import services
from sargs.cooperation.models import ItemKind, MeetingParticipant
from sargs.registry.models import Child

from .helpers import active_group, urgent_meeting

pytestmark = pytest.mark.django_db


def _child_reads(child: Child) -> int:
    return AuditEntry.objects.filter(
        action=AuditEntry.Action.ACCESS,
        content_type=ContentType.objects.get_for_model(Child),
        object_pk=str(child.pk),
    ).count()


def test_opening_a_meeting_records_its_children_in_one_insert(cast, client_for):
    meeting = urgent_meeting(cast, active_group(cast))
    _concern, case, child = open_case(cast)
    services.agenda_item_add(
        actor=cast.coordinator, meeting=meeting, kind=ItemKind.CASE, title="", case=case
    )
    client = client_for(cast.coordinator)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/cooperation/meetings/{meeting.pk}/").status_code == 200
    inserts = [q for q in queries if q["sql"].startswith('INSERT INTO "audit_auditentry"')]
    assert len(inserts) == 1
    assert _child_reads(child) == 1
    assert client.get(f"/api/v1/cooperation/meetings/{meeting.pk}/").status_code == 200
    assert client.get(f"/cooperation/meetings/{meeting.pk}/invitation.docx").status_code == 200
    assert _child_reads(child) == 3


def test_attendance_is_in_the_change_log(cast):
    meeting = urgent_meeting(cast, active_group(cast))
    present = meeting.participants.filter(kind="member").first()
    assert present is not None
    services.attendance_record(actor=cast.coordinator, meeting=meeting, present=[present])
    changes = AuditEntry.objects.filter(
        action=AuditEntry.Action.UPDATE,
        content_type=ContentType.objects.get_for_model(MeetingParticipant),
        object_pk=str(present.pk),
    )
    assert [entry.changes["attended"] for entry in changes] == [[False, True]]
