"""Pages for the rehabilitation plan, the support record for the court and the outcome
figures. The plan and the record are for the case team (403 for other participants); the
figures are aggregates for coordinators."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sargs.audit.services import record_view, record_views
from sargs.core.access import access
from sargs.core.forms import run_service
from sargs.organisations.principal import principal_for, signed_in_user
from sargs.organisations.roles import Role

from . import plan_services, selectors
from .access import IS_COORDINATOR, MANAGES_CASES, SEES_CASES, case_policy
from .forms import AgreementForm, PlanForm
from .models import Case, CaseOutcome
from .support_record import support_record as build_support_record
from .support_record import support_record_docx
from .views import _managed_case


def _plan_page(request: HttpRequest, case: Case, **forms: Form) -> HttpResponse:
    principal = principal_for(request)
    plan = plan_services.plan_current(case)
    initial: dict[str, Any] = {}
    if plan is not None:
        initial = {"review_on": plan.review_on}
        initial.update({f"goal_{g.area}": g.goal for g in plan.goals.all()})
    goals = list(plan.goals.all()) if plan else []
    tasks = list(case.tasks.exclude(area="").select_related("institution"))
    return render(
        request,
        "cases/plan.html",
        {
            "case": case,
            "plan": plan,
            "goals": [{"goal": g, "tasks": [t for t in tasks if t.area == g.area]} for g in goals],
            "versions": case.plans.select_related("created_by"),
            "can_change": case_policy.can_change(principal, case) and case.is_open,
            "form": forms.get("form") or PlanForm(initial=initial),
            "agreement_form": forms.get("agreement_form") or AgreementForm(),
        },
    )


def _whole_case(request: HttpRequest, pk: int) -> Case:
    principal = principal_for(request)
    case = selectors.case_get(principal=principal, pk=pk)
    if not case_policy.sees_whole(principal, case):
        raise PermissionDenied
    return case


@access(SEES_CASES)
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan: read by the case team; a new version saved by the case's managers."""
    case = _whole_case(request, pk)
    record_view(request=request, obj=case, purpose="plan")
    if request.method != "POST":
        return _plan_page(request, case)
    case_policy.require_change(principal_for(request), case)
    form = PlanForm(request.POST)
    if form.is_valid():
        plan = run_service(
            form,
            lambda: plan_services.plan_save(
                case=case, actor=signed_in_user(request), **form.service_kwargs()
            ),
        )
        if plan is not None:
            messages.success(request, _("The plan was saved as a new version."))
            return redirect("cases:plan", pk=pk)
    return _plan_page(request, case, form=form)


@access(MANAGES_CASES)
@require_POST
def plan_agree(request: HttpRequest, pk: int) -> HttpResponse:
    case = _managed_case(request, pk)
    plan = plan_services.plan_current(case)
    form = AgreementForm(request.POST)
    if plan is not None and form.is_valid():
        done = run_service(
            form,
            lambda: plan_services.plan_record_agreement(
                plan=plan, actor=signed_in_user(request), **form.cleaned_data
            ),
        )
        if done is not None:
            messages.success(request, _("The family's agreement was recorded."))
            return redirect("cases:plan", pk=pk)
    return _plan_page(request, case, agreement_form=form)


@access(SEES_CASES)
def support_record(request: HttpRequest, pk: int) -> HttpResponse:
    """What the courts ask for: problems, plan goals, services given, gaps (case team only)."""
    case = _whole_case(request, pk)
    record_view(request=request, obj=case, purpose="support record")
    record_views(request=request, objs=list(case.children.all()), purpose="support record")
    record = build_support_record(case=case)
    return render(request, "cases/support_record.html", {"case": case, "record": record})


@access(SEES_CASES)
def support_record_export(request: HttpRequest, pk: int) -> HttpResponse:
    case = _whole_case(request, pk)
    record_view(request=request, obj=case, purpose="support record export")
    record_views(request=request, objs=list(case.children.all()), purpose="support record export")
    body = support_record_docx(build_support_record(case=case))
    response = HttpResponse(
        body,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="support-record-{case.pk}.docx"'
    return response


# --- Tasks and worklists ------------------------------------------------------------------


def outcome_year(raw: str | None) -> int:
    today = timezone.localdate()
    return int(raw) if raw and raw.isdigit() and 2000 <= int(raw) <= 2100 else today.year


@access(IS_COORDINATOR)
def outcomes(request: HttpRequest) -> HttpResponse:
    """Outcome figures per service for one year (aggregates: no child is shown)."""
    principal = principal_for(request)
    year = outcome_year(request.GET.get("year"))
    rows = selectors.outcome_figures(
        municipality_ids=principal.municipalities(Role.COORDINATOR), year=year
    )
    return render(
        request,
        "cases/outcomes.html",
        {"year": year, "rows": rows, "outcome_labels": dict(CaseOutcome.choices)},
    )
