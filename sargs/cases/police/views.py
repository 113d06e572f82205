"""The police's part of a case: one page, two forms (issue 16 point 7)."""

from __future__ import annotations

from django import forms as django_forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sargs.cases.casework import selectors as case_selectors
from sargs.cases.casework.access import SEES_CASES
from sargs.core.access import access
from sargs.core.forms import run_service
from sargs.organisations.principal import principal_for, signed_in_user

from . import selectors
from . import services as police_services
from .forms import AssessmentForm, PreventionForm


def _page(
    request: HttpRequest,
    pk: int,
    assessment_form: django_forms.Form | None = None,
    prevention_form: django_forms.Form | None = None,
) -> HttpResponse:
    part = selectors.police_part(principal=principal_for(request), pk=pk)
    shown = [*part.assessments, *part.prevention]
    case_selectors.record_reads_with_children(
        request=request, shown=shown or [part.case], case_ids=[part.case.pk], purpose="police"
    )
    return render(
        request,
        "cases/police_part.html",
        {
            "part": part,
            "case": part.case,
            "assessment_form": assessment_form or AssessmentForm(),
            "prevention_form": prevention_form or PreventionForm(case=part.case),
        },
    )


@access(SEES_CASES)
def police_part(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, pk)


@access(SEES_CASES)
@require_POST
def police_assessment(request: HttpRequest, pk: int) -> HttpResponse:
    part = selectors.police_part(principal=principal_for(request), pk=pk)
    form = AssessmentForm(request.POST)
    if form.is_valid() and (
        run_service(
            form,
            lambda: police_services.police_assessment_record(
                case=part.case, actor=signed_in_user(request), **form.cleaned_data
            ),
        )
        is not None
    ):
        messages.success(request, _("The police assessment was recorded."))
        return redirect("cases:police-part", pk=pk)
    return _page(request, pk, assessment_form=form)


@access(SEES_CASES)
@require_POST
def police_prevention(request: HttpRequest, pk: int) -> HttpResponse:
    part = selectors.police_part(principal=principal_for(request), pk=pk)
    form = PreventionForm(request.POST, case=part.case)
    if form.is_valid() and (
        run_service(
            form,
            lambda: police_services.prevention_work_record(
                case=part.case, actor=signed_in_user(request), **form.cleaned_data
            ),
        )
        is not None
    ):
        messages.success(request, _("The prevention work was recorded."))
        return redirect("cases:police-part", pk=pk)
    return _page(request, pk, prevention_form=form)
