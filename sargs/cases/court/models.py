"""Orphan's court proceedings in a case (domain.md §6; Orphan Courts Law; Civil Law 199–203)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sargs.organisations.models import Institution, Municipality
from sargs.registry.custody_grounds import GROUND_CODES, GROUND_MAX_LENGTH, SuspensionGround


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


class UrgentReason(models.TextChoices):
    """Why a suspension may come without a warning whose term to remedy has passed (Orphan
    Courts Law 22(1¹); BTAL 27): the court records which, and the matter's page shows it."""

    NONE = "", _("No urgent reason")
    IMMEDIATE_DANGER = "immediate_danger", _("Immediate danger to the child's life or health")
    REMOVAL_BTAL_27 = "removal_btal27", _("The child was removed from the family (BTAL article 27)")
    # Set only by migration 0006 on suspensions decided before Sargs checked the order of
    # steps; the services never accept it.
    NOT_RECORDED = "not_recorded", _("Decided before Sargs checked the order of steps")


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
        max_length=GROUND_MAX_LENGTH,
        choices=SuspensionGround.choices,
        blank=True,
    )
    decision_number = models.CharField(_("decision No."), max_length=50, blank=True)
    warned_on = models.DateField(_("parent warned on"), null=True, blank=True)
    # Database defaults too: bulk writers (sargs/scale) that name only older columns still work.
    extension_reason = models.TextField(
        _("why the term for the decision was extended"), blank=True, db_default=""
    )
    urgent_reason = models.CharField(
        _("urgent reason"), max_length=20, choices=UrgentReason.choices, blank=True, db_default=""
    )
    urgent_note = models.TextField(_("what makes it urgent"), blank=True, db_default="")
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
                condition=Q(custody_outcome="suspended", custody_grounds__in=GROUND_CODES)
                | (~Q(custody_outcome="suspended") & Q(custody_grounds="")),
                name="proceeding_grounds_iff_suspended",
            ),
            # The term to remedy lies within the term for the decision (extend that first).
            models.CheckConstraint(
                condition=Q(remedy_until__isnull=True) | Q(remedy_until__lte=F("decision_due")),
                name="proceeding_remedy_within_decision_term",
            ),
            models.CheckConstraint(
                condition=Q(urgent_reason="") | ~Q(urgent_note=""),
                name="proceeding_urgency_explained",
            ),
            # Suspension only after a warning whose term has passed, or for an urgent reason
            # (Orphan Courts Law 22(1¹); domain.md §6).
            models.CheckConstraint(
                condition=~Q(custody_outcome="suspended")
                | ~Q(urgent_reason="")
                | Q(remedy_until__isnull=False, remedy_until__lt=F("decided_on")),
                name="proceeding_suspension_after_term_or_urgent",
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

    class Meta:
        verbose_name = _("custody deprivation review")
        verbose_name_plural = _("custody deprivation reviews")

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
    # Who cares for the child: a family of the court's register, a guardian of the registry or
    # a childcare institution; never free text (issue 16). ``carer`` keeps the name typed
    # before the register existed, where the data migration found no registered match.
    foster_family = models.ForeignKey(
        "cases.FosterFamily",
        verbose_name=_("foster family"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="placements",
    )
    guardian = models.ForeignKey(
        "registry.LegalRepresentative",
        verbose_name=_("guardian"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    care_institution = models.ForeignKey(
        Institution,
        verbose_name=_("childcare institution"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    carer = models.CharField(_("carer named before the register"), max_length=200, blank=True)
    # Short-term care in a childcare institution, up to three months (BTAL 37(4)); the limit
    # is this form's, not every placement's.
    emergency = models.BooleanField(_("short-term care in an institution (BTAL 37)"), default=False)
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
            models.CheckConstraint(
                condition=Q(emergency=False) | Q(form="institution"),
                name="placement_short_term_only_in_institution",
            ),
            models.CheckConstraint(
                condition=Q(foster_family__isnull=True)
                | Q(form__in=["foster_family", "specialised_foster", "crisis_foster"]),
                name="placement_foster_family_for_foster_forms",
            ),
            models.CheckConstraint(
                condition=Q(guardian__isnull=True) | Q(form="guardianship"),
                name="placement_guardian_for_guardianship",
            ),
            models.CheckConstraint(
                condition=Q(care_institution__isnull=True) | Q(form="institution"),
                name="placement_institution_for_institution_care",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('placement')} #{self.pk}"

    @property
    def carer_name(self) -> str:
        """The family, guardian or institution caring for the child."""
        if self.foster_family_id:
            return self.foster_family.name  # type: ignore[union-attr]
        if self.guardian_id:
            return self.guardian.full_name  # type: ignore[union-attr]
        if self.care_institution_id:
            return self.care_institution.name  # type: ignore[union-attr]
        return self.carer

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.case.municipality_id}


class FosterFamilyKind(models.TextChoices):
    ORDINARY = "ordinary", _("Foster family")
    SPECIALISED = "specialised", _("Specialised foster family")
    CRISIS = "crisis", _("Crisis foster family")


# A crisis foster family is a kind of specialised foster family (domain.md §6).
SPECIALISED_KINDS = (FosterFamilyKind.SPECIALISED, FosterFamilyKind.CRISIS)
# Which form of care a family of each kind gives.
FORM_OF_KIND: dict[str, str] = {
    FosterFamilyKind.ORDINARY: CareForm.FOSTER_FAMILY,
    FosterFamilyKind.SPECIALISED: CareForm.SPECIALISED_FOSTER_FAMILY,
    FosterFamilyKind.CRISIS: CareForm.CRISIS_FOSTER_FAMILY,
}


class FosterFamilyStatus(models.TextChoices):
    ACTIVE = "active", _("Takes children")
    SUSPENDED = "suspended", _("Not taking children for now")
    REMOVED = "removed", _("Removed from the register")


class FosterFamily(models.Model):
    """A foster family in the register kept by a municipality's orphan's court. It stays in
    the register (and in F4) until removed, with or without a child placed now."""

    court = models.ForeignKey(
        Institution, verbose_name=_("orphan's court"), on_delete=models.PROTECT, related_name="+"
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("family"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=FosterFamilyKind.choices)
    places = models.PositiveSmallIntegerField(_("places"))
    registered_on = models.DateField(_("registered on"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=FosterFamilyStatus.choices,
        default=FosterFamilyStatus.ACTIVE,
    )
    status_since = models.DateField(_("status since"))
    removed_on = models.DateField(_("removed on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("foster family")
        verbose_name_plural = _("foster families")
        constraints = [
            models.CheckConstraint(
                condition=Q(status_since__gte=F("registered_on")),
                name="foster_family_status_after_registration",
            ),
            models.CheckConstraint(
                condition=(Q(status="removed") & Q(removed_on=F("status_since")))
                | (~Q(status="removed") & Q(removed_on__isnull=True)),
                name="foster_family_removed_iff_date",
            ),
            models.CheckConstraint(condition=Q(places__gte=1), name="foster_family_has_places"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.municipality_id}


class SupportRecordAttachment(models.Model):
    """The support record for the court, attached to a matter as a dated document: what the
    court had before it when it decided to apply for deprivation (Civil Law 203; domain.md
    §6: deprivation only after documented support failed)."""

    proceeding = models.ForeignKey(
        Proceeding, on_delete=models.PROTECT, related_name="support_records"
    )
    dated_on = models.DateField(_("dated"))
    content = models.BinaryField(_("document (Word)"))
    problems = models.PositiveSmallIntegerField(_("problems identified"))
    gaps = models.PositiveSmallIntegerField(_("gaps"))
    gap_areas = models.TextField(_("problems with a gap"), blank=True)
    attached_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-dated_on", "-pk"]
        verbose_name = _("attached support record")
        verbose_name_plural = _("attached support records")
        constraints = [
            models.CheckConstraint(
                condition=Q(gaps__lte=F("problems")), name="support_record_gaps_within_problems"
            ),
        ]

    def __str__(self) -> str:
        return f"{_('attached support record')} #{self.pk}"

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.proceeding.case.municipality_id}
