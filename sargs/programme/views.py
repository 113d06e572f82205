"""Pages for the programme, its strategic part and action plan. Thin: selectors read,
services write, the policy decides (not visible → 404, visible but not allowed → 403)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sargs.assessment.models import Assessment, AssessmentStatus
from sargs.core.access import access
from sargs.core.forms import once_per_form, run_service
from sargs.core.versioning import run_versioned
from sargs.organisations.models import Municipality
from sargs.organisations.principal import Principal, principal_for, signed_in_user

from . import charts, selectors, services
from .access import (
    DRAFTS_PROGRAMME,
    READS_PROGRAMME,
    activity_policy,
    coordinated_municipalities,
    programme_policy,
    sees_unsuppressed,
)
from .forms import (
    ActivityForm,
    AmendForm,
    ApproveForm,
    FundingDecisionForm,
    IndicatorForm,
    InvolvementForm,
    PriorityForm,
    ProblemForm,
    ProgrammeCreateForm,
    VersionForm,
    cost_field_name,
)
from .models import Priority, Problem, ProgrammeVersion


def _frozen(municipality_ids: Any) -> Any:
    return Assessment.objects.filter(
        municipality__in=municipality_ids, status=AssessmentStatus.FROZEN
    ).select_related("municipality")


def _can_edit(principal: Principal, version: ProgrammeVersion) -> bool:
    return version.is_draft and programme_policy.can_change(principal, version.programme)


def _managed_version(request: HttpRequest, pk: int) -> ProgrammeVersion:
    principal = principal_for(request)
    version = selectors.version_get(principal=principal, pk=pk)
    programme_policy.require_change(principal, version.programme)
    return version


def _editable_version(request: HttpRequest, pk: int) -> ProgrammeVersion:
    """A draft the coordinator may edit; an approved version is never edited (403)."""
    version = _managed_version(request, pk)
    if not version.is_draft:
        raise PermissionDenied
    return version


# --- Programmes ------------------------------------------------------------------------------


@access(READS_PROGRAMME)
def programme_list(request: HttpRequest) -> HttpResponse:
    principal = principal_for(request)
    programmes = list(selectors.programme_list(principal=principal))
    versions = {
        v.programme_id: v
        for v in ProgrammeVersion.objects.filter(programme__in=programmes).order_by("number")
    }
    rows = [(p, versions.get(p.pk)) for p in programmes]
    return render(
        request,
        "programme/programme_list.html",
        {"rows": rows, "can_draft": DRAFTS_PROGRAMME.check(principal)},
    )


@access(DRAFTS_PROGRAMME)
@once_per_form
def programme_create(request: HttpRequest) -> HttpResponse:
    municipality_ids = coordinated_municipalities(principal_for(request))
    form = ProgrammeCreateForm(
        request.POST or None,
        municipalities=Municipality.objects.filter(pk__in=municipality_ids),
        assessments=_frozen(municipality_ids),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        programme = run_service(
            form,
            lambda: services.programme_create(
                actor=signed_in_user(request),
                municipality=data["municipality"],
                title=data["title"],
                start_year=data["start_year"],
                end_year=data["end_year"],
                assessment=data["assessment"],
            ),
        )
        if programme is not None:
            messages.success(request, _("The programme was created as a draft."))
            return redirect("programme:programme-detail", pk=programme.pk)
    return render(request, "programme/programme_form.html", {"form": form})


@access(READS_PROGRAMME)
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The programme's current version (approved, else the draft)."""
    programme = selectors.programme_get(principal=principal_for(request), pk=pk)
    version = selectors.draft_version(programme) or selectors.current_version(programme)
    if version is None:
        raise Http404
    return redirect("programme:version-detail", pk=version.pk)


# --- Versions and the strategic part ---------------------------------------------------------


def _proposals_waiting(version: ProgrammeVersion) -> int:
    """The cooperation group's proposals not yet among this version's problems."""
    taken = set(version.problems.exclude(source="").values_list("source", flat=True))
    return sum(
        1
        for p in selectors.cooperation_proposals(version.programme.municipality_id)
        if p.source not in taken
    )


@access(READS_PROGRAMME)
def version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    principal = principal_for(request)
    version = selectors.version_get(principal=principal, pk=pk)
    programme = version.programme
    suppress = not sees_unsuppressed(principal, programme)
    situation = None
    if version.assessment is not None:
        situation = selectors.situation(
            assessment=version.assessment,
            suppress=suppress,
            comments=version.situation_comments,
        )
    return render(
        request,
        "programme/version_detail.html",
        {
            "programme": programme,
            "version": version,
            "versions": programme.versions.all(),
            "situation": situation,
            "suppressed": suppress,
            "problems": version.problems.all(),
            "proposals_waiting": _proposals_waiting(version),
            "priorities": version.priorities.all(),
            "involvements": version.involvements.all(),
            "can_edit": _can_edit(principal, version),
            "can_manage": programme_policy.can_change(principal, programme),
            "approve_form": ApproveForm(),
            "amend_form": AmendForm(),
            "section": "strategy",
        },
    )


