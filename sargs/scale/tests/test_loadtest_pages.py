"""The load test's pages (sargs/scale/loadtest_pages.py) are real pages of each role: every
address resolves, and at the tiny scale each answers the role's signed-in users, so that
bin/loadtest cannot silently measure 404s, 403s or the sign-in page."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import Resolver404, resolve

from sargs.scale.generator import SCALES, generate
from sargs.scale.loadtest_pages import MIX, PAGES, RECORD_KINDS, users_per_role

# A value of the right shape for each record kind (ids are numbers, indicators codes).
SAMPLE = {kind: 1 for kind in RECORD_KINDS} | {"indicator": "E1"}


def _pages():
    return [(role, page) for role, pages in PAGES.items() for page in pages]


@pytest.mark.parametrize(("role", "page"), _pages(), ids=lambda v: getattr(v, "name", v))
def test_every_page_resolves_to_a_view(role, page):
    path = page.path.format(**SAMPLE)
    try:
        match = resolve(path)
    except Resolver404:
        pytest.fail(f"{role}: {page.name} ({path}) resolves to no view")
    assert match.func is not None


def test_every_role_with_pages_is_in_the_mix_and_twenty_users_follow_it():
    assert set(MIX) == set(PAGES)
    assert users_per_role(20) == {
        "social_worker": 8,
        "coordinator": 2,
        "orphans_court_member": 2,
        "police_officer": 2,
        "school_staff": 2,
        "family_assistant": 2,
        "councillor": 1,
        "national_analyst": 1,
    }


def test_other_numbers_of_users_keep_every_role_and_the_total():
    assert users_per_role(40)["social_worker"] == 16
    assert sum(users_per_role(9).values()) == 9
    assert min(users_per_role(9).values()) == 1
    assert sum(users_per_role(3).values()) == 3


# Tiny Valmiera has no municipal police (the State Police serves it) and its State Police
# reported no concern, so these police pages have no record there; the national run has them.
NOT_AT_TINY_SCALE = {
    ("police_officer", "concern page"),
    ("police_officer", "police part of a case"),
}


@pytest.mark.django_db
def test_every_page_answers_its_role_at_the_tiny_scale(tmp_path):
    generate(SCALES["tiny"], seed=7)
    output = tmp_path / "sessions.json"
    call_command("loadtest_sessions", "--output", str(output), "--users", "8")
    sessions = json.loads(output.read_text())
    assert {role for role, users in sessions.items() if users} == set(PAGES)

    answered, wrong = set(), []
    for role, users in sessions.items():
        for user in users:
            client = Client()
            client.cookies["sessionid"] = user["sessionid"]
            for page in PAGES[role]:
                fill = {kind: pks[0] for kind, pks in user["records"].items() if pks}
                try:
                    path = page.path.format(**fill)
                except KeyError:
                    continue  # no record of that kind for this user
                headers = {"HTTP_AUTHORIZATION": f"Bearer {user['token']}"} if page.api else {}
                if page.method == "POST":
                    data = {key: value.format(surname="Ozol") for key, value in page.data}
                    response = client.post(path, data, **headers)
                    ok = response.status_code in (200, 302)
                else:
                    response = (Client() if page.api else client).get(path, **headers)
                    ok = response.status_code == 200
                if ok and "/accounts/" not in response.get("Location", ""):
                    answered.add((role, page.name))
                else:
                    wrong.append((role, page.name, path, response.status_code))
    assert wrong == []
    missing = {(role, page.name) for role, page in _pages()} - answered
    assert missing == NOT_AT_TINY_SCALE
