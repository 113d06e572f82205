"""Template context shared by every page: the navigation for the user's roles."""

from __future__ import annotations

from django.http import HttpRequest

from sargs.cases.concerns.selectors import open_alert_count_once
from sargs.organisations.principal import principal_for
from sargs.organisations.roles import CHILD_DATA_ROLES
from sargs.portal.navigation import navigation_for


def navigation(request: HttpRequest) -> dict[str, object]:
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"nav_items": []}
    return {"nav_items": navigation_for(request)}


def danger_alerts(request: HttpRequest) -> dict[str, object]:
    """The header badge: how many danger alerts the user's institutions have not acknowledged
    (one COUNT query per request, shared with the home page's alert panel; none for roles that
    never see children's data)."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"danger_alert_count": 0}
    principal = principal_for(request)
    if not principal.has_role(*CHILD_DATA_ROLES):
        return {"danger_alert_count": 0}
    return {"danger_alert_count": open_alert_count_once(request)}
