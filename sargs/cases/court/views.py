"""Pages of the orphan's court's work: proceedings (matters, decisions, judgments),
preventive talks, out-of-family care and the support record for the court. The court running
a matter sees and changes it; the case's social service reads it; the case team reads talks,
placements and the support record; everyone else does not find them (404) or is refused (403).
Thin: selectors read, services write, the policies decide; every child's data shown is
recorded in the audit trail."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sargs.audit.services import record_view, record_views
from sargs.cases.casework import selectors as case_selectors
from sargs.cases.casework.access import SEES_CASES
from sargs.core.access import access
from sargs.core.documents import to_docx
from sargs.core.forms import once_per_form, run_action, run_service
from sargs.core.pages import page_of
from sargs.organisations.principal import principal_for, signed_in_user

from . import selectors
from . import services as court_services
from .access import IS_COURT_MEMBER, placement_policy, proceeding_policy
from .documents import support_record_document
from .forms import (
    DecideForm,
    ExtendForm,
    FosterFamilyForm,
    FosterFamilyStatusForm,
    JudgmentForm,
    OpenForm,
    PlacementEndForm,
    PlacementForm,
    RemedyForm,
    TalkForm,
)
from .models import Proceeding
from .register import (
    foster_families_to_place,
    foster_family_list,
    foster_family_register,
    foster_family_set_status,
)

# --- Proceedings ---------------------------------------------------------------------------------


def _get(request: HttpRequest, pk: int) -> Proceeding:
    return selectors.proceeding_get(principal=principal_for(request), pk=pk)


@access(SEES_CASES)
def proceeding_list(request: HttpRequest) -> HttpResponse:
    principal = principal_for(request)
    decided = request.GET.get("tab") == "decided"
    qs = selectors.proceeding_list(principal=principal, decided=decided)
    page = page_of(request, qs)
    rows = list(page.object_list)
    case_selectors.record_reads_with_children(
        request=request, shown=rows, case_ids=[p.case_id for p in rows], purpose="proceeding list"
    )
    return render(
        request,
        "cases/proceeding_list.html",
        {"tab": "decided" if decided else "open", "page_obj": page},
    )


def _page(request: HttpRequest, proceeding: Proceeding, **forms_: Form) -> HttpResponse:
    record_view(request=request, obj=proceeding, purpose="proceeding")
    children = list(proceeding.case.children.all())
    record_views(request=request, objs=children, purpose="proceeding", proceeding=proceeding.pk)
    decide_form = forms_.get("decide_form") or DecideForm(proceeding=proceeding)
    can_change = proceeding_policy.can_change(principal_for(request), proceeding)
    can_judge = (
        can_change and proceeding.kind in court_services.JUDGMENTS_FOR and proceeding.case.is_open
    )
    if (can_change and proceeding.is_open) or can_judge:
        # The forms list the children's parents by name: that is a read too.
        parents = [r.representative for r in selectors.proceeding_parents(proceeding=proceeding)]
        record_views(
            request=request, objs=parents, purpose="decision form", proceeding=proceeding.pk
        )
    return render(
        request,
        "cases/proceeding_detail.html",
        {
            "proceeding": proceeding,
            "children": children,
            "can_change": can_change and proceeding.is_open,
            "remedy_form": forms_.get("remedy_form") or RemedyForm(),
            "extend_form": forms_.get("extend_form") or ExtendForm(),
            "decide_form": decide_form,
            "can_judge": can_judge,
            "judgment_form": forms_.get("judgment_form") or JudgmentForm(proceeding=proceeding),
            "judgments": list(proceeding.judgments.all()),
            **selectors.proceeding_safeguards(proceeding=proceeding),
        },
    )


@access(SEES_CASES)
def proceeding_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, _get(request, pk))


@access(IS_COURT_MEMBER)
@once_per_form
def proceeding_open(request: HttpRequest, pk: int) -> HttpResponse:
    principal = principal_for(request)
    case = case_selectors.case_get(principal=principal, pk=pk)
    courts = selectors.courts_for_case(principal=principal, case=case)
    if not courts.exists():
        raise PermissionDenied
    form = OpenForm(request.POST or None, courts=courts)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            lambda: court_services.proceeding_open(
                case=case, actor=signed_in_user(request), **form.cleaned_data
            ),
        )
        if done is not None:
            messages.success(request, _("The matter was opened."))
            return redirect("cases:proceeding-detail", pk=done.pk)
    return render(request, "cases/proceeding_form.html", {"case": case, "form": form})


def _action(
    request: HttpRequest,
    pk: int,
    form: Form | Callable[[Proceeding], Form],
    name: str,
    call: Callable[..., Any],
    done: str,
) -> HttpResponse:
    proceeding = _get(request, pk)
    proceeding_policy.require_change(principal_for(request), proceeding)
    if not isinstance(form, Form):
        form = form(proceeding)
    if (
        form.is_valid()
        and run_service(
            form,
            lambda: call(proceeding=proceeding, actor=signed_in_user(request), **form.cleaned_data),
        )
        is not None
    ):
        messages.success(request, done)
        return redirect("cases:proceeding-detail", pk=pk)
    return _page(request, proceeding, **{name: form})


@access(IS_COURT_MEMBER)
@require_POST
def proceeding_remedy(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        RemedyForm(request.POST),
        "remedy_form",
        court_services.proceeding_set_remedy_term,
        _("The term to remedy was set."),
    )


@access(IS_COURT_MEMBER)
@require_POST
def proceeding_extend(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        ExtendForm(request.POST),
        "extend_form",
        court_services.proceeding_extend,
        _("The term for the decision was extended."),
    )


@access(IS_COURT_MEMBER)
@require_POST
@once_per_form
def proceeding_decide(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        lambda proceeding: DecideForm(request.POST, proceeding=proceeding),
        "decide_form",
        court_services.proceeding_decide,
        _("The decision was recorded."),
    )


@access(IS_COURT_MEMBER)
@require_POST
def proceeding_attach_support_record(request: HttpRequest, pk: int) -> HttpResponse:
    """Attach the case's support record, as of today, to the matter as a dated document."""
    proceeding = _get(request, pk)
    proceeding_policy.require_change(principal_for(request), proceeding)
    actor = signed_in_user(request)
    run_action(
        request,
        lambda: court_services.proceeding_attach_support_record(proceeding=proceeding, actor=actor),
        done=_("The support record was attached to the matter."),
    )
    return redirect("cases:proceeding-detail", pk=pk)


