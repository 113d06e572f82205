"""The situation assessment's collection in the browser: the coordinator opens a half-year
period; a school enters its semester absences (E2) and submits; the coordinator returns them
with a comment; the school sees the comment, corrects and resubmits; the coordinator approves,
and the values are locked.

``collect_semester_absences`` leaves an approved submission and both users signed in, so a
later test can go on to freeze the assessment and generate the report."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from sargs.assessment.models import Submission, SubmissionStatus
from sargs.organisations.models import Institution
from sargs.organisations.testing import TEST_TOTP_KEY, Cast

from .conftest import BROWSER_TEST, outside_playwright_loop, sign_in
from .test_accessibility import assert_accessible

pytestmark = BROWSER_TEST

COMMENT = "Meitenes un zēni kopā nav 5: lūdzu, pārbaudiet zēnu skaitu."


def as_user(browser: Browser, live_server: LiveServer, username: str) -> Page:
    context = browser.new_context(base_url=live_server.url, locale="lv-LV")
    context.set_default_timeout(15_000)
    page = context.new_page()
    sign_in(page, username, TEST_TOTP_KEY)
    return page


def post(page: Page, action: str) -> None:
    """Press the submit button of the main form posting to a URL ending in ``action``."""
    page.locator(f"main form[action$='{action}'] button[type=submit]").first.click()
    page.wait_for_load_state()


def status_of(pk: int) -> str:
    with outside_playwright_loop():
        return Submission.objects.get(pk=pk).status


def save_section(page: Page, values: dict[str, str]) -> None:
    """Type E2's cells and save them with htmx; waits for the section to come back saved."""
    section = page.locator("main section.indicator").first
    for cell, amount in values.items():
        section.locator(f'input[name="E2-{cell}__amount"]').fill(amount)
    section.locator("button[type=submit]").click()
    expect(page.locator("main section.indicator .saved")).to_be_visible()


@dataclass
class Collected:
    submission_id: int
    period_id: int
    school: Page
    coordinator: Page


def collect_semester_absences(
    page: Page, browser: Browser, live_server: LiveServer, cast: Cast
) -> Collected:
    """The whole collection of E2 for last year's 2nd school semester (January–June), ending
    approved."""
    year = datetime.date.today().year - 1
    with outside_playwright_loop():
        school_name = cast.institutions["a_school"].name
        # The school used Sargs before the period was due (earlier periods are not shown).
        Institution.objects.filter(pk=cast.institutions["a_school"].pk).update(
            created_at=datetime.datetime(year - 1, 1, 1, tzinfo=datetime.UTC)
        )

    # The coordinator opens the period; the deadline follows from the working-day calendar.
    sign_in(page, cast.coordinator.username, TEST_TOTP_KEY)
    coordinator = page
    coordinator.goto("/assessment/periods/")
    coordinator.fill("input[name=year]", str(year))
    coordinator.select_option("select[name=semester]", "2")
    post(coordinator, "/assessment/periods/")
    expect(coordinator.locator("main table")).to_contain_text(str(year))

    # The school sees what it reports and starts its submission.
    school = as_user(browser, live_server, cast.school_staff.username)
    school.goto("/assessment/collection/")
    expect(school.locator("main table")).to_contain_text("E2")
    post(school, "/assessment/submissions/start/")
    expect(school).to_have_url(re.compile(r"/assessment/submissions/\d+/$"))
    submission_id = int(school.url.rstrip("/").rsplit("/", 1)[1])
    assert_accessible(Axe(), school)

    # Totals that do not add up; submitting is refused until every cell has a value.
    save_section(school, {"pupils": "5"})
    post(school, "/submit/")
    assert status_of(submission_id) == SubmissionStatus.DRAFT
    expect(school.locator("main .messages .error")).to_contain_text("E2")
    save_section(school, {"pupils|sex=f": "2", "pupils|sex=m": "2"})
    post(school, "/submit/")
    assert status_of(submission_id) == SubmissionStatus.SUBMITTED

    # The coordinator returns it with a comment, from the submission's page.
    coordinator.goto("/assessment/periods/")
    coordinator.locator("main a[href$='/submissions/']").first.click()
    coordinator.locator("main table a", has_text=school_name).click()
    coordinator.fill("textarea[name=comment]", COMMENT)
    post(coordinator, "/return/")
    assert status_of(submission_id) == SubmissionStatus.RETURNED

    # The school sees the comment, corrects the boys and resubmits.
    school.reload()
    expect(school.locator("#coordinator-comment")).to_contain_text(COMMENT)
    save_section(school, {"pupils|sex=m": "3"})
    post(school, "/submit/")
    assert status_of(submission_id) == SubmissionStatus.SUBMITTED

    # The coordinator approves it from the period's list.
    coordinator.goto("/assessment/periods/")
    coordinator.locator("main a[href$='/submissions/']").first.click()
    post(coordinator, "/approve/")
    assert status_of(submission_id) == SubmissionStatus.APPROVED
    with outside_playwright_loop():
        period_id = Submission.objects.get(pk=submission_id).period_id
    return Collected(submission_id, period_id, school, coordinator)


