"""Every demo user follows every link reachable from their home page: in Latvian every page
(at most ``PER_PATTERN`` of each URL pattern), then one page of each pattern again in
English. No server error, no broken or refused link, no raw choice code, no text in the other
language (tests/crawling.py says what each check reads and how the crawl is bounded).

The users are in a few groups, one test each, so pytest-xdist spreads them over the workers
and each group loads the whole demo (``manage.py demo_data``) once, in its own transaction.
"""

from __future__ import annotations

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from sargs.organisations.models import User

from .crawling import crawl, recheck, user_data_words

pytestmark = pytest.mark.django_db

# Balanced by how much each user reaches (the coordinator and the social worker most).
GROUPS = {
    "coordinator-and-partners": ["koordinators", "asistents", "policija", "sadarbiba", "sistema"],
    "social-service-and-school": ["socialais", "skola", "deputats", "administrators"],
    "court-providers-national": [
        "barintiesa",
        "izglitiba",
        "pakalpojumi",
        "analitikis",
        "smiltene",
    ],
    # The data protection officer reaches no case page: the requests, a person's export
    # (Word, PDF, JSON) and the correction form.
    "data-protection": ["datuaizsardziba"],
}


def load_demo() -> None:
    """The demo as ``manage.py demo_data`` writes it: in the site's language. The test client's
    last request leaves its language active in this thread (LocaleMiddleware does not reset
    it), so a group after another group's English pass would otherwise store English texts
    (the questionnaire's summary) that a Latvian page then shows."""
    with translation.override(settings.LANGUAGE_CODE):
        call_command("demo_data", stdout=io.StringIO())


def signed_in(username: str) -> Client:
    """The demo user with password and second factor, as conftest's ``client_for``."""
    user = User.objects.get(username=username)
    client = Client()
    client.force_login(user)
    session = client.session
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.mark.parametrize("group", list(GROUPS))
def test_every_page_the_demo_users_reach_reads_right(group: str) -> None:
    load_demo()
    exempt = user_data_words()
    problems: list[str] = []
    for username in GROUPS[group]:
        client = signed_in(username)
        latvian = crawl(client, "lv", exempt_words=exempt)
        assert len(latvian.pages) > 1, f"{username}: the crawl found nothing beyond the home page"
        english = recheck(client, latvian.first_per_route().values(), "en", exempt_words=exempt)
        problems += [f"{username} lv {p}" for p in latvian.problems]
        problems += [f"{username} en {p}" for p in english.problems]
    assert not problems, "\n".join(problems)


def test_every_demo_user_is_in_a_group() -> None:
    from sargs.organisations.demo import USERS

    grouped = [name for names in GROUPS.values() for name in names]
    assert sorted(grouped) == sorted(user.username for user in USERS)
