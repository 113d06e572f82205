"""Services given to a case's family: referrals to a provider under the municipality's
catalogue (``sargs.services``), their sessions and outcome (domain.md §8)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sargs.organisations.models import Institution

CRISIS_TEAM_CODE = "crisis-intervention-team"
FAMILY_ASSISTANT_CODE = "family-assistant"


class ReferralStatus(models.TextChoices):
    REQUESTED = "requested", pgettext_lazy("referral", "Requested")
    ACCEPTED = "accepted", pgettext_lazy("referral", "Accepted")
    WAITING = "waiting", pgettext_lazy("referral", "On the waiting list")
    IN_PROGRESS = "in_progress", pgettext_lazy("referral", "In progress")
    COMPLETED = "completed", pgettext_lazy("referral", "Completed")
    ENDED = "ended", pgettext_lazy("referral", "Ended early")


REFERRAL_OPEN = (
    ReferralStatus.REQUESTED.value,
    ReferralStatus.ACCEPTED.value,
    ReferralStatus.WAITING.value,
    ReferralStatus.IN_PROGRESS.value,
)
REFERRAL_FINAL = (ReferralStatus.COMPLETED.value, ReferralStatus.ENDED.value)


class OutcomeRating(models.TextChoices):
    ACHIEVED = "achieved", _("Goals achieved")
    PARTLY = "partly", _("Goals partly achieved")
    NOT_ACHIEVED = "not_achieved", _("Goals not achieved")


class Referral(models.Model):
    """A service from the municipality's catalogue assigned to a case, with its provider."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="referrals")
    service = models.ForeignKey(
        "services.MunicipalService",
        verbose_name=_("service"),
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    contract = models.ForeignKey(
        "services.ProviderContract",
        verbose_name=_("contract"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    provider = models.ForeignKey(
        Institution, verbose_name=_("provider"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ReferralStatus.choices, default=ReferralStatus.REQUESTED
    )
    requested_on = models.DateField(_("requested on"))
    planned_from = models.DateField(_("planned from"))
    planned_to = models.DateField(_("planned to"), null=True, blank=True)
    planned_hours = models.DecimalField(
        _("planned hours"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    areas = models.JSONField(_("support areas"), default=list, blank=True)
    shared_note = models.TextField(_("what the provider is told"), blank=True)
    cooperation_agreed_on = models.DateField(
        _("cooperation agreement signed on"), null=True, blank=True
    )
    # The day the provider took the family on (from the request or the waiting list).
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    outcome_rating = models.CharField(
        _("outcome"), max_length=12, choices=OutcomeRating.choices, blank=True
    )
    outcome = models.TextField(_("outcome description"), blank=True)
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A family assistant's work rests on a risk assessment and a plan (domain.md §8); without
    # them the referral says why it could not wait.
    urgency_reason = models.TextField(_("reason for urgency"), blank=True)
    # The family assistant the provider assigned, and a coordinator's override when the
    # assistant's recorded education does not meet the qualification rule.
    assistant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("family assistant"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assisted_referrals",
    )
    assistant_override_reason = models.TextField(_("reason for the override"), blank=True)
    assistant_override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The day of the latest session recorded (none yet: empty), kept by the session service in
    # the session's transaction: the provider's home lists its services in progress the
    # longest without a session first, read from an index rather than from every session of
    # every referral it provides (issue 20).
    last_session_on = models.DateField(_("last session on"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-requested_on", "-pk"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_to__isnull=True) | Q(planned_to__gte=F("planned_from")),
                name="referral_planned_period_order",
            ),
            models.CheckConstraint(
                condition=~Q(status=ReferralStatus.IN_PROGRESS.value) | Q(started_on__isnull=False),
                name="referral_in_progress_has_start",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=REFERRAL_FINAL)
                | (Q(ended_on__isnull=False) & ~Q(outcome="")),
                name="referral_final_has_outcome",
            ),
            models.CheckConstraint(
                condition=~Q(status=ReferralStatus.COMPLETED.value) | ~Q(outcome_rating=""),
                name="referral_completed_has_rating",
            ),
            models.CheckConstraint(
                condition=Q(assistant_override_reason="")
                | (Q(assistant_override_by__isnull=False) & Q(assistant__isnull=False)),
                name="referral_assistant_override_by_someone",
            ),
        ]
        # The provider's services in progress, the longest without a session first, have a
        # PostgreSQL index (provider, last session NULLS FIRST, id) made by migration
        # cases 0019 (SQLite cannot index NULLS FIRST).
        indexes = [models.Index(fields=["provider", "status"])]

    def __str__(self) -> str:
        return f"{_('referral')} #{self.pk}"

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.case.municipality_id}

    @property
    def is_open(self) -> bool:
        return self.status in REFERRAL_OPEN


class ReferralSession(models.Model):
    """One session (visit, consultation) of a referral, with the hours and a progress note
    that the case's social worker reads."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField(_("held on"))
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=2)
    areas = models.JSONField(_("areas worked on"), default=list, blank=True)
    note = models.TextField(_("progress note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0) & Q(hours__lte=24), name="referral_session_hours_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.referral_id}: {self.held_on}"

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.referral.case.municipality_id}
