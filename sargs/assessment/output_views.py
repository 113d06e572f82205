"""Pages of the assessment's outputs: the dashboard, the coordinator's findings, and the
report downloads. Coordinators see their own municipality's figures as they are; councillors
and national analysts see them with small counts suppressed (dashboard.py says how)."""

from __future__ import annotations

import base64
from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sargs.audit.services import record_view
from sargs.core.access import access
from sargs.core.forms import run_service
from sargs.core.replica import reads_replica
from sargs.organisations.models import Municipality
from sargs.organisations.principal import principal_for, signed_in_user

from . import report
from .access import (
    COORDINATES_ASSESSMENT,
    READS_ASSESSMENT,
    assessment_policy,
    coordinated_municipalities,
    dashboard_municipalities,
    sees_unsuppressed,
)
from .catalogue import BY_CODE, GROUPS
from .charts import bar_chart
from .dashboard import (
    RATE_MEASURES,
    MeasureView,
    index_view,
    indicator_view,
    municipality_table,
)
from .models import Assessment, AssessmentStatus, ReportFileStatus
from .report_files import report_rebuild, request_report
from .sparkline import sparkline_alt, sparkline_points, sparkline_src


def chosen_municipality(allowed: QuerySet[Municipality], atvk: str | None) -> Municipality:
    """The municipality asked for by ATVK code (the first allowed one if none asked for); one
    the reader may not see is not found."""
    allowed = allowed.order_by("name", "pk")
    municipality = allowed.filter(atvk=atvk).first() if atvk else allowed.first()
    if municipality is None:
        raise Http404
    return municipality


def _language() -> str:
    return get_language() or "lv"


def _chooser(allowed: QuerySet[Municipality]) -> list[Municipality]:
    choices = list(allowed.order_by("name", "pk"))
    return choices if len(choices) > 1 else []


@access(READS_ASSESSMENT)
@reads_replica
def dashboard(request: HttpRequest) -> HttpResponse:
    """Every indicator by its group, with the municipality's figures of the last years."""
    principal = principal_for(request)
    allowed = dashboard_municipalities(principal)
    municipality = chosen_municipality(allowed, request.GET.get("municipality"))
    suppressed = not sees_unsuppressed(principal, municipality.pk)
    periods, groups = index_view(municipality, suppressed=suppressed, language=_language())
    labels = [p.label for p in periods]
    for entry in (entry for group in groups for entry in group.entries):
        entry.trend = sparkline_src(sparkline_points(entry.cells))
        entry.trend_alt = sparkline_alt(labels, entry.cells)
    return render(
        request,
        "assessment/output_dashboard.html",
        {
            "municipality": municipality,
            "municipalities": _chooser(allowed),
            "suppressed": suppressed,
            "periods": periods,
            "groups": groups,
        },
    )


def _chart(measure: MeasureView, labels: list[str]) -> str:
    total = measure.rows[0].cells
    svg = bar_chart(
        labels,
        [c.amount if c is not None else None for c in total],
        [c.display if c is not None and c.hidden else "" for c in total],
    )
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode()


@access(READS_ASSESSMENT)
@reads_replica
def dashboard_indicator(request: HttpRequest, code: str) -> HttpResponse:
    """One indicator over the years: table, chart, rates and comparisons."""
    if code not in BY_CODE:
        raise Http404
    principal = principal_for(request)
    allowed = dashboard_municipalities(principal)
    municipality = chosen_municipality(allowed, request.GET.get("municipality"))
    suppressed = not sees_unsuppressed(principal, municipality.pk)
    view = indicator_view(municipality, code, suppressed=suppressed, language=_language())
    labels = [p.label for p in view.periods]
    charts = [_chart(m, labels) if view.periods else "" for m in view.measures]
    return render(
        request,
        "assessment/output_indicator.html",
        {
            "municipality": municipality,
            "municipalities": _chooser(allowed),
            "suppressed": suppressed,
            "view": view,
            "name": view.spec.name.get(_language()),
            "definition": view.spec.definition.get(_language()),
            "group": GROUPS[view.spec.group].get(_language()),
            "measures": list(zip(view.measures, charts, strict=True)),
        },
    )


