"""Pages around the programme's figures (issue 17): the council's hearing of the yearly
report, the budget's decisions on the additional funding, and the cooperation group's
proposals taken into the list of problems. Coordinators only (the programme's change rule)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sargs.core.access import access
from sargs.core.forms import run_action, run_service
from sargs.organisations.principal import principal_for, signed_in_user

from . import council_services, selectors
from .access import DRAFTS_PROGRAMME, programme_policy
from .forms import FundingDecisionForm, HearingForm
from .models import Programme


def _managed(request: HttpRequest, pk: int) -> Programme:
    principal = principal_for(request)
    programme = selectors.programme_get(principal=principal, pk=pk)
    programme_policy.require_change(principal, programme)
    return programme


def _errors(request: HttpRequest, form: HearingForm | FundingDecisionForm) -> None:
    for errors in form.errors.values():
        messages.error(request, " ".join(str(e) for e in errors))


@access(DRAFTS_PROGRAMME)
@require_POST
def hearing_record(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _managed(request, pk)
    form = HearingForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        saved = run_service(
            form,
            lambda: council_services.council_hearing_record(
                actor=signed_in_user(request),
                programme=programme,
                year=data["year"],
                heard_on=data["heard_on"],
                decision_number=data["decision_number"] or "",
                due_on=data["due_on"],
            ),
        )
        if saved is not None:
            messages.success(request, _("The council's hearing is recorded."))
            return redirect("programme:monitoring", pk=programme.pk)
    _errors(request, form)
    return redirect("programme:monitoring", pk=programme.pk)


@access(DRAFTS_PROGRAMME)
@require_POST
def funding_record(request: HttpRequest, pk: int) -> HttpResponse:
    principal = principal_for(request)
    version = selectors.version_get(principal=principal, pk=pk)
    programme_policy.require_change(principal, version.programme)
    form = FundingDecisionForm(request.POST)
    if form.is_valid():
        saved = run_service(
            form,
            lambda: council_services.funding_decision_record(
                actor=signed_in_user(request), programme=version.programme, **form.cleaned_data
            ),
        )
        if saved is not None:
            messages.success(request, _("The budget decision is recorded."))
            return redirect("programme:budget", pk=version.pk)
    _errors(request, form)
    return redirect("programme:budget", pk=version.pk)


@access(DRAFTS_PROGRAMME)
@require_POST
def proposals_take(request: HttpRequest, pk: int) -> HttpResponse:
    principal = principal_for(request)
    version = selectors.version_get(principal=principal, pk=pk)
    programme_policy.require_change(principal, version.programme)
    added: list[object] = []
    if run_action(
        request,
        lambda: added.extend(
            council_services.problems_from_cooperation(
                actor=signed_in_user(request), version=version
            )
        ),
    ):
        messages.success(
            request,
            _("Problems taken from the cooperation group's proposals: %(n)s.") % {"n": len(added)},
        )
    return redirect("programme:version-detail", pk=version.pk)
