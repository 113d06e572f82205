"""Pages for concerns and alerts: report, list, read, triage (take up into a case or close),
acknowledge an alert. Thin: selectors read, services write, the policies decide (not visible
→ 404, visible but not allowed → 403). Every child's data shown is recorded in the audit
trail."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sargs.audit.services import record_views
from sargs.cases.casework.access import (
    CASE_MANAGERS,
    MANAGES_CASES,
    SEES_CASES,
    case_policy,
)
from sargs.cases.casework.family_selectors import earlier_family_case
from sargs.cases.casework.forms import ReasonForm
from sargs.cases.casework.models import Case
from sargs.core.access import access
from sargs.core.forms import once_per_form, run_action, run_service
from sargs.core.pages import page_of
from sargs.organisations.models import Institution
from sargs.organisations.principal import principal_for, signed_in_user
from sargs.organisations.roles import CHILD_DATA_ROLES
from sargs.registry.access import registry_municipalities

from . import selectors, services
from .access import alert_policy, concern_policy
from .forms import AcceptForm, ConcernForm, RegisterAcceptForm
from .models import Alert, Concern, ConcernStatus


def _reporting_institutions(request: HttpRequest) -> QuerySet[Institution]:
    principal = principal_for(request)
    ids = {g.institution_id for g in principal.grants if g.role in CHILD_DATA_ROLES}
    return Institution.objects.filter(pk__in=ids).order_by("name")


@access(SEES_CASES)
@once_per_form
def concern_create(request: HttpRequest) -> HttpResponse:
    form = ConcernForm(request.POST or None, institutions=_reporting_institutions(request))
    if request.method == "POST" and form.is_valid():
        concern = run_service(
            form,
            lambda: services.concern_report(actor=signed_in_user(request), **form.cleaned_data),
        )
        if concern is not None:
            messages.success(request, _("The concern was reported to the social service."))
            return redirect("cases:concern-detail", pk=concern.pk)
    return render(request, "cases/concern_form.html", {"form": form})


@access(SEES_CASES)
def concern_list(request: HttpRequest) -> HttpResponse:
    principal = principal_for(request)
    default = "triage" if CASE_MANAGERS.municipalities(principal) else "ours"
    tab = request.GET.get("tab", default)
    tab = tab if tab in selectors.CONCERN_TABS else default
    page = page_of(request, selectors.concern_list(principal=principal, tab=tab))  # type: ignore[arg-type]
    selectors.concerns_record_read(
        request=request, concerns=list(page.object_list), purpose="concern list"
    )
    return render(
        request,
        "cases/concern_list.html",
        {"tab": tab, "page_obj": page, "manages": bool(CASE_MANAGERS.municipalities(principal))},
    )


def _concern_page(request: HttpRequest, concern: Concern, **forms: Form) -> HttpResponse:
    principal = principal_for(request)
    selectors.concerns_record_read(request=request, concerns=[concern], purpose="concern")
    can_triage = (
        concern_policy.can_change(principal, concern) and concern.status == ConcernStatus.NEW
    )
    candidates = (
        list(selectors.child_candidates(principal=principal, concern=concern)) if can_triage else []
    )
    if candidates:
        record_views(request=request, objs=candidates, purpose="concern triage", concern=concern.pk)
    return render(
        request,
        "cases/concern_detail.html",
        {
            "concern": concern,
            "sees_reporter": concern_policy.sees_reporter(principal, concern),
            "my_alerts": selectors.open_alerts(principal=principal).filter(concern=concern),
            "can_claim": concern.municipality_id in registry_municipalities(principal)
            and concern.residence_municipality_id not in (None, concern.municipality_id),
            "can_triage": can_triage,
            "case_visible": concern.case_id is not None
            and case_policy.visible(principal, Case.objects.filter(pk=concern.case_id)).exists(),
            "accept_form": forms.get("accept_form") or AcceptForm(candidates=candidates),
            "earlier_cases": [
                (child, earlier)
                for child in candidates
                if (earlier := earlier_family_case(child)) is not None
            ],
            "register_form": forms.get("register_form") or RegisterAcceptForm(),
            "close_form": forms.get("close_form") or ReasonForm(),
        },
    )


@access(SEES_CASES)
def concern_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _concern_page(request, selectors.concern_get(principal=principal_for(request), pk=pk))


def _triaged_concern(request: HttpRequest, pk: int) -> Concern:
    principal = principal_for(request)
    concern = selectors.concern_get(principal=principal, pk=pk)
    concern_policy.require_change(principal, concern)
    return concern


def _concern_action(
    request: HttpRequest, pk: int, form: Form, name: str, call: Callable[[Concern], Any], done: str
) -> HttpResponse:
    concern = _triaged_concern(request, pk)
    if concern.status != ConcernStatus.NEW:
        messages.error(request, _("This concern has already been triaged."))
        return redirect("cases:concern-detail", pk=pk)
    if form.is_valid() and run_service(form, lambda: call(concern)) is not None:
        messages.success(request, done)
        return redirect("cases:concern-detail", pk=pk)
    return _concern_page(request, concern, **{name: form})


@access(MANAGES_CASES)
@require_POST
def concern_accept(request: HttpRequest, pk: int) -> HttpResponse:
    principal = principal_for(request)
    concern = _triaged_concern(request, pk)
    candidates = list(selectors.child_candidates(principal=principal, concern=concern))
    form = AcceptForm(request.POST, candidates=candidates)
    return _concern_action(
        request,
        pk,
        form,
        "accept_form",
        lambda c: services.concern_accept(
            concern=c,
            actor=signed_in_user(request),
            child=form.cleaned_data["child"],
            earlier=form.cleaned_data.get("earlier") or services.EARLIER_NEW,
        ),
        _("The concern was taken up in the family's case."),
    )


@access(MANAGES_CASES)
@require_POST
def concern_register(request: HttpRequest, pk: int) -> HttpResponse:
    form = RegisterAcceptForm(request.POST)
    return _concern_action(
        request,
        pk,
        form,
        "register_form",
        lambda c: services.concern_accept_new_child(
            concern=c, actor=signed_in_user(request), sex=form.cleaned_data["sex"]
        ),
        _("The child was registered and the concern taken up in a case."),
    )


@access(MANAGES_CASES)
@require_POST
def concern_close(request: HttpRequest, pk: int) -> HttpResponse:
    form = ReasonForm(request.POST)
    return _concern_action(
        request,
        pk,
        form,
        "close_form",
        lambda c: services.concern_close(
            concern=c, actor=signed_in_user(request), reason=form.cleaned_data["reason"]
        ),
        _("The concern was closed."),
    )


@access(SEES_CASES)
@require_POST
def alert_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    principal = principal_for(request)
    alert = alert_policy.get_visible_or_404(principal, Alert.objects.all(), pk=pk)
    actor = signed_in_user(request)
    run_action(
        request,
        lambda: services.alert_acknowledge(alert=alert, actor=actor),
        done=_("The alert was acknowledged."),
    )
    return redirect("cases:worklist")
