"""Around the numbers (issue 17, point 9): the council's yearly hearing with its decision,
additional funding followed into the budget, the cooperation group's members reading the
dashboard (suppressed) and its proposals landing among the programme's problems."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sargs.assessment.tests.output_factories import frozen_assessment, population
from sargs.cooperation import services as cooperation
from sargs.cooperation.models import ItemKind
from sargs.cooperation.tests.helpers import active_group, urgent_meeting, with_quorum
from sargs.core.documents.model import Paragraph, Table
from sargs.programme import council_services, documents, selectors

from .helpers import approve, draft_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(cast):
    programme, _activity = draft_programme(
        cast.coordinator, cast.municipality_a, cast.institutions["a_social"]
    )
    return programme


def test_the_council_hears_the_report_every_year(cast, programme):
    hearings = selectors.council_hearings(programme=programme)
    assert [(h.year, h.due_on) for h in hearings] == [
        (2026, datetime.date(2027, 3, 31)),
        (2027, datetime.date(2028, 3, 31)),
        (2028, datetime.date(2029, 3, 31)),
    ]
    with pytest.raises(ValidationError):
        council_services.council_hearing_record(
            actor=cast.coordinator,
            programme=programme,
            year=2026,
            heard_on=datetime.date(2027, 3, 25),
        )
    council_services.council_hearing_record(
        actor=cast.coordinator,
        programme=programme,
        year=2026,
        heard_on=datetime.date(2027, 3, 25),
        decision_number="Nr. 87",
    )
    approve(cast.coordinator, programme)
    doc = documents.programme_council_report(programme, year=2026)
    text = " ".join(b.text for b in doc.blocks if isinstance(b, Paragraph))
    assert "Pārskats domē jāizskata līdz 31.03.2027." in text
    assert "Dome to izskatīja 25.03.2027 (lēmums Nr. 87)." in text


def test_additional_funding_is_followed_into_the_budget(cast, client_for, programme):
    version = programme.versions.get()
    # The helper's activity asks for 2 500 EUR of additional municipal funding in 2026.
    rows = selectors.additional_funding(version=version)
    assert [(r.year, r.asked, r.granted, r.refused) for r in rows] == [
        (2026, Decimal("2500.00"), None, None)
    ]
    response = client_for(cast.coordinator).post(
        reverse("programme:funding-decision-record", args=[version.pk]),
        {
            "year": 2026,
            "granted": "2000",
            "decision_number": "Nr. 12",
            "decided_on": "18.12.2025",
        },
    )
    assert response.status_code == 302
    rows = selectors.additional_funding(version=version)
    assert [(r.year, r.asked, r.granted, r.refused) for r in rows] == [
        (2026, Decimal("2500.00"), Decimal("2000.00"), Decimal("500.00"))
    ]
    approve(cast.coordinator, programme)
    doc = documents.programme_council_report(programme, year=2026)
    table = [b for b in doc.blocks if isinstance(b, Table)][-1].rows
    # Documents keep numbers on one line with no-break spaces.
    assert [c.replace("\xa0", " ") for c in table[1]] == [
        "2026",
        "2 500,00 €",
        "2 000,00 €",
        "500,00 €",
        "Nr. 12",
    ]
    page = client_for(cast.councillor).get(reverse("programme:budget", args=[version.pk]))
    assert "2 000,00 €" in page.content.decode() and "500,00 €" in page.content.decode()


def test_cooperation_group_members_read_the_dashboard_suppressed(cast, client_for):
    population(cast.municipality_a, 2025)
    frozen_assessment(cast.municipality_a, 2025, {"F1": {"suspended": 3, "deprived": 0}})
    response = client_for(cast.cooperation_group_member).get(
        reverse("assessment:dashboard-indicator", args=["F1"])
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "&lt;5" in text and "<td>3</td>" not in text


def test_the_groups_proposals_land_among_the_problems(cast, client_for, programme):
    group = active_group(cast)
    meeting = urgent_meeting(cast, group)
    item = cooperation.agenda_item_add(
        actor=cast.coordinator,
        meeting=meeting,
        kind=ItemKind.PROGRAMME_PROPOSAL,
        title="Trūkst krīzes audžuģimeņu",
    )
    with_quorum(cast, meeting)
    cooperation.decision_record(
        actor=cast.coordinator, item=item, text="Ierosināt programmā piesaistīt audžuģimenes."
    )
    version = programme.versions.get()
    url = reverse("programme:proposals-take", args=[version.pk])
    assert client_for(cast.councillor).post(url).status_code == 403
    client_for(cast.coordinator).post(url)
    client_for(cast.coordinator).post(url)  # taken once
    problems = list(version.problems.exclude(source=""))
    assert [p.title for p in problems] == ["Trūkst krīzes audžuģimeņu"]
    assert "Ierosināt programmā piesaistīt audžuģimenes." in problems[0].description
