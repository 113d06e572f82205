"""Issue 16 point 11: one family's way through the orphan's court, in Latvian, in the order the
law sets: a preventive talk, a matter, a warning with a term to remedy, the term passes, custody
suspended on a Civil Law 203(1) ground, the child placed with a crisis foster family of the
court's register, the one-year review falls due, and custody restored through a matter. After
each step the test checks the registry (the custody records on the child's page), the indicators
F1/F2/F3 (``sargs.assessment.computed.compute``; figures written by hand) and the tasks of the
court and of the social service.

Backdated, not clock-moved: the court member's steps go through the pages, which date them
today. For "the term passes" and "one year later" the matter is then moved into the past in the
database, as the days would move it: opened 430 days ago, warned 425 days ago, the term to
remedy ending 410 days ago (with the two term-end tasks due that day). The suspension is entered
on the page with its own decision date, 400 days ago (so in an earlier year for F1), which
puts its one-year review task a month overdue today. The talk is entered with its own date,
440 days ago. The placement and the restoration are today's.
"""

from __future__ import annotations

import datetime

from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from sargs.assessment.computed import compute
from sargs.cases.casework.models import Task
from sargs.cases.court.models import Placement, Proceeding
from sargs.cases.court.testing import make_foster_family
from sargs.cases.tests.helpers import open_case
from sargs.organisations.testing import TEST_TOTP_KEY, Cast
from sargs.registry.models import CustodyRecord
from sargs.registry.testing import make_parent

from .conftest import BROWSER_TEST, outside_playwright_loop, sign_in
from .test_case_flow import as_user, open_form

pytestmark = BROWSER_TEST

TODAY = datetime.date.today()


def ago(days: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=days)


def lv(day: datetime.date) -> str:
    return day.strftime("%d.%m.%Y")


def figures(cast: Cast, year: int, code: str) -> dict[str, int]:
    with outside_playwright_loop():
        values = compute(cast.municipality_a, year)
    return {cell: int(v) for (c, cell), v in values.items() if c == code and int(v)}


def tasks(case_id: int) -> list[tuple[str, str, datetime.date, str]]:
    """(institution type, title, due, status) of the case's tasks, oldest first."""
    with outside_playwright_loop():
        return [
            (t.institution.type, t.title, t.due_on, t.status)
            for t in Task.objects.filter(case_id=case_id)
            .select_related("institution")
            .order_by("pk")
        ]


def custody(mother_id: int) -> list[tuple[str, datetime.date, str]]:
    with outside_playwright_loop():
        return list(
            CustodyRecord.objects.filter(relation_id=mother_id)
            .order_by("effective_from", "pk")
            .values_list("status", "effective_from", "source")
        )


def main_text(page: Page) -> str:
    return page.locator("main").inner_text()


