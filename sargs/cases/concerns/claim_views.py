"""Cost claims made from a concern or a case (BTAL 67(5), 67(7)): the municipality that helped
the child claims from the one the jurisdiction engine makes responsible. The form comes filled
in from the concern (the child as reported, where it lives) or the case (the child's record);
the claim itself is ``sargs.responsibility``'s (docs/adr/0006)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from sargs.cases.casework.access import case_policy
from sargs.cases.casework.models import Case
from sargs.cases.casework.selectors import record_reads_with_children
from sargs.core.access import access
from sargs.organisations.models import Municipality
from sargs.organisations.principal import principal_for
from sargs.registry.access import registry_municipalities
from sargs.registry.models import Child
from sargs.responsibility.access import KEEPS_REGISTRY
from sargs.responsibility.forms import CostClaimForm
from sargs.responsibility.models import ClaimOrigin, CostBasis
from sargs.responsibility.views import claim_submit

from . import selectors
from .models import Concern


def _claimant(request: HttpRequest, municipality_id: int) -> Any:
    """Only the registry keepers of the municipality that helped may claim (403 otherwise)."""
    if municipality_id not in registry_municipalities(principal_for(request)):
        raise PermissionDenied
    return Municipality.objects.filter(pk=municipality_id)


def _page(
    request: HttpRequest, form: CostClaimForm, origin: str, origin_id: int, record: Child | None
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        claim = claim_submit(request, form, origin=origin, origin_id=origin_id, record=record)
        if claim is not None:
            messages.success(request, _("The cost claim was submitted."))
            return redirect("responsibility:claim-detail", pk=claim.pk)
    return render(request, "responsibility/claim_form.html", {"form": form})


@access(KEEPS_REGISTRY)
def concern_claim(request: HttpRequest, pk: int) -> HttpResponse:
    """A claim for help given on a concern: the child as reported, where it lives."""
    concern: Concern = selectors.concern_get(principal=principal_for(request), pk=pk)
    municipalities = _claimant(request, concern.municipality_id)
    selectors.concerns_record_read(request=request, concerns=[concern], purpose="cost claim form")
    record = concern.child if concern.child_id is not None else None
    if record is not None and record.municipality_id != concern.municipality_id:
        record = None
    initial = {
        "child_first_name": concern.child_first_name,
        "child_last_name": concern.child_last_name,
        "child_birth_date": concern.child_birth_date,
        "personal_code": concern.child_personal_code,
        "residence_municipality": concern.residence_municipality,
        "basis": CostBasis.CARE_OR_DANGER,
        "period_from": concern.observed_on,
        "period_to": concern.observed_on,
    }
    form = CostClaimForm(
        request.POST or None, request.FILES or None, initial=initial, municipalities=municipalities
    )
    return _page(request, form, ClaimOrigin.CONCERN, concern.pk, record)


@access(KEEPS_REGISTRY)
def case_claim(request: HttpRequest, pk: int, child_pk: int) -> HttpResponse:
    """A claim for help given to a child of the claimant's case: the engine reads the child's
    record (the one the child's page asks too)."""
    principal = principal_for(request)
    case = get_object_or_404(case_policy.whole_cases(principal, Case.objects.all()), pk=pk)
    municipalities = _claimant(request, case.municipality_id)
    child = get_object_or_404(case.children.all(), pk=child_pk)
    record_reads_with_children(
        request=request, shown=[case], child_ids=[child.pk], purpose="cost claim form"
    )
    initial = {
        "child_first_name": child.first_name,
        "child_last_name": child.last_name,
        "child_birth_date": child.birth_date,
        "personal_code": child.personal_code,
        "basis": CostBasis.CARE_OR_DANGER,
    }
    form = CostClaimForm(
        request.POST or None, request.FILES or None, initial=initial, municipalities=municipalities
    )
    return _page(request, form, ClaimOrigin.CASE, case.pk, child)
