"""One page size for every list: ``settings.SARGS_PAGE_SIZE`` (25 unless a deployment sets it)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.http import HttpRequest

DEFAULT_PAGE_SIZE = 25


def page_size() -> int:
    """Rows per page of every list in Sargs."""
    return int(getattr(settings, "SARGS_PAGE_SIZE", DEFAULT_PAGE_SIZE))


def page_of(
    request: HttpRequest, items: Any, *, number: Any = None, size: int | None = None
) -> Page[Any]:
    """The page of ``items`` the request asks for (``?page=``, or ``number``); past the end
    gives the last page."""
    chosen = request.GET.get("page") if number is None else number
    return Paginator(items, size or page_size()).get_page(chosen)