@access(SEES_CASES)
def proceeding_support_record_download(request: HttpRequest, pk: int, doc_pk: int) -> HttpResponse:
    """An attached support record as it was on its date (the court and the case team)."""
    proceeding = _get(request, pk)
    attachment = get_object_or_404(proceeding.support_records, pk=doc_pk)
    record_view(request=request, obj=proceeding, purpose="attached support record")
    record_views(
        request=request,
        objs=list(proceeding.case.children.all()),
        purpose="attached support record",
    )
    response = HttpResponse(
        bytes(attachment.content),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    name = f"support-record-{proceeding.case_id}-{attachment.dated_on:%Y%m%d}.docx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@access(IS_COURT_MEMBER)
@require_POST
@once_per_form
def proceeding_judgment(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a court's judgment (deprivation, restoration, dismissal) on the matter."""
    proceeding = _get(request, pk)
    proceeding_policy.require_change(principal_for(request), proceeding)
    form = JudgmentForm(request.POST, proceeding=proceeding)
    if (
        form.is_valid()
        and run_service(
            form,
            lambda: court_services.proceeding_record_judgment(
                proceeding=proceeding, actor=signed_in_user(request), **form.cleaned_data
            ),
        )
        is not None
    ):
        messages.success(request, _("The judgment was recorded."))
        return redirect("cases:proceeding-detail", pk=pk)
    return _page(request, proceeding, judgment_form=form)


# --- Preventive talks -------------------------------------------------------------------------


@access(SEES_CASES)
def talk_list(request: HttpRequest, pk: int) -> HttpResponse:
    principal = principal_for(request)
    case = case_selectors.case_get_whole(principal=principal, pk=pk)
    talks = list(selectors.talk_list(case=case))
    case_selectors.record_reads_with_children(
        request=request,
        shown=[case, *talks],
        case_ids=[case.pk],
        purpose="preventive talks",
        case=case.pk,
    )
    return render(
        request,
        "cases/talk_list.html",
        {
            "case": case,
            "talks": talks,
            "can_record": case.is_open
            and selectors.courts_for_case(principal=principal, case=case).exists(),
        },
    )


@access(IS_COURT_MEMBER)
@once_per_form
def talk_create(request: HttpRequest, pk: int) -> HttpResponse:
    principal = principal_for(request)
    case = case_selectors.case_get_whole(principal=principal, pk=pk)
    courts = selectors.courts_for_case(principal=principal, case=case)
    if not courts.exists():
        raise PermissionDenied
    form = TalkForm(request.POST or None, courts=courts)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            lambda: court_services.preventive_talk_record(
                case=case, actor=signed_in_user(request), **form.cleaned_data
            ),
        )
        if done is not None:
            messages.success(request, _("The preventive talk was recorded."))
            return redirect("cases:talk-list", pk=case.pk)
    return render(request, "cases/talk_form.html", {"case": case, "form": form})


# --- Out-of-family care ------------------------------------------------------------------------


@access(IS_COURT_MEMBER)
@once_per_form
def placement_start(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_selectors.case_get_whole(principal=principal_for(request), pk=pk)
    record_views(request=request, objs=list(case.children.all()), purpose="placement form")
    families = foster_families_to_place(principal=principal_for(request))
    form = PlacementForm(request.POST or None, case=case, families=families)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            lambda: court_services.placement_start(
                case=case, actor=signed_in_user(request), **form.cleaned_data
            ),
        )
        if done is not None:
            messages.success(request, _("The placement was recorded."))
            return redirect("cases:case-detail", pk=case.pk)
    return render(request, "cases/placement_form.html", {"case": case, "form": form})


@access(IS_COURT_MEMBER)
@require_POST
def placement_end(request: HttpRequest, pk: int) -> HttpResponse:
    principal = principal_for(request)
    placement = selectors.placement_get(principal=principal, pk=pk)
    placement_policy.require_change(principal, placement)
    form = PlacementEndForm(request.POST)
    actor = signed_in_user(request)
    if form.is_valid():
        run_action(
            request,
            lambda: court_services.placement_end(
                placement=placement, actor=actor, reason=form.cleaned_data["reason"]
            ),
            done=_("The placement ended."),
        )
    return redirect("cases:case-detail", pk=placement.case_id)


# --- The support record for the court ---------------------------------------------------------


@access(SEES_CASES)
def support_record(request: HttpRequest, pk: int) -> HttpResponse:
    """What the courts ask for: problems, plan goals, services given, gaps (case team only)."""
    case = case_selectors.case_get_whole(principal=principal_for(request), pk=pk)
    record_view(request=request, obj=case, purpose="support record")
    record_views(request=request, objs=list(case.children.all()), purpose="support record")
    record = selectors.support_record(case=case)
    return render(request, "cases/support_record.html", {"case": case, "record": record})


@access(SEES_CASES)
def support_record_export(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_selectors.case_get_whole(principal=principal_for(request), pk=pk)
    record_view(request=request, obj=case, purpose="support record export")
    record_views(request=request, objs=list(case.children.all()), purpose="support record export")
    body = to_docx(support_record_document(selectors.support_record(case=case)))
    response = HttpResponse(
        body,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="support-record-{case.pk}.docx"'
    return response


# --- The foster family register ----------------------------------------------------------------


@access(IS_COURT_MEMBER)
def foster_family_list_page(request: HttpRequest) -> HttpResponse:
    """The register of the member's orphan's courts, with the children placed now; a form to
    enter a family."""
    principal = principal_for(request)
    courts = selectors.member_courts(principal=principal)
    form = FosterFamilyForm(request.POST or None, courts=courts)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            lambda: foster_family_register(actor=signed_in_user(request), **form.cleaned_data),
        )
        if done is not None:
            messages.success(request, _("The family was entered in the register."))
            return redirect("cases:foster-family-list")
    return render(
        request,
        "cases/foster_family_list.html",
        {
            "families": list(foster_family_list(principal=principal)),
            "form": form,
            "status_form": FosterFamilyStatusForm(),
        },
    )


@access(IS_COURT_MEMBER)
@require_POST
def foster_family_status(request: HttpRequest, pk: int) -> HttpResponse:
    family = get_object_or_404(foster_family_list(principal=principal_for(request)), pk=pk)
    form = FosterFamilyStatusForm(request.POST)
    actor = signed_in_user(request)
    if form.is_valid():
        run_action(
            request,
            lambda: foster_family_set_status(actor=actor, family=family, **form.cleaned_data),
            done=_("The family's status was changed."),
        )
    return redirect("cases:foster-family-list")
