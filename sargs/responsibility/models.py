"""Handovers of a child's record between municipalities and cost claims between them.

A handover proposes that the municipality responsible under BTAL article 67 takes over the
record of a child another municipality keeps; the child stays with the sending municipality
until the receiving one accepts. A cost claim asks the responsible municipality to pay for help
another municipality gave the child (BTAL 67(7), 67(8)). Both belong in the audit trail to the
sending (claimant) municipality; see docs/adr/0006-handovers-and-cost-claims.md.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sargs.core.language import pick
from sargs.organisations.models import Municipality
from sargs.registry.models import Child


class HandoverStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    DISPUTED = "disputed", _("Disputed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


HANDOVER_OPEN = (HandoverStatus.PROPOSED.value, HandoverStatus.DISPUTED.value)
HANDOVER_CLOSED = (HandoverStatus.ACCEPTED.value, HandoverStatus.WITHDRAWN.value)


class Handover(models.Model):
    child = models.ForeignKey(
        Child, verbose_name=_("child"), on_delete=models.PROTECT, related_name="handovers"
    )
    from_municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("sending municipality"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("receiving municipality"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=HandoverStatus.choices, default=HandoverStatus.PROPOSED
    )
    # The jurisdiction engine's answer when the handover was proposed, so the queue shows why.
    basis = models.JSONField(_("basis"), default=list, blank=True)
    reason_lv = models.TextField(_("reason (Latvian)"), blank=True)
    reason_en = models.TextField(_("reason (English)"), blank=True)
    proposed_at = models.DateTimeField(_("proposed at"), default=timezone.now)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    dispute_reason = models.TextField(_("reason for the dispute"), blank=True)
    sender_comment = models.TextField(_("sending municipality's comment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        verbose_name = _("handover")
        verbose_name_plural = _("handovers")
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_municipality=F("to_municipality")),
                name="handover_between_two_municipalities",
            ),
            models.UniqueConstraint(
                fields=["child"],
                condition=Q(status__in=HANDOVER_OPEN),
                name="handover_one_open_per_child",
            ),
            models.CheckConstraint(
                condition=~Q(status=HandoverStatus.DISPUTED.value) | ~Q(dispute_reason=""),
                name="handover_dispute_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["to_municipality", "status"]),
            models.Index(fields=["from_municipality", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.from_municipality_id} → {self.to_municipality_id} ({self.status})"

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.from_municipality_id}

    @property
    def is_open(self) -> bool:
        return self.status in HANDOVER_OPEN

    @property
    def reason(self) -> str:
        """The engine's reason in the current language."""
        return pick(self.reason_lv, self.reason_en)


class CostBasis(models.TextChoices):
    CARE_OR_DANGER = "BTAL 67(7)", _("BTAL 67(7): help in out-of-family care or danger")
    MAINTENANCE = "BTAL 67(8)", _("BTAL 67(8): maintenance for a guardian or foster family")


