"""API of service results per year: full figures (coordinators) and the suppressed summary
(councillors, national analysts, coordinators), under the same rules as the pages."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response

from sargs.organisations.principal import principal_for
from sargs.services.access import SEES_CAPACITY, capacity_municipalities

from .access import IS_COORDINATOR
from .plan_views import outcome_year
from .results import results_summary, service_results, waiting_times
from .results_views import chosen_municipality, coordinator_municipalities

PARAMETERS = [
    OpenApiParameter("municipality", OpenApiTypes.STR, description="ATVK code"),
    OpenApiParameter("year", OpenApiTypes.INT),
]


def _money(value: Any) -> str | None:
    return None if value is None else f"{value:.2f}"


class ServiceResultsApi(generics.GenericAPIView):  # type: ignore[type-arg]
    """Coordinators: per service and year, families and children served, hours, cost (EUR),
    children kept in / returned to their family, and the time families waited."""

    access_rule = IS_COORDINATOR
    serializer_class = serializers.Serializer

    @extend_schema(parameters=PARAMETERS, responses=OpenApiTypes.OBJECT)
    def get(self, request: Request) -> Response:
        municipality = chosen_municipality(
            coordinator_municipalities(principal_for(request)),
            request.query_params.get("municipality"),
        )
        year = outcome_year(request.query_params.get("year"))
        rows = service_results(municipality=municipality, year=year)
        return Response(
            {
                "municipality": municipality.atvk,
                "year": year,
                "services": [
                    {
                        "service_id": r.service_id,
                        "service": r.service,
                        "families": r.families,
                        "children": r.children,
                        "hours": _money(r.hours),
                        "cost": _money(r.cost),
                        "kept_in_family": r.kept_in_family,
                        "returned_to_family": r.returned_to_family,
                    }
                    for r in rows
                ],
                "waiting": [
                    {
                        "service_id": w.service_id,
                        "service": w.service,
                        "referrals": w.referrals,
                        "median_days": w.median_days,
                        "max_days": w.max_days,
                    }
                    for w in waiting_times(municipality=municipality, year=year)
                ],
            }
        )


class ServiceResultsSummaryApi(generics.GenericAPIView):  # type: ignore[type-arg]
    """Councillors, national analysts and managers: the results with counts 1–4 suppressed.
    Every count is the displayed string ("12", "<5", "×"), never the raw small count; hours
    and cost are null where the families count is hidden."""

    access_rule = SEES_CAPACITY
    serializer_class = serializers.Serializer

    @extend_schema(parameters=PARAMETERS, responses=OpenApiTypes.OBJECT)
    def get(self, request: Request) -> Response:
        municipality = chosen_municipality(
            capacity_municipalities(principal_for(request)),
            request.query_params.get("municipality"),
        )
        year = outcome_year(request.query_params.get("year"))
        summary = results_summary(service_results(municipality=municipality, year=year))
        columns = ("families", "children", "kept_in_family", "returned_to_family")
        return Response(
            {
                "municipality": municipality.atvk,
                "year": year,
                "services": [
                    {
                        "service": row.service,
                        **{c: cell.display for c, cell in zip(columns, row.cells, strict=True)},
                        "hours": _money(row.hours),
                        "cost": _money(row.cost),
                    }
                    for row in summary.rows
                ],
                "total": {
                    **{c: cell.display for c, cell in zip(columns, summary.totals, strict=True)},
                    "hours": _money(summary.hours),
                    "cost": _money(summary.cost),
                },
            }
        )
