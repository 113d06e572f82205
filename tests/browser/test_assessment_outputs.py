"""The assessment dashboard and the report download in a browser, with axe checks."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from sargs.assessment.demo import load_assessment_demo
from sargs.assessment.models import Indicator
from sargs.assessment.sync import sync_catalogue
from sargs.organisations.testing import TEST_TOTP_KEY, Cast

from .conftest import BROWSER_TEST, outside_playwright_loop, sign_in
from .test_accessibility import assert_accessible

pytestmark = BROWSER_TEST


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def test_the_coordinator_reads_the_dashboard_and_downloads_the_report(
    page: Page, axe: Axe, cast: Cast
):
    with outside_playwright_loop():
        if not Indicator.objects.exists():
            sync_catalogue()
        load_assessment_demo()
    sign_in(page, cast.coordinator.username, TEST_TOTP_KEY)
    page.goto("/assessment/dashboard/")
    expect(page.locator("h1")).to_contain_text("Valmieras novads")
    assert_accessible(axe, page)
    page.locator("a", has_text="F3 ").first.click()
    expect(page.locator("main img").first).to_have_attribute("alt", re.compile(r".+"))
    assert_accessible(axe, page)
    page.goto("/assessment/reports/")
    assert_accessible(axe, page)
    with page.expect_download() as download:
        page.locator("main table a", has_text="Word").first.click()
    assert download.value.suggested_filename.endswith(".docx")
