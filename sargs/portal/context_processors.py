"""Template context shared by every page: the navigation for the user's roles."""

from __future__ import annotations

from django.http import HttpRequest

from sargs.portal.navigation import navigation_for


def navigation(request: HttpRequest) -> dict[str, object]:
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"nav_items": []}
    return {"nav_items": navigation_for(request)}
