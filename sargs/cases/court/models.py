"""Orphan's court proceedings in a case (domain.md §6; Orphan Courts Law; Civil Law 199–203)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sargs.organisations.models import Institution, Municipality
from sargs.registry.models import SuspensionGround


class ProceedingKind(models.TextChoices):
    SUSPEND_CUSTODY = "suspend_custody", _("Suspension of custody")
    RESTORE_CUSTODY = "restore_custody", _("Restoration of custody")
    DEPRIVATION_SUIT = "deprivation_suit", _("Application to a court for deprivation of custody")
    OUT_OF_FAMILY_CARE = "out_of_family_care", _("Out-of-family care")
    OTHER = "other", _("Other")


class ProceedingStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("proceeding", "Open")
    WARNED = "warned", pgettext_lazy("proceeding", "Term to remedy set")
    DECIDED = "decided", pgettext_lazy("proceeding", "Decided")


class CustodyOutcome(models.TextChoices):
    """What a decision did to a parent's custody (written to the registry; domain.md §6)."""

    NONE = "", _("No decision on custody")
    SUSPENDED = "suspended", _("Custody suspended")
    NOT_SUSPENDED = "not_suspended", _("Custody not suspended")
    RESTORED = "restored", _("Custody restored")
    APPLY_FOR_DEPRIVATION = (
        "apply_deprivation",
        _("Decided to apply to a court for deprivation of custody"),
    )


# Outcomes that name a parent (the registry is written for the first two).
PARENT_OUTCOMES = (
    CustodyOutcome.SUSPENDED,
    CustodyOutcome.RESTORED,
    CustodyOutcome.APPLY_FOR_DEPRIVATION,
)


class Proceeding(models.Model):
    """A matter an orphan's court decides about a case's family, within a term (one month,
    extendable up to four months)."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="proceedings")
    court = models.ForeignKey(
        Institution, verbose_name=_("orphan's court"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("matter"), max_length=20, choices=ProceedingKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=ProceedingStatus.choices, default="open"
    )
    opened_on = models.DateField(_("opened on"))
    decision_due = models.DateField(_("decision due"))
    grounds = models.TextField(_("grounds"))
    remedy_until = models.DateField(_("term to remedy until"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision = models.TextField(_("decision"), blank=True)
    custody_outcome = models.CharField(
        _("custody"), max_length=20, choices=CustodyOutcome.choices, blank=True
    )
    custody_relation = models.ForeignKey(
        "registry.ChildRepresentative",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    custody_grounds = models.CharField(
        _("grounds for suspending custody"),
        max_length=1,
        choices=SuspensionGround.choices,
        blank=True,
    )
    decision_number = models.CharField(_("decision No."), max_length=50, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decision_due", "pk"]
        verbose_name = _("proceeding")
        verbose_name_plural = _("proceedings")
        constraints = [
            models.CheckConstraint(
                condition=Q(decision_due__gte=F("opened_on")), name="proceeding_due_after_opening"
            ),
            models.CheckConstraint(
                condition=~Q(status="decided") | (Q(decided_on__isnull=False) & ~Q(decision="")),
                name="proceeding_decided_has_decision",
            ),
            models.CheckConstraint(
                condition=~Q(status="warned") | Q(remedy_until__isnull=False),
                name="proceeding_warned_has_term",
            ),
            models.CheckConstraint(
                condition=Q(
                    custody_outcome="suspended", custody_grounds__in=["1", "2", "3", "4", "5"]
                )
                | (~Q(custody_outcome="suspended") & Q(custody_grounds="")),
                name="proceeding_grounds_iff_suspended",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('proceeding')} #{self.pk}"

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.case.municipality_id}

    @property
    def is_open(self) -> bool:
        return self.status != ProceedingStatus.DECIDED


class JudgmentKind(models.TextChoices):
    """What a court's judgment did (Civil Law 199, 200); written to the registry."""

    DEPRIVED = "deprived", _("Custody deprived by the court")
    RESTORED = "restored_by_court", _("Custody restored by the court")
    DISMISSED = "dismissed", _("Claim dismissed")


