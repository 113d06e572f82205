"""The crisis intervention team called when a child is removed (issue 16 point 6, domain.md
§8): an urgent removal or a single-member decision of the court's chair prompts the team's
on-call person, and the family's agreement to work with them prompts a rehabilitation plan."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sargs.cases.casework.messages import Template, register_message


class CrisisTrigger(models.TextChoices):
    URGENT_REMOVAL = "urgent_removal", _("Urgent removal of the child (BTAL article 27)")
    CHAIR_ALONE = "chair_alone", _("Single-member decision of the orphan's court's chair")


class CrisisCall(models.Model):
    """One call of the crisis team for a case: who was on call, the task they got, and the
    family's agreement that opens the way to a rehabilitation plan."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="crisis_calls")
    proceeding = models.ForeignKey(
        "cases.Proceeding", on_delete=models.PROTECT, related_name="crisis_calls"
    )
    trigger = models.CharField(_("why"), max_length=20, choices=CrisisTrigger.choices)
    team = models.ForeignKey(
        "services.CrisisTeam",
        verbose_name=_("crisis intervention team"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    on_call = models.ForeignKey(
        "services.CrisisTeamMember",
        verbose_name=_("on call"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    task = models.ForeignKey("cases.Task", on_delete=models.PROTECT, related_name="+")
    family_agreed_on = models.DateField(_("family agreed on"), null=True, blank=True)
    agreement_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    plan_task = models.ForeignKey(
        "cases.Task", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("crisis team call")
        verbose_name_plural = _("crisis team calls")
        constraints = [
            models.UniqueConstraint(fields=["proceeding"], name="crisis_call_once_per_matter"),
            models.CheckConstraint(
                condition=Q(family_agreed_on__isnull=True) | Q(plan_task__isnull=False),
                name="crisis_call_agreement_has_plan_task",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('crisis team call')} #{self.pk}"

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.case.municipality_id}


register_message(
    "crisis_team_task",
    Template(_("Crisis intervention: go to the family now (%(why)s)"), {"why": CrisisTrigger}),
)
register_message(
    "crisis_team_missing_task",
    Template(
        _(
            "Crisis intervention needed (%(why)s), but no crisis team member is on call: "
            "arrange it now"
        ),
        {"why": CrisisTrigger},
    ),
)
register_message(
    "crisis_plan_task",
    Template(
        _(
            "The family agreed to work with the crisis team on %(date)s: draw up the social "
            "rehabilitation plan"
        )
    ),
)
register_message(
    "crisis_family_agreed",
    Template(_("The family agreed to work with the crisis intervention team on %(date)s.")),
)
