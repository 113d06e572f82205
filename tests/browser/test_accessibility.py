"""Automated accessibility checks (axe-core) and keyboard use of the main pages."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from sargs.organisations.testing import TEST_TOTP_KEY, Cast

from .conftest import BROWSER_TEST, outside_playwright_loop, sign_in, sign_in_with_password

pytestmark = BROWSER_TEST

BLOCKING = {"serious", "critical"}


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def assert_accessible(axe: Axe, page: Page) -> None:
    results = axe.run(page)
    problems = [
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:5])
        for v in results.response["violations"]
        if v.get("impact") in BLOCKING
    ]
    assert not problems, f"axe found on {page.url}:\n" + "\n".join(problems)


def switch_to_english(page: Page) -> None:
    page.locator('.site-header .language-switch button[value="en"]').click()
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_sign_in_page_has_no_serious_violations(page: Page, axe: Axe, live_server):
    page.goto("/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", "lv")
    assert_accessible(axe, page)

    switch_to_english(page)
    expect(page).to_have_url(live_server.url + "/accounts/login/")
    assert_accessible(axe, page)


def test_home_page_has_no_serious_violations(page: Page, axe: Axe, live_server, cast: Cast):
    sign_in(page, cast.coordinator.username, TEST_TOTP_KEY)
    expect(page).to_have_url(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "lv")
    assert_accessible(axe, page)

    switch_to_english(page)
    expect(page).to_have_url(live_server.url + "/")
    assert_accessible(axe, page)


def test_sign_in_errors_have_no_serious_violations(page: Page, axe: Axe, cast: Cast):
    sign_in_with_password(page, cast.social_worker.username, "not the password")
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(axe, page)


def test_second_factor_pages_have_no_serious_violations(page: Page, axe: Axe, cast: Cast):
    sign_in_with_password(page, cast.social_worker.username)
    expect(page).to_have_url(re.compile(r"/accounts/two-factor/(\?.*)?$"))
    assert_accessible(axe, page)

    with outside_playwright_loop():
        TOTPDevice.objects.filter(user=cast.social_worker).delete()
    page.goto("/accounts/two-factor/setup/")
    expect(page.locator(".qr svg")).to_be_visible()
    assert_accessible(axe, page)


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page: Page):
    page.goto("/accounts/login/")

    page.keyboard.press("Tab")
    expect(page.locator("a.skip-link")).to_be_focused()
    expect(page.locator("a.skip-link")).to_be_visible()

    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
