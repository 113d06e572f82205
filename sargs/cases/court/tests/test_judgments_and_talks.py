"""Court judgments on custody, the one-year deprivation review they settle, the custody fields
of the proceedings API, and the orphan's court's preventive talks (issue 4 item 5)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from sargs.cases.casework.models import Task
from sargs.cases.court import services as ps
from sargs.cases.court.models import CourtJudgment, DeprivationReview, PreventiveTalk
from sargs.cases.tests.helpers import open_case, school_task, today
from sargs.registry.models import CustodyRecord, SuspensionGround
from sargs.registry.testing import make_parent

pytestmark = pytest.mark.django_db
API = "/api/v1"


def suspended(cast, *, days_ago: int = 60):
    """A case whose mother's custody the court suspended ``days_ago`` days ago."""
    _concern, case, child = open_case(cast, danger=True)
    mother = make_parent(child, "mother", first_name="Ilze")
    proceeding = ps.proceeding_open(
        case=case,
        actor=cast.orphans_court_member,
        court=cast.institutions["a_court"],
        kind="suspend_custody",
        grounds="Vardarbība.",
        opened_on=today() - datetime.timedelta(days=days_ago),
    )
    ps.proceeding_decide(
        proceeding=proceeding,
        actor=cast.orphans_court_member,
        decision="Pārtrauktas.",
        decided_on=today() - datetime.timedelta(days=days_ago),
        custody_outcome="suspended",
        relation=mother,
        grounds=SuspensionGround.VIOLENCE,
        decision_number="BT-1",
        urgent_reason="immediate_danger",
        urgent_note="Bērns cietis no vardarbības; bīstami palikt mājās.",
    )
    return case, proceeding, mother


def suit(cast, case, **kwargs):
    return ps.proceeding_open(
        case=case,
        actor=cast.orphans_court_member,
        court=cast.institutions["a_court"],
        kind=kwargs.pop("kind", "deprivation_suit"),
        grounds="Apstākļi nav novērsti gada laikā.",
        opened_on=today() - datetime.timedelta(days=10),
    )


def judge(cast, proceeding, relation, **kwargs):
    values = {
        "proceeding": proceeding,
        "actor": cast.orphans_court_member,
        "kind": "deprived",
        "relation": relation,
        "court_name": "Vidzemes rajona tiesa",
        "judgment_number": "C-123/2026",
        "judged_on": today() - datetime.timedelta(days=1),
    }
    values.update(kwargs)
    return ps.proceeding_record_judgment(**values)


def statuses(relation):
    return list(CustodyRecord.objects.filter(relation=relation).values_list("status", flat=True))


def test_the_suspension_remembers_its_review_and_the_decision_fields(cast):
    _case, proceeding, mother = suspended(cast)
    proceeding.refresh_from_db()
    assert (proceeding.custody_outcome, proceeding.custody_relation) == ("suspended", mother)
    assert (proceeding.custody_grounds, proceeding.decision_number) == ("5", "BT-1")
    review = DeprivationReview.objects.get()
    assert review.relation == mother and review.task.status == "open"


def test_deprivation_judgment_writes_the_registry_and_closes_the_review(cast):
    case, _first, mother = suspended(cast)
    application = suit(cast, case)
    judgment = judge(cast, application, mother)
    assert statuses(mother) == ["suspended", "deprived"]
    record = CustodyRecord.objects.get(relation=mother, status="deprived")
    assert record.decision_number == "C-123/2026"
    assert record.decided_by == "Vidzemes rajona tiesa"
    assert record.effective_from == judgment.judged_on
    review = DeprivationReview.objects.get()
    assert review.settled_on == judgment.judged_on
    review.task.refresh_from_db()
    assert review.task.status == "done" and "C-123/2026" in review.task.result
    entry = case.timeline.filter(text__contains="C-123/2026", kind="proceeding").get()
    assert not entry.audience.exists()  # the case team only


def test_restoration_by_a_court_follows_a_deprivation(cast):
    case, _first, mother = suspended(cast)
    judge(cast, suit(cast, case), mother)
    restoration = suit(cast, case, kind="restore_custody")
    with pytest.raises(ValidationError) as error, transaction.atomic():
        judge(cast, restoration, mother, kind="deprived")
    assert "kind" in error.value.message_dict
    judge(
        cast,
        restoration,
        mother,
        kind="restored_by_court",
        judgment_number="C-9",
        judged_on=today(),
    )
    assert statuses(mother) == ["suspended", "deprived", "restored_by_court"]


def test_a_dismissed_claim_changes_no_custody_but_settles_the_review(cast):
    case, _first, mother = suspended(cast)
    judge(cast, suit(cast, case), mother, kind="dismissed")
    assert statuses(mother) == ["suspended"]
    assert Task.objects.get(deprivation_review__isnull=False).status == "done"


