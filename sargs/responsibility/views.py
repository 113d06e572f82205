"""Pages for handovers and cost claims. Thin: selectors read, services write, the policies
decide (not visible → 404, visible but not this side → 403). The child's identity appears on a
list only where the user keeps the child's record, and on the detail pages of both sides; every
shown identity is recorded in the audit trail."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sargs.audit.services import record_view, record_views
from sargs.core.access import access
from sargs.core.forms import run_action, run_service
from sargs.core.pages import page_of
from sargs.organisations.principal import principal_for, signed_in_user
from sargs.registry.access import registry_municipalities
from sargs.registry.models import Child

from . import selectors, services
from .access import KEEPS_REGISTRY, SEES_TRANSFER, claim_policy, handover_policy
from .forms import AnswerForm, CodeForm, CostClaimForm, DisputeForm, ResubmitForm, TotalsForm
from .models import ClaimOrigin, CostClaim, Handover


def _tab(request: HttpRequest, tabs: tuple[str, ...]) -> str:
    tab = request.GET.get("tab", tabs[0])
    return tab if tab in tabs else tabs[0]


def _rows(request: HttpRequest, items: list[Any]) -> list[dict[str, Any]]:
    """Each item with whether its child's identity is shown (the user keeps the child's
    record); the shown identities are recorded as reads in one insert."""
    mine = registry_municipalities(principal_for(request))
    rows = [{"item": item, "shows_identity": item.child.municipality_id in mine} for item in items]
    record_views(
        request=request,
        objs=[row["item"].child for row in rows if row["shows_identity"]],
        purpose="responsibility list",
    )
    return rows


# --- Handovers -------------------------------------------------------------------------------


@access(KEEPS_REGISTRY)
def handover_list(request: HttpRequest) -> HttpResponse:
    principal = principal_for(request)
    tab = _tab(request, selectors.HANDOVER_TABS)
    qs = selectors.handover_list(principal=principal, tab=tab)  # type: ignore[arg-type]
    page = page_of(request, qs)
    return render(
        request,
        "responsibility/handover_list.html",
        {
            "tab": tab,
            "page_obj": page,
            "rows": _rows(request, list(page.object_list)),
            "counts": selectors.handover_counts(principal=principal),
        },
    )


def _handover_page(request: HttpRequest, handover: Handover, **forms: Form) -> HttpResponse:
    principal = principal_for(request)
    record_view(request=request, obj=handover.child, purpose="handover", handover=handover.pk)
    return render(
        request,
        "responsibility/handover_detail.html",
        {
            "handover": handover,
            "child": handover.child,
            "keeps_child": handover.child.municipality_id in registry_municipalities(principal),
            "can_decide": handover_policy.can_decide(principal, handover),
            "can_manage": handover_policy.can_manage(principal, handover),
            "sees_transfer": SEES_TRANSFER.allows(request),
            "dispute_form": forms.get("dispute_form") or DisputeForm(),
            "resubmit_form": forms.get("resubmit_form") or ResubmitForm(),
        },
    )


@access(KEEPS_REGISTRY)
def handover_detail(request: HttpRequest, pk: int) -> HttpResponse:
    handover = selectors.handover_get(principal=principal_for(request), pk=pk)
    return _handover_page(request, handover)


def _handover_for(request: HttpRequest, pk: int, *, side: str) -> Handover:
    principal = principal_for(request)
    handover = selectors.handover_get(principal=principal, pk=pk)
    allowed = (
        handover_policy.can_decide(principal, handover)
        if side == "receiver"
        else handover_policy.can_manage(principal, handover)
    )
    if not allowed:
        raise PermissionDenied
    return handover


def _done(request: HttpRequest, obj: Model, url_name: str, text: str) -> HttpResponse:
    messages.success(request, text)
    return redirect(url_name, pk=obj.pk)


@access(KEEPS_REGISTRY)
@require_POST
def handover_accept(request: HttpRequest, pk: int) -> HttpResponse:
    handover = _handover_for(request, pk, side="receiver")
    actor = signed_in_user(request)
    if not run_action(request, lambda: services.handover_accept(handover=handover, actor=actor)):
        return redirect("responsibility:handover-detail", pk=pk)
    return _done(
        request,
        handover,
        "responsibility:handover-detail",
        _("The handover was accepted: your municipality now keeps the child's record."),
    )


@access(KEEPS_REGISTRY)
@require_POST
def handover_dispute(request: HttpRequest, pk: int) -> HttpResponse:
    handover = _handover_for(request, pk, side="receiver")
    form = DisputeForm(request.POST)
    if form.is_valid():
        done = run_service(
            form,
            lambda: services.handover_dispute(
                handover=handover, actor=signed_in_user(request), reason=form.cleaned_data["reason"]
            ),
        )
        if done is not None:
            return _done(
                request, handover, "responsibility:handover-detail", _("The handover was disputed.")
            )
    return _handover_page(request, handover, dispute_form=form)


@access(KEEPS_REGISTRY)
@require_POST
def handover_resubmit(request: HttpRequest, pk: int) -> HttpResponse:
    handover = _handover_for(request, pk, side="sender")
    form = ResubmitForm(request.POST)
    if form.is_valid():
        done = run_service(
            form,
            lambda: services.handover_resubmit(
                handover=handover,
                actor=signed_in_user(request),
                comment=form.cleaned_data["comment"],
            ),
        )
        if done is not None:
            return _done(
                request,
                handover,
                "responsibility:handover-detail",
                _("The handover was proposed again."),
            )
    return _handover_page(request, handover, resubmit_form=form)


@access(KEEPS_REGISTRY)
@require_POST
def handover_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    handover = _handover_for(request, pk, side="sender")
    actor = signed_in_user(request)
    if not run_action(request, lambda: services.handover_withdraw(handover=handover, actor=actor)):
        return redirect("responsibility:handover-detail", pk=pk)
    return _done(
        request, handover, "responsibility:handover-detail", _("The handover was withdrawn.")
    )


# --- Cost claims -----------------------------------------------------------------------------


def _claim_rows(request: HttpRequest, claims: list[CostClaim]) -> list[dict[str, Any]]:
    """The child's name (as the claimant entered it) on the claimant's side only; the payer
    opens the claim to see it (an audited read)."""
    mine = registry_municipalities(principal_for(request))
    rows: list[dict[str, Any]] = [
        {"item": c, "shows_identity": c.claimant_municipality_id in mine} for c in claims
    ]
    shown: list[CostClaim] = [c for c in claims if c.claimant_municipality_id in mine]
    selectors.claims_record_read(request=request, claims=shown, purpose="cost claim list")
    return rows


@access(KEEPS_REGISTRY)
def claim_list(request: HttpRequest) -> HttpResponse:
    principal = principal_for(request)
    tab = _tab(request, selectors.CLAIM_TABS)
    qs = selectors.claim_list(principal=principal, tab=tab)  # type: ignore[arg-type]
    page = page_of(request, qs)
    return render(
        request,
        "responsibility/claim_list.html",
        {"tab": tab, "page_obj": page, "rows": _claim_rows(request, list(page.object_list))},
    )


def claim_submit(
    request: HttpRequest,
    form: CostClaimForm,
    *,
    origin: str = ClaimOrigin.DIRECT,
    origin_id: int | None = None,
    record: Child | None = None,
) -> CostClaim | None:
    """Submit a valid claim form (also used by the cases app's concern and case pages); the
    service's refusal goes back onto the form."""
    data = form.cleaned_data
    child = services.ClaimChild(
        first_name=data["child_first_name"],
        last_name=data["child_last_name"],
        birth_date=data.get("child_birth_date"),
        personal_code=data.get("personal_code") or "",
        residence=data.get("residence_municipality"),
        record=record,
    )
    return run_service(
        form,
        lambda: services.cost_claim_create(
            actor=signed_in_user(request),
            claimant_municipality=data["claimant_municipality"],
            child=child,
            description=data["description"],
            period_from=data["period_from"],
            period_to=data["period_to"],
            amount=data["amount"],
            basis=data["basis"],
            origin=origin,
            origin_id=origin_id,
            invoice=data.get("invoice"),
        ),
    )


@access(KEEPS_REGISTRY)
def claim_create(request: HttpRequest) -> HttpResponse:
    """A POST form: the child's name and personal code never travel in a URL."""
    principal = principal_for(request)
    form = CostClaimForm(
        request.POST or None,
        request.FILES or None,
        municipalities=selectors.claimant_choices(principal=principal),
    )
    if request.method == "POST" and form.is_valid():
        claim = claim_submit(request, form)
        if claim is not None:
            return _done(
                request, claim, "responsibility:claim-detail", _("The cost claim was submitted.")
            )
    return render(request, "responsibility/claim_form.html", {"form": form})


def _claim_page(request: HttpRequest, claim: CostClaim, **forms: Form) -> HttpResponse:
    """Both sides see the child as the claimant entered it (never the payer's record); the
    claimant's own record is linked for the claimant. Each view is recorded."""
    principal = principal_for(request)
    keeps_child = claim.child is not None and claim.child.municipality_id in (
        registry_municipalities(principal)
    )
    if claim.child is not None and keeps_child:
        record_view(request=request, obj=claim.child, purpose="cost claim", cost_claim=claim.pk)
    record_view(request=request, obj=claim, purpose="cost claim")
    return render(
        request,
        "responsibility/claim_detail.html",
        {
            "claim": claim,
            "events": selectors.claim_events(claim=claim),
            "keeps_child": keeps_child,
            "can_decide": claim_policy.can_decide(principal, claim),
            "can_manage": claim_policy.can_manage(principal, claim),
            "dispute_form": forms.get("dispute_form") or DisputeForm(),
            "answer_form": forms.get("answer_form") or AnswerForm(),
            "code_form": forms.get("code_form") or CodeForm(),
        },
    )


@access(KEEPS_REGISTRY)
def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _claim_page(request, selectors.claim_get(principal=principal_for(request), pk=pk))


def _claim_for(request: HttpRequest, pk: int, *, side: str) -> CostClaim:
    principal = principal_for(request)
    claim = selectors.claim_get(principal=principal, pk=pk)
    allowed = (
        claim_policy.can_decide(principal, claim)
        if side == "payer"
        else claim_policy.can_manage(principal, claim)
    )
    if not allowed:
        raise PermissionDenied
    return claim


@access(KEEPS_REGISTRY)
@require_POST
def claim_accept(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim_for(request, pk, side="payer")
    actor = signed_in_user(request)
    if not run_action(request, lambda: services.cost_claim_accept(claim=claim, actor=actor)):
        return redirect("responsibility:claim-detail", pk=pk)
    return _done(request, claim, "responsibility:claim-detail", _("The cost claim was accepted."))


@access(KEEPS_REGISTRY)
@require_POST
def claim_dispute(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim_for(request, pk, side="payer")
    form = DisputeForm(request.POST)
    if form.is_valid():
        done = run_service(
            form,
            lambda: services.cost_claim_dispute(
                claim=claim, actor=signed_in_user(request), reason=form.cleaned_data["reason"]
            ),
        )
        if done is not None:
            return _done(
                request, claim, "responsibility:claim-detail", _("The cost claim was disputed.")
            )
    return _claim_page(request, claim, dispute_form=form)


@access(KEEPS_REGISTRY)
@require_POST
def claim_answer(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim_for(request, pk, side="claimant")
    form = AnswerForm(request.POST, request.FILES)
    if form.is_valid():
        done = run_service(
            form,
            lambda: services.cost_claim_answer(
                claim=claim,
                actor=signed_in_user(request),
                answer=form.cleaned_data["answer"],
                amount=form.cleaned_data.get("amount"),
                invoice=form.cleaned_data.get("invoice"),
            ),
        )
        if done is not None:
            return _done(
                request,
                claim,
                "responsibility:claim-detail",
                _("Your answer was sent: the claim waits for the paying municipality again."),
            )
    return _claim_page(request, claim, answer_form=form)


@access(KEEPS_REGISTRY)
@require_POST
def claim_code_add(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim_for(request, pk, side="claimant")
    form = CodeForm(request.POST)
    if form.is_valid():
        done = run_service(
            form,
            lambda: services.cost_claim_code_add(
                claim=claim,
                actor=signed_in_user(request),
                personal_code=form.cleaned_data["personal_code"],
            ),
        )
        if done is not None:
            return _done(
                request,
                claim,
                "responsibility:claim-detail",
                _("The child's personal code was added to the claim."),
            )
    return _claim_page(request, claim, code_form=form)


@access(KEEPS_REGISTRY)
@require_POST
def claim_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim_for(request, pk, side="claimant")
    actor = signed_in_user(request)
    if not run_action(request, lambda: services.cost_claim_withdraw(claim=claim, actor=actor)):
        return redirect("responsibility:claim-detail", pk=pk)
    return _done(request, claim, "responsibility:claim-detail", _("The cost claim was withdrawn."))


@access(KEEPS_REGISTRY)
def claim_invoice(request: HttpRequest, pk: int) -> FileResponse:
    """The invoice, to the two municipalities only (404 to anyone else): the file lives
    outside the web root, so this view is the only way to it."""
    claim = selectors.claim_get(principal=principal_for(request), pk=pk)
    if not claim.invoice:
        raise Http404
    selectors.claims_record_read(request=request, claims=[claim], purpose="cost claim invoice")
    response = FileResponse(
        claim.invoice.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"invoice-{claim.pk}.pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@access(KEEPS_REGISTRY)
def claim_totals(request: HttpRequest) -> HttpResponse:
    """Yearly sums per counterpart municipality (aggregates: no child is shown)."""
    principal = principal_for(request)
    form = TotalsForm(
        request.GET or None, municipalities=selectors.claimant_choices(principal=principal)
    )
    year, municipality = form.chosen()
    rows = (
        selectors.cost_claim_totals(municipality=municipality, year=year)
        if municipality is not None
        else []
    )
    return render(
        request,
        "responsibility/claim_totals.html",
        {
            "form": form,
            "year": year,
            "municipality": municipality,
            "rows": rows,
            "total": selectors.totals_sum(rows),
        },
    )
