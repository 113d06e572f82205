"""Pages run under the Content-Security-Policy without a violation, and htmx still works."""

from __future__ import annotations

import re

from playwright.sync_api import ConsoleMessage, Page, expect

from sargs.organisations.testing import TEST_TOTP_KEY, Cast

from .conftest import BROWSER_TEST, sign_in

pytestmark = BROWSER_TEST


def csp_messages(page: Page) -> list[str]:
    """Every console message Chromium writes for a Content-Security-Policy violation."""
    found: list[str] = []

    def listen(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            found.append(message.text)

    page.on("console", listen)
    page.on("pageerror", lambda error: found.append(str(error)))
    return found


def test_htmx_search_works_under_the_policy_with_no_violation(page: Page, cast: Cast):
    violations = csp_messages(page)
    sign_in(page, cast.social_worker.username, TEST_TOTP_KEY)
    response = page.goto("/organisations/institutions/")
    assert response is not None
    assert "script-src 'self'" in response.headers["content-security-policy"]
    rows = page.locator("#institution-rows")
    school = cast.institutions["a_school"].name
    expect(rows).to_contain_text(school)

    # Typing in the search field: htmx fetches the rows and swaps them in, no page load.
    page.evaluate("window.stillTheSamePage = true")
    page.fill("input[name=q]", "Probation")
    expect(rows).to_contain_text("Probation")
    expect(rows).not_to_contain_text(school)
    expect(page).to_have_url(re.compile(r"q=Probation"))
    assert page.evaluate("window.stillTheSamePage") is True
    assert violations == []

    # The policy is enforced: an inline script added to the page is refused and reported.
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.inlineRan = true'; document.head.append(s); }"
    )
    assert page.evaluate("window.inlineRan") is None
    assert any("script-src" in message for message in violations)
