"""Each role's home page shows the work waiting for it, with counts and links, from the same
selectors as the lists; an empty panel says what would appear; the query count is constant."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sargs.assessment.models import Assessment, AssessmentStatus
from sargs.audit.models import AuditEntry
from sargs.cases.casework.models import Task
from sargs.cases.court import services as court_services
from sargs.cases.tests.helpers import open_case, refer, report, school_task, today
from sargs.organisations.models import Membership
from sargs.organisations.roles import Role
from sargs.organisations.testing import ROLE_HOME, make_user
from sargs.responsibility.tests.helpers import make_claim

pytestmark = pytest.mark.django_db


def overdue(task: Task) -> None:
    """A task past its deadline (the service refuses a deadline in the past)."""
    Task.objects.filter(pk=task.pk).update(due_on=today() - datetime.timedelta(days=1))


def home(client_for, user):
    response = client_for(user).get(reverse("portal:home"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response


def panel(response, key):
    """The panel ``key`` as shown, or None when the home leaves it out."""
    return next((p for p in response.context["panels"] if p.key == key), None)


def lines(response, key):
    return [(line.count, line.label, line.url) for line in panel(response, key).lines]


@pytest.mark.parametrize("role", [*ROLE_HOME, Role.NATIONAL_ANALYST])
def test_every_role_has_a_home_page_with_its_panels(cast, client_for, role):
    response = home(client_for, cast.users[role.value])
    assert response.context["panels"], role


@pytest.mark.parametrize("role", [*ROLE_HOME, Role.NATIONAL_ANALYST])
def test_an_empty_panel_says_what_would_appear_there(cast, client_for, role):
    response = home(client_for, cast.users[role.value])
    body = response.content.decode()
    assert "Nothing here yet" not in body
    for shown in response.context["panels"]:
        if not shown.lines:
            assert str(shown.empty_text).startswith("Here you will"), shown.key
            assert str(shown.empty_text) in body.replace("&#x27;", "'")


def test_social_worker_sees_triage_with_deadlines_alerts_and_tasks(cast, client_for):
    _concern, case, _child = open_case(cast)
    waiting = report(cast, child_first_name="Pēteris", child_last_name="Kalns", danger=True)
    overdue(school_task(cast, case))
    response = home(client_for, cast.social_worker)

    triage = lines(response, "triage")
    assert triage[0] == (1, "1 concern to triage", reverse("cases:concern-list") + "?tab=triage")
    item = panel(response, "triage").lines[1]
    assert item.label == "Pēteris Kalns"
    assert item.url == reverse("cases:concern-detail", args=[waiting.pk])
    assert waiting.triage_due.strftime("%d.%m.%Y") in item.note
    assert item.tone == "urgent"  # danger to life

    assert lines(response, "alerts")[0] == (1, "1 alert to acknowledge", reverse("cases:worklist"))
    tasks = lines(response, "tasks-due")
    assert (1, "1 task overdue", reverse("cases:worklist-overdue")) in tasks
    assert ("Sekot apmeklējumam" in [label for _n, label, _url in tasks]) is True
    # The children shown are in the audit trail.
    assert AuditEntry.objects.filter(object_pk=str(waiting.pk)).exists()


def test_school_sees_its_concerns_by_status_and_its_tasks(cast, client_for):
    _concern, case, _child = open_case(cast)
    report(cast, child_first_name="Jānis")
    school_task(cast, case)
    response = home(client_for, cast.school_staff)
    ours = reverse("cases:concern-list") + "?tab=ours"
    assert lines(response, "our-concerns") == [
        (1, "Waiting for the social service", ours),
        (1, "Taken up in a case", ours),
    ]
    assert panel(response, "our-concerns").action[1] == "cases:concern-create"
    tasks = lines(response, "institution-tasks")
    assert tasks[0] == (1, "1 task on a case", reverse("cases:worklist-institution"))
    assert tasks[1][1] == "Sekot apmeklējumam"
    assert panel(response, "triage") is None  # a school does not triage


def test_provider_sees_referrals_waiting(cast, client_for):
    _concern, case, _child = open_case(cast)
    refer(cast, case)
    response = home(client_for, cast.provider_staff)
    assert lines(response, "referrals") == [
        (1, "New, to accept or put on the waiting list", reverse("cases:referral-list"))
    ]
    assert not panel(response, "sessions").lines  # none started yet


def _matter(cast, case):
    proceeding = court_services.proceeding_open(
        case=case,
        actor=cast.orphans_court_member,
        court=cast.institutions["a_court"],
        kind="other",
        grounds="Vecāki neierodas.",
    )
    return court_services.proceeding_set_remedy_term(
        proceeding=proceeding,
        actor=cast.orphans_court_member,
        remedy_until=today() + datetime.timedelta(days=30),
    )


def test_court_sees_matters_with_deadlines_and_terms_ending(cast, client_for):
    _concern, case, _child = open_case(cast)
    proceeding = _matter(cast, case)
    response = home(client_for, cast.orphans_court_member)
    matters = panel(response, "court-matters").lines
    assert (matters[0].count, matters[0].label) == (1, "1 open matter")
    assert matters[1].url == reverse("cases:proceeding-detail", args=[proceeding.pk])
    assert proceeding.decision_due.strftime("%d.%m.%Y") in matters[1].note
    remedy = panel(response, "remedies").lines
    assert proceeding.remedy_until.strftime("%d.%m.%Y") in remedy[0].note
    assert not panel(response, "reviews").lines


def test_coordinator_sees_claims_waiting_and_the_latest_assessment(cast, client_for):
    make_claim(cast)
    frozen = Assessment.objects.create(
        municipality=cast.municipality_a,
        year=2025,
        status=AssessmentStatus.FROZEN,
        frozen_at=timezone.now(),
    )
    response = home(client_for, cast.coordinator)
    assert lines(response, "handovers") == [
        (
            1,
            "Our cost claims waiting for an answer",
            reverse("responsibility:claim-list") + "?tab=outgoing",
        )
    ]
    latest = panel(response, "assessment").lines[0]
    assert latest.url == reverse("assessment:report-download", args=[frozen.pk, "pdf"])
    assert "2025" in latest.label


def test_councillor_and_analyst_see_the_latest_reports(cast, client_for):
    Assessment.objects.create(
        municipality=cast.municipality_a,
        year=2025,
        status=AssessmentStatus.FROZEN,
        frozen_at=timezone.now(),
    )
    councillor = home(client_for, cast.councillor)
    assert "2025" in panel(councillor, "council-reports").lines[0].label
    analyst = home(client_for, cast.national_analyst)
    first = panel(analyst, "national").lines[0]
    assert first.count == 1 and first.label.startswith("2025: 1 of ")


def test_administrator_sees_users_without_a_role(cast, client_for):
    left = make_user("left", (cast.institutions["a_school"], Role.SCHOOL_STAFF))
    Membership.objects.filter(user=left).update(valid_to=today() - datetime.timedelta(days=1))
    response = home(client_for, cast.administrator)
    rows = {label: n for n, label, _url in lines(response, "users")}
    assert rows["Users without a role"] == 1
    assert rows["Users"] == 12  # the eleven of municipality A's cast, and the one who left


def test_a_user_with_several_roles_sees_each_panel_once(cast, client_for):
    both = make_user(
        "both",
        (cast.institutions["a_social"], Role.SOCIAL_WORKER),
        (cast.institutions["a_social"], Role.COORDINATOR),
    )
    keys = [p.key for p in home(client_for, both).context["panels"]]
    assert len(keys) == len(set(keys))
    assert {"alerts", "triage", "collection"} <= set(keys)


def _queries(client_for, user) -> int:
    client = client_for(user)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("portal:home")).status_code == 200
    return len(captured)


def test_query_count_does_not_grow_with_the_rows(cast, client_for, django_assert_num_queries):
    _concern, case, _child = open_case(cast)
    report(cast, danger=True)
    overdue(school_task(cast, case))
    _matter(cast, case)
    make_claim(cast)
    one = {u: _queries(client_for, cast.users[u]) for u in ("social_worker", "coordinator")}
    one["orphans_court_member"] = _queries(client_for, cast.orphans_court_member)

    for _ in range(3):
        _concern, more, _child = open_case(cast)
        report(cast, danger=True)
        overdue(school_task(cast, more))
        _matter(cast, more)
        make_claim(cast)
    for user, count in one.items():
        client = client_for(cast.users[user])
        with django_assert_num_queries(count):
            assert client.get(reverse("portal:home")).status_code == 200


def test_navigation_follows_roles(cast, client_for):
    admin_nav = {i.url for i in client_for(cast.administrator).get("/").context["nav_items"]}
    worker_nav = {i.url for i in client_for(cast.social_worker).get("/").context["nav_items"]}
    coordinator_nav = {i.url for i in client_for(cast.coordinator).get("/").context["nav_items"]}
    assert reverse("organisations:user-list") in admin_nav
    assert reverse("organisations:user-list") not in worker_nav
    assert reverse("audit:entry-list") in coordinator_nav
    assert reverse("audit:entry-list") not in worker_nav


def test_user_without_roles_is_told_to_ask_the_administrator(cast, client_for):
    response = client_for(cast.no_role).get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert "no role" in response.content.decode()


def test_the_councillors_home_builds_the_programme_status_once(cast, client_for, monkeypatch):
    """Two panels (the programme, council reports) read the programme's status: the monitoring
    table behind it is built once per request, not once per panel."""
    from sargs.portal import municipal_panels

    calls = []
    real = municipal_panels.programme_status

    def counted(**kwargs):
        calls.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(municipal_panels, "programme_status", counted)
    keys = [p.key for p in home(client_for, cast.councillor).context["panels"]]
    assert {"programme", "council-reports"} <= set(keys)  # both read the status
    assert len(calls) == 1
