"""The case page's institution pickers (issue 20, point 1): the page no longer lists every
institution of the municipality; its search endpoint answers the case's managers with at most
a few of the case's own institutions."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sargs.cases.casework.models import CaseParticipant, Task
from sargs.cases.tests.helpers import open_case
from sargs.core.pickers import LIMIT
from sargs.organisations.factories import InstitutionFactory
from sargs.organisations.roles import InstitutionType

pytestmark = pytest.mark.django_db


def schools(municipality, count: int, prefix: str = "Skola"):
    return [
        InstitutionFactory.create(
            name=f"{prefix} {n:02d}", type=InstitutionType.SCHOOL, municipality=municipality
        )
        for n in range(count)
    ]


def search(client, case, query: str, htmx: bool = True):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.get(f"/cases/{case.pk}/institutions/", {"institution_search": query}, **headers)


def test_the_case_page_does_not_list_the_municipalitys_institutions(cast, client_for):
    _concern, case, _child = open_case(cast)
    many = schools(cast.municipality_a, 60)
    response = client_for(cast.social_worker).get(f"/cases/{case.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert not [i.name for i in many if i.name in html]
    # Only the small fixed lists (plan areas, roles, outcomes: 22 options) are selects.
    assert html.count("<option") < 40
    assert html.count('data-picker="single"') == 2  # the task's and the participant's
    assert html.count('data-picker="multiple"') == 1  # the note's audience
    assert f'hx-get="/cases/{case.pk}/institutions/"' in html
    # 60 more institutions do not make the page grow by them: 17.5 KB measured.
    assert len(html) < 40_000


def test_the_search_finds_the_cases_institutions_by_name_at_most_a_few(cast, client_for):
    _concern, case, _child = open_case(cast)
    schools(cast.municipality_a, LIMIT + 5)
    theirs = schools(cast.municipality_b, 3, prefix="Skola B")
    response = search(client_for(cast.social_worker), case, "skola")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("data-picker-choice") == LIMIT
    assert "<html" not in html  # a fragment for htmx
    assert not [i.name for i in theirs if i.name in html]
    found = search(client_for(cast.social_worker), case, "skola b").content.decode()
    assert "data-picker-choice" not in found  # another municipality's schools: not offered
    national = search(client_for(cast.social_worker), case, "national").content.decode()
    assert national.count("data-picker-choice") == 1  # state institutions serve every case
    assert f'data-id="{cast.institutions["national"].pk}"' in national


def test_the_search_reads_the_same_few_queries_however_many_institutions(cast, client_for):
    _concern, case, _child = open_case(cast)
    client = client_for(cast.social_worker)
    search(client, case, "skola")  # the session and the principal settle
    with CaptureQueriesContext(connection) as few:
        search(client, case, "skola")
    schools(cast.municipality_a, 30)
    with CaptureQueriesContext(connection) as many:
        response = search(client, case, "skola")
    assert response.content.decode().count("data-picker-choice") == LIMIT
    assert len(many) == len(few)


def test_without_htmx_the_search_is_a_plain_page(cast, client_for):
    _concern, case, _child = open_case(cast)
    response = search(client_for(cast.social_worker), case, "a educational", htmx=False)
    assert response.status_code == 200
    assert "<html" in response.content.decode()
    assert cast.institutions["a_school"].name in response.content.decode()


def test_only_the_cases_managers_may_search(cast, client_for):
    _concern, case, _child = open_case(cast)
    assert search(client_for(cast.school_staff), case, "a").status_code == 403
    assert search(client_for(cast.b_social_worker), case, "a").status_code == 404
    assert search(client_for(cast.councillor), case, "a").status_code == 403


def test_a_task_is_given_by_a_typed_name_without_javascript(cast, client_for):
    _concern, case, _child = open_case(cast)
    response = client_for(cast.social_worker).post(
        f"/cases/{case.pk}/tasks/new/",
        {
            "title": "Pārrunas",
            "institution_search": cast.institutions["a_school"].name.lower(),
            "working_days": 5,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert (
        Task.objects.get(case=case, title="Pārrunas").institution == cast.institutions["a_school"]
    )


def test_another_municipalitys_institution_is_refused(cast, client_for):
    _concern, case, _child = open_case(cast)
    response = client_for(cast.social_worker).post(
        f"/cases/{case.pk}/participants/new/",
        {"institution": cast.institutions["b_social"].pk, "role": "other"},
    )
    assert response.status_code == 200
    assert "Šī izvēle šeit nav pieejama: izvēlieties no saraksta." in response.content.decode()
    assert not CaseParticipant.objects.filter(
        case=case, institution=cast.institutions["b_social"]
    ).exists()
