"""Pages for cooperation groups: set-up, bylaws, members and activation. Meetings are in
meeting_views.py. Thin: selectors read, services write, the policies decide."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms import BaseForm, Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sargs.core.access import access
from sargs.core.documents import to_docx
from sargs.core.forms import once_per_form, run_action, run_service
from sargs.core.pickers import picker_results
from sargs.organisations.models import Municipality
from sargs.organisations.principal import principal_for, signed_in_user

from . import documents, selectors, services
from .access import IS_COORDINATOR, WORKS_WITH_GROUPS, group_policy
from .forms import PICK_KINDS, PICKS, GroupCreateForm, GroupForm, MemberForm, TaskDoneForm
from .models import CooperationGroup, DecisionTask, GroupMember

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def saved(form: BaseForm, call: Callable[[], object]) -> bool:
    """Validate the form and run the service; False shows the form again with the errors."""
    return form.is_valid() and run_service(cast(Form, form), call) is not None


def file_response(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@access(WORKS_WITH_GROUPS)
def group_list(request: HttpRequest) -> HttpResponse:
    principal = principal_for(request)
    return render(
        request,
        "cooperation/group_list.html",
        {
            "groups": selectors.group_list(principal=principal),
            "can_create": bool(group_policy.creatable_in(principal)),
            "tasks": selectors.institution_group_tasks(principal=principal),
        },
    )


@access(IS_COORDINATOR)
@once_per_form
def group_create(request: HttpRequest) -> HttpResponse:
    principal = principal_for(request)
    municipalities = Municipality.objects.filter(pk__in=group_policy.creatable_in(principal))
    form = GroupCreateForm(request.POST or None, municipalities=municipalities)
    if request.method == "POST" and form.is_valid():
        data = form.settings()
        group = run_service(
            cast(Form, form),
            lambda: services.group_create(
                actor=signed_in_user(request),
                municipality=form.cleaned_data["municipality"],
                joint_municipalities=form.cleaned_data["joint_municipalities"],
                **data,
            ),
        )
        if group is not None:
            messages.success(request, _("The group was created. Add its members."))
            return redirect("cooperation:group-detail", pk=group.pk)
    return render(request, "cooperation/group_form.html", {"form": form, "group": None})


def _group_page(
    request: HttpRequest, group: CooperationGroup, member_form: MemberForm | None = None
) -> HttpResponse:
    principal = principal_for(request)
    ids = selectors.group_municipality_ids(group)
    return render(
        request,
        "cooperation/group_detail.html",
        {
            "group": group,
            "members": selectors.group_members(group=group),
            "missing": selectors.group_missing_members(group=group),
            "can_change": group_policy.can_change(principal, group),
            "runs": group_policy.runs(principal, group),
            "meetings": selectors.meeting_list(principal=principal, group=group),
            "tasks": selectors.group_tasks(principal=principal, group=group),
            "member_form": member_form or MemberForm(municipality_ids=ids, group_pk=group.pk),
            "done_form": TaskDoneForm(),
        },
    )


@access(WORKS_WITH_GROUPS)
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _group_page(request, selectors.group_for_reading(request=request, pk=pk))


def _configured_group(request: HttpRequest, pk: int) -> CooperationGroup:
    principal = principal_for(request)
    group = selectors.group_get(principal=principal, pk=pk)
    group_policy.require_change(principal, group)
    return group


@access(IS_COORDINATOR)
def group_edit(request: HttpRequest, pk: int) -> HttpResponse:
    group = _configured_group(request, pk)
    form = GroupForm(
        request.POST or None,
        instance=group,
        municipality_ids=selectors.group_municipality_ids(group),
    )
    if request.method == "POST" and form.is_valid():
        data = form.settings()
        group.refresh_from_db()  # the form changed the instance; the service applies it
        done = run_service(
            cast(Form, form),
            lambda: services.group_update(actor=signed_in_user(request), group=group, **data),
        )
        if done is not None:
            messages.success(request, _("The group's settings were saved."))
            return redirect("cooperation:group-detail", pk=pk)
    return render(request, "cooperation/group_form.html", {"form": form, "group": group})


@access(WORKS_WITH_GROUPS)
def group_search(request: HttpRequest, pk: int, what: str) -> HttpResponse:
    """The group's pickers' endpoint (members, leader, guests, decisions' institutions): the
    institutions or users of the group's municipalities, searched by name, for whoever
    configures the group or runs its meetings (403 for its other readers)."""
    principal = principal_for(request)
    group = selectors.group_get(principal=principal, pk=pk)
    if what not in PICKS:
        raise Http404
    if not (group_policy.can_change(principal, group) or group_policy.runs(principal, group)):
        raise PermissionDenied
    queryset = PICKS[what](selectors.group_municipality_ids(group))
    return picker_results(request, queryset=queryset, kind=PICK_KINDS[what])


@access(IS_COORDINATOR)
def group_new_search(request: HttpRequest, what: str) -> HttpResponse:
    """The new-group form's pickers' endpoint: the coordinator's own municipalities."""
    if what not in PICKS:
        raise Http404
    municipalities = set(group_policy.creatable_in(principal_for(request)))
    return picker_results(request, queryset=PICKS[what](municipalities), kind=PICK_KINDS[what])


@access(IS_COORDINATOR)
@require_POST
@once_per_form
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    group = _configured_group(request, pk)
    form = MemberForm(
        request.POST, municipality_ids=selectors.group_municipality_ids(group), group_pk=group.pk
    )
    if saved(
        form,
        lambda: services.group_member_add(
            actor=signed_in_user(request), group=group, **form.cleaned_data
        ),
    ):
        messages.success(request, _("The member was added."))
        return redirect("cooperation:group-detail", pk=pk)
    return _group_page(
        request, selectors.group_for_reading(request=request, pk=pk), member_form=form
    )


@access(IS_COORDINATOR)
@require_POST
def member_end(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    group = _configured_group(request, pk)
    member = get_object_or_404(GroupMember, group=group, pk=member_pk)
    run_action(
        request,
        lambda: services.group_member_end(actor=signed_in_user(request), member=member),
        done=_("The member left the group."),
    )
    return redirect("cooperation:group-detail", pk=pk)


@access(IS_COORDINATOR)
@require_POST
def group_activate(request: HttpRequest, pk: int) -> HttpResponse:
    group = _configured_group(request, pk)
    run_action(
        request,
        lambda: services.group_activate(actor=signed_in_user(request), group=group),
        done=_("The group is active."),
    )
    return redirect("cooperation:group-detail", pk=pk)


@access(WORKS_WITH_GROUPS)
def bylaws(request: HttpRequest, pk: int) -> HttpResponse:
    group = selectors.group_get(principal=principal_for(request), pk=pk)
    return file_response(to_docx(documents.group_bylaws(group)), f"nolikums-{group.pk}.docx", DOCX)


@access(WORKS_WITH_GROUPS)
@require_POST
def task_done(request: HttpRequest, pk: int) -> HttpResponse:
    from .access import decision_task_policy

    principal = principal_for(request)
    task = decision_task_policy.get_visible_or_404(
        principal, DecisionTask.objects.select_related("decision__item__meeting__group"), pk=pk
    )
    decision_task_policy.require_change(principal, task)
    form = TaskDoneForm(request.POST)
    form.is_valid()
    run_action(
        request,
        lambda: services.decision_task_complete(
            actor=signed_in_user(request), task=task, result=form.cleaned_data.get("result", "")
        ),
        done=_("The task was marked done."),
    )
    return redirect("cooperation:group-detail", pk=task.decision.item.meeting.group_id)
