"""System texts on a case are stored as codes with parameters and read in the reader's
language; texts written before the codes are read back into them; notes stay as typed."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from sargs.cases.casework import services as case_services
from sargs.cases.casework.messages import message, message_from_text
from sargs.cases.casework.models import EntryKind, Task
from sargs.cases.tests.helpers import open_case, school_task, today

pytestmark = pytest.mark.django_db


def test_the_closure_written_in_latvian_reads_in_english(cast):
    _concern, case, _child = open_case(cast)
    with translation.override("lv"):
        case_services.case_close(case=case, actor=cast.social_worker, outcome="stayed_in_family")
    entry = case.timeline.get(kind=EntryKind.CLOSURE)
    assert (entry.message, entry.params) == ("case_closed", {"outcome": "stayed_in_family"})
    with translation.override("en"):
        assert entry.body == "The case was closed: The child stayed in the family."
    with translation.override("lv"):
        assert entry.body == "Gadījums ir slēgts. Iznākums: Bērns palika ģimenē."


def test_a_task_entry_names_its_date_and_reads_in_either_language(cast):
    _concern, case, _child = open_case(cast)
    due = today() + datetime.timedelta(days=2)
    with translation.override("lv"):
        school_task(cast, case, due_on=due)
    entry = case.timeline.filter(kind=EntryKind.TASK).get()
    assert entry.params["date"] == {"date": due.isoformat()}
    with translation.override("en"):
        assert entry.body == (
            f"Task for {cast.institutions['a_school'].name} until {due:%d.%m.%Y}: "
            "Sekot apmeklējumam"
        )


def test_a_system_tasks_title_is_read_in_the_readers_language(cast):
    _concern, case, _child = open_case(cast)
    with translation.override("lv"):
        task = school_task(cast, case, title=message("custody_review"))
    task = Task.objects.get(pk=task.pk)
    with translation.override("en"):
        assert task.name.startswith("One year since custody was suspended")
        done = case_services.task_complete(
            task=task, actor=cast.school_staff, result="Nav vajadzīgs"
        )
        entry = case.timeline.filter(kind=EntryKind.TASK).first()
        assert entry is not None
        assert entry.body.startswith("Task done: One year since custody was suspended")
    with translation.override("lv"):
        assert done.name.startswith("Gads kopš")


def test_a_note_stays_as_typed(cast):
    _concern, case, _child = open_case(cast)
    entry = case_services.note_add(case=case, actor=cast.social_worker, text="Mamma zvanīja.")
    assert entry.message == ""
    with translation.override("en"):
        assert entry.body == "Mamma zvanīja."


def test_old_texts_in_either_language_are_read_back_into_codes():
    found = message_from_text("Gadījums ir slēgts. Iznākums: Bērns palika ģimenē.")
    assert found is not None and (found.code, found.params) == (
        "case_closed",
        {"outcome": "stayed_in_family"},
    )
    found = message_from_text("Rehabilitation plan version 2; review on 04.05.2026.")
    assert found is not None
    assert (found.code, found.params) == ("plan_saved", {"n": "2", "date": {"date": "2026-05-04"}})
    assert message_from_text("Mamma zvanīja.") is None


def test_a_session_names_its_areas_and_note_in_the_readers_language():
    from decimal import Decimal

    session = message(
        "referral_session_areas",
        service="Ģimenes asistents",
        date=datetime.date(2026, 5, 4),
        hours=Decimal("2.50"),
        areas=["budget", "childcare"],
    )
    stored = message("with_note", text=session, note="Mamma bija mājās.")
    with translation.override("en"):
        assert str(stored) == (
            "Ģimenes asistents, 04.05.2026: 2.5 h (Budget planning, Childcare and upbringing). "
            "Mamma bija mājās."
        )
