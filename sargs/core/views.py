"""Health check and language switch."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.i18n import set_language as django_set_language

from .access import PUBLIC, access


@access(PUBLIC)
@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """Reports whether the database answers; 503 when it does not (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy"; details stay out of the answer
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok", "vendor": connection.vendor})


@access(PUBLIC)
def set_language(request: HttpRequest) -> HttpResponse:
    return django_set_language(request)