def test_a_decision_to_apply_settles_the_review(cast):
    case, _first, mother = suspended(cast)
    application = suit(cast, case)
    ps.proceeding_attach_support_record(proceeding=application, actor=cast.orphans_court_member)
    ps.proceeding_decide(
        proceeding=application,
        actor=cast.orphans_court_member,
        decision="Celt prasību tiesā.",
        custody_outcome="apply_deprivation",
        relation=mother,
    )
    assert statuses(mother) == ["suspended"]
    assert DeprivationReview.objects.get().settled_on == today()
    # the court still records the judgment on the same (decided) matter
    judge(cast, application, mother)
    assert statuses(mother) == ["suspended", "deprived"]


def test_judgments_are_refused_on_other_matters_and_by_others(cast):
    case, first, mother = suspended(cast)
    with pytest.raises(ValidationError, match="application for deprivation"):
        judge(cast, first, mother)
    application = suit(cast, case)
    for user in (cast.social_worker, cast.school_staff):
        with pytest.raises(PermissionDenied):
            judge(cast, application, mother, actor=user)
    with pytest.raises(ValidationError) as error, transaction.atomic():
        judge(cast, application, mother, judgment_number=" ", judged_on=today())
    assert "judgment_number" in error.value.message_dict
    with pytest.raises(ValidationError) as error, transaction.atomic():
        judge(cast, application, mother, judged_on=today() + datetime.timedelta(days=1))
    assert "judged_on" in error.value.message_dict
    assert not CourtJudgment.objects.exists() and statuses(mother) == ["suspended"]


def test_a_registry_refusal_undoes_the_judgment(cast):
    """A restoration by a court needs a deprivation first: nothing is kept."""
    case, _first, mother = suspended(cast)
    restoration = suit(cast, case, kind="restore_custody")
    with pytest.raises(ValidationError) as error, transaction.atomic():
        judge(cast, restoration, mother, kind="restored_by_court")
    assert "status" in error.value.message_dict
    assert not CourtJudgment.objects.exists()
    assert DeprivationReview.objects.get().settled_on is None


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("orphans_court_member", 302),
        ("social_worker", 403),
        ("school_staff", 403),
        ("b_social_worker", 403),
        ("councillor", 403),
    ],
)
def test_judgment_page_by_institution(cast, client_for, role, status):
    case, _first, mother = suspended(cast)
    application = suit(cast, case)
    data = {
        "kind": "deprived",
        "relation": mother.pk,
        "court_name": "Vidzemes rajona tiesa",
        "judgment_number": "C-1",
        "judged_on": today().strftime("%d.%m.%Y"),
    }
    url = f"/cases/proceedings/{application.pk}/judgment/"
    response = client_for(getattr(cast, role)).post(url, data)
    assert response.status_code == status
    assert CourtJudgment.objects.exists() is (status == 302)


def test_the_judgment_form_shows_errors_and_the_page_lists_judgments(cast, client_for):
    case, _first, mother = suspended(cast)
    application = suit(cast, case)
    court = client_for(cast.orphans_court_member)
    url = f"/cases/proceedings/{application.pk}/"
    page = court.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert [v for v, _label in page.context["judgment_form"].fields["kind"].choices] == [
        "deprived",
        "dismissed",
    ]
    response = court.post(f"{url}judgment/", {"kind": "deprived", "relation": mother.pk})
    assert (
        response.status_code == 200
        and "judgment_number" in response.context["judgment_form"].errors
    )
    judge(cast, application, mother)
    page = court.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert b"C-123/2026" in page.content and b"Court judgments" in page.content


def test_the_api_takes_and_returns_the_custody_fields(cast, client_for):
    _concern, case, child = open_case(cast, danger=True)
    mother = make_parent(child, "mother")
    proceeding = suit(cast, case, kind="suspend_custody")
    court = client_for(cast.orphans_court_member)
    url = f"{API}/proceedings/{proceeding.pk}/decide/"
    body = {
        "decision": "Pārtrauktas.",
        "custody_outcome": "suspended",
        "custody_relation": mother.pk,
        "decision_number": "BT-5",
        "urgent_reason": "immediate_danger",
        "urgent_note": "Bīstami.",
    }
    refused = court.post(url, body, content_type="application/json")
    assert refused.status_code == 400 and "grounds" in refused.json()
    other = make_parent(open_case_child(cast), "father")
    refused = court.post(
        url,
        {**body, "custody_relation": other.pk, "custody_grounds": "2"},
        content_type="application/json",
    )
    assert refused.status_code == 400 and "relation" in refused.json()
    response = court.post(url, {**body, "custody_grounds": "2"}, content_type="application/json")
    assert response.status_code == 200
    data = response.json()
    assert data["custody_outcome"] == "suspended" and data["custody_relation"] == mother.pk
    assert data["custody_grounds"] == "2" and data["decision_number"] == "BT-5"
    assert statuses(mother) == ["suspended"]
    shown = client_for(cast.social_worker).get(f"{API}/proceedings/{proceeding.pk}/").json()
    assert shown["custody_grounds"] == "2" and shown["judgments"] == []


def open_case_child(cast):
    from sargs.cases.tests.helpers import BORN
    from sargs.registry.testing import make_child, old_code

    return make_child(cast.municipality_a, first_name="Jānis", personal_code=old_code(BORN))


