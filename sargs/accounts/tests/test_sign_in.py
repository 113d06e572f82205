"""Sign-in: password, second factor, lockout, idle expiry, password reset."""

from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sargs.organisations.models import User
from sargs.organisations.testing import TEST_PASSWORD, TEST_TOTP_KEY

pytestmark = pytest.mark.django_db


def current_code(key_hex: str = TEST_TOTP_KEY) -> str:
    totp = TOTP(bytes.fromhex(key_hex))
    totp.time = time.time()
    return f"{totp.token():06d}"


def sign_in(client: Client, username: str, password: str = TEST_PASSWORD, **extra):
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password}, **extra
    )


def test_passwords_are_hashed_with_argon2(cast):
    user = cast.social_worker
    user.set_password("A-new-password-2026")
    user.save()
    assert User.objects.get(pk=user.pk).password.startswith("argon2")


def test_child_data_role_must_pass_second_factor_before_any_page(cast, client):
    sign_in(client, "social_worker")
    response = client.get(reverse("portal:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:otp-verify")
    api = client.get("/api/v1/me/")
    assert api.status_code == 403


def test_correct_totp_code_opens_the_system(cast, client):
    sign_in(client, "social_worker")
    response = client.post(reverse("accounts:otp-verify"), {"code": current_code()})
    assert response.status_code == 302
    assert client.get(reverse("portal:home")).status_code == 200


def test_wrong_code_is_refused_with_a_message_in_latvian(cast, client):
    sign_in(client, "social_worker")
    response = client.post(reverse("accounts:otp-verify"), {"code": "000000"})
    assert response.status_code == 200
    assert "Kods nav pareizs" in response.content.decode()
    assert client.get(reverse("portal:home")).status_code == 302


def test_recovery_code_works_once(cast, client_for, client):
    codes = client_for(cast.social_worker).post(reverse("accounts:recovery-codes")).context["codes"]
    assert len(codes) == 10
    sign_in(client, "social_worker")
    assert client.post(reverse("accounts:otp-verify"), {"code": codes[0]}).status_code == 302
    client.post(reverse("accounts:logout"))
    sign_in(client, "social_worker")
    again = client.post(reverse("accounts:otp-verify"), {"code": codes[0]})
    assert again.status_code == 200
    assert StaticToken.objects.filter(token=codes[0]).count() == 0


def test_aggregate_only_roles_do_not_need_a_second_factor(cast, client):
    sign_in(client, "councillor")
    assert client.get(reverse("portal:home")).status_code == 200


def test_user_without_device_is_sent_to_set_one_up_and_can_confirm_it(cast, client):
    TOTPDevice.objects.filter(user=cast.social_worker).delete()
    sign_in(client, "social_worker")
    assert client.get(reverse("accounts:otp-verify"))["Location"] == reverse("accounts:otp-setup")
    page = client.get(reverse("accounts:otp-setup"))
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=cast.social_worker, confirmed=False)
    response = client.post(reverse("accounts:otp-setup"), {"code": current_code(device.key)})
    assert response.status_code == 200
    assert len(response.context["codes"]) == 10
    assert TOTPDevice.objects.get(user=cast.social_worker).confirmed
    assert client.get(reverse("portal:home")).status_code == 200


def test_repeated_failures_lock_the_account_with_a_clear_message(cast, client):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "social_worker", password="wrong-password-1")
    response = sign_in(client, "social_worker")  # even the right password is refused now
    assert response.status_code == 429
    text = response.content.decode()
    assert "bloķēta" in text and "30" in text
    assert "_auth_user_id" not in client.session


def test_failed_sign_in_says_what_is_wrong(cast, client):
    response = sign_in(client, "social_worker", password="wrong-password-1")
    assert response.status_code == 200
    assert "nav pareiz" in response.content.decode()


def test_idle_session_expires(cast, client_for):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST
    client = client_for(cast.social_worker)
    session = client.session
    session.set_expiry(-1)  # as if the idle time had passed
    session.save()
    response = client.get(reverse("portal:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_password_reset_sends_a_link_that_sets_an_argon2_password(cast, client):
    client.post(reverse("accounts:password-reset"), {"email": cast.social_worker.email})
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/password/reset/" in line)
    path = link.split("testserver", 1)[1].strip()
    form_page = client.get(path, follow=True)
    post_url = form_page.redirect_chain[-1][0]
    response = client.post(
        post_url, {"new_password1": "Brand-new-pass-2026", "new_password2": "Brand-new-pass-2026"}
    )
    assert response.status_code == 302
    user = User.objects.get(pk=cast.social_worker.pk)
    assert user.check_password("Brand-new-pass-2026")
    assert user.password.startswith("argon2")


def test_weak_password_is_refused_by_validators(cast, client_for):
    response = client_for(cast.social_worker).post(
        reverse("accounts:password-change"),
        {"old_password": TEST_PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]
