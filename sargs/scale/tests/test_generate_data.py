"""The data generator at its hidden ``tiny`` scale: two municipalities, 2,000 children."""

from __future__ import annotations

import hashlib
import io
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F

from sargs.audit.models import AuditEntry
from sargs.cases.casework.models import Case, CaseChild, CaseParticipant, TimelineAudience
from sargs.cases.concerns.models import Concern
from sargs.cases.court.models import Placement, Proceeding
from sargs.organisations.models import Institution, Membership, Municipality, User
from sargs.organisations.roles import InstitutionType, Role
from sargs.programme.models import Activity, MonitoringReport
from sargs.registry import personal_codes
from sargs.registry.models import (
    Child,
    ChildRepresentative,
    CustodyRecord,
    Household,
    LegalRepresentative,
    ResidenceRecord,
    normalise_name,
)
from sargs.responsibility.models import CostClaim, Handover
from sargs.scale.generator import SCALES, STEPS, Step, check_order, flush, generate
from sargs.scale.generator.base import (
    NATIONAL_AUDIT_ENTRIES,
    NATIONAL_CARE,
    NATIONAL_RESTORED_PER_YEAR,
    NATIONAL_SUSPENDED_PER_YEAR,
)
from sargs.scale.generator.cases import NATIONAL_CASES
from sargs.scale.generator.registry import CUSTODY_YEARS
from sargs.services.models import ProviderContract

TINY = SCALES["tiny"]

pytestmark = pytest.mark.django_db


def digest() -> str:
    """A fingerprint of the key columns of every generated table, in id order."""
    queries = [
        Institution.objects.values_list("id", "name", "type", "municipality_id"),
        User.objects.values_list("id", "username", "first_name", "last_name", "password"),
        Membership.objects.values_list("id", "user_id", "institution_id", "role", "valid_from"),
        ProviderContract.objects.values_list("id", "provider_id", "service_id", "unit_price"),
        Household.objects.values_list("id", "name", "municipality_id"),
        LegalRepresentative.objects.values_list(
            "id", "first_name", "last_name", "personal_code", "birth_date", "household_id"
        ),
        Child.objects.values_list(
            "id", "first_name", "last_name", "personal_code", "birth_date", "sex",
            "household_id", "school_id", "municipality_id", "created_by_id",
        ),
        ChildRepresentative.objects.values_list(
            "id", "child_id", "representative_id", "role", "lives_with_child"
        ),
        ResidenceRecord.objects.values_list(
            "id", "child_id", "representative_id", "kind", "municipality_id", "address",
            "valid_from", "valid_to",
        ),
        CustodyRecord.objects.values_list("id", "relation_id", "status", "effective_from"),
        Case.objects.values_list("id", "municipality_id", "status", "opened_on", "closed_on"),
        Concern.objects.values_list("id", "child_id", "case_id", "categories", "observed_on"),
        Placement.objects.values_list("id", "child_id", "form", "carer", "placed_on"),
        AuditEntry.objects.values_list("id", "object_pk", "action", "actor_id", "municipality_id"),
        TimelineAudience.objects.values_list(
            "id", "entry_id", "institution_id", "institution_type"
        ),
        Activity.objects.values_list("id", "version_id", "lineage", "responsible_id", "deadline"),
        MonitoringReport.objects.values_list("id", "activity_id", "spent", "computed_track"),
        Handover.objects.values_list(
            "id", "child_id", "from_municipality_id", "to_municipality_id", "status"
        ),
        CostClaim.objects.values_list(
            "id", "child_id", "claimant_municipality_id", "payer_municipality_id", "amount"
        ),
    ]  # fmt: skip
    hasher = hashlib.sha256()
    for query in queries:
        for row in query.order_by("pk"):
            hasher.update(repr(row).encode())
    return hasher.hexdigest()


@pytest.fixture
def tiny():
    return generate(TINY, seed=7)


