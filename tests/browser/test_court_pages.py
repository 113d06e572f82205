"""The orphan's court records a preventive talk and a court judgment through the pages; both
pages pass the accessibility checks and the judgment reaches the registry."""

from __future__ import annotations

import datetime

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from sargs.cases.court import services as ps
from sargs.cases.tests.helpers import open_case
from sargs.organisations.testing import TEST_TOTP_KEY, Cast
from sargs.registry.models import CustodyRecord
from sargs.registry.testing import make_parent

from .conftest import BROWSER_TEST, outside_playwright_loop, sign_in
from .test_accessibility import assert_accessible

pytestmark = BROWSER_TEST


def test_the_court_records_a_talk_and_a_judgment(page: Page, cast: Cast):
    today = datetime.date.today()
    with outside_playwright_loop():
        _concern, case, child = open_case(cast, danger=True)
        mother = make_parent(child, "mother", first_name="Ilze")
        suspension = ps.proceeding_open(
            case=case,
            actor=cast.orphans_court_member,
            court=cast.institutions["a_court"],
            kind="suspend_custody",
            grounds="Vardarbība.",
            opened_on=today - datetime.timedelta(days=40),
        )
        ps.proceeding_decide(
            proceeding=suspension,
            actor=cast.orphans_court_member,
            decision="Pārtrauktas.",
            decided_on=today - datetime.timedelta(days=40),
            custody_outcome="suspended",
            relation=mother,
            grounds="5",
            decision_number="BT-1",
            urgent_reason="immediate_danger",
            urgent_note="Bērns atrasts bez uzraudzības naktī.",
        )
        application = ps.proceeding_open(
            case=case,
            actor=cast.orphans_court_member,
            court=cast.institutions["a_court"],
            kind="deprivation_suit",
            grounds="Apstākļi nav novērsti.",
        )
        case_id, application_id, mother_id = case.pk, application.pk, mother.pk

    sign_in(page, cast.orphans_court_member.username, TEST_TOTP_KEY)
    axe = Axe()
    page.goto(f"/cases/{case_id}/talks/new/")
    assert_accessible(axe, page)
    page.fill("input[name=held_on]", today.strftime("%d.%m.%Y"))
    page.fill("textarea[name=participants]", "Māte, bāriņtiesas loceklis")
    page.fill("textarea[name=discussed]", "Bērna drošība mājās.")
    page.fill("textarea[name=next_steps]", "Māte apmeklēs psihologu.")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator("main")).to_contain_text("Māte apmeklēs psihologu.")
    assert_accessible(axe, page)

    page.goto(f"/cases/proceedings/{application_id}/")
    page.locator("main details:has(form[action$='/judgment/']) > summary").click()
    form = page.locator("main form[action$='/judgment/']")
    form.locator("select[name=kind]").select_option("deprived")
    form.locator("select[name=relation]").select_option(str(mother_id))
    form.locator("input[name=court_name]").fill("Vidzemes rajona tiesa")
    form.locator("input[name=judgment_number]").fill("C-77/2026")
    form.locator("input[name=judged_on]").fill(today.strftime("%d.%m.%Y"))
    assert_accessible(axe, page)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator("main")).to_contain_text("C-77/2026")
    assert_accessible(axe, page)
    with outside_playwright_loop():
        statuses = list(
            CustodyRecord.objects.filter(relation_id=mother_id).values_list("status", flat=True)
        )
    assert statuses == ["suspended", "deprived"]
