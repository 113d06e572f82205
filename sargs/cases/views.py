"""Pages for concerns, cases, tasks and worklists. Thin: selectors read, services write, the
policies decide (not visible → 404, visible but not allowed → 403). Every child's data shown
is recorded in the audit trail."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sargs.audit.services import record_view, record_views
from sargs.core.access import access
from sargs.core.forms import run_action, run_service
from sargs.organisations.models import Institution
from sargs.organisations.principal import principal_for, signed_in_user
from sargs.organisations.roles import CHILD_DATA_ROLES, Role

from . import case_services, concern_services, plan_services, selectors, task_services
from .access import (
    MANAGES_CASES,
    SEES_CASES,
    alert_policy,
    case_policy,
    concern_policy,
    manager_municipalities,
    participant_institutions,
    task_policy,
)
from .forms import (
    AcceptForm,
    AssessmentForm,
    CloseCaseForm,
    ConcernForm,
    NoteForm,
    ParticipantForm,
    ReasonForm,
    RegisterAcceptForm,
    TaskDoneForm,
    TaskForm,
)
from .models import Alert, Case, Concern, ConcernStatus, Task
from .proceeding_models import PlacementEnd

PAGE_SIZE = 25


def _page(request: HttpRequest, qs: Any) -> Any:
    return Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))


def _tab(request: HttpRequest, tabs: tuple[str, ...], default: str) -> str:
    tab = request.GET.get("tab", default)
    return tab if tab in tabs else default


def _reporting_institutions(request: HttpRequest) -> Any:
    principal = principal_for(request)
    ids = {g.institution_id for g in principal.grants if g.role in CHILD_DATA_ROLES}
    return Institution.objects.filter(pk__in=ids).order_by("name")


# --- Concerns -----------------------------------------------------------------------------


@access(SEES_CASES)
def concern_create(request: HttpRequest) -> HttpResponse:
    form = ConcernForm(request.POST or None, institutions=_reporting_institutions(request))
    if request.method == "POST" and form.is_valid():
        concern = run_service(
            form,
            lambda: concern_services.concern_report(
                actor=signed_in_user(request), **form.cleaned_data
            ),
        )
        if concern is not None:
            messages.success(request, _("The concern was reported to the social service."))
            return redirect("cases:concern-detail", pk=concern.pk)
    return render(request, "cases/concern_form.html", {"form": form})


@access(SEES_CASES)
def concern_list(request: HttpRequest) -> HttpResponse:
    principal = principal_for(request)
    default = "triage" if manager_municipalities(principal) else "ours"
    tab = _tab(request, selectors.CONCERN_TABS, default)
    page = _page(request, selectors.concern_list(principal=principal, tab=tab))  # type: ignore[arg-type]
    record_views(request=request, objs=list(page.object_list), purpose="concern list")
    return render(
        request,
        "cases/concern_list.html",
        {"tab": tab, "page_obj": page, "manages": bool(manager_municipalities(principal))},
    )


def _concern_page(request: HttpRequest, concern: Concern, **forms: Form) -> HttpResponse:
    principal = principal_for(request)
    record_view(request=request, obj=concern, purpose="concern")
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
            "can_triage": can_triage,
            "case_visible": concern.case_id is not None
            and case_policy.visible(principal, Case.objects.filter(pk=concern.case_id)).exists(),
            "accept_form": forms.get("accept_form") or AcceptForm(candidates=candidates),
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
        lambda c: concern_services.concern_accept(
            concern=c, actor=signed_in_user(request), child=form.cleaned_data["child"]
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
        lambda c: concern_services.concern_accept_new_child(
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
        lambda c: concern_services.concern_close(
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
    if run_action(request, lambda: concern_services.alert_acknowledge(alert=alert, actor=actor)):
        messages.success(request, _("The alert was acknowledged."))
    return redirect("cases:worklist")


# --- Cases --------------------------------------------------------------------------------

CASE_TABS = ("mine", "open", "closed")


@access(SEES_CASES)
def case_list(request: HttpRequest) -> HttpResponse:
    principal = principal_for(request)
    manages = bool(manager_municipalities(principal))
    tab = _tab(request, CASE_TABS, "mine" if manages else "open")
    qs = selectors.case_list(principal=principal, mine_only=tab == "mine", closed=tab == "closed")
    page = _page(request, qs)
    cases = list(page.object_list)
    record_views(request=request, objs=cases, purpose="case list")
    record_views(
        request=request,
        objs=[c for case in cases for c in case.children.all()],
        purpose="case list",
    )
    return render(
        request,
        "cases/case_list.html",
        {
            "tab": tab,
            "page_obj": page,
            "manages": manages,
            "is_coordinator": principal.has_role(Role.COORDINATOR),
        },
    )


def _case_page(request: HttpRequest, case: Case, **forms: Form) -> HttpResponse:
    principal = principal_for(request)
    whole = case_policy.sees_whole(principal, case)
    can_change = case_policy.can_change(principal, case) and case.is_open
    children = list(case.children.all())
    record_view(request=request, obj=case, purpose="case")
    record_views(request=request, objs=children, purpose="case", case=case.pk)
    tasks = list(selectors.case_tasks(principal=principal, case=case))
    mine = participant_institutions(principal)
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "children": children,
            "whole": whole,
            "can_change": can_change,
            "participants": case.participants.select_related("institution").filter(
                until__isnull=True
            )
            if whole
            else [],
            "timeline": selectors.case_timeline(principal=principal, case=case),
            "tasks": [
                {
                    "task": t,
                    "can_complete": can_change
                    or (case.is_open and t.status == "open" and t.institution_id in mine),
                }
                for t in tasks
            ],
            "assessments": selectors.case_assessments(case=case) if whole else [],
            "plan": plan_services.plan_current(case) if whole else None,
            "referrals": case.referrals.select_related("service", "provider") if whole else [],
            "proceedings": case.proceedings.all() if whole else [],
            "placements": case.placements.select_related("child", "deciding_municipality")
            if whole
            else [],
            "placement_ends": PlacementEnd.choices,
            "is_court": principal.has_role(Role.ORPHANS_COURT_MEMBER),
            "concerns": case.concerns.select_related("reporting_institution") if whole else [],
            "task_form": forms.get("task_form") or TaskForm(case=case),
            "note_form": forms.get("note_form") or NoteForm(case=case),
            "participant_form": forms.get("participant_form") or ParticipantForm(case=case),
            "close_form": forms.get("close_form") or CloseCaseForm(),
        },
    )


@access(SEES_CASES)
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_page(request, selectors.case_get(principal=principal_for(request), pk=pk))


def _managed_case(request: HttpRequest, pk: int) -> Case:
    principal = principal_for(request)
    case = selectors.case_get(principal=principal, pk=pk)
    case_policy.require_change(principal, case)
    return case


def _case_action(
    request: HttpRequest, pk: int, form: Form, name: str, call: Callable[[Case], Any], done: str
) -> HttpResponse:
    case = _managed_case(request, pk)
    if form.is_valid() and run_service(form, lambda: call(case)) is not None:
        messages.success(request, done)
        return redirect("cases:case-detail", pk=pk)
    return _case_page(request, case, **{name: form})


@access(MANAGES_CASES)
@require_POST
def task_create(request: HttpRequest, pk: int) -> HttpResponse:
    case = _managed_case(request, pk)
    form = TaskForm(request.POST, case=case)
    return _case_action(
        request,
        pk,
        form,
        "task_form",
        lambda c: task_services.task_create(
            case=c, actor=signed_in_user(request), **form.cleaned_data
        ),
        _("The task was assigned."),
    )


@access(MANAGES_CASES)
@require_POST
def note_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = _managed_case(request, pk)
    form = NoteForm(request.POST, case=case)
    return _case_action(
        request,
        pk,
        form,
        "note_form",
        lambda c: case_services.note_add(
            case=c,
            actor=signed_in_user(request),
            text=form.cleaned_data["text"],
            institutions=form.cleaned_data["institutions"],
        ),
        _("The note was added to the timeline."),
    )


@access(MANAGES_CASES)
@require_POST
def participant_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = _managed_case(request, pk)
    form = ParticipantForm(request.POST, case=case)
    return _case_action(
        request,
        pk,
        form,
        "participant_form",
        lambda c: case_services.case_participant_add(
            case=c, actor=signed_in_user(request), **form.cleaned_data
        ),
        _("The institution now takes part in the case."),
    )


@access(MANAGES_CASES)
@require_POST
def case_close(request: HttpRequest, pk: int) -> HttpResponse:
    form = CloseCaseForm(request.POST)
    return _case_action(
        request,
        pk,
        form,
        "close_form",
        lambda c: case_services.case_close(
            case=c, actor=signed_in_user(request), **form.cleaned_data
        ),
        _("The case was closed."),
    )


@access(MANAGES_CASES)
def assessment_create(request: HttpRequest, pk: int) -> HttpResponse:
    case = _managed_case(request, pk)
    record_view(request=request, obj=case, purpose="assessment form")
    form = AssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            lambda: case_services.assessment_record(
                case=case, actor=signed_in_user(request), **form.service_kwargs()
            ),
        )
        if done is not None:
            messages.success(request, _("The assessment was recorded."))
            return redirect("cases:case-detail", pk=pk)
    return render(request, "cases/assessment_form.html", {"case": case, "form": form})


def _task(request: HttpRequest, pk: int) -> Task:
    principal = principal_for(request)
    task = task_policy.get_visible_or_404(principal, Task.objects.select_related("case"), pk=pk)
    task_policy.require_change(principal, task)
    return task


@access(SEES_CASES)
@require_POST
def task_complete(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(request, pk)
    form = TaskDoneForm(request.POST)
    form.is_valid()
    actor, result = signed_in_user(request), form.cleaned_data.get("result", "")
    if run_action(
        request, lambda: task_services.task_complete(task=task, actor=actor, result=result)
    ):
        messages.success(request, _("The task was marked done."))
    return redirect("cases:case-detail", pk=task.case_id)


@access(MANAGES_CASES)
@require_POST
def task_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(request, pk)
    if not case_policy.can_change(principal_for(request), task.case):
        raise PermissionDenied
    form = ReasonForm(request.POST)
    form.is_valid()
    actor, reason = signed_in_user(request), form.cleaned_data.get("reason", "")
    if run_action(
        request, lambda: task_services.task_cancel(task=task, actor=actor, reason=reason)
    ):
        messages.success(request, _("The task was cancelled."))
    return redirect("cases:case-detail", pk=task.case_id)


def _worklist(request: HttpRequest, tab: str) -> HttpResponse:
    principal = principal_for(request)
    page = _page(request, selectors.worklist(principal=principal, tab=tab))  # type: ignore[arg-type]
    alerts = list(selectors.open_alerts(principal=principal)[:PAGE_SIZE])
    record_views(request=request, objs=list(page.object_list), purpose="worklist")
    record_views(request=request, objs=[a.concern for a in alerts], purpose="worklist alert")
    return render(
        request,
        "cases/worklist.html",
        {
            "tab": tab,
            "page_obj": page,
            "alerts": alerts,
            "counts": selectors.worklist_counts(principal=principal),
            "manages": bool(manager_municipalities(principal)),
        },
    )


@access(SEES_CASES)
def worklist(request: HttpRequest) -> HttpResponse:
    return _worklist(request, "mine")


@access(SEES_CASES)
def worklist_due(request: HttpRequest) -> HttpResponse:
    return _worklist(request, "due")


@access(SEES_CASES)
def worklist_overdue(request: HttpRequest) -> HttpResponse:
    return _worklist(request, "overdue")


@access(SEES_CASES)
def worklist_institution(request: HttpRequest) -> HttpResponse:
    return _worklist(request, "institution")
