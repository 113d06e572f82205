"""One family from a school's concern to closure: the school reports, the social worker takes
the concern up (registering the child), assesses the family, draws up the plan the family
agrees to, gives the school a task and refers the family to a family assistant, who records
the work and its outcome; the support record shows it, and the case closes with the child
kept in the family."""

from __future__ import annotations

import datetime
import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from sargs.cases.tests.helpers import catalogue
from sargs.organisations.testing import TEST_TOTP_KEY, Cast

from .conftest import BROWSER_TEST, outside_playwright_loop, pick, sign_in
from .test_accessibility import assert_accessible

pytestmark = BROWSER_TEST


def day(offset: int) -> str:
    return (datetime.date.today() + datetime.timedelta(days=offset)).strftime("%d.%m.%Y")


def submit(page: Page, action: str) -> None:
    page.locator(f"main form[action$='{action}'] button[type=submit]").first.click()
    page.wait_for_load_state()


def open_form(page: Page, action: str) -> None:
    """Open the disclosure a case page keeps the form for ``action`` behind (its button)."""
    page.locator(f"main details:has(form[action$='{action}']) > summary").first.click()


def as_user(browser: Browser, live_server: LiveServer, username: str) -> Page:
    context = browser.new_context(base_url=live_server.url, locale="lv-LV")
    context.set_default_timeout(15_000)
    page = context.new_page()
    sign_in(page, username, TEST_TOTP_KEY)
    return page


