"""Figures a request needs in more than one place, computed once per request.

The header's danger badge, the worklist's tab counts and the home page's panels read the
same counts; each asks through :func:`once_per_request` with its own key, so the first asker
runs the query and the others reuse the answer (issue 20: the open-task count ran twice per
request). The answer lives on the request object only: the next request counts again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.http import HttpRequest

T = TypeVar("T")

_ATTR = "_sargs_once_per_request"


def once_per_request(request: HttpRequest, key: str, compute: Callable[[], T]) -> T:
    """``compute()`` the first time ``key`` is asked for during ``request``; its answer after."""
    store: dict[str, Any] = request.__dict__.setdefault(_ATTR, {})
    if key not in store:
        store[key] = compute()
    return cast(T, store[key])
