"""The police's part (issue 16 point 7): the assessment of grounds for proceedings with its
result, prevention work, who records and who sees them (school and provider: 404)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from sargs.audit.models import AuditEntry
from sargs.cases.casework.models import ParticipantRole
from sargs.cases.casework.services import case_participant_join
from sargs.cases.police import services as police_services
from sargs.cases.police.models import PoliceAssessment, PreventionWork
from sargs.cases.tests.helpers import open_case, refer, today

pytestmark = pytest.mark.django_db


def _case_with_police(cast):
    _concern, case, child = open_case(cast)
    case_participant_join(
        case=case, institution=cast.institutions["a_police"], role=ParticipantRole.OTHER
    )
    return case, child


def _assess(cast, case, **kwargs):
    values = {
        "case": case,
        "actor": cast.police_officer,
        "assessed_on": today(),
        "assessment": "Tēvs sitis bērnu; liecinieki kaimiņi.",
        "result": "started",
        "proceedings_kind": "criminal",
        "proceedings_number": "11816001234",
    }
    values.update(kwargs)
    return police_services.police_assessment_record(**values)


def test_started_proceedings_need_their_kind_and_number(cast):
    case, _child = _case_with_police(cast)
    with pytest.raises(ValidationError) as error:
        _assess(cast, case, proceedings_kind="", proceedings_number=" ")
    assert set(error.value.message_dict) == {"proceedings_kind", "proceedings_number"}
    record = _assess(cast, case)
    assert record.police == cast.institutions["a_police"]
    assert (record.result, record.proceedings_kind, record.proceedings_number) == (
        "started",
        "criminal",
        "11816001234",
    )


def test_not_started_needs_the_reason_and_drops_kind_and_number(cast):
    case, _child = _case_with_police(cast)
    with pytest.raises(ValidationError) as error:
        _assess(cast, case, result="not_started", not_started_reason="")
    assert "not_started_reason" in error.value.message_dict
    record = _assess(cast, case, result="not_started", not_started_reason="Nav pazīmju.")
    assert (record.proceedings_kind, record.proceedings_number) == ("", "")


def test_the_database_refuses_a_started_result_without_a_number(cast):
    case, _child = _case_with_police(cast)
    record = _assess(cast, case)
    with pytest.raises(IntegrityError), transaction.atomic():
        PoliceAssessment.objects.filter(pk=record.pk).update(proceedings_number="")


def test_only_police_taking_part_record(cast):
    _concern, case, _child = open_case(cast)
    with pytest.raises(PermissionDenied):  # police not in the case
        _assess(cast, case)
    case_participant_join(
        case=case, institution=cast.institutions["a_police"], role=ParticipantRole.OTHER
    )
    with pytest.raises(PermissionDenied):
        _assess(cast, case, actor=cast.social_worker)


def test_prevention_work_with_a_child_of_the_case(cast):
    case, child = _case_with_police(cast)
    with pytest.raises(ValidationError):
        police_services.prevention_work_record(
            case=case,
            actor=cast.police_officer,
            child=child,
            kind="talk",
            held_on=today() + datetime.timedelta(days=1),
            note="Saruna.",
        )
    work = police_services.prevention_work_record(
        case=case,
        actor=cast.police_officer,
        child=child,
        kind="registration",
        held_on=today(),
        note="Ņemts preventīvajā uzskaitē.",
    )
    assert work.kind == "registration" and work.police == cast.institutions["a_police"]


def test_the_page_for_the_team_and_the_police_not_the_school_or_provider(cast, client_for):
    case, child = _case_with_police(cast)
    refer(cast, case)  # the provider takes part in the case
    _assess(cast, case)
    url = f"/cases/{case.pk}/police/"
    assert client_for(cast.school_staff).get(url).status_code == 404
    assert client_for(cast.provider_staff).get(url).status_code == 404
    before = AuditEntry.objects.count()
    page = client_for(cast.social_worker).get(url)
    assert page.status_code == 200 and b"11816001234" in page.content
    assert b"police-assessment" in page.content and AuditEntry.objects.count() > before
    police = client_for(cast.police_officer)
    response = police.post(
        f"/cases/{case.pk}/police/prevention/",
        {
            "child": child.pk,
            "kind": "talk",
            "held_on": today().strftime("%d.%m.%Y"),
            "note": "Preventīva saruna ar zēnu.",
        },
    )
    assert response.status_code == 302
    assert PreventionWork.objects.filter(case=case, kind="talk").count() == 1
    assert "Preventīva saruna" in police.get(url).content.decode()
    # The social worker sees but does not record.
    response = client_for(cast.social_worker).post(
        f"/cases/{case.pk}/police/prevention/",
        {"child": child.pk, "kind": "talk", "held_on": today().strftime("%d.%m.%Y"), "note": "x"},
    )
    assert response.status_code == 403
