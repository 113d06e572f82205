"""An invited participant finds their meetings on the home page and, once their access has
ended, is told so with the date (410) instead of "page not found"; anyone who never had
access still gets 404 (issue 18, point 6)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from sargs.cooperation import services
from sargs.cooperation.models import Meeting
from sargs.organisations.roles import Role
from sargs.organisations.testing import make_user

from .helpers import active_group, today, urgent_meeting

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def invited(cast):
    meeting = urgent_meeting(cast, active_group(cast, guest_access_days=2))
    guest = make_user("ngo_worker", (cast.institutions["a_care"], Role.SOCIAL_WORKER))
    services.participant_invite(
        actor=cast.coordinator, meeting=meeting, guest_type="childcare", name="", user=guest
    )
    return meeting, guest


def _held_days_ago(meeting: Meeting, days: int) -> None:
    Meeting.objects.filter(pk=meeting.pk).update(date=today() - datetime.timedelta(days=days))


def test_the_guest_finds_the_meeting_on_the_home_page(client_for, invited):
    meeting, guest = invited
    until = (meeting.date + datetime.timedelta(days=2)).strftime("%d.%m.%Y")
    home = client_for(guest).get(reverse("portal:home"), **EN).content.decode()
    assert "Meetings you are invited to" in home
    assert reverse("cooperation:meeting-detail", args=[meeting.pk]) in home
    assert f"open to you until {until}" in home


def test_after_the_period_the_guest_is_told_when_access_ended(client_for, invited):
    meeting, guest = invited
    _held_days_ago(meeting, 3)  # the access ran until the day before yesterday
    ended = (today() - datetime.timedelta(days=1)).strftime("%d.%m.%Y")
    client = client_for(guest)
    response = client.get(reverse("cooperation:meeting-detail", args=[meeting.pk]), **EN)
    assert response.status_code == 410
    assert f"Your access to this meeting ended on {ended}." in response.content.decode()
    lv = client.get(reverse("cooperation:meeting-detail", args=[meeting.pk]))
    assert f"Jūsu piekļuve šai sēdei beidzās {ended}." in lv.content.decode()
    home = client.get(reverse("portal:home"), **EN).content.decode()
    assert f"Your access ended on {ended}" in home
    assert reverse("cooperation:meeting-detail", args=[meeting.pk]) not in home


def test_someone_never_invited_still_gets_404(cast, client_for, invited):
    meeting, _guest = invited
    _held_days_ago(meeting, 3)
    outsider = make_user("outsider", (cast.institutions["a_care"], Role.SOCIAL_WORKER))
    url = reverse("cooperation:meeting-detail", args=[meeting.pk])
    assert client_for(outsider).get(url).status_code == 404


def test_a_user_never_invited_has_no_invitations_panel(cast, client_for):
    home = client_for(cast.school_staff).get(reverse("portal:home"), **EN).content.decode()
    assert "Meetings you are invited to" not in home


def test_the_menu_leads_the_guest_to_their_meetings_while_one_is_open(client_for, invited):
    meeting, guest = invited
    link = 'href="/#panel-invitations">Meetings you are invited to</a>'
    client = client_for(guest)
    assert link in client.get(reverse("accounts:security"), **EN).content.decode()
    _held_days_ago(meeting, 3)
    # The menu asks again after ten minutes (the answer is kept in the session meanwhile).
    session = client.session
    session["sargs_open_invitation"][0] -= 601
    session.save()
    assert link not in client.get(reverse("accounts:security"), **EN).content.decode()
