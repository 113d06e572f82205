"""The case page reads like a case file (issue 18, point 2): a header with the risk level and
the next deadline, a list of sections, forms behind their buttons, a timeline that says who
wrote what, when and for whom."""

from __future__ import annotations

import datetime

import pytest

from sargs.cases.casework import services
from sargs.cases.casework.models import Task
from sargs.cases.tests.helpers import ALL_RATINGS, open_case, school_task, today

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def page(client, case) -> str:
    response = client.get(f"/cases/{case.pk}/", **EN)
    assert response.status_code == 200
    return response.content.decode()


def _facts(html: str) -> str:
    start = html.index('data-testid="case-facts"')
    return html[start : html.index("</header>", start)]


def test_the_header_names_the_risk_and_the_next_deadline(cast, client_for):
    _concern, case, _child = open_case(cast)
    services.assessment_record(
        case=case,
        actor=cast.social_worker,
        assessed_on=today() - datetime.timedelta(days=3),
        overall_risk="high",
        summary="Kopsavilkums",
        ratings=ALL_RATINGS,
    )
    later = school_task(cast, case, title="Vēlāk", due_on=today() + datetime.timedelta(days=9))
    soon = school_task(cast, case, title="Drīz", due_on=today() + datetime.timedelta(days=4))
    html = page(client_for(cast.social_worker), case)
    facts = _facts(html)
    assert '<span class="risk risk-high">High</span>' in facts
    due = (today() + datetime.timedelta(days=4)).strftime("%d.%m.%Y")
    assert f'<a href="#task-{soon.pk}"><strong>{due}</strong></a> – Task: Drīz' in facts
    assert f"task-{later.pk}" not in facts
    assert "overdue" not in facts


def test_an_overdue_deadline_is_marked(cast, client_for):
    _concern, case, _child = open_case(cast)
    task = school_task(cast, case, title="Nokavēts")
    Task.objects.filter(pk=task.pk).update(due_on=today() - datetime.timedelta(days=1))
    html = page(client_for(cast.social_worker), case)
    facts = _facts(html)
    assert '<span class="overdue">overdue</span> – Task: Nokavēts' in facts


def test_sections_are_listed_and_forms_wait_behind_buttons(cast, client_for):
    _concern, case, _child = open_case(cast)
    html = page(client_for(cast.social_worker), case)
    for anchor in ("overview", "tasks", "assessment", "plan", "services", "court", "placements"):
        assert f'<a href="#{anchor}">' in html and f'id="{anchor}"' in html
    assert '<a href="#timeline">' in html
    for action in ("tasks/new/", "notes/new/", "participants/new/", "close/"):
        start = html.index(f'action="/cases/{case.pk}/{action}"')
        assert html.rfind("<details", 0, start) > html.rfind("</details>", 0, start), action
    # The school sees its tasks and the timeline, not the case team's sections.
    school = page(client_for(cast.school_staff), case)
    assert '<a href="#tasks">' in school and '<a href="#assessment">' not in school


def test_the_timeline_says_who_when_what_and_for_whom(cast, client_for):
    _concern, case, _child = open_case(cast)
    services.note_add(
        case=case,
        actor=cast.social_worker,
        text="Skolai zināšanai",
        institutions=[cast.institutions["a_school"]],
    )
    html = page(client_for(cast.social_worker), case)
    timeline = html[html.index('id="timeline"') :]
    row = timeline[
        timeline.index("Skolai zināšanai") - 600 : timeline.index("Skolai zināšanai") + 300
    ]
    assert cast.social_worker.get_full_name() in row
    assert cast.institutions["a_school"].name in row
    assert '<th scope="col">For</th>' in timeline


def test_a_long_timeline_is_shown_a_page_at_a_time_for_the_same_cost(
    cast, client_for, settings, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.SARGS_PAGE_SIZE = 10
    _concern, case, _child = open_case(cast)
    client = client_for(cast.social_worker)

    def notes(n: int, start: int) -> None:
        for i in range(start, start + n):
            services.timeline_entry_add(
                case=case, actor=cast.social_worker, kind="note", text=f"Piezīme nr. {i}"
            )

    notes(12, 1)
    client.get(f"/cases/{case.pk}/")
    with CaptureQueriesContext(connection) as few:
        first = client.get(f"/cases/{case.pk}/")
    html = first.content.decode()
    # Newest first: the last note is on the first page, the first note is not.
    assert "Piezīme nr. 12" in html and "Piezīme nr. 1<" not in html
    assert len(first.context["timeline"]) == 10
    assert "?timeline=2#timeline" in html
    notes(40, 13)
    with django_assert_num_queries(len(few.captured_queries)):
        again = client.get(f"/cases/{case.pk}/")
    assert len(again.context["timeline"]) == 10
    last = client.get(f"/cases/{case.pk}/?timeline=99")  # past the end: the last page
    assert "Piezīme nr. 1<" in last.content.decode()
