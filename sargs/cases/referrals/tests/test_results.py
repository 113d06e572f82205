"""Service results per year (issue 5, parts 6–7): capacity hooks, waiting time, results,
the suppressed public summary, and who sees which."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest

from sargs.cases.casework import services as case_services
from sargs.cases.concerns import services as concern_services
from sargs.cases.referrals import services as rs
from sargs.cases.referrals.models import Referral
from sargs.cases.referrals.selectors import (
    families_in_use,
    families_waiting,
    results_summary,
    service_results,
    waiting_times,
)
from sargs.cases.tests.helpers import catalogue, refer, report, today
from sargs.registry.models import Household
from sargs.registry.testing import make_child
from sargs.services.selectors import capacity_in_use, capacity_summary, capacity_waiting

pytestmark = pytest.mark.django_db

FA = "Pakalpojums family-assistant"


def family(cast, name: str, *, children: int = 1):
    home = Household.objects.create(municipality=cast.municipality_a, name=name)
    case = None
    for n in range(children):
        child = make_child(cast.municipality_a, first_name=f"{name}{n}", household=home)
        concern = report(cast, child_first_name=f"{name}{n}")
        case = concern_services.concern_accept(
            concern=concern, actor=cast.social_worker, child=child
        )
    assert case is not None
    return case


def served(cast, case, *, hours=(), code="family-assistant", waited=0):
    referral = refer(cast, case, code=code)
    Referral.objects.filter(pk=referral.pk).update(
        requested_on=today() - datetime.timedelta(days=waited)
    )
    rs.referral_accept(referral=referral, actor=cast.provider_staff)
    rs.referral_start(referral=referral, actor=cast.provider_staff)
    for h in hours:
        rs.referral_session_add(
            referral=referral, actor=cast.provider_staff, held_on=today(), hours=Decimal(h)
        )
    return referral


def scenario(cast):
    """Family X (2 children): 2 h + 1.5 h, completed, case closed, kept in the family.
    Family Y (1 child): 3 h, still in progress. Family Z: on the psychologist's waiting list."""
    x = family(cast, "X", children=2)
    rx = served(cast, x, hours=("2", "1.5"), waited=10)
    rs.referral_complete(
        referral=rx, actor=cast.provider_staff, outcome_rating="achieved", outcome="Labi."
    )
    case_services.case_close(case=x, actor=cast.social_worker, outcome="stayed_in_family")
    y = family(cast, "Y")
    ry = served(cast, y, hours=("3",), waited=4)
    z = family(cast, "Z")
    rz = refer(cast, z, code="psychologist")
    rs.referral_waitlist(referral=rz, actor=cast.provider_staff)
    return rx, ry, rz


def test_results_add_up(cast, django_assert_num_queries):
    scenario(cast)
    with django_assert_num_queries(4):
        rows = service_results(municipality=cast.municipality_a, year=today().year)
    by_name = {r.service: r for r in rows}
    fa = by_name[FA]
    assert (fa.families, fa.children, fa.hours, fa.cost) == (
        2,
        3,
        Decimal("6.50"),
        Decimal("81.25"),
    )
    assert (fa.kept_in_family, fa.returned_to_family) == (2, 0)
    psych = by_name["Pakalpojums psychologist"]
    assert (psych.families, psych.children, psych.hours, psych.cost) == (0, 0, 0, 0)
    assert service_results(municipality=cast.municipality_b, year=today().year) == []
    assert all(
        r.families == 0 for r in service_results(municipality=cast.municipality_a, year=2001)
    )


def test_query_count_does_not_grow(cast, django_assert_num_queries):
    scenario(cast)
    for name in "PQRS":
        served(cast, family(cast, name), hours=("1",), code="psychologist")
    with django_assert_num_queries(4):
        service_results(municipality=cast.municipality_a, year=today().year)


def test_cost_by_unit(cast):
    scenario(cast)
    _service, contract = catalogue(cast)
    for unit, cost in [
        ("session", "37.50"),
        ("day", "25.00"),
        ("month", "25.00"),
        ("family", "25.00"),
    ]:
        type(contract).objects.filter(pk=contract.pk).update(unit=unit)
        fa = {
            r.service: r
            for r in service_results(municipality=cast.municipality_a, year=today().year)
        }[FA]
        assert fa.cost == Decimal(cost), unit


