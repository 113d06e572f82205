import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from sargs.programme import selectors, services
from sargs.programme.models import (
    ActivityCost,
    CouncilMember,
    FundingSource,
    MonitoringReport,
    ProgrammeVersion,
    VersionStatus,
)

from .helpers import approve, draft_programme

pytestmark = pytest.mark.django_db


def test_draft_takes_the_latest_frozen_assessment(cast, assessments):
    assessments[-1].findings = {"summary": "Situācija uzlabojas.", "5": "Mazāk bērnu iestādēs."}
    assessments[-1].save()
    programme, _ = draft_programme(
        cast.coordinator, cast.municipality_a, cast.institutions["a_social"]
    )
    version = programme.versions.get()
    assert version.assessment == assessments[-1]
    assert version.situation_summary == "Situācija uzlabojas."
    assert version.situation_comments == {"5": "Mazāk bērnu iestādēs."}
    with translation.override("lv"):
        situation = selectors.situation(assessment=version.assessment, suppress=False)
    assert situation.years == [2024, 2025]
    rows = {(r.code, r.measure_key): r.values for g in situation.groups for r in g.rows}
    assert rows[("F3", "children")] == ["12", "9"]
    # A year's E2 is its September–December semester (half of 20 and of 14), never the sum.
    assert rows[("E2", "pupils")] == ["10", "7"]
    # Money is never suppressed, and reads as people write it.
    assert rows[("L3", "amount")] == ["15 300,50 €", "16 100,00 €"]


def test_situation_for_readers_without_case_access_suppresses_small_counts(cast, assessments):
    situation = selectors.situation(assessment=assessments[-1], suppress=True)
    rows = {(r.code, r.measure_key): r.values for g in situation.groups for r in g.rows}
    assert rows[("F1", "suspended")] == ["<5", "<5"]
    assert rows[("F3", "children")] == ["12", "9"]


def test_only_the_municipality_coordinator_drafts(cast):
    with pytest.raises(PermissionDenied):
        draft_programme(cast.b_coordinator, cast.municipality_a, cast.institutions["a_social"])
    with pytest.raises(PermissionDenied):
        draft_programme(cast.social_worker, cast.municipality_a, cast.institutions["a_social"])


def test_approval_makes_the_version_immutable(cast):
    programme, _activity = draft_programme(
        cast.coordinator, cast.municipality_a, cast.institutions["a_social"]
    )
    approve(cast.coordinator, programme)
    version = programme.versions.get()
    assert version.status == VersionStatus.APPROVED
    assert version.decision_number == "12/5"
    with pytest.raises(ValidationError):
        services.version_update(actor=cast.coordinator, version=version, legal_basis="x")
    with pytest.raises(ValidationError):
        services.priority_save(actor=cast.coordinator, version=version, title="x")


def test_approval_needs_a_decision_number(cast):
    programme, _ = draft_programme(
        cast.coordinator, cast.municipality_a, cast.institutions["a_social"]
    )
    with pytest.raises(ValidationError) as error:
        services.version_approve(
            actor=cast.coordinator,
            version=programme.versions.get(),
            decision_number=" ",
            decision_date=datetime.date(2026, 1, 1),
        )
    assert "decision_number" in error.value.message_dict


