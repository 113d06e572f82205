"""Reads for referrals, and the results of family support services per service and year
(issue 5, parts 6 and 7): families currently served and waiting per contract (fed to the
capacity page through the hooks of ``sargs.services.selectors``), the time families waited,
and per service and year the families and children served, hours, cost and the children kept
in or returned to their family. These feed indicators L2 and N3 (domain.md §3). Aggregates
only; every figure is a constant number of grouped queries.

Definitions:

* **Served in the year**: a referral that started (``started_on``) on or before 31 December
  and did not end before 1 January. Families = distinct cases; children = distinct children of
  those cases.
* **Hours**: the sum of the sessions held in the year.
* **Cost**: per session held in the year, by the unit of the referral's contract, at the
  contract's (current) price per unit: ``hour`` → hours × price; ``session`` → sessions ×
  price; ``day`` → distinct days with a session (per referral) × price; ``month`` → distinct
  calendar months with a session (per referral) × price; ``family`` → price once per referral
  with a session in the year (a flat price per family and year). Referrals without a contract
  (the municipality's own staff) have hours but no cost. Rounded to cents.
* **Kept in / returned to the family**: children of cases closed in the year with the outcome
  "stayed in the family" / "returned to the family", for each service the case received (a
  referral that started). A case with two services counts under both. A referral that never
  started (ended while requested, accepted or waiting) is not a service received: its case
  counts "without a service". ``outcome_figures`` is the one reading of this, for the
  coordinator's outcome page and the results page alike (issue 15, point 7).
* **Waiting time**: for referrals accepted in the year, days from the request to acceptance
  (to the start where no acceptance date was recorded); median and maximum per service.
"""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, F, FilteredRelation, Q, QuerySet, Sum
from django.http import Http404

from sargs.cases.casework.access import CASE_PARTICIPANTS
from sargs.cases.casework.models import CaseChild, CaseOutcome, CaseStatus
from sargs.core.suppression import Shown, suppress_table
from sargs.organisations.grants import coordinated_municipalities
from sargs.organisations.models import Municipality
from sargs.organisations.principal import Principal
from sargs.services.models import MunicipalService, Unit

from .access import referral_policy
from .models import (
    CRISIS_TEAM_CODE,
    FAMILY_ASSISTANT_CODE,
    REFERRAL_FINAL,
    REFERRAL_OPEN,
    Referral,
    ReferralSession,
    ReferralStatus,
)

CENT = Decimal("0.01")

IN_USE = (ReferralStatus.ACCEPTED.value, ReferralStatus.IN_PROGRESS.value)
WAITING = (ReferralStatus.REQUESTED.value, ReferralStatus.WAITING.value)


# --- One referral ------------------------------------------------------------------------------


def _referrals() -> QuerySet[Referral]:
    return Referral.objects.select_related("case", "service", "provider").prefetch_related(
        "case__children"
    )


def referral_list(*, principal: Principal, closed: bool = False) -> QuerySet[Referral]:
    """Open (or ended) referrals the principal sees: a provider only those to it."""
    statuses = REFERRAL_FINAL if closed else REFERRAL_OPEN
    return referral_policy.visible(principal, _referrals().filter(status__in=statuses)).order_by(
        "-requested_on", "-pk"
    )


def provider_referrals(*, principal: Principal) -> QuerySet[Referral]:
    """Open referrals to the principal's own institutions: the provider's side of the list."""
    return referral_list(principal=principal).filter(
        provider__in=CASE_PARTICIPANTS.institutions(principal)
    )


def referrals_in_progress(*, principal: Principal) -> QuerySet[Referral]:
    """The provider's services in progress with their last session, the longest without a
    recorded session first."""
    return (
        provider_referrals(principal=principal)
        .filter(status=ReferralStatus.IN_PROGRESS)
        # The latest session's day is kept on the referral by the session service: the first
        # rows are read from the index (provider, last session, id) of the referrals in
        # progress, not by looking up the latest session of each of the provider's referrals
        # (47,507 of them for Riga's social service at tenfold scale, 311 ms; issue 20).
        .order_by(F("last_session_on").asc(nulls_first=True), "pk")
    )


