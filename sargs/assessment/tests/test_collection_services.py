import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from sargs.assessment import selectors, services
from sargs.assessment.models import (
    IndicatorDefinition,
    ReportedValue,
    ReportingPeriod,
    Submission,
    SubmissionStatus,
)
from sargs.core.workdays import is_working_day
from sargs.organisations.models import Institution
from sargs.organisations.roles import InstitutionType

from .collection_factories import all_values, approved_submission, filled_submission, make_period

pytestmark = pytest.mark.django_db


def definition(code):
    return IndicatorDefinition.objects.get(indicator__code=code, version=1)


def english(call, *args, **kwargs):
    with translation.override("en"):
        return call(*args, **kwargs)


# --- Periods ---------------------------------------------------------------------------------


def test_a_year_is_due_on_1_february_moved_to_a_working_day(cast):
    period = services.open_period(actor=cast.coordinator, year=2025)
    # 1 February 2026 is a Sunday: the deadline moves to Monday.
    assert period.deadline == datetime.date(2026, 2, 2)
    # 2 January 2026 is a day off moved by the Cabinet: collection opens on Monday 5 January.
    assert period.opens_on == datetime.date(2026, 1, 5)


def test_a_semester_is_due_twenty_working_days_after_it_ends(cast):
    # The 2nd semester of the school year 2025/2026: January–June 2026.
    period = services.open_period(actor=cast.coordinator, year=2026, semester=2)
    assert period.opens_on == datetime.date(2026, 7, 1)
    assert is_working_day(period.deadline)
    assert datetime.date(2026, 7, 24) <= period.deadline <= datetime.date(2026, 8, 3)


def test_the_first_semester_is_september_to_december(cast):
    # The 1st semester of the school year 2025/2026: September–December 2025; 1 and 2 January
    # 2026 are days off, so collection opens on Monday 5 January.
    period = services.open_period(actor=cast.coordinator, year=2025, semester=1)
    assert period.opens_on == datetime.date(2026, 1, 5)
    with translation.override("en"):
        assert str(period) == "Sep–Dec 2025 (1st semester)"


def test_only_coordinators_open_periods_and_each_only_once(cast):
    with pytest.raises(PermissionDenied):
        services.open_period(actor=cast.school_staff, year=2025)
    services.open_period(actor=cast.b_coordinator, year=2025)  # any municipality's coordinator
    with pytest.raises(ValidationError, match="already open"):
        english(services.open_period, actor=cast.coordinator, year=2025)
    with pytest.raises(ValidationError, match="deadline"):
        english(
            services.open_period,
            actor=cast.coordinator,
            year=2024,
            opens_on=datetime.date(2025, 3, 1),
            deadline=datetime.date(2025, 2, 1),
        )
    assert ReportingPeriod.objects.count() == 1


# --- Who reports what ------------------------------------------------------------------------


def test_definitions_for_follow_the_institution_type_and_period_kind(cast):
    year, semester = make_period(2025), make_period(2025, 1)
    codes = lambda inst, p: [d.indicator.code for d in selectors.definitions_for(inst, p)]  # noqa: E731
    assert codes(cast.institutions["a_school"], semester) == ["E2"]
    assert codes(cast.institutions["a_school"], year) == ["E3"]
    assert codes(cast.institutions["a_social"], year) == ["L1", "L2", "L3", "S5", "N3"]
    assert codes(cast.institutions["a_health"], year) == []


def test_submission_for_creates_one_draft_when_the_period_is_open(cast):
    school = cast.institutions["a_school"]
    period = make_period(2025, 1)
    first = services.submission_for(institution=school, period=period)
    assert first.status == SubmissionStatus.DRAFT
    assert first.municipality == cast.municipality_a
    assert services.submission_for(institution=school, period=period) == first
    with pytest.raises(ValidationError, match="nothing to report"):
        english(services.submission_for, institution=cast.institutions["a_health"], period=period)
    future = make_period(
        2026, 2, opens_on=datetime.date(2099, 1, 1), deadline=datetime.date(2099, 2, 1)
    )
    with pytest.raises(ValidationError, match=r"opens on 01\.01\.2099"):
        english(services.submission_for, institution=school, period=future)