def test_approved_version_without_decision_is_refused_by_the_database(cast):
    programme, _ = draft_programme(
        cast.coordinator, cast.municipality_a, cast.institutions["a_social"]
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgrammeVersion.objects.filter(programme=programme).update(status="approved")


def test_amendment_makes_a_new_version_and_keeps_the_old(cast):
    programme, activity = draft_programme(
        cast.coordinator, cast.municipality_a, cast.institutions["a_social"]
    )
    approve(cast.coordinator, programme)
    first = programme.versions.get()
    draft = services.version_amend(actor=cast.coordinator, version=first, reason="Jauns pasākums")
    assert draft.number == 2 and draft.based_on == first
    copied = draft.activities.get()
    assert copied.pk != activity.pk and copied.lineage == activity.lineage
    assert selectors.activity_costs(copied) == selectors.activity_costs(activity)
    services.version_approve(
        actor=cast.coordinator,
        version=draft,
        decision_number="3/1",
        decision_date=datetime.date(2026, 6, 1),
    )
    first.refresh_from_db()
    assert first.status == VersionStatus.SUPERSEDED
    assert first.activities.get() == activity  # the old version is kept as it was
    assert selectors.approved_version(programme) == draft


def test_indicator_baseline_comes_from_the_assessment(cast, assessments):
    _programme, activity = draft_programme(
        cast.coordinator, cast.municipality_a, cast.institutions["a_court"]
    )
    indicator = services.indicator_add(
        actor=cast.coordinator,
        activity=activity,
        name="Bērni ārpusģimenes aprūpē",
        unit="children",
        target=Decimal(6),
        indicator_code="F3",
        cell="children",
    )
    assert indicator.baseline == Decimal(9)
    assert indicator.baseline_year == 2025
    with pytest.raises(ValidationError):
        services.indicator_add(
            actor=cast.coordinator,
            activity=activity,
            name="x",
            unit="children",
            target=Decimal(1),
            indicator_code="F3",
            cell="no-such-cell",
        )


def test_costs_must_be_within_the_years_and_not_negative(cast):
    programme, activity = draft_programme(
        cast.coordinator, cast.municipality_a, cast.institutions["a_social"]
    )
    version = programme.versions.get()
    kwargs = {
        "actor": cast.coordinator,
        "version": version,
        "priority": activity.priority,
        "title": "x",
        "responsible": cast.institutions["a_social"],
        "deadline": datetime.date(2026, 12, 31),
    }
    with pytest.raises(ValidationError):
        services.activity_save(**kwargs, costs={(2030, "existing"): Decimal(1)})
    with pytest.raises(ValidationError):
        services.activity_save(**kwargs, costs={(2026, "existing"): Decimal(-1)})
    with pytest.raises(IntegrityError), transaction.atomic():
        ActivityCost.objects.create(
            activity=activity, year=2027, source=FundingSource.STATE, amount=Decimal("-0.01")
        )


def test_responsible_staff_report_their_own_activities_only(cast):
    programme, activity = draft_programme(
        cast.coordinator, cast.municipality_a, cast.institutions["a_social"]
    )
    approve(cast.coordinator, programme)
    report = services.monitoring_report_create(
        actor=cast.social_worker,
        activity=activity,
        as_of=datetime.date(2026, 7, 1),
        status="in_progress",
        spent=Decimal("3000.00"),
        narrative="Pakalpojums uzsākts.",
    )
    # 3 000 of 3 500 spent at half the year: spending runs ahead of time.
    assert report.computed_track == "at_risk"
    with pytest.raises(PermissionDenied):
        services.monitoring_report_create(
            actor=cast.police_officer,
            activity=activity,
            as_of=datetime.date(2026, 7, 1),
            status="in_progress",
            spent=Decimal(0),
        )


def test_drafts_are_not_monitored(cast):
    _programme, activity = draft_programme(
        cast.coordinator, cast.municipality_a, cast.institutions["a_social"]
    )
    with pytest.raises(ValidationError):
        services.monitoring_report_create(
            actor=cast.social_worker,
            activity=activity,
            as_of=datetime.date(2026, 7, 1),
            status="in_progress",
            spent=Decimal(0),
        )


def test_override_needs_a_reason_and_a_coordinator(cast):
    programme, activity = draft_programme(
        cast.coordinator, cast.municipality_a, cast.institutions["a_social"]
    )
    approve(cast.coordinator, programme)
    report = services.monitoring_report_create(
        actor=cast.social_worker,
        activity=activity,
        as_of=datetime.date(2026, 7, 1),
        status="in_progress",
        spent=Decimal("3000.00"),
    )
    with pytest.raises(ValidationError):
        services.report_override(actor=cast.coordinator, report=report, track="on_track", reason="")
    with pytest.raises(PermissionDenied):
        services.report_override(
            actor=cast.social_worker, report=report, track="on_track", reason="x"
        )
    services.report_override(
        actor=cast.coordinator, report=report, track="on_track", reason="Rēķins apmaksāts avansā."
    )
    report.refresh_from_db()
    assert report.track == "on_track" and report.computed_track == "at_risk"
    with pytest.raises(IntegrityError), transaction.atomic():
        MonitoringReport.objects.filter(pk=report.pk).update(override_reason="")


def test_a_child_council_member_is_a_first_name_and_an_age_group(cast):
    programme, _ = draft_programme(
        cast.coordinator, cast.municipality_a, cast.institutions["a_social"]
    )
    member = services.council_member_add(
        actor=cast.coordinator, programme=programme, kind="child", name="Anna", age_group="13_15"
    )
    assert member.age_group == "13_15"
    with pytest.raises(ValidationError):
        services.council_member_add(
            actor=cast.coordinator,
            programme=programme,
            kind="child",
            name="Anna Bērziņa",
            age_group="13_15",
        )
    with pytest.raises(ValidationError):
        services.council_member_add(
            actor=cast.coordinator, programme=programme, kind="child", name="Jānis"
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        CouncilMember.objects.create(programme=programme, kind="child", name="Ilze")


def test_reporting_calendar_twice_a_year(cast):
    programme, _ = draft_programme(
        cast.coordinator, cast.municipality_a, cast.institutions["a_social"]
    )
    created = services.reporting_calendar_fill(actor=cast.coordinator, programme=programme)
    assert [d.due_on for d in created][:2] == [
        datetime.date(2026, 6, 30),
        datetime.date(2026, 12, 31),
    ]
    assert len(created) == 6