def test_personal_codes_are_valid_unique_and_of_both_formats(tiny):
    rows = [
        *Child.objects.values_list("personal_code", "birth_date"),
        *LegalRepresentative.objects.values_list("personal_code", "birth_date"),
    ]
    codes = [code for code, _ in rows if code]
    assert len(codes) == len(set(codes))
    formats = Counter()
    for code, born in rows:
        if code is None:
            continue
        parsed = personal_codes.parse(code)  # raises if invalid
        formats[parsed.is_new_format] += 1
        assert parsed.birth_date in (None, born)  # an old code carries the stored birth date
    assert formats[True] > 100 and formats[False] > 100
    # Children born before July 2017 mostly have old-format codes, the younger ones new codes.
    older = Counter(
        personal_codes.is_new_format(code)
        for code in Child.objects.filter(birth_date__year__lt=2017).values_list(
            "personal_code", flat=True
        )
    )
    assert older[False] > 0.9 * (older[False] + older[True])
    younger = Counter(
        personal_codes.is_new_format(code)
        for code in Child.objects.filter(birth_date__year__gt=2017).values_list(
            "personal_code", flat=True
        )
    )
    assert younger[True] > 0.9 * (younger[False] + younger[True])


def test_same_seed_gives_the_same_data_and_another_seed_other_data():
    generate(TINY, seed=3)
    first = digest()
    flush()
    assert not Child.objects.exists()
    generate(TINY, seed=3)
    assert digest() == first
    flush()
    generate(TINY, seed=4)
    assert digest() != first


def test_counts_follow_the_national_proportions(tiny):
    children = Child.objects.count()
    households = Household.objects.count()
    assert children == TINY.children
    assert 1.5 < children / households < 2.2
    assert 1.6 < LegalRepresentative.objects.count() / households < 1.8
    assert ChildRepresentative.objects.filter(role="mother").count() == children
    # Every child has a current declared residence in the municipality keeping its record.
    current = ResidenceRecord.objects.filter(
        child__isnull=False, kind="declared", valid_to__isnull=True
    )
    assert current.count() == children
    assert Child.objects.filter(municipality__in=[]).count() == 0
    audit = AuditEntry.objects.count()
    assert audit >= 0.95 * TINY.national(NATIONAL_AUDIT_ENTRIES)
    # Create, access, and the update recording that a meeting was held.
    assert set(AuditEntry.objects.values_list("action", flat=True)) == {0, 1, 3}


def test_custody_changes_follow_the_national_flows(tiny):
    suspended = CustodyRecord.objects.filter(status="suspended")
    parents = suspended.values("relation__representative").distinct().count()
    expected = TINY.factor * NATIONAL_SUSPENDED_PER_YEAR * CUSTODY_YEARS
    assert 0.5 * expected < parents < 1.6 * expected
    restored = CustodyRecord.objects.filter(status="restored").count()
    ratio = NATIONAL_RESTORED_PER_YEAR / NATIONAL_SUSPENDED_PER_YEAR
    assert 0.3 * ratio < restored / suspended.count() < 1.5 * ratio
    # A restoration or deprivation always follows a suspension of the same relation.
    for record in CustodyRecord.objects.exclude(status="suspended"):
        first = CustodyRecord.objects.filter(relation=record.relation_id).earliest("effective_from")
        assert first.status == "suspended" and first.effective_from < record.effective_from


def test_every_municipality_has_its_institutions_and_roles(tiny):
    places = Municipality.objects.filter(atvk__in=TINY.municipalities)
    for place in places:
        types = set(Institution.objects.filter(municipality=place).values_list("type", flat=True))
        assert {
            InstitutionType.ADMINISTRATION,
            InstitutionType.COUNCIL,
            InstitutionType.SOCIAL_SERVICE,
            InstitutionType.ORPHANS_COURT,
            InstitutionType.EDUCATION_BOARD,
            InstitutionType.SCHOOL,
            InstitutionType.CHILDCARE_INSTITUTION,
            InstitutionType.SERVICE_PROVIDER,
        } <= types
        assert types & {InstitutionType.MUNICIPAL_POLICE, InstitutionType.STATE_POLICE}
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)
    assert not any(user.has_usable_password() for user in User.objects.all())


def test_sampled_rows_pass_full_clean(tiny):
    for model in (
        Institution,
        User,
        Membership,
        Household,
        LegalRepresentative,
        Child,
        ChildRepresentative,
        ResidenceRecord,
        CustodyRecord,
    ):
        for obj in model.objects.order_by("?")[:40]:
            obj.full_clean()
    for person in [*Child.objects.all()[:200], *LegalRepresentative.objects.all()[:200]]:
        assert person.search_name == normalise_name(person.first_name, person.last_name)


