"""Every URL declares an access rule, and only the declared public ones open without sign-in."""

from __future__ import annotations

import re

import pytest

from sargs.core.access import declared_rule
from sargs.core.routes import own_routes

# URL names that are reachable without signing in, and nothing else.
PUBLIC_NAMES = {
    "accounts:login",
    "accounts:logout",
    "accounts:password-reset",
    "accounts:password-reset-done",
    "accounts:password-reset-confirm",
    "accounts:password-reset-complete",
    "core:health",
    "core:set-language",
    "programme:public-detail",
    "programme:questionnaire-answer",
    "programme:questionnaire-thanks",
}


def sample_path(route: str) -> str:
    path = re.sub(r"<int:\w+>", "1", route)
    path = re.sub(r"<(?:str:|slug:)?\w+>", "x", path)
    path = re.sub(r"[\^$]", "", path).replace("\\", "")
    return "/" + path


OWN_PATTERNS = [(r.route, r.name, r.callback) for r in own_routes()]


@pytest.mark.parametrize(
    ("route", "name", "callback"), OWN_PATTERNS, ids=[n for _, n, _ in OWN_PATTERNS]
)
def test_every_view_declares_an_access_rule(route: str, name: str, callback: object) -> None:
    assert declared_rule(callback) is not None, f"{name} ({route}) declares no access rule"


@pytest.mark.parametrize(
    ("route", "name", "callback"), OWN_PATTERNS, ids=[n for _, n, _ in OWN_PATTERNS]
)
def test_public_views_are_exactly_the_listed_ones(route: str, name: str, callback: object) -> None:
    rule = declared_rule(callback)
    assert rule is not None
    assert rule.public == (name in PUBLIC_NAMES), name


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("route", "name", "callback"), OWN_PATTERNS, ids=[n for _, n, _ in OWN_PATTERNS]
)
def test_anonymous_cannot_reach_private_views(
    client, route: str, name: str, callback: object
) -> None:
    if name in PUBLIC_NAMES:
        return
    for method in (client.get, client.post):
        response = method(sample_path(route))
        if route.startswith("api/"):
            assert response.status_code in (401, 403), name
        else:
            assert response.status_code == 302, name
            assert response["Location"].startswith("/accounts/login/"), name


@pytest.mark.django_db
def test_admin_is_closed_to_staff_without_administrator_role(cast, client_for) -> None:
    user = cast.social_worker
    user.is_staff = True
    user.save()
    response = client_for(user).get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_admin_opens_for_national_administrator(cast, client_for) -> None:
    assert client_for(cast.national_admin).get("/admin/").status_code == 200
