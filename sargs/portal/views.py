from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from sargs.cases.casework.selectors import record_reads_with_children
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
    # The panels name children through the tasks, concerns, referrals and matters they list:
    # the read is recorded on each of those and on each child's own record (ADR 0003).
    record_reads_with_children(
        request=request,
        shown=context.shown,
        case_ids=[getattr(obj, "case_id", None) for obj in context.shown],
        child_ids=[getattr(obj, "child_id", None) for obj in context.shown],
        purpose="home",
    )
    memberships = (
        Membership.objects.active()
        .filter(user=signed_in_user(request))
        .select_related("institution", "institution__municipality")
    )
    return render(request, "portal/home.html", {"memberships": memberships, "panels": panels})