def test_custody_through_the_orphans_court_in_the_law_s_order(
    page: Page, browser: Browser, live_server: LiveServer, cast: Cast
):
    with outside_playwright_loop():
        _concern, case, child = open_case(cast, danger=True)
        mother = make_parent(child, "mother", first_name="Ilze", lives_with_child=True)
        court = cast.institutions["a_court"]
        family = make_foster_family(court, name="Bērziņu krīzes ģimene", kind="crisis", places=2)
        case_id, child_id, mother_id, family_id = case.pk, child.pk, mother.pk, family.pk
    # The suspension's year (400 days back: always an earlier year than today's).
    last_year, this_year = ago(400).year, TODAY.year
    sign_in(page, cast.orphans_court_member.username, TEST_TOTP_KEY)

    # 1. Preventive talk, entered with its own (past) date.
    page.goto(f"/cases/{case_id}/talks/new/")
    page.fill("input[name=held_on]", lv(ago(440)))
    page.fill("textarea[name=participants]", "Māte, bāriņtiesas loceklis")
    page.fill("textarea[name=discussed]", "Bērns naktīs paliek viens.")
    page.fill("textarea[name=next_steps]", "Māte nodrošinās uzraudzību.")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator("main")).to_contain_text("Māte nodrošinās uzraudzību.")
    assert custody(mother_id) == []
    assert figures(cast, last_year, "F1") == {} and figures(cast, this_year, "F3") == {}

    # 2. The court opens a matter: the social service is informed and gets a task (BTL 17(5)).
    before = len(tasks(case_id))
    page.goto(f"/cases/{case_id}/proceedings/new/")
    page.select_option("select[name=kind]", "suspend_custody")
    page.fill("textarea[name=grounds]", "Bērns atstāts bez uzraudzības.")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/cases/proceedings/*/")
    matter_id = int(page.url.rstrip("/").rsplit("/", 1)[1])
    opened = tasks(case_id)[before:]
    assert [(kind, status) for kind, _t, _d, status in opened] == [("social_service", "open")]

    # 3. Warning with a term to remedy: the court and the social service get a term-end task.
    with outside_playwright_loop():
        term = Proceeding.objects.get(pk=matter_id).decision_due
    open_form(page, "/remedy/")
    page.fill("main form[action$='/remedy/'] input[name=remedy_until]", lv(term))
    page.locator("main form[action$='/remedy/'] button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator("main")).to_contain_text(lv(term))
    term_tasks = [t for t in tasks(case_id)[before + 1 :] if t[2] == term]
    assert sorted(kind for kind, *_rest in term_tasks) == ["orphans_court", "social_service"]
    assert all(status == "open" for *_rest, status in term_tasks)
    assert custody(mother_id) == []

    # Suspending now, with the term running and no urgent reason, is refused on the page.
    open_form(page, "/decide/")
    decide = page.locator("main form[action$='/decide/']")
    decide.locator("input[name=decided_on]").fill(lv(TODAY))
    decide.locator("textarea[name=decision]").fill("Pārtraukt aizgādības tiesības.")
    decide.locator("select[name=custody_outcome]").select_option("suspended")
    decide.locator("select[name=relation]").select_option(str(mother_id))
    decide.locator("select[name=grounds]").select_option("3")
    decide.locator("input[name=decision_number]").fill("BT-16/1")
    decide.locator("button[type=submit]").click()
    page.wait_for_load_state()
    refusal = page.locator("main form[action$='/decide/'] #id_custody_outcome_error")
    expect(refusal).to_contain_text(lv(term))  # "the term to remedy runs until <term>"
    expect(page.locator("main")).not_to_contain_text("Lēmums ir reģistrēts.")
    assert custody(mother_id) == []

    # 4. The term passes (backdated, see the docstring).
    with outside_playwright_loop():
        Proceeding.objects.filter(pk=matter_id).update(
            opened_on=ago(430), warned_on=ago(425), remedy_until=ago(410), decision_due=ago(400)
        )
        Task.objects.filter(case_id=case_id, due_on=term).update(due_on=ago(410))
    overdue = [t for t in tasks(case_id) if t[2] == ago(410) and t[3] == "open"]
    assert len(overdue) == 2  # both term-end assessments are now due
    social = as_user(browser, live_server, cast.social_worker.username)
    for worker in (page, social):  # each institution sees its own assessment task overdue
        worker.goto("/cases/worklist/overdue/")
        expect(worker.locator("main")).to_contain_text(lv(ago(410)))
    social.context.close()

    # 5. Suspension on the 203(1)3 ground, dated 400 days ago, through the page.
    page.goto(f"/cases/proceedings/{matter_id}/")
    open_form(page, "/decide/")
    decide = page.locator("main form[action$='/decide/']")
    decide.locator("input[name=decided_on]").fill(lv(ago(400)))
    decide.locator("textarea[name=decision]").fill("Pārtraukt aizgādības tiesības.")
    decide.locator("select[name=custody_outcome]").select_option("suspended")
    decide.locator("select[name=relation]").select_option(str(mother_id))
    decide.locator("select[name=grounds]").select_option("3")
    decide.locator("input[name=decision_number]").fill("BT-16/1")
    decide.locator("button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator("main")).to_contain_text("Lēmums ir reģistrēts.")
    assert custody(mother_id) == [("suspended", ago(400), "matter")]
    page.goto(f"/registry/children/{child_id}/")
    expect(page.locator("main")).to_contain_text("Pārtrauktas ar bāriņtiesas lēmumu")
    expect(page.locator("main")).to_contain_text(lv(ago(400)))
    # Written by hand: one parent suspended, in the decision's year; nothing this year.
    assert figures(cast, last_year, "F1") == {"suspended": 1}
    assert figures(cast, this_year, "F1") == {}
    assert figures(cast, last_year, "F2") == {}
    with outside_playwright_loop():
        review = Task.objects.get(case_id=case_id, deprivation_review__isnull=False)
        review_id, review_due, review_court = review.pk, review.due_on, review.institution.type
    assert review_court == "orphans_court" and review.status == "open"

    # 6. Placement with the crisis foster family of the register, through the page.
    page.goto(f"/cases/{case_id}/placements/new/")
    page.select_option("select[name=form]", "crisis_foster")
    page.select_option("select[name=foster_family]", str(family_id))
    page.fill("textarea[name=child_opinion]", "Piekrīt dzīvot audžuģimenē.")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/cases/{case_id}/")
    with outside_playwright_loop():
        placement = Placement.objects.get(child_id=child_id)
        mother.refresh_from_db()
    assert (placement.foster_family_id, placement.placed_on) == (family_id, TODAY)
    assert mother.lives_with_child is False
    # Written by hand: one child in a foster family (crisis counts as foster) at the year's end.
    f3 = figures(cast, this_year, "F3")
    assert f3["children|form=foster_family"] == 1 and "children|form=institution" not in f3
    assert figures(cast, last_year, "F3") == {}
    page.goto("/cases/foster-families/")
    expect(page.locator("main")).to_contain_text("Bērziņu krīzes ģimene")

    # 7. One year later: the review task is due (a year after the suspension), still open, and
    # the court member's home page lists it.
    assert ago(400) + datetime.timedelta(days=360) < review_due < TODAY
    assert next(t for t in tasks(case_id) if t[2] == review_due)[3] == "open"
    page.goto("/")
    expect(page.locator("main")).to_contain_text(f"izlemt līdz {lv(review_due)}")

    # 8. Restoration through a matter, dated today, through the pages.
    page.goto(f"/cases/{case_id}/proceedings/new/")
    page.select_option("select[name=kind]", "restore_custody")
    page.fill("textarea[name=grounds]", "Apstākļi novērsti; māte nodrošina uzraudzību.")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/cases/proceedings/*/")
    restoration_id = int(page.url.rstrip("/").rsplit("/", 1)[1])
    assert restoration_id != matter_id
    open_form(page, "/decide/")
    decide = page.locator("main form[action$='/decide/']")
    decide.locator("input[name=decided_on]").fill(lv(TODAY))
    decide.locator("textarea[name=decision]").fill("Atjaunot aizgādības tiesības.")
    decide.locator("select[name=custody_outcome]").select_option("restored")
    decide.locator("select[name=relation]").select_option(str(mother_id))
    decide.locator("input[name=decision_number]").fill("BT-16/2")
    decide.locator("button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator("main")).to_contain_text("Lēmums ir reģistrēts.")
    assert custody(mother_id) == [
        ("suspended", ago(400), "matter"),
        ("restored", TODAY, "matter"),
    ]
    page.goto(f"/registry/children/{child_id}/")
    expect(page.locator("main")).to_contain_text("Atjaunotas ar bāriņtiesas lēmumu")
    with outside_playwright_loop():
        restoration = Proceeding.objects.get(pk=restoration_id)
        review_status = Task.objects.get(pk=review_id).status
    assert restoration.status == "decided" and restoration.decided_on == TODAY
    assert review_status == "done"  # the restoration closed the one-year review
    page.goto("/")
    expect(page.locator("main")).not_to_contain_text(f"izlemt līdz {lv(review_due)}")
    # Written by hand: the suspension stays in last year's F1, the restoration is this year's F2;
    # the child is still placed (a restoration does not end the placement by itself).
    assert figures(cast, last_year, "F1") == {"suspended": 1}
    assert figures(cast, this_year, "F1") == {}
    assert figures(cast, this_year, "F2") == {"restored": 1}
    assert figures(cast, this_year, "F3")["children|form=foster_family"] == 1
