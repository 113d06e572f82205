"""Pages of the collection: reporting periods, what each institution reports and by when, data
entry (per indicator, saved with htmx), the Excel template and upload, and the coordinator's
overview with return / approve / reopen. Thin: selectors read, services write, the policy in
access.py decides (another municipality's submission → 404, a reporter deciding → 403).

Submissions hold aggregate counts about no child in particular, so reads are not recorded as
views of a child's data; every change goes through auditlog and the submission's events."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sargs.core.access import access
from sargs.core.forms import add_service_errors, run_action, run_service
from sargs.core.pages import page_of
from sargs.core.uploads import read_upload
from sargs.core.versioning import StaleEdit
from sargs.organisations.models import Institution, Municipality
from sargs.organisations.principal import principal_for, signed_in_user

from . import excel, selectors, services
from .access import (
    COORDINATES_ASSESSMENT,
    REPORTS_IN_ASSESSMENT,
    coordinated_municipalities,
    reporter_institutions,
    submission_policy,
)
from .forms import (
    IndicatorValuesForm,
    PeriodForm,
    ReopenForm,
    ReturnForm,
    UploadForm,
    WindowForm,
)
from .models import IndicatorDefinition, ReportingPeriod, Submission, SubmissionStatus

# --- Periods and what to report --------------------------------------------------------------


@access(REPORTS_IN_ASSESSMENT)
def collection_home(request: HttpRequest) -> HttpResponse:
    """Each of the user's institutions: the open periods, what it reports, its submissions."""
    principal = principal_for(request)
    periods = list(selectors.open_periods(timezone.localdate()))
    institutions = list(selectors.reporting_institutions_of(principal))
    submissions = {
        (s.institution_id, s.period_id): s
        for s in selectors.submission_list(principal=principal).filter(
            institution__in=institutions, period__in=periods
        )
    }
    cards = []
    for institution in institutions:
        rows = []
        for period in periods:
            definitions = selectors.definitions_for(institution, period)
            # Periods due before the institution started in Sargs are not its to report here.
            if definitions and selectors.owes_period(institution, period):
                rows.append(
                    {
                        "period": period,
                        "definitions": definitions,
                        "submission": submissions.get((institution.pk, period.pk)),
                    }
                )
        cards.append({"institution": institution, "rows": rows})
    return render(
        request,
        "assessment/collection_home.html",
        {
            "cards": cards,
            "is_coordinator": bool(coordinated_municipalities(principal)),
            "today": timezone.localdate(),
        },
    )


@access(REPORTS_IN_ASSESSMENT)
def period_list(request: HttpRequest) -> HttpResponse:
    """Reporting periods with their deadlines; coordinators open new ones here."""
    principal = principal_for(request)
    is_coordinator = bool(coordinated_municipalities(principal))
    form = PeriodForm(initial={"year": timezone.localdate().year - 1, "semester": 0})
    if request.method == "POST":
        if not is_coordinator:
            raise PermissionDenied
        form = PeriodForm(request.POST)
        if form.is_valid():
            period = run_service(
                form,
                lambda: services.open_period(actor=signed_in_user(request), **form.cleaned_data),
            )
            if period is not None:
                messages.success(
                    request,
                    _("The reporting period %(period)s is open; deadline %(date)s.")
                    % {"period": period, "date": period.deadline.strftime("%d.%m.%Y")},
                )
                return redirect("assessment:period-list")
    page = page_of(request, selectors.period_list())
    return render(
        request,
        "assessment/collection_periods.html",
        {"page_obj": page, "form": form, "is_coordinator": is_coordinator},
    )


@access(REPORTS_IN_ASSESSMENT)
def period_window(request: HttpRequest, pk: int) -> HttpResponse:
    """A coordinator sets when a period's collection opens and when it is due."""
    principal = principal_for(request)
    if not coordinated_municipalities(principal):
        raise PermissionDenied
    period = get_object_or_404(ReportingPeriod, pk=pk)
    form = WindowForm(
        request.POST or None, initial={"opens_on": period.opens_on, "deadline": period.deadline}
    )
    if request.method == "POST" and form.is_valid():
        changed = run_service(
            form,
            lambda: services.period_set_window(
                actor=signed_in_user(request), period=period, **form.cleaned_data
            ),
        )
        if changed is not None:
            period = changed
            messages.success(
                request,
                _("Collection for %(period)s opens on %(opens)s and is due on %(date)s.")
                % {
                    "period": period,
                    "opens": period.opens_on.strftime("%d.%m.%Y"),
                    "date": period.deadline.strftime("%d.%m.%Y"),
                },
            )
            return redirect("assessment:period-list")
    return render(request, "assessment/collection_window.html", {"period": period, "form": form})


