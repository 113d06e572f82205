"""Pages for cases, tasks, worklists, the rehabilitation plan and the outcome figures. Thin:
selectors read, services write, the policies decide (not visible → 404, visible but not
allowed → 403). Every child's data shown is recorded in the audit trail. The plan is for the
case team (403 for other participants); the figures are aggregates for coordinators."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sargs.audit.services import record_view, record_views
from sargs.cases.concerns.selectors import open_alerts_first
from sargs.cases.court.models import PlacementEnd
from sargs.cases.referrals.selectors import outcome_figures
from sargs.core.access import access
from sargs.core.forms import once_per_form, run_action, run_service
from sargs.core.pages import page_of, page_size
from sargs.core.pickers import picker_results
from sargs.core.versioning import run_versioned
from sargs.organisations.grants import coordinated_municipalities
from sargs.organisations.pickers import INSTITUTIONS
from sargs.organisations.principal import Principal, principal_for, signed_in_user

from . import case_file, selectors, services
from .access import (
    CASE_MANAGERS,
    CASE_PARTICIPANTS,
    COURT_MEMBERS,
    IS_COORDINATOR,
    MANAGES_CASES,
    SEES_CASES,
    case_policy,
    task_policy,
)
from .family_views import sibling_forms
from .forms import (
    AgreementForm,
    AssessmentForm,
    CloseCaseForm,
    NoteForm,
    ParticipantForm,
    PlanForm,
    ReasonForm,
    TaskDoneForm,
    TaskForm,
    case_institutions,
    outcome_year,
)
from .models import Case, CaseOutcome, Task, TimelineEntry
from .transfer_selectors import children_with_open_handover


def _tab(request: HttpRequest, tabs: tuple[str, ...], default: str) -> str:
    tab = request.GET.get("tab", default)
    return tab if tab in tabs else default


# --- Cases --------------------------------------------------------------------------------

CASE_TABS = ("mine", "open", "closed")


@access(SEES_CASES)
def case_list(request: HttpRequest) -> HttpResponse:
    principal = principal_for(request)
    manages = bool(CASE_MANAGERS.municipalities(principal))
    tab = _tab(request, CASE_TABS, "mine" if manages else "open")
    qs = selectors.case_list(principal=principal, mine_only=tab == "mine", closed=tab == "closed")
    # A municipality's open or closed cases run to tens of thousands: counted up to a cap.
    page = page_of(request, qs, capped=True)
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
            "is_coordinator": IS_COORDINATOR.check(principal),
        },
    )


def _case_file(case: Case, tasks: list[Task], *, whole: bool) -> dict[str, Any]:
    """The case-file parts only the case team reads, and the header's risk and next deadline."""
    assessments = list(selectors.case_assessments(case=case)) if whole else []
    plan = selectors.plan_current(case) if whole else None
    proceedings = list(case.proceedings.all()) if whole else []
    placements = (
        list(case.placements.select_related("child", "deciding_municipality")) if whole else []
    )
    return {
        "assessments": assessments,
        "plan": plan,
        "proceedings": proceedings,
        "placements": placements,
        "latest_assessment": case_file.latest_assessment(assessments),
        "next_deadline": case_file.next_deadline(
            tasks=tasks, proceedings=proceedings, placements=placements, plan=plan
        ),
    }


def _timeline_page(request: HttpRequest, principal: Principal, case: Case) -> dict[str, Any]:
    """The timeline a page at a time, newest first (``?timeline=N``): a case of many years
    holds hundreds of entries, and the page costs what one page of them costs."""
    entries = selectors.case_timeline(principal=principal, case=case)
    page = page_of(request, entries, number=request.GET.get("timeline"))
    shown = cast("QuerySet[TimelineEntry]", page.object_list)  # a slice of the queryset
    return {"timeline": case_file.timeline_rows(shown), "timeline_page": page}


