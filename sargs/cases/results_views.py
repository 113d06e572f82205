"""Pages of service results per year: full figures for coordinators, and the suppressed
summary for councillors and national analysts (ADR 0009). Aggregates only."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from sargs.core.access import access
from sargs.organisations.models import Municipality
from sargs.organisations.principal import Principal, principal_for
from sargs.organisations.roles import Role
from sargs.services.access import SEES_CAPACITY, capacity_municipalities

from .access import IS_COORDINATOR
from .plan_views import outcome_year
from .results import results_summary, service_results, waiting_times


def coordinator_municipalities(principal: Principal) -> QuerySet[Municipality]:
    return Municipality.objects.filter(pk__in=principal.municipalities(Role.COORDINATOR))


def chosen_municipality(allowed: QuerySet[Municipality], atvk: str | None) -> Municipality:
    """The municipality asked for by ATVK code (the first allowed one if none); one the reader
    may not see is not found."""
    allowed = allowed.order_by("name", "pk")
    municipality = allowed.filter(atvk=atvk).first() if atvk else allowed.first()
    if municipality is None:
        raise Http404
    return municipality


def _context(request: HttpRequest, allowed: QuerySet[Municipality]) -> dict[str, object]:
    municipality = chosen_municipality(allowed, request.GET.get("municipality"))
    year = outcome_year(request.GET.get("year"))
    return {
        "municipality": municipality,
        "municipalities": allowed.order_by("name", "pk") if allowed.count() > 1 else [],
        "year": year,
    }


@access(IS_COORDINATOR)
def service_results_page(request: HttpRequest) -> HttpResponse:
    """Full results per service for the coordinator's municipality and a year."""
    context = _context(request, coordinator_municipalities(principal_for(request)))
    municipality, year = context["municipality"], context["year"]
    assert isinstance(municipality, Municipality) and isinstance(year, int)
    rows = service_results(municipality=municipality, year=year)
    context |= {
        "rows": rows,
        "waiting": waiting_times(municipality=municipality, year=year),
        "section": "full",
    }
    return render(request, "cases/service_results.html", context)


@access(SEES_CAPACITY)
def service_results_summary(request: HttpRequest) -> HttpResponse:
    """The same figures with counts 1–4 suppressed, for councillors and national analysts."""
    context = _context(request, capacity_municipalities(principal_for(request)))
    municipality, year = context["municipality"], context["year"]
    assert isinstance(municipality, Municipality) and isinstance(year, int)
    context |= {
        "summary": results_summary(service_results(municipality=municipality, year=year)),
        "section": "summary",
    }
    return render(request, "cases/service_results_summary.html", context)
