"""The audit search form. It is sent by POST: a child's personal code must never travel in a URL
(and so never land in a proxy's access log or the browser's history)."""

from __future__ import annotations

import re
from typing import Any

from auditlog.registry import auditlog
from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import AuditEntry

ACTIONS = [
    ("", _("All actions")),
    (str(AuditEntry.Action.ACCESS), _("Viewed")),
    (str(AuditEntry.Action.CREATE), _("Created")),
    (str(AuditEntry.Action.UPDATE), _("Changed")),
    (str(AuditEntry.Action.DELETE), _("Deleted")),
]
CODE_SHAPE = re.compile(r"^[0-3]\d{5}-?\d{5}$")


def record_type_choices() -> list[tuple[str, str]]:
    """Every audited model by its name in the user's language, value ``app_label.model``."""
    models = sorted(
        auditlog.get_models(), key=lambda m: str(capfirst(m._meta.verbose_name)).casefold()
    )
    return [("", str(_("All record types")))] + [
        (m._meta.label_lower, str(capfirst(m._meta.verbose_name))) for m in models
    ]


class AuditSearchForm(forms.Form):
    name = forms.CharField(
        label=_("Child's name"), required=False, max_length=100, help_text=_("First or last name")
    )
    personal_code = forms.CharField(
        label=_("Child's personal code"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    actor = forms.CharField(label=_("Username"), required=False, max_length=150)
    action = forms.ChoiceField(label=_("Action"), required=False, choices=ACTIONS)
    object_type = forms.ChoiceField(
        label=pgettext_lazy("audit", "Record type"), required=False, choices=()
    )
    date_from = forms.DateField(label=_("From"), required=False, help_text=_("dd.mm.yyyy"))
    date_to = forms.DateField(label=_("To"), required=False, help_text=_("dd.mm.yyyy"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["object_type"].choices = record_type_choices()  # type: ignore[attr-defined]

    def clean_personal_code(self) -> str:
        code = "".join(self.cleaned_data.get("personal_code", "").split())
        if code and not CODE_SHAPE.match(code):
            raise forms.ValidationError(_("A personal code has 11 digits, e.g. 010203-12345."))
        return code.replace("-", "")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end date must not be before the start date."))
        return data

    @property
    def about_a_person(self) -> bool:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return bool(data.get("name") or data.get("personal_code"))
