from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from sargs.audit.services import record_views
from sargs.core.access import SIGNED_IN, access
from sargs.organisations.models import Membership
from sargs.organisations.principal import principal_for, signed_in_user

from .panels import HomeContext, build_panels


@access(SIGNED_IN)
def home(request: HttpRequest) -> HttpResponse:
    """The home page: the user's roles and, per role, the work waiting for them."""
    context = HomeContext(
        request=request, principal=principal_for(request), today=timezone.localdate()
    )
    panels = build_panels(context)
    if context.shown:
        record_views(request=request, objs=context.shown, purpose="home")
    memberships = (
        Membership.objects.active()
        .filter(user=signed_in_user(request))
        .select_related("institution", "institution__municipality")
    )
    return render(request, "portal/home.html", {"memberships": memberships, "panels": panels})
