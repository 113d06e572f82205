"""Issue 15.1 and 15.3: a concern records where the child lives; danger alerts the responsible
municipality too, has its own triage term, and shows in the header badge until acknowledged."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from sargs.cases.concerns import services
from sargs.cases.concerns.models import Alert
from sargs.cases.tests.helpers import report
from sargs.core.workdays import add_working_days, is_working_day, next_working_day

pytestmark = pytest.mark.django_db


def test_danger_alerts_the_municipality_where_the_child_lives(cast):
    concern = report(
        cast,
        user=cast.police_officer,
        institution=cast.institutions["a_police"],
        danger=True,
        residence_municipality=cast.municipality_b,
        residence_address="Rīgas iela 1",
    )
    alerted = set(Alert.objects.filter(concern=concern).values_list("recipient_id", flat=True))
    assert cast.institutions["b_social"].pk in alerted
    assert cast.institutions["a_social"].pk in alerted
    assert concern.residence_address == "Rīgas iela 1"


def test_ordinary_concern_alerts_nobody_elsewhere(cast):
    concern = report(cast, residence_municipality=cast.municipality_b)
    assert not Alert.objects.filter(concern=concern).exists()


def test_danger_has_its_own_triage_term(cast, settings):
    today = timezone.localdate()
    start = today if is_working_day(today) else next_working_day(today)
    assert report(cast, danger=True).triage_due == start
    assert report(cast).triage_due == add_working_days(today, 3)
    settings.CONCERN_DANGER_TRIAGE_WORKING_DAYS = 1
    assert report(cast, danger=True).triage_due == add_working_days(start, 1)


def test_triage_due_on_a_sunday_is_the_next_working_day():
    sunday = datetime.date(2026, 3, 8)
    assert services.triage_due(danger=True, today=sunday) == datetime.date(2026, 3, 9)


def test_alerted_responsible_municipality_opens_the_concern_and_sees_the_badge(cast, client_for):
    concern = report(
        cast,
        user=cast.police_officer,
        institution=cast.institutions["a_police"],
        danger=True,
        residence_municipality=cast.municipality_b,
    )
    smiltene = client_for(cast.b_social_worker)
    assert smiltene.get(f"/cases/concerns/{concern.pk}/").status_code == 200
    home = smiltene.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert home.context["danger_alert_count"] == 1
    assert 'data-testid="danger-badge"' in home.content.decode()
    alert = Alert.objects.get(concern=concern, recipient=cast.institutions["b_social"])
    services.alert_acknowledge(alert=alert, actor=cast.b_social_worker)
    assert smiltene.get("/").context["danger_alert_count"] == 0
    # Another municipality that was not alerted does not find it.
    from sargs.responsibility.tests.helpers import third_keeper

    assert client_for(third_keeper()).get(f"/cases/concerns/{concern.pk}/").status_code == 404
