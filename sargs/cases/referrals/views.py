"""Pages for referrals and the results of the services. Providers see only referrals to their
institution; the case's side refers and ends them. Not visible → 404; visible but not this
side → 403. The results are aggregates: full figures for coordinators, the suppressed summary
for councillors and national analysts (ADR 0009)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sargs.audit.services import record_view, record_views
from sargs.cases.casework import selectors as case_selectors
from sargs.cases.casework.access import IS_COORDINATOR, MANAGES_CASES, SEES_CASES, case_policy
from sargs.cases.casework.forms import outcome_year
from sargs.core.access import access
from sargs.core.forms import once_per_form, run_action, run_service
from sargs.core.pages import page_of
from sargs.core.pickers import picker_results
from sargs.organisations.models import Municipality
from sargs.organisations.pickers import INSTITUTIONS
from sargs.organisations.principal import principal_for, signed_in_user
from sargs.services.access import SEES_CAPACITY, capacity_municipalities

from . import selectors
from . import services as rs
from .access import referral_policy
from .forms import (
    AssistantForm,
    CompleteForm,
    CooperationForm,
    EndForm,
    ReferralForm,
    SessionForm,
    own_institutions,
)
from .models import Referral

TABS = ("open", "closed")


@access(SEES_CASES)
def referral_list(request: HttpRequest) -> HttpResponse:
    principal = principal_for(request)
    tab = request.GET.get("tab", "open")
    tab = tab if tab in TABS else "open"
    qs = selectors.referral_list(principal=principal, closed=tab == "closed")
    page = page_of(request, qs)
    rows = list(page.object_list)
    case_selectors.record_reads_with_children(
        request=request, shown=rows, case_ids=[r.case_id for r in rows], purpose="referral list"
    )
    return render(request, "cases/referral_list.html", {"tab": tab, "page_obj": page})


def _page(request: HttpRequest, referral: Referral, **forms: Form) -> HttpResponse:
    principal = principal_for(request)
    children = list(referral.case.children.all())
    record_view(request=request, obj=referral, purpose="referral")
    record_views(request=request, objs=children, purpose="referral", referral=referral.pk)
    return render(
        request,
        "cases/referral_detail.html",
        {
            "referral": referral,
            "children": children,
            "sessions": referral.sessions.all(),
            "hours": selectors.referral_hours(referral),
            "crisis": selectors.is_crisis_intervention(referral),
            "can_provide": referral_policy.can_provide(principal, referral),
            "can_manage": referral_policy.can_manage(principal, referral),
            "sees_case": case_policy.visible(
                principal, type(referral.case).objects.filter(pk=referral.case_id)
            ).exists(),
            "session_form": forms.get("session_form") or SessionForm(),
            "cooperation_form": forms.get("cooperation_form") or CooperationForm(),
            "complete_form": forms.get("complete_form") or CompleteForm(),
            "end_form": forms.get("end_form") or EndForm(),
            "family_assistant": selectors.is_family_assistant_service(referral.service),
            "assistant_form": forms.get("assistant_form") or AssistantForm(referral=referral),
        },
    )


def _get(request: HttpRequest, pk: int) -> Referral:
    return selectors.referral_get(principal=principal_for(request), pk=pk)


@access(SEES_CASES)
def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, _get(request, pk))


@access(MANAGES_CASES)
def provider_search(request: HttpRequest, pk: int) -> HttpResponse:
    """The referral form's provider picker: the case's municipality's own institutions, by name."""
    case = case_selectors.case_get_for_change(principal=principal_for(request), pk=pk)
    return picker_results(request, queryset=own_institutions(case), kind=INSTITUTIONS)


@access(MANAGES_CASES)
@once_per_form
def referral_create(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_selectors.case_get_for_change(principal=principal_for(request), pk=pk)
    form = ReferralForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        referral = run_service(
            form,
            lambda: rs.referral_create(
                case=case, actor=signed_in_user(request), **form.cleaned_data
            ),
        )
        if referral is not None:
            messages.success(request, _("The family was referred to the service."))
            return redirect("cases:referral-detail", pk=referral.pk)
    return render(request, "cases/referral_form.html", {"case": case, "form": form})


def _action(
    request: HttpRequest,
    pk: int,
    *,
    side: Callable[..., bool],
    form: Form | None,
    name: str,
    call: Callable[[Referral, dict[str, Any]], Any],
    done: str,
) -> HttpResponse:
    referral = _get(request, pk)
    if not side(principal_for(request), referral):
        raise PermissionDenied
    if form is None:
        run_action(request, lambda: call(referral, {}), done=done)
        return redirect("cases:referral-detail", pk=pk)
    if form.is_valid() and run_service(form, lambda: call(referral, form.cleaned_data)) is not None:
        messages.success(request, done)
        return redirect("cases:referral-detail", pk=pk)
    return _page(request, referral, **{name: form})


def _actor(request: HttpRequest) -> Any:
    return signed_in_user(request)


@access(SEES_CASES)
@require_POST
def referral_accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        side=referral_policy.can_provide,
        form=None,
        name="",
        call=lambda r, d: rs.referral_accept(referral=r, actor=_actor(request)),
        done=_("The referral was accepted."),
    )


