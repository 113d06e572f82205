"""Closing the minutes is final, so the page asks for a tick first (issue 18, point 8)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sargs.cooperation import services
from sargs.cooperation.models import MeetingStatus

from .helpers import active_group, urgent_meeting, with_quorum

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _meeting(cast):
    meeting = urgent_meeting(cast, active_group(cast))
    with_quorum(cast, meeting)
    return meeting


def test_the_page_asks_for_a_tick_behind_the_button(cast, client_for):
    meeting = _meeting(cast)
    html = (
        client_for(cast.coordinator)
        .get(reverse("cooperation:meeting-detail", args=[meeting.pk]), **EN)
        .content.decode()
    )
    close = html[html.index('id="close-minutes"') :]
    assert '<details class="action"><summary>Close the minutes</summary>' in close
    assert 'name="confirm" value="yes" required' in close


def test_without_the_tick_the_minutes_stay_open(cast, client_for):
    meeting = _meeting(cast)
    client = client_for(cast.coordinator)
    url = reverse("cooperation:meeting-close", args=[meeting.pk])
    response = client.post(url, {}, follow=True, **EN)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED
    assert "Tick the box to confirm that the minutes are complete." in response.content.decode()
    client.post(url, {"confirm": "yes"})
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD


def test_the_service_still_closes_without_a_page(cast):
    meeting = _meeting(cast)
    services.meeting_close(actor=cast.coordinator, meeting=meeting)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD
