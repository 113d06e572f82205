"""Pages for meetings: the agenda, invitations, attendance and quorum, confidentiality, the
case summary of an agenda item, decisions, minutes and the report to the council."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sargs.cases.casework import selectors as case_selectors
from sargs.cases.casework.models import Case
from sargs.core.access import access
from sargs.core.documents import to_docx, to_pdf
from sargs.core.forms import once_per_form, run_action, run_service
from sargs.organisations.principal import principal_for, signed_in_user

from . import documents, selectors, services
from .access import SEES_COUNCIL_REPORT, WORKS_WITH_GROUPS, group_policy, meeting_policy
from .forms import (
    AgendaItemForm,
    AttendanceForm,
    DecisionForm,
    GuestForm,
    MeetingForm,
    ReportForm,
)
from .models import AgendaItem, CooperationGroup, Meeting, MeetingStatus
from .report import cooperation_group_report_figures
from .views import DOCX, file_response, saved

PDF = "application/pdf"


def _agenda_cases(request: HttpRequest, meeting: Meeting) -> QuerySet[Case]:
    return case_selectors.open_cases_seen(
        principal=principal_for(request),
        municipality_ids=selectors.group_municipality_ids(meeting.group),
    )


@access(WORKS_WITH_GROUPS)
@once_per_form
def meeting_create(request: HttpRequest, pk: int) -> HttpResponse:
    principal = principal_for(request)
    group = selectors.group_get(principal=principal, pk=pk)
    if not group_policy.runs(principal, group):
        raise PermissionDenied
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting = run_service(
            form,
            lambda: services.meeting_create(
                actor=signed_in_user(request), group=group, **form.cleaned_data
            ),
        )
        if meeting is not None:
            messages.success(request, _("The meeting was called."))
            return redirect("cooperation:meeting-detail", pk=meeting.pk)
    return render(request, "cooperation/meeting_form.html", {"form": form, "group": group})


def _meeting_page(request: HttpRequest, meeting: Meeting, **forms: Any) -> HttpResponse:
    principal = principal_for(request)
    runs = meeting_policy.can_change(principal, meeting)
    ids = selectors.group_municipality_ids(meeting.group)
    participants = selectors.meeting_participants(meeting=meeting)
    # An invited participant sees the agenda and documents only after confirming confidentiality.
    agenda_hidden = meeting_policy.awaits_confidentiality(principal, meeting)
    return render(
        request,
        "cooperation/meeting_detail.html",
        {
            "meeting": meeting,
            "group": meeting.group,
            "runs": runs,
            "planned": meeting.status == MeetingStatus.PLANNED,
            "me": meeting_policy.participant(principal, meeting),
            "participants": participants,
            "quorum": selectors.meeting_quorum(meeting=meeting),
            "items": [] if agenda_hidden else selectors.meeting_items(meeting=meeting),
            "agenda_hidden": agenda_hidden,
            "item_form": forms.get("item_form")
            or (AgendaItemForm(cases=_agenda_cases(request, meeting)) if runs else None),
            "guest_form": forms.get("guest_form")
            or (GuestForm(municipality_ids=ids, group_pk=meeting.group_id) if runs else None),
            "attendance_form": forms.get("attendance_form")
            or (AttendanceForm(participants=participants) if runs else None),
        },
    )


@access(WORKS_WITH_GROUPS)
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        meeting = selectors.meeting_for_reading(request=request, pk=pk)
    except Http404:
        return _access_ended(request, pk)
    return _meeting_page(request, meeting)


def _access_ended(request: HttpRequest, pk: int) -> HttpResponse:
    """A former guest is told their access ended, and when (410); anyone else gets 404."""
    ended = selectors.guest_access_ended(
        principal=principal_for(request), pk=pk, today=timezone.localdate()
    )
    if ended is None:
        raise Http404
    return render(request, "cooperation/access_ended.html", {"ended": ended}, status=410)


def _run_meeting(request: HttpRequest, pk: int) -> Meeting:
    principal = principal_for(request)
    meeting = selectors.meeting_get(principal=principal, pk=pk)
    meeting_policy.require_change(principal, meeting)
    return meeting


@access(WORKS_WITH_GROUPS)
@require_POST
@once_per_form
def item_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _run_meeting(request, pk)
    form = AgendaItemForm(request.POST, cases=_agenda_cases(request, meeting))
    if saved(
        form,
        lambda: services.agenda_item_add(
            actor=signed_in_user(request), meeting=meeting, **form.cleaned_data
        ),
    ):
        messages.success(request, _("The item is on the agenda."))
        return redirect("cooperation:meeting-detail", pk=pk)
    return _meeting_page(
        request, selectors.meeting_for_reading(request=request, pk=pk), item_form=form
    )


@access(WORKS_WITH_GROUPS)
@require_POST
@once_per_form
def guest_invite(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _run_meeting(request, pk)
    form = GuestForm(
        request.POST,
        municipality_ids=selectors.group_municipality_ids(meeting.group),
        group_pk=meeting.group_id,
    )
    if saved(
        form,
        lambda: services.participant_invite(
            actor=signed_in_user(request), meeting=meeting, **form.cleaned_data
        ),
    ):
        messages.success(request, _("The participant is invited to this meeting."))
        return redirect("cooperation:meeting-detail", pk=pk)
    return _meeting_page(
        request, selectors.meeting_for_reading(request=request, pk=pk), guest_form=form
    )


@access(WORKS_WITH_GROUPS)
@require_POST
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _run_meeting(request, pk)
    form = AttendanceForm(
        request.POST, participants=selectors.meeting_participants(meeting=meeting)
    )
    if saved(
        form,
        lambda: services.attendance_record(
            actor=signed_in_user(request), meeting=meeting, present=form.cleaned_data["present"]
        ),
    ):
        messages.success(request, _("The attendance was recorded."))
        return redirect("cooperation:meeting-detail", pk=pk)
    return _meeting_page(
        request, selectors.meeting_for_reading(request=request, pk=pk), attendance_form=form
    )


@access(WORKS_WITH_GROUPS)
@require_POST
def confidentiality(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(principal=principal_for(request), pk=pk)
    run_action(
        request,
        lambda: services.confidentiality_confirm(actor=signed_in_user(request), meeting=meeting),
        done=_("You confirmed that you keep the case material confidential."),
    )
    return redirect("cooperation:meeting-detail", pk=pk)


@access(WORKS_WITH_GROUPS)
@require_POST
def overdue(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _run_meeting(request, pk)
    run_action(
        request,
        lambda: services.meeting_add_overdue(actor=signed_in_user(request), meeting=meeting),
        done=_("Overdue tasks are on the agenda."),
    )
    return redirect("cooperation:meeting-detail", pk=pk)


@access(WORKS_WITH_GROUPS)
@require_POST
def meeting_close(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _run_meeting(request, pk)
    if request.POST.get("confirm") != "yes":  # closed minutes are final: asked once more
        messages.error(request, _("Tick the box to confirm that the minutes are complete."))
        return redirect("cooperation:meeting-detail", pk=pk)
    run_action(
        request,
        lambda: services.meeting_close(actor=signed_in_user(request), meeting=meeting),
        done=_("The minutes are closed."),
    )
    return redirect("cooperation:meeting-detail", pk=pk)


def _case_summary(request: HttpRequest, item: AgendaItem) -> dict[str, Any] | None:
    """What the meeting needs of the case, for those allowed to see it now (the item's
    selector recorded the read of the case and its children)."""
    principal = principal_for(request)
    me = meeting_policy.participant(principal, item.meeting)
    if item.case is None or not meeting_policy.sees_case_material(principal, item, me):
        return None
    case = item.case
    children = list(case.children.all())
    concerns = case.concerns.order_by("created_at")
    return {
        "case": case,
        "children": children,
        "categories": sorted({label for c in concerns for label in c.get_categories_display()}),
        "tasks": case_selectors.case_open_tasks(case),
    }


def _item_page(
    request: HttpRequest, item: AgendaItem, form: DecisionForm | None = None
) -> HttpResponse:
    principal = principal_for(request)
    meeting = item.meeting
    runs = meeting_policy.can_change(principal, meeting) and meeting.status == MeetingStatus.PLANNED
    me = meeting_policy.participant(principal, meeting)
    ids = selectors.group_municipality_ids(meeting.group)
    decision = getattr(item, "decision", None)
    return render(
        request,
        "cooperation/item_detail.html",
        {
            "item": item,
            "meeting": meeting,
            "me": me,
            "summary": _case_summary(request, item),
            "decision": decision,
            "decision_tasks": decision.tasks.select_related("institution", "case_task")
            if decision
            else [],
            "decision_form": form
            or (
                DecisionForm(municipality_ids=ids, group_pk=meeting.group_id)
                if runs and not decision
                else None
            ),
        },
    )


@access(WORKS_WITH_GROUPS)
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _item_page(request, selectors.item_for_reading(request=request, pk=pk))


@access(WORKS_WITH_GROUPS)
@require_POST
@once_per_form
def decision_record(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.item_for_reading(request=request, pk=pk)
    meeting_policy.require_change(principal_for(request), item.meeting)
    form = DecisionForm(
        request.POST,
        municipality_ids=selectors.group_municipality_ids(item.meeting.group),
        group_pk=item.meeting.group_id,
    )
    if saved(
        form,
        lambda: services.decision_record(
            actor=signed_in_user(request),
            item=item,
            text=form.cleaned_data["text"],
            facts=form.cleaned_data["facts"],
            tasks=form.actions(),
        ),
    ):
        messages.success(request, _("The decision was recorded."))
        return redirect("cooperation:meeting-detail", pk=item.meeting_id)
    return _item_page(request, item, form)


def _document(request: HttpRequest, pk: int, fmt: str, name: str) -> HttpResponse:
    if fmt not in ("docx", "pdf"):
        raise Http404
    meeting = selectors.meeting_for_reading(request=request, pk=pk)
    meeting_policy.require_confidentiality(principal_for(request), meeting)
    if name == "minutes":
        refusal = documents.minutes_refusal(meeting)
        if refusal:  # no minutes of a meeting that has not been held
            messages.error(request, refusal)
            return redirect("cooperation:meeting-detail", pk=meeting.pk)
    build = documents.meeting_invitation if name == "invitation" else documents.meeting_minutes
    filename = f"{'uzaicinajums' if name == 'invitation' else 'protokols'}-{meeting.number}"
    if fmt == "docx":
        return file_response(to_docx(build(meeting)), f"{filename}.docx", DOCX)
    return file_response(to_pdf(build(meeting)), f"{filename}.pdf", PDF)


@access(WORKS_WITH_GROUPS)
def invitation(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    return _document(request, pk, fmt, "invitation")


@access(WORKS_WITH_GROUPS)
def minutes(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    return _document(request, pk, fmt, "minutes")


@access(SEES_COUNCIL_REPORT)
def report(request: HttpRequest, pk: int) -> HttpResponse:
    """The report to the council: aggregates only, counts 1–4 suppressed."""
    group = _reported_group(request, pk)
    today = timezone.localdate()
    form = ReportForm(request.GET or {"start": today.replace(month=1, day=1), "end": today})
    result = (
        cooperation_group_report_figures(group=group, **form.cleaned_data)
        if form.is_valid()
        else None
    )
    fmt = request.GET.get("format")
    if result is not None and fmt in ("docx", "pdf"):
        doc = documents.cooperation_group_council_report(result)
        name = f"parskats-{group.pk}-{result.start:%Y%m%d}-{result.end:%Y%m%d}"
        if fmt == "docx":
            return file_response(to_docx(doc), f"{name}.docx", DOCX)
        return file_response(to_pdf(doc), f"{name}.pdf", PDF)
    return render(
        request,
        "cooperation/report.html",
        {
            "group": group,
            "form": form,
            "report": result,
            "works_with_groups": WORKS_WITH_GROUPS.allows(request),
        },
    )


def _reported_group(request: HttpRequest, pk: int) -> CooperationGroup:
    principal = principal_for(request)
    group = group_policy.reported(principal, CooperationGroup.objects.all()).filter(pk=pk).first()
    if group is None:
        raise Http404
    return group


@access(SEES_COUNCIL_REPORT)
def report_index(request: HttpRequest) -> HttpResponse:
    """The groups whose report to the council the user may read."""
    principal = principal_for(request)
    groups = group_policy.reported(
        principal, CooperationGroup.objects.select_related("municipality")
    ).order_by("name", "pk")
    return render(
        request,
        "cooperation/report_index.html",
        {"groups": groups, "works_with_groups": WORKS_WITH_GROUPS.allows(request)},
    )
