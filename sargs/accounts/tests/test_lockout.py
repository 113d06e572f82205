"""The lockout holds one username from one address, never everyone (ADR 0014)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

from sargs.organisations.testing import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(username: str, password: str, forwarded_for: str) -> int:
    client = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded_for)
    response = client.post(reverse("accounts:login"), {"username": username, "password": password})
    return response.status_code


def fail_until_locked(username: str, forwarded_for: str) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(username, "wrong-password-1", forwarded_for)


@override_settings(PROXY_COUNT=1)
def test_locked_is_this_username_from_this_address_only(cast):
    fail_until_locked("social_worker", "203.0.113.9")
    assert sign_in("social_worker", TEST_PASSWORD, "203.0.113.9") == 429
    # The same user from another address, and another user from the locked address, sign in.
    assert sign_in("social_worker", TEST_PASSWORD, "198.51.100.4") == 302
    assert sign_in("coordinator", TEST_PASSWORD, "203.0.113.9") == 302


@override_settings(PROXY_COUNT=1)
def test_invented_usernames_from_one_address_lock_no_real_user(cast):
    for number in range(settings.AXES_FAILURE_LIMIT + 1):
        sign_in(f"nobody-{number}", "wrong-password-1", "203.0.113.9")
    assert sign_in("social_worker", TEST_PASSWORD, "203.0.113.9") == 302


@override_settings(PROXY_COUNT=1)
def test_forged_left_most_entries_do_not_escape_the_lock(cast):
    # Every attempt names a new invented address in front of nginx's own entry.
    for number in range(settings.AXES_FAILURE_LIMIT):
        sign_in("social_worker", "wrong-password-1", f"10.0.0.{number}, 203.0.113.9")
    assert sign_in("social_worker", TEST_PASSWORD, "10.9.9.9, 203.0.113.9") == 429


@override_settings(PROXY_COUNT=1)
def test_the_lock_message_says_which_username_from_which_address_for_how_long(cast):
    fail_until_locked("social_worker", "203.0.113.9")
    client = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    response = client.post(
        reverse("accounts:login"), {"username": "social_worker", "password": TEST_PASSWORD}
    )
    text = response.content.decode()
    assert "“social_worker”" in text and "203.0.113.9" in text
    assert "ir bloķēta uz 30 minūtēm" in text
    client.cookies["django_language"] = "en"
    english = client.post(
        reverse("accounts:login"), {"username": "social_worker", "password": TEST_PASSWORD}
    ).content.decode()
    assert "Sign-in as “social_worker” from the address 203.0.113.9 is locked for 30 minutes" in (
        english
    )