@access(REPORTS_IN_ASSESSMENT)
@require_POST
def submission_start(request: HttpRequest) -> HttpResponse:
    """Open (create on first use) an institution's submission for a period."""
    principal = principal_for(request)
    institution = get_object_or_404(
        Institution,
        pk=_number(request.POST.get("institution")),
        pk__in=reporter_institutions(principal),
    )
    period = get_object_or_404(ReportingPeriod, pk=_number(request.POST.get("period")))
    found: list[Submission] = []
    if not run_action(
        request,
        lambda: found.append(services.submission_for(institution=institution, period=period)),
    ):
        return redirect("assessment:collection")
    return redirect("assessment:submission-detail", pk=found[0].pk)


def _number(text: str | None) -> int:
    return int(text) if text and text.isdigit() else 0


# --- One submission --------------------------------------------------------------------------


def _section_forms(
    submission: Submission, definitions: list[IndicatorDefinition], disabled: bool
) -> list[IndicatorValuesForm]:
    values = selectors.submission_values(submission)
    return [
        IndicatorValuesForm(
            definition=d, values=values, revision=submission.revision, disabled=disabled
        )
        for d in definitions
    ]


def _progress(submission: Submission, definitions: list[IndicatorDefinition]) -> dict[str, Any]:
    missing = selectors.missing_cells(submission, definitions)
    total = sum(len(d.cells) for d in definitions)
    return {"filled": total - len(missing), "total": total, "missing": missing}


def _detail_page(
    request: HttpRequest,
    submission: Submission,
    *,
    bound: IndicatorValuesForm | None = None,
    return_form: ReturnForm | None = None,
    reopen_form: ReopenForm | None = None,
    upload_form: UploadForm | None = None,
    status: int = 200,
) -> HttpResponse:
    principal = principal_for(request)
    can_change = submission_policy.can_change(principal, submission)
    definitions = selectors.definitions_for(submission.institution, submission.period)
    editable = can_change and submission.is_editable
    forms = _section_forms(submission, definitions, disabled=not editable)
    if bound is not None:
        forms = [bound if f.definition.pk == bound.definition.pk else f for f in forms]
    return render(
        request,
        "assessment/collection_submission.html",
        {
            "submission": submission,
            "forms": forms,
            "editable": editable,
            "can_change": can_change,
            "can_decide": submission_policy.can_decide(principal, submission),
            "progress": _progress(submission, definitions),
            "events": selectors.submission_events(submission),
            "last_comment": selectors.last_comment(submission),
            "return_form": return_form or ReturnForm(),
            "reopen_form": reopen_form or ReopenForm(),
            "upload_form": upload_form or UploadForm(),
        },
        status=status,
    )


@access(REPORTS_IN_ASSESSMENT)
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    submission = selectors.submission_get(principal=principal_for(request), pk=pk)
    return _detail_page(request, submission)


def _for_change(request: HttpRequest, pk: int) -> Submission:
    principal = principal_for(request)
    submission = selectors.submission_get(principal=principal, pk=pk)
    submission_policy.require_change(principal, submission)
    return submission


def _for_decision(request: HttpRequest, pk: int) -> Submission:
    principal = principal_for(request)
    submission = selectors.submission_get(principal=principal, pk=pk)
    if not submission_policy.can_decide(principal, submission):
        raise PermissionDenied
    return submission


def _save_section(request: HttpRequest, submission: Submission, form: IndicatorValuesForm) -> bool:
    if not form.is_valid():
        return False
    values = form.values()
    if values is None:
        return False
    try:
        services.save_values(
            actor=signed_in_user(request),
            submission=submission,
            values=values,
            **form.save_kwargs(),
        )
    except StaleEdit as stale:  # someone changed the same cells meanwhile
        form.refused(stale, values)
    except ValidationError as error:
        add_service_errors(form, error, field_for=form.field_for_error_key)
    return not form.errors


@access(REPORTS_IN_ASSESSMENT)
@require_POST
def submission_section(request: HttpRequest, pk: int, definition_pk: int) -> HttpResponse:
    """Save one indicator's cells (an htmx form per indicator; a plain POST works too)."""
    submission = _for_change(request, pk)
    definitions = selectors.definitions_for(submission.institution, submission.period)
    definition = next((d for d in definitions if d.pk == definition_pk), None)
    if definition is None:
        raise Http404
    values = selectors.submission_values(submission)
    form = IndicatorValuesForm(request.POST, definition=definition, values=values)
    saved = _save_section(request, submission, form)
    if request.htmx:  # type: ignore[attr-defined]
        if saved:  # show what is stored now
            form = IndicatorValuesForm(
                definition=definition,
                values=selectors.submission_values(submission),
                revision=submission.revision,
            )
        return render(
            request,
            "assessment/partials/_collection_section.html",
            {
                "form": form,
                "submission": submission,
                "editable": True,
                "saved": saved,
                "progress": _progress(submission, definitions),
                "oob": True,
            },
        )
    if saved:
        messages.success(request, _("Saved."))
        return redirect("assessment:submission-detail", pk=pk)
    return _detail_page(request, submission, bound=form, status=400)


def _transition(request: HttpRequest, submission: Submission, call: Any, done: str) -> HttpResponse:
    run_action(request, call, done=done)
    return _back(request, submission)


