"""A social worker registers a family whose parents live in different municipalities and
sees which municipality answers for the child, and why (BTAL article 67(2))."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from sargs.organisations.testing import TEST_TOTP_KEY, Cast

from .conftest import BROWSER_TEST, sign_in

pytestmark = BROWSER_TEST


def submit(page: Page) -> None:
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()


def add_parent(page: Page, role: str, first: str, municipality: str, *, lives_with: bool) -> None:
    page.locator("main a[href$='/representatives/new/']").click()
    page.select_option("select[name=role]", role)
    page.fill("input[name=first_name]", first)
    page.fill("input[name=last_name]", "Ozoliņa" if role == "mother" else "Ozoliņš")
    page.select_option("select[name=declared_municipality]", label=municipality)
    page.fill("input[name=declared_from]", "01.02.2020")
    if lives_with:
        page.check("input[name=lives_with_child]")
    submit(page)
    expect(page).to_have_url(re.compile(r"/registry/children/\d+/$"))


def test_family_with_parents_in_two_municipalities(page: Page, cast: Cast):
    sign_in(page, cast.social_worker.username, TEST_TOTP_KEY)

    page.goto("/registry/children/new/")
    page.fill("input[name=first_name]", "Elza")
    page.fill("input[name=last_name]", "Ozoliņa")
    page.fill("input[name=birth_date]", "15.03.2015")
    page.select_option("select[name=sex]", "female")
    submit(page)
    expect(page).to_have_url(re.compile(r"/registry/children/\d+/$"))
    expect(page.locator("main h1")).to_contain_text("Elza Ozoliņa")

    # The child lives with her mother in Smiltenes novads; the father is declared in Valmiera.
    add_parent(page, "mother", "Anna", "Smiltenes novads", lives_with=True)
    add_parent(page, "father", "Jānis", "Valmieras novads", lives_with=False)

    card = page.locator("section[aria-labelledby=jurisdiction-heading]")
    expect(card).to_contain_text("Smiltenes novads (0049000)")
    expect(card).to_contain_text("BTAL 67(2)")
    expect(card).to_contain_text("Smiltenes novad")  # the reason names it, in Latvian

    # The same page in English gives the reason in English.
    page.locator(".language-switch button[name=language]").click()
    page.wait_for_load_state()
    card = page.locator("section[aria-labelledby=jurisdiction-heading]")
    expect(card).to_contain_text("Smiltenes novads (0049000)")
    expect(card).to_contain_text("mother")

    # Responsibility lies elsewhere, so a handover to Smiltenes novads has been proposed.
    page.goto("/responsibility/handovers/")
    page.locator("main a[href$='?tab=outgoing']").click()
    expect(page.locator("main table")).to_contain_text("Smiltenes novads")
