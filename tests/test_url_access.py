"""Every URL declares an access rule, and only the declared public ones open without sign-in."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from sargs.core.access import declared_rule

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


def walk(
    resolver: URLResolver, prefix: str = "", ns: str = ""
) -> Iterator[tuple[str, str, object]]:
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            sub_ns = f"{ns}{pattern.namespace}:" if pattern.namespace else ns
            yield from walk(pattern, route, sub_ns)
        elif isinstance(pattern, URLPattern):
            yield route, f"{ns}{pattern.name}", pattern.callback


def sample_path(route: str) -> str:
    path = re.sub(r"<int:\w+>", "1", route)
    path = re.sub(r"<(?:str:|slug:)?\w+>", "x", path)
    path = re.sub(r"[\^$]", "", path).replace("\\", "")
    return "/" + path


OWN_PATTERNS = [
    (route, name, cb) for route, name, cb in walk(get_resolver()) if not name.startswith("admin:")
]


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
