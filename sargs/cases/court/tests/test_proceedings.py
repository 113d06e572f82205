"""Orphan's court proceedings: every transition, the one-month term, and who sees them."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from sargs.cases.casework.models import Task
from sargs.cases.court import services as ps
from sargs.cases.court.models import Proceeding
from sargs.cases.court.terms import add_months, month_term
from sargs.cases.tests.helpers import BORN, open_case, today
from sargs.core.workdays import is_working_day
from sargs.registry.models import CustodyRecord, CustodyStatus, SuspensionGround
from sargs.registry.testing import make_child, make_parent, old_code

pytestmark = pytest.mark.django_db
API = "/api/v1"


def opened(cast):
    _concern, case, _child = open_case(cast, danger=True)
    proceeding = ps.proceeding_open(
        case=case,
        actor=cast.orphans_court_member,
        court=cast.institutions["a_court"],
        kind="suspend_custody",
        grounds="Vardarbība ģimenē.",
    )
    return case, proceeding


def test_the_month_term_moves_off_days_off():
    assert add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert month_term(datetime.date(2026, 10, 18)) == datetime.date(2026, 11, 19)
    assert is_working_day(month_term(datetime.date(2026, 5, 3)))


def test_open_warn_extend_decide(cast):
    case, proceeding = opened(cast)
    assert proceeding.decision_due == month_term(today())
    assert case.participants.filter(institution=cast.institutions["a_court"]).exists()
    with pytest.raises(ValidationError):
        ps.proceeding_set_remedy_term(
            proceeding=proceeding, actor=cast.orphans_court_member, remedy_until=today()
        )
    ps.proceeding_set_remedy_term(
        proceeding=proceeding,
        actor=cast.orphans_court_member,
        remedy_until=today() + datetime.timedelta(days=30),
    )
    with pytest.raises(ValidationError, match="later than"):
        ps.proceeding_extend(
            proceeding=proceeding,
            actor=cast.orphans_court_member,
            decision_due=proceeding.decision_due,
            reason="Jāizvērtē termiņa rezultāts.",
        )
    with pytest.raises(ValidationError, match="four months"):
        ps.proceeding_extend(
            proceeding=proceeding,
            actor=cast.orphans_court_member,
            decision_due=today() + datetime.timedelta(days=200),
            reason="Jāizvērtē termiņa rezultāts.",
        )
    later = month_term(today(), 3)
    with pytest.raises(ValidationError, match="reason"):
        ps.proceeding_extend(
            proceeding=proceeding, actor=cast.orphans_court_member, decision_due=later
        )
    ps.proceeding_extend(
        proceeding=proceeding,
        actor=cast.orphans_court_member,
        decision_due=later,
        reason="Jāizvērtē termiņa rezultāts.",
    )
    with pytest.raises(ValidationError):
        ps.proceeding_decide(proceeding=proceeding, actor=cast.orphans_court_member, decision=" ")
    ps.proceeding_decide(
        proceeding=proceeding,
        actor=cast.orphans_court_member,
        decision="Aizgādības tiesības pārtrauktas.",
    )
    proceeding.refresh_from_db()
    assert proceeding.status == "decided" and proceeding.decision_due == later
    with pytest.raises(ValidationError, match="already been decided"):
        ps.proceeding_decide(proceeding=proceeding, actor=cast.orphans_court_member, decision="x")


def test_only_the_court_opens_and_decides(cast):
    case, proceeding = opened(cast)
    for user in (cast.social_worker, cast.school_staff):
        with pytest.raises(PermissionDenied):
            ps.proceeding_decide(proceeding=proceeding, actor=user, decision="x")
        with pytest.raises(PermissionDenied):
            ps.proceeding_open(
                case=case, actor=user, court=cast.institutions["a_court"], kind="other", grounds="x"
            )
    with pytest.raises(ValidationError) as error:
        ps.proceeding_open(
            case=case,
            actor=cast.orphans_court_member,
            court=cast.institutions["a_court"],
            kind="nonsense",
            grounds="x",
        )
    assert "kind" in error.value.message_dict


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("orphans_court_member", 200),
        ("social_worker", 200),
        ("coordinator", 200),
        ("school_staff", 404),
        ("police_officer", 404),
        ("family_assistant", 404),
        ("b_social_worker", 404),
        ("councillor", 403),
        ("administrator", 403),
    ],
)
def test_proceeding_page_and_api_by_institution(cast, client_for, role, status):
    _case, proceeding = opened(cast)
    client = client_for(getattr(cast, role))
    assert client.get(f"/cases/proceedings/{proceeding.pk}/").status_code == status
    assert client.get(f"{API}/proceedings/{proceeding.pk}/").status_code == status
    listed = client.get("/cases/proceedings/")
    if status != 403:
        assert (listed.context["page_obj"].paginator.count == 1) is (status == 200)


def test_the_court_works_through_the_pages_and_the_api(cast, client_for):
    _concern, case, _child = open_case(cast, danger=True)
    court = client_for(cast.orphans_court_member)
    social = client_for(cast.social_worker)
    assert social.get(f"/cases/{case.pk}/proceedings/new/").status_code == 403
    response = court.post(
        f"/cases/{case.pk}/proceedings/new/",
        {"court": cast.institutions["a_court"].pk, "kind": "suspend_custody", "grounds": "G"},
    )
    assert response.status_code == 302
    proceeding = Proceeding.objects.get()
    url = f"/cases/proceedings/{proceeding.pk}/"
    assert social.post(f"{url}decide/", {"decision": "x"}).status_code == 403
    remedy = {"remedy_until": (today() + datetime.timedelta(days=20)).strftime("%d.%m.%Y")}
    assert court.post(f"{url}remedy/", remedy).status_code == 302
    assert court.post(f"{url}decide/", {"decision": ""}).status_code == 200
    assert court.post(f"{API}/proceedings/{proceeding.pk}/decide/", {}).status_code == 400
    assert (
        social.post(f"{API}/proceedings/{proceeding.pk}/decide/", {"decision": "x"}).status_code
        == 403
    )
    response = court.post(
        f"{API}/proceedings/{proceeding.pk}/decide/", {"decision": "Pārtrauktas."}
    )
    assert response.status_code == 200
    assert response.json()["status"] == "decided"
    assert "proceeding" in {e.kind for e in social.get(f"/cases/{case.pk}/").context["timeline"]}


# --- Custody decisions written to the registry (issue 4 item 5) ---------------------------


def custody_matter(cast, *, days_ago: int = 0):
    _concern, case, child = open_case(cast, danger=True)
    mother = make_parent(child, "mother", first_name="Ilze")
    proceeding = ps.proceeding_open(
        case=case,
        actor=cast.orphans_court_member,
        court=cast.institutions["a_court"],
        kind="suspend_custody",
        grounds="Vardarbība ģimenē.",
        opened_on=today() - datetime.timedelta(days=days_ago),
    )
    return case, proceeding, mother


def test_suspension_is_recorded_with_a_one_year_task_for_the_court(cast):
    case, proceeding, mother = custody_matter(cast, days_ago=5)
    decided_on = today() - datetime.timedelta(days=2)
    ps.proceeding_decide(
        proceeding=proceeding,
        actor=cast.orphans_court_member,
        decision="Aizgādības tiesības pārtrauktas.",
        decided_on=decided_on,
        custody_outcome="suspended",
        relation=mother,
        grounds=SuspensionGround.VIOLENCE,
        decision_number="BT-12/2026",
        urgent_reason="immediate_danger",
        urgent_note="Bērns cietis no vardarbības; bīstami palikt mājās.",
    )
    record = CustodyRecord.objects.get(relation=mother)
    assert record.status == CustodyStatus.SUSPENDED
    assert record.grounds == SuspensionGround.VIOLENCE
    assert record.effective_from == decided_on
    assert record.decision_number == "BT-12/2026"
    assert record.decided_by == cast.institutions["a_court"].name
    task = Task.objects.get(case=case, institution=cast.institutions["a_court"])
    assert task.due_on == add_months(decided_on, 12)
    assert "deprivation" in task.title and "Ilze" in task.description
    assert task.status == "open"


def test_restoration_is_recorded(cast):
    case, first, mother = custody_matter(cast, days_ago=30)
    ps.proceeding_decide(
        proceeding=first,
        actor=cast.orphans_court_member,
        decision="Pārtrauktas.",
        decided_on=today() - datetime.timedelta(days=30),
        custody_outcome="suspended",
        relation=mother,
        grounds=SuspensionGround.DANGER_BY_FAULT,
        decision_number="BT-1",
        urgent_reason="immediate_danger",
        urgent_note="Bērns cietis no vardarbības; bīstami palikt mājās.",
    )
    second = ps.proceeding_open(
        case=case,
        actor=cast.orphans_court_member,
        court=cast.institutions["a_court"],
        kind="restore_custody",
        grounds="Apstākļi novērsti.",
    )
    ps.proceeding_decide(
        proceeding=second,
        actor=cast.orphans_court_member,
        decision="Atjaunotas.",
        custody_outcome="restored",
        relation=mother,
        decision_number="BT-2",
    )
    assert list(CustodyRecord.objects.filter(relation=mother).values_list("status", "grounds")) == [
        ("suspended", "2"),
        ("restored", ""),
    ]
    court_tasks = Task.objects.filter(case=case, institution=cast.institutions["a_court"])
    assert court_tasks.count() == 1  # only the suspension sets the court a task


def test_not_suspended_writes_nothing_to_the_registry(cast):
    case, proceeding, mother = custody_matter(cast)
    ps.proceeding_decide(
        proceeding=proceeding,
        actor=cast.orphans_court_member,
        decision="Nav pamata pārtraukt.",
        custody_outcome="not_suspended",
        relation=mother,
    )
    assert not CustodyRecord.objects.exists()
    assert not Task.objects.filter(case=case, institution=cast.institutions["a_court"]).exists()


def _refused(cast, proceeding, **kwargs):
    with pytest.raises(ValidationError) as error:
        ps.proceeding_decide(
            proceeding=proceeding,
            actor=cast.orphans_court_member,
            decision="Pārtrauktas.",
            decision_number="BT-3",
            urgent_reason="immediate_danger",
            urgent_note="Bīstami.",
            **kwargs,
        )
    return error.value.message_dict


def test_suspension_without_grounds_or_of_another_family_is_refused(cast):
    case, proceeding, mother = custody_matter(cast)
    with transaction.atomic():  # the outer test transaction stays usable
        errors = _refused(cast, proceeding, custody_outcome="suspended", relation=mother)
    assert "grounds" in errors
    stranger = make_parent(
        make_child(cast.municipality_a, first_name="Jānis", personal_code=old_code(BORN)), "father"
    )
    with transaction.atomic():
        errors = _refused(
            cast, proceeding, custody_outcome="suspended", relation=stranger, grounds="1"
        )
    assert "relation" in errors
    guardian = make_parent(proceeding.case.children.get(), "guardian")
    with transaction.atomic():
        errors = _refused(
            cast, proceeding, custody_outcome="suspended", relation=guardian, grounds="1"
        )
    assert "relation" in errors
    proceeding.refresh_from_db()
    assert proceeding.status == "open" and proceeding.decision == ""
    assert not CustodyRecord.objects.exists()
    assert not Task.objects.filter(case=case, institution=cast.institutions["a_court"]).exists()


def test_a_registry_refusal_undoes_the_decision(cast):
    """custody_record_add's own checks (here: a restoration with nothing suspended) roll the
    whole decision back."""
    case, proceeding, mother = custody_matter(cast)
    with transaction.atomic():
        errors = _refused(cast, proceeding, custody_outcome="restored", relation=mother)
    assert "status" in errors
    proceeding.refresh_from_db()
    assert proceeding.status == "open"
    assert not case.timeline.filter(text__contains="Pārtrauktas").exists()


def test_the_court_records_a_suspension_through_the_page(cast, client_for):
    case, proceeding, mother = custody_matter(cast)
    court = client_for(cast.orphans_court_member)
    url = f"/cases/proceedings/{proceeding.pk}/"
    page = court.get(url)
    assert mother.pk in [c.pk for c in page.context["decide_form"].fields["relation"].queryset]
    data = {
        "decided_on": today().strftime("%d.%m.%Y"),
        "decision": "Pārtrauktas.",
        "custody_outcome": "suspended",
        "relation": mother.pk,
        "decision_number": "BT-7",
        "urgent_reason": "removal_btal27",
        "urgent_note": "Policija šķīra bērnu no ģimenes naktī.",
    }
    response = court.post(f"{url}decide/", data)
    assert response.status_code == 200
    assert "grounds" in response.context["decide_form"].errors
    assert not CustodyRecord.objects.exists()
    proceeding.refresh_from_db()
    assert proceeding.status == "open"
    response = court.post(f"{url}decide/", {**data, "grounds": "3"})
    assert response.status_code == 302
    assert CustodyRecord.objects.get(relation=mother).grounds == "3"
    assert Task.objects.filter(case=case, institution=cast.institutions["a_court"]).exists()


def test_the_schema_gives_each_action_its_own_input(cast, client_for):
    schema = client_for(cast.orphans_court_member).get("/api/v1/schema/", {"format": "json"})
    paths = schema.json()["paths"]

    def request_schema(action: str) -> str:
        operation = paths[f"/api/v1/proceedings/{{id}}/{action}/"]["post"]
        return operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]

    assert request_schema("remedy").endswith("/Remedy")
    assert request_schema("extend").endswith("/Extend")
    assert request_schema("decide").endswith("/Decide")
    assert request_schema("judgment").endswith("/JudgmentCreate")
    assert "/api/v1/proceedings/{id}/{action}/" not in paths