class CostClaimStatus(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("cost claim", "Submitted")
    ACCEPTED = "accepted", pgettext_lazy("cost claim", "Accepted")
    DISPUTED = "disputed", pgettext_lazy("cost claim", "Disputed")
    WITHDRAWN = "withdrawn", pgettext_lazy("cost claim", "Withdrawn")


CLAIM_PENDING = (CostClaimStatus.SUBMITTED.value, CostClaimStatus.DISPUTED.value)


class ClaimOrigin(models.TextChoices):
    CONCERN = "concern", _("A concern")
    CASE = "case", _("A case")
    DIRECT = "direct", _("Entered directly")


def private_storage() -> Storage:
    """Files outside the web root (``settings.PRIVATE_STORAGE_ROOT``): nginx never serves them;
    only access-checked views read them."""
    return FileSystemStorage(location=settings.PRIVATE_STORAGE_ROOT, base_url=None)


def invoice_path(claim: CostClaim, filename: str) -> str:
    # The file name the user chose is not kept: it may name the child.
    return f"cost-claims/{claim.claimant_municipality_id}/{timezone.now():%Y%m%d%H%M%S}-invoice.pdf"


class CostClaim(models.Model):
    """What a municipality that helped a child asks the responsible municipality to pay.

    The child is named as the claimant entered it (name, birth date, optionally the personal
    code, which may be added later); ``child`` is the claimant's own registry record when the
    claim comes from its case, never the payer's record (docs/adr/0006)."""

    child = models.ForeignKey(
        Child,
        verbose_name=_("child"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cost_claims",
    )
    child_first_name = models.CharField(_("child's first name"), max_length=100)
    child_last_name = models.CharField(_("child's last name"), max_length=100)
    child_birth_date = models.DateField(_("child's birth date"), null=True, blank=True)
    child_personal_code = models.CharField(_("child's personal code"), max_length=11, blank=True)
    residence_municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality where the child lives"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Where the claim came from (a concern or a case of the claimant); plain ids because the
    # cases app sits above this one.
    origin = models.CharField(
        _("made from"), max_length=10, choices=ClaimOrigin.choices, default=ClaimOrigin.DIRECT
    )
    origin_id = models.PositiveIntegerField(null=True, blank=True)
    # The jurisdiction engine's reason for the payer, in both languages.
    payer_reason_lv = models.TextField(blank=True)
    payer_reason_en = models.TextField(blank=True)
    invoice = models.FileField(
        _("invoice (PDF)"), storage=private_storage, upload_to=invoice_path, blank=True
    )
    answer = models.TextField(_("claimant's answer to the dispute"), blank=True)
    claimant_municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("claimant municipality"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    payer_municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("paying municipality"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    basis = models.CharField(_("basis"), max_length=12, choices=CostBasis.choices)
    description = models.TextField(_("what was provided"))
    period_from = models.DateField(_("from"))
    period_to = models.DateField(_("to"))
    amount = models.DecimalField(_("amount (EUR)"), max_digits=12, decimal_places=2)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CostClaimStatus.choices,
        default=CostClaimStatus.SUBMITTED,
    )
    dispute_reason = models.TextField(_("reason for the dispute"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("cost claim")
        verbose_name_plural = _("cost claims")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="cost_claim_amount_positive"),
            models.CheckConstraint(
                condition=Q(period_to__gte=F("period_from")), name="cost_claim_period_order"
            ),
            models.CheckConstraint(
                condition=~Q(claimant_municipality=F("payer_municipality")),
                name="cost_claim_between_two_municipalities",
            ),
            models.CheckConstraint(
                condition=~Q(status=CostClaimStatus.DISPUTED.value) | ~Q(dispute_reason=""),
                name="cost_claim_dispute_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(child_personal_code="")
                | Q(child_personal_code__regex=r"^[0-3][0-9]{10}$"),
                name="cost_claim_personal_code_format",
            ),
        ]
        indexes = [
            models.Index(fields=["payer_municipality", "status"]),
            models.Index(fields=["claimant_municipality", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.basis}: {self.amount} EUR ({self.status})"

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.claimant_municipality_id}

    @property
    def is_pending(self) -> bool:
        return self.status in CLAIM_PENDING

    @property
    def child_name(self) -> str:
        return f"{self.child_first_name} {self.child_last_name}"

    @property
    def personal_code_masked(self) -> str:
        code = self.child_personal_code
        return f"{code[:6]}-*****" if code else ""

    @property
    def payer_reason(self) -> str:
        return pick(self.payer_reason_lv, self.payer_reason_en)


class ClaimEvent(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    DISPUTED = "disputed", _("Disputed by the paying municipality")
    ANSWERED = "answered", _("Answered by the claimant")
    CODE_ADDED = "code_added", _("Personal code added")
    ACCEPTED = "accepted", _("Accepted by the paying municipality")
    WITHDRAWN = "withdrawn", _("Withdrawn by the claimant")


class CostClaimEvent(models.Model):
    """One step in a claim's history: who did what, when, and the amount it then stood at."""

    claim = models.ForeignKey(
        CostClaim, verbose_name=_("cost claim"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("what"), max_length=12, choices=ClaimEvent.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    amount = models.DecimalField(_("amount (EUR)"), max_digits=12, decimal_places=2)
    text = models.TextField(_("text"), blank=True)
    invoice_attached = models.BooleanField(_("invoice attached"), default=False)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("cost claim event")
        verbose_name_plural = _("cost claim events")

    def __str__(self) -> str:
        return f"{self.claim_id}: {self.kind}"

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.claim.claimant_municipality_id}