def referral_get(*, principal: Principal, pk: int) -> Referral:
    """One referral the principal sees; 404 otherwise."""
    return referral_policy.get_visible_or_404(
        principal,
        _referrals().select_related("service__service_type__parent", "contract"),
        pk=pk,
    )


def is_crisis_intervention(referral: Referral) -> bool:
    """Whether the referral is to the crisis intervention team (a signed agreement first)."""
    service_type = referral.service.service_type
    return CRISIS_TEAM_CODE in (
        service_type.code,
        service_type.parent.code if service_type.parent else "",
    )


def is_family_assistant_service(service: MunicipalService) -> bool:
    """Whether a catalogue entry is the family assistant service (domain.md §8)."""
    service_type = service.service_type
    return FAMILY_ASSISTANT_CODE in (
        service_type.code,
        service_type.parent.code if service_type.parent else "",
    )


def referral_hours(referral: Referral) -> Decimal:
    """Hours given so far (the sum of the sessions)."""
    return sum((s.hours for s in referral.sessions.all()), Decimal(0))


# --- Whose results -----------------------------------------------------------------------------


def coordinator_municipalities(principal: Principal) -> QuerySet[Municipality]:
    """The municipalities whose full results the principal reads (as a coordinator)."""
    return Municipality.objects.filter(pk__in=coordinated_municipalities(principal))


def chosen_municipality(allowed: QuerySet[Municipality], atvk: str | None) -> Municipality:
    """The municipality asked for by ATVK code (the first allowed one if none); one the reader
    may not see is not found."""
    allowed = allowed.order_by("name", "pk")
    municipality = allowed.filter(atvk=atvk).first() if atvk else allowed.first()
    if municipality is None:
        raise Http404
    return municipality


# --- Capacity hooks (registered in CasesConfig.ready) ------------------------------------------


def _families_per_contract(municipality: Municipality, statuses: tuple[str, ...]) -> dict[int, int]:
    rows = (
        Referral.objects.filter(
            service__municipality=municipality, contract__isnull=False, status__in=statuses
        )
        .values("contract_id")
        .annotate(n=Count("case", distinct=True))
        .order_by()
    )
    return {r["contract_id"]: r["n"] for r in rows}


def families_in_use(municipality: Municipality) -> Mapping[int, int]:
    """Contract id → families served now (referral accepted or in progress)."""
    return _families_per_contract(municipality, IN_USE)


def families_waiting(municipality: Municipality) -> Mapping[int, int]:
    """Contract id → families waiting (referral requested or on the waiting list)."""
    return _families_per_contract(municipality, WAITING)


# --- Waiting time ------------------------------------------------------------------------------


@dataclass
class WaitingTime:
    service_id: int
    service: str
    referrals: int
    median_days: float
    max_days: int


def waiting_times(*, municipality: Municipality, year: int) -> list[WaitingTime]:
    """Per service, days from request to acceptance for referrals accepted in ``year`` (to the
    start where acceptance was not recorded). One query."""
    rows = (
        Referral.objects.filter(service__municipality=municipality)
        .filter(
            Q(accepted_on__year=year) | Q(accepted_on__isnull=True, started_on__year=year),
        )
        .values_list("service_id", "service__name", "requested_on", "accepted_on", "started_on")
        .order_by()
    )
    days: dict[tuple[int, str], list[int]] = defaultdict(list)
    for service_id, name, requested, accepted, started in rows:
        left = accepted or started
        assert left is not None
        days[(service_id, name)].append(max((left - requested).days, 0))
    return sorted(
        (
            WaitingTime(
                service_id=sid,
                service=name,
                referrals=len(values),
                median_days=float(statistics.median(values)),
                max_days=max(values),
            )
            for (sid, name), values in days.items()
        ),
        key=lambda w: (w.service, w.service_id),
    )


