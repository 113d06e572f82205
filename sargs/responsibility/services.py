"""Writes for handovers and cost claims. Each transition takes keyword arguments only, runs in
one transaction, locks the record, checks the actor's side and refuses an invalid transition
with a ValidationError a person can read; auditlog records every change."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sargs.core.language import pick
from sargs.core.transitions import lock_row, require_state
from sargs.jurisdiction.engine import Decision, decide
from sargs.jurisdiction.selectors import municipality_snapshot_load
from sargs.jurisdiction.snapshot import ResolutionError
from sargs.organisations.models import Municipality, User
from sargs.organisations.principal import principal_for_user
from sargs.registry import personal_codes
from sargs.registry.access import registry_municipalities
from sargs.registry.models import Child
from sargs.registry.moves import child_lock, family_codes_kept, family_move
from sargs.registry.selectors import child_detail_queryset, scenario_for_child

from .models import (
    CLAIM_PENDING,
    HANDOVER_OPEN,
    ClaimEvent,
    ClaimOrigin,
    CostClaim,
    CostClaimEvent,
    CostClaimStatus,
    Handover,
    HandoverStatus,
)
from .selectors import residence_scenario
from .signals import handover_accepted

# --- Handovers -------------------------------------------------------------------------------


def _keeps(actor: User | None, municipality_id: int) -> bool:
    return actor is not None and municipality_id in registry_municipalities(
        principal_for_user(actor)
    )


def _require_keeper(actor: User | None, municipality_id: int) -> None:
    if not _keeps(actor, municipality_id):
        raise PermissionDenied


def _decisions(child: Child, today: datetime.date) -> tuple[Decision, Decision] | None:
    """The engine's answer in Latvian and English, or None when the data cannot be put to it."""
    scenario = scenario_for_child(child, today)
    snapshot = municipality_snapshot_load()
    try:
        return decide(scenario, snapshot, "lv"), decide(scenario, snapshot, "en")
    except ResolutionError:
        return None


def _close(handover: Handover, actor: User | None, status: str, comment: str = "") -> None:
    handover.status = status
    handover.decided_at = timezone.now()
    handover.decided_by = actor
    if comment:
        handover.sender_comment = comment
    handover.full_clean()
    handover.save()


@transaction.atomic
def handover_review(
    *, child: Child, actor: User | None = None, today: datetime.date | None = None
) -> Handover | None:
    """Compare the municipality keeping ``child`` with the one BTAL 67 makes responsible today.

    Another municipality responsible: propose a handover to it (an open one pointing elsewhere
    is withdrawn first). The keeping municipality responsible again: withdraw the open one.
    Undetermined (or data the engine cannot read): change nothing. Returns the open handover.
    Called by the registry's ``residence_changed`` signal inside the registry's transaction.
    """
    today = today or timezone.localdate()
    child_lock(child.pk)  # one review per child at once
    current = child_detail_queryset().get(pk=child.pk)
    open_handover = (
        Handover.objects.select_for_update().filter(child=current, status__in=HANDOVER_OPEN).first()
    )
    decisions = _decisions(current, today)
    if decisions is None:
        return open_handover
    lv, en = decisions
    if lv.status != "determined" or lv.responsible is None:
        return open_handover
    responsible = Municipality.objects.get(atvk=lv.responsible.atvk)
    if responsible.pk == current.municipality_id:
        if open_handover is not None:
            _close(
                open_handover,
                actor,
                HandoverStatus.WITHDRAWN,
                _(
                    "Withdrawn automatically: the registry's data make the sending municipality "
                    "responsible again."
                ),
            )
        return None
    if open_handover is not None:
        if open_handover.to_municipality_id == responsible.pk:
            return open_handover
        _close(
            open_handover,
            actor,
            HandoverStatus.WITHDRAWN,
            _(
                "Withdrawn automatically: the registry's data make another municipality "
                "responsible."
            ),
        )
    handover = Handover(
        child=current,
        from_municipality_id=current.municipality_id,
        to_municipality=responsible,
        status=HandoverStatus.PROPOSED,
        basis=list(lv.basis),
        reason_lv=lv.reason,
        reason_en=en.reason,
        proposed_by=actor,
    )
    handover.full_clean()
    handover.save()
    return handover


def _locked(handover: Handover) -> Handover:
    return (
        Handover.objects.select_for_update(of=("self",)).select_related("child").get(pk=handover.pk)
    )


