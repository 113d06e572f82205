"""A coordinator sets up a family assistant provider: adds the service to the municipality's
catalogue from the national list, records the NGO's contract with price and capacity, and sees
it in the capacity summary. (Taking a referral through to an outcome comes with the cases.)"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from sargs.organisations.testing import TEST_TOTP_KEY, Cast

from .conftest import BROWSER_TEST, outside_playwright_loop, sign_in

pytestmark = BROWSER_TEST


def submit(page: Page) -> None:
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()


def test_coordinator_sets_up_a_family_assistant_provider(page: Page, cast: Cast):
    with outside_playwright_loop():
        provider = cast.institutions["a_provider"]
    sign_in(page, cast.coordinator.username, TEST_TOTP_KEY)

    # The catalogue starts empty; the family assistant is added from the national list.
    page.goto("/services/")
    page.locator("main a[href$='?type=family-assistant']").click()
    expect(page.locator("main h1")).to_be_visible()
    submit(page)
    expect(page).to_have_url(re.compile(r"/services/$"))
    expect(page.locator("main table")).to_contain_text("Ģimenes asistents")

    # A contract with the NGO: price per hour and capacity.
    page.locator("main a[href*='/services/contracts/new/?service=']").first.click()
    page.select_option("select[name=provider]", str(provider.pk))
    page.fill("input[name=valid_from]", "01.01.2026")
    page.select_option("select[name=unit]", "hour")
    page.fill("input[name=unit_price]", "14.50")
    page.fill("input[name=capacity]", "12")
    submit(page)
    expect(page).to_have_url(re.compile(r"/services/contracts/$"))
    table = page.locator("main table")
    expect(table).to_contain_text(provider.name)
    expect(table).to_contain_text("14,50 €")

    # The capacity summary shows the contracted places.
    page.goto("/services/capacity/")
    summary = page.locator("main table")
    expect(summary).to_contain_text("Ģimenes asistents")
    expect(summary).to_contain_text(provider.name)
    expect(summary).to_contain_text("12")

    # The provider's staff page flags the family assistant without recorded education.
    page.goto(f"/services/providers/{provider.pk}/staff/")
    expect(page.locator("main table")).to_contain_text(cast.family_assistant.first_name)
