"""The trace a handover leaves on cases (docs/adr/0006): which case of the sending municipality
the child left, which case of the receiving municipality took the child up, and when.

Both municipalities keep it: the sender sees that and when the child was transferred (its own,
now closed, case), never the receiving case; the receiver opens the case the child came from,
read-only, to go on with the work.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from sargs.registry.models import Child
from sargs.responsibility.models import Handover

from .models import Case


class CaseTransfer(models.Model):
    handover = models.OneToOneField(
        Handover, verbose_name=_("handover"), on_delete=models.PROTECT, related_name="transfer"
    )
    child = models.ForeignKey(
        Child, verbose_name=_("child"), on_delete=models.PROTECT, related_name="+"
    )
    from_case = models.ForeignKey(
        Case,
        verbose_name=_("case the child left"),
        on_delete=models.PROTECT,
        related_name="transfers_out",
    )
    to_case = models.ForeignKey(
        Case,
        verbose_name=_("case that took the child up"),
        on_delete=models.PROTECT,
        related_name="transfers_in",
    )
    transferred_at = models.DateTimeField(_("transferred at"))
    transferred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("transferred by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The transfer summary as it stood at the handover (see ``transfer_summary``): what the
    # receiver was given, kept unchanged even if the sender's records change later.
    summary = models.JSONField(_("transfer summary"), default=dict)

    class Meta:
        ordering = ["-transferred_at", "-pk"]
        verbose_name = _("case transfer")
        verbose_name_plural = _("case transfers")
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_case=F("to_case")), name="case_transfer_between_two_cases"
            )
        ]

    def __str__(self) -> str:
        return f"{self.from_case_id} → {self.to_case_id}"

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.from_case.municipality_id}