def _back(request: HttpRequest, submission: Submission) -> HttpResponse:
    """To the page the form came from (the coordinator's list), else the submission."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("assessment:submission-detail", pk=submission.pk)


@access(REPORTS_IN_ASSESSMENT)
@require_POST
def submission_submit(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _for_change(request, pk)
    return _transition(
        request,
        submission,
        lambda: services.submit(actor=signed_in_user(request), submission=submission),
        _("Submitted to the coordinator."),
    )


@access(COORDINATES_ASSESSMENT)
@require_POST
def submission_return(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _for_decision(request, pk)
    form = ReturnForm(request.POST)
    if form.is_valid():
        run_service(
            form,
            lambda: services.return_submission(
                actor=signed_in_user(request),
                submission=submission,
                comment=form.cleaned_data["comment"],
            ),
        )
        if not form.errors:
            messages.success(request, _("Returned to the institution with your comment."))
            return _back(request, submission)
    return _detail_page(request, submission, return_form=form, status=400)


@access(COORDINATES_ASSESSMENT)
@require_POST
def submission_approve(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _for_decision(request, pk)
    return _transition(
        request,
        submission,
        lambda: services.approve(actor=signed_in_user(request), submission=submission),
        _("Approved. The values are now locked."),
    )


@access(COORDINATES_ASSESSMENT)
@require_POST
def submission_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _for_decision(request, pk)
    form = ReopenForm(request.POST)
    if form.is_valid():
        run_service(
            form,
            lambda: services.reopen(
                actor=signed_in_user(request),
                submission=submission,
                reason=form.cleaned_data["reason"],
            ),
        )
        if not form.errors:
            messages.success(request, _("Reopened: the institution can correct and resubmit."))
            return redirect("assessment:submission-detail", pk=pk)
    return _detail_page(request, submission, reopen_form=form, status=400)


# --- Excel -----------------------------------------------------------------------------------


@access(REPORTS_IN_ASSESSMENT)
def submission_template(request: HttpRequest, pk: int) -> HttpResponse:
    """The submission's Excel template, pre-filled with what is entered."""
    submission = selectors.submission_get(principal=principal_for(request), pk=pk)
    response = HttpResponse(excel.build_template(submission), content_type=excel.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{excel.filename(submission)}"'
    return response


@access(REPORTS_IN_ASSESSMENT)
@require_POST
def submission_upload(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _for_change(request, pk)
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        changed = run_service(
            form,
            lambda: excel.upload(
                actor=signed_in_user(request),
                submission=submission,
                data=read_upload(form.cleaned_data["file"], max_bytes=excel.MAX_BYTES),
            ),
            field_for=lambda _key: "file",
        )
        if not form.errors:
            messages.success(request, _("Uploaded: %(count)s cells changed.") % {"count": changed})
            return redirect("assessment:submission-detail", pk=pk)
    return _detail_page(request, submission, upload_form=form, status=400)


# --- The coordinator's overview --------------------------------------------------------------


def _municipality(request: HttpRequest) -> Municipality:
    mine = coordinated_municipalities(principal_for(request))
    chosen = request.GET.get("municipality")
    if chosen:
        if not chosen.isdigit() or int(chosen) not in mine:
            raise Http404
        return get_object_or_404(Municipality, pk=int(chosen))
    municipality = Municipality.objects.filter(pk__in=mine).order_by("name").first()
    if municipality is None:
        raise Http404
    return municipality


@access(COORDINATES_ASSESSMENT)
def period_submissions(request: HttpRequest, pk: int) -> HttpResponse:
    """The municipality's reporting institutions for a period: status, completeness,
    timeliness, and return / approve."""
    period = get_object_or_404(ReportingPeriod, pk=pk)
    municipality = _municipality(request)
    expected = selectors.expected_cells(period)
    page = page_of(request, selectors.coordinator_rows(municipality, period))
    rows = [
        {
            "institution": institution,
            "status": institution.submission_status,  # type: ignore[attr-defined]
            "status_label": SubmissionStatus(institution.submission_status).label  # type: ignore[attr-defined]
            if institution.submission_status  # type: ignore[attr-defined]
            else _("not started"),
            "filled": institution.filled,  # type: ignore[attr-defined]
            "total": expected.get(institution.type, 0),
            "timely": selectors.is_timely(institution.first_submitted_at, period),  # type: ignore[attr-defined]
        }
        for institution in page.object_list
    ]
    return render(
        request,
        "assessment/collection_overview.html",
        {
            "period": period,
            "municipality": municipality,
            "municipalities": Municipality.objects.filter(
                pk__in=coordinated_municipalities(principal_for(request))
            ).order_by("name"),
            "page_obj": page,
            "rows": rows,
            "counts": [
                (_("not started") if key == "not_started" else SubmissionStatus(key).label, n)
                for key, n in selectors.submission_status_counts(municipality, period).items()
            ],
            "return_form": ReturnForm(),
        },
    )
