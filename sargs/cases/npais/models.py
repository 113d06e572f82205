"""One expected NPAIS entry: an institution, the Sargs event that obliges it (a concern naming
an MK regulation No. 157 point 4 trigger, or a court custody matter), its term, the content to
copy, and who confirmed it was entered and when. Sargs never writes to NPAIS itself."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sargs.organisations.models import Institution


class NpaisTrigger(models.TextChoices):
    """MK regulation No. 157 point 4 (domain.md §7), and the court's custody matters."""

    VIOLENCE = "violence", _("Violence or suspected violence")
    DANGER = "danger", _("Abandonment, lack of care or danger")
    ABSENCE = "absence", _("Unexcused absence from school")
    BEGGING = "begging", _("Begging or vagrancy")
    RUNNING_AWAY = "running_away", _("Running away")
    SUBSTANCE_USE = "substance_use", _("Substance use")
    HARM_BY_MINOR = "harm_by_minor", _("Harm caused by the minor")
    CUSTODY_MATTER = "custody_matter", _("Orphan's court custody matter")


class NpaisEntry(models.Model):
    institution = models.ForeignKey(
        Institution, verbose_name=_("institution"), on_delete=models.PROTECT, related_name="+"
    )
    municipality = models.ForeignKey(
        "organisations.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    concern = models.ForeignKey(
        "cases.Concern", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    proceeding = models.ForeignKey(
        "cases.Proceeding", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    triggers = models.JSONField(_("triggers"), default=list)
    event_on = models.DateField(_("event on"))
    due_on = models.DateField(_("enter by"))
    confirmed_at = models.DateTimeField(_("entry confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("NPAIS entry")
        verbose_name_plural = _("NPAIS entries")
        constraints = [
            models.CheckConstraint(
                condition=Q(concern__isnull=False, proceeding__isnull=True)
                | Q(concern__isnull=True, proceeding__isnull=False),
                name="npais_entry_one_event",
            ),
            models.UniqueConstraint(
                fields=["institution", "concern"],
                condition=Q(concern__isnull=False),
                name="npais_entry_once_per_concern",
            ),
            models.UniqueConstraint(
                fields=["institution", "proceeding"],
                condition=Q(proceeding__isnull=False),
                name="npais_entry_once_per_matter",
            ),
            models.CheckConstraint(
                condition=Q(confirmed_at__isnull=True) | Q(confirmed_by__isnull=False),
                name="npais_entry_confirmed_by_someone",
            ),
        ]
        indexes = [models.Index(fields=["municipality", "institution", "due_on"])]

    def __str__(self) -> str:
        return f"{_('NPAIS entry')} #{self.pk}"

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.municipality_id}
