"""Pages for monitoring: who monitors, the monitoring council, the reporting calendar, the
institutions' reports, overrides, and the council report (Word and PDF)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sargs.core.access import access
from sargs.core.documents import to_docx, to_pdf
from sargs.core.forms import once_per_form, run_service
from sargs.core.pickers import picker_results
from sargs.organisations.pickers import INSTITUTIONS
from sargs.organisations.principal import principal_for, signed_in_user

from . import documents, selectors, services
from .access import DRAFTS_PROGRAMME, READS_PROGRAMME, programme_policy, sees_unsuppressed
from .forms import (
    CouncilMemberForm,
    HearingForm,
    MonitoringForm,
    MonitoringReportForm,
    OverrideForm,
    ReportingDateForm,
    programme_institutions,
)
from .models import CouncilMember, MonitoringReport, Programme


def _managed(request: HttpRequest, pk: int) -> Programme:
    principal = principal_for(request)
    programme = selectors.programme_get(principal=principal, pk=pk)
    programme_policy.require_change(principal, programme)
    return programme


@access(READS_PROGRAMME)
def monitoring(request: HttpRequest, pk: int) -> HttpResponse:
    principal = principal_for(request)
    programme = selectors.programme_get(principal=principal, pk=pk)
    version = selectors.approved_version(programme)
    rows = (
        selectors.progress_rows(
            version=version, suppress=not sees_unsuppressed(principal, programme)
        )
        if version
        else []
    )
    can_manage = programme_policy.can_change(principal, programme)
    return render(
        request,
        "programme/monitoring.html",
        {
            "programme": programme,
            "version": version or selectors.current_version(programme),
            "approved": version,
            "rows": rows,
            "counts": selectors.track_counts(rows),
            "members": programme.council_members.select_related("institution"),
            "dates": programme.reporting_dates.all(),
            "hearings": selectors.council_hearings(programme=programme),
            "hearing_form": HearingForm(),
            "today": timezone.localdate(),
            "can_manage": can_manage,
            "mine": principal.institutions(),
            "monitoring_form": MonitoringForm(
                initial={
                    "monitoring_official": programme.monitoring_official,
                    "monitoring_unit": programme.monitoring_unit,
                    "reports_per_year": programme.reports_per_year,
                },
                programme=programme,
            ),
            "member_form": CouncilMemberForm(programme=programme),
            "date_form": ReportingDateForm(),
            "years": programme.years,
            "section": "monitoring",
        },
    )


def _flash_errors(request: HttpRequest, form: Form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))


def _submit(request: HttpRequest, form: Form, call: Callable[[], object], done: str) -> None:
    """Run a service for a posted form; its success or its errors become messages."""
    if form.is_valid():
        result: object = run_service(form, call)
        if result is not None:
            messages.success(request, done)
            return
    _flash_errors(request, form)


@access(DRAFTS_PROGRAMME)
def institution_search(request: HttpRequest, pk: int) -> HttpResponse:
    """The programme's institution pickers' endpoint (activities, monitoring, council): the
    municipality's and state-level institutions, searched by name, for its drafters."""
    programme = _managed(request, pk)
    return picker_results(request, queryset=programme_institutions(programme), kind=INSTITUTIONS)