@access(READS_PROGRAMME)
def situation_chart(
    request: HttpRequest, pk: int, group: int, code: str, measure: str
) -> HttpResponse:
    principal = principal_for(request)
    version = selectors.version_get(principal=principal, pk=pk)
    if version.assessment is None:
        raise Http404
    suppress = not sees_unsuppressed(principal, version.programme)
    svg = charts.situation_chart(
        version.assessment, group=group, code=code, measure=measure, suppress=suppress
    )
    if svg is None:
        raise Http404
    return HttpResponse(svg, content_type="image/svg+xml")


@access(DRAFTS_PROGRAMME)
def version_edit(request: HttpRequest, pk: int) -> HttpResponse:
    version = _editable_version(request, pk)
    initial: dict[str, Any] = {name: getattr(version, name) for name in services.SECTION_FIELDS}
    initial["assessment"] = version.assessment
    initial["revision"] = version.revision
    initial.update({f"comment_{k}": v for k, v in version.situation_comments.items()})
    form = VersionForm(
        request.POST or None,
        initial=initial,
        assessments=_frozen([version.programme.municipality_id]),
    )
    compared: list[dict[str, Any]] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved, compared = run_versioned(
            form,
            lambda: services.version_update(
                actor=signed_in_user(request),
                version=version,
                assessment=data["assessment"],
                situation_comments=form.comments(),
                revision=data["revision"],
                **{name: data[name] for name in services.SECTION_FIELDS},
            ),
        )
        if saved is not None:
            messages.success(request, _("The strategic part was saved."))
            return redirect("programme:version-detail", pk=version.pk)
    return render(
        request,
        "programme/version_form.html",
        {"form": form, "version": version, "compared": compared},
    )


