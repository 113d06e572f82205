"""A coordinator drafts the child rights protection programme from the approved situation
assessment, adds an activity with additional municipal funding and a performance indicator
whose baseline comes from the assessment, records the council's approval; the social
service reports on its activity; the coordinator downloads the council report."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from sargs.assessment.sync import sync_catalogue
from sargs.organisations.testing import TEST_TOTP_KEY, Cast
from sargs.programme.tests.helpers import frozen_assessment

from .conftest import BROWSER_TEST, outside_playwright_loop, pick, sign_in

pytestmark = BROWSER_TEST


def submit(page: Page) -> None:
    page.locator("main form button[type=submit].primary").last.click()
    page.wait_for_load_state()


def assert_accessible(page: Page) -> None:
    results = Axe().run(page)
    serious = [
        v["id"]
        for v in results.response["violations"]
        if v.get("impact") in {"serious", "critical"}
    ]
    assert not serious, f"{page.url}: {serious}"


@pytest.fixture
def assessment(cast: Cast) -> None:
    with outside_playwright_loop():
        sync_catalogue()
        frozen_assessment(cast.municipality_a, 2024)
        frozen_assessment(cast.municipality_a, 2025)


def test_programme_from_assessment_to_council_report(
    page: Page, browser: Browser, live_server, cast: Cast, assessment: None
):
    with outside_playwright_loop():
        social = cast.institutions["a_social"]
    sign_in(page, cast.coordinator.username, TEST_TOTP_KEY)

    # Draft the programme: the situation description comes from the 2025 assessment.
    page.goto("/programme/")
    page.locator("main a[href$='/programme/new/']").click()
    page.fill("input[name=start_year]", "2026")
    page.fill("input[name=end_year]", "2028")
    submit(page)
    expect(page).to_have_url(re.compile(r"/programme/versions/\d+/$"))
    expect(page.locator("main")).to_contain_text("F3")
    expect(page.locator("main")).to_contain_text("2025")
    assert_accessible(page)
    version_url = page.url

    # A priority, then an activity with additional municipal funding.
    page.locator("main a[href$='/priorities/new/']").click()
    page.fill("input[name=title]", "Bērni aug ģimenē")
    submit(page)
    page.goto(version_url + "activities/new/")
    page.fill("input[name=title]", "Audžuģimeņu atbalsta programma")
    pick(page, "responsible", social.name, social.pk)
    page.fill("input[name=starts_on]", "01.01.2026")
    page.fill("input[name=deadline]", "31.12.2026")
    page.fill("input[name=cost_2026_existing]", "1000")
    page.fill("input[name=cost_2026_municipal]", "5000")
    submit(page)
    expect(page).to_have_url(re.compile(r"/programme/activities/\d+/$"))
    activity_url = page.url

    # A performance indicator whose baseline is the assessment's F3 figure (9 children).
    page.locator("main a[href$='/indicators/new/']").click()
    page.fill("input[name=name]", "Bērni institūcijās")
    page.select_option("select[name=unit]", "children")
    page.select_option("select[name=assessment_cell]", "F3:children")
    page.fill("input[name=target]", "6")
    submit(page)
    expect(page.locator("main table").nth(1)).to_contain_text("9")

    # The budget shows the additional municipal funding.
    page.goto(version_url + "budget/")
    expect(page.locator("main table").first).to_contain_text("5 000,00 €")

    # The council approves.
    page.goto(version_url)
    page.fill("input[name=decision_number]", "12/5")
    page.fill("input[name=decision_date]", "29.01.2026")
    submit(page)
    expect(page.locator("main .badge").first).not_to_have_text("melnraksts")
    expect(page.locator("input[name=decision_number]")).to_have_count(0)

    # The social service reports on its activity.
    context = browser.new_context(base_url=live_server.url, locale="lv-LV")
    staff = context.new_page()
    sign_in(staff, cast.social_worker.username, TEST_TOTP_KEY)
    staff.goto(activity_url)
    staff.locator("main a[href$='/report/']").click()
    staff.fill("input[name=as_of]", "01.07.2026")
    staff.select_option("select[name=status]", "in_progress")
    staff.fill("input[name=spent]", "2500")
    staff.locator("main input[name^=actual_]").fill("8")
    staff.fill("textarea[name=narrative]", "Apmācītas trīs audžuģimenes.")
    submit(staff)
    expect(staff).to_have_url(activity_url)
    expect(staff.locator("main")).to_contain_text("2 500,00 €")
    context.close()

    # The coordinator downloads the council report as Word and as PDF.
    page.goto(version_url)
    page.locator("main nav.filters a[href*='/monitoring/']").click()
    expect(page.locator("main table").first).to_contain_text("Audžuģimeņu atbalsta programma")
    page.select_option("select[name=year]", "2026")
    with page.expect_download() as word:
        page.locator("main form[action$='council-report.docx'] button").first.click()
    assert word.value.suggested_filename.endswith(".docx")
    assert open(word.value.path(), "rb").read(2) == b"PK"
    with page.expect_download() as pdf:
        page.locator("main form[action$='council-report.docx'] button").last.click()
    assert open(pdf.value.path(), "rb").read(4) == b"%PDF"


def test_a_child_answers_a_questionnaire_anonymously(page: Page, cast: Cast):
    from sargs.programme import questionnaire_services
    from sargs.programme.models import QuestionnaireResponse
    from sargs.programme.tests.helpers import draft_programme

    with outside_playwright_loop():
        programme, _ = draft_programme(
            cast.coordinator, cast.municipality_a, cast.institutions["a_social"]
        )
        questionnaire = questionnaire_services.questionnaire_create(
            actor=cast.coordinator,
            programme=programme,
            title="Kā tev klājas?",
            audience="children_7_12",
        )
        questionnaire_services.question_add(
            actor=cast.coordinator,
            questionnaire=questionnaire,
            kind="single",
            text="Vai skolā jūties droši?",
            options=["Jā", "Nē"],
        )
        questionnaire_services.question_add(
            actor=cast.coordinator,
            questionnaire=questionnaire,
            kind="scale",
            text="Cik patīk brīvais laiks?",
        )
        questionnaire_services.question_add(
            actor=cast.coordinator, questionnaire=questionnaire, kind="text", text="Ko vēlies?"
        )
        questionnaire_services.questionnaire_set_status(
            actor=cast.coordinator, questionnaire=questionnaire, status="open"
        )

    page.goto(f"/programme/q/{questionnaire.token}/")
    expect(page.locator("main h1")).to_have_text("Kā tev klājas?")
    assert_accessible(page)
    page.get_by_label("Jā").check()
    page.get_by_label("4").check()
    page.locator("main textarea").fill("Vairāk pulciņu")
    submit(page)
    expect(page).to_have_url(re.compile(r"/thanks/$"))
    page.goto(f"/programme/q/{questionnaire.token}/")
    expect(page.locator("main form")).to_have_count(0)  # one submission per browser
    with outside_playwright_loop():
        assert QuestionnaireResponse.objects.count() == 1
