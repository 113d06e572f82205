"""Form pieces every page shares (issue 18, point 8).

Dates: a text input that takes ``dd.mm.yyyy`` as typed (``inputmode="numeric"`` brings up the
phone's number keys) rather than ``<input type="date">``, which shows the browser's own locale
format and submits ISO. The server accepts both ``dd.mm.yyyy`` and ISO (``DATE_INPUT_FORMATS``
in config/formats), so a pasted ISO date works too. ``static/js/dates.js`` adds a calendar
button beside it; without JavaScript the typed date is all there is, and enough. The widget
is every ``DateField``'s default, set once when the app loads (``CoreConfig.ready``).

Choices: a required select with one possible answer (the municipality's only orphan's court)
comes preselected (``PreselectSingleChoice``) instead of asking the user to pick the obvious.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

DATE_PATTERN = r"\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2}"


class DateInput(forms.DateInput):
    """``dd.mm.yyyy`` typed into a text box; a calendar only as an enhancement."""

    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None, format: str | None = None) -> None:
        defaults = {
            "inputmode": "numeric",
            "pattern": DATE_PATTERN,
            "placeholder": _("dd.mm.yyyy"),
            "autocomplete": "off",
            "size": "10",
            "data-date-input": "",
            "data-picker-label": _("Choose from the calendar"),
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format=format or "%d.%m.%Y")


def use_date_input() -> None:
    """Make ``DateInput`` the widget of every ``DateField`` declared from now on, and its
    message for a date it cannot read say how to write one."""
    forms.DateField.widget = DateInput
    forms.DateField.default_error_messages = {
        **forms.DateField.default_error_messages,
        "invalid": _("Enter the date as dd.mm.yyyy, for example 05.03.2026."),
    }


class PreselectSingleChoice:
    """A form mixin: a required model choice with exactly one possible answer starts with it
    chosen and without the empty "---------" line. Applied when the field is shown (after the
    form's own ``__init__`` narrowed the queryset), so the form may set querysets as usual."""

    def get_initial_for_field(self, field: forms.Field, field_name: str) -> Any:
        value = super().get_initial_for_field(field, field_name)  # type: ignore[misc]
        if value not in (None, "") or not field.required:
            return value
        if not isinstance(field, forms.ModelChoiceField) or field.queryset is None:
            return value
        only = list(field.queryset[:2])
        if len(only) != 1:
            return value
        field.empty_label = None
        return only[0].pk