@require_POST
@access(DRAFTS_PROGRAMME)
def version_approve(request: HttpRequest, pk: int) -> HttpResponse:
    version = _editable_version(request, pk)
    form = ApproveForm(request.POST)
    approved = None
    if form.is_valid():
        approved = run_service(
            form,
            lambda: services.version_approve(
                actor=signed_in_user(request), version=version, **form.cleaned_data
            ),
        )
    if approved is not None:
        messages.success(request, _("The council's approval was recorded."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect("programme:version-detail", pk=version.pk)


@require_POST
@access(DRAFTS_PROGRAMME)
def version_amend(request: HttpRequest, pk: int) -> HttpResponse:
    version = _managed_version(request, pk)
    form = AmendForm(request.POST)
    copy = None
    if form.is_valid():
        copy = run_service(
            form,
            lambda: services.version_amend(
                actor=signed_in_user(request), version=version, reason=form.cleaned_data["reason"]
            ),
        )
    if copy is None:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("programme:version-detail", pk=version.pk)
    messages.success(request, _("A new draft version was made for the amendment."))
    return redirect("programme:version-detail", pk=copy.pk)


def _simple_form(
    request: HttpRequest,
    version: ProgrammeVersion,
    form: Any,
    save: Any,
    title: str,
    back: str = "programme:version-detail",
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        if run_service(form, lambda: save(form.cleaned_data)) is not None:
            messages.success(request, _("Saved."))
            return redirect(back, pk=version.pk)
    return render(
        request,
        "programme/simple_form.html",
        {
            "form": form,
            "version": version,
            "title": title,
            "cancel_url": reverse(back, args=[version.pk]),
        },
    )


@access(DRAFTS_PROGRAMME)
@once_per_form
def problem_edit(request: HttpRequest, pk: int, problem_pk: int | None = None) -> HttpResponse:
    version = _editable_version(request, pk)
    problem = None
    initial: dict[str, Any] = {}
    if problem_pk is not None:
        problem = Problem.objects.filter(version=version, pk=problem_pk).first()
        if problem is None:
            raise Http404
        initial = {
            "title": problem.title,
            "description": problem.description,
            "solution": problem.solution,
            "indicator_codes": problem.indicator_codes,
        }
    form = ProblemForm(request.POST or None, initial=initial)
    return _simple_form(
        request,
        version,
        form,
        lambda data: services.problem_save(
            actor=signed_in_user(request), version=version, problem=problem, **data
        ),
        _("Main problem"),
    )


@access(DRAFTS_PROGRAMME)
@once_per_form
def priority_edit(request: HttpRequest, pk: int, priority_pk: int | None = None) -> HttpResponse:
    version = _editable_version(request, pk)
    priority = None
    initial: dict[str, Any] = {}
    if priority_pk is not None:
        priority = Priority.objects.filter(version=version, pk=priority_pk).first()
        if priority is None:
            raise Http404
        initial = {"title": priority.title, "description": priority.description}
    form = PriorityForm(request.POST or None, initial=initial)
    return _simple_form(
        request,
        version,
        form,
        lambda data: services.priority_save(
            actor=signed_in_user(request), version=version, priority=priority, **data
        ),
        _("Priority"),
    )


@access(DRAFTS_PROGRAMME)
@once_per_form
def involvement_create(request: HttpRequest, pk: int) -> HttpResponse:
    version = _editable_version(request, pk)
    form = InvolvementForm(request.POST or None)
    return _simple_form(
        request,
        version,
        form,
        lambda data: services.involvement_add(
            actor=signed_in_user(request), version=version, **data
        ),
        _("Involvement in drafting"),
    )


# --- Action plan -----------------------------------------------------------------------------


@access(READS_PROGRAMME)
def action_plan(request: HttpRequest, pk: int) -> HttpResponse:
    principal = principal_for(request)
    version = selectors.version_get(principal=principal, pk=pk)
    activities = list(selectors.activity_list(version=version))
    rows = [(a, selectors.activity_costs(a), selectors.planned_total(a)) for a in activities]
    return render(
        request,
        "programme/action_plan.html",
        {
            "programme": version.programme,
            "version": version,
            "priorities": version.priorities.all(),
            "rows": rows,
            "can_edit": _can_edit(principal, version),
            "can_manage": programme_policy.can_change(principal, version.programme),
            "section": "plan",
        },
    )


@access(DRAFTS_PROGRAMME)
@once_per_form
def activity_edit(request: HttpRequest, pk: int, activity_pk: int | None = None) -> HttpResponse:
    version = _editable_version(request, pk)
    activity = None
    initial: dict[str, Any] = {}
    if activity_pk is not None:
        activity = version.activities.filter(pk=activity_pk).first()
        if activity is None:
            raise Http404
        initial = {
            "priority": activity.priority,
            "title": activity.title,
            "description": activity.description,
            "responsible": activity.responsible,
            "cooperating": list(activity.cooperating.all()),
            "starts_on": activity.starts_on,
            "deadline": activity.deadline,
        }
        for cost in activity.costs.all():
            initial[cost_field_name(cost.year, cost.source)] = cost.amount
    elif request.GET.get("priority", "").isdigit():
        initial["priority"] = version.priorities.filter(pk=request.GET["priority"]).first()
    else:
        only = list(version.priorities.all()[:2])
        initial["priority"] = only[0] if len(only) == 1 else None
    form = ActivityForm(
        request.POST or None,
        initial=initial,
        programme=version.programme,
        priorities=version.priorities.all(),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = run_service(
            form,
            lambda: services.activity_save(
                actor=signed_in_user(request),
                version=version,
                activity=activity,
                priority=data["priority"],
                title=data["title"],
                description=data["description"],
                responsible=data["responsible"],
                cooperating=data["cooperating"],
                starts_on=data["starts_on"],
                deadline=data["deadline"],
                costs=form.costs(),
            ),
        )
        if saved is not None:
            messages.success(request, _("The activity was saved."))
            return redirect("programme:activity-detail", pk=saved.pk)
    return render(
        request,
        "programme/activity_form.html",
        {"form": form, "version": version, "activity": activity},
    )


@access(READS_PROGRAMME)
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    principal = principal_for(request)
    activity = selectors.activity_get(principal=principal, pk=pk)
    version = activity.version
    return render(
        request,
        "programme/activity_detail.html",
        {
            "programme": version.programme,
            "version": version,
            "activity": activity,
            "costs": activity.costs.all(),
            "planned": selectors.planned_total(activity),
            "indicators": activity.indicators.all(),
            "reports": selectors.report_history(activity),
            "can_edit": _can_edit(principal, version),
            "can_report": version.status == "approved"
            and activity_policy.can_report(principal, activity),
            "can_override": programme_policy.can_change(principal, version.programme),
            "indicator_form": IndicatorForm(),
            "section": "plan",
        },
    )


@access(DRAFTS_PROGRAMME)
@once_per_form
def indicator_create(request: HttpRequest, pk: int) -> HttpResponse:
    principal = principal_for(request)
    activity = selectors.activity_get(principal=principal, pk=pk)
    activity_policy.require_change(principal, activity)
    if not activity.version.is_draft:
        raise PermissionDenied
    form = IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        code, cell = form.code_and_cell()
        saved = run_service(
            form,
            lambda: services.indicator_add(
                actor=signed_in_user(request),
                activity=activity,
                name=data["name"],
                unit=data["unit"],
                target=data["target"],
                baseline=data["baseline"],
                indicator_code=code,
                cell=cell,
            ),
        )
        if saved is not None:
            messages.success(request, _("The performance indicator was added."))
            return redirect("programme:activity-detail", pk=activity.pk)
    return render(
        request,
        "programme/simple_form.html",
        {
            "form": form,
            "version": activity.version,
            "title": _("Performance indicator"),
            "cancel_url": reverse("programme:activity-detail", args=[activity.pk]),
        },
    )


@access(READS_PROGRAMME)
def budget(request: HttpRequest, pk: int) -> HttpResponse:
    principal = principal_for(request)
    version = selectors.version_get(principal=principal, pk=pk)
    return render(
        request,
        "programme/budget.html",
        {
            "can_manage": programme_policy.can_change(principal, version.programme),
            "programme": version.programme,
            "version": version,
            "budget": selectors.budget_summary(version=version),
            "funding": selectors.additional_funding(version=version),
            "funding_form": FundingDecisionForm(),
            "section": "budget",
        },
    )
