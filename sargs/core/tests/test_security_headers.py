"""Every response carries the Content-Security-Policy and the Permissions-Policy."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def directives(header: str) -> dict[str, str]:
    return {
        part.strip().split(" ", 1)[0]: part.strip().partition(" ")[2]
        for part in header.split(";")
        if part.strip()
    }


def assert_policies(response) -> None:
    csp = directives(response["Content-Security-Policy"])
    assert csp["script-src"] == "'self'"  # no 'unsafe-inline', no 'unsafe-eval'
    assert csp["style-src"] == "'self'"
    assert csp["img-src"] == "'self' data:"
    assert csp["object-src"] == "'none'"
    assert csp["frame-ancestors"] == "'none'"
    assert csp["base-uri"] == "'self'"
    assert csp["form-action"] == "'self'"
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in permissions


def test_a_page_has_both_policies(client):
    assert_policies(client.get(reverse("accounts:login")))


def test_a_signed_in_page_has_both_policies(cast, client_for):
    assert_policies(client_for(cast.social_worker).get(reverse("portal:home")))


def test_an_api_response_has_both_policies(cast, client_for):
    response = client_for(cast.social_worker).get("/api/v1/me/")
    assert response.status_code == 200
    assert_policies(response)


def test_a_refusal_has_both_policies(client):
    assert_policies(client.get("/api/v1/me/"))
