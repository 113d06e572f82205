"""Issue 16: custody changes only through the orphan's court's matter, in the order the law sets
(warning and term to remedy, or a recorded urgent reason; support before deprivation), the
grounds as the law words them, and out-of-family care with registered carers."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import override_settings

from sargs.assessment.computed import compute
from sargs.cases.casework import services as case_services
from sargs.cases.casework.models import Task
from sargs.cases.court import services as ps
from sargs.cases.court.models import FosterFamily, Proceeding
from sargs.cases.court.register import foster_family_set_status
from sargs.cases.court.selectors import unsupported_problems
from sargs.cases.court.testing import carer_for, make_foster_family
from sargs.cases.tests.helpers import open_case, today
from sargs.organisations.models import Institution
from sargs.organisations.principal import principal_for_user
from sargs.registry import services as registry_services
from sargs.registry.custody_grounds import LAW_TEXT, SuspensionGround, law_text
from sargs.registry.models import Child, ChildRepresentative, CustodyRecord
from sargs.registry.testing import make_parent

pytestmark = pytest.mark.django_db
D = datetime.date
URGENT = {"urgent_reason": "immediate_danger", "urgent_note": "Bērns cietis; bīstami mājās."}


def _matter(cast, kind="suspend_custody", days_ago=20):
    _concern, case, child = open_case(cast, danger=True)
    mother = make_parent(child, "mother", first_name="Ilze", lives_with_child=True)
    matter = ps.proceeding_open(
        case=case,
        actor=cast.orphans_court_member,
        court=cast.institutions["a_court"],
        kind=kind,
        grounds="Bērns bez uzraudzības.",
        opened_on=today() - datetime.timedelta(days=days_ago),
    )
    return case, child, mother, matter


def _suspend(cast, matter, mother, **kwargs):
    values = {
        "proceeding": matter,
        "actor": cast.orphans_court_member,
        "decision": "Pārtraukt aizgādības tiesības.",
        "decided_on": today(),
        "custody_outcome": "suspended",
        "relation": mother,
        "grounds": SuspensionGround.ABUSE_OR_NO_CARE,
        "decision_number": "BT-16",
    }
    values.update(kwargs)
    return ps.proceeding_decide(**values)


# --- 1. One path for custody ------------------------------------------------------------------


def test_the_registry_form_takes_only_history_from_before_the_child_was_in_sargs(cast):
    _concern, _case, child = open_case(cast)
    mother = make_parent(child, "mother")
    kw = {"actor": cast.social_worker, "relation": mother, "decision_number": "BT-1"}
    with pytest.raises(ValidationError) as error:  # today: a decision Sargs must hold
        registry_services.custody_history_add(
            status="suspended", grounds="1", effective_from=today(), note="Papīra lieta.", **kw
        )
    assert "effective_from" in error.value.message_dict
    with pytest.raises(ValidationError) as error:  # history says where it comes from
        registry_services.custody_history_add(
            status="suspended", grounds="1", effective_from=D(2019, 5, 1), note=" ", **kw
        )
    assert "note" in error.value.message_dict
    record = registry_services.custody_history_add(
        status="suspended",
        grounds="1",
        effective_from=D(2019, 5, 1),
        note="Papīra lieta 5/19",
        **kw,
    )
    assert record.source == "historical"
    with pytest.raises(IntegrityError), transaction.atomic():  # the database holds it too
        CustodyRecord.objects.filter(pk=record.pk).update(note="")


def test_no_history_after_a_decision_through_the_matter(cast):
    _case, child, mother, matter = _matter(cast)
    _suspend(cast, matter, mother, **URGENT)
    assert CustodyRecord.objects.get(relation=mother).source == "matter"
    Child.objects.filter(pk=child.pk).update(created_at=datetime.datetime(2030, 1, 1, 12))
    mother = ChildRepresentative.objects.get(pk=mother.pk)
    with pytest.raises(ValidationError) as error:
        registry_services.custody_history_add(
            actor=cast.social_worker,
            relation=mother,
            status="restored",
            effective_from=today() + datetime.timedelta(days=1),
            decision_number="BT-2",
            note="Papīra lieta.",
        )
    assert "orphan's court's matter" in str(error.value)


def test_a_restoration_on_the_day_of_the_suspension_asks_for_the_decision_date(cast):
    case, _child, mother, matter = _matter(cast)
    _suspend(cast, matter, mother, **URGENT)
    restoration = ps.proceeding_open(
        case=case,
        actor=cast.orphans_court_member,
        court=cast.institutions["a_court"],
        kind="restore_custody",
        grounds="Apstākļi novērsti.",
    )
    with pytest.raises(ValidationError) as error, transaction.atomic():
        ps.proceeding_decide(
            proceeding=restoration,
            actor=cast.orphans_court_member,
            decision="Atjaunot.",
            decided_on=today(),
            custody_outcome="restored",
            relation=mother,
            decision_number="BT-17",
        )
    assert list(error.value.message_dict) == ["decided_on"]  # a field the form has


def test_a_restoration_closes_its_matter_and_the_review_and_writes_the_timeline(cast):
    case, _child, mother, matter = _matter(cast, days_ago=40)
    _suspend(cast, matter, mother, decided_on=today() - datetime.timedelta(days=30), **URGENT)
    review = Task.objects.get(case=case, deprivation_review__isnull=False)
    restoration = ps.proceeding_open(
        case=case,
        actor=cast.orphans_court_member,
        court=cast.institutions["a_court"],
        kind="restore_custody",
        grounds="Apstākļi novērsti.",
    )
    ps.proceeding_decide(
        proceeding=restoration,
        actor=cast.orphans_court_member,
        decision="Atjaunot.",
        decided_on=today(),
        custody_outcome="restored",
        relation=mother,
        decision_number="BT-18",
    )
    restoration.refresh_from_db()
    review.refresh_from_db()
    assert restoration.status == "decided" and review.status == "done"
    texts = list(case.timeline.values_list("text", flat=True))
    assert sum("decided on" in t and "Ilze" in t for t in texts) == 2  # each decision, dated


# --- 2. The order the law sets ------------------------------------------------------------------


def test_opening_a_matter_gives_the_social_service_a_task(cast):
    case, *_rest = _matter(cast, days_ago=0)
    task = Task.objects.get(case=case, institution=cast.institutions["a_social"])
    assert "matter" in task.title and task.due_on > today()


def test_suspension_needs_a_passed_term_or_an_urgent_reason(cast):
    case, _child, mother, matter = _matter(cast)
    with pytest.raises(ValidationError, match="set the term to remedy first"):
        _suspend(cast, matter, mother)
    with pytest.raises(ValidationError, match="must end by the term for the decision"):
        ps.proceeding_set_remedy_term(
            proceeding=matter,
            actor=cast.orphans_court_member,
            remedy_until=matter.decision_due + datetime.timedelta(days=1),
        )
    term = matter.decision_due
    ps.proceeding_set_remedy_term(
        proceeding=matter, actor=cast.orphans_court_member, remedy_until=term
    )
    ends = Task.objects.filter(case=case, due_on=term, title__contains="term to remedy ends")
    assert {t.institution_id for t in ends} == {
        cast.institutions["a_court"].pk,
        cast.institutions["a_social"].pk,
    }
    with pytest.raises(ValidationError, match="runs until"):
        _suspend(cast, matter, mother)
    # The term passes (moved into the past, as the days would).
    Proceeding.objects.filter(pk=matter.pk).update(
        remedy_until=today() - datetime.timedelta(days=1)
    )
    decided = _suspend(cast, matter, mother)
    assert decided.custody_outcome == "suspended" and decided.urgent_reason == ""


def test_an_urgent_reason_is_recorded_and_shown(cast, client_for):
    _case, _child, mother, matter = _matter(cast)
    with pytest.raises(ValidationError) as error:
        _suspend(cast, matter, mother, urgent_reason="immediate_danger", urgent_note=" ")
    assert "urgent_note" in error.value.message_dict
    with pytest.raises(ValidationError):  # the migration's marker is not an answer
        _suspend(cast, matter, mother, urgent_reason="not_recorded", urgent_note="x")
    _suspend(cast, matter, mother, urgent_reason="removal_btal27", urgent_note="Policija šķīra.")
    page = client_for(cast.social_worker).get(
        f"/cases/proceedings/{matter.pk}/", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert b"BTAL article 27" in page.content and "Policija šķīra." in page.content.decode()


def test_the_database_refuses_a_suspension_out_of_order(cast):
    _case, _child, _mother, matter = _matter(cast)
    with pytest.raises(IntegrityError), transaction.atomic():
        Proceeding.objects.filter(pk=matter.pk).update(
            status="decided",
            decided_on=today(),
            decision="x",
            custody_outcome="suspended",
            custody_grounds="1",
        )


def test_an_extension_needs_its_reason(cast):
    _case, _child, _mother, matter = _matter(cast)
    with pytest.raises(ValidationError) as error:
        ps.proceeding_extend(
            proceeding=matter,
            actor=cast.orphans_court_member,
            decision_due=matter.decision_due + datetime.timedelta(days=20),
            reason=" ",
        )
    assert "reason" in error.value.message_dict
    ps.proceeding_extend(
        proceeding=matter,
        actor=cast.orphans_court_member,
        decision_due=matter.decision_due + datetime.timedelta(days=20),
        reason="Termiņš trūkumu novēršanai.",
    )
    matter.refresh_from_db()
    assert matter.extension_reason == "Termiņš trūkumu novēršanai."


# --- 3. Deprivation only after support ----------------------------------------------------------


def test_deprivation_needs_the_support_record_attached(cast):
    _case, _child, mother, matter = _matter(cast, kind="deprivation_suit")
    decide = {
        "proceeding": matter,
        "actor": cast.orphans_court_member,
        "decision": "Celt prasību.",
        "decided_on": today(),
        "custody_outcome": "apply_deprivation",
        "relation": mother,
    }
    with pytest.raises(ValidationError, match="attach the support record"):
        ps.proceeding_decide(**decide)
    attached = ps.proceeding_attach_support_record(
        proceeding=matter, actor=cast.orphans_court_member
    )
    assert attached.dated_on == today() and bytes(attached.content)[:2] == b"PK"  # a .docx
    ps.proceeding_decide(**decide)


@override_settings(SUPPORT_GAP_DAYS=30)
def test_a_plan_problem_without_a_service_is_flagged_after_the_setting_s_days(cast):
    _concern, case, _child = open_case(cast)
    plan = case_services.plan_save(
        case=case,
        actor=cast.social_worker,
        review_on=today() + datetime.timedelta(days=90),
        goals={"housing": "Atrast mājokli."},
    )
    principal = principal_for_user(cast.social_worker)
    assert unsupported_problems(principal=principal, case=case) == []  # the plan is new
    type(plan).objects.filter(pk=plan.pk).update(
        created_at=datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=31)
    )
    flagged = unsupported_problems(principal=principal, case=case)
    assert [(p.area, p.since) for p in flagged] == [
        ("housing", today() - datetime.timedelta(days=31))
    ]
    assert unsupported_problems(principal=principal_for_user(cast.school_staff)) == []


# --- 4. The grounds as the law has them ---------------------------------------------------------


def test_civil_law_203_3_is_a_ground_with_the_law_s_words(cast, client_for):
    _case, _child, mother, matter = _matter(cast)
    _suspend(cast, matter, mother, grounds="p3", **URGENT)
    assert CustodyRecord.objects.get(relation=mother).grounds == "p3"
    assert "nepildot tiesas nolēmumu" in law_text("p3")
    assert set(LAW_TEXT) == set(SuspensionGround.values)
    page = client_for(cast.orphans_court_member).get(f"/cases/proceedings/{matter.pk}/")
    assert "saskarsmes tiesībām" in page.content.decode()


def test_the_decision_page_says_disability_is_never_a_ground(cast, client_for):
    _case, child, _mother, matter = _matter(cast)
    url = f"/cases/proceedings/{matter.pk}/"
    court = client_for(cast.orphans_court_member)
    assert b"never a ground" not in court.get(url, HTTP_ACCEPT_LANGUAGE="en").content
    Child.objects.filter(pk=child.pk).update(has_disability=True)
    assert b"never a ground" in court.get(url, HTTP_ACCEPT_LANGUAGE="en").content


# --- 5. Out-of-family care as it is -------------------------------------------------------------


def _place(cast, case, child, form, **kwargs):
    values = {
        "case": case,
        "actor": cast.orphans_court_member,
        "child": child,
        "form": form,
        "child_opinion": "Piekrīt.",
    }
    values.update(kwargs)
    return ps.placement_start(**values)


def test_a_placement_ends_the_child_living_with_the_parents(cast):
    case, child, mother, matter = _matter(cast)
    _place(
        cast,
        case,
        child,
        "crisis_foster",
        **carer_for("crisis_foster", court=matter.court, child=child),
    )
    mother.refresh_from_db()
    assert mother.lives_with_child is False


def test_the_three_months_are_short_term_care_in_an_institution_only(cast):
    case, child, _mother, matter = _matter(cast)
    family = carer_for("crisis_foster", court=matter.court, child=child)
    with pytest.raises(ValidationError) as error:
        _place(cast, case, child, "crisis_foster", emergency=True, **family)
    assert "emergency" in error.value.message_dict
    placement = _place(cast, case, child, "crisis_foster", **family)
    assert placement.review_due > today() + datetime.timedelta(days=300)  # a year, not 3 months


def test_a_placement_names_a_registered_family_that_fits(cast):
    case, child, mother, matter = _matter(cast)
    court = matter.court
    with pytest.raises(ValidationError) as error:
        _place(cast, case, child, "foster_family")
    assert "foster_family" in error.value.message_dict
    crisis = make_foster_family(court, name="Krīzes ģimene", kind="crisis", places=1)
    with pytest.raises(ValidationError, match="registered as"):
        _place(cast, case, child, "foster_family", foster_family=crisis)
    foster_family_set_status(
        actor=cast.orphans_court_member, family=crisis, status="suspended", since=today()
    )
    crisis.refresh_from_db()
    with pytest.raises(ValidationError, match="does not take children"):
        _place(cast, case, child, "crisis_foster", foster_family=crisis)
    with pytest.raises(ValidationError) as error:  # a guardian must be the child's, in the registry
        _place(cast, case, child, "guardianship", guardian=mother.representative)
    assert "guardian" in error.value.message_dict


def test_f4_counts_the_register_at_the_period_s_end(cast):
    court = cast.institutions["a_court"]
    make_foster_family(court, name="A", kind="ordinary", registered_on=D(2020, 3, 1))
    make_foster_family(court, name="B", kind="specialised", registered_on=D(2024, 6, 1))
    make_foster_family(court, name="C", kind="crisis", registered_on=D(2025, 12, 31))
    make_foster_family(court, name="D", kind="ordinary", registered_on=D(2026, 1, 1))  # later
    gone = make_foster_family(court, name="E", kind="ordinary", registered_on=D(2019, 1, 1))
    FosterFamily.objects.filter(pk=gone.pk).update(
        status="removed", status_since=D(2025, 6, 30), removed_on=D(2025, 6, 30)
    )
    b_court = Institution.objects.create(
        name="B bāriņtiesa", type="orphans_court", municipality=cast.municipality_b
    )
    make_foster_family(b_court, name="F", kind="ordinary", registered_on=D(2020, 1, 1))
    values = compute(cast.municipality_a, 2025)
    figures = {cell: int(v) for (code, cell), v in values.items() if code == "F4"}
    # Written by hand: A, B and C are registered on 31.12.2025 (B specialised, C crisis);
    # D came later, E was removed in June, F is another municipality's.
    assert figures == {"families": 3, "specialised": 2}