def test_the_api_records_a_judgment(cast, client_for):
    case, _first, mother = suspended(cast)
    application = suit(cast, case)
    url = f"{API}/proceedings/{application.pk}/judgment/"
    body = {
        "kind": "deprived",
        "relation": mother.pk,
        "court_name": "Vidzemes rajona tiesa",
        "judgment_number": "C-7",
        "judged_on": today().isoformat(),
    }
    social = client_for(cast.social_worker)
    assert social.post(url, body, content_type="application/json").status_code == 403
    court = client_for(cast.orphans_court_member)
    response = court.post(url, body, content_type="application/json")
    assert response.status_code == 201 and response.json()["kind"] == "deprived"
    assert statuses(mother) == ["suspended", "deprived"]
    shown = social.get(f"{API}/proceedings/{application.pk}/").json()
    assert [j["judgment_number"] for j in shown["judgments"]] == ["C-7"]


# --- Preventive talks ---------------------------------------------------------------------


def talk(cast, case, **kwargs):
    values = {
        "case": case,
        "actor": cast.orphans_court_member,
        "court": cast.institutions["a_court"],
        "held_on": today(),
        "participants": "Māte, bāriņtiesas loceklis, sociālā darbiniece",
        "discussed": "Bērna uzraudzība vakaros.",
        "next_steps": "Māte apmeklēs vecāku grupu.",
    }
    values.update(kwargs)
    return ps.preventive_talk_record(**values)


def test_a_preventive_talk_is_recorded_for_the_case_team(cast):
    _concern, case, _child = open_case(cast)
    recorded = talk(cast, case)
    assert case.participants.filter(institution=cast.institutions["a_court"]).exists()
    entry = case.timeline.get(text__contains="Preventive talk")
    assert "vecāku grupu" in entry.text and not entry.audience.exists()
    assert recorded.court == cast.institutions["a_court"]


def test_a_preventive_talk_needs_its_content_and_the_court(cast):
    _concern, case, _child = open_case(cast)
    with pytest.raises(ValidationError) as error, transaction.atomic():
        talk(cast, case, discussed=" ", next_steps="")
    assert set(error.value.message_dict) == {"discussed", "next_steps"}
    with pytest.raises(ValidationError) as error, transaction.atomic():
        talk(cast, case, held_on=today() + datetime.timedelta(days=1))
    assert "held_on" in error.value.message_dict
    for user in (cast.social_worker, cast.school_staff):
        with pytest.raises(PermissionDenied):
            talk(cast, case, actor=user)
    assert not PreventiveTalk.objects.exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("orphans_court_member", 200),
        ("social_worker", 200),
        ("coordinator", 200),
        ("school_staff", 403),
        ("police_officer", 404),
        ("b_social_worker", 404),
        ("councillor", 403),
        ("administrator", 403),
    ],
)
def test_talk_page_and_api_by_institution(cast, client_for, role, status):
    _concern, case, _child = open_case(cast)
    school_task(cast, case)  # the school takes part but is not in the case team
    talk(cast, case)
    client = client_for(getattr(cast, role))
    response = client.get(f"/cases/{case.pk}/talks/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == status
    if status == 200:
        assert "vecāku grupu" in response.content.decode()
    assert client.get(f"{API}/cases/{case.pk}/talks/").status_code == status


def test_the_court_records_a_talk_through_the_page_and_the_api(cast, client_for):
    _concern, case, _child = open_case(cast, danger=True)  # the court takes part
    court = client_for(cast.orphans_court_member)
    social = client_for(cast.social_worker)
    url = f"/cases/{case.pk}/talks/new/"
    assert social.get(url).status_code == 403
    data = {
        "court": cast.institutions["a_court"].pk,
        "held_on": today().strftime("%d.%m.%Y"),
        "participants": "Tēvs",
        "discussed": "",
        "next_steps": "Tikties pēc mēneša.",
    }
    response = court.post(url, data)
    assert response.status_code == 200 and "discussed" in response.context["form"].errors
    assert court.post(url, {**data, "discussed": "Alkohols."}).status_code == 302
    api = f"{API}/cases/{case.pk}/talks/"
    body = {**data, "held_on": today().isoformat(), "discussed": "Skola."}
    assert social.post(api, body, content_type="application/json").status_code == 403
    response = court.post(api, body, content_type="application/json")
    assert response.status_code == 201 and response.json()["discussed"] == "Skola."
    listed = social.get(api).json()
    assert [t["discussed"] for t in listed] == ["Skola.", "Alkohols."]


def test_talk_list_query_count_is_constant(cast, client_for, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _concern, case, _child = open_case(cast, danger=True)
    talk(cast, case)
    client = client_for(cast.social_worker)
    client.get(f"/cases/{case.pk}/talks/")  # warm the session and caches
    with CaptureQueriesContext(connection) as one:
        client.get(f"/cases/{case.pk}/talks/")
    for _ in range(4):
        talk(cast, case)
    with django_assert_num_queries(len(one)):
        client.get(f"/cases/{case.pk}/talks/")
