"""A child from another municipality in danger at night (issue 15, points 1, 3 and 10), in
Latvian: the municipal police of A (Valmiera) report a girl who lives in B (Smiltene), without
her personal code; the alert reaches A's social worker and B's (home page and header badge);
A's social worker claims the cost from the concern, without a code; B disputes, A answers with a
new amount and the invoice, B accepts. At each step: what each role sees, and what it does not
(B sees only what A entered, never a record of A's; the school sees nothing of it; the invoice
is served to the two municipalities only)."""

from __future__ import annotations

import datetime
import re

from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from sargs.organisations.testing import TEST_TOTP_KEY, Cast

from .conftest import BROWSER_TEST, outside_playwright_loop, sign_in

pytestmark = BROWSER_TEST

PDF = b"%PDF-1.4\n% invoice of the crisis centre (test)\n%%EOF\n"
CHILD = "Līva Zariņa"


def day(offset: int = 0) -> str:
    return (datetime.date.today() + datetime.timedelta(days=offset)).strftime("%d.%m.%Y")


def as_user(browser: Browser, live_server: LiveServer, username: str) -> Page:
    context = browser.new_context(base_url=live_server.url, locale="lv-LV")
    context.set_default_timeout(15_000)
    page = context.new_page()
    sign_in(page, username, TEST_TOTP_KEY)
    return page


def submit(page: Page, action: str) -> None:
    page.locator(f"main form[action$='{action}'] button[type=submit]").first.click()
    page.wait_for_load_state()


def status_of(page: Page, url: str) -> int:
    """What the server answers this user for ``url`` (the browser's cookies, no navigation)."""
    return page.request.get(url, max_redirects=0).status