class CourtJudgment(models.Model):
    """A court's judgment on a parent's custody, recorded on the orphan's court matter that
    applied for it (deprivation) or gave its opinion (restoration)."""

    proceeding = models.ForeignKey(Proceeding, on_delete=models.PROTECT, related_name="judgments")
    relation = models.ForeignKey(
        "registry.ChildRepresentative",
        verbose_name=_("parent"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("judgment"), max_length=20, choices=JudgmentKind.choices)
    court_name = models.CharField(_("court"), max_length=200)
    judgment_number = models.CharField(_("judgment No."), max_length=50)
    judged_on = models.DateField(_("judgment date"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["judged_on", "pk"]
        verbose_name = _("court judgment")
        verbose_name_plural = _("court judgments")

    def __str__(self) -> str:
        return f"{_('court judgment')} #{self.pk}"

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.proceeding.case.municipality_id}


class DeprivationReview(models.Model):
    """The court's task, one year after suspending a parent's custody, to decide whether to
    apply for deprivation (Civil Law 203); settled by that application, a judgment or a
    restoration."""

    proceeding = models.ForeignKey(
        Proceeding, on_delete=models.PROTECT, related_name="deprivation_reviews"
    )
    relation = models.ForeignKey(
        "registry.ChildRepresentative", on_delete=models.PROTECT, related_name="+"
    )
    task = models.OneToOneField(
        "cases.Task", on_delete=models.CASCADE, related_name="deprivation_review"
    )
    settled_on = models.DateField(_("settled on"), null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.proceeding_id}/{self.relation_id}"

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.proceeding.case.municipality_id}


class PreventiveTalk(models.Model):
    """A preventive talk of the orphan's court with a child's parents (Orphan Courts Law):
    who took part, what was discussed and the next steps agreed. Read by the case team."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="talks")
    court = models.ForeignKey(
        Institution, verbose_name=_("orphan's court"), on_delete=models.PROTECT, related_name="+"
    )
    held_on = models.DateField(_("held on"))
    participants = models.TextField(_("who took part"))
    discussed = models.TextField(_("what was discussed"))
    next_steps = models.TextField(_("agreed next steps"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("preventive talk")
        verbose_name_plural = _("preventive talks")

    def __str__(self) -> str:
        return f"{_('preventive talk')} #{self.pk}"

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.case.municipality_id}


class CareForm(models.TextChoices):
    """BTAL 27: family care first; an institution only if family care does not suit the child."""

    FOSTER_FAMILY = "foster_family", _("Foster family")
    SPECIALISED_FOSTER_FAMILY = "specialised_foster", _("Specialised foster family")
    CRISIS_FOSTER_FAMILY = "crisis_foster", _("Crisis foster family")
    GUARDIANSHIP = "guardianship", _("Guardianship")
    INSTITUTION = "institution", _("Childcare institution")


class PlacementEnd(models.TextChoices):
    RETURNED = "returned", _("Returned to the family")
    OTHER_CARE = "other_care", _("Moved to another form of care")
    ADOPTED = "adopted", _("Adopted")
    CAME_OF_AGE = "came_of_age", _("Came of age")
    OTHER = "other", _("Other")


class Placement(models.Model):
    """A child's out-of-family care decided by the orphan's court (domain.md §6)."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="placements")
    child = models.ForeignKey("registry.Child", on_delete=models.PROTECT, related_name="placements")
    proceeding = models.ForeignKey(
        Proceeding, on_delete=models.PROTECT, related_name="placements", null=True, blank=True
    )
    # The municipality whose orphan's court decided the care keeps responsibility (BTAL 67(4)).
    deciding_municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("deciding municipality"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    form = models.CharField(_("form of care"), max_length=20, choices=CareForm.choices)
    carer = models.CharField(_("foster family, guardian or institution"), max_length=200)
    emergency = models.BooleanField(_("emergency placement"), default=False)
    child_opinion = models.TextField(_("the child's opinion"))
    siblings_note = models.TextField(_("siblings"), blank=True)
    placed_on = models.DateField(_("placed on"))
    review_due = models.DateField(_("review due"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(
        _("how it ended"), max_length=20, choices=PlacementEnd.choices, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-placed_on", "-pk"]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        constraints = [
            models.UniqueConstraint(
                fields=["child"], condition=Q(ended_on__isnull=True), name="placement_one_current"
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True, end_reason="")
                | (Q(ended_on__gte=F("placed_on")) & ~Q(end_reason="")),
                name="placement_end_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('placement')} #{self.pk}"

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.case.municipality_id}
