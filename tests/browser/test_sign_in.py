"""Sign-in with password and second factor, in a real browser."""

from __future__ import annotations

import re

from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from sargs.organisations.testing import TEST_PASSWORD, TEST_TOTP_KEY, Cast

from .conftest import (
    BROWSER_TEST,
    outside_playwright_loop,
    sign_in_with_password,
    totp_code_for_base32,
    totp_code_for_hex,
)

pytestmark = BROWSER_TEST


def expect_home(page: Page, base_url: str) -> None:
    expect(page).to_have_url(base_url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "lv")
    nav = page.locator("nav.site-nav")
    expect(nav).to_be_visible()
    expect(nav.locator('a[aria-current="page"]')).to_have_attribute("href", "/")
    expect(page.locator("main h1")).to_have_count(1)
    expect(page.locator("main section.panel h2").first).to_be_visible()


def test_social_worker_signs_in_with_password_and_code(page: Page, live_server, cast: Cast):
    sign_in_with_password(page, cast.social_worker.username)

    expect(page).to_have_url(re.compile(r"/accounts/two-factor/(\?.*)?$"))
    expect(page.locator("html")).to_have_attribute("lang", "lv")
    page.fill("input[name=code]", totp_code_for_hex(TEST_TOTP_KEY))
    page.locator("main form button[type=submit]").click()

    expect_home(page, live_server.url)
    # The social worker's own panels, and their name in the header.
    expect(page.locator("#panel-triage")).to_be_visible()
    expect(page.locator(".site-header .who")).to_have_text(cast.social_worker.get_full_name())


def test_wrong_code_keeps_the_user_on_the_second_factor_page(page: Page, cast: Cast):
    sign_in_with_password(page, cast.social_worker.username)
    right = totp_code_for_hex(TEST_TOTP_KEY)
    page.fill("input[name=code]", "000000" if right != "000000" else "111111")
    page.locator("main form button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/accounts/two-factor/(\?.*)?$"))
    expect(page.locator(".field-error")).to_be_visible()
    # Without the second factor no other page opens.
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/two-factor/(\?.*)?$"))


def test_first_time_user_sets_up_the_authenticator(page: Page, live_server, cast: Cast):
    user = cast.social_worker
    with outside_playwright_loop():
        TOTPDevice.objects.filter(user=user).delete()

    sign_in_with_password(page, user.username, TEST_PASSWORD)
    expect(page).to_have_url(re.compile(r"/accounts/two-factor/setup/(\?.*)?$"))
    expect(page.locator(".qr svg")).to_be_visible()
    secret = page.locator("main code").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-7]+=*", secret), secret

    page.fill("input[name=code]", totp_code_for_base32(secret))
    page.locator("main form button[type=submit]").click()

    codes = page.locator("ul.codes li")
    expect(codes).to_have_count(10)
    assert all(re.fullmatch(r"[a-z0-9]{5}-[a-z0-9]{5}", c) for c in codes.all_inner_texts())
    with outside_playwright_loop():
        assert TOTPDevice.objects.get(user=user).confirmed

    page.locator("main a.button").click()
    expect_home(page, live_server.url)
