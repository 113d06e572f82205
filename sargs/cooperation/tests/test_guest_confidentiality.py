"""Invited participants see nothing that names a child before confirming confidentiality:
not the agenda titles, not an item's page, not the invitation or the minutes (page or API)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sargs.cases.tests.helpers import open_case
from sargs.cooperation import services
from sargs.cooperation.models import ItemKind
from sargs.organisations.roles import Role
from sargs.organisations.testing import make_user

from .helpers import active_group, urgent_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def invited(cast):
    group = active_group(cast, guest_access_days=1)
    meeting = urgent_meeting(cast, group)
    _concern, case, child = open_case(cast)
    # The secretary titles the item as people do: with the child's name.
    item = services.agenda_item_add(
        actor=cast.coordinator,
        meeting=meeting,
        kind=ItemKind.CASE,
        title=f"{child.full_name}: skolas kavējumi",
        case=case,
    )
    guest = make_user("ngo_worker", (cast.institutions["a_care"], Role.SOCIAL_WORKER))
    services.participant_invite(
        actor=cast.coordinator, meeting=meeting, guest_type="childcare", name="", user=guest
    )
    return meeting, item, child, guest


def _urls(meeting, item):
    return {
        "item": reverse("cooperation:item-detail", args=[item.pk]),
        "invitation docx": reverse("cooperation:meeting-invitation", args=[meeting.pk, "docx"]),
        "invitation pdf": reverse("cooperation:meeting-invitation", args=[meeting.pk, "pdf"]),
        "minutes docx": reverse("cooperation:meeting-minutes", args=[meeting.pk, "docx"]),
        "api": f"/api/v1/cooperation/meetings/{meeting.pk}/",
    }


def test_a_guest_sees_no_child_before_confirming(cast, client_for, invited):
    meeting, item, child, guest = invited
    client = client_for(guest)
    page = client.get(reverse("cooperation:meeting-detail", args=[meeting.pk]))
    assert page.status_code == 200
    assert child.last_name not in page.content.decode()
    assert reverse("cooperation:meeting-minutes", args=[meeting.pk, "docx"]) not in (
        page.content.decode()
    )
    for name, url in _urls(meeting, item).items():
        assert client.get(url).status_code == 403, name


def test_after_confirming_the_guest_sees_the_agenda_and_documents(cast, client_for, invited):
    meeting, item, child, guest = invited
    client = client_for(guest)
    client.post(reverse("cooperation:confidentiality-confirm", args=[meeting.pk]))
    page = client.get(reverse("cooperation:meeting-detail", args=[meeting.pk]))
    assert child.last_name in page.content.decode()
    urls = _urls(meeting, item)
    assert client.get(urls["item"]).status_code == 200
    assert client.get(urls["invitation docx"]).status_code == 200
    assert client.get(urls["api"]).status_code == 200


def test_members_keep_seeing_the_agenda_as_before(cast, client_for, invited):
    meeting, item, child, _guest = invited
    client = client_for(cast.police_officer)  # a member's representative, not confirmed
    page = client.get(reverse("cooperation:meeting-detail", args=[meeting.pk]))
    assert child.last_name in page.content.decode()
    assert client.get(reverse("cooperation:item-detail", args=[item.pk])).status_code == 200
