"""Shared set-ups: a school's concern, a case taken up from it, tasks."""

from __future__ import annotations

import datetime

from django.utils import timezone

from sargs.cases.casework import services as case_services
from sargs.cases.casework.models import Case, SupportArea, Task
from sargs.cases.concerns import services as concern_services
from sargs.cases.concerns.models import Concern
from sargs.registry.factories import HouseholdFactory
from sargs.registry.models import Child
from sargs.registry.testing import make_child, old_code

BORN = datetime.date(2015, 3, 4)


def today() -> datetime.date:
    return timezone.localdate()


def report(cast, *, user=None, institution=None, danger: bool = False, **kwargs) -> Concern:
    """A concern reported by the cast's school (or ``user`` in ``institution``)."""
    values = {
        "actor": user or cast.school_staff,
        "reporting_institution": institution or cast.institutions["a_school"],
        "child_first_name": "Anna",
        "child_last_name": "Bērziņa",
        "child_birth_date": BORN,
        "categories": ["neglect", "school_absence"],
        "description": "Nāk uz skolu izsalkusi.",
        "observed_on": today() - datetime.timedelta(days=1),
        "place": "school",
        "observed_by": "Klases audzinātāja",
        "danger_to_life": danger,
    }
    values.update(kwargs)
    return concern_services.concern_report(**values)


def registry_child(cast, **kwargs) -> Child:
    household = kwargs.pop("household", None) or HouseholdFactory(
        municipality=cast.municipality_a, name="Bērziņu ģimene"
    )
    return make_child(
        cast.municipality_a, household=household, personal_code=old_code(BORN), **kwargs
    )


def open_case(cast, *, danger: bool = False) -> tuple[Concern, Case, Child]:
    """A school's concern taken up by the social worker into a new case."""
    concern = report(cast, danger=danger)
    child = registry_child(cast)
    case = concern_services.concern_accept(concern=concern, actor=cast.social_worker, child=child)
    concern.refresh_from_db()
    return concern, case, child


def school_task(cast, case: Case, **kwargs) -> Task:
    values = {
        "case": case,
        "actor": cast.social_worker,
        "title": "Sekot apmeklējumam",
        "institution": cast.institutions["a_school"],
        "due_on": today() + datetime.timedelta(days=2),
    }
    values.update(kwargs)
    return case_services.task_create(**values)


ALL_RATINGS = dict.fromkeys(SupportArea.values, 1)


def catalogue(cast, code: str = "family-assistant"):
    """Municipality A's catalogue entry of ``code`` and a contract with the cast's provider."""
    from decimal import Decimal

    from sargs.services.models import MunicipalService, ProviderContract, ServiceType

    service, _ = MunicipalService.objects.get_or_create(
        municipality=cast.municipality_a,
        service_type=ServiceType.objects.get(code=code),
        name=f"Pakalpojums {code}",
    )
    contract, _ = ProviderContract.objects.get_or_create(
        provider=cast.institutions["a_provider"],
        service=service,
        defaults={
            "valid_from": datetime.date(2020, 1, 1),
            "unit_price": Decimal("12.50"),
            "capacity": 10,
        },
    )
    return service, contract


def refer(cast, case: Case, *, code: str = "family-assistant", **kwargs):
    from sargs.cases.referrals import services as referral_services

    service, contract = catalogue(cast, code)
    values = {
        "case": case,
        "actor": cast.social_worker,
        "service": service,
        "contract": contract,
        "planned_from": today(),
        "areas": ["childcare", "budget"],
        "shared_note": "Mamma viena ar trim bērniem.",
    }
    if code == "family-assistant":
        # A family assistant needs an assessment and a plan or a reason for urgency (issue 16):
        # tests about other things refer without them, saying so.
        values["urgency_reason"] = "Testā: ģimenei atbalsts vajadzīgs tūlīt."
    values.update(kwargs)
    return referral_services.referral_create(**values)
