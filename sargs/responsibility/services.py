"""Writes for handovers and cost claims. Each transition takes keyword arguments only, runs in
one transaction, locks the record, checks the actor's side and refuses an invalid transition
with a ValidationError a person can read; auditlog records every change."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sargs.jurisdiction.engine import Decision, decide
from sargs.jurisdiction.selectors import municipality_snapshot_load
from sargs.jurisdiction.snapshot import ResolutionError
from sargs.organisations.models import Municipality, User
from sargs.organisations.principal import principal_for_user
from sargs.registry import personal_codes
from sargs.registry.access import registry_municipalities
from sargs.registry.models import Child, ChildRepresentative, Household, LegalRepresentative
from sargs.registry.selectors import child_detail_queryset, scenario_for_child

from .models import (
    CLAIM_PENDING,
    HANDOVER_OPEN,
    CostClaim,
    CostClaimStatus,
    Handover,
    HandoverStatus,
)

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
    Child.objects.select_for_update().filter(pk=child.pk).first()  # one review per child at once
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


def _household_moves(household: Household | None, child: Child, source: int) -> bool:
    """The household goes with the child when no other of its children stays with ``source``."""
    return (
        household is not None
        and household.municipality_id == source
        and not household.children.exclude(pk=child.pk).filter(municipality_id=source).exists()
    )


def _move_family(child: Child, source: int, target: int) -> None:
    """Move the child's record to ``target``; with it the household and the adults, except
    those who still represent a child that ``source`` keeps (they stay, and lose the link to a
    household that moved). Nobody keeps a link to a household kept by the other municipality."""
    household = (
        Household.objects.select_for_update().filter(pk=child.household_id).first()
        if child.household_id is not None
        else None
    )
    household_moves = _household_moves(household, child, source)
    moved_household_id = household.pk if household is not None and household_moves else None
    if household is not None and household_moves:
        household.municipality_id = target
        household.save(update_fields=["municipality", "updated_at"])
    child.municipality_id = target
    if household is not None and not household_moves:
        child.household = None
    child.save(update_fields=["municipality", "household", "updated_at"])

    adult_ids = set(
        LegalRepresentative.objects.filter(
            municipality_id=source, representations__child=child
        ).values_list("pk", flat=True)
    )
    if moved_household_id is not None:
        adult_ids |= set(
            LegalRepresentative.objects.filter(
                municipality_id=source, household_id=moved_household_id
            ).values_list("pk", flat=True)
        )
    staying = set(
        ChildRepresentative.objects.filter(
            representative_id__in=adult_ids, child__municipality_id=source
        ).values_list("representative_id", flat=True)
    )
    for adult in LegalRepresentative.objects.select_for_update().filter(pk__in=adult_ids):
        fields = []
        if adult.pk not in staying:
            adult.municipality_id = target
            fields.append("municipality")
        in_moved = adult.household_id is not None and adult.household_id == moved_household_id
        if adult.household_id is not None and in_moved == (adult.pk in staying):
            adult.household = None
            fields.append("household")
        if fields:
            adult.save(update_fields=[*fields, "updated_at"])


@transaction.atomic
def handover_accept(*, handover: Handover, actor: User) -> Handover:
    """The receiving municipality takes over the child's record (and the family's, see
    ``_move_family``); from now on the sending municipality no longer sees the child."""
    handover = _locked(handover)
    _require_keeper(actor, handover.to_municipality_id)
    if handover.status not in HANDOVER_OPEN:
        raise ValidationError(_("Only a proposed or disputed handover can be accepted."))
    child = Child.objects.select_for_update().get(pk=handover.child_id)
    if child.municipality_id != handover.from_municipality_id:
        raise ValidationError(
            _("The child's record is no longer kept by the sending municipality.")
        )
    _move_family(child, handover.from_municipality_id, handover.to_municipality_id)
    _close(handover, actor, HandoverStatus.ACCEPTED)
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


@transaction.atomic
def cost_claim_create(
    *,
    actor: User,
    claimant_municipality: Municipality,
    personal_code: str,
    description: str,
    period_from: datetime.date,
    period_to: datetime.date,
    amount: Decimal,
    basis: str,
) -> CostClaim:
    """Claim from the municipality that keeps the child's record (the responsible one) what
    ``claimant_municipality`` spent helping the child. The child is found by personal code."""
    _require_keeper(actor, claimant_municipality.pk)
    code = personal_codes.compact(personal_code or "")
    if not code:
        raise ValidationError(
            {"personal_code": _("Enter the child's personal code.")}, code="required"
        )
    child = Child.objects.filter(personal_code=code).first()
    if child is None:
        raise ValidationError(
            {"personal_code": _("No child with this personal code is registered.")},
            code="unknown",
        )
    if child.municipality_id == claimant_municipality.pk:
        raise ValidationError(
            {
                "personal_code": _(
                    "Your municipality keeps this child's record: a cost claim is made to "
                    "another municipality."
                )
            },
            code="own",
        )
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("The amount must be more than 0 EUR.")})
    if period_from and period_to and period_to < period_from:
        raise ValidationError({"period_to": _("The period must not end before it begins.")})
    claim = CostClaim(
        child=child,
        claimant_municipality=claimant_municipality,
        payer_municipality_id=child.municipality_id,
        basis=basis,
        description=(description or "").strip(),
        period_from=period_from,
        period_to=period_to,
        amount=Decimal(amount).quantize(CENT),
        created_by=actor,
    )
    claim.full_clean()
    claim.save()
    return claim


def _locked_claim(claim: CostClaim) -> CostClaim:
    return CostClaim.objects.select_for_update().get(pk=claim.pk)


def _decide_claim(claim: CostClaim, actor: User, status: str) -> CostClaim:
    claim.status = status
    claim.decided_at = timezone.now()
    claim.decided_by = actor
    claim.full_clean()
    claim.save()
    return claim


@transaction.atomic
def cost_claim_accept(*, claim: CostClaim, actor: User) -> CostClaim:
    claim = _locked_claim(claim)
    _require_keeper(actor, claim.payer_municipality_id)
    if claim.status not in CLAIM_PENDING:
        raise ValidationError(_("Only a submitted or disputed claim can be accepted."))
    return _decide_claim(claim, actor, CostClaimStatus.ACCEPTED)


@transaction.atomic
def cost_claim_dispute(*, claim: CostClaim, actor: User, reason: str) -> CostClaim:
    claim = _locked_claim(claim)
    _require_keeper(actor, claim.payer_municipality_id)
    reason = _required_text(
        reason, "reason", _("Give the reason why your municipality disputes the claim.")
    )
    if claim.status != CostClaimStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted claim can be disputed."))
    claim.dispute_reason = reason
    return _decide_claim(claim, actor, CostClaimStatus.DISPUTED)


@transaction.atomic
def cost_claim_withdraw(*, claim: CostClaim, actor: User) -> CostClaim:
    claim = _locked_claim(claim)
    _require_keeper(actor, claim.claimant_municipality_id)
    if claim.status not in CLAIM_PENDING:
        raise ValidationError(_("Only a submitted or disputed claim can be withdrawn."))
    return _decide_claim(claim, actor, CostClaimStatus.WITHDRAWN)
