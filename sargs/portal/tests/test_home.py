"""Each role's home page and navigation."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sargs.organisations.roles import Role
from sargs.organisations.testing import ROLE_HOME

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [*ROLE_HOME, Role.NATIONAL_ANALYST])
def test_every_role_has_a_home_page_with_its_panels(cast, client_for, role):
    response = client_for(cast.users[role.value]).get(reverse("portal:home"))
    assert response.status_code == 200
    assert response.context["panels"], role


def test_navigation_follows_roles(cast, client_for):
    admin_nav = {i.url for i in client_for(cast.administrator).get("/").context["nav_items"]}
    worker_nav = {i.url for i in client_for(cast.social_worker).get("/").context["nav_items"]}
    coordinator_nav = {i.url for i in client_for(cast.coordinator).get("/").context["nav_items"]}
    assert reverse("organisations:user-list") in admin_nav
    assert reverse("organisations:user-list") not in worker_nav
    assert reverse("audit:entry-list") in coordinator_nav
    assert reverse("audit:entry-list") not in worker_nav


def test_user_without_roles_is_told_to_ask_the_administrator(cast, client_for):
    response = client_for(cast.no_role).get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert "no role" in response.content.decode()
