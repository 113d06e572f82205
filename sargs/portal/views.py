from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sargs.core.access import SIGNED_IN, access
from sargs.organisations.models import Membership
from sargs.organisations.principal import principal_for, signed_in_user

from .panels import panels_for


@access(SIGNED_IN)
def home(request: HttpRequest) -> HttpResponse:
    """The home page: the user's roles and the panels their work needs."""
    principal = principal_for(request)
    memberships = (
        Membership.objects.active()
        .filter(user=signed_in_user(request))
        .select_related("institution", "institution__municipality")
    )
    return render(
        request,
        "portal/home.html",
        {"memberships": memberships, "panels": panels_for(principal.roles)},
    )
