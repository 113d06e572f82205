"""Orphan's court proceedings: every transition, the one-month term, and who sees them."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sargs.cases import proceeding_services as ps
from sargs.cases.models import Proceeding
from sargs.core.workdays import is_working_day

from .helpers import open_case, today

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
    assert ps.add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert ps.month_term(datetime.date(2026, 10, 18)) == datetime.date(2026, 11, 19)
    assert is_working_day(ps.month_term(datetime.date(2026, 5, 3)))


def test_open_warn_extend_decide(cast):
    case, proceeding = opened(cast)
    assert proceeding.decision_due == ps.month_term(today())
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
        )
    with pytest.raises(ValidationError, match="four months"):
        ps.proceeding_extend(
            proceeding=proceeding,
            actor=cast.orphans_court_member,
            decision_due=today() + datetime.timedelta(days=200),
        )
    later = ps.month_term(today(), 3)
    ps.proceeding_extend(proceeding=proceeding, actor=cast.orphans_court_member, decision_due=later)
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
