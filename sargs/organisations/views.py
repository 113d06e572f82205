"""Institutions (everyone, within their scope) and users (administrators)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sargs.core.access import SIGNED_IN, access
from sargs.core.forms import once_per_form, run_service
from sargs.core.pages import page_of
from sargs.core.reads import record_read

from . import selectors, services
from .access import IS_ADMINISTRATOR, institution_policy, user_policy
from .forms import InstitutionFilterForm, MembershipForm, UserCreateForm
from .models import Institution, Membership, User
from .principal import principal_for, signed_in_user
from .roles import Role


@access(SIGNED_IN)
def institution_list(request: HttpRequest) -> HttpResponse:
    form = InstitutionFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.institution_list(
        principal=principal_for(request),
        query=filters.get("q", ""),
        institution_type=filters.get("type", ""),
    )
    page = page_of(request, qs)
    template = (
        "organisations/partials/_institution_rows.html"
        if request.htmx  # type: ignore[attr-defined]
        else "organisations/institution_list.html"
    )
    return render(request, template, {"form": form, "page_obj": page})


@access(SIGNED_IN)
def institution_detail(request: HttpRequest, pk: int) -> HttpResponse:
    principal = principal_for(request)
    institution = institution_policy.get_visible_or_404(
        principal, Institution.objects.select_related("municipality"), pk=pk
    )
    return render(
        request,
        "organisations/institution_detail.html",
        {
            "institution": institution,
            "can_change": institution_policy.can_change(principal, institution),
        },
    )


@access(IS_ADMINISTRATOR)
def user_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    qs = selectors.user_list(principal=principal_for(request), query=query)
    page = page_of(request, qs)
    return render(request, "organisations/user_list.html", {"page_obj": page, "q": query})


@access(IS_ADMINISTRATOR)
@once_per_form
def user_create(request: HttpRequest) -> HttpResponse:
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.user_create(
            actor=signed_in_user(request),
            request=request,
            **{k: form.cleaned_data[k] for k in ("username", "first_name", "last_name", "email")},
        )
        messages.success(request, _("The user was created and a link to set a password was sent."))
        return redirect("organisations:user-detail", pk=user.pk)
    return render(request, "organisations/user_form.html", {"form": form})


@access(IS_ADMINISTRATOR)
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    principal = principal_for(request)
    user = user_policy.get_visible_or_404(principal, User.objects.all(), pk=pk)
    can_change = user_policy.can_change(principal, user)
    institutions = selectors.institution_list(principal=principal)
    form = MembershipForm(request.POST or None, institutions=institutions)
    if request.method == "POST":
        user_policy.require_change(principal, user)
        if form.is_valid():
            granted = run_service(
                form,
                lambda: services.membership_grant(
                    actor=signed_in_user(request),
                    user=user,
                    institution=form.cleaned_data["institution"],
                    role=Role(form.cleaned_data["role"]),
                    valid_from=form.cleaned_data["valid_from"],
                    valid_to=form.cleaned_data["valid_to"],
                ),
            )
            if granted is not None:
                messages.success(request, _("The role was added."))
                return redirect("organisations:user-detail", pk=user.pk)
    record_read(request=request, obj=user)
    return render(
        request,
        "organisations/user_detail.html",
        {
            "subject": user,
            "memberships": selectors.membership_list(user=user),
            "form": form,
            "can_change": can_change,
        },
    )


@access(IS_ADMINISTRATOR)
@require_POST
def membership_end(request: HttpRequest, pk: int) -> HttpResponse:
    principal = principal_for(request)
    membership = get_object_or_404(Membership.objects.select_related("user"), pk=pk)
    user_policy.get_visible_or_404(principal, User.objects.all(), pk=membership.user_id)
    user_policy.require_change(principal, membership.user)
    services.membership_end(actor=signed_in_user(request), membership=membership)
    messages.success(request, _("The role was ended."))
    return redirect("organisations:user-detail", pk=membership.user_id)


@access(IS_ADMINISTRATOR)
@require_POST
def user_set_active(request: HttpRequest, pk: int) -> HttpResponse:
    principal = principal_for(request)
    user = user_policy.get_visible_or_404(principal, User.objects.all(), pk=pk)
    user_policy.require_change(principal, user)
    active = request.POST.get("active") == "1"
    services.user_set_active(actor=signed_in_user(request), user=user, active=active)
    messages.success(
        request, _("The user was activated.") if active else _("The user was deactivated.")
    )
    return redirect("organisations:user-detail", pk=user.pk)
