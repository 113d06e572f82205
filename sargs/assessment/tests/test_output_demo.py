"""The assessment demo loads, can be loaded again, and the dashboard and report show it."""

from __future__ import annotations

import io

import docx
import pytest
from django.urls import reverse
from django.utils import timezone

from sargs.assessment.demo import load_assessment_demo
from sargs.assessment.models import Assessment, AssessmentStatus, ChildPopulation, FrozenValue
from sargs.assessment.report import build_docx

pytestmark = pytest.mark.django_db


def test_the_demo_loads_idempotently(cast):
    first = load_assessment_demo()
    counts = (FrozenValue.objects.count(), ChildPopulation.objects.count())
    assert load_assessment_demo() == first
    assert (FrozenValue.objects.count(), ChildPopulation.objects.count()) == counts
    this_year = timezone.localdate().year
    demo = cast.municipality_a
    years = Assessment.objects.filter(municipality=demo, status=AssessmentStatus.FROZEN)
    assert sorted(years.values_list("year", flat=True)) == [
        this_year - 3,
        this_year - 2,
        this_year - 1,
    ]
    current = Assessment.objects.get(municipality=demo, year=this_year)
    assert current.status == AssessmentStatus.OPEN


def test_the_dashboard_shows_the_demo_with_comparisons(cast, client_for):
    load_assessment_demo()
    client = client_for(cast.councillor)
    response = client.get(reverse("assessment:dashboard"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert str(timezone.localdate().year - 1) in response.content.decode()
    page = client.get(
        reverse("assessment:dashboard-indicator", args=["F3"]), HTTP_ACCEPT_LANGUAGE="en"
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert "5 municipalities" in text  # the demo's novadi with figures (same kind)
    assert "6 municipalities" in text  # national


def test_the_demo_report_is_written(cast):
    load_assessment_demo()
    assessment = Assessment.objects.get(
        municipality=cast.municipality_a, year=timezone.localdate().year - 1
    )
    document = docx.Document(io.BytesIO(build_docx(assessment)))
    assert len(document.tables) > 21
