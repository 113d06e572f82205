"""Phones (issue 18, point 7): the children's questionnaire and the pages a family assistant
uses on a visit fit a 360 px wide screen, with radio buttons beside their labels, and the
questionnaire does not claim that every view is recorded (its answers are anonymous)."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from sargs.organisations.testing import TEST_TOTP_KEY, Cast

from .conftest import BROWSER_TEST, outside_playwright_loop, sign_in

pytestmark = BROWSER_TEST

PHONE = {"width": 360, "height": 740}
TODAY = datetime.date.today().strftime("%d.%m.%Y")


def phone(browser: Browser, live_server: LiveServer) -> Page:
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, locale="lv-LV", is_mobile=True, has_touch=True
    )
    context.set_default_timeout(15_000)
    return context.new_page()


def assert_fits(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width} px wide"


@pytest.fixture
def questionnaire(cast: Cast):
    from sargs.programme import questionnaire_services
    from sargs.programme.tests.helpers import draft_programme

    with outside_playwright_loop():
        programme, _ = draft_programme(
            cast.coordinator, cast.municipality_a, cast.institutions["a_social"]
        )
        q = questionnaire_services.questionnaire_create(
            actor=cast.coordinator,
            programme=programme,
            title="Kā tev klājas skolā un mājās šogad, pastāsti mums?",
            audience="children_13_17",
        )
        questionnaire_services.question_add(
            actor=cast.coordinator,
            questionnaire=q,
            kind="single",
            text="Vai tu jūties droši ceļā uz skolu un atpakaļ mājās pēc stundām?",
            options=["Jā, vienmēr", "Dažreiz ne gluži", "Nē, bieži jūtos nedroši"],
        )
        questionnaire_services.question_add(
            actor=cast.coordinator, questionnaire=q, kind="scale", text="Cik patīk brīvais laiks?"
        )
        questionnaire_services.question_add(
            actor=cast.coordinator, questionnaire=q, kind="text", text="Ko vēlies?"
        )
        questionnaire_services.questionnaire_set_status(
            actor=cast.coordinator, questionnaire=q, status="open"
        )
    return q


def test_the_questionnaire_fits_a_phone(browser: Browser, live_server: LiveServer, questionnaire):
    page = phone(browser, live_server)
    page.goto(f"/programme/q/{questionnaire.token}/")
    assert_fits(page)
    # Each radio button sits beside its label: on the same line, to its left.
    for text in ("Jā, vienmēr", "Nē, bieži jūtos nedroši", "4"):
        label = page.locator("main label").filter(has_text=text).first
        radio = label.locator("input[type=radio]")
        box, text_box = radio.bounding_box(), label.bounding_box()
        assert box and text_box
        assert box["width"] < 40, "the radio button is stretched across the line"
        middle = box["y"] + box["height"] / 2
        assert text_box["y"] <= middle <= text_box["y"] + text_box["height"]
        assert box["x"] < text_box["x"] + 40
    footer = page.locator("footer").inner_text()
    assert "anonīmas" in footer
    assert "Katra apskate" not in footer
    page.get_by_label("Dažreiz ne gluži").check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert_fits(page)
    assert "Katra apskate" not in page.locator("footer").inner_text()


def test_a_family_assistants_visit_pages_fit_a_phone(
    browser: Browser, live_server: LiveServer, cast: Cast
):
    from sargs.cases.referrals import services as referral_services
    from sargs.cases.tests.helpers import open_case, refer

    with outside_playwright_loop():
        _concern, case, _child = open_case(cast)
        referral = refer(cast, case)
        referral_services.referral_accept(referral=referral, actor=cast.family_assistant)
        referral_services.referral_start(referral=referral, actor=cast.family_assistant)
    page = phone(browser, live_server)
    sign_in(page, cast.family_assistant.username, TEST_TOTP_KEY)
    assert_fits(page)
    page.goto("/cases/referrals/")
    assert_fits(page)
    page.goto(f"/cases/referrals/{referral.pk}/")
    assert_fits(page)
    # The session is recorded on the phone: the date typed as dd.mm.yyyy, a box ticked.
    form = "main form[action$='/sessions/new/']"
    page.fill(f"{form} input[name=held_on]", TODAY)
    page.fill(f"{form} input[name=hours]", "2")
    box = page.locator(f"{form} input[name=areas]").first
    assert (box.bounding_box() or {"width": 999})["width"] < 40
    box.check()
    page.locator(f"{form} button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator("section[aria-labelledby=sessions-heading]")).to_contain_text(TODAY)
    assert_fits(page)


def test_a_social_workers_case_page_fits_a_phone_with_a_danger_alert_in_the_header(
    browser: Browser, live_server: LiveServer, cast: Cast
):
    """The header holds the language switch, the danger badge, the user's name and "Iziet":
    on 360 px they wrap instead of pushing the page sideways."""
    from sargs.cases.tests.helpers import open_case

    with outside_playwright_loop():
        _concern, case, _child = open_case(cast, danger=True)
        cast.social_worker.first_name, cast.social_worker.last_name = "Anna-Marija", "Bērziņa"
        cast.social_worker.save()
    page = phone(browser, live_server)
    sign_in(page, cast.social_worker.username, TEST_TOTP_KEY)
    page.goto(f"/cases/{case.pk}/")
    assert_fits(page)
    assert page.get_by_role("button", name="Iziet").is_visible()
