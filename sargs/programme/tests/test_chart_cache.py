"""A situation chart is drawn once per change of the frozen figures, not per request."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from sargs.assessment.models import Assessment
from sargs.programme import charts

from .helpers import draft_programme

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
LV = {"HTTP_ACCEPT_LANGUAGE": "lv"}


@pytest.fixture
def drawn(monkeypatch):
    """The charts really drawn, as (code, measure)."""
    cache.clear()
    calls: list[tuple[str, str]] = []
    real = charts.measure_chart

    def counting(situation, *, group, code, measure, suppress):
        calls.append((code, measure))
        return real(situation, group=group, code=code, measure=measure, suppress=suppress)

    monkeypatch.setattr(charts, "measure_chart", counting)
    return calls


@pytest.fixture
def url(cast, assessments):
    programme, _ = draft_programme(
        cast.coordinator, cast.municipality_a, cast.institutions["a_social"]
    )
    return reverse(
        "programme:situation-chart", args=[programme.versions.get().pk, 5, "F1", "suspended"]
    )


def test_the_second_request_is_served_from_the_cache(cast, client_for, url, drawn):
    client = client_for(cast.coordinator)
    first = client.get(url, **EN)
    second = client.get(url, **EN)
    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert second["Content-Type"] == "image/svg+xml"
    assert drawn == [("F1", "suspended")]


def test_language_and_hidden_figures_are_drawn_apart(cast, client_for, url, drawn):
    client_for(cast.coordinator).get(url, **EN)
    client_for(cast.coordinator).get(url, **LV)  # the title in Latvian
    hidden = client_for(cast.councillor).get(url, **EN).content.decode()
    assert "&lt;5" in hidden  # the councillor's chart is not the coordinator's
    assert len(drawn) == 3


def test_freezing_again_draws_it_again(cast, client_for, url, drawn):
    client = client_for(cast.coordinator)
    client.get(url, **EN)
    later = datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC)
    Assessment.objects.filter(municipality=cast.municipality_a, year=2025).update(frozen_at=later)
    client.get(url, **EN)
    client.get(url, **EN)
    assert len(drawn) == 2


def test_a_measure_without_figures_is_remembered_as_nothing(cast, client_for, url, drawn):
    missing = url.replace("suspended", "nothing")
    client = client_for(cast.coordinator)
    assert client.get(missing, **EN).status_code == 404
    assert client.get(missing, **EN).status_code == 404
    assert drawn == [("F1", "nothing")]
