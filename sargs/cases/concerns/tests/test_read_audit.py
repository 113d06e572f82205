"""Reads of a concern recorded on its registered child's own record, the list in one INSERT
(issue 14 point 5, ADR 0003)."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sargs.audit.models import AuditEntry
from sargs.cases.tests.helpers import open_case
from sargs.registry.models import Child

pytestmark = pytest.mark.django_db


def _child_reads(child: Child) -> int:
    return AuditEntry.objects.filter(
        action=AuditEntry.Action.ACCESS,
        content_type=ContentType.objects.get_for_model(Child),
        object_pk=str(child.pk),
    ).count()


def test_concern_pages_and_api_record_the_registered_child(cast, client_for):
    concern, _case, child = open_case(cast)
    client = client_for(cast.social_worker)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/cases/concerns/?tab=closed").status_code == 200
    inserts = [q for q in queries if q["sql"].startswith('INSERT INTO "audit_auditentry"')]
    assert len(inserts) == 1
    assert _child_reads(child) == 1
    assert client.get(f"/cases/concerns/{concern.pk}/").status_code == 200
    assert client.get(f"/api/v1/concerns/{concern.pk}/").status_code == 200
    assert client.get("/api/v1/concerns/?tab=closed").status_code == 200
    assert _child_reads(child) == 4
