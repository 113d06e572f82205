"""The generator covers every domain (issue 20.4): programmes, handovers and cost claims,
long timelines with entries for readers beyond the case team, and the audit trail of
meetings, programmes and claims; the rows are valid and the application's pages render them.

The tiny scale is generated once for the module (committed, flushed at the end): the tests
only read it, each in its own rolled-back transaction.
"""

from __future__ import annotations

from collections import Counter

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Count
from django.urls import reverse

from sargs.audit.models import AuditEntry
from sargs.cases.casework.models import Case, TimelineAudience, TimelineEntry
from sargs.cooperation.models import AgendaItem, Meeting
from sargs.organisations.models import Municipality
from sargs.organisations.roles import Role
from sargs.programme.models import (
    Activity,
    ActivityCost,
    Answer,
    CouncilMember,
    IndicatorResult,
    MonitoringReport,
    PerformanceIndicator,
    Programme,
    ProgrammeVersion,
    Questionnaire,
    QuestionnaireResponse,
)
from sargs.responsibility.models import CostClaim, CostClaimEvent, Handover
from sargs.scale.benchmark.measure import _client, _user_with
from sargs.scale.generator import SCALES, STEPS, flush, generate

TINY = SCALES["tiny"]

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def generated(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        generate(TINY, seed=5)
        yield
        with transaction.atomic():
            flush()
            if connection.vendor == "sqlite":
                # DELETE keeps SQLite's AUTOINCREMENT counters: forget them, as a rolled-back
                # test would, so the next tests' rows get the ids of an empty table.
                tables = [m._meta.db_table for step in STEPS for m in step.models]
                with connection.cursor() as cursor:
                    cursor.executemany(
                        "DELETE FROM sqlite_sequence WHERE name = %s", [(t,) for t in tables]
                    )


def places() -> list[Municipality]:
    return list(Municipality.objects.filter(atvk__in=TINY.municipalities).order_by("atvk"))


def test_each_municipality_has_an_approved_programme_with_its_monitoring():
    for place in places():
        programme = Programme.objects.get(municipality=place)
        versions = Counter(programme.versions.values_list("status", flat=True))
        assert versions["approved"] == 1 and versions["draft"] == 0
        approved = programme.versions.get(status="approved")
        activities = Activity.objects.filter(version=approved)
        assert activities.count() >= 6
        assert not activities.filter(costs__isnull=True).exists()
        assert not activities.filter(indicators__isnull=True).exists()
        assert programme.reporting_dates.count() == 6
        reports = MonitoringReport.objects.filter(programme=programme)
        assert reports.exists()
        assert IndicatorResult.objects.filter(report__programme=programme).exists()
        assert programme.hearings.count() == 1 and programme.funding_decisions.count() == 2
        assert CouncilMember.objects.filter(programme=programme, kind="child").count() == 1
        questionnaires = Questionnaire.objects.filter(programme=programme)
        assert set(questionnaires.values_list("audience", flat=True)) == {
            "children_13_17",
            "families",
        }
        responses = QuestionnaireResponse.objects.filter(questionnaire__programme=programme)
        # 2,000 children in two municipalities: max(5, children // 60) answers each.
        assert responses.count() >= 2 * 5
        assert Answer.objects.filter(response__in=responses).exists()
    for model in (
        Programme,
        ProgrammeVersion,
        Activity,
        ActivityCost,
        PerformanceIndicator,
        MonitoringReport,
        CouncilMember,
        Questionnaire,
    ):
        for obj in model.objects.order_by("?")[:30]:
            obj.full_clean()


def test_an_amendment_copies_the_activities_keeping_their_lineage():
    for programme in Programme.objects.annotate(n=Count("versions")).filter(n=2):
        first = programme.versions.get(number=1)
        second = programme.versions.get(number=2)
        assert (first.status, second.status) == ("superseded", "approved")
        assert second.based_on_id == first.pk
        lineages = set(Activity.objects.filter(version=first).values_list("lineage", flat=True))
        assert set(Activity.objects.filter(version=second).values_list("lineage", flat=True)) == (
            lineages
        )
    # Reports follow the version that was approved on their date.
    for report in MonitoringReport.objects.select_related("activity__version"):
        assert report.activity.version.decision_date <= report.as_of


def test_handovers_and_claims_keep_the_rules_of_the_services():
    handovers = Handover.objects.select_related("child")
    assert handovers.exists()
    statuses = Counter(handovers.values_list("status", flat=True))
    assert statuses["accepted"] > 0
    for handover in handovers:
        assert handover.from_municipality_id != handover.to_municipality_id
        if handover.status == "accepted":  # the record moved: the receiver keeps the child
            assert handover.child.municipality_id == handover.to_municipality_id
        if handover.is_open:
            assert handover.child.municipality_id == handover.from_municipality_id
        handover.full_clean()
    claims = CostClaim.objects.select_related("child")
    assert claims.exists()
    for claim in claims:
        # The child is the claimant's own record, from one of its cases.
        assert claim.child.municipality_id == claim.claimant_municipality_id
        assert Case.objects.filter(pk=claim.origin_id, municipality=claim.claimant_municipality)
        kinds = list(claim.events.order_by("at", "pk").values_list("kind", flat=True))
        assert kinds[0] == "submitted"
        assert (claim.status == "submitted") == (kinds == ["submitted"])
        claim.full_clean(exclude=["invoice"])
    assert CostClaimEvent.objects.count() > claims.count()


def test_timelines_are_long_tailed_and_some_entries_are_for_other_readers():
    sizes = sorted(Case.objects.annotate(n=Count("timeline")).values_list("n", flat=True))
    assert sizes[0] >= 3
    # Most cases 3–15 entries (16 with the closure), a few with hundreds.
    assert sum(1 for n in sizes if n <= 16) >= 0.8 * len(sizes)
    assert sizes[-1] >= 100
    audience = TimelineAudience.objects.all()
    assert audience.filter(institution__isnull=False).exists()
    assert audience.filter(institution__isnull=True).exists()
    share = audience.count() / TimelineEntry.objects.count()
    assert 0.05 < share < 0.25
    for row in audience.order_by("?")[:50]:
        row.full_clean()


def test_each_referral_carries_its_latest_session():
    """The family assistant's home orders the services in progress by the latest session the
    referral carries (the session service keeps it): generated referrals carry it too."""
    from django.db.models import Max

    from sargs.cases.referrals.models import Referral

    rows = Referral.objects.annotate(latest=Max("sessions__held_on"))
    assert rows.filter(latest__isnull=False).exists()
    assert rows.filter(latest__isnull=True).exists()
    for referral in rows:
        assert referral.last_session_on == referral.latest, referral.pk


def test_meetings_programmes_and_claims_are_in_the_audit_trail():
    def entries(model, action):
        ct = ContentType.objects.get_for_model(model)
        return AuditEntry.objects.filter(content_type=ct, action=action)

    held = Meeting.objects.filter(status="held").count()
    assert entries(Meeting, 0).count() == Meeting.objects.count()
    assert entries(Meeting, 1).count() == held > 0
    assert entries(AgendaItem, 0).count() == AgendaItem.objects.count()
    assert entries(Programme, 0).count() == Programme.objects.count()
    assert entries(Handover, 0).count() == Handover.objects.count()
    assert entries(CostClaim, 0).count() == CostClaim.objects.count()
    assert not entries(CostClaimEvent, 0).filter(municipality__isnull=True).exists()


def test_the_applications_pages_render_the_generated_data():
    place = Municipality.objects.get(atvk=TINY.municipalities[0])
    coordinator = _client(_user_with(Role.COORDINATOR, place))
    worker = _client(_user_with(Role.SOCIAL_WORKER, place))
    programme = Programme.objects.get(municipality=place)
    version = programme.versions.get(status="approved")
    activity = Activity.objects.filter(version=version).first()
    handover = Handover.objects.filter(from_municipality=place).first() or (
        Handover.objects.filter(to_municipality=place).first()
    )
    claim = CostClaim.objects.filter(claimant_municipality=place).first()
    longest = (
        Case.objects.filter(municipality=place).annotate(n=Count("timeline")).order_by("-n").first()
    )
    pages = [
        (coordinator, reverse("programme:version-detail", args=[version.pk])),
        (coordinator, reverse("programme:action-plan", args=[version.pk])),
        (coordinator, reverse("programme:budget", args=[version.pk])),
        (coordinator, reverse("programme:monitoring", args=[programme.pk])),
        (coordinator, reverse("programme:activity-detail", args=[activity.pk])),
        (coordinator, reverse("responsibility:handover-list")),
        (coordinator, reverse("responsibility:handover-detail", args=[handover.pk])),
        (coordinator, reverse("responsibility:claim-list")),
        (coordinator, reverse("responsibility:claim-detail", args=[claim.pk])),
        (coordinator, reverse("audit:entry-list")),
        (worker, reverse("cases:case-detail", args=[longest.pk])),
    ]
    for client, url in pages:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="lv")
        assert response.status_code == 200, url
