from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry

ACTIONS = [
    ("", _("All actions")),
    (str(AuditEntry.Action.ACCESS), _("Viewed")),
    (str(AuditEntry.Action.CREATE), _("Created")),
    (str(AuditEntry.Action.UPDATE), _("Changed")),
    (str(AuditEntry.Action.DELETE), _("Deleted")),
]


class AuditSearchForm(forms.Form):
    actor = forms.CharField(label=_("Username"), required=False, max_length=150)
    action = forms.ChoiceField(label=_("Action"), required=False, choices=ACTIONS)
    object_type = forms.CharField(
        label=_("Record type"), required=False, help_text=_("For example registry.child")
    )
    object_pk = forms.CharField(label=_("Record number"), required=False, max_length=40)
    date_from = forms.DateField(label=_("From"), required=False, help_text=_("dd.mm.yyyy"))
    date_to = forms.DateField(label=_("To"), required=False, help_text=_("dd.mm.yyyy"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end date must not be before the start date."))
        return data
