"""Pages and API: who sees what (allowed, not visible, forbidden), the audited case summary,
the expiring access of invited participants and the suppressed council report."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sargs.audit.models import AuditEntry
from sargs.cases.tests.helpers import open_case
from sargs.cooperation import services
from sargs.cooperation.models import CooperationGroup, ItemKind
from sargs.organisations.roles import Role
from sargs.organisations.testing import make_user

from .helpers import active_group, draft_group, today, urgent_meeting, with_quorum

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def test_group_list_query_count_does_not_grow(cast, client_for, django_assert_num_queries):
    client = client_for(cast.coordinator)
    draft_group(cast)
    client.get(reverse("cooperation:group-list"))  # warm caches
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("cooperation:group-list"))
    for n in range(3):
        services.group_create(
            actor=cast.coordinator, municipality=cast.municipality_a, name=f"Grupa {n}"
        )
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(reverse("cooperation:group-list"))
    assert response.content.count(b"Grupa ") == 3


def test_the_group_page_says_which_mandatory_members_are_missing(cast, client_for):
    group = draft_group(cast)
    client = client_for(cast.coordinator)
    page = client.get(reverse("cooperation:group-detail", args=[group.pk]), **EN)
    assert b"Mandatory members missing" in page.content
    assert b"Orphan&#x27;s court" in page.content
    response = client.post(
        reverse("cooperation:group-activate", args=[group.pk]), follow=True, **EN
    )
    assert b"cannot become active without its mandatory members" in response.content
    group.refresh_from_db()
    assert not group.is_active


def test_coordinator_creates_a_group_on_the_page(cast, client_for):
    response = client_for(cast.coordinator).post(
        reverse("cooperation:group-create"),
        {
            "municipality": cast.municipality_a.pk,
            "name": "Jaunā grupa",
            "report_interval_months": 6,
            "notice_working_days": 3,
            "quorum_percent": 50,
            "guest_access_days": 0,
        },
    )
    group = CooperationGroup.objects.get(name="Jaunā grupa")
    assert response.status_code == 302 and group.municipality == cast.municipality_a


def test_who_sees_a_group(cast, client_for):
    group = active_group(cast)
    url = reverse("cooperation:group-detail", args=[group.pk])
    # Members by person and by role in a member institution; the coordinator.
    for user in (cast.coordinator, cast.orphans_court_member, cast.cooperation_group_member):
        assert client_for(user).get(url).status_code == 200, user
    # Not a member, another municipality: not found.
    assert client_for(cast.school_staff).get(url).status_code == 404
    assert client_for(cast.b_coordinator).get(url).status_code == 404
    # Councillors see only the report.
    assert client_for(cast.councillor).get(url).status_code == 403
    report = reverse("cooperation:group-report", args=[group.pk])
    assert client_for(cast.councillor).get(report).status_code == 200
    assert client_for(cast.b_coordinator).get(report).status_code == 404


def test_configuring_is_for_the_coordinator(cast, client_for):
    group = draft_group(cast)
    url = reverse("cooperation:member-add", args=[group.pk])
    data = {"institution": cast.institutions["a_police"].pk}
    assert client_for(cast.social_worker).post(url, data).status_code == 403  # leader
    assert client_for(cast.coordinator).post(url, data).status_code == 302
    # A member sees an active group but does not run its meetings.
    active = active_group(cast)
    meeting_url = reverse("cooperation:meeting-create", args=[active.pk])
    assert client_for(cast.police_officer).get(meeting_url).status_code == 403
    assert client_for(cast.coordinator).get(meeting_url).status_code == 200  # the secretary


def _meeting_with_case(cast, **settings):
    group = active_group(cast, **settings)
    meeting = urgent_meeting(cast, group)
    _concern, case, child = open_case(cast)
    item = services.agenda_item_add(
        actor=cast.coordinator, meeting=meeting, kind=ItemKind.CASE, title="", case=case
    )
    return meeting, item, case, child


def test_case_summary_after_confirming_confidentiality_and_audited(cast, client_for):
    meeting, item, case, _child = _meeting_with_case(cast)
    client = client_for(cast.police_officer)
    url = reverse("cooperation:item-detail", args=[item.pk])
    page = client.get(url, **EN)
    assert "Bērziņa" not in page.content.decode()
    assert b"Confirm confidentiality" in page.content
    client.post(reverse("cooperation:confidentiality-confirm", args=[meeting.pk]))
    page = client.get(url, **EN)
    assert "Anna Bērziņa" in page.content.decode()
    assert AuditEntry.objects.filter(
        actor=cast.police_officer, object_pk=str(case.pk), action=AuditEntry.Action.ACCESS
    ).exists()


def test_invited_participants_access_expires(cast, client_for, monkeypatch):
    meeting, item, _case, _child = _meeting_with_case(cast, guest_access_days=1)
    guest = make_user("ngo_worker", (cast.institutions["a_care"], Role.SOCIAL_WORKER))
    services.participant_invite(
        actor=cast.coordinator, meeting=meeting, guest_type="childcare", name="", user=guest
    )
    client = client_for(guest)
    client.post(reverse("cooperation:confidentiality-confirm", args=[meeting.pk]))
    item_url = reverse("cooperation:item-detail", args=[item.pk])
    meeting_url = reverse("cooperation:meeting-detail", args=[meeting.pk])
    assert "Anna Bērziņa" in client.get(item_url).content.decode()
    # Not a group member: the group itself stays closed.
    group_url = reverse("cooperation:group-detail", args=[meeting.group_id])
    assert client.get(group_url).status_code == 404

    day = meeting.date
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: day + datetime.timedelta(days=1))
    assert "Anna Bērziņa" in client.get(item_url).content.decode()
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: day + datetime.timedelta(days=2))
    assert client.get(item_url).status_code == 404
    # The meeting page tells the former guest when their access ended (issue 18, point 6).
    ended = client.get(meeting_url, HTTP_ACCEPT_LANGUAGE="en")
    assert ended.status_code == 410
    until = (day + datetime.timedelta(days=1)).strftime("%d.%m.%Y")
    assert f"Your access to this meeting ended on {until}." in ended.content.decode()
    assert "Anna Bērziņa" not in ended.content.decode()


def test_a_decision_on_the_page_creates_the_case_task(cast, client_for):
    meeting, item, case, _child = _meeting_with_case(cast)
    with_quorum(cast, meeting)
    due = today() + datetime.timedelta(days=7)
    response = client_for(cast.coordinator).post(
        reverse("cooperation:item-decide", args=[item.pk]),
        {
            "text": "Skola seko apmeklējumam.",
            "facts": "Kavējumi.",
            "task_1_title": "Sekot apmeklējumam",
            "task_1_institution": cast.institutions["a_school"].pk,
            "task_1_due_on": due.strftime("%d.%m.%Y"),
        },
    )
    assert response.status_code == 302
    assert case.tasks.get().title == "Sekot apmeklējumam"
    school = client_for(cast.school_staff).get(reverse("cases:worklist-institution"))
    assert "Sekot apmeklējumam" in school.content.decode()


def test_the_council_report_suppresses_small_counts(cast, client_for):
    meeting, item, _case, _child = _meeting_with_case(cast)
    with_quorum(cast, meeting)
    services.decision_record(actor=cast.coordinator, item=item, text="Lēmums")
    services.meeting_close(actor=cast.coordinator, meeting=meeting)
    url = reverse("cooperation:group-report", args=[meeting.group_id])
    start, end = (today() - datetime.timedelta(days=1)), today()
    page = client_for(cast.councillor).get(
        url, {"start": start.strftime("%d.%m.%Y"), "end": end.strftime("%d.%m.%Y")}, **EN
    )
    html = page.content.decode()
    assert "Meetings held</th><td>1<" in html  # meetings identify no one
    assert "Cases reviewed</th><td>&lt;5<" in html
    assert "Decisions</th><td>&lt;5<" in html
    assert "Bērziņa" not in html


def test_api_lists_groups_and_records_a_decision(cast, client_for):
    meeting, item, case, _child = _meeting_with_case(cast)
    with_quorum(cast, meeting)
    coordinator = client_for(cast.coordinator)
    groups = coordinator.get("/api/v1/cooperation/groups/").json()
    assert [g["id"] for g in groups["results"]] == [meeting.group_id]
    detail = coordinator.get(f"/api/v1/cooperation/groups/{meeting.group_id}/").json()
    assert detail["missing_members"] == []
    other = client_for(cast.b_coordinator)
    assert other.get(f"/api/v1/cooperation/groups/{meeting.group_id}/").status_code == 404
    assert other.get(f"/api/v1/cooperation/meetings/{meeting.pk}/").status_code == 404
    body = {
        "text": "Lēmums",
        "tasks": [
            {
                "title": "Apsekot",
                "institution": cast.institutions["a_police"].pk,
                "due_on": (today() + datetime.timedelta(days=5)).isoformat(),
            }
        ],
    }
    url = f"/api/v1/cooperation/items/{item.pk}/decision/"
    assert (
        client_for(cast.police_officer).post(url, body, content_type="application/json").status_code
        == 403
    )
    response = coordinator.post(url, body, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["decision"]["tasks"][0]["case_task"] == case.tasks.get().pk
    again = coordinator.post(url, body, content_type="application/json")
    assert again.status_code == 400


def test_api_calls_a_meeting_with_the_same_rules(cast, client_for):
    group = active_group(cast)
    url = f"/api/v1/cooperation/groups/{group.pk}/meetings/"
    body = {"kind": "scheduled", "date": today().isoformat(), "time": "10:00", "place": "Zāle"}
    response = client_for(cast.coordinator).post(url, body, content_type="application/json")
    assert response.status_code == 400 and "date" in response.json()
    body["kind"] = "urgent"
    assert (
        client_for(cast.police_officer).post(url, body, content_type="application/json").status_code
        == 403
    )
    response = client_for(cast.coordinator).post(url, body, content_type="application/json")
    assert response.status_code == 201
    listed = client_for(cast.police_officer).get(url).json()
    assert [m["number"] for m in listed["results"]] == [1]


def test_the_meeting_rules_are_settings_of_the_group(cast, client_for):
    group = draft_group(cast)
    url = reverse("cooperation:group-edit", args=[group.pk])
    data = {
        "name": group.name,
        "leader": cast.social_worker.pk,
        "secretary": cast.coordinator.pk,
        "report_interval_months": 12,
        "notice_working_days": 7,
        "quorum_percent": 66,
        "guest_access_days": 2,
    }
    assert client_for(cast.social_worker).post(url, data).status_code == 403
    assert client_for(cast.coordinator).post(url, data).status_code == 302
    group.refresh_from_db()
    assert (group.notice_working_days, group.quorum_percent, group.guest_access_days) == (7, 66, 2)
    data["secretary"] = cast.b_social_worker.pk  # not a choice: works elsewhere
    page = client_for(cast.coordinator).post(url, data)
    assert page.status_code == 200
    group.refresh_from_db()
    assert group.secretary == cast.coordinator
