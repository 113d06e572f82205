"""Read API of the assessment's outputs, under the dashboard's rules: a municipality's own
coordinators read its figures as they are; councillors and national analysts read them with
counts 1–4 suppressed (a hidden count is null, with what the dashboard shows in ``shown``)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response

from sargs.organisations.principal import principal_for

from .access import READS_ASSESSMENT, dashboard_municipalities, sees_unsuppressed
from .catalogue import BY_CODE
from .dashboard import Cell, GroupFigure, indicator_view
from .models import Assessment, AssessmentStatus
from .output_views import chosen_municipality
from .report import assessment_json

MUNICIPALITY = OpenApiParameter("municipality", OpenApiTypes.STR, description="ATVK code")
YEAR = OpenApiParameter("year", OpenApiTypes.INT, required=True)
CODE = OpenApiParameter(
    "code", OpenApiTypes.STR, OpenApiParameter.PATH, description="Indicator code, e.g. F3"
)


def _number(value: Decimal | None) -> int | str | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else f"{value:.2f}"


def _rate(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _cell(cell: Cell | None) -> dict[str, Any] | None:
    if cell is None:
        return None
    data: dict[str, Any] = {"state": cell.state, "value": _number(cell.amount)}
    if cell.hidden:
        data["shown"] = cell.display
    return data


def _group(figure: GroupFigure | None) -> dict[str, Any] | None:
    if figure is None:
        return None
    return {
        "municipalities": figure.members,
        "withheld": figure.withheld,
        "value": _number(figure.amount),
        "per_1000_children": _rate(figure.rate),
    }


class AssessmentValuesApi(generics.GenericAPIView):  # type: ignore[type-arg]
    """A municipality's frozen figures of one year: every indicator's cells per semester with
    state, origin and quality findings (the JSON of ``manage.py assessment``)."""

    access_rule = READS_ASSESSMENT
    serializer_class = serializers.Serializer

    @extend_schema(parameters=[MUNICIPALITY, YEAR], responses=OpenApiTypes.OBJECT)
    def get(self, request: Request) -> Response:
        principal = principal_for(request)
        municipality = chosen_municipality(
            dashboard_municipalities(principal), request.query_params.get("municipality")
        )
        year = request.query_params.get("year", "")
        assessment = Assessment.objects.filter(
            municipality=municipality,
            year=int(year) if year.isdigit() else -1,
            status=AssessmentStatus.FROZEN,
        ).first()
        if assessment is None:
            raise Http404
        suppressed = not sees_unsuppressed(principal, municipality.pk)
        return Response(assessment_json(assessment, suppressed=suppressed))


class DashboardSeriesApi(generics.GenericAPIView):  # type: ignore[type-arg]
    """One indicator of a municipality over the frozen years: each cell per period, the rate
    per 1,000 children, the change from the previous period and the same-kind and national
    figures (withheld where they would give back a hidden count)."""

    access_rule = READS_ASSESSMENT
    serializer_class = serializers.Serializer

    @extend_schema(parameters=[CODE, MUNICIPALITY], responses=OpenApiTypes.OBJECT)
    def get(self, request: Request, code: str) -> Response:
        if code not in BY_CODE:
            raise Http404
        principal = principal_for(request)
        municipality = chosen_municipality(
            dashboard_municipalities(principal), request.query_params.get("municipality")
        )
        suppressed = not sees_unsuppressed(principal, municipality.pk)
        view = indicator_view(municipality, code, suppressed=suppressed, language="en")
        return Response(
            {
                "municipality": municipality.atvk,
                "indicator": code,
                "suppressed": suppressed,
                "periods": [{"year": p.year, "semester": p.semester} for p in view.periods],
                "measures": [
                    {
                        "measure": m.key,
                        "cells": {
                            row.key: {
                                "values": [_cell(c) for c in row.cells],
                                "per_1000_children": [_rate(r) for r in row.rates]
                                if m.rated
                                else None,
                            }
                            for row in m.rows
                        },
                        "change": [_number(c) for c in m.changes],
                        "same_kind": [_group(g) for g in m.same_kind],
                        "national": [_group(g) for g in m.national],
                    }
                    for m in view.measures
                ],
            }
        )
