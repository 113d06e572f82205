"""The school → social service → provider → closure journey of issue 15, in Latvian, with a
brother added to the case directly. At each step: what each role sees and does not see.

A school reports a concern about a nine-year-old girl. The social service takes it up
(registering her), adds her brother to the case without a concern of his own, writes a note
for the case team only (a double click adds it once), assesses the family, draws up the plan
and refers the family to a provider, and gives the school a task. The school sees its task
and the children, never the team's note or the assessment. The provider sees the referral,
its support areas in words, not the concerns; it records a session. Closing shows every
blocker at the top of the case page at once; once they are dealt with, the case closes.
"""

from __future__ import annotations

import datetime
import re

from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from sargs.cases.casework.models import EntryKind, TimelineEntry
from sargs.cases.tests.helpers import catalogue
from sargs.organisations.testing import TEST_TOTP_KEY, Cast

from .conftest import BROWSER_TEST, outside_playwright_loop, pick, sign_in

pytestmark = BROWSER_TEST

TEAM_NOTE = "Tikai komandai: tēvs strādā ārzemēs."


def day(offset: int) -> str:
    return (datetime.date.today() + datetime.timedelta(days=offset)).strftime("%d.%m.%Y")


def as_user(browser: Browser, live_server: LiveServer, username: str) -> Page:
    context = browser.new_context(base_url=live_server.url, locale="lv-LV")
    context.set_default_timeout(15_000)
    page = context.new_page()
    sign_in(page, username, TEST_TOTP_KEY)
    return page


def form(page: Page, action: str) -> str:
    """The selector of the page's form posting to ``action``, opened if it waits behind a
    disclosure (<details>)."""
    selector = f"form[action$='{action}']"
    for details in page.locator(f"main details:has({selector})").all():
        if details.get_attribute("open") is None:
            details.locator("summary").first.click()
    return f"main {selector}"


def submit(page: Page, action: str) -> None:
    page.locator(f"{form(page, action)} button[type=submit]").first.click()
    page.wait_for_load_state()


