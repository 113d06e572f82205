"""The audit search as the trail grows (issue 20): days are ranges of instants in Riga time,
pages follow one another by (time, id) without counting, and the API pages by a cursor and
shows the page's readable text, never the raw change (which holds full personal codes)."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sargs.audit.models import AuditEntry
from sargs.audit.selectors import EntryPage, Position, audit_entry_search
from sargs.organisations.models import Institution
from sargs.organisations.principal import principal_for_user
from sargs.registry.models import Child

pytestmark = pytest.mark.django_db

LIST = reverse("audit:entry-list")
API = "/api/v1/audit/"
UTC = datetime.UTC


def at(*parts: int) -> datetime.datetime:
    return datetime.datetime(*parts, tzinfo=UTC)


def entry(cast, when: datetime.datetime, **kwargs: object) -> AuditEntry:
    return AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(kwargs.pop("model", Institution)),
        object_pk=kwargs.pop("object_pk", "1"),
        object_repr=kwargs.pop("object_repr", "Skola"),
        action=AuditEntry.Action.UPDATE,
        changes=kwargs.pop("changes", {"name": ["A", "B"]}),
        municipality=kwargs.pop("municipality", cast.municipality_a),
        timestamp=when,
        **kwargs,
    )


# --- Days in Riga time ---------------------------------------------------------------------

# (day searched, instants in UTC just inside the day's first and last second in Riga, and the
# instants just outside). Summer is UTC+3, winter UTC+2; 30.03.2025 had 23 hours (clocks went
# forward at 03:00) and 26.10.2025 had 25 (back at 04:00).
DAYS = [
    ("14.07.2025", at(2025, 7, 13, 21, 0, 0), at(2025, 7, 14, 20, 59, 59, 999999)),
    ("14.01.2025", at(2025, 1, 13, 22, 0, 0), at(2025, 1, 14, 21, 59, 59, 999999)),
    ("30.03.2025", at(2025, 3, 29, 22, 0, 0), at(2025, 3, 30, 20, 59, 59, 999999)),
    ("26.10.2025", at(2025, 10, 25, 21, 0, 0), at(2025, 10, 26, 21, 59, 59, 999999)),
]
ONE_MICROSECOND = datetime.timedelta(microseconds=1)


@pytest.mark.parametrize(("day", "first", "last"), DAYS)
def test_a_day_is_the_day_in_riga_summer_and_winter(cast, client_for, day, first, last):
    inside = [entry(cast, first).pk, entry(cast, last).pk]
    before = entry(cast, first - ONE_MICROSECOND).pk
    after = entry(cast, last + ONE_MICROSECOND).pk
    response = client_for(cast.coordinator).post(LIST, {"date_from": day, "date_to": day})
    shown = [e.pk for e in response.context["page_obj"]]
    assert shown == inside[::-1]
    assert before not in shown and after not in shown
    # the previous behaviour, the date of the instant in Riga time, finds the same entries
    date = datetime.datetime.strptime(day, "%d.%m.%Y").date()
    old = AuditEntry.objects.filter(timestamp__date=date, municipality=cast.municipality_a)
    assert sorted(old.values_list("pk", flat=True)) == sorted(inside)


def test_a_range_of_days_includes_both_ends(cast, client_for):
    # 01.03.2025 00:00 Riga (winter) is 28.02 22:00 UTC; 31.03.2025 ends 31.03 21:00 UTC (summer)
    first = entry(cast, at(2025, 2, 28, 22, 0, 0)).pk
    last = entry(cast, at(2025, 3, 31, 20, 59, 59)).pk
    entry(cast, at(2025, 2, 28, 21, 59, 59))
    entry(cast, at(2025, 3, 31, 21, 0, 0))
    response = client_for(cast.coordinator).post(
        LIST, {"date_from": "01.03.2025", "date_to": "31.03.2025"}
    )
    assert [e.pk for e in response.context["page_obj"]] == [last, first]
    only_from = client_for(cast.coordinator).post(LIST, {"date_from": "31.03.2025"})
    assert last in [e.pk for e in only_from.context["page_obj"]]
    assert first not in [e.pk for e in only_from.context["page_obj"]]


def test_days_far_in_the_past_or_future_are_no_error(cast, client_for):
    entry(cast, at(2025, 5, 5, 12))
    client = client_for(cast.coordinator)
    response = client.post(LIST, {"date_from": "01.01.0001", "date_to": "31.12.9999"})
    assert response.status_code == 200
    assert len(response.context["page_obj"]) >= 1


def test_dates_on_the_page_are_dd_mm_yyyy_in_riga_time(cast, client_for):
    entry(cast, at(2025, 7, 14, 21, 30))  # 15.07.2025 00:30 in Riga
    html = client_for(cast.coordinator).post(LIST, {"date_from": "15.07.2025"}).content.decode()
    assert "15.07.2025 00:30" in html


# --- Pages by position -----------------------------------------------------------------------


def _walk_older(client, data: dict[str, str]) -> list[list[int]]:
    pages = []
    response = client.post(LIST, data)
    while True:
        page: EntryPage = response.context["page_obj"]
        pages.append([e.pk for e in page])
        if page.older is None:
            return pages
        response = client.post(LIST, {**data, "older": page.older.token})


def test_older_and_newer_pages_have_no_gaps_or_repeats_with_equal_times(cast, client_for, settings):
    settings.SARGS_PAGE_SIZE = 5  # the audit page shows twice that: 10 rows
    # 23 entries at only three instants: the id must order them within an instant
    for i in range(23):
        entry(cast, at(2025, 4, 1 + i % 3, 9, 0), object_pk=str(i))
    entry(cast, at(2025, 4, 2, 9, 0), municipality=cast.municipality_b)  # not hers
    expected = list(
        AuditEntry.objects.filter(municipality=cast.municipality_a)
        .order_by("-timestamp", "-pk")
        .values_list("pk", flat=True)
    )
    assert len(expected) >= 23
    client = client_for(cast.coordinator)
    pages = _walk_older(client, {})
    walked = [pk for page in pages for pk in page]
    assert walked == expected  # every entry once, in order
    assert all(len(page) == 10 for page in pages[:-1])
    # and back: each newer page is the page before it
    last = client.post(LIST, {"older": Position.of(AuditEntry.objects.get(pk=pages[-2][-1])).token})
    assert [e.pk for e in last.context["page_obj"]] == pages[-1]
    response = last
    for previous in reversed(pages[:-1]):
        page = response.context["page_obj"]
        assert page.newer is not None
        response = client.post(LIST, {"newer": page.newer.token})
        assert [e.pk for e in response.context["page_obj"]] == previous
    assert response.context["page_obj"].newer is None  # back on the first page


def test_pages_follow_the_search(cast, client_for, settings):
    settings.SARGS_PAGE_SIZE = 1  # two rows a page
    wanted = [entry(cast, at(2025, 6, 10, h), object_pk="77").pk for h in range(5)]
    for h in range(5):
        entry(cast, at(2025, 6, 10, h, 30), object_pk="78", model=Child)
    client = client_for(cast.coordinator)
    pages = _walk_older(
        client,
        {
            "object_type": "organisations.institution",
            "date_from": "10.06.2025",
            "date_to": "10.06.2025",
        },
    )
    assert [pk for page in pages for pk in page] == wanted[::-1]
    assert [len(page) for page in pages] == [2, 2, 1]


def test_the_page_has_buttons_not_page_numbers(cast, client_for, settings):
    settings.SARGS_PAGE_SIZE = 1
    for h in range(5):
        entry(cast, at(2025, 6, 10, h))
    client = client_for(cast.coordinator)
    first = client.get(LIST, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'name="older"' in first and "Older entries" in first
    assert 'name="newer"' not in first and "Page 1 of" not in first
    token = client.get(LIST).context["page_obj"].older.token
    second = client.post(LIST, {"older": token}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'name="newer"' in second and 'name="older"' in second


@pytest.mark.parametrize("token", ["", "x", "12-", "-5", "1-2-3", "9" * 40 + "-1", "١٢-٣"])
def test_a_broken_position_shows_the_newest_page(cast, client_for, token):
    newest = entry(cast, at(2030, 1, 1)).pk
    for name in ("older", "newer"):
        response = client_for(cast.coordinator).post(LIST, {name: token})
        assert response.status_code == 200
        assert next(iter(response.context["page_obj"])).pk == newest


def test_a_position_round_trips_to_the_microsecond():
    when = at(2025, 3, 30, 0, 59, 59, 123456)
    assert Position.parse(Position(when, 42).token) == Position(when, 42)
    assert Position(at(1970, 1, 1, 0, 0, 0, 1), 7).token == "1-7"


def test_a_page_is_one_query_however_long_the_trail(cast, client_for, django_assert_num_queries):
    client = client_for(cast.coordinator)
    entry(cast, at(2025, 1, 1))
    client.get(LIST)
    with CaptureQueriesContext(connection) as few:
        client.post(LIST, {"date_from": "01.01.2025", "object_type": "organisations.institution"})
    for h in range(60):
        entry(cast, at(2025, 1, 2, h % 24, h))
    with django_assert_num_queries(len(few.captured_queries)):
        client.post(LIST, {"date_from": "01.01.2025", "object_type": "organisations.institution"})
    trail = [q["sql"] for q in few.captured_queries if '"audit_auditentry"' in q["sql"]]
    assert len(trail) == 1 and "COUNT(" not in trail[0].upper()


def test_search_by_actor_and_unknown_type(cast):
    mine = entry(cast, at(2025, 1, 1), actor=cast.social_worker).pk
    entry(cast, at(2025, 1, 2), actor=cast.coordinator)
    principal = principal_for_user(cast.coordinator)
    found = audit_entry_search(principal=principal, actor_username=cast.social_worker.username)
    assert list(found.values_list("pk", flat=True)) == [mine]
    assert not audit_entry_search(principal=principal, actor_username="nobody").exists()
    assert not audit_entry_search(principal=principal, object_type="no.such").exists()
    assert not audit_entry_search(principal=principal, object_type="registry.child\x00").exists()


# --- The API ---------------------------------------------------------------------------------


def test_the_api_pages_by_cursor_without_gaps_or_repeats(cast, client_for):
    # 120 entries at two instants: pages of 50 split an instant's entries
    for i in range(120):
        entry(cast, at(2025, 5, 1 + i % 2, 12), object_pk=str(i))
    expected = list(
        AuditEntry.objects.filter(municipality=cast.municipality_a)
        .order_by("-timestamp", "-pk")
        .values_list("pk", flat=True)
    )
    client = client_for(cast.coordinator)
    pages, url = [], API
    while url:
        data = client.get(url).json()
        assert "count" not in data
        pages.append([row["id"] for row in data["results"]])
        url = data["next"]
    assert [pk for page in pages for pk in page] == expected
    assert [len(page) for page in pages[:-1]] == [50] * (len(pages) - 1)
    # the second page's "previous" is the first page
    second = client.get(client.get(API).json()["next"]).json()
    assert [row["id"] for row in client.get(second["previous"]).json()["results"]] == pages[0]


def test_the_api_filters_by_record_type_and_record(cast, client_for):
    wanted = entry(cast, at(2025, 5, 1), model=Child, object_pk="55").pk
    entry(cast, at(2025, 5, 2), model=Child, object_pk="56")
    client = client_for(cast.coordinator)
    rows = client.get(API, {"record_type": "registry.child", "object_pk": "55"}).json()["results"]
    assert [row["id"] for row in rows] == [wanted]
    assert client.get(API, {"record_type": "nothing"}).json()["results"] == []
    assert client.get(API, {"cursor": "broken"}).status_code == 404


def test_the_api_shows_the_readable_masked_change_not_the_raw_one(cast, client_for):
    code = "140916-21234"
    entry(
        cast,
        at(2025, 5, 1),
        model=Child,
        object_repr="Jānis Kalniņš",
        changes={"personal_code": [None, code], "has_disability": ["False", "True"]},
        additional_data={"purpose": "case", "municipality_id": cast.municipality_a.pk},
    )
    response = client_for(cast.coordinator).get(API, HTTP_ACCEPT_LANGUAGE="en")
    body = response.content.decode()
    assert code not in body and code.replace("-", "") not in body
    assert "140916-*****" in body
    [row] = [r for r in response.json()["results"] if r["record_type"] == "registry.child"]
    assert {
        "field": "Personal code",
        "before": "–",
        "after": "140916-*****",
        "operation": "",
    } in row["changes"]
    assert {"field": "Purpose", "value": "Case page"} in row["details"]
    assert "municipality_id" not in body
    assert row["actor"] is None and row["action"] == "update"


def test_the_api_page_costs_the_same_queries_however_many_rows(
    cast, client_for, django_assert_num_queries
):
    client = client_for(cast.coordinator)
    entry(cast, at(2025, 1, 1), actor=cast.social_worker)
    client.get(API)
    with CaptureQueriesContext(connection) as few:
        client.get(API)
    for i in range(40):
        entry(cast, at(2025, 1, 2, i % 24), actor=cast.coordinator, object_pk=str(i))
    with django_assert_num_queries(len(few.captured_queries)):
        assert len(client.get(API).json()["results"]) >= 41