# --- Outcomes of closed cases per service received ----------------------------------------------


@dataclass
class OutcomeRow:
    """Children whose case closed in the year, for one service received (or none)."""

    service_id: int | None
    service: str
    children: int = 0
    kept_in_family: int = 0
    by_outcome: dict[str, int] = field(default_factory=dict)


KEPT_IN_FAMILY = (CaseOutcome.STAYED.value, CaseOutcome.RETURNED.value)


def outcome_figures(*, municipality_ids: frozenset[int], year: int) -> list[OutcomeRow]:
    """Per service received (and "without a service", ``service_id`` None), the children whose
    case closed in ``year`` and how many were kept in (or returned to) their family: "14 of 17
    children kept in their family". Received = a referral that started; a case's outcome counts
    for each of its children. One grouped query."""
    rows = (
        CaseChild.objects.filter(
            case__municipality__in=municipality_ids,
            case__status=CaseStatus.CLOSED,
            case__closed_on__year=year,
        )
        .annotate(
            received=FilteredRelation(
                "case__referrals", condition=Q(case__referrals__started_on__isnull=False)
            )
        )
        .values("received__service_id", "received__service__name", "case__outcome")
        .annotate(n=Count("child", distinct=True))
        .order_by()
    )
    by_service: dict[int | None, OutcomeRow] = {}
    for row in rows:
        service_id = row["received__service_id"]
        entry = by_service.setdefault(
            service_id, OutcomeRow(service_id, row["received__service__name"] or "")
        )
        entry.children += row["n"]
        outcome = row["case__outcome"]
        entry.by_outcome[outcome] = entry.by_outcome.get(outcome, 0) + row["n"]
        if outcome in KEPT_IN_FAMILY:
            entry.kept_in_family += row["n"]
    return sorted(by_service.values(), key=lambda r: (r.service_id is None, r.service))


# --- Results per service and year --------------------------------------------------------------


@dataclass
class ServiceResult:
    service_id: int
    service: str
    families: int = 0
    children: int = 0
    hours: Decimal = Decimal("0.00")
    cost: Decimal = Decimal("0.00")
    kept_in_family: int = 0
    returned_to_family: int = 0


@dataclass(frozen=True)
class _Day:
    """One referral's sessions on one day, with its contract's unit and price."""

    held_on: datetime.date
    hours: Decimal
    sessions: int
    unit: str | None
    price: Decimal | None


def _cost(days: list[_Day]) -> Decimal:
    """The cost of one referral's sessions in the year by its contract's unit (see above)."""
    unit, price = days[0].unit, days[0].price
    if unit is None or price is None:
        return Decimal(0)
    if unit == Unit.HOUR:
        units = sum((d.hours for d in days), Decimal(0))
    elif unit == Unit.SESSION:
        units = Decimal(sum(d.sessions for d in days))
    elif unit == Unit.DAY:
        units = Decimal(len({d.held_on for d in days}))
    elif unit == Unit.MONTH:
        units = Decimal(len({d.held_on.month for d in days}))
    else:  # Unit.FAMILY: a flat price per family and year
        units = Decimal(1)
    return units * price


