"""Issue 20: the counts a page shows in more than one place (the header's danger badge, the
worklist's tabs, the home page's panels) are counted once per request, the four task counts in
one query, and the worklist's pages are not counted a second time by the paginator."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sargs.cases.casework.models import Task
from sargs.cases.tests.helpers import open_case, school_task, today

pytestmark = pytest.mark.django_db


def _queries(client, url: str) -> tuple[object, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    return response, [q["sql"] for q in captured.captured_queries]


def _from(sqls: list[str], table: str) -> list[str]:
    """The queries whose main table (the first FROM) is ``table``."""
    return [sql for sql in sqls if sql.partition(" FROM ")[2].startswith(f'"{table}"')]


@pytest.fixture
def work(cast):
    """The social worker's case with a danger alert to her social service, and two tasks of
    her case: one due today (given to the school), one overdue given to her own service."""
    _concern, case, _child = open_case(cast, danger=True)
    Task.objects.filter(case=case).delete()
    due = school_task(cast, case, title="Šodien")
    overdue = school_task(cast, case, title="Nokavēts")
    Task.objects.filter(pk=due.pk).update(due_on=today())
    Task.objects.filter(pk=overdue.pk).update(
        due_on=today() - datetime.timedelta(days=1), institution=cast.institutions["a_social"]
    )
    return case


def test_worklist_counts_each_figure_once(cast, client_for, work):
    client = client_for(cast.social_worker)
    client.get("/cases/worklist/")
    response, sqls = _queries(client, "/cases/worklist/")
    counts = response.context["counts"]
    assert (counts.mine, counts.due, counts.overdue, counts.institution) == (2, 1, 1, 1)
    assert response.context["danger_alert_count"] == 1
    # The four tab counts are two queries: the institution's tasks counted from the index of
    # open tasks alone (no join to the cases: issue 20), and the user's own few tasks read
    # once; the page's list is not counted again (the tab's count is the paginator's), and
    # the badge takes the number of alerts listed (fewer than a page) instead of counting them.
    task_queries = _from(sqls, "cases_task")
    counts_sql = [sql for sql in task_queries if "COUNT(" in sql]
    assert len(counts_sql) == 1
    assert '"cases_case"' not in counts_sql[0]
    assert len(task_queries) == 3  # the institution's counts, the user's own tasks, the page
    assert response.context["page_obj"].paginator.count == 2
    assert len(_from(sqls, "cases_alert")) == 1  # the alerts listed above the tasks


def test_home_counts_the_badge_and_the_tasks_once(cast, client_for, work):
    client = client_for(cast.social_worker)
    client.get("/")
    response, sqls = _queries(client, "/")
    assert response.context["danger_alert_count"] == 1
    alert_counts = [sql for sql in _from(sqls, "cases_alert") if "COUNT(" in sql]
    assert len(alert_counts) == 1  # the badge and the alerts panel share it
    task_counts = [sql for sql in _from(sqls, "cases_task") if "COUNT(" in sql]
    assert len(task_counts) == 1  # tasks due, mine and my institution's: one query
    page = response.content.decode()
    assert "1 task overdue" in page
    assert "2 open tasks of mine" in page


def test_every_page_counts_the_badge_once(cast, client_for, work):
    client = client_for(cast.social_worker)
    client.get(f"/cases/{work.pk}/")
    response, sqls = _queries(client, f"/cases/{work.pk}/")
    assert response.context["danger_alert_count"] == 1
    assert len([sql for sql in _from(sqls, "cases_alert") if "COUNT(" in sql]) == 1