def test_a_family_from_concern_to_closure(
    page: Page, browser: Browser, live_server: LiveServer, cast: Cast
):
    with outside_playwright_loop():
        school_id = cast.institutions["a_school"].pk
        school_name = cast.institutions["a_school"].name
        service, contract = catalogue(cast)
        service_id, contract_id = service.pk, contract.pk

    # The school reports what its teacher saw.
    sign_in(page, cast.school_staff.username, TEST_TOTP_KEY)
    page.goto("/cases/concerns/new/")
    axe = Axe()
    assert_accessible(axe, page)
    page.fill("input[name=child_first_name]", "Marta")
    page.fill("input[name=child_last_name]", "Kalniņa")
    page.fill("input[name=child_birth_date]", "12.05.2016")
    page.check("input[name=categories][value=neglect]")
    page.fill("textarea[name=description]", "Nāk uz skolu izsalkusi un nepietiekami apģērbta.")
    page.fill("input[name=observed_on]", day(-4))
    page.select_option("select[name=place]", "school")
    page.fill("input[name=observed_by]", "Klases audzinātāja")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(r"/cases/concerns/\d+/$"))
    concern_url = page.url

    # The social worker registers the child and takes the concern up in a new case.
    social = as_user(browser, live_server, cast.social_worker.username)
    social.goto("/cases/concerns/?tab=triage")
    expect(social.locator("main table")).to_contain_text("Kalniņa")
    social.goto(concern_url)
    social.select_option("select[name=sex]", "female")
    submit(social, "/register/")
    social.locator("main a[href^='/cases/'][href$='/']").filter(has_text="#").first.click()
    social.wait_for_load_state()
    expect(social).to_have_url(re.compile(r"/cases/\d+/$"))
    case_url = social.url
    expect(social.locator("main")).to_contain_text("Marta Kalniņa")

    # A needs and risk assessment of every area.
    assert_accessible(axe, social)
    social.goto(case_url + "assessments/new/")
    assert_accessible(axe, social)
    social.fill("input[name=assessed_on]", day(-1))
    for select in social.locator("main select[name^=rating_]").all():
        select.select_option("1")
    social.select_option("select[name=rating_childcare]", "2")
    social.select_option("select[name=overall_risk]", "medium")
    social.fill("textarea[name=summary]", "Vecākiem trūkst prasmju; ģimenes asistents.")
    social.locator("main form button[type=submit]").click()
    social.wait_for_load_state()
    expect(social).to_have_url(case_url)
    expect(social.locator("section[aria-labelledby=assessments-heading]")).to_contain_text(
        "Vecākiem trūkst prasmju"
    )

    # The plan: a goal for childcare and upbringing, which the family agrees to.
    social.goto(case_url + "plan/")
    social.fill("input[name=review_on]", day(90))
    social.fill("textarea[name=goal_childcare]", "Regulāras maltītes un piemērots apģērbs.")
    social.locator("main form:not([action]) button[type=submit]").click()
    social.wait_for_load_state()
    expect(social.locator("main table")).to_contain_text("Regulāras maltītes")
    social.fill("input[name=agreed_on]", day(0))
    submit(social, "/plan/agree/")
    expect(social.locator("main dl.facts")).to_contain_text(day(0))
    assert_accessible(axe, social)
    social.goto(case_url)

    # The school is asked to follow the girl's attendance (a task, two working days).
    task_form = "main form[action$='/tasks/new/']"
    open_form(social, "/tasks/new/")
    social.fill(f"{task_form} input[name=title]", "Sekot apmeklējumam")
    # The school is found by typing part of its name (a search picker, not a list of every
    # institution), chosen from the matches, and the page with the matches stays accessible.
    pick(social, "institution", school_name[:6].lower(), school_id, scope=task_form)
    expect(social.locator(f"{task_form} [data-picker-results]")).to_contain_text(school_name)
    assert_accessible(axe, social)
    social.fill(f"{task_form} input[name=working_days]", "2")
    social.select_option(f"{task_form} select[name=area]", "childcare")
    submit(social, "/tasks/new/")
    expect(social.locator("section[aria-labelledby=tasks-heading]")).to_contain_text(
        "Sekot apmeklējumam"
    )

    # The family is referred to the family assistant service under the provider's contract.
    social.goto(case_url + "referrals/new/")
    social.select_option("select[name=service]", str(service_id))
    social.select_option("select[name=contract]", str(contract_id))
    social.fill("input[name=planned_from]", day(0))
    social.check("input[name=areas][value=childcare]")
    social.fill("textarea[name=shared_note]", "Mamma viena ar bērnu; ēdienreizes.")
    social.locator("main form button[type=submit]").click()
    social.wait_for_load_state()
    expect(social).to_have_url(re.compile(r"/cases/referrals/\d+/$"))
    referral_url = social.url

    # The school sees its concern taken up and its task, not the assessment; reports it done.
    page.goto("/cases/worklist/institution/")
    page.locator("main table a[href^='/cases/']").first.click()
    page.wait_for_load_state()
    expect(page.locator("main")).to_contain_text("Marta Kalniņa")
    expect(page.locator("section[aria-labelledby=assessments-heading]")).to_have_count(0)
    open_form(page, "/done/")
    page.fill("main form[action$='/done/'] input[name=result]", "Apmeklē katru dienu.")
    submit(page, "/done/")
    expect(page.locator("section[aria-labelledby=tasks-heading]")).to_contain_text(
        "Apmeklē katru dienu"
    )

    # The family assistant accepts, works with the family and records the outcome.
    assistant = as_user(browser, live_server, cast.family_assistant.username)
    assistant.goto("/cases/referrals/")
    assert_accessible(axe, assistant)
    assistant.goto(referral_url)
    expect(assistant.locator("main")).to_contain_text("ēdienreizes")
    submit(assistant, "/accept/")
    submit(assistant, "/start/")
    assistant.fill("input[name=held_on]", day(0))
    assistant.fill("input[name=hours]", "3")
    assistant.check("main form[action$='/sessions/new/'] input[name=areas][value=childcare]")
    assistant.fill("textarea[name=note]", "Kopā plānojām ēdienkarti.")
    submit(assistant, "/sessions/new/")
    assistant.select_option("select[name=outcome_rating]", "achieved")
    assistant.fill("main form[action$='/complete/'] textarea[name=outcome]", "Ģimene tiek galā.")
    submit(assistant, "/complete/")
    expect(assistant.locator("main dl.facts")).to_contain_text("Ģimene tiek galā.")

    # The support record shows childcare covered by the plan and the service: no gap there.
    social.goto(case_url + "support-record/")
    assert_accessible(axe, social)
    row = social.locator("main table tbody tr").filter(has_text="Regulāras maltītes")
    expect(row).to_contain_text(re.compile(r"3[,.]00"))
    expect(row).to_contain_text("Pakalpojums family-assistant")

    # The social worker closes the case: the child stayed in the family.
    social.goto(case_url)
    open_form(social, "/close/")
    social.select_option("select[name=outcome]", "stayed_in_family")
    submit(social, "/close/")
    expect(social.locator("main dl.facts")).to_contain_text(re.compile(r"Slēgt|Closed"))
