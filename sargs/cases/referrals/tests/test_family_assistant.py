"""Family assistants as the guideline defines them (issue 16 point 8, domain.md §8): the
referral rests on a risk assessment and a plan or a recorded reason for urgency, and the
assistant assigned meets the qualification rule unless a coordinator overrides it, saying why."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from sargs.cases.casework import services as case_services
from sargs.cases.casework.models import SupportArea, TimelineEntry
from sargs.cases.referrals import services as rs
from sargs.cases.tests.helpers import open_case, refer, today
from sargs.organisations.roles import Role
from sargs.organisations.testing import make_user
from sargs.services.models import Education, StaffQualification

pytestmark = pytest.mark.django_db


def _assess_and_plan(cast, case) -> None:
    case_services.assessment_record(
        case=case,
        actor=cast.social_worker,
        assessed_on=today(),
        overall_risk="medium",
        summary="Mātei grūti ar budžetu.",
        ratings={area: 1 for area in SupportArea.values},
    )
    case_services.plan_save(
        case=case,
        actor=cast.social_worker,
        review_on=today() + datetime.timedelta(days=90),
        goals={"budget": "Mēneša budžets"},
    )


def test_a_family_assistant_referral_without_assessment_and_plan_needs_a_reason(cast):
    _concern, case, _child = open_case(cast)
    with pytest.raises(ValidationError) as error:
        refer(cast, case, urgency_reason="  ")
    message = error.value.message_dict["urgency_reason"][0]
    assert message.startswith("The case has neither a risk assessment nor a rehabilitation plan.")
    referral = refer(cast, case, urgency_reason="Bērni paliek vieni naktī.")
    assert referral.urgency_reason == "Bērni paliek vieni naktī."


def test_an_assessment_alone_is_not_enough_but_with_a_plan_it_is(cast):
    _concern, case, _child = open_case(cast)
    case_services.assessment_record(
        case=case,
        actor=cast.social_worker,
        assessed_on=today(),
        overall_risk="medium",
        summary="Novērtējums.",
        ratings={area: 1 for area in SupportArea.values},
    )
    with pytest.raises(ValidationError) as error:
        refer(cast, case, urgency_reason="")
    message = error.value.message_dict["urgency_reason"][0]
    assert message.startswith("The case has no rehabilitation plan yet.")
    case_services.plan_save(
        case=case,
        actor=cast.social_worker,
        review_on=today() + datetime.timedelta(days=90),
        goals={"budget": "Mēneša budžets"},
    )
    assert refer(cast, case, urgency_reason="").urgency_reason == ""


def test_other_services_need_neither(cast):
    _concern, case, _child = open_case(cast)
    assert refer(cast, case, code="psychologist").urgency_reason == ""


def _qualified(user) -> None:
    StaffQualification.objects.create(user=user, education=Education.HIGHER_SOCIAL_WORK)


def test_a_qualified_assistant_of_the_provider_is_assigned(cast):
    _concern, case, _child = open_case(cast)
    _assess_and_plan(cast, case)
    referral = refer(cast, case, urgency_reason="")
    _qualified(cast.family_assistant)
    rs.referral_assign_assistant(
        referral=referral, actor=cast.provider_staff, assistant=cast.family_assistant
    )
    referral.refresh_from_db()
    assert referral.assistant == cast.family_assistant
    assert referral.assistant_override_reason == ""
    assert referral.assistant_override_by is None
    assert TimelineEntry.objects.filter(case=case, text__contains="family assistant").exists()


def test_an_unqualified_assistant_is_refused_to_the_provider(cast):
    _concern, case, _child = open_case(cast)
    referral = refer(cast, case)
    StaffQualification.objects.create(user=cast.family_assistant, education=Education.OTHER)
    with pytest.raises(ValidationError) as error:
        rs.referral_assign_assistant(
            referral=referral,
            actor=cast.provider_staff,
            assistant=cast.family_assistant,
            override_reason="Pieredze 10 gadi",
        )
    assert "coordinator" in error.value.message_dict["assistant"][0]
    referral.refresh_from_db()
    assert referral.assistant is None


def test_the_coordinator_overrides_only_with_a_reason_and_is_recorded(cast):
    _concern, case, _child = open_case(cast)
    referral = refer(cast, case)
    with pytest.raises(ValidationError) as error:
        rs.referral_assign_assistant(
            referral=referral, actor=cast.coordinator, assistant=cast.family_assistant
        )
    assert "No education is recorded" in error.value.message_dict["override_reason"][0]
    rs.referral_assign_assistant(
        referral=referral,
        actor=cast.coordinator,
        assistant=cast.family_assistant,
        override_reason="Studē sociālo darbu, 4. kurss; uzraudzīs sociālā darbiniece.",
    )
    referral.refresh_from_db()
    assert referral.assistant == cast.family_assistant
    assert referral.assistant_override_by == cast.coordinator
    assert referral.assistant_override_reason.startswith("Studē")


def test_only_a_family_assistant_of_the_referrals_provider(cast):
    _concern, case, _child = open_case(cast)
    referral = refer(cast, case)
    elsewhere = make_user("fa_elsewhere", (cast.institutions["a_social"], Role.FAMILY_ASSISTANT))
    _qualified(elsewhere)
    with pytest.raises(ValidationError) as error:
        rs.referral_assign_assistant(referral=referral, actor=cast.coordinator, assistant=elsewhere)
    assert "assistant" in error.value.message_dict


def test_an_assistant_only_on_a_family_assistant_referral(cast):
    _concern, case, _child = open_case(cast)
    referral = refer(cast, case, code="psychologist")
    _qualified(cast.family_assistant)
    with pytest.raises(ValidationError):
        rs.referral_assign_assistant(
            referral=referral, actor=cast.coordinator, assistant=cast.family_assistant
        )


def test_the_page_assigns_through_the_form(cast, client_for):
    _concern, case, _child = open_case(cast)
    referral = refer(cast, case)
    _qualified(cast.family_assistant)
    client = client_for(cast.provider_staff)
    page = client.get(f"/cases/referrals/{referral.pk}/")
    assert page.status_code == 200 and b"referral-assistant" in page.content
    response = client.post(
        f"/cases/referrals/{referral.pk}/assistant/",
        {"assistant": cast.family_assistant.pk, "override_reason": ""},
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.assistant == cast.family_assistant
