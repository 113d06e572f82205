"""API tokens: shown once, stored hashed, usable until expired or revoked."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from sargs.accounts.models import ApiToken, hash_token
from sargs.accounts.services import api_token_create

pytestmark = pytest.mark.django_db


def test_token_is_shown_once_and_only_its_hash_is_stored(cast, client_for):
    response = client_for(cast.social_worker).post(
        reverse("accounts:security"), {"name": "School system", "days": 30}
    )
    raw = response.context["new_raw"]
    token = ApiToken.objects.get(user=cast.social_worker)
    assert raw.startswith("sargs_")
    assert token.token_hash == hash_token(raw)
    assert raw not in {token.token_hash, token.prefix}


def test_token_authenticates_without_a_session(cast):
    _token, raw = api_token_create(user=cast.social_worker, name="x", days=1)
    client = APIClient()
    response = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200
    assert response.json()["username"] == "social_worker"


def test_wrong_expired_or_revoked_tokens_are_refused(cast, client_for):
    token, raw = api_token_create(user=cast.social_worker, name="x", days=1)
    client = APIClient()
    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION="Bearer sargs_wrong").status_code == 401
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401
    token2, raw2 = api_token_create(user=cast.social_worker, name="y", days=1)
    client_for(cast.social_worker).post(reverse("accounts:token-revoke", args=[token2.pk]))
    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {raw2}").status_code == 401


def test_one_cannot_revoke_another_users_token(cast, client_for):
    token, _raw = api_token_create(user=cast.social_worker, name="x", days=1)
    response = client_for(cast.coordinator).post(reverse("accounts:token-revoke", args=[token.pk]))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_token_validity_is_bounded(cast, client_for):
    response = client_for(cast.social_worker).post(
        reverse("accounts:security"), {"name": "x", "days": 5000}
    )
    assert response.context["form"].errors["days"]
    assert not ApiToken.objects.exists()
