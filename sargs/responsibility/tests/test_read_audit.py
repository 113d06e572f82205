"""A cost claim's read recorded on the child's own record (the claimant's registry record it was
made from), the list in one INSERT (issue 14 point 5, ADR 0003)."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sargs.audit.models import AuditEntry
from sargs.registry.models import Child
from sargs.registry.testing import make_child

from .helpers import make_claim

pytestmark = pytest.mark.django_db


def _child_reads(child: Child) -> int:
    return AuditEntry.objects.filter(
        action=AuditEntry.Action.ACCESS,
        content_type=ContentType.objects.get_for_model(Child),
        object_pk=str(child.pk),
    ).count()


def test_claim_list_and_api_record_the_claims_child(cast, client_for):
    child = make_child(cast.municipality_a, first_name="Marta")
    make_claim(cast, child=child)
    client = client_for(cast.coordinator)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/responsibility/claims/?tab=outgoing").status_code == 200
    inserts = [q for q in queries if q["sql"].startswith('INSERT INTO "audit_auditentry"')]
    assert len(inserts) == 1
    assert _child_reads(child) == 1
    assert client.get("/api/v1/cost-claims/").status_code == 200
    assert _child_reads(child) == 2
