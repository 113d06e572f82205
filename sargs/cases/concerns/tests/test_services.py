"""Reporting, alerting and triaging concerns: every transition, and the refusals."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from sargs.cases.casework.models import CaseChild, CaseParticipant, ParticipantRole, TimelineEntry
from sargs.cases.concerns import services as concern_services
from sargs.cases.concerns.models import Alert, ConcernStatus
from sargs.cases.tests.helpers import BORN, open_case, registry_child, report, today
from sargs.core.workdays import add_working_days
from sargs.organisations.models import Institution
from sargs.organisations.roles import InstitutionType
from sargs.registry.models import Child
from sargs.registry.testing import make_child, old_code

pytestmark = pytest.mark.django_db


def test_a_school_reports_a_concern_with_a_triage_deadline(cast):
    concern = report(cast)
    assert concern.status == ConcernStatus.NEW
    assert concern.municipality == cast.municipality_a
    assert concern.reported_by == cast.school_staff
    assert concern.triage_due == add_working_days(today(), 3)
    assert not Alert.objects.exists()


@override_settings(CONCERN_TRIAGE_WORKING_DAYS=5)
def test_the_triage_deadline_is_a_setting(cast):
    assert report(cast).triage_due == add_working_days(today(), 5)


def test_reporting_for_an_institution_one_does_not_belong_to_is_refused(cast):
    with pytest.raises(PermissionDenied):
        report(cast, institution=cast.institutions["a_police"])
    with pytest.raises(PermissionDenied):
        report(cast, user=cast.councillor, institution=cast.institutions["a_council"])


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"categories": []}, "categories"),
        ({"categories": ["unknown"]}, "categories"),
        ({"child_personal_code": "123"}, "child_personal_code"),
        ({"observed_on": datetime.date(2999, 1, 1)}, "observed_on"),
    ],
)
def test_invalid_reports_are_refused_by_field(cast, changes, field):
    with pytest.raises(ValidationError) as error:
        report(cast, **changes)
    assert field in error.value.message_dict


def test_danger_alerts_social_service_and_court_in_the_same_transaction(
    cast, django_capture_on_commit_callbacks
):
    cast.institutions["a_social"].email = "soc@example.test"
    cast.institutions["a_social"].save()
    with django_capture_on_commit_callbacks(execute=True):
        concern = report(cast, danger=True)
    recipients = set(Alert.objects.filter(concern=concern).values_list("recipient", flat=True))
    assert recipients == {cast.institutions["a_social"].pk, cast.institutions["a_court"].pk}
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["soc@example.test"]
    assert "Anna" not in mail.outbox[0].body  # no child's data in e-mail


def test_danger_also_alerts_the_municipality_keeping_the_childs_record(cast):
    code = old_code(BORN)
    make_child(cast.municipality_b, personal_code=code)
    concern = report(cast, danger=True, child_personal_code=code)
    recipients = set(Alert.objects.filter(concern=concern).values_list("recipient", flat=True))
    assert cast.institutions["b_social"].pk in recipients
    assert cast.institutions["a_court"].pk in recipients


def test_acknowledge_an_alert_once(cast):
    concern = report(cast, danger=True)
    alert = Alert.objects.get(concern=concern, recipient=cast.institutions["a_court"])
    with pytest.raises(PermissionDenied):
        concern_services.alert_acknowledge(alert=alert, actor=cast.social_worker)
    concern_services.alert_acknowledge(alert=alert, actor=cast.orphans_court_member)
    alert.refresh_from_db()
    assert alert.acknowledged_by == cast.orphans_court_member
    with pytest.raises(ValidationError, match="already been acknowledged"):
        concern_services.alert_acknowledge(alert=alert, actor=cast.orphans_court_member)


def test_accept_opens_a_case_with_the_social_service_and_the_reporter(cast):
    concern, case, child = open_case(cast)
    assert concern.status == ConcernStatus.ACCEPTED
    assert concern.case == case and concern.child == child
    assert case.municipality == cast.municipality_a
    assert case.social_worker == cast.social_worker
    roles = dict(CaseParticipant.objects.filter(case=case).values_list("institution", "role"))
    assert roles == {
        cast.institutions["a_social"].pk: ParticipantRole.OWNER,
        cast.institutions["a_school"].pk: ParticipantRole.REPORTER,
    }
    kinds = set(TimelineEntry.objects.filter(case=case).values_list("kind", flat=True))
    assert kinds == {"concern", "taken_up"}


def test_danger_brings_the_orphans_court_into_the_case(cast):
    _concern, case, _child = open_case(cast, danger=True)
    assert case.participants.filter(
        institution=cast.institutions["a_court"], role=ParticipantRole.COURT
    ).exists()


def test_a_siblings_concern_joins_the_familys_open_case(cast):
    _concern, case, child = open_case(cast)
    sibling = make_child(cast.municipality_a, first_name="Pēteris", household=child.household)
    second = report(cast, child_first_name="Pēteris")
    assert (
        concern_services.concern_accept(concern=second, actor=cast.social_worker, child=sibling)
        == case
    )
    assert set(case.children.all()) == {child, sibling}


def test_a_triaged_concern_cannot_be_triaged_again(cast):
    concern, _case, child = open_case(cast)
    with pytest.raises(ValidationError, match="already been triaged"):
        concern_services.concern_accept(concern=concern, actor=cast.social_worker, child=child)
    with pytest.raises(ValidationError, match="already been triaged"):
        concern_services.concern_close(concern=concern, actor=cast.social_worker, reason="x")


def test_only_the_municipalitys_social_service_triages(cast):
    concern = report(cast)
    child = registry_child(cast)
    for user in (cast.school_staff, cast.orphans_court_member, cast.b_social_worker):
        with pytest.raises(PermissionDenied):
            concern_services.concern_accept(concern=concern, actor=user, child=child)


def test_another_municipalitys_child_cannot_be_chosen(cast):
    concern = report(cast)
    other = make_child(cast.municipality_b)
    with pytest.raises(ValidationError) as error:
        concern_services.concern_accept(concern=concern, actor=cast.social_worker, child=other)
    assert "child" in error.value.message_dict


def test_register_the_child_and_accept(cast):
    concern = report(cast, child_personal_code=old_code(BORN))
    case = concern_services.concern_accept_new_child(
        concern=concern, actor=cast.social_worker, sex="female"
    )
    child = Child.objects.get(personal_code=concern.child_personal_code)
    assert child.municipality == cast.municipality_a
    assert CaseChild.objects.filter(case=case, child=child, active=True).exists()


def test_close_needs_a_reason(cast):
    concern = report(cast)
    with pytest.raises(ValidationError) as error:
        concern_services.concern_close(concern=concern, actor=cast.social_worker, reason=" ")
    assert "reason" in error.value.message_dict
    concern_services.concern_close(concern=concern, actor=cast.coordinator, reason="Nav pamata.")
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.CLOSED
    assert concern.triaged_by == cast.coordinator


def test_reporting_from_a_state_institution_needs_a_municipality(cast):
    from sargs.organisations.models import Membership
    from sargs.organisations.roles import Role

    health = Institution.objects.create(name="Slimnīca", type=InstitutionType.HEALTH_CARE)
    Membership.objects.create(user=cast.social_worker, institution=health, role=Role.SOCIAL_WORKER)
    with pytest.raises(ValidationError) as error:
        report(cast, user=cast.social_worker, institution=health)
    assert "municipality" in error.value.message_dict
    concern = report(
        cast, user=cast.social_worker, institution=health, municipality=cast.municipality_a
    )
    assert concern.municipality == cast.municipality_a