def _refuse_codes_kept_twice(child: Child, target: int) -> None:
    """Personal codes are unique per registry (docs/adr/0005): when the receiving municipality
    already registered the child or a parent moving with it, the records are merged first.
    Only the receiver sees this answer, about its own registry and a child it was shown."""
    kept = family_codes_kept(child=child, municipality_id=target)
    if kept:
        raise ValidationError(
            _(
                "Your municipality already keeps a record with the personal code of this child "
                "or of a parent moving with it. Remove or correct that record, then accept."
            )
        )


@transaction.atomic
def handover_accept(*, handover: Handover, actor: User) -> Handover:
    """The receiving municipality takes over the child's record and the family's
    (``registry.moves.family_move``); from now on the sending municipality no longer sees the
    child."""
    handover = _locked(handover)
    _require_keeper(actor, handover.to_municipality_id)
    if handover.status not in HANDOVER_OPEN:
        raise ValidationError(_("Only a proposed or disputed handover can be accepted."))
    child = child_lock(handover.child_id)
    if child.municipality_id != handover.from_municipality_id:
        raise ValidationError(
            _("The child's record is no longer kept by the sending municipality.")
        )
    _refuse_codes_kept_twice(child, handover.to_municipality_id)
    family_move(
        child=child, source=handover.from_municipality_id, target=handover.to_municipality_id
    )
    _close(handover, actor, HandoverStatus.ACCEPTED)
    # The cases app moves the child's open case along (same transaction).
    handover_accepted.send(sender=Handover, handover=handover, actor=actor)
    return handover


def _required_text(value: str, field: str, message: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError({field: message}, code="required")
    return text


@transaction.atomic
def handover_dispute(*, handover: Handover, actor: User, reason: str) -> Handover:
    """The receiving municipality does not agree that it is responsible, and says why."""
    handover = _locked(handover)
    _require_keeper(actor, handover.to_municipality_id)
    reason = _required_text(
        reason, "reason", _("Give the reason why your municipality disputes the handover.")
    )
    if handover.status != HandoverStatus.PROPOSED:
        raise ValidationError(_("Only a proposed handover can be disputed."))
    handover.dispute_reason = reason
    _close(handover, actor, HandoverStatus.DISPUTED)
    return handover


@transaction.atomic
def handover_resubmit(*, handover: Handover, actor: User, comment: str) -> Handover:
    """The sending municipality answers a dispute and proposes the handover again."""
    handover = _locked(handover)
    _require_keeper(actor, handover.from_municipality_id)
    comment = _required_text(
        comment, "comment", _("Answer the dispute: say why the handover is proposed again.")
    )
    if handover.status != HandoverStatus.DISPUTED:
        raise ValidationError(_("Only a disputed handover can be proposed again."))
    handover.status = HandoverStatus.PROPOSED
    handover.sender_comment = comment
    handover.decided_at = None
    handover.decided_by = None
    handover.full_clean()
    handover.save()
    return handover


@transaction.atomic
def handover_withdraw(*, handover: Handover, actor: User) -> Handover:
    """The sending municipality keeps the child's record after all."""
    handover = _locked(handover)
    _require_keeper(actor, handover.from_municipality_id)
    if handover.status not in HANDOVER_OPEN:
        raise ValidationError(_("Only a proposed or disputed handover can be withdrawn."))
    _close(handover, actor, HandoverStatus.WITHDRAWN)
    return handover


# --- Cost claims -----------------------------------------------------------------------------

CENT = Decimal("0.01")
PDF_MAGIC = b"%PDF-"


@dataclass(frozen=True)
class ClaimChild:
    """The child as the claimant knows it: what it entered, and where the child lives when
    known. ``record`` is the claimant's own registry record (a claim from its case)."""

    first_name: str
    last_name: str
    birth_date: datetime.date | None = None
    personal_code: str = ""
    residence: Municipality | None = None
    record: Child | None = None


@dataclass(frozen=True)
class PayerAnswer:
    municipality: Municipality
    reason_lv: str
    reason_en: str


def claim_payer(
    *, child: ClaimChild, claimant: Municipality, today: datetime.date | None = None
) -> PayerAnswer:
    """The municipality the BTAL 67 engine makes responsible for the child (it pays, 67(7)).

    The claimant's registry record, when the claim comes from its case and the engine can
    decide from it; otherwise where the claimant says the child lives. The answer is the same
    whether or not a personal code was given, and no other municipality's record is read."""
    today = today or timezone.localdate()
    snapshot = municipality_snapshot_load()
    scenarios = []
    if child.record is not None:
        scenarios.append(scenario_for_child(child_detail_queryset().get(pk=child.record.pk), today))
    if child.residence is not None:
        scenarios.append(residence_scenario(child.residence, claimant, today))
    reason = _("Say where the child lives: the paying municipality is the one responsible for it.")
    for scenario in scenarios:
        try:
            lv, en = decide(scenario, snapshot, "lv"), decide(scenario, snapshot, "en")
        except ResolutionError as error:
            reason = str(error)
            continue
        if lv.status != "determined" or lv.responsible is None:
            reason = _("The responsible municipality cannot be determined: %(reason)s") % {
                "reason": pick(lv.reason, en.reason)
            }
            continue
        payer = Municipality.objects.get(atvk=lv.responsible.atvk)
        if payer.pk == claimant.pk:
            raise ValidationError(
                {
                    "residence_municipality": _(
                        "Your municipality is responsible for this child (%(reason)s): there is "
                        "nobody to claim from."
                    )
                    % {"reason": pick(lv.reason, en.reason)}
                },
                code="own",
            )
        return PayerAnswer(payer, lv.reason, en.reason)
    raise ValidationError({"residence_municipality": reason}, code="undetermined")


def _code(value: str) -> str:
    if not value:
        return ""
    try:
        return personal_codes.parse(value).code
    except ValidationError as error:
        raise ValidationError({"personal_code": error.messages}) from None


def invoice_check(invoice: UploadedFile | None) -> None:
    """A PDF (by its first bytes, not its name) no bigger than the setting; refused unread
    when too big."""
    if invoice is None:
        return
    limit = int(settings.COST_CLAIM_INVOICE_MAX_BYTES)
    if invoice.size is None or invoice.size > limit:
        raise ValidationError(
            {
                "invoice": _("The invoice must not be bigger than %(mb)s MB.")
                % {"mb": f"{limit / 1024 / 1024:.0f}"}
            },
            code="too_big",
        )
    invoice.seek(0)
    head = invoice.read(len(PDF_MAGIC))
    invoice.seek(0)
    if head != PDF_MAGIC:
        raise ValidationError({"invoice": _("Attach the invoice as a PDF file.")}, code="not_pdf")


def _event(
    claim: CostClaim, actor: User | None, kind: str, municipality_id: int, **fields: object
) -> CostClaimEvent:
    return CostClaimEvent.objects.create(
        claim=claim,
        kind=kind,
        actor=actor,
        municipality_id=municipality_id,
        amount=claim.amount,
        **fields,
    )


def _amount(amount: Decimal | None) -> Decimal:
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("The amount must be more than 0 EUR.")})
    return Decimal(amount).quantize(CENT)