def _case_page(request: HttpRequest, case: Case, **forms: Form) -> HttpResponse:
    principal = principal_for(request)
    whole = case_policy.sees_whole(principal, case)
    can_change = case_policy.can_change(principal, case) and case.is_open
    children = list(case.children.all())
    record_view(request=request, obj=case, purpose="case")
    record_views(request=request, objs=children, purpose="case", case=case.pk)
    tasks = list(selectors.case_tasks(principal=principal, case=case))
    file = _case_file(case, tasks, whole=whole)
    mine = CASE_PARTICIPANTS.institutions(principal)
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "children": children,
            "claimable_children": children_with_open_handover(children) if can_change else [],
            "whole": whole,
            "can_change": can_change,
            "participants": case.participants.select_related("institution").filter(
                until__isnull=True
            )
            if whole
            else [],
            **_timeline_page(request, principal, case),
            "tasks": [
                {
                    "task": t,
                    "can_complete": can_change
                    or (case.is_open and t.status == "open" and t.institution_id in mine),
                }
                for t in tasks
            ],
            **file,
            "referrals": case.referrals.select_related("service", "provider") if whole else [],
            "placement_ends": PlacementEnd.choices,
            "is_court": COURT_MEMBERS.held_by(principal),
            "concerns": case.concerns.select_related("reporting_institution") if whole else [],
            "task_form": forms.get("task_form") or TaskForm(case=case),
            "note_form": forms.get("note_form") or NoteForm(case=case),
            "participant_form": forms.get("participant_form") or ParticipantForm(case=case),
            "close_form": forms.get("close_form") or CloseCaseForm(),
            "blockers": selectors.closure_blockers(case) if can_change else [],
            **(sibling_forms(case, **forms) if can_change else {}),
        },
    )


@access(SEES_CASES)
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_page(request, selectors.case_get(principal=principal_for(request), pk=pk))


def _managed_case(request: HttpRequest, pk: int) -> Case:
    return selectors.case_get_for_change(principal=principal_for(request), pk=pk)


def _case_action(
    request: HttpRequest, pk: int, form: Form, name: str, call: Callable[[Case], Any], done: str
) -> HttpResponse:
    case = _managed_case(request, pk)
    if form.is_valid() and run_service(form, lambda: call(case)) is not None:
        messages.success(request, done)
        return redirect("cases:case-detail", pk=pk)
    return _case_page(request, case, **{name: form})


@access(MANAGES_CASES)
def case_institution_search(request: HttpRequest, pk: int) -> HttpResponse:
    """The institutions the case's forms may name (tasks, participants, notes), searched by
    name: the pickers' endpoint, at most a few matches (sargs.core.pickers)."""
    case = _managed_case(request, pk)
    return picker_results(request, queryset=case_institutions(case), kind=INSTITUTIONS)


@access(MANAGES_CASES)
@require_POST
@once_per_form
def task_create(request: HttpRequest, pk: int) -> HttpResponse:
    case = _managed_case(request, pk)
    form = TaskForm(request.POST, case=case)
    return _case_action(
        request,
        pk,
        form,
        "task_form",
        lambda c: services.task_create(case=c, actor=signed_in_user(request), **form.cleaned_data),
        _("The task was assigned."),
    )


@access(MANAGES_CASES)
@require_POST
@once_per_form
def note_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = _managed_case(request, pk)
    form = NoteForm(request.POST, case=case)
    return _case_action(
        request,
        pk,
        form,
        "note_form",
        lambda c: services.note_add(
            case=c,
            actor=signed_in_user(request),
            text=form.cleaned_data["text"],
            institutions=form.cleaned_data["institutions"],
        ),
        _("The note was added to the timeline."),
    )


