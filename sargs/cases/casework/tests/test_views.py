"""Pages: allowed / not visible (404) / forbidden (403) for each institution type, what each
participant sees of a case, the audited reads, the flows and constant query counts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sargs.audit.models import AuditEntry
from sargs.cases.casework import services as case_services
from sargs.cases.casework.models import Case, CaseStatus, Task
from sargs.cases.concerns import services as concern_services
from sargs.cases.concerns.models import Concern, ConcernStatus
from sargs.cases.tests.helpers import (
    ALL_RATINGS,
    open_case,
    registry_child,
    report,
    school_task,
    today,
)
from sargs.registry.testing import make_child

pytestmark = pytest.mark.django_db

NO_CASE_ACCESS = ["councillor", "national_analyst", "administrator"]
CHILD_DATA_USERS = [
    "social_worker",
    "coordinator",
    "orphans_court_member",
    "school_staff",
    "police_officer",
    "education_specialist",
    "family_assistant",
    "provider_staff",
    "cooperation_group_member",
]


def case_url(case: Case) -> str:
    return f"/cases/{case.pk}/"


def concern_url(concern: Concern) -> str:
    return f"/cases/concerns/{concern.pk}/"


LIST_PAGES = [
    "/cases/",
    "/cases/concerns/",
    "/cases/concerns/new/",
    "/cases/worklist/",
    "/cases/worklist/due/",
    "/cases/worklist/overdue/",
    "/cases/worklist/institution/",
]


@pytest.mark.parametrize("role", CHILD_DATA_USERS)
def test_child_data_roles_open_the_lists(cast, client_for, role):
    client = client_for(getattr(cast, role))
    for url in LIST_PAGES:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", NO_CASE_ACCESS)
def test_roles_without_case_access_are_refused(cast, client_for, role):
    concern, case, _child = open_case(cast)
    task = school_task(cast, case)
    client = client_for(getattr(cast, role))
    for url in [*LIST_PAGES, case_url(case), concern_url(concern)]:
        assert client.get(url).status_code == 403, url
    for url in (
        f"{case_url(case)}close/",
        f"{concern_url(concern)}close/",
        f"/cases/tasks/{task.pk}/done/",
    ):
        assert client.post(url).status_code == 403, url


# Who sees a case opened from the school's concern, with the court involved (danger).
CASE_VISIBILITY = {
    "social_worker": 200,
    "coordinator": 200,
    "orphans_court_member": 200,
    "school_staff": 200,
    "police_officer": 404,
    "education_specialist": 404,
    "family_assistant": 404,
    "provider_staff": 404,
    "cooperation_group_member": 404,
    "b_social_worker": 404,
    "b_coordinator": 404,
}


@pytest.mark.parametrize(("role", "status"), CASE_VISIBILITY.items())
def test_case_page_by_institution(cast, client_for, role, status):
    _concern, case, _child = open_case(cast, danger=True)
    assert client_for(getattr(cast, role)).get(case_url(case)).status_code == status


def test_the_court_sees_only_cases_it_takes_part_in(cast, client_for):
    _concern, case, _child = open_case(cast)
    client = client_for(cast.orphans_court_member)
    assert client.get(case_url(case)).status_code == 404
    case_services.case_participant_add(
        case=case, actor=cast.social_worker, institution=cast.institutions["a_court"], role="court"
    )
    assert client.get(case_url(case)).status_code == 200


def test_a_provider_sees_the_case_once_it_has_a_task(cast, client_for):
    _concern, case, _child = open_case(cast)
    client = client_for(cast.family_assistant)
    assert client.get(case_url(case)).status_code == 404
    school_task(cast, case, institution=cast.institutions["a_provider"], title="Ģimenes asistents")
    response = client.get(case_url(case))
    assert response.status_code == 200
    assert [row["task"].title for row in response.context["tasks"]] == ["Ģimenes asistents"]


def test_the_school_sees_its_concern_taken_up_and_its_tasks_not_the_assessment(cast, client_for):
    _concern, case, _child = open_case(cast)
    case_services.assessment_record(
        case=case,
        actor=cast.social_worker,
        assessed_on=today(),
        overall_risk="high",
        summary="Slepens kopsavilkums",
        ratings=ALL_RATINGS,
    )
    school_task(cast, case)
    school_task(cast, case, institution=cast.institutions["a_police"], title="Policijas darbs")
    response = client_for(cast.school_staff).get(case_url(case))
    html = response.content.decode()
    kinds = [e.kind for e in response.context["timeline"]]
    assert "taken_up" in kinds and "task" in kinds
    assert "assessment" not in kinds and "concern" not in kinds
    assert "Slepens kopsavilkums" not in html
    assert "Policijas darbs" not in html
    assert not response.context["whole"]
    whole = client_for(cast.social_worker).get(case_url(case))
    assert "Slepens kopsavilkums" in whole.content.decode()
    assert "Policijas darbs" in whole.content.decode()


def test_case_reads_are_audited(cast, client_for):
    _concern, case, child = open_case(cast)
    client_for(cast.school_staff).get(case_url(case))
    entries = AuditEntry.objects.filter(actor=cast.school_staff, action=AuditEntry.Action.ACCESS)
    assert entries.filter(content_type__model="case", object_pk=str(case.pk)).exists()
    child_read = entries.get(content_type__model="child", object_pk=str(child.pk))
    assert child_read.municipality_id == cast.municipality_a.pk


def test_reporter_name_is_shown_to_the_social_service_and_court_only(cast, client_for):
    concern, case, _child = open_case(cast, danger=True)
    school_task(cast, case, institution=cast.institutions["a_provider"])
    name = cast.school_staff.get_full_name()
    for user in (cast.social_worker, cast.orphans_court_member):
        assert name in client_for(user).get(concern_url(concern)).content.decode()
    # A provider with a task on the case is not on the case team: the concern (text and
    # reporter) stays closed to it (issue 14 point 4, ADR 0008).
    response = client_for(cast.provider_staff).get(concern_url(concern))
    assert response.status_code == 404
    assert name not in response.content.decode()


# Who sees a new concern reported by the school.
CONCERN_VISIBILITY = {
    "social_worker": 200,
    "coordinator": 200,
    "school_staff": 200,
    "orphans_court_member": 404,  # only when alerted or in the case
    "police_officer": 404,
    "education_specialist": 404,
    "family_assistant": 404,
    "provider_staff": 404,
    "b_social_worker": 404,
}


@pytest.mark.parametrize(("role", "status"), CONCERN_VISIBILITY.items())
def test_concern_page_by_institution(cast, client_for, role, status):
    concern = report(cast)
    assert client_for(getattr(cast, role)).get(concern_url(concern)).status_code == status


def test_an_alerted_court_sees_the_concern_and_acknowledges(cast, client_for):
    concern = report(cast, danger=True)
    client = client_for(cast.orphans_court_member)
    assert client.get(concern_url(concern)).status_code == 200
    worklist = client.get("/cases/worklist/")
    assert [a.concern_id for a in worklist.context["alerts"]] == [concern.pk]
    alert = worklist.context["alerts"][0]
    police = client_for(cast.police_officer)
    assert police.post(f"/cases/alerts/{alert.pk}/acknowledge/").status_code == 404
    assert client.post(f"/cases/alerts/{alert.pk}/acknowledge/").status_code == 302
    assert client.get("/cases/worklist/").context["alerts"] == []


def test_the_school_reports_through_the_page(cast, client_for):
    client = client_for(cast.school_staff)
    response = client.post(
        "/cases/concerns/new/",
        {
            "reporting_institution": cast.institutions["a_school"].pk,
            "child_first_name": "Anna",
            "child_last_name": "Bērziņa",
            "child_birth_date": "04.03.2015",
            "categories": ["physical_violence"],
            "description": "Zilumi uz rokām.",
            "observed_on": today().strftime("%d.%m.%Y"),
            "place": "school",
            "observed_by": "Skolotāja",
        },
    )
    assert response.status_code == 302
    concern = Concern.objects.get()
    assert response["Location"] == concern_url(concern)
    assert "Anna" not in response["Location"]
    ours = client.get("/cases/concerns/?tab=ours")
    assert [c.pk for c in ours.context["page_obj"].object_list] == [concern.pk]


def test_an_invalid_report_shows_the_errors(cast, client_for):
    response = client_for(cast.school_staff).post(
        "/cases/concerns/new/", {"child_first_name": "Anna"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert not Concern.objects.exists()


def test_triage_through_the_pages(cast, client_for):
    concern = report(cast)
    child = registry_child(cast)
    school = client_for(cast.school_staff)
    assert school.post(f"{concern_url(concern)}accept/", {"child": child.pk}).status_code == 403
    assert (
        client_for(cast.b_social_worker).post(f"{concern_url(concern)}accept/").status_code == 404
    )
    client = client_for(cast.social_worker)
    page = client.get(concern_url(concern))
    assert child in page.context["accept_form"].fields["child"].queryset
    response = client.post(f"{concern_url(concern)}accept/", {"child": child.pk})
    assert response.status_code == 302
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.ACCEPTED
    again = client.post(
        f"{concern_url(concern)}close/", {"reason": "x"}, HTTP_ACCEPT_LANGUAGE="en", follow=True
    )
    assert "already been triaged" in again.content.decode()
    ours = school.get(concern_url(concern))
    assert ours.context["case_visible"]


def test_close_a_concern_through_the_page_needs_a_reason(cast, client_for):
    concern = report(cast)
    client = client_for(cast.social_worker)
    response = client.post(f"{concern_url(concern)}close/", {"reason": ""})
    assert response.status_code == 200
    assert "Give the reason" in response.content.decode() or response.context["close_form"].errors
    assert (
        client.post(f"{concern_url(concern)}close/", {"reason": "Nav pamata."}).status_code == 302
    )


def test_register_a_new_child_through_the_page(cast, client_for):
    concern = report(cast)
    response = client_for(cast.social_worker).post(
        f"{concern_url(concern)}register/", {"sex": "female"}
    )
    assert response.status_code == 302
    concern.refresh_from_db()
    assert concern.case is not None


def test_case_work_through_the_pages(cast, client_for):
    _concern, case, _child = open_case(cast)
    client = client_for(cast.social_worker)
    school = client_for(cast.school_staff)
    assert school.post(f"{case_url(case)}tasks/new/", {}).status_code == 403
    response = client.post(
        f"{case_url(case)}tasks/new/",
        {"title": "Sekot", "institution": cast.institutions["a_school"].pk, "working_days": 3},
    )
    assert response.status_code == 302
    task = Task.objects.get()
    assert client_for(cast.police_officer).post(f"/cases/tasks/{task.pk}/done/").status_code == 404
    assert school.post(f"/cases/tasks/{task.pk}/cancel/").status_code == 403
    assert school.post(f"/cases/tasks/{task.pk}/done/", {"result": "Labi"}).status_code == 302
    form = {"assessed_on": today().strftime("%d.%m.%Y"), "overall_risk": "medium", "summary": "S"}
    form.update({f"rating_{area}": "1" for area in ALL_RATINGS})
    assert client.get(f"{case_url(case)}assessments/new/").status_code == 200
    assert school.get(f"{case_url(case)}assessments/new/").status_code == 403
    assert client.post(f"{case_url(case)}assessments/new/", form).status_code == 302
    assert case.assessments.count() == 1
    response = client.post(
        f"{case_url(case)}participants/new/",
        {"institution": cast.institutions["a_court"].pk, "role": "court"},
    )
    assert response.status_code == 302
    assert (
        client.post(f"{case_url(case)}close/", {"outcome": "stayed_in_family"}).status_code == 302
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED


def test_closing_with_open_tasks_shows_the_message(cast, client_for):
    _concern, case, _child = open_case(cast)
    school_task(cast, case)
    response = client_for(cast.social_worker).post(
        f"{case_url(case)}close/", {"outcome": "other"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert "Open task for" in response.content.decode()


def test_the_case_page_lists_the_blockers_before_the_timeline(cast, client_for):
    _concern, case, _child = open_case(cast)
    task = school_task(cast, case, title="Sekot apmeklējumam")
    page = client_for(cast.social_worker).get(case_url(case)).content.decode()
    blockers = page.index('data-testid="closure-blockers"')
    assert blockers < page.index('id="timeline-heading"')
    assert f'href="/cases/{case.pk}/#task-{task.pk}"' in page[blockers:]
    school = client_for(cast.school_staff).get(case_url(case)).content.decode()
    assert "closure-blockers" not in school


def test_worklists_split_by_deadline(cast, client_for):
    import datetime

    _concern, case, _child = open_case(cast)
    school_task(cast, case, title="Drīz", due_on=today())
    overdue = school_task(cast, case, title="Nokavēts")
    Task.objects.filter(pk=overdue.pk).update(due_on=today() - datetime.timedelta(days=3))
    school_task(cast, case, title="Vēlāk", due_on=today() + datetime.timedelta(days=30))
    school = client_for(cast.school_staff)

    def titles(url):
        return [t.title for t in school.get(url).context["page_obj"].object_list]

    assert titles("/cases/worklist/overdue/") == ["Nokavēts"]
    assert titles("/cases/worklist/due/") == ["Drīz"]
    assert titles("/cases/worklist/institution/") == ["Nokavēts", "Drīz", "Vēlāk"]
    assert titles("/cases/worklist/?tab=mine") == []  # nothing assigned to her personally
    # The worklist opens on the tab that holds her work: her institution's (issue 15 point 6).
    assert titles("/cases/worklist/") == ["Nokavēts", "Drīz", "Vēlāk"]
    assert (
        len(client_for(cast.social_worker).get("/cases/worklist/").context["page_obj"].object_list)
        == 3
    )
    police = client_for(cast.police_officer).get("/cases/worklist/institution/")
    assert police.context["page_obj"].paginator.count == 0


def _constant(client, url, add_rows, django_assert_num_queries):
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add_rows()
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)
    return response


def test_case_list_query_count_is_constant(cast, client_for, django_assert_num_queries):
    open_case(cast)

    def add_rows():
        for n in range(30):
            concern = report(cast, child_first_name=f"C{n}")
            child = make_child(cast.municipality_a, first_name=f"C{n}")
            concern_services.concern_accept(concern=concern, actor=cast.social_worker, child=child)

    response = _constant(
        client_for(cast.social_worker), "/cases/?tab=mine", add_rows, django_assert_num_queries
    )
    assert len(response.context["page_obj"].object_list) == 25


def test_concern_list_query_count_is_constant(cast, client_for, django_assert_num_queries):
    report(cast)

    def add_rows():
        for n in range(30):
            report(cast, child_first_name=f"C{n}")

    response = _constant(
        client_for(cast.social_worker), "/cases/concerns/", add_rows, django_assert_num_queries
    )
    assert len(response.context["page_obj"].object_list) == 25
    audited = AuditEntry.objects.filter(actor=cast.social_worker, content_type__model="concern")
    assert audited.count() >= 25


def test_worklist_query_count_is_constant(cast, client_for, django_assert_num_queries):
    _concern, case, _child = open_case(cast)
    school_task(cast, case)

    def add_rows():
        for n in range(30):
            school_task(cast, case, title=f"T{n}")

    response = _constant(
        client_for(cast.school_staff),
        "/cases/worklist/institution/",
        add_rows,
        django_assert_num_queries,
    )
    assert len(response.context["page_obj"].object_list) == 25


def test_the_case_list_counts_up_to_the_cap_then_says_more(cast, client_for, monkeypatch, settings):
    """Issue 20: a big municipality's open cases run to tens of thousands; the list counts
    at most the cap and its pages say "of more than"."""
    settings.SARGS_PAGE_SIZE = 1
    monkeypatch.setattr("sargs.core.pages.SEARCH_COUNT_CAP", 2)
    for n in range(3):
        concern = report(cast, child_first_name=f"C{n}")
        child = make_child(cast.municipality_a, first_name=f"C{n}")
        concern_services.concern_accept(concern=concern, actor=cast.social_worker, child=child)
    response = client_for(cast.social_worker).get("/cases/?tab=mine", HTTP_ACCEPT_LANGUAGE="lv")
    paginator = response.context["page_obj"].paginator
    assert (paginator.count, paginator.more) == (2, True)
    assert "1. lapa no vairāk nekā 2" in response.content.decode()
    monkeypatch.setattr("sargs.core.pages.SEARCH_COUNT_CAP", 3)
    response = client_for(cast.social_worker).get("/cases/?tab=mine", HTTP_ACCEPT_LANGUAGE="lv")
    paginator = response.context["page_obj"].paginator
    assert (paginator.count, paginator.more) == (3, False)
    assert "1. lapa no 3" in response.content.decode()