@access(READS_ASSESSMENT)
@reads_replica
def dashboard_municipalities_page(request: HttpRequest, code: str) -> HttpResponse:
    """One indicator's totals of every municipality the reader may see, for one year."""
    if code not in BY_CODE:
        raise Http404
    principal = principal_for(request)
    allowed = list(dashboard_municipalities(principal).order_by("name", "pk"))
    years = sorted(
        set(
            Assessment.objects.filter(
                municipality__in=allowed, status=AssessmentStatus.FROZEN
            ).values_list("year", flat=True)
        )
    )
    asked = request.GET.get("year", "")
    year = int(asked) if asked.isdigit() and int(asked) in years else (years[-1] if years else 0)
    clear = [m.pk for m in allowed if sees_unsuppressed(principal, m.pk)]
    spec = BY_CODE[code]
    return render(
        request,
        "assessment/output_municipalities.html",
        {
            "spec": spec,
            "name": spec.name.get(_language()),
            "columns": [(m.label.get(_language()), m.key in RATE_MEASURES) for m in spec.measures],
            "years": years,
            "year": year,
            # No frozen year yet: nothing to compare (not year 0).
            "rows": municipality_table(code, year, allowed, unsuppressed=clear) if years else [],
        },
    )


# --- Findings and the report --------------------------------------------------------------


@access(READS_ASSESSMENT)
def report_list(request: HttpRequest) -> HttpResponse:
    """The assessments a reader may see: findings to write (coordinators) and reports."""
    principal = principal_for(request)
    assessments = assessment_policy.visible(
        principal, Assessment.objects.select_related("municipality")
    ).order_by("municipality__name", "-year")
    rows = [(a, assessment_policy.can_change(principal, a)) for a in assessments]
    coordinated = _coordinated(request)
    start = (
        StartForm(municipalities=coordinated, initial={"year": timezone.localdate().year})
        if coordinated.exists()
        else None
    )
    return render(request, "assessment/output_reports.html", {"rows": rows, "start": start})


class StartForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=gettext_lazy("Municipality"), queryset=Municipality.objects.none()
    )
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)

    def __init__(self, *args: Any, municipalities: QuerySet[Municipality], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = municipalities
        if municipalities.count() == 1:
            field.initial = municipalities.first()
            field.widget = forms.HiddenInput()


def _coordinated(request: HttpRequest) -> QuerySet[Municipality]:
    return Municipality.objects.filter(pk__in=coordinated_municipalities(principal_for(request)))


@access(COORDINATES_ASSESSMENT)
@require_POST
def findings_start(request: HttpRequest) -> HttpResponse:
    """Open the year's assessment (if not there yet) to write its findings."""
    form = StartForm(request.POST, municipalities=_coordinated(request))
    if form.is_valid():
        assessment = run_service(
            form,
            lambda: report.assessment_start(
                actor=signed_in_user(request),
                municipality=form.cleaned_data["municipality"],
                year=form.cleaned_data["year"],
            ),
        )
        if assessment is not None:
            return redirect("assessment:findings-edit", pk=assessment.pk)
    for error in form.errors.values():
        messages.error(request, " ".join(str(e) for e in error))
    return redirect("assessment:report-list")


class FindingsForm(forms.Form):
    summary = forms.CharField(
        label=gettext_lazy("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = _language()
        for number, title in GROUPS.items():
            self.fields[str(number)] = forms.CharField(
                label=f"{number}. {title.get(language)}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 5}),
            )


@access(COORDINATES_ASSESSMENT)
def findings_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The coordinator's main findings per group and the summary. Text, not data: they may be
    written while the figures are collected and corrected after freezing."""
    principal = principal_for(request)
    assessment = assessment_policy.get_visible_or_404(principal, Assessment.objects.all(), pk=pk)
    assessment_policy.require_change(principal, assessment)
    form = FindingsForm(request.POST or None, initial=assessment.findings)
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            form,
            lambda: report.findings_update(
                actor=signed_in_user(request), assessment=assessment, findings=form.cleaned_data
            ),
        )
        if saved is not None:
            messages.success(request, _("The findings were saved."))
            return redirect("assessment:report-list")
    return render(
        request, "assessment/output_findings.html", {"form": form, "assessment": assessment}
    )


REPORT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


@access(READS_ASSESSMENT)
def report_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The report of a frozen assessment (suppressed: it is for the council and the public)."""
    if fmt not in REPORT_TYPES:
        raise Http404
    principal = principal_for(request)
    assessment = assessment_policy.get_visible_or_404(
        principal,
        Assessment.objects.select_related("municipality"),
        pk=pk,
        status=AssessmentStatus.FROZEN,
    )
    if request.method == "POST":  # "Build again" after a failed or timed-out build
        report_rebuild(assessment, fmt)
        return redirect(request.path)
    report_file = request_report(assessment, fmt)
    if report_file.status != ReportFileStatus.READY:
        # Built by the background worker; the page asks again every few seconds.
        return render(
            request,
            "assessment/output_report_pending.html",
            {"assessment": assessment, "report_file": report_file},
            status=202 if report_file.status == ReportFileStatus.PENDING else 200,
        )
    record_view(request=request, obj=assessment, export=fmt)
    response = HttpResponse(bytes(report_file.content or b""), content_type=REPORT_TYPES[fmt])
    name = f"izvertejums-{assessment.municipality.atvk}-{assessment.year}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
