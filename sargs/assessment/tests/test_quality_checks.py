"""Each quality check, failing and passing, with the words a coordinator reads."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from sargs.assessment.models import ChildPopulation, SubmissionStatus, ValueOrigin
from sargs.assessment.quality import (
    CHECKS,
    Finding,
    check_completeness,
    check_not_above,
    check_parts_sum,
    check_periods,
    check_rates,
    check_records,
    check_restorable,
    check_timeliness,
    check_year_over_year,
    run_checks,
    unlikely_change,
)
from sargs.assessment.quality_context import Context
from sargs.registry.models import ChildRepresentative
from sargs.registry.services import custody_record_add
from sargs.registry.testing import make_child, make_parent

from .quality_factories import YEAR, frozen, period, submission

pytestmark = pytest.mark.django_db
D = datetime.date
REPORTERS = ("a_admin", "a_social", "a_court", "a_police", "a_eduboard", "a_school")


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def ctx(cast) -> Context:
    return Context(cast.municipality_a, YEAR)


def messages(findings: list[Finding]) -> list[str]:
    return [f.message for f in findings]


def test_parts_add_up_to_the_total(cast):
    school = cast.institutions["a_school"]
    submission(
        school,
        period(semester=1),
        {("E2", "pupils"): 14, ("E2", "pupils|sex=f"): 5, ("E2", "pupils|sex=m"): 7},
    )
    assert messages(check_parts_sum(ctx(cast))) == [
        "A Educational institution, E2, 1st semester (September–December): the girls and boys "
        "add up to 12 but the total is 14."
    ]
    submission(
        school,
        period(semester=2),
        {("E2", "pupils"): 14, ("E2", "pupils|sex=f"): 7, ("E2", "pupils|sex=m"): 7},
    )
    assert len(check_parts_sum(ctx(cast))) == 1  # the 2nd semester adds up


def test_overlapping_parts_cover_the_total_without_exceeding_it(cast):
    social = cast.institutions["a_social"]
    sub = submission(
        social,
        period(),
        {("L2", "families"): 5, ("L2", "families|service=family_assistant"): 7},
    )
    found = check_parts_sum(ctx(cast))
    assert found[0].message.endswith(
        "L2, families: 7 for “family assistant” is more than the total 5."
    )
    assert found[0].submission_id == sub.pk and found[0].institution_id == social.pk
    sub.values.filter(cell="families|service=family_assistant").update(amount=3)
    assert "fewer than the total 5" in check_parts_sum(ctx(cast))[0].message
    sub.values.filter(cell="families|service=psychologist").update(amount=3)
    assert check_parts_sum(ctx(cast)) == []  # 3 + 3 ≥ 5: a family got both


def test_drafts_are_not_checked_for_parts(cast):
    submission(
        cast.institutions["a_school"],
        period(semester=1),
        {("E2", "pupils"): 14},
        status=SubmissionStatus.DRAFT,
    )
    assert check_parts_sum(ctx(cast)) == []


def test_a_part_measure_is_not_above_its_whole(cast):
    sub = submission(
        cast.institutions["a_admin"], period(), {("N1", "accessible"): 7, ("N1", "total"): 5}
    )
    assert messages(check_not_above(ctx(cast))) == [
        "A Municipal administration, N1: accessible (7) is more than total (5)."
    ]
    sub.values.filter(cell="accessible").update(amount=5)
    assert check_not_above(ctx(cast)) == []


def custody_history(cast):
    child = make_child(cast.municipality_a)
    mother = make_parent(child, "mother")
    father = make_parent(child, "father", first_name="Pēteris")
    for relation, day in ((mother, D(2024, 6, 1)), (father, D(2025, 3, 1))):
        custody_record_add(
            actor=cast.orphans_court_member,
            relation=relation,
            status="suspended",
            effective_from=day,
            decision_number="7",
            grounds="3",
        )
    return mother, father


def test_restored_custody_not_above_what_could_be_restored_from_records(cast):
    custody_history(cast)
    sub = submission(cast.institutions["a_court"], period(), {("F2", "restored"): 3})
    assert messages(check_restorable(ctx(cast))) == [
        "F2: 3 parents had custody restored, but only 2 could have been: 1 had custody "
        "suspended or deprived at the start of the year and 1 more during it (from the registry)."
    ]
    sub.values.filter(cell="restored").update(amount=2)
    assert check_restorable(ctx(cast)) == []
    assert ChildRepresentative.objects.count() == 2


def test_restored_custody_falls_back_to_last_years_frozen_f1(cast):
    frozen(cast.municipality_a, YEAR - 1, {("F1", "suspended"): 1, ("F1", "deprived"): 0})
    sub = submission(
        cast.institutions["a_court"],
        period(),
        {("F2", "restored"): 3, ("F1", "suspended"): 1, ("F1", "deprived"): 0},
    )
    assert (
        "give only 2 parents whose custody could be restored"
        in check_restorable(ctx(cast))[0].message
    )
    sub.values.filter(cell="restored").update(amount=2)
    assert check_restorable(ctx(cast)) == []


def population_of(cast, children: int) -> None:
    for age, sex, n in (("0_6", "f", children // 2), ("7_17", "m", children - children // 2)):
        ChildPopulation.objects.create(
            municipality=cast.municipality_a,
            reference_date=D(YEAR, 1, 1),
            age_group=age,
            sex=sex,
            count=n,
        )


def test_rates_need_the_population_and_stay_within_bounds(cast):
    sub = submission(cast.institutions["a_court"], period(), {("F3", "children"): 150})
    assert [f.severity for f in check_rates(ctx(cast))] == ["info"]
    population_of(cast, 100)
    found = check_rates(ctx(cast))
    assert [(f.severity, f.indicator) for f in found] == [("error", "F3")]
    assert found[0].message == (
        "F3, children: 150 is more than the 100 children (0–17 years) living in the "
        "municipality (PMLP, 01.01.2025). That cannot be right."
    )
    sub.values.filter(cell="children").update(amount=5)
    assert "50.0 per 1,000 children" in check_rates(ctx(cast))[0].message
    assert check_rates(ctx(cast))[0].severity == "warning"
    sub.values.filter(cell="children").update(amount=1)
    assert check_rates(ctx(cast)) == []


def test_periods_say_what_cannot_be_collected(cast):
    assert messages(check_periods(ctx(cast)))[0] == (
        "No reporting period is open for 2025, so nothing is collected for it."
    )
    period()
    period(semester=2)
    assert messages(check_periods(ctx(cast))) == [
        "No reporting period is open for the 1st semester (September–December) of 2025, so E2 "
        "cannot be collected for it."
    ]
    period(semester=1)
    assert check_periods(ctx(cast)) == []


def test_completeness_names_who_has_not_submitted_and_what_is_not_reported(cast):
    period()
    submission(
        cast.institutions["a_court"],
        period(),
        {("F4", "specialised"): "not_reported"},
    )
    found = check_completeness(ctx(cast))
    not_submitted = [f for f in found if f.code == "completeness"]
    assert {f.institution_id for f in not_submitted} == {
        cast.institutions[k].pk for k in REPORTERS if k != "a_court"
    }
    assert "A Social service has not submitted its report for 2025." in messages(found)
    assert "A Orphan's court, F4: not reported: of which specialised." in messages(found)


def test_completeness_passes_when_everyone_reported_every_cell(cast):
    for key in REPORTERS:
        submission(cast.institutions[key], period())
    sub = submission(cast.institutions["a_school"], period(semester=1))
    submission(cast.institutions["a_school"], period(semester=2))
    assert check_completeness(ctx(cast)) == []
    sub.values.filter(cell="pupils|sex=m").delete()
    assert messages(check_completeness(ctx(cast))) == [
        "A Educational institution, E2, 1st semester (September–December): no value for "
        "pupils (boys)."
    ]


def test_timeliness_counts_the_first_submission(cast):
    due = D(YEAR + 1, 2, 1)
    late = submission(
        cast.institutions["a_social"],
        period(),
        actor=cast.social_worker,
        submitted_on=due + datetime.timedelta(days=5),
    )
    assert messages(check_timeliness(ctx(cast))) == [
        "A Social service submitted its report for 2025 on 06.02.2026, 5 days after the "
        "deadline 01.02.2026."
    ]
    late.events.update(at=datetime.datetime(2026, 1, 30, 12, tzinfo=datetime.UTC))
    assert check_timeliness(ctx(cast)) == []
    submission(cast.institutions["a_court"], period(), status=SubmissionStatus.DRAFT)
    assert messages(check_timeliness(ctx(cast))) == [
        "A Orphan's court: the deadline 01.02.2026 for 2025 has passed and the report is not "
        "submitted."
    ]


def test_unlikely_change_is_about_counts_not_percentages():
    assert not unlikely_change(Decimal(1), Decimal(3))  # +200 %, but noise
    assert not unlikely_change(Decimal(100), Decimal(115))  # within 2·√215 ≈ 29
    assert unlikely_change(Decimal(10), Decimal(30))
    assert not unlikely_change(Decimal(0), Decimal(4))  # below the minimum change of 5
    assert unlikely_change(Decimal(0), Decimal(6))


def test_year_over_year_flags_an_unlikely_change(cast):
    frozen(cast.municipality_a, YEAR - 1, {("L1", "families"): 10, ("L1", "children"): 20})
    sub = submission(
        cast.institutions["a_social"], period(), {("L1", "families"): 30, ("L1", "children"): 22}
    )
    assert messages(check_year_over_year(ctx(cast))) == [
        "L1, families: 30 this year against 10 last year. For counts this size, chance alone "
        "rarely moves a figure by more than 13, so check that this year's figure is complete "
        "and counted the same way as last year's."
    ]
    sub.values.filter(cell="families").update(amount=14)
    assert check_year_over_year(ctx(cast)) == []


def test_a_report_lower_than_the_records_is_flagged(cast):
    frozen(cast.municipality_a, YEAR - 1, {}, origin=ValueOrigin.COMPUTED)
    sub = submission(cast.institutions["a_court"], period(), {("F1", "suspended"): 0})
    custody_history(cast)  # the father's suspension is in 2025
    assert messages(check_records(ctx(cast))) == [
        "F1, suspended: Orphan's court reported 0, but the system's own records show 1. The "
        "report may miss some; check it with them."
    ]
    sub.values.filter(cell="suspended").update(amount=1)
    assert check_records(ctx(cast)) == []


def test_run_checks_puts_errors_first_and_serialises(cast):
    submission(
        cast.institutions["a_admin"], period(), {("N1", "accessible"): 7, ("N1", "total"): 5}
    )
    found = run_checks(cast.municipality_a, YEAR)
    severities = [f.severity for f in found]
    assert severities == sorted(severities, key=["error", "warning", "info"].index)
    assert found[0].as_json()["severity"] == "error"
    assert {"code", "severity", "indicator", "institution_id", "message"} <= set(found[0].as_json())
    assert len(CHECKS) == 9
