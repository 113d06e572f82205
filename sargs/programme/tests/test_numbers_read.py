"""Numbers written as people read them in the programme (issue 17, point 6): targets without
"6E+1" or ",00", decision numbers with one "Nr.", cells by their label, never their key."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from sargs.core.documents.model import Paragraph, Table
from sargs.programme import documents, selectors, services
from sargs.programme.models import IndicatorUnit

from .helpers import draft_programme

pytestmark = pytest.mark.django_db


def test_cells_are_chosen_by_their_label(cast):
    with translation.override("lv"):
        choices = dict(selectors.cell_choices())
    assert choices["L2:families|service=family_assistant"] == "L2 · ģimenes · ģimenes asistents"
    assert choices["E2:pupils"] == "E2 · izglītojamie"
    assert not any("|" in label for label in choices.values())


def test_targets_and_decision_numbers_read_as_written(cast, client_for):
    programme, activity = draft_programme(
        cast.coordinator, cast.municipality_a, cast.institutions["a_social"]
    )
    indicator = services.indicator_add(
        actor=cast.coordinator,
        activity=activity,
        name="Ģimenes ar asistentu",
        unit=IndicatorUnit.EVENTS,
        baseline=Decimal("88.00"),
        target=Decimal("6E+1"),
        indicator_code="L2",
        cell="families|service=family_assistant",
    )
    page = client_for(cast.coordinator).get(
        reverse("programme:activity-detail", args=[activity.pk]), HTTP_ACCEPT_LANGUAGE="lv"
    )
    text = page.content.decode()
    assert "<td>88</td>" in text and "<td>60</td>" in text
    assert "6E+1" not in text and "88,00" not in text
    assert "L2 · ģimenes · ģimenes asistents" in text
    assert "families|service" not in text
    version = programme.versions.get()
    services.version_approve(
        actor=cast.coordinator,
        version=version,
        decision_number="Nr. 412",
        decision_date=datetime.date(2026, 1, 29),
    )
    doc = documents.programme_council_report(programme, year=2026)
    paragraphs = " ".join(b.text for b in doc.blocks if isinstance(b, Paragraph))
    assert "lēmumu Nr. 412." in paragraphs and "Nr. Nr." not in paragraphs
    rows = [r for b in doc.blocks if isinstance(b, Table) for r in b.rows]
    assert [indicator.name, "88", "60"] == next(r for r in rows if indicator.name in r)[1:4]
