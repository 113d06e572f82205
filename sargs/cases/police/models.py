"""The police's records on a case: an assessment of grounds for proceedings with its result,
and juvenile prevention work (preventive registration, talks). Seen by the case team and the
police, never by schools or providers (access.py)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sargs.organisations.models import Institution


class ProceedingsResult(models.TextChoices):
    STARTED = "started", _("Proceedings started")
    NOT_STARTED = "not_started", _("Proceedings not started")


class ProceedingsKind(models.TextChoices):
    CRIMINAL = "criminal", _("Criminal proceedings")
    ADMINISTRATIVE = "administrative", _("Administrative offence proceedings")


class PoliceAssessment(models.Model):
    """Whether there are grounds to start criminal or administrative proceedings, and what
    followed: started (kind and number) or not started (the reason)."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="police_assessments"
    )
    police = models.ForeignKey(
        Institution, verbose_name=_("police"), on_delete=models.PROTECT, related_name="+"
    )
    assessed_on = models.DateField(_("assessed on"))
    assessment = models.TextField(_("assessment of the grounds"))
    result = models.CharField(_("result"), max_length=12, choices=ProceedingsResult.choices)
    proceedings_kind = models.CharField(
        _("kind of proceedings"), max_length=16, choices=ProceedingsKind.choices, blank=True
    )
    proceedings_number = models.CharField(_("proceedings No."), max_length=50, blank=True)
    not_started_reason = models.TextField(_("why not started"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-assessed_on", "-pk"]
        verbose_name = _("police assessment")
        verbose_name_plural = _("police assessments")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(result="started")
                    & ~Q(proceedings_kind="")
                    & ~Q(proceedings_number="")
                    & Q(not_started_reason="")
                )
                | (
                    Q(result="not_started")
                    & Q(proceedings_kind="")
                    & Q(proceedings_number="")
                    & ~Q(not_started_reason="")
                ),
                name="police_assessment_result_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('police assessment')} #{self.pk}"

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.case.municipality_id}


class PreventionKind(models.TextChoices):
    REGISTRATION = "registration", _("Preventive registration")
    TALK = "talk", _("Preventive talk")


class PreventionWork(models.Model):
    """One piece of juvenile prevention work with a child of the case."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="prevention_work")
    child = models.ForeignKey(
        "registry.Child", verbose_name=_("child"), on_delete=models.PROTECT, related_name="+"
    )
    police = models.ForeignKey(
        Institution, verbose_name=_("police"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=PreventionKind.choices)
    held_on = models.DateField(_("date"))
    note = models.TextField(_("note"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("prevention work")
        verbose_name_plural = _("prevention work")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on:%d.%m.%Y}"

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.case.municipality_id}