@require_POST
@access(DRAFTS_PROGRAMME)
def monitoring_edit(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _managed(request, pk)
    form = MonitoringForm(request.POST, programme=programme)
    _submit(
        request,
        form,
        lambda: services.monitoring_update(
            actor=signed_in_user(request), programme=programme, **form.cleaned_data
        ),
        _("Saved."),
    )
    return redirect("programme:monitoring", pk=programme.pk)


@require_POST
@access(DRAFTS_PROGRAMME)
def council_member_add(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _managed(request, pk)
    form = CouncilMemberForm(request.POST, programme=programme)
    _submit(
        request,
        form,
        lambda: services.council_member_add(
            actor=signed_in_user(request), programme=programme, **form.cleaned_data
        ),
        _("The member was added."),
    )
    return redirect("programme:monitoring", pk=programme.pk)


@require_POST
@access(DRAFTS_PROGRAMME)
def council_member_remove(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    programme = _managed(request, pk)
    member = CouncilMember.objects.filter(programme=programme, pk=member_pk).first()
    if member is None:
        raise Http404
    services.council_member_remove(actor=signed_in_user(request), member=member)
    messages.success(request, _("The member was removed."))
    return redirect("programme:monitoring", pk=programme.pk)


@require_POST
@access(DRAFTS_PROGRAMME)
def reporting_date_add(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _managed(request, pk)
    if request.POST.get("fill"):
        created = services.reporting_calendar_fill(
            actor=signed_in_user(request), programme=programme
        )
        messages.success(
            request, _("%(count)d reporting dates were added.") % {"count": len(created)}
        )
        return redirect("programme:monitoring", pk=programme.pk)
    form = ReportingDateForm(request.POST)
    _submit(
        request,
        form,
        lambda: services.reporting_date_add(
            actor=signed_in_user(request), programme=programme, **form.cleaned_data
        ),
        _("The reporting date was added."),
    )
    return redirect("programme:monitoring", pk=programme.pk)


@access(READS_PROGRAMME)
@once_per_form
def report_create(request: HttpRequest, pk: int) -> HttpResponse:
    """A responsible institution reports on its activity."""
    from .access import activity_policy

    principal = principal_for(request)
    activity = selectors.activity_get(principal=principal, pk=pk)
    if not activity_policy.can_report(principal, activity):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    indicators = list(activity.indicators.all())
    form = MonitoringReportForm(
        request.POST or None, initial={"as_of": timezone.localdate()}, indicators=indicators
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        report = run_service(
            form,
            lambda: services.monitoring_report_create(
                actor=signed_in_user(request),
                activity=activity,
                as_of=data["as_of"],
                status=data["status"],
                spent=data["spent"],
                narrative=data["narrative"],
                actuals=form.actuals(),
            ),
        )
        if report is not None:
            messages.success(
                request,
                _("The report was saved. Computed status: %(track)s.")
                % {"track": report.get_track_display()},
            )
            return redirect("programme:activity-detail", pk=activity.pk)
    return render(
        request,
        "programme/report_form.html",
        {"form": form, "activity": activity, "version": activity.version},
    )


@access(DRAFTS_PROGRAMME)
def report_override(request: HttpRequest, pk: int) -> HttpResponse:
    principal = principal_for(request)
    programmes = selectors.programme_list(principal=principal)
    report = (
        MonitoringReport.objects.select_related("activity", "programme")
        .filter(pk=pk, programme__in=programmes)
        .first()
    )
    if report is None:
        raise Http404
    programme_policy.require_change(principal, report.programme)
    form = OverrideForm(
        request.POST or None,
        initial={"track": report.override_track, "reason": report.override_reason},
    )
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            form,
            lambda: services.report_override(
                actor=signed_in_user(request), report=report, **form.cleaned_data
            ),
        )
        if saved is not None:
            messages.success(request, _("The assessment was saved."))
            return redirect("programme:activity-detail", pk=report.activity_id)
    return render(
        request,
        "programme/override_form.html",
        {"form": form, "report": report, "version": report.activity.version},
    )


def _report_year(request: HttpRequest, programme: Programme) -> int:
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isdigit() else timezone.localdate().year
    if not programme.start_year <= year <= programme.end_year + 1:
        raise Http404
    return year


@access(READS_PROGRAMME)
def council_report_docx(request: HttpRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get(principal=principal_for(request), pk=pk)
    document = documents.programme_council_report(programme, year=_report_year(request, programme))
    response = HttpResponse(
        to_docx(document),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="programmas-parskats-{pk}.docx"'
    return response


@access(READS_PROGRAMME)
def council_report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get(principal=principal_for(request), pk=pk)
    document = documents.programme_council_report(programme, year=_report_year(request, programme))
    response = HttpResponse(to_pdf(document), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="programmas-parskats-{pk}.pdf"'
    return response
