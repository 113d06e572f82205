"""Suppression keeps its own promise (issue 17, point 4): counts of people 1–4 are "<5" and
counts of things are shown as they are, the same in every output, and the page says exactly
that."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sargs.assessment.dashboard import indicator_view
from sargs.assessment.report import assessment_json
from sargs.programme import selectors

from .output_factories import frozen_assessment, population

pytestmark = pytest.mark.django_db

# P2 counts council decisions (things); F1 counts parents (people).
FIGURES = {"P2": {"decisions": 4}, "F1": {"suspended": 4, "deprived": 0}}


@pytest.fixture
def assessment(cast):
    population(cast.municipality_a, 2025)
    return frozen_assessment(cast.municipality_a, 2025, FIGURES)


def test_things_are_shown_people_are_suppressed_in_every_output(cast, client_for, assessment):
    dashboard_p2 = indicator_view(cast.municipality_a, "P2", suppressed=True).measures[0]
    dashboard_f1 = indicator_view(cast.municipality_a, "F1", suppressed=True).measures[0]
    assert dashboard_p2.rows[0].cells[-1].display == "4"
    assert dashboard_f1.rows[0].cells[-1].display == "<5"
    situation = selectors.situation(assessment=assessment, suppress=True)
    rows = {(r.code, r.measure_key): r.values[-1] for g in situation.groups for r in g.rows}
    assert rows[("P2", "decisions")] == "4"
    assert rows[("F1", "suspended")] == "<5"
    report = {i["code"]: i for i in assessment_json(assessment, suppressed=True)["indicators"]}
    assert report["P2"]["periods"][0]["cells"]["decisions"]["value"] == 4
    assert report["F1"]["periods"][0]["cells"]["suspended"]["shown"] == "<5"
    api = client_for(cast.councillor).get(
        "/api/v1/assessment/dashboard/P2/", {"municipality": cast.municipality_a.atvk}
    )
    assert api.json()["measures"][0]["cells"]["decisions"]["values"][-1]["value"] == 4


def test_the_page_says_exactly_what_is_suppressed(cast, client_for, assessment):
    page = client_for(cast.councillor).get(
        reverse("assessment:dashboard-indicator", args=["P2"]), HTTP_ACCEPT_LANGUAGE="en"
    )
    text = page.content.decode()
    assert "Counts of people (children, pupils, families, parents" in text
    assert "Counts of things (decisions, measures" in text
    assert "<td>4</td>" in text