# --- Values ----------------------------------------------------------------------------------


@pytest.fixture
def e2(cast):
    """The school's draft for the first half of 2025, and the E2 definition."""
    period = make_period(2025, 1)
    submission = services.submission_for(institution=cast.institutions["a_school"], period=period)
    return submission, definition("E2")


def test_values_store_numbers_zero_and_reasons(cast, e2):
    submission, d = e2
    services.save_values(
        actor=cast.school_staff,
        submission=submission,
        values={
            (d.pk, "pupils"): ("number", Decimal(7)),
            (d.pk, "pupils|sex=f"): ("number", Decimal(0)),
            (d.pk, "pupils|sex=m"): ("not_reported", None),
        },
    )
    assert selectors.submission_values(submission) == {
        (d.pk, "pupils"): ("number", Decimal(7)),
        (d.pk, "pupils|sex=f"): ("number", Decimal(0)),
        (d.pk, "pupils|sex=m"): ("not_reported", None),
    }
    # A state of "" clears a cell again.
    services.save_values(
        actor=cast.school_staff, submission=submission, values={(d.pk, "pupils|sex=m"): ("", None)}
    )
    assert (d.pk, "pupils|sex=m") not in selectors.submission_values(submission)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (("number", Decimal(-1)), "cannot be negative"),
        (("number", Decimal("2.5")), "whole number"),
        (("number", None), "enter a number"),
        (("maybe", None), "choose a number"),
        (("not_applicable", Decimal(1)), "has no number"),
    ],
)
def test_a_bad_value_saves_nothing_and_names_the_cell(cast, e2, value, message):
    submission, d = e2
    with pytest.raises(ValidationError) as error:
        english(
            services.save_values,
            actor=cast.school_staff,
            submission=submission,
            values={(d.pk, "pupils"): ("number", Decimal(4)), (d.pk, "pupils|sex=f"): value},
        )
    assert message in str(error.value.message_dict["E2:pupils|sex=f"])
    assert "E2, pupils – Sex: girls" in str(error.value.message_dict["E2:pupils|sex=f"])
    assert not ReportedValue.objects.exists()


def test_euros_take_two_decimals_and_no_more(cast):
    period = make_period(2025)
    submission = services.submission_for(institution=cast.institutions["a_social"], period=period)
    l3 = definition("L3")
    services.save_values(
        actor=cast.social_worker,
        submission=submission,
        values={(l3.pk, "amount"): ("number", Decimal("1234.50"))},
    )
    with pytest.raises(ValidationError, match="two decimals"):
        english(
            services.save_values,
            actor=cast.social_worker,
            submission=submission,
            values={(l3.pk, "amount"): ("number", Decimal("1.005"))},
        )
    assert selectors.submission_values(submission)[(l3.pk, "amount")][1] == Decimal("1234.50")


def test_cells_of_another_indicator_are_refused(cast, e2):
    submission, _ = e2
    e3 = definition("E3")
    with pytest.raises(ValidationError, match="not something this institution reports"):
        english(
            services.save_values,
            actor=cast.school_staff,
            submission=submission,
            values={(e3.pk, "cases"): ("number", Decimal(1))},
        )


def test_only_the_institutions_staff_fill_it(cast, e2):
    submission, d = e2
    for outsider in (cast.coordinator, cast.social_worker, cast.b_coordinator):
        with pytest.raises(PermissionDenied):
            services.save_values(
                actor=outsider, submission=submission, values={(d.pk, "pupils"): ("number", 1)}
            )


# --- Workflow --------------------------------------------------------------------------------


