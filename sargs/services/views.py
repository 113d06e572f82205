"""Pages for the catalogue, provider contracts, staff qualifications, crisis teams and the
capacity summary. Thin: selectors read, services write, the policies decide (not visible →
404, visible but not allowed → 403)."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sargs.audit.services import record_views
from sargs.core.access import access
from sargs.core.forms import once_per_form, run_service
from sargs.core.pages import page_of
from sargs.organisations.grants import IS_COORDINATOR
from sargs.organisations.models import User
from sargs.organisations.principal import principal_for, signed_in_user

from . import selectors, services
from .access import (
    MANAGES_SERVICES,
    SEES_CAPACITY,
    SEES_SERVICES,
    capacity_municipalities,
    contract_policy,
    crisis_team_policy,
    provider_policy,
    service_municipalities,
    service_policy,
)
from .forms import (
    CapacityFilterForm,
    CrisisTeamForm,
    CrisisTeamMemberForm,
    MunicipalServiceCreateForm,
    MunicipalServiceEditForm,
    OnCallShiftForm,
    ProviderContractCreateForm,
    ProviderContractForm,
    QualificationForm,
)
from .models import CrisisTeam, OnCallShift

# --- Catalogue -------------------------------------------------------------------------------


@access(MANAGES_SERVICES)
def catalogue_list(request: HttpRequest) -> HttpResponse:
    principal = principal_for(request)
    managed = list(selectors.managed_municipalities(principal=principal))
    available = (
        list(selectors.types_not_in_catalogue(municipality=managed[0])) if len(managed) == 1 else []
    )
    return render(
        request,
        "services/catalogue_list.html",
        {
            "page_obj": page_of(request, selectors.catalogue_list(principal=principal)),
            "available_types": available,
        },
    )


@access(MANAGES_SERVICES)
@once_per_form
def catalogue_create(request: HttpRequest) -> HttpResponse:
    principal = principal_for(request)
    types = selectors.service_type_list()
    initial: dict[str, Any] = {}
    chosen = types.filter(code=request.GET.get("type", "")).first()
    if chosen is not None:
        initial = {"service_type": chosen, "description": chosen.description}
        initial["target_group"] = chosen.target_group
    form = MunicipalServiceCreateForm(
        request.POST or None,
        initial=initial,
        service_types=types,
        municipalities=selectors.managed_municipalities(principal=principal),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        service = run_service(
            form,
            lambda: services.municipal_service_create(
                actor=signed_in_user(request),
                municipality=data["municipality"],
                service_type=data["service_type"],
                name=data["name"],
                description=data["description"],
                target_group=data["target_group"],
                referring_roles=data["referring_roles"],
            ),
        )
        if service is not None:
            messages.success(request, _("The service was added to the catalogue."))
            return redirect("services:catalogue-list")
    return render(request, "services/catalogue_form.html", {"form": form, "service_type": chosen})


@access(MANAGES_SERVICES)
def catalogue_edit(request: HttpRequest, pk: int) -> HttpResponse:
    principal = principal_for(request)
    service = selectors.catalogue_get(principal=principal, pk=pk)
    service_policy.require_change(principal, service)
    form = MunicipalServiceEditForm(
        request.POST or None,
        initial={
            "name": service.name,
            "description": service.description,
            "target_group": service.target_group,
            "referring_roles": service.referring_roles,
            "is_active": service.is_active,
        },
    )
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            form,
            lambda: services.municipal_service_update(
                actor=signed_in_user(request), service=service, **form.cleaned_data
            ),
        )
        if saved is not None:
            messages.success(request, _("The service was saved."))
            return redirect("services:catalogue-list")
    return render(request, "services/catalogue_form.html", {"form": form, "service": service})


# --- Provider contracts ----------------------------------------------------------------------


@access(SEES_SERVICES)
def contract_list(request: HttpRequest) -> HttpResponse:
    principal = principal_for(request)
    return render(
        request,
        "services/contract_list.html",
        {
            "page_obj": page_of(request, selectors.contract_list(principal=principal)),
            "can_manage": MANAGES_SERVICES.check(principal),
        },
    )


def _contract_fields(data: dict[str, Any]) -> dict[str, Any]:
    keys = (
        "provider",
        "valid_from",
        "valid_to",
        "unit",
        "unit_price",
        "capacity",
        "service_area",
        "reference",
        "note",
    )
    return {key: data[key] for key in keys}


@access(MANAGES_SERVICES)
@once_per_form
def contract_create(request: HttpRequest) -> HttpResponse:
    principal = principal_for(request)
    service_qs = selectors.catalogue_list(principal=principal).filter(is_active=True)
    initial: dict[str, Any] = {"valid_from": timezone.localdate()}
    if request.GET.get("service", "").isdigit():
        initial["service"] = service_qs.filter(pk=request.GET["service"]).first()
    form = ProviderContractCreateForm(
        request.POST or None,
        initial=initial,
        services=service_qs,
        providers=selectors.provider_choices(principal=principal),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        contract = run_service(
            form,
            lambda: services.provider_contract_create(
                actor=signed_in_user(request), service=data["service"], **_contract_fields(data)
            ),
        )
        if contract is not None:
            messages.success(request, _("The contract was saved."))
            return redirect("services:contract-list")
    return render(request, "services/contract_form.html", {"form": form})


@access(MANAGES_SERVICES)
def contract_edit(request: HttpRequest, pk: int) -> HttpResponse:
    principal = principal_for(request)
    contract = selectors.contract_get(principal=principal, pk=pk)
    contract_policy.require_change(principal, contract)
    form = ProviderContractForm(
        request.POST or None,
        initial={
            **{
                key: getattr(contract, key)
                for key in (
                    "provider",
                    "valid_from",
                    "valid_to",
                    "unit",
                    "unit_price",
                    "capacity",
                    "reference",
                    "note",
                )
            },
            "service_area": list(contract.service_area.all()),
        },
        providers=selectors.provider_choices(principal=principal),
    )
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            form,
            lambda: services.provider_contract_update(
                actor=signed_in_user(request),
                contract=contract,
                **_contract_fields(form.cleaned_data),
            ),
        )
        if saved is not None:
            messages.success(request, _("The contract was saved."))
            return redirect("services:contract-list")
    return render(request, "services/contract_form.html", {"form": form, "contract": contract})


# --- Staff qualifications --------------------------------------------------------------------


@access(SEES_SERVICES)
def provider_staff(request: HttpRequest, pk: int) -> HttpResponse:
    principal = principal_for(request)
    provider = selectors.provider_get(principal=principal, pk=pk)
    can_record = provider_policy.can_change(principal, provider)
    rows = selectors.provider_staff(provider=provider)
    staff = User.objects.filter(pk__in=[row.user.pk for row in rows])
    form = QualificationForm(request.POST or None, staff=staff)
    if request.method == "POST":
        if not can_record:
            provider_policy.require_change(principal, provider)
        if form.is_valid():
            saved = run_service(
                form,
                lambda: services.qualification_record(
                    actor=signed_in_user(request), provider=provider, **form.cleaned_data
                ),
            )
            if saved is not None:
                messages.success(request, _("The education was recorded."))
                return redirect("services:provider-staff", pk=provider.pk)
    record_views(
        request=request,
        objs=[q for row in rows for q in row.qualifications],
        purpose="provider staff",
    )
    return render(
        request,
        "services/provider_staff.html",
        {"provider": provider, "rows": rows, "form": form, "can_record": can_record},
    )


# --- Crisis teams ----------------------------------------------------------------------------


@access(SEES_SERVICES)
def crisis_team_list(request: HttpRequest) -> HttpResponse:
    principal = principal_for(request)
    can_manage = MANAGES_SERVICES.check(principal)
    form = None
    if can_manage:
        form = CrisisTeamForm(
            request.POST or None,
            municipalities=selectors.managed_municipalities(principal=principal),
            providers=selectors.provider_choices(principal=principal),
        )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            team = run_service(
                form,
                lambda: services.crisis_team_create(
                    actor=signed_in_user(request), **form.cleaned_data
                ),
            )
            if team is not None:
                messages.success(request, _("The crisis team was set up."))
                return redirect("services:crisis-team-detail", pk=team.pk)
    return render(
        request,
        "services/crisis_team_list.html",
        {
            "page_obj": page_of(request, selectors.crisis_team_list(principal=principal)),
            "form": form,
        },
    )


def _week(request: HttpRequest) -> datetime.date:
    try:
        day = datetime.date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        day = timezone.localdate()
    return selectors.monday_of(day)


def _team_page(request: HttpRequest, team: CrisisTeam, **forms: Any) -> HttpResponse:
    principal = principal_for(request)
    can_manage = crisis_team_policy.can_change(principal, team)
    members = selectors.crisis_team_members(team=team)
    context = {
        "team": team,
        "members": members,
        "rota": selectors.rota_week(team=team, week_start=_week(request)),
        "can_manage": can_manage,
        "member_form": forms.get("member_form")
        or CrisisTeamMemberForm(users=selectors.crisis_team_candidates(team=team)),
        "shift_form": forms.get("shift_form")
        or OnCallShiftForm(members=members.filter(is_active=True)),
    }
    template = "services/crisis_team_detail.html"
    if request.htmx and request.GET.get("week"):  # type: ignore[attr-defined]
        template = "services/partials/_rota.html"
    return render(request, template, context)


@access(SEES_SERVICES)
def crisis_team_detail(request: HttpRequest, pk: int) -> HttpResponse:
    team = selectors.crisis_team_get(principal=principal_for(request), pk=pk)
    return _team_page(request, team)


def _team_to_change(request: HttpRequest, pk: int) -> CrisisTeam:
    principal = principal_for(request)
    team = selectors.crisis_team_get(principal=principal, pk=pk)
    crisis_team_policy.require_change(principal, team)
    return team


@access(MANAGES_SERVICES)
@require_POST
@once_per_form
def crisis_member_add(request: HttpRequest, pk: int) -> HttpResponse:
    team = _team_to_change(request, pk)
    form = CrisisTeamMemberForm(request.POST, users=selectors.crisis_team_candidates(team=team))
    if form.is_valid():
        member = run_service(
            form,
            lambda: services.crisis_team_member_add(
                actor=signed_in_user(request), team=team, **form.cleaned_data
            ),
        )
        if member is not None:
            messages.success(request, _("The member was added."))
            return redirect("services:crisis-team-detail", pk=team.pk)
    return _team_page(request, team, member_form=form)


@access(MANAGES_SERVICES)
@require_POST
@once_per_form
def crisis_shift_add(request: HttpRequest, pk: int) -> HttpResponse:
    team = _team_to_change(request, pk)
    members = selectors.crisis_team_members(team=team).filter(is_active=True)
    form = OnCallShiftForm(request.POST, members=members)
    if form.is_valid():
        shift = run_service(
            form,
            lambda: services.on_call_shift_add(
                actor=signed_in_user(request), team=team, **form.cleaned_data
            ),
        )
        if shift is not None:
            messages.success(request, _("The shift was added to the rota."))
            week = selectors.monday_of(timezone.localtime(shift.starts_at).date())
            return redirect(f"{team_url(team)}?week={week.isoformat()}")
    return _team_page(request, team, shift_form=form)


def team_url(team: CrisisTeam) -> str:
    return reverse("services:crisis-team-detail", kwargs={"pk": team.pk})


@access(MANAGES_SERVICES)
@require_POST
def crisis_shift_delete(request: HttpRequest, pk: int, shift_pk: int) -> HttpResponse:
    team = _team_to_change(request, pk)
    shift = OnCallShift.objects.filter(team=team, pk=shift_pk).select_related("team").first()
    if shift is None:
        raise Http404
    week = selectors.monday_of(timezone.localtime(shift.starts_at).date())
    services.on_call_shift_delete(actor=signed_in_user(request), shift=shift)
    messages.success(request, _("The shift was removed."))
    return redirect(f"{team_url(team)}?week={week.isoformat()}")


# --- Capacity --------------------------------------------------------------------------------


@access(SEES_CAPACITY)
def capacity(request: HttpRequest) -> HttpResponse:
    municipalities = capacity_municipalities(principal_for(request))
    form = CapacityFilterForm(request.GET or None, municipalities=municipalities)
    chosen = form.cleaned_data.get("municipality") if form.is_valid() else None
    municipality = chosen or municipalities.first()
    rows = []
    if municipality is not None:
        rows = selectors.capacity_summary(
            municipality,
            selectors.capacity_in_use(municipality),
            waiting=selectors.capacity_waiting(municipality),
        )
    # Counts of families are about children: only those who manage the municipality's services
    # see them per contract; everyone else sees suppressed totals per service (ADR 0009).
    full_figures = municipality is not None and municipality.pk in service_municipalities(
        principal_for(request)
    )
    return render(
        request,
        "services/capacity.html",
        {
            "form": form,
            "municipality": municipality,
            "rows": rows if full_figures else selectors.capacity_suppressed(rows),
            "full_figures": full_figures,
            "several": municipalities.count() > 1,
            "is_coordinator": IS_COORDINATOR.check(principal_for(request)),
        },
    )
