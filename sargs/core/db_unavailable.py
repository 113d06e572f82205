"""When the database does not answer, people get a calm page in their language, not a stack
trace, and Sargs recovers by itself when the database is back.

Placed early in MIDDLEWARE (before sessions: reading a session needs the database). Django
turns an exception inside any later middleware or view into a 500 response before it reaches
us, so the failure is noted from ``got_request_exception`` (sent while the exception is being
handled) and the 500 is replaced here by a 503. The page is a static template rendered without
a request, so no context processor (navigation, user) touches the database.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger("sargs.db")

DATABASE_DOWN = (OperationalError, InterfaceError)
_FLAG = "_sargs_database_unavailable"
RETRY_AFTER_SECONDS = 30


def _note_database_failure(sender: Any, request: HttpRequest | None = None, **_: Any) -> None:
    exception = sys.exc_info()[1]
    if request is not None and isinstance(exception, DATABASE_DOWN):
        setattr(request, _FLAG, True)


got_request_exception.connect(_note_database_failure, dispatch_uid="sargs-database-unavailable")


def close_broken_connections() -> None:
    """Drop connections that failed, so the next request opens a new one (with CONN_MAX_AGE a
    broken connection would otherwise be kept and fail again)."""
    for conn in connections.all(initialized_only=True):
        if conn.in_atomic_block:  # a test's wrapping transaction; requests run in autocommit
            continue
        try:
            conn.close_if_unusable_or_obsolete()
        except Exception:  # closing a dead socket may fail too; it is gone either way
            conn.connection = None


def unavailable_response(request: HttpRequest) -> HttpResponse:
    """The 503 page in the visitor's language (from the language cookie or the browser)."""
    language = translation.get_language_from_request(request)
    with translation.override(language):
        body = render_to_string("503.html", {"language": translation.get_language()})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Answers 503 with a page in the visitor's language when the database is down."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            response = self.get_response(request)
        except DATABASE_DOWN:  # raised past Django's own conversion (e.g. under the test client)
            setattr(request, _FLAG, True)
            response = HttpResponse(status=500)
        if getattr(request, _FLAG, False):
            # The path only: no query string, no user, nothing personal.
            logger.error("database unavailable; answered 503 for %s", request.path)
            close_broken_connections()
            return unavailable_response(request)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """A view's database failure: answered here, before Django's 500 handling."""
        if not isinstance(exception, DATABASE_DOWN):
            return None
        logger.error("database unavailable; answered 503 for %s", request.path)
        close_broken_connections()
        return unavailable_response(request)