def test_submit_is_refused_until_every_cell_has_a_state_naming_the_missing(cast, e2):
    submission, d = e2
    services.save_values(
        actor=cast.school_staff, submission=submission, values={(d.pk, "pupils"): ("number", 2)}
    )
    with pytest.raises(ValidationError) as error:
        english(services.submit, actor=cast.school_staff, submission=submission)
    text = " ".join(error.value.messages)
    assert "Missing (2)" in text
    assert "E2, pupils – Sex: girls" in text and "E2, pupils – Sex: boys" in text
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.DRAFT


def test_the_whole_workflow_with_its_events(cast, e2):
    submission, d = e2
    school, coordinator = cast.school_staff, cast.coordinator
    services.save_values(actor=school, submission=submission, values=all_values(submission, 2))
    services.submit(actor=school, submission=submission)
    assert submission.status == SubmissionStatus.SUBMITTED and submission.submitted_by == school

    # While the coordinator checks it, nobody edits it.
    with pytest.raises(ValidationError, match="with the coordinator"):
        english(
            services.save_values,
            actor=school,
            submission=submission,
            values={(d.pk, "pupils"): ("number", 1)},
        )
    with pytest.raises(ValidationError):
        services.submit(actor=school, submission=submission)

    with pytest.raises(ValidationError, match="correct"):
        english(services.return_submission, actor=coordinator, submission=submission, comment=" ")
    services.return_submission(
        actor=coordinator, submission=submission, comment="Girls + boys ≠ total"
    )
    assert submission.status == SubmissionStatus.RETURNED
    assert selectors.last_comment(submission).comment == "Girls + boys ≠ total"

    services.save_values(
        actor=school, submission=submission, values={(d.pk, "pupils"): ("number", 4)}
    )
    services.submit(actor=school, submission=submission)
    services.approve(actor=coordinator, submission=submission)
    assert submission.status == SubmissionStatus.APPROVED and submission.decided_by == coordinator

    # Approved data is locked.
    with pytest.raises(ValidationError, match="locked"):
        english(
            services.save_values,
            actor=school,
            submission=submission,
            values={(d.pk, "pupils"): ("number", 9)},
        )
    with pytest.raises(ValidationError):
        services.approve(actor=coordinator, submission=submission)
    with pytest.raises(ValidationError):
        services.return_submission(actor=coordinator, submission=submission, comment="late")

    with pytest.raises(ValidationError, match="why"):
        english(services.reopen, actor=coordinator, submission=submission, reason="")
    services.reopen(actor=coordinator, submission=submission, reason="The register was corrected")
    assert submission.status == SubmissionStatus.REOPENED
    services.save_values(
        actor=school, submission=submission, values={(d.pk, "pupils"): ("number", 5)}
    )
    services.submit(actor=school, submission=submission)
    services.approve(actor=coordinator, submission=submission)

    actions = list(submission.events.values_list("action", flat=True))
    assert actions == ["submit", "return", "submit", "approve", "reopen", "submit", "approve"]
    assert selectors.submission_values(submission)[(d.pk, "pupils")] == ("number", Decimal(5))


def test_transitions_refused_in_the_wrong_state(cast, e2):
    submission, _ = e2
    for call in (
        lambda: services.approve(actor=cast.coordinator, submission=submission),
        lambda: services.return_submission(
            actor=cast.coordinator, submission=submission, comment="x"
        ),
        lambda: services.reopen(actor=cast.coordinator, submission=submission, reason="x"),
    ):
        with pytest.raises(ValidationError):
            call()
    assert not submission.events.exists()


def test_a_stale_object_cannot_skip_the_lock(cast, e2):
    submission, _ = e2
    services.save_values(
        actor=cast.school_staff, submission=submission, values=all_values(submission)
    )
    services.submit(actor=cast.school_staff, submission=submission)
    stale = Submission.objects.get(pk=submission.pk)
    services.approve(actor=cast.coordinator, submission=submission)
    stale.status = SubmissionStatus.DRAFT  # as another request read it earlier
    with pytest.raises(ValidationError):
        services.save_values(actor=cast.school_staff, submission=stale, values=all_values(stale, 9))