@transaction.atomic
def cost_claim_create(
    *,
    actor: User,
    claimant_municipality: Municipality,
    child: ClaimChild,
    description: str,
    period_from: datetime.date,
    period_to: datetime.date,
    amount: Decimal,
    basis: str,
    origin: str = ClaimOrigin.DIRECT,
    origin_id: int | None = None,
    invoice: UploadedFile | None = None,
) -> CostClaim:
    """Claim what ``claimant_municipality`` spent helping a child from the municipality the
    BTAL 67 engine makes responsible for it (``claim_payer``), with or without the personal
    code (it may be added later). Nothing about the payer's own records is looked up."""
    _require_keeper(actor, claimant_municipality.pk)
    if child.record is not None and child.record.municipality_id != claimant_municipality.pk:
        raise PermissionDenied
    first, last = (child.first_name or "").strip(), (child.last_name or "").strip()
    if not first or not last:
        raise ValidationError({"child_first_name": _("Enter the child's name.")}, code="required")
    code = _code(child.personal_code)
    amount = _amount(amount)
    if period_from and period_to and period_to < period_from:
        raise ValidationError({"period_to": _("The period must not end before it begins.")})
    invoice_check(invoice)
    payer = claim_payer(child=child, claimant=claimant_municipality)
    claim = CostClaim(
        child=child.record,
        child_first_name=first,
        child_last_name=last,
        child_birth_date=child.birth_date,
        child_personal_code=code,
        residence_municipality=child.residence,
        claimant_municipality=claimant_municipality,
        payer_municipality=payer.municipality,
        payer_reason_lv=payer.reason_lv,
        payer_reason_en=payer.reason_en,
        origin=origin,
        origin_id=origin_id,
        basis=basis,
        description=(description or "").strip(),
        period_from=period_from,
        period_to=period_to,
        amount=amount,
        created_by=actor,
    )
    claim.full_clean(exclude=["invoice"])
    claim.save()
    if invoice is not None:
        claim.invoice.save("invoice.pdf", invoice, save=True)
    _event(
        claim,
        actor,
        ClaimEvent.SUBMITTED,
        claimant_municipality.pk,
        invoice_attached=invoice is not None,
    )
    return claim


def _locked_claim(claim: CostClaim) -> CostClaim:
    """The claim locked for this transaction, its state read after the lock: of two decisions
    at once (accepted and withdrawn), the second sees the first's result (core.transitions)."""
    return lock_row(CostClaim.objects.all(), claim.pk)


def _decide_claim(claim: CostClaim, actor: User, status: str) -> CostClaim:
    claim.status = status
    claim.decided_at = timezone.now()
    claim.decided_by = actor
    claim.full_clean(exclude=["invoice"])
    claim.save()
    return claim


@transaction.atomic
def cost_claim_accept(*, claim: CostClaim, actor: User) -> CostClaim:
    """The paying municipality agrees to pay."""
    claim = _locked_claim(claim)
    _require_keeper(actor, claim.payer_municipality_id)
    require_state(claim, CLAIM_PENDING, _("Only a submitted or disputed claim can be accepted."))
    _decide_claim(claim, actor, CostClaimStatus.ACCEPTED)
    _event(claim, actor, ClaimEvent.ACCEPTED, claim.payer_municipality_id)
    return claim


@transaction.atomic
def cost_claim_dispute(*, claim: CostClaim, actor: User, reason: str) -> CostClaim:
    """The paying municipality does not agree (yet) and says why; the claimant may answer.
    A dispute is not a decision: nothing is recorded as decided."""
    claim = _locked_claim(claim)
    _require_keeper(actor, claim.payer_municipality_id)
    reason = _required_text(
        reason, "reason", _("Give the reason why your municipality disputes the claim.")
    )
    require_state(claim, [CostClaimStatus.SUBMITTED], _("Only a submitted claim can be disputed."))
    claim.dispute_reason = reason
    claim.status = CostClaimStatus.DISPUTED
    claim.full_clean(exclude=["invoice"])
    claim.save()
    _event(claim, actor, ClaimEvent.DISPUTED, claim.payer_municipality_id, text=reason)
    return claim


@transaction.atomic
def cost_claim_answer(
    *,
    claim: CostClaim,
    actor: User,
    answer: str,
    amount: Decimal | None = None,
    invoice: UploadedFile | None = None,
) -> CostClaim:
    """The claimant answers a dispute: says why, may change the amount and attach the invoice;
    the claim is submitted again for the payer to decide."""
    claim = _locked_claim(claim)
    _require_keeper(actor, claim.claimant_municipality_id)
    answer = _required_text(answer, "answer", _("Answer the dispute: say what you change or why."))
    require_state(claim, [CostClaimStatus.DISPUTED], _("Only a disputed claim can be answered."))
    if amount is not None:
        claim.amount = _amount(amount)
    invoice_check(invoice)
    claim.answer = answer
    claim.status = CostClaimStatus.SUBMITTED
    claim.full_clean(exclude=["invoice"])
    claim.save()
    if invoice is not None:
        if claim.invoice:
            claim.invoice.delete(save=False)
        claim.invoice.save("invoice.pdf", invoice, save=True)
    _event(
        claim,
        actor,
        ClaimEvent.ANSWERED,
        claim.claimant_municipality_id,
        text=answer,
        invoice_attached=invoice is not None,
    )
    return claim


@transaction.atomic
def cost_claim_code_add(*, claim: CostClaim, actor: User, personal_code: str) -> CostClaim:
    """The claimant adds the child's personal code it learnt later. The payer is not changed
    and no record is looked up by it (the payer finds its own child)."""
    claim = _locked_claim(claim)
    _require_keeper(actor, claim.claimant_municipality_id)
    code = _code(personal_code)
    if not code:
        raise ValidationError({"personal_code": _("Enter the child's personal code.")})
    if claim.child_personal_code:
        raise ValidationError(_("The claim already has the child's personal code."))
    if claim.status == CostClaimStatus.WITHDRAWN:
        raise ValidationError(_("A withdrawn claim cannot be changed."))
    claim.child_personal_code = code
    claim.full_clean(exclude=["invoice"])
    claim.save()
    _event(claim, actor, ClaimEvent.CODE_ADDED, claim.claimant_municipality_id)
    return claim


@transaction.atomic
def cost_claim_withdraw(*, claim: CostClaim, actor: User) -> CostClaim:
    """The claimant gives the claim up."""
    claim = _locked_claim(claim)
    _require_keeper(actor, claim.claimant_municipality_id)
    require_state(claim, CLAIM_PENDING, _("Only a submitted or disputed claim can be withdrawn."))
    _decide_claim(claim, actor, CostClaimStatus.WITHDRAWN)
    _event(claim, actor, ClaimEvent.WITHDRAWN, claim.claimant_municipality_id)
    return claim