def test_capacity_hooks(cast):
    _rx, ry, rz = scenario(cast)
    assert families_in_use(cast.municipality_a) == {ry.contract_id: 1}
    assert families_waiting(cast.municipality_a) == {rz.contract_id: 1}
    rows = capacity_summary(
        cast.municipality_a,
        capacity_in_use(cast.municipality_a),
        waiting=capacity_waiting(cast.municipality_a),
    )
    by_name = {r.service: r for r in rows}
    assert (by_name[FA].in_use, by_name[FA].free, by_name[FA].waiting) == (1, 9, 0)
    assert by_name["Pakalpojums psychologist"].waiting == 1


def test_waiting_time(cast):
    scenario(cast)
    (fa,) = waiting_times(municipality=cast.municipality_a, year=today().year)
    assert (fa.service, fa.referrals, fa.median_days, fa.max_days) == (FA, 2, 7.0, 10)
    assert waiting_times(municipality=cast.municipality_a, year=2001) == []


def test_waiting_time_falls_back_to_the_start(cast):
    _rx, ry, _rz = scenario(cast)
    Referral.objects.filter(pk=ry.pk).update(accepted_on=None)
    (fa,) = waiting_times(municipality=cast.municipality_a, year=today().year)
    assert (fa.referrals, fa.median_days) == (2, 7.0)


def test_summary_suppresses_small_counts(cast):
    scenario(cast)
    summary = results_summary(service_results(municipality=cast.municipality_a, year=today().year))
    (row,) = summary.rows  # the psychologist has no figures yet
    assert [c.display for c in row.cells] == ["<5", "<5", "<5", "0"]
    assert (row.hours, row.cost) == (None, None)
    assert summary.hours is None


SMALL = re.compile(r"^[1-4]$")


@pytest.mark.parametrize(
    ("role", "full", "summary"),
    [
        ("coordinator", 200, 200),
        ("b_coordinator", 200, 200),
        ("councillor", 403, 200),
        ("national_analyst", 403, 200),
        ("school_staff", 403, 403),
        ("family_assistant", 403, 403),
    ],
)
def test_access(cast, client_for, role, full, summary):
    scenario(cast)
    client = client_for(getattr(cast, role))
    atvk = cast.municipality_a.atvk
    year = today().year
    for path, status in [
        ("/cases/results/", full),
        ("/api/v1/services/results/", full),
        ("/cases/results/summary/", summary),
        ("/api/v1/services/results/summary/", summary),
    ]:
        response = client.get(f"{path}?year={year}&municipality={atvk}")
        expected = 404 if status == 200 and role == "b_coordinator" else status
        assert response.status_code == expected, path


def test_public_output_has_no_small_counts(cast, client_for):
    scenario(cast)
    atvk = cast.municipality_a.atvk
    for role in ("councillor", "national_analyst"):
        client = client_for(getattr(cast, role))
        body = client.get(
            f"/api/v1/services/results/summary/?year={today().year}&municipality={atvk}"
        ).json()
        values = [v for s in body["services"] for k, v in s.items() if k != "service"]
        values += list(body["total"].values())
        assert not [v for v in values if isinstance(v, int) and 1 <= v <= 4]
        assert not [v for v in values if isinstance(v, str) and SMALL.match(v)]
        assert body["services"][0]["families"] == "<5"
        page = client.get(f"/cases/results/summary/?year={today().year}&municipality={atvk}")
        cells = re.findall(r"<td>([^<]*)</td>", page.content.decode())
        assert cells and not [c for c in cells if SMALL.match(c.strip())]


def test_full_page_shows_figures(cast, client_for):
    scenario(cast)
    body = client_for(cast.coordinator).get(f"/api/v1/services/results/?year={today().year}").json()
    fa = next(s for s in body["services"] if s["service"] == FA)
    assert (fa["families"], fa["children"], fa["hours"], fa["cost"]) == (2, 3, "6.50", "81.25")
    assert body["waiting"][0]["max_days"] == 10
    page = client_for(cast.coordinator).get("/cases/results/")
    assert page.status_code == 200 and "81" in page.content.decode()
