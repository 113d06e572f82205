"""Form pieces every page shares (issue 18, point 8).

Dates: a text input that takes ``dd.mm.yyyy`` as typed (``inputmode="numeric"`` brings up the
phone's number keys) rather than ``<input type="date">``, which shows the browser's own locale
format and submits ISO. The server accepts both ``dd.mm.yyyy`` and ISO (``DATE_INPUT_FORMATS``
in config/formats), so a pasted ISO date works too. ``static/js/dates.js`` adds a calendar
button beside it; without JavaScript the typed date is all there is, and enough. The widget
is every ``DateField``'s default, set once when the app loads (``CoreConfig.ready``).

Numbers with decimals (money, indicator values): a text input with ``inputmode="decimal"``
rather than ``<input type="number">``, which refuses a typed comma in some browsers and
languages. The field reads a number as people write it here: "1 234,56", "1234.56",
"1,234.56" (the last separator is the decimal one), and shows a stored number in the page's
language ("1234,56" in Latvian). Set once for every form ``DecimalField`` (``use_decimal_input``);
the API keeps JSON numbers.

Choices: a required select with one possible answer (the municipality's only orphan's court)
comes preselected (``PreselectSingleChoice``) instead of asking the user to pick the obvious.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils import formats
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


#: Spaces people and the Latvian number format put between thousands, and the euro sign.
_IGNORED_IN_NUMBERS = str.maketrans("", "", " \u00a0\u202f\u2009€")


def decimal_text(text: str) -> str:
    """A typed number with one ``.`` as decimal separator, or the text unchanged when it
    cannot be read as one (the field then says how to write it)."""
    cleaned = text.strip().translate(_IGNORED_IN_NUMBERS)
    if "," in cleaned and "." in cleaned:
        decimal = max(cleaned.rfind(","), cleaned.rfind("."))
        whole, fraction = cleaned[:decimal], cleaned[decimal + 1 :]
        cleaned = whole.replace(",", "").replace(".", "") + "." + fraction
    elif cleaned.count(",") == 1:
        cleaned = cleaned.replace(",", ".")
    try:
        Decimal(cleaned)
    except InvalidOperation:
        return text
    return cleaned


class DecimalInput(forms.TextInput):
    """A number typed with a comma or a point; the phone shows its number keys."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, Decimal | float):
            return formats.localize_input(value)
        return super().format_value(value)


def use_decimal_input() -> None:
    """Make ``DecimalInput`` the widget of every form ``DecimalField`` declared from now on, and
    the field read a number written with a decimal comma."""
    real_to_python = forms.DecimalField.to_python

    def to_python(self: forms.DecimalField, value: Any) -> Decimal | None:
        if isinstance(value, str):
            value = decimal_text(value)
        return real_to_python(self, value)

    forms.DecimalField.widget = DecimalInput
    forms.DecimalField.to_python = to_python  # type: ignore[method-assign]
    forms.DecimalField.default_error_messages = {
        **forms.DecimalField.default_error_messages,
        "invalid": _("Enter a number, for example 1 234,56."),
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