def test_school_social_service_provider_closure_with_a_brother(
    page: Page, browser: Browser, live_server: LiveServer, cast: Cast
):
    with outside_playwright_loop():
        school_id = cast.institutions["a_school"].pk
        school_name = cast.institutions["a_school"].name
        service, contract = catalogue(cast)
        service_id, contract_id = service.pk, contract.pk
    nine_years_ago = datetime.date.today().replace(year=datetime.date.today().year - 9)

    # The school reports a concern about a nine-year-old.
    sign_in(page, cast.school_staff.username, TEST_TOTP_KEY)
    page.goto("/cases/concerns/new/")
    page.fill("input[name=child_first_name]", "Elza")
    page.fill("input[name=child_last_name]", "Ozola")
    page.fill("input[name=child_birth_date]", nine_years_ago.strftime("%d.%m.%Y"))
    page.check("input[name=categories][value=neglect]")
    page.fill("textarea[name=description]", "Stāsta, ka vakaros paliek viena ar mazo brāli.")
    page.fill("input[name=observed_on]", day(-2))
    page.select_option("select[name=place]", "school")
    page.fill("input[name=observed_by]", "Klases audzinātāja")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(r"/cases/concerns/\d+/$"))
    concern_url = page.url
    expect(page.locator("main")).to_contain_text("Elza Ozola")

    # The social service triages: registers her and takes the concern up in a new case.
    social = as_user(browser, live_server, cast.social_worker.username)
    social.goto("/cases/concerns/?tab=triage")
    expect(social.locator("main table")).to_contain_text("Ozola")
    social.goto(concern_url)
    social.select_option(f"{form(social, '/register/')} select[name=sex]", "female")
    submit(social, "/register/")
    social.locator("main a[href^='/cases/'][href$='/']").filter(has_text="#").first.click()
    social.wait_for_load_state()
    expect(social).to_have_url(re.compile(r"/cases/\d+/$"))
    case_url = social.url

    # Her brother joins the case directly: registered into the family's household.
    sibling = form(social, "/children/register/")
    social.fill(f"{sibling} input[name=first_name]", "Kārlis")
    social.fill(f"{sibling} input[name=last_name]", "Ozols")
    social.fill(f"{sibling} input[name=birth_date]", day(-6 * 365))
    social.select_option(f"{sibling} select[name=sex]", "male")
    submit(social, "/children/register/")
    expect(social.locator("[data-testid=case-facts]")).to_contain_text("Kārlis Ozols")
    expect(social.locator("[data-testid=case-facts]")).to_contain_text("Elza Ozola")

    # A note for the case team only; a double click adds it once.
    note = form(social, "/notes/new/")
    social.fill(f"{note} textarea[name=text]", TEAM_NOTE)
    social.locator(f"{note} button[type=submit]").dblclick()
    social.wait_for_load_state()
    expect(social.locator("section[aria-labelledby=timeline-heading]")).to_contain_text(TEAM_NOTE)
    with outside_playwright_loop():
        assert TimelineEntry.objects.filter(kind=EntryKind.NOTE, text=TEAM_NOTE).count() == 1

    # Assessment and plan.
    social.goto(case_url + "assessments/new/")
    social.fill("input[name=assessed_on]", day(-1))
    for select in social.locator("main select[name^=rating_]").all():
        select.select_option("1")
    social.select_option("select[name=rating_childcare]", "2")
    social.select_option("select[name=overall_risk]", "medium")
    social.fill("textarea[name=summary]", "Bērni vakaros bez pieaugušo uzraudzības.")
    social.locator("main form button[type=submit]").click()
    social.wait_for_load_state()
    expect(social).to_have_url(case_url)
    social.goto(case_url + "plan/")
    social.fill("input[name=review_on]", day(90))
    social.fill("textarea[name=goal_childcare]", "Vakaros bērni ir pieaugušo uzraudzībā.")
    social.locator("main form:not([action]) button[type=submit]").click()
    social.wait_for_load_state()
    expect(social.locator("main")).to_contain_text("Vakaros bērni ir pieaugušo uzraudzībā.")

    # A referral to the provider, for childcare and budget planning.
    social.goto(case_url + "referrals/new/")
    social.select_option("select[name=service]", str(service_id))
    social.select_option("select[name=contract]", str(contract_id))
    social.fill("input[name=planned_from]", day(0))
    social.check("input[name=areas][value=childcare]")
    social.check("input[name=areas][value=budget]")
    social.fill("textarea[name=shared_note]", "Mamma strādā vakaros; divi bērni.")
    social.locator("main form button[type=submit]").click()
    social.wait_for_load_state()
    expect(social).to_have_url(re.compile(r"/cases/referrals/\d+/$"))
    referral_url = social.url
    expect(social.locator("[data-testid=referral-areas]")).to_have_text(
        "Budžeta plānošana, Bērnu aprūpe un audzināšana"
    )

    # The school is asked to tell when the girl is not collected after school.
    social.goto(case_url)
    task = form(social, "/tasks/new/")
    social.fill(f"{task} input[name=title]", "Ziņot, ja Elzu neviens nesagaida")
    pick(social, "institution", school_name, school_id, scope=task)
    social.fill(f"{task} input[name=working_days]", "5")
    submit(social, "/tasks/new/")

    # The school sees the children and its task; not the team's note nor the assessment.
    page.goto(case_url)
    main = page.locator("main")
    expect(main).to_contain_text("Elza Ozola")
    expect(main).to_contain_text("Ziņot, ja Elzu neviens nesagaida")
    expect(main).not_to_contain_text(TEAM_NOTE)
    expect(main).not_to_contain_text("Bērni vakaros bez pieaugušo uzraudzības.")
    expect(page.locator("section[aria-labelledby=assessments-heading]")).to_have_count(0)
    expect(page.locator("[data-testid=add-sibling]")).to_have_count(0)
    expect(page.locator("[data-testid=closure]")).to_have_count(0)

    # The provider sees the referral with its areas in words, not the concerns; a session.
    provider = as_user(browser, live_server, cast.provider_staff.username)
    provider.goto(referral_url)
    expect(provider.locator("main")).to_contain_text("Mamma strādā vakaros")
    expect(provider.locator("[data-testid=referral-areas]")).to_have_text(
        "Budžeta plānošana, Bērnu aprūpe un audzināšana"
    )
    expect(provider.locator("main")).not_to_contain_text("vakaros paliek viena")
    assert provider.goto(concern_url).status == 404
    provider.goto(referral_url)
    submit(provider, "/accept/")
    submit(provider, "/start/")
    session = form(provider, "/sessions/new/")
    provider.fill(f"{session} input[name=held_on]", day(0))
    provider.fill(f"{session} input[name=hours]", "2")
    provider.check(f"{session} input[name=areas][value=budget]")
    provider.fill(f"{session} textarea[name=note]", "Sastādījām ģimenes budžetu.")
    submit(provider, "/sessions/new/")
    expect(provider.locator("section[aria-labelledby=sessions-heading]")).to_contain_text(
        "Budžeta plānošana"
    )

    # Closure: every blocker at the top of the page at once, each with a link.
    social.goto(case_url)
    blockers = social.locator("[data-testid=closure-blockers] li")
    expect(blockers).to_have_count(2)
    expect(social.locator("[data-testid=closure-blockers]")).to_contain_text(
        "Ziņot, ja Elzu neviens nesagaida"
    )
    expect(
        social.locator(
            f"[data-testid=closure-blockers] a[href='{referral_url[len(live_server.url) :]}']"
        )
    ).to_have_count(1)
    social.select_option(f"{form(social, '/close/')} select[name=outcome]", "stayed_in_family")
    submit(social, "/close/")
    expect(social.locator("main .error-summary, main .messages")).to_contain_text(
        "Ziņot, ja Elzu neviens nesagaida"
    )

    # The blockers are dealt with: the school reports its task done, the provider completes.
    page.goto(case_url)
    done = form(page, "/done/")
    page.fill(f"{done} input[name=result]", "Sagaida vecmāmiņa.")
    submit(page, "/done/")
    provider.goto(referral_url)
    provider.select_option("select[name=outcome_rating]", "achieved")
    provider.fill(f"{form(provider, '/complete/')} textarea[name=outcome]", "Budžets sastādīts.")
    submit(provider, "/complete/")

    social.goto(case_url)
    expect(social.locator("[data-testid=closure-blockers]")).to_have_count(0)
    social.select_option(f"{form(social, '/close/')} select[name=outcome]", "stayed_in_family")
    submit(social, "/close/")
    expect(social.locator("[data-testid=case-facts]")).to_contain_text("Slēgt")
    expect(social.locator("[data-testid=case-facts]")).to_contain_text("Kārlis Ozols")