def test_the_command_reports_rows_per_second_and_refuses_a_filled_database():
    out = io.StringIO()
    call_command("generate_data", "--scale", "tiny", "--seed", "1", stdout=out)
    assert "rows/s" in out.getvalue()
    assert Child.objects.count() == TINY.children
    with pytest.raises(CommandError, match="already holds"):
        call_command("generate_data", "--scale", "tiny", stdout=io.StringIO())
    call_command("generate_data", "--scale", "tiny", "--seed", "2", "--flush", stdout=out)
    assert Child.objects.count() == TINY.children


def test_the_command_refuses_production_settings(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("generate_data", "--scale", "tiny", stdout=io.StringIO())
    assert not Institution.objects.exists()


def test_steps_run_after_what_they_depend_on():
    check_order(STEPS)
    late = Step("late", lambda ctx: 0, (), depends_on=("audit",))
    with pytest.raises(ValueError, match="audit"):
        check_order([late, *STEPS])


def test_cases_start_from_concerns_and_hold_the_familys_children(tiny):
    cases = Case.objects.count()
    assert 0.6 * TINY.national(NATIONAL_CASES) < cases < 1.4 * TINY.national(NATIONAL_CASES)
    assert CaseParticipant.objects.filter(role="owner").count() == cases
    assert Concern.objects.filter(status="accepted").count() == cases
    assert Concern.objects.filter(status="closed").exists()
    assert not Case.objects.filter(case_children__isnull=True).exists()
    open_links = CaseChild.objects.filter(case__status="open")
    assert open_links.filter(active=False).count() == 0
    assert CaseChild.objects.filter(case__status="closed", active=True).count() == 0
    # Every family whose custody changed has a case, and every custody change a proceeding.
    custody_households = set(
        CustodyRecord.objects.values_list("relation__child__household", flat=True)
    )
    with_case = set(CaseChild.objects.values_list("child__household", flat=True))
    assert custody_households <= with_case
    assert Proceeding.objects.count() == CustodyRecord.objects.count()


def test_children_without_custody_are_in_care_in_the_national_proportions(tiny):
    current = Placement.objects.filter(ended_on__isnull=True)
    expected = TINY.national(sum(NATIONAL_CARE.values()))
    assert 0.5 * expected < current.count() < 1.6 * expected
    forms = Counter(current.values_list("form", flat=True))
    assert forms["guardianship"] > forms["institution"]
    for placement in current.select_related("child"):
        statuses = [
            relation.custody_records.order_by("-effective_from").first().status
            for relation in placement.child.representations.all()
        ]
        assert statuses and set(statuses) <= {"suspended", "deprived"}
    assert Placement.objects.filter(ended_on__isnull=False, end_reason="returned").exists()


def test_population_and_a_year_of_values_pass_the_quality_checks(tiny):
    from sargs.assessment.models import ChildPopulation, ReportedValue, Submission
    from sargs.assessment.quality import run_checks

    latest = ChildPopulation.objects.filter(reference_date="2026-01-01")
    assert sum(latest.values_list("count", flat=True)) == TINY.children
    assert Submission.objects.exclude(status="approved").count() == 0
    assert ReportedValue.objects.filter(submission__institution__type="school").exists()
    for municipality in Municipality.objects.filter(atvk__in=TINY.municipalities):
        errors = [f for f in run_checks(municipality, 2025) if f.severity == "error"]
        assert errors == [], errors[:3]


def test_each_municipality_has_a_cooperation_group_meeting_monthly(tiny):
    from sargs.cooperation.models import AgendaItem, CooperationGroup, Meeting

    for municipality in Municipality.objects.filter(atvk__in=TINY.municipalities):
        group = CooperationGroup.objects.get(municipality=municipality, status="active")
        assert group.members.count() == 4
        held = Meeting.objects.filter(group=group, status="held", date__year=2025)
        assert held.filter(kind="scheduled").count() == 12
        assert Meeting.objects.filter(group=group, status="planned").count() == 1
    items = AgendaItem.objects.filter(kind="case")
    assert items.exists()
    assert not items.exclude(case__municipality=F("meeting__group__municipality")).exists()
    assert not AgendaItem.objects.filter(decision__isnull=True).exists()
