"""POST a scenario in the shape of shared/contracts/jurisdiction.md, get the decision back.

Scenarios hold municipality codes and facts, never names or personal codes, so the answer
is not audited; any signed-in user may ask.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from sargs.core.access import SIGNED_IN

from .scenario import ScenarioError
from .selectors import jurisdiction_decide
from .texts import LANGUAGES, Lang


def _language(request: Request) -> Lang:
    asked = request.query_params.get("lang") or (get_language() or "lv")[:2]
    return asked if asked in LANGUAGES else "lv"  # type: ignore[return-value]


class JurisdictionDecideApi(APIView):
    """Which municipality answers for a child (BTAL article 67), with the reason."""

    access_rule = SIGNED_IN

    @extend_schema(request=OpenApiTypes.OBJECT, responses=OpenApiTypes.OBJECT)
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        try:
            decision = jurisdiction_decide(request.data, lang=_language(request))
        except ScenarioError as exc:
            return Response({"detail": str(exc)}, status=400)
        return Response(decision.to_dict())
