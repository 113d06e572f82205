"""Pages of the quality part: the year's check results, freezing, the population import.

Only aggregates are shown here (no child's data), so nothing is recorded as a read.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sargs.core.access import access
from sargs.core.forms import run_service
from sargs.core.uploads import read_upload
from sargs.organisations.models import Institution, Municipality
from sargs.organisations.principal import principal_for, signed_in_user

from .access import (
    COORDINATES_ASSESSMENT,
    IMPORTS_POPULATION,
    coordinated_municipalities,
    population_municipalities,
)
from .freeze import freeze, freeze_blockers
from .models import Assessment, AssessmentStatus, ReportingPeriod
from .population import ImportResult, parse_date, population_import
from .quality import Finding
from .quality_store import quality_findings

SEVERITIES = (
    ("error", gettext_lazy("Errors")),
    ("warning", gettext_lazy("Warnings")),
    ("info", gettext_lazy("Notes")),
)
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


def _coordinated(request: HttpRequest, municipality_id: int) -> Municipality:
    """The municipality, if the user coordinates it; another municipality is not found."""
    if municipality_id not in coordinated_municipalities(principal_for(request)):
        raise Http404
    return get_object_or_404(Municipality, pk=municipality_id)


@access(COORDINATES_ASSESSMENT)
def quality_index(request: HttpRequest) -> HttpResponse:
    """The years of the coordinator's municipalities, with the assessment's status."""
    ids = coordinated_municipalities(principal_for(request))
    municipalities = list(Municipality.objects.filter(pk__in=ids).order_by("name"))
    years = sorted(set(ReportingPeriod.objects.values_list("year", flat=True)), reverse=True)
    assessments = {
        (a.municipality_id, a.year): a for a in Assessment.objects.filter(municipality__in=ids)
    }
    rows = [(m, year, assessments.get((m.pk, year))) for m in municipalities for year in years]
    return render(request, "assessment/quality_index.html", {"rows": rows})


def _grouped(findings: list[Finding]) -> list[dict[str, object]]:
    names = dict(
        Institution.objects.filter(
            pk__in={f.institution_id for f in findings if f.institution_id}
        ).values_list("pk", "name")
    )
    groups: list[dict[str, object]] = []
    for severity, label in SEVERITIES:
        items = [
            {"finding": f, "institution": names.get(f.institution_id or 0, "")}
            for f in findings
            if f.severity == severity
        ]
        groups.append({"severity": severity, "label": label, "items": items})
    return groups


@access(COORDINATES_ASSESSMENT)
def quality_checks(request: HttpRequest, municipality_id: int, year: int) -> HttpResponse:
    """The quality checks of the municipality's year, by severity, linked to the reports."""
    municipality = _coordinated(request, municipality_id)
    findings = quality_findings(municipality, year)
    assessment = Assessment.objects.filter(municipality=municipality, year=year).first()
    context = {
        "municipality": municipality,
        "year": year,
        "groups": _grouped(findings),
        "count": len(findings),
        "assessment": assessment,
        "periods": ReportingPeriod.objects.filter(year=year).order_by("semester"),
    }
    return render(request, "assessment/quality_checks.html", context)


@access(COORDINATES_ASSESSMENT)
def quality_freeze(request: HttpRequest, municipality_id: int, year: int) -> HttpResponse:
    """Confirm and freeze the year; shows what blocks it while something does."""
    municipality = _coordinated(request, municipality_id)
    errors: list[str] = []
    if request.method == "POST":
        try:
            freeze(actor=signed_in_user(request), municipality=municipality, year=year)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(
                request,
                _("The assessment of %(year)s is frozen; the report uses these figures.")
                % {"year": year},
            )
            return redirect("assessment:quality-checks", municipality_id=municipality.pk, year=year)
    assessment = Assessment.objects.filter(municipality=municipality, year=year).first()
    context = {
        "municipality": municipality,
        "year": year,
        "blockers": freeze_blockers(municipality, year),
        "errors": errors,
        "assessment": assessment,
        "is_frozen": assessment is not None and assessment.status == AssessmentStatus.FROZEN,
    }
    return render(request, "assessment/quality_freeze.html", context, status=400 if errors else 200)


def _latvian(text: str) -> SafeString:
    """PMLP's own Latvian names (the data set's title, its columns), marked as Latvian: an
    English page shows them as they are in the file, and a screen reader reads them so."""
    return format_html('<span lang="lv">{}</span>', text)


def _file_help() -> SafeString:
    columns = ", ".join(
        [_("%(name)s or %(code)s") % {"name": _latvian("Pašvaldība"), "code": "ATVK"}]
        + [
            _latvian(name)
            for name in (
                "Datums",
                "0-6 gadi zēni",
                "0-6 gadi meitenes",
                "7-17 gadi zēni",
                "7-17 gadi meitenes",
            )
        ]
    )
    return format_html(
        _(
            "“{title}”: one row per municipality with the columns {columns}. Semicolons or "
            "commas; UTF-8."
        ),
        title=_latvian("Bērnu vecuma un dzimuma struktūra pašvaldībās"),
        columns=mark_safe(columns),  # noqa: S308 - built of format_html's escaped parts
    )


def _date_help() -> SafeString:
    return format_html(_("Only when the file has no “{column}” column."), column=_latvian("Datums"))


class PopulationForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("PMLP file (CSV)"), help_text=lazy(_file_help, SafeString)()
    )
    reference_date = forms.CharField(
        label=gettext_lazy("As of (dd.mm.yyyy)"),
        required=False,
        help_text=lazy(_date_help, SafeString)(),
    )

    def clean_reference_date(self) -> object:
        value = self.cleaned_data["reference_date"].strip()
        if not value:
            return None
        day = parse_date(value)
        if day is None:
            raise ValidationError(gettext_lazy("Enter a date like 01.01.2025."))
        return day

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(gettext_lazy("The file is larger than 5 MB."))
        return upload


@access(IMPORTS_POPULATION)
def population_import_view(request: HttpRequest) -> HttpResponse:
    """Upload the PMLP child population (a coordinator's import keeps only their rows)."""
    allowed = population_municipalities(principal_for(request))
    form = PopulationForm(request.POST or None, request.FILES or None)
    result: ImportResult | None = None
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            lambda: population_import(
                data=read_upload(form.cleaned_data["file"], max_bytes=MAX_UPLOAD_BYTES),
                reference_date=form.cleaned_data["reference_date"],
                municipalities=allowed,
            ),
        )
    status = 400 if request.method == "POST" and result is None else 200
    return render(
        request,
        "assessment/quality_population.html",
        {"form": form, "result": result, "national": allowed is None},
        status=status,
    )
