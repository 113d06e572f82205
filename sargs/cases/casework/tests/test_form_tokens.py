"""Forms that survive the Back button (issue 15, point 8): every form that creates something
carries a one-time token; the same token sent again creates nothing and shows the page the
first submission led to."""

from __future__ import annotations

import re

import pytest

from sargs.cases.casework.models import EntryKind
from sargs.cases.tests.helpers import open_case, refer
from sargs.core.models import FormSubmission

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r'name="form_token" value="([A-Za-z0-9_-]+)"')


def form_token(page: str, action: str) -> str:
    """The token of the form posting to ``action`` on ``page``."""
    form = page[page.index(f'action="{action}"') :]
    form = form[: form.index("</form>")]
    match = TOKEN.search(form)
    assert match, f"no form token in the form for {action}"
    return match.group(1)


def notes(case, text: str) -> int:
    return case.timeline.filter(kind=EntryKind.NOTE, text=text).count()


def test_back_and_submit_again_adds_the_note_once(cast, client_for):
    _concern, case, _child = open_case(cast)
    client = client_for(cast.social_worker)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    action = f"/cases/{case.pk}/notes/new/"
    data = {"text": "Mājas vizīte notika.", "form_token": form_token(page, action)}

    first = client.post(action, data)
    again = client.post(action, data, HTTP_ACCEPT_LANGUAGE="en", follow=True)

    assert first.status_code == 302 and first["Location"] == f"/cases/{case.pk}/"
    assert notes(case, "Mājas vizīte notika.") == 1
    assert again.redirect_chain == [(f"/cases/{case.pk}/", 302)]
    assert "This form was already sent; nothing was saved twice." in again.content.decode()
    assert FormSubmission.objects.get().result_url == f"/cases/{case.pk}/"


def test_a_refused_form_keeps_its_token_for_the_corrected_one(cast, client_for):
    _concern, case, _child = open_case(cast)
    client = client_for(cast.social_worker)
    action = f"/cases/{case.pk}/notes/new/"
    token = form_token(client.get(f"/cases/{case.pk}/").content.decode(), action)

    refused = client.post(action, {"text": " ", "form_token": token})
    assert refused.status_code == 200 and not FormSubmission.objects.exists()
    assert client.post(action, {"text": "Labots.", "form_token": token}).status_code == 302
    assert notes(case, "Labots.") == 1


def test_every_rendered_form_has_its_own_token(cast, client_for):
    _concern, case, _child = open_case(cast)
    client = client_for(cast.social_worker)
    pages = [client.get(f"/cases/{case.pk}/").content.decode() for _ in range(2)]
    actions = [
        f"/cases/{case.pk}/notes/new/",
        f"/cases/{case.pk}/tasks/new/",
        f"/cases/{case.pk}/participants/new/",
    ]
    tokens = [form_token(page, action) for page in pages for action in actions]
    assert len(set(tokens)) == 6


def test_the_session_form_is_sent_once(cast, client_for):
    from sargs.cases.referrals import services as rs

    _concern, case, _child = open_case(cast)
    referral = refer(cast, case)
    rs.referral_accept(referral=referral, actor=cast.provider_staff)
    referral = rs.referral_start(referral=referral, actor=cast.provider_staff)
    provider = client_for(cast.provider_staff)
    url = f"/cases/referrals/{referral.pk}/"
    action = f"{url}sessions/new/"
    page = provider.get(url).content.decode()
    data = {
        "held_on": referral.started_on.strftime("%d.%m.%Y"),
        "hours": "1.5",
        "note": "Budžeta plāns.",
        "form_token": form_token(page, action),
    }
    assert provider.post(action, data).status_code == 302
    assert provider.post(action, data).status_code == 302
    assert referral.sessions.count() == 1


def test_a_post_without_a_token_runs_as_before(cast, client_for):
    _concern, case, _child = open_case(cast)
    client = client_for(cast.social_worker)
    for _ in range(2):
        client.post(f"/cases/{case.pk}/notes/new/", {"text": "Bez žetona."})
    assert notes(case, "Bez žetona.") == 2
