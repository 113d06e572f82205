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
    request: HttpRequest,
    items: Any,
    *,
    number: Any = None,
    size: int | None = None,
    count: int | None = None,
    capped: bool = False,
) -> Page[Any]:
    """The page of ``items`` the request asks for (``?page=``, or ``number``); past the end
    gives the last page. ``count``: how many items there are, when the page already counted
    them (a tab's count beside its name), so the paginator does not count them again.
    ``capped``: count at most ``SEARCH_COUNT_CAP`` items (a list that grows with the
    municipality); ``paginator.more`` then says whether there are more, and the pages show
    "of more than N"."""
    chosen = request.GET.get("page") if number is None else number
    paginator = Paginator(items, size or page_size())
    more = False
    if count is None and capped:
        count, more = capped_count(items, SEARCH_COUNT_CAP)
    if count is not None:
        paginator.__dict__["count"] = count  # Paginator.count is a cached_property
    paginator.more = more  # type: ignore[attr-defined]
    return paginator.get_page(chosen)


# A search that matches more than this many rows says so instead of counting them all: a
# common name matches thousands of children in a big municipality (17,889 for "Bērziņ" in
# Rīga at ten times the country), and counting every one costs more than the page itself
# (issue 20). A choice of the interface, not a rule of law.
SEARCH_COUNT_CAP = 1000


def capped_count(items: Any, cap: int = SEARCH_COUNT_CAP) -> tuple[int, bool]:
    """How many ``items`` there are, counting at most ``cap`` + 1 of them, and whether there
    are more than ``cap`` (then the count given is ``cap``)."""
    found = items.order_by()[: cap + 1].count()
    return min(found, cap), found > cap
