"""Freezing: refused while reports are missing, then frozen figures replace on refreezing."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from sargs.assessment.freeze import freeze, freeze_blockers
from sargs.assessment.models import Assessment, FrozenValue, SubmissionStatus
from sargs.audit.models import AuditEntry

from .quality_factories import YEAR, period, submission

pytestmark = pytest.mark.django_db
REPORTERS = ("a_admin", "a_social", "a_court", "a_police", "a_eduboard", "a_school")


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def everyone_approved(cast, **values):
    subs = {}
    for key in REPORTERS:
        subs[key] = submission(cast.institutions[key], period(), values.get(key, {}))
    return subs


def test_blockers_name_what_is_missing(cast):
    assert freeze_blockers(cast.municipality_a, YEAR) == ["No reporting period is open for 2025."]
    submission(cast.institutions["a_court"], period(), status=SubmissionStatus.SUBMITTED)
    blockers = freeze_blockers(cast.municipality_a, YEAR)
    assert "A Social service has not started its report for 2025." in blockers
    assert (
        "The report of A Orphan's court for 2025 is submitted and awaits your approval." in blockers
    )
    with pytest.raises(ValidationError) as error:
        freeze(actor=cast.coordinator, municipality=cast.municipality_a, year=YEAR)
    assert error.value.messages[0] == "The year cannot be frozen yet:"
    assert not Assessment.objects.exists()


def test_only_the_municipalitys_coordinator_freezes(cast):
    everyone_approved(cast)
    for user in (cast.b_coordinator, cast.social_worker, cast.national_analyst):
        with pytest.raises(PermissionDenied):
            freeze(actor=user, municipality=cast.municipality_a, year=YEAR)


def test_freeze_copies_reported_and_computed_figures_and_the_checks(cast):
    subs = everyone_approved(
        cast,
        a_court={
            ("F3", "children"): 3,
            ("F3", "children|form=guardianship"): 3,
            ("F3", "children|age=7_17"): 3,
            ("F3", "children|sex=f"): 2,  # and 0 boys: does not add up
            ("F4", "specialised"): "not_reported",
        },
    )
    assessment = freeze(actor=cast.coordinator, municipality=cast.municipality_a, year=YEAR)
    assert assessment.status == "frozen" and assessment.frozen_by == cast.coordinator
    reported = FrozenValue.objects.filter(assessment=assessment, origin="reported")
    f3 = reported.get(definition__indicator__code="F3", cell="children")
    assert (f3.state, f3.amount) == ("number", 3)
    f4 = reported.get(definition__indicator__code="F4", cell="specialised")
    assert (f4.state, f4.amount) == ("not_reported", None)
    computed = FrozenValue.objects.filter(assessment=assessment, origin="computed")
    assert computed.get(definition__indicator__code="F3", cell="children").amount == 0
    assert computed.filter(definition__indicator__code="E2", semester=1).exists()
    assert {q["code"] for q in assessment.quality} >= {"parts_sum", "rates"}
    parts = next(q for q in assessment.quality if q["code"] == "parts_sum")
    assert parts["message_en"].endswith("the girls and boys add up to 2 but the total is 3.")
    count = FrozenValue.objects.count()

    # A correction: the court's report is reopened, changed, approved; freezing again replaces.
    court = subs["a_court"]
    court.values.filter(cell="children|sex=m").update(amount=1)
    again = freeze(actor=cast.coordinator, municipality=cast.municipality_a, year=YEAR)
    assert again.pk == assessment.pk and FrozenValue.objects.count() == count
    assert "parts_sum" not in {q["code"] for q in again.quality}
    trail = AuditEntry.objects.filter(
        content_type__model="assessment", object_pk=str(assessment.pk)
    )
    assert trail.count() >= 2


def test_the_whole_flow_through_the_collection_services(cast):
    """Collected, submitted and approved through the collection part's services, then frozen:
    the frozen total is the sum over the approved reports (two schools report E3)."""
    from decimal import Decimal

    from sargs.assessment import services
    from sargs.assessment.selectors import definitions_for
    from sargs.organisations.models import Institution, Membership
    from sargs.organisations.roles import InstitutionType, Role

    second = Institution.objects.create(
        name="Otra skola", type=InstitutionType.SCHOOL, municipality=cast.municipality_a
    )
    Membership.objects.create(user=cast.school_staff, institution=second, role=Role.SCHOOL_STAFF)
    year = services.open_period(actor=cast.coordinator, year=YEAR)
    reporters = {
        "a_admin": cast.coordinator,
        "a_social": cast.social_worker,
        "a_court": cast.orphans_court_member,
        "a_police": cast.police_officer,
        "a_eduboard": cast.education_specialist,
        "a_school": cast.school_staff,
    }
    institutions = [(cast.institutions[k], user) for k, user in reporters.items()]
    for institution, user in [*institutions, (second, cast.school_staff)]:
        sub = services.submission_for(institution=institution, period=year)
        values = {
            (d.pk, cell): ("number", Decimal(0))
            for d in definitions_for(institution, year)
            for cell in d.cells
        }
        if institution.type == InstitutionType.SCHOOL:
            e3 = next(d for d in definitions_for(institution, year) if d.indicator.code == "E3")
            values[(e3.pk, "cases")] = ("number", Decimal(2))
            values[(e3.pk, "cases|kind=physical")] = ("number", Decimal(2))
        services.save_values(actor=user, submission=sub, values=values)
        services.submit(actor=user, submission=sub)
        services.approve(actor=cast.coordinator, submission=sub)
    assessment = freeze(actor=cast.coordinator, municipality=cast.municipality_a, year=YEAR)
    e3 = assessment.values.get(definition__indicator__code="E3", cell="cases", origin="reported")
    assert e3.amount == 4
    assert not [q for q in assessment.quality if q["code"] in ("completeness", "parts_sum")]