def test_only_the_municipalitys_coordinator_decides(cast, e2):
    submission, _ = e2
    services.save_values(
        actor=cast.school_staff, submission=submission, values=all_values(submission)
    )
    services.submit(actor=cast.school_staff, submission=submission)
    for actor in (cast.school_staff, cast.b_coordinator, cast.councillor):
        with pytest.raises(PermissionDenied):
            services.approve(actor=actor, submission=submission)
        with pytest.raises(PermissionDenied):
            services.return_submission(actor=actor, submission=submission, comment="x")
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED


def test_the_database_refuses_an_approval_without_a_decider(cast, e2):
    submission, _ = e2
    with pytest.raises(IntegrityError), transaction.atomic():
        Submission.objects.filter(pk=submission.pk).update(status=SubmissionStatus.APPROVED)


# --- Totals for the next steps ---------------------------------------------------------------


def test_approved_totals_add_up_approved_schools_only(cast):
    period = make_period(2025, 1)
    a = cast.municipality_a
    second = Institution.objects.create(
        name="A school 2", type=InstitutionType.SCHOOL, municipality=a
    )
    third = Institution.objects.create(
        name="A school 3", type=InstitutionType.SCHOOL, municipality=a
    )
    from sargs.organisations.roles import Role
    from sargs.organisations.testing import make_user

    staff2 = make_user("school2", (second, Role.SCHOOL_STAFF))
    staff3 = make_user("school3", (third, Role.SCHOOL_STAFF))
    approved_submission(
        cast.institutions["a_school"], period, cast.school_staff, cast.coordinator, 3
    )
    other = approved_submission(second, period, staff2, cast.coordinator, 4)
    filled_submission(third, period, staff3, 100)  # draft: not counted
    d = definition("E2")
    services.reopen(actor=cast.coordinator, submission=other, reason="fix")
    services.save_values(
        actor=staff2, submission=other, values={(d.pk, "pupils|sex=m"): ("not_reported", None)}
    )
    services.submit(actor=staff2, submission=other)
    services.approve(actor=cast.coordinator, submission=other)

    totals = selectors.approved_totals(a, period)
    assert totals[("E2", "pupils")] == ("number", Decimal(7))
    assert totals[("E2", "pupils|sex=m")] == ("number", Decimal(3))  # one number, one NR
    assert selectors.approved_totals(cast.municipality_b, period) == {}

    counts = selectors.submission_status_counts(a, period)
    assert counts["approved"] == 2 and counts["draft"] == 1 and counts["not_started"] == 0


def test_a_cell_without_any_number_keeps_its_reason(cast):
    period = make_period(2025, 1)
    submission = services.submission_for(institution=cast.institutions["a_school"], period=period)
    values = {k: ("not_applicable", None) for k in all_values(submission)}
    services.save_values(actor=cast.school_staff, submission=submission, values=values)
    services.submit(actor=cast.school_staff, submission=submission)
    services.approve(actor=cast.coordinator, submission=submission)
    assert selectors.approved_totals(cast.municipality_a, period)[("E2", "pupils")] == (
        "not_applicable",
        None,
    )


def test_transitions_and_values_are_in_the_audit_trail(cast, e2):
    from sargs.audit.models import AuditEntry

    submission, _ = e2
    services.save_values(
        actor=cast.school_staff, submission=submission, values=all_values(submission)
    )
    services.submit(actor=cast.school_staff, submission=submission)
    services.approve(actor=cast.coordinator, submission=submission)
    changes = AuditEntry.objects.get_for_object(submission)
    statuses = [e.changes_dict.get("status", [None, None])[1] for e in changes]
    assert "submitted" in statuses and "approved" in statuses
    assert AuditEntry.objects.get_for_objects(ReportedValue.objects.all()).count() == 3
