"""A cooperation group from set-up to a task in a school's worklist: the coordinator creates the
group, is refused activation until the mandatory members are in, calls an urgent meeting on a
family's case, records the attendance and the decision, and the school finds its task."""

from __future__ import annotations

import datetime
import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from sargs.cases.tests.helpers import open_case
from sargs.organisations.testing import TEST_TOTP_KEY, Cast

from .conftest import BROWSER_TEST, outside_playwright_loop, pick, sign_in
from .test_accessibility import assert_accessible
from .test_case_flow import as_user, open_form, submit

pytestmark = BROWSER_TEST


def test_a_group_holds_a_meeting_and_the_school_gets_the_task(
    page: Page, browser: Browser, live_server: LiveServer, cast: Cast
):
    with outside_playwright_loop():
        _concern, case, _child = open_case(cast)
        case_id = case.pk
        inst = {
            k: cast.institutions[k].pk
            for k in ("a_police", "a_social", "a_eduboard", "a_court", "a_school")
        }
        people = {
            "a_police": cast.police_officer.pk,
            "a_social": cast.social_worker.pk,
            "a_eduboard": cast.education_specialist.pk,
            "a_court": cast.orphans_court_member.pk,
        }
        leader, secretary = cast.social_worker.pk, cast.coordinator.pk
        names = {i.pk: i.name for i in cast.institutions.values()}
        person = {u.pk: u.get_full_name() for u in cast.users.values()}

    axe = Axe()
    sign_in(page, cast.coordinator.username, TEST_TOTP_KEY)
    page.goto("/cooperation/new/")
    page.fill("input[name=name]", "Valmieras novada sadarbības grupa")
    page.fill("textarea[name=territory]", "Valmieras novads")
    pick(page, "leader", person[leader], leader)
    pick(page, "secretary", person[secretary], secretary)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(r"/cooperation/\d+/$"))
    group_url = page.url
    assert_accessible(axe, page)

    # Without the mandatory members the group is refused activation, and the page says why.
    expect(page.locator("#missing-members li")).to_have_count(4)
    submit(page, "/activate/")
    expect(page.locator(".message.error")).to_be_visible()
    expect(page.locator("#missing-members")).to_be_visible()

    for key in ("a_police", "a_social", "a_eduboard", "a_court"):
        form = "main form[action$='/members/new/']"
        pick(page, "institution", names[inst[key]], inst[key], scope=form)
        pick(page, "person", person[people[key]], people[key], scope=form)
        submit(page, "/members/new/")
    expect(page.locator("#missing-members")).to_have_count(0)
    submit(page, "/activate/")
    expect(page.locator(".message.error")).to_have_count(0)

    # An urgent meeting today on the family's case.
    page.goto(group_url + "meetings/new/")
    page.select_option("select[name=kind]", "urgent")
    page.fill("input[name=date]", datetime.date.today().strftime("%d.%m.%Y"))
    page.fill("input[name=time]", "10:00")
    page.fill("input[name=place]", "Domes mazā zāle")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(r"/cooperation/meetings/\d+/$"))
    meeting_url = page.url

    item_form = "main form[action$='/items/new/']"
    open_form(page, "/items/new/")
    page.select_option(f"{item_form} select[name=kind]", "case")
    page.select_option(f"{item_form} select[name=case]", str(case_id))
    submit(page, "/items/new/")
    open_form(page, "/attendance/")
    for box in page.locator("main form[action$='/attendance/'] input[type=checkbox]").all():
        box.check()
    submit(page, "/attendance/")
    expect(page.locator("#quorum")).to_contain_text("5")
    submit(page, "/confidentiality/")
    assert_accessible(axe, page)

    # The decision: the school gives the child a psychologist's sessions within two weeks.
    page.locator("section[aria-labelledby=agenda-heading] ol a").first.click()
    page.wait_for_load_state()
    expect(page.locator("#case-summary")).to_contain_text("Bērziņa")
    page.fill("textarea[name=text]", "Skola nodrošina psihologa konsultācijas.")
    page.fill("textarea[name=facts]", "Bērns kavē stundas, ģimenē konflikti.")
    page.fill("input[name=task_1_title]", "Psihologa konsultācijas")
    pick(page, "task_1_institution", names[inst["a_school"]], inst["a_school"])
    due = (datetime.date.today() + datetime.timedelta(days=14)).strftime("%d.%m.%Y")
    page.fill("input[name=task_1_due_on]", due)
    submit(page, "/decision/")
    expect(page).to_have_url(meeting_url)
    expect(page.locator("section[aria-labelledby=agenda-heading]")).to_contain_text(
        "Psihologa konsultācijas"
    )

    # The school finds the task in its worklist.
    school = as_user(browser, live_server, cast.school_staff.username)
    school.goto("/cases/worklist/institution/")
    row = school.locator("main table tbody tr").filter(has_text="Psihologa konsultācijas")
    expect(row).to_contain_text(due)
