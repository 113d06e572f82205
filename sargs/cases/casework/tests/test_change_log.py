"""Closing a case is in the change log row by row (issue 14 point 5, ADR 0003)."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType

from sargs.audit.models import AuditEntry
from sargs.cases.casework import services as case_services
from sargs.cases.casework.models import CaseChild, CaseParticipant
from sargs.cases.tests.helpers import open_case

pytestmark = pytest.mark.django_db


def _updates(model: type, pk: int) -> list[dict[str, list[str]]]:
    return [
        entry.changes
        for entry in AuditEntry.objects.filter(
            action=AuditEntry.Action.UPDATE,
            content_type=ContentType.objects.get_for_model(model),
            object_pk=str(pk),
        )
    ]


def test_closing_a_case_records_the_children_and_participants_it_releases(cast):
    _concern, case, child = open_case(cast)
    link = CaseChild.objects.get(case=case, child=child)
    participants = list(case.participants.filter(until__isnull=True))
    assert participants
    case_services.case_close(case=case, actor=cast.social_worker, outcome="stayed_in_family")
    assert _updates(CaseChild, link.pk) == [{"active": [True, False]}]
    for participant in participants:
        changes = _updates(CaseParticipant, participant.pk)
        assert len(changes) == 1 and set(changes[0]) == {"until"}
