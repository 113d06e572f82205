"""Outcome figures per service and year ("14 of 17 children kept in their family")."""

from __future__ import annotations

import pytest

from sargs.cases.casework import services as case_services
from sargs.cases.concerns import services as concern_services
from sargs.cases.referrals import services as rs
from sargs.cases.referrals.selectors import outcome_figures, service_results
from sargs.cases.tests.helpers import refer, report, today
from sargs.registry.models import Household
from sargs.registry.testing import make_child

pytestmark = pytest.mark.django_db


def close_case(
    cast,
    *,
    outcome: str,
    name: str,
    siblings: int = 0,
    service: bool = True,
    started: bool = True,
):
    concern = report(cast, child_first_name=name)
    home = Household.objects.create(municipality=cast.municipality_a, name=name)
    child = make_child(cast.municipality_a, first_name=name, household=home)
    case = concern_services.concern_accept(concern=concern, actor=cast.social_worker, child=child)
    for n in range(siblings):
        sibling = make_child(cast.municipality_a, first_name=f"{name}{n}", household=home)
        again = report(cast, child_first_name=f"{name}{n}")
        assert (
            concern_services.concern_accept(concern=again, actor=cast.social_worker, child=sibling)
            == case
        )
    if service:
        referral = refer(cast, case)
        if started:
            rs.referral_accept(referral=referral, actor=cast.provider_staff)
            rs.referral_start(referral=referral, actor=cast.provider_staff)
        rs.referral_end(referral=referral, actor=cast.social_worker, outcome="Beidzās.")
    case_services.case_close(case=case, actor=cast.social_worker, outcome=outcome)
    return case


def test_figures_per_service(cast):
    close_case(cast, outcome="stayed_in_family", name="A", siblings=1)
    close_case(cast, outcome="placed_in_care", name="B")
    close_case(cast, outcome="returned_to_family", name="C", service=False)
    rows = outcome_figures(municipality_ids=frozenset({cast.municipality_a.pk}), year=today().year)
    by_service = {r.service: r for r in rows}
    assisted = by_service["Pakalpojums family-assistant"]
    assert (assisted.kept_in_family, assisted.children) == (2, 3)
    assert assisted.by_outcome == {"stayed_in_family": 2, "placed_in_care": 1}
    assert (by_service[""].kept_in_family, by_service[""].children) == (1, 1)
    assert (
        outcome_figures(municipality_ids=frozenset({cast.municipality_b.pk}), year=today().year)
        == []
    )


def test_a_referral_that_never_started_is_no_service_on_either_page(cast, client_for):
    """ "Bez pēriena": two children kept in the family, the referral ended before it started.
    Neither the outcome figures nor the results credit the service; both read one selector."""
    close_case(cast, outcome="stayed_in_family", name="A", siblings=1, started=False)
    year = today().year
    rows = outcome_figures(municipality_ids=frozenset({cast.municipality_a.pk}), year=year)
    assert [(r.service, r.kept_in_family, r.children) for r in rows] == [("", 2, 2)]
    results = {r.service: r for r in service_results(municipality=cast.municipality_a, year=year)}
    never = results["Pakalpojums family-assistant"]
    assert (never.families, never.children, never.kept_in_family) == (0, 0, 0)
    page = client_for(cast.coordinator).get(f"/cases/outcomes/?year={year}").content.decode()
    assert "Pakalpojums family-assistant" not in page


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("coordinator", 200),
        ("b_coordinator", 200),
        ("social_worker", 403),
        ("school_staff", 403),
        ("councillor", 403),
        ("national_analyst", 403),
    ],
)
def test_outcomes_page_and_api_for_coordinators_only(cast, client_for, role, status):
    close_case(cast, outcome="stayed_in_family", name="A")
    client = client_for(getattr(cast, role))
    page = client.get(f"/cases/outcomes/?year={today().year}")
    api = client.get(f"/api/v1/cases/outcomes/?year={today().year}")
    assert page.status_code == status
    assert api.status_code == status
    if status == 200:
        expected = 1 if role == "coordinator" else 0
        assert sum(r["kept_in_family"] for r in api.json()["services"]) == expected
        assert "A Bērziņa" not in page.content.decode()