@access(SEES_CASES)
@require_POST
def referral_waitlist(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        side=referral_policy.can_provide,
        form=None,
        name="",
        call=lambda r, d: rs.referral_waitlist(referral=r, actor=_actor(request)),
        done=_("The family is on the waiting list."),
    )


@access(SEES_CASES)
@require_POST
def referral_cooperation(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        side=referral_policy.can_change,
        form=CooperationForm(request.POST),
        name="cooperation_form",
        call=lambda r, d: rs.referral_record_cooperation(referral=r, actor=_actor(request), **d),
        done=_("The cooperation agreement was recorded."),
    )


@access(SEES_CASES)
@require_POST
def referral_start(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        side=referral_policy.can_provide,
        form=None,
        name="",
        call=lambda r, d: rs.referral_start(referral=r, actor=_actor(request)),
        done=_("Work with the family started."),
    )


@access(SEES_CASES)
@require_POST
@once_per_form
def referral_session(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        side=referral_policy.can_provide,
        form=SessionForm(request.POST),
        name="session_form",
        call=lambda r, d: rs.referral_session_add(referral=r, actor=_actor(request), **d),
        done=_("The session was recorded."),
    )


@access(SEES_CASES)
@require_POST
def referral_complete(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        side=referral_policy.can_change,
        form=CompleteForm(request.POST),
        name="complete_form",
        call=lambda r, d: rs.referral_complete(referral=r, actor=_actor(request), **d),
        done=_("The service was completed."),
    )


@access(SEES_CASES)
@require_POST
def referral_end(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        side=referral_policy.can_change,
        form=EndForm(request.POST),
        name="end_form",
        call=lambda r, d: rs.referral_end(referral=r, actor=_actor(request), **d),
        done=_("The referral was ended."),
    )


@access(SEES_CASES)
@require_POST
def referral_assistant(request: HttpRequest, pk: int) -> HttpResponse:
    referral = _get(request, pk)
    return _action(
        request,
        pk,
        side=referral_policy.can_change,
        form=AssistantForm(request.POST, referral=referral),
        name="assistant_form",
        call=lambda r, d: rs.referral_assign_assistant(referral=r, actor=_actor(request), **d),
        done=_("The family assistant was assigned."),
    )


# --- Results of the services ------------------------------------------------------------------


def _context(request: HttpRequest, allowed: QuerySet[Municipality]) -> dict[str, object]:
    municipality = selectors.chosen_municipality(allowed, request.GET.get("municipality"))
    year = outcome_year(request.GET.get("year"))
    return {
        "municipality": municipality,
        "municipalities": allowed.order_by("name", "pk") if allowed.count() > 1 else [],
        "year": year,
    }


@access(IS_COORDINATOR)
def service_results_page(request: HttpRequest) -> HttpResponse:
    """Full results per service for the coordinator's municipality and a year."""
    context = _context(request, selectors.coordinator_municipalities(principal_for(request)))
    municipality, year = context["municipality"], context["year"]
    assert isinstance(municipality, Municipality) and isinstance(year, int)
    rows = selectors.service_results(municipality=municipality, year=year)
    context |= {
        "rows": rows,
        "waiting": selectors.waiting_times(municipality=municipality, year=year),
        "section": "full",
    }
    return render(request, "cases/service_results.html", context)


@access(SEES_CAPACITY)
def service_results_summary(request: HttpRequest) -> HttpResponse:
    """The same figures with counts 1–4 suppressed, for councillors and national analysts."""
    context = _context(request, capacity_municipalities(principal_for(request)))
    municipality, year = context["municipality"], context["year"]
    assert isinstance(municipality, Municipality) and isinstance(year, int)
    context |= {
        "summary": selectors.results_summary(
            selectors.service_results(municipality=municipality, year=year)
        ),
        "section": "summary",
    }
    return render(request, "cases/service_results_summary.html", context)
