"""Handovers of a child's record between municipalities and cost claims between them.

A handover proposes that the municipality responsible under BTAL article 67 takes over the
record of a child another municipality keeps; the child stays with the sending municipality
until the receiving one accepts. A cost claim asks the responsible municipality to pay for help
another municipality gave the child (BTAL 67(7), 67(8)). Both belong in the audit trail to the
sending (claimant) municipality; see docs/adr/0006-handovers-and-cost-claims.md.
"""

from __future__ import annotations

from django.conf import settings
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


class CostClaim(models.Model):
    """What a municipality that helped a child asks the responsible municipality to pay."""

    child = models.ForeignKey(
        Child, verbose_name=_("child"), on_delete=models.PROTECT, related_name="cost_claims"
    )
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