@access(MANAGES_CASES)
@require_POST
@once_per_form
def participant_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = _managed_case(request, pk)
    form = ParticipantForm(request.POST, case=case)
    return _case_action(
        request,
        pk,
        form,
        "participant_form",
        lambda c: services.case_participant_add(
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
        lambda c: services.case_close(case=c, actor=signed_in_user(request), **form.cleaned_data),
        _("The case was closed."),
    )


@access(MANAGES_CASES)
@once_per_form
def assessment_create(request: HttpRequest, pk: int) -> HttpResponse:
    case = _managed_case(request, pk)
    record_view(request=request, obj=case, purpose="assessment form")
    latest = selectors.assessment_latest(case)
    form = AssessmentForm(
        request.POST or None, initial={"revision": latest.version if latest else 0}
    )
    compared: list[dict[str, Any]] = []
    if request.method == "POST" and form.is_valid():
        done, compared = run_versioned(
            form,
            lambda: services.assessment_record(
                case=case, actor=signed_in_user(request), **form.service_kwargs()
            ),
        )
        if done is not None:
            messages.success(request, _("The assessment was recorded."))
            return redirect("cases:case-detail", pk=pk)
    return render(
        request,
        "cases/assessment_form.html",
        {"case": case, "form": form, "compared": compared},
    )


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
    run_action(
        request,
        lambda: services.task_complete(task=task, actor=actor, result=result),
        done=_("The task was marked done."),
    )
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
    run_action(
        request,
        lambda: services.task_cancel(task=task, actor=actor, reason=reason),
        done=_("The task was cancelled."),
    )
    return redirect("cases:case-detail", pk=task.case_id)


def _worklist(request: HttpRequest, tab: str | None) -> HttpResponse:
    principal = principal_for(request)
    counts = selectors.worklist_counts_once(request)
    manages = bool(CASE_MANAGERS.municipalities(principal))
    if tab is None:  # the worklist's front door opens on the tab that holds the user's work
        chosen = request.GET.get("tab")
        tab = chosen if chosen in selectors.WORKLIST_TABS else None
        tab = tab or selectors.worklist_default_tab(counts, manages=manages)
    page = page_of(
        request,
        selectors.worklist(principal=principal, tab=tab),  # type: ignore[arg-type]
        count=counts.of(tab),  # type: ignore[arg-type]
    )
    alerts = open_alerts_first(request, page_size())
    selectors.worklist_record_read(request=request, tasks=list(page.object_list), alerts=alerts)
    return render(
        request,
        "cases/worklist.html",
        {
            "tab": tab,
            "page_obj": page,
            "alerts": alerts,
            "counts": counts,
            "manages": manages,
        },
    )


@access(SEES_CASES)
def worklist(request: HttpRequest) -> HttpResponse:
    return _worklist(request, None)


@access(SEES_CASES)
def worklist_due(request: HttpRequest) -> HttpResponse:
    return _worklist(request, "due")


@access(SEES_CASES)
def worklist_overdue(request: HttpRequest) -> HttpResponse:
    return _worklist(request, "overdue")


@access(SEES_CASES)
def worklist_institution(request: HttpRequest) -> HttpResponse:
    return _worklist(request, "institution")


# --- The rehabilitation plan ------------------------------------------------------------------


def _plan_page(
    request: HttpRequest,
    case: Case,
    compared: list[dict[str, Any]] | None = None,
    **forms: Form,
) -> HttpResponse:
    principal = principal_for(request)
    plan = selectors.plan_current(case)
    initial: dict[str, Any] = {"revision": plan.version if plan else 0}
    if plan is not None:
        initial["review_on"] = plan.review_on
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
            "compared": compared or [],
        },
    )


@access(SEES_CASES)
@once_per_form
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan: read by the case team; a new version saved by the case's managers."""
    case = selectors.case_get_whole(principal=principal_for(request), pk=pk)
    selectors.record_reads_with_children(
        request=request, shown=[case], case_ids=[case.pk], purpose="plan"
    )
    if request.method != "POST":
        return _plan_page(request, case)
    case_policy.require_change(principal_for(request), case)
    form = PlanForm(request.POST)
    compared: list[dict[str, Any]] = []
    if form.is_valid():
        plan, compared = run_versioned(
            form,
            lambda: services.plan_save(
                case=case, actor=signed_in_user(request), **form.service_kwargs()
            ),
        )
        if plan is not None:
            messages.success(request, _("The plan was saved as a new version."))
            return redirect("cases:plan", pk=pk)
    return _plan_page(request, case, compared, form=form)


@access(MANAGES_CASES)
@require_POST
def plan_agree(request: HttpRequest, pk: int) -> HttpResponse:
    case = _managed_case(request, pk)
    plan = selectors.plan_current(case)
    form = AgreementForm(request.POST)
    if plan is not None and form.is_valid():
        done = run_service(
            form,
            lambda: services.plan_record_agreement(
                plan=plan, actor=signed_in_user(request), **form.cleaned_data
            ),
        )
        if done is not None:
            messages.success(request, _("The family's agreement was recorded."))
            return redirect("cases:plan", pk=pk)
    return _plan_page(request, case, agreement_form=form)


# --- Outcome figures -----------------------------------------------------------------------------


@access(IS_COORDINATOR)
def outcomes(request: HttpRequest) -> HttpResponse:
    """Outcome figures per service for one year (aggregates: no child is shown)."""
    principal = principal_for(request)
    year = outcome_year(request.GET.get("year"))
    rows = outcome_figures(municipality_ids=coordinated_municipalities(principal), year=year)
    return render(
        request,
        "cases/outcomes.html",
        {"year": year, "rows": rows, "outcome_labels": dict(CaseOutcome.choices)},
    )
