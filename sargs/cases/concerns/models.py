"""Concerns about children and the alerts they raise.

A concern is what any institution reports; the social service triages it into a case (one per
family, see ``sargs.cases.casework``) or closes it. A concern about danger to life or health
alerts the social service and the orphan's court at once. See docs/adr/0008-case-access.md.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sargs.organisations.models import Institution, Municipality
from sargs.registry.models import Child


class ConcernCategory(models.TextChoices):
    """Domain brief §7 (MK 157 point 4 and the support centres' reasons)."""

    PHYSICAL_VIOLENCE = "physical_violence", _("Physical violence")
    EMOTIONAL_VIOLENCE = "emotional_violence", _("Emotional violence")
    SEXUAL_VIOLENCE = "sexual_violence", _("Sexual violence")
    NEGLECT = "neglect", _("Neglect (lack of care)")
    ABANDONMENT = "abandonment", _("Abandonment or danger")
    SCHOOL_ABSENCE = "school_absence", _("Unexcused absence from school")
    BEGGING = "begging", _("Begging or vagrancy")
    RUNNING_AWAY = "running_away", _("Running away")
    SUBSTANCE_USE = "substance_use", _("Substance use")
    OFFENCE = "offence", _("An offence by the child")
    BEHAVIOUR = "behaviour", _("Behaviour problems")
    LEARNING = "learning", _("Learning difficulties")
    PARENTS_CONFLICT = "parents_conflict", _("The child drawn into the parents' conflict")
    DANGEROUS_DWELLING = "dangerous_dwelling", _("A dwelling that endangers the child")


class ConcernPlace(models.TextChoices):
    SCHOOL = "school", _("At school or kindergarten")
    HOME = "home", _("At home")
    PUBLIC = "public", _("In a public place")
    HEALTH_CARE = "health_care", _("At a health care institution")
    OTHER = "other", _("Elsewhere")


class ConcernStatus(models.TextChoices):
    NEW = "new", pgettext_lazy("concern", "New")
    ACCEPTED = "accepted", pgettext_lazy("concern", "Taken up in a case")
    CLOSED = "closed", pgettext_lazy("concern", "Closed")


class Concern(models.Model):
    """A report about a child by any institution's staff; triaged by the social service of
    ``municipality`` (where the child is, BTAL 67(5))."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="+"
    )
    reporting_institution = models.ForeignKey(
        Institution,
        verbose_name=_("reporting institution"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    child_first_name = models.CharField(_("child's first name"), max_length=100)
    child_last_name = models.CharField(_("child's last name"), max_length=100)
    child_birth_date = models.DateField(_("child's birth date"), null=True, blank=True)
    child_personal_code = models.CharField(_("child's personal code"), max_length=11, blank=True)
    categories = models.JSONField(_("categories"), default=list)
    description = models.TextField(_("what was seen"))
    observed_on = models.DateField(_("when"))
    place = models.CharField(_("where"), max_length=20, choices=ConcernPlace.choices)
    place_detail = models.CharField(_("place details"), max_length=200, blank=True)
    observed_by = models.CharField(_("seen by"), max_length=200)
    # Where the child lives, when known: the jurisdiction engine names the responsible
    # municipality from it (BTAL 67(1)-(2)), which is alerted and pays for help given here.
    residence_municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality where the child lives"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    residence_address = models.CharField(
        _("address where the child lives"), max_length=200, blank=True
    )
    danger_to_life = models.BooleanField(_("danger to the child's life or health"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=ConcernStatus.choices, default=ConcernStatus.NEW
    )
    triage_due = models.DateField(_("triage due"))
    child = models.ForeignKey(
        Child,
        verbose_name=_("child"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="concerns",
    )
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("case"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="concerns",
    )
    closed_reason = models.TextField(_("reason for closing"), blank=True)
    triaged_at = models.DateTimeField(_("triaged at"), null=True, blank=True)
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("triaged by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("concern")
        verbose_name_plural = _("concerns")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=ConcernStatus.ACCEPTED.value)
                | Q(case__isnull=False, child__isnull=False),
                name="concern_accepted_has_case",
            ),
            models.CheckConstraint(
                condition=~Q(status=ConcernStatus.CLOSED.value) | ~Q(closed_reason=""),
                name="concern_closed_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(child_personal_code="")
                | Q(child_personal_code__regex=r"^[0-3][0-9]{10}$"),
                name="concern_personal_code_format",
            ),
        ]
        indexes = [
            models.Index(fields=["municipality", "status"]),
            # The triage list and its count, in the list's order (danger first, then the
            # deadline): new concerns only, a small part of a municipality's (issue 20).
            models.Index(
                "municipality",
                F("danger_to_life").desc(),
                "triage_due",
                "id",
                condition=Q(status=ConcernStatus.NEW.value),
                name="concern_to_triage",
            ),
            # "Reported by us", newest first.
            models.Index(
                fields=["reporting_institution", "-created_at", "-id"],
                name="concern_by_reporter",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('concern')} #{self.pk}"

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.municipality_id}

    @property
    def child_name(self) -> str:
        return f"{self.child_first_name} {self.child_last_name}"

    def get_categories_display(self) -> list[str]:
        labels = dict(ConcernCategory.choices)
        return [str(labels.get(c, c)) for c in self.categories]


class Alert(models.Model):
    """An immediate notice of danger to a child's life or health (BTAL 67(5))."""

    recipient = models.ForeignKey(
        Institution, verbose_name=_("recipient"), on_delete=models.PROTECT, related_name="+"
    )
    concern = models.ForeignKey(
        Concern, verbose_name=_("concern"), on_delete=models.PROTECT, related_name="alerts"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acknowledged by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "concern"], name="alert_once_per_recipient"
            ),
            models.CheckConstraint(
                condition=Q(acknowledged_at__isnull=True) | Q(acknowledged_by__isnull=False),
                name="alert_acknowledged_by_someone",
            ),
        ]
        indexes = [
            # The danger badge on every page and the worklist's alerts: open ones only.
            models.Index(
                fields=["recipient", "created_at", "id"],
                condition=Q(acknowledged_at__isnull=True),
                name="alert_open_by_recipient",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('alert')} #{self.pk}"

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.recipient.municipality_id}