def service_results(*, municipality: Municipality, year: int) -> list[ServiceResult]:
    """Per service of the municipality's catalogue, the year's families and children served,
    hours, cost and outcomes (four queries whatever the number of services)."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    services = MunicipalService.objects.filter(municipality=municipality).order_by(
        "service_type__sort_order", "name", "pk"
    )
    results = {s.pk: ServiceResult(service_id=s.pk, service=s.name) for s in services}

    served = (
        Referral.objects.filter(
            service__municipality=municipality, started_on__isnull=False, started_on__lte=end
        )
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start))
        .values("service_id")
        .annotate(
            families=Count("case", distinct=True),
            children=Count("case__case_children__child", distinct=True),
        )
        .order_by()
    )
    for row in served:
        results[row["service_id"]].families = row["families"]
        results[row["service_id"]].children = row["children"]

    sessions = (
        ReferralSession.objects.filter(
            referral__service__municipality=municipality, held_on__year=year
        )
        .values(
            "referral_id",
            "referral__service_id",
            "held_on",
            unit=F("referral__contract__unit"),
            price=F("referral__contract__unit_price"),
        )
        .annotate(day_hours=Sum("hours"), n=Count("pk"))
        .order_by()
    )
    per_referral: dict[tuple[int, int], list[_Day]] = defaultdict(list)
    for row in sessions:
        per_referral[(row["referral__service_id"], row["referral_id"])].append(
            _Day(row["held_on"], row["day_hours"], row["n"], row["unit"], row["price"])
        )
    for (service_id, _referral), days in per_referral.items():
        result = results[service_id]
        result.hours += sum((d.hours for d in days), Decimal(0))
        result.cost += _cost(days)
    for result in results.values():
        result.hours = result.hours.quantize(CENT)
        result.cost = result.cost.quantize(CENT, rounding=ROUND_HALF_UP)

    for outcome in outcome_figures(municipality_ids=frozenset({municipality.pk}), year=year):
        if outcome.service_id in results:
            result = results[outcome.service_id]
            result.kept_in_family = outcome.by_outcome.get(CaseOutcome.STAYED, 0)
            result.returned_to_family = outcome.by_outcome.get(CaseOutcome.RETURNED, 0)
    return list(results.values())


# --- The public-facing summary (ADR 0009) -------------------------------------------------------

COUNT_COLUMNS = ("families", "children", "kept_in_family", "returned_to_family")


@dataclass
class SummaryRow:
    service: str
    cells: tuple[Shown, ...]  # families, children, kept in, returned to the family
    # Hours and cost describe the families served, so they are shown only where the families
    # count is shown; otherwise None (displayed "×").
    hours: Decimal | None
    cost: Decimal | None


@dataclass
class ResultsSummary:
    rows: list[SummaryRow]
    totals: tuple[Shown, ...]
    # Totals of hours and cost only when every row shows them (else a total minus the shown
    # rows would give back the hidden rows' figures).
    hours: Decimal | None
    cost: Decimal | None


def results_summary(results: list[ServiceResult]) -> ResultsSummary:
    """The results for readers without case access: the counts go through ``suppress_table``
    (1–4 shown "<5", complementary cells "×"); services with no figures are left out. The
    table's row totals (sums of unlike counts) are used by the suppression but not shown."""
    kept = [r for r in results if any(getattr(r, c) for c in COUNT_COLUMNS) or r.hours or r.cost]
    if not kept:
        empty = tuple(Shown(0) for _ in COUNT_COLUMNS)
        return ResultsSummary(rows=[], totals=empty, hours=Decimal("0.00"), cost=Decimal("0.00"))
    table = suppress_table([[getattr(r, c) for c in COUNT_COLUMNS] for r in kept])
    rows = [
        SummaryRow(
            service=r.service,
            cells=cells,
            hours=None if cells[0].hidden else r.hours,
            cost=None if cells[0].hidden else r.cost,
        )
        for r, cells in zip(kept, table.cells, strict=True)
    ]
    complete = all(row.hours is not None for row in rows)
    return ResultsSummary(
        rows=rows,
        totals=table.column_totals,
        hours=sum((r.hours for r in kept), Decimal("0.00")) if complete else None,
        cost=sum((r.cost for r in kept), Decimal("0.00")) if complete else None,
    )


# --- Data subjects' requests (sargs.subjects) --------------------------------------------------
def referral_records_about_cases(case_ids: list[int]) -> list[Any]:
    """The referrals of these cases (a child's cases) and their sessions. Reads only."""
    referrals = list(
        Referral.objects.filter(case_id__in=case_ids)
        .select_related("service", "provider", "assistant", "referred_by")
        .order_by("pk")
    )
    sessions = list(
        ReferralSession.objects.filter(referral__in=referrals)
        .select_related("recorded_by")
        .order_by("pk")
    )
    return [*referrals, *sessions]
