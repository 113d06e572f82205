"""The crisis team's calls on a case and the family's agreement (issue 16 point 6)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sargs.cases.casework import selectors as case_selectors
from sargs.cases.casework.access import CASE_PARTICIPANTS, SEES_CASES, case_policy
from sargs.cases.casework.forms import DATE_HELP
from sargs.cases.casework.models import Case
from sargs.core.access import access
from sargs.core.forms import run_service
from sargs.organisations.principal import principal_for, signed_in_user

from .crisis import crisis_calls_for_case, crisis_family_agreement_record
from .crisis_models import CrisisCall


class AgreementForm(forms.Form):
    agreed_on = forms.DateField(label=gettext_lazy("The family agreed on"), help_text=DATE_HELP)


def _calls(request: HttpRequest, pk: int) -> tuple[Case, QuerySet[CrisisCall]]:
    """The case's crisis calls for its team whole, or for the crisis team's provider those it
    was called to; anyone else (a school, another provider) gets 404."""
    principal = principal_for(request)
    case = case_selectors.case_get(principal=principal, pk=pk)
    calls = crisis_calls_for_case(case=case)
    if not case_policy.sees_whole(principal, case):
        calls = calls.filter(team__provider__in=CASE_PARTICIPANTS.institutions(principal))
        if not calls.exists():
            raise Http404
    return case, calls


def _page(request: HttpRequest, pk: int, form: AgreementForm | None = None) -> HttpResponse:
    case, queryset = _calls(request, pk)
    calls = list(queryset)
    case_selectors.record_reads_with_children(
        request=request, shown=calls or [case], case_ids=[case.pk], purpose="crisis team"
    )
    return render(
        request,
        "cases/crisis_calls.html",
        {"case": case, "calls": calls, "form": form or AgreementForm()},
    )


@access(SEES_CASES)
def crisis_calls(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, pk)


@access(SEES_CASES)
@require_POST
def crisis_agreement(request: HttpRequest, pk: int, call: int) -> HttpResponse:
    _case, calls = _calls(request, pk)
    crisis_call = get_object_or_404(calls, pk=call)
    form = AgreementForm(request.POST)
    if form.is_valid():
        done = run_service(
            form,
            lambda: crisis_family_agreement_record(
                call=crisis_call, actor=signed_in_user(request), **form.cleaned_data
            ),
        )
        if done is not None:
            messages.success(request, _("The family's agreement was recorded."))
            return redirect("cases:crisis-calls", pk=pk)
    return _page(request, pk, form)