def test_a_school_submits_semester_absences_and_the_coordinator_approves(
    page: Page, browser: Browser, live_server: LiveServer, cast: Cast
):
    collected = collect_semester_absences(page, browser, live_server, cast)

    # Approved values are locked: the school sees them, with nothing to type into.
    school = collected.school
    school.reload()
    expect(school.locator("main section.indicator input")).to_have_count(0)
    expect(school.locator("main section.indicator td").last).to_have_text("3")
    expect(school.locator("#submit-button")).to_have_count(0)
    with outside_playwright_loop():
        values = dict(
            Submission.objects.get(pk=collected.submission_id).values.values_list("cell", "amount")
        )
    assert values == {"pupils": 5, "pupils|sex=f": 2, "pupils|sex=m": 3}


def _approve_the_rest_of_the_year(cast: Cast, year: int) -> None:
    """Every other report of the year, approved through the services, so the year can freeze."""
    from sargs.assessment import services
    from sargs.assessment.tests.collection_factories import approved_submission

    whole_year = services.open_period(actor=cast.coordinator, year=year)
    first_semester = services.open_period(actor=cast.coordinator, year=year, semester=1)
    reporters = {
        "a_admin": cast.coordinator,
        "a_social": cast.social_worker,
        "a_court": cast.orphans_court_member,
        "a_police": cast.police_officer,
        "a_eduboard": cast.education_specialist,
        "a_school": cast.school_staff,
    }
    for key, user in reporters.items():
        approved_submission(cast.institutions[key], whole_year, user, cast.coordinator, amount=0)
    approved_submission(
        cast.institutions["a_school"], first_semester, cast.school_staff, cast.coordinator, amount=0
    )


def test_approved_absences_are_frozen_and_the_report_is_generated(
    page: Page, browser: Browser, live_server: LiveServer, cast: Cast, tmp_path
):
    import docx

    from sargs.assessment.models import Assessment, AssessmentStatus

    collected = collect_semester_absences(page, browser, live_server, cast)
    year = datetime.date.today().year - 1
    with outside_playwright_loop():
        _approve_the_rest_of_the_year(cast, year)
        municipality_id = cast.municipality_a.pk

    coordinator = collected.coordinator
    coordinator.goto(f"/assessment/quality/{municipality_id}/{year}/freeze/")
    coordinator.locator("main form button[type=submit]").first.click()
    coordinator.wait_for_load_state()
    with outside_playwright_loop():
        assessment = Assessment.objects.get(municipality_id=municipality_id, year=year)
        assert assessment.status == AssessmentStatus.FROZEN
        e2 = assessment.values.get(
            definition__indicator__code="E2", semester=2, cell="pupils", origin="reported"
        )
        assert e2.amount == 5  # the school's corrected, approved figure

    coordinator.goto("/assessment/reports/")
    assert_accessible(Axe(), coordinator)
    with coordinator.expect_download() as download:
        coordinator.locator("main table a", has_text="Word").first.click()
    path = tmp_path / "report.docx"
    download.value.save_as(path)
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert f"Situācijas izvērtējums bērnu tiesību aizsardzības jomā {year}" in text