def test_danger_in_another_municipality_alert_claim_dispute_answer_accept(
    page: Page, browser: Browser, live_server: LiveServer, cast: Cast, settings, tmp_path
):
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    with outside_playwright_loop():
        smiltene_id = cast.municipality_b.pk

    # 1. The municipal police find the girl at night; she says she lives in Smiltene.
    police = page
    sign_in(police, cast.police_officer.username, TEST_TOTP_KEY)
    police.goto("/cases/concerns/new/")
    police.fill("input[name=child_first_name]", "Līva")
    police.fill("input[name=child_last_name]", "Zariņa")
    police.check("input[name=categories][value=abandonment]")
    police.fill("textarea[name=description]", "Atrasta naktī autoostā bez pajumtes.")
    police.fill("input[name=observed_on]", day())
    police.select_option("select[name=place]", "public")
    police.fill("input[name=observed_by]", "Patruļa")
    police.select_option("select[name=residence_municipality]", str(smiltene_id))
    police.fill("input[name=residence_address]", "Dārza iela 5, Smiltene")
    police.check("input[name=danger_to_life]")
    police.locator("main form button[type=submit]").click()
    police.wait_for_load_state()
    expect(police).to_have_url(re.compile(r"/cases/concerns/\d+/$"))
    concern_url = police.url
    expect(police.locator("main")).to_contain_text("Smiltenes novads")
    expect(police.locator("main")).to_contain_text("Dārza iela 5, Smiltene")
    # The police report; claiming the cost is the social service's.
    expect(police.locator(f"main a[href='{concern_url}claim/']")).to_have_count(0)
    assert status_of(police, concern_url + "claim/") == 403

    # 2. The alert: on Valmiera's social worker's home, and on Smiltene's with the badge.
    valmiera = as_user(browser, live_server, cast.social_worker.username)
    expect(valmiera.locator("section[aria-labelledby=panel-alerts]")).to_contain_text(CHILD)
    smiltene = as_user(browser, live_server, cast.b_social_worker.username)
    expect(smiltene.locator("section[aria-labelledby=panel-alerts]")).to_contain_text(CHILD)
    badge = smiltene.get_by_test_id("danger-badge")
    expect(badge).to_have_text("1 brīdinājums par apdraudējumu")
    # The school was not told: no alert, no badge, and the concern is not found.
    school = as_user(browser, live_server, cast.school_staff.username)
    expect(school.locator("main")).not_to_contain_text(CHILD)
    expect(school.get_by_test_id("danger-badge")).to_have_count(0)
    assert status_of(school, concern_url) == 404

    # Smiltene opens the concern from its alert and acknowledges it: the badge goes.
    smiltene.goto(concern_url)
    expect(smiltene.locator("main")).to_contain_text("Dārza iela 5, Smiltene")
    smiltene.get_by_role("button", name=re.compile("Apstiprināt brīdinājumu")).click()
    smiltene.wait_for_load_state()
    expect(smiltene.get_by_test_id("danger-badge")).to_have_count(0)
    # Smiltene helped nobody here: it has nothing to claim from this concern.
    expect(smiltene.locator(f"main a[href='{concern_url}claim/']")).to_have_count(0)

    # 3. Valmiera's social worker claims the night in the crisis centre, without a code.
    valmiera.goto(concern_url)
    valmiera.get_by_role("link", name="Pieprasīt izdevumus no atbildīgās pašvaldības").click()
    valmiera.wait_for_load_state()
    expect(valmiera.locator("input[name=child_first_name]")).to_have_value("Līva")
    expect(valmiera.locator("input[name=personal_code]")).to_have_value("")
    expect(valmiera.locator("select[name=residence_municipality]")).to_have_value(str(smiltene_id))
    valmiera.fill("textarea[name=description]", "Krīzes centrs: nakts un diena, ēdināšana.")
    valmiera.fill("input[name=amount]", "148.00")
    valmiera.locator("main form button[type=submit]").click()
    valmiera.wait_for_load_state()
    expect(valmiera).to_have_url(re.compile(r"/responsibility/claims/\d+/$"))
    claim_url = valmiera.url
    invoice_url = claim_url + "invoice/"
    expect(valmiera.locator("main")).to_contain_text(
        "Iesniegts: gaida maksātājas pašvaldības lēmumu"
    )
    expect(valmiera.locator("main dl.facts").last).to_contain_text("Smiltenes novads")
    expect(valmiera.locator("main")).to_contain_text("vēl nav norādīts")  # no personal code
    # Valmiera does not decide its own claim.
    expect(valmiera.locator("main form[action$='/accept/']")).to_have_count(0)

    # 4. Smiltene sees the claim as Valmiera entered it, and disputes it.
    smiltene.goto("/responsibility/claims/?tab=incoming")
    row = smiltene.locator("main tbody tr").filter(has_text="Valmieras novads")
    expect(row).to_contain_text("148,00")
    row.locator("a").first.click()
    smiltene.wait_for_load_state()
    expect(smiltene).to_have_url(claim_url)
    main = smiltene.locator("main")
    expect(main).to_contain_text("Kā to ievadīja pieprasītāja pašvaldība.")
    expect(main).to_contain_text("148,00")
    expect(main.locator("a[href^='/registry/']")).to_have_count(0)  # no record behind it
    expect(main.locator("form[action$='/answer/']")).to_have_count(0)
    expect(main.locator("form[action$='/withdraw/']")).to_have_count(0)
    smiltene.fill("main form[action$='/dispute/'] textarea[name=reason]", "Lūdzam rēķinu.")
    submit(smiltene, "/dispute/")
    expect(main).to_contain_text("Apstrīdēts: gaida pieprasītāja atbildi")
    expect(main).not_to_contain_text("Lēmums pieņemts")  # a dispute is not a decision

    # 5. Valmiera answers: a smaller amount and the invoice.
    valmiera.goto(claim_url)
    expect(valmiera.locator("main")).to_contain_text("Lūdzam rēķinu.")
    answer = "main form[action$='/answer/']"
    valmiera.fill(f"{answer} textarea[name=answer]", "Transports pārrēķināts; rēķins pievienots.")
    valmiera.fill(f"{answer} input[name=amount]", "132.60")
    valmiera.set_input_files(
        f"{answer} input[name=invoice]",
        files=[{"name": "rekins.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    submit(valmiera, "/answer/")
    expect(valmiera.locator("main")).to_contain_text(
        "Iesniegts: gaida maksātājas pašvaldības lēmumu"
    )
    expect(valmiera.locator("main")).to_contain_text("132,60")

    # The invoice: the two municipalities download it; nobody else.
    valmiera_pdf = valmiera.request.get(invoice_url)
    assert valmiera_pdf.status == 200 and valmiera_pdf.body() == PDF
    assert status_of(school, invoice_url) == 403
    assert status_of(police, invoice_url) == 403
    assert status_of(school, claim_url) == 403
    smiltene.goto(claim_url)
    with smiltene.expect_download() as download:
        smiltene.get_by_role("link", name="Lejupielādēt rēķinu (PDF)").click()
    assert download.value.path().read_bytes() == PDF

    # 6. Smiltene accepts; both see the decision and the whole history.
    expect(main).to_contain_text("Transports pārrēķināts; rēķins pievienots.")
    submit(smiltene, "/accept/")
    expect(main).to_contain_text("Pieņemts: maksā maksātāja pašvaldība")
    expect(main).to_contain_text("Lēmums pieņemts")
    expect(main.locator("form[action$='/dispute/']")).to_have_count(0)
    valmiera.goto(claim_url)
    history = valmiera.locator("section[aria-labelledby=history-heading] tbody tr")
    expect(history).to_have_count(4)  # submitted, disputed, answered, accepted
    expect(history.nth(2)).to_contain_text("132,60")
    expect(valmiera.locator("main form[action$='/withdraw/']")).to_have_count(0)
