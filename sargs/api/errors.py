"""Answers in JSON under /api/ even when Django itself answers (no URL pattern matched)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from rest_framework.exceptions import NotFound

API_PREFIX = "/api/"


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """config/urls.py's handler404: an unknown API path (``/api/v1/tasks/-1/…``, which no
    pattern matches) gets DRF's JSON 404 as the schema documents; pages keep the 404 page."""
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": str(NotFound.default_detail)}, status=404)
    return defaults.page_not_found(request, exception)
