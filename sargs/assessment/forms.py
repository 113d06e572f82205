"""Forms of the collection pages. They check shape only; the services check the rules."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sargs.core.forms import add_service_errors
from sargs.core.versioning import StaleEdit, revision_field

from .models import IndicatorDefinition, ValueState
from .selectors import CellInfo, Key, Value, cells_for, parts_mismatches


class PeriodForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    semester = forms.TypedChoiceField(
        label=_("Period"),
        coerce=int,
        choices=[
            (0, _("Whole year")),
            (1, _("1st semester of the school year (September–December), for E2")),
            (2, _("2nd semester of the school year (January–June), for E2")),
        ],
    )
    opens_on = forms.DateField(
        label=_("Collection opens"),
        required=False,
        help_text=_("dd.mm.yyyy; empty: the first working day after the period ends."),
    )
    deadline = forms.DateField(
        label=_("Deadline"),
        required=False,
        help_text=_("dd.mm.yyyy; empty: 1 February for a year, 20 working days after a semester."),
    )


class WindowForm(forms.Form):
    """When a period's collection opens and when it is due."""

    opens_on = forms.DateField(label=_("Collection opens"), help_text=_("dd.mm.yyyy"))
    deadline = forms.DateField(label=_("Deadline"), help_text=_("dd.mm.yyyy"))


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What should the institution correct?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Why must the approved data change?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Filled Excel template (.xlsx)"),
        help_text=_(
            "Download the template with the link “Download the Excel template” above, fill in "
            "its “Value” column and choose the saved file here."
        ),
    )


STATE_CHOICES = [
    (ValueState.NUMBER.value, _("number")),
    (ValueState.NOT_REPORTED.value, _("not reported")),
    (ValueState.NOT_APPLICABLE.value, _("not applicable")),
]


def parse_amount(text: str) -> Decimal | None:
    """A number as people type it: "12", "12,50", "1 234.5"; None when it is not one."""
    cleaned = text.replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


class IndicatorValuesForm(forms.Form):
    """One indicator's cells: for each, a state and (for a number) the amount."""

    def __init__(
        self,
        *args: Any,
        definition: IndicatorDefinition,
        values: dict[Key, Value],
        revision: int = 0,
        disabled: bool = False,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("prefix", definition.indicator.code)
        super().__init__(*args, **kwargs)
        self.definition = definition
        self.stored = {cell: v for (pk, cell), v in values.items() if pk == definition.pk}
        # Parts that do not add up to their total, as stored: flagged before submission.
        self.mismatches = parts_mismatches(definition, values)
        self.cells: list[CellInfo] = cells_for([definition])
        # "Theirs beside yours" after a save refused because someone saved meanwhile.
        self.compared: list[dict[str, str]] = []
        # The submission's revision and each cell as shown: a save over someone else's later
        # one keeps the cells they changed and the user did not (core.versioning).
        self.fields["revision"] = revision_field()
        self.fields["revision"].initial = revision
        for info in self.cells:
            state, amount = values.get((definition.pk, info.cell), ("", None))
            self.fields[f"{info.cell}__was"] = forms.CharField(
                required=False, widget=forms.HiddenInput, initial=_encoded((state, amount))
            )
            label = info.measure + (f" – {info.part}" if info.part else "")
            self.fields[f"{info.cell}__state"] = forms.ChoiceField(
                label=_("%(cell)s: kind of value") % {"cell": label},
                choices=STATE_CHOICES,
                initial=state or ValueState.NUMBER.value,
                disabled=disabled,
            )
            self.fields[f"{info.cell}__amount"] = forms.CharField(
                label=label,
                required=False,
                initial="" if amount is None else _plain(amount, info.unit),
                disabled=disabled,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 10}),
            )

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "info": info,
                "state": self[f"{info.cell}__state"],
                "amount": self[f"{info.cell}__amount"],
                "shown": _shown(*self.stored.get(info.cell, ("", None)), unit=info.unit),
            }
            for info in self.cells
        ]

    def values(self) -> dict[Key, Value] | None:
        """The cells as the service takes them; None (with errors) when a number is garbled.
        A number cell left empty clears the cell (it then counts as missing)."""
        result: dict[Key, Value] = {}
        for info in self.cells:
            state = self.cleaned_data[f"{info.cell}__state"]
            text = self.cleaned_data[f"{info.cell}__amount"].strip()
            if state != ValueState.NUMBER:
                result[(self.definition.pk, info.cell)] = (state, None)
            elif not text:
                result[(self.definition.pk, info.cell)] = ("", None)
            else:
                amount = parse_amount(text)
                if amount is None:
                    self.add_error(
                        f"{info.cell}__amount",
                        _("%(cell)s: “%(text)s” is not a number.")
                        % {"cell": info.label, "text": text},
                    )
                    continue
                result[(self.definition.pk, info.cell)] = (state, amount)
        return None if self.errors else result

    def save_kwargs(self) -> dict[str, Any]:
        """The revision and the cells as the form showed them, for ``save_values``."""
        shown: dict[Key, Value] = {}
        for info in self.cells:
            value = _decoded(self.cleaned_data.get(f"{info.cell}__was") or "")
            if value is not None:
                shown[(self.definition.pk, info.cell)] = value
        return {"based_on": self.cleaned_data.get("revision"), "shown": shown}

    def refused(self, stale: StaleEdit, yours: dict[Key, Value]) -> None:
        """After a stale save: the message, the cells someone else changed beside the user's,
        and the stored revision and values as "shown", so that saving again is knowingly over
        theirs. The user's values stay in the form."""
        add_service_errors(self, stale)
        data = self.data.copy()  # type: ignore[attr-defined]
        data[self.add_prefix("revision")] = str(stale.revision)
        for info in self.cells:
            body = stale.theirs.get(f"{self.definition.indicator.code}:{info.cell}")
            if body is None:
                continue
            amount = body["amount"]
            theirs: Value = (body["state"], None if amount is None else Decimal(amount))
            name = f"{info.cell}__was"
            was = _decoded(self.cleaned_data.get(name) or "") or ("", None)
            mine = yours.get((self.definition.pk, info.cell), ("", None))
            data[self.add_prefix(name)] = _encoded(theirs)
            if theirs != was and theirs != mine:
                self.compared.append(
                    {
                        "label": info.label,
                        "theirs": _shown(*theirs, unit=info.unit),
                        "yours": _shown(*mine, unit=info.unit),
                    }
                )
        self.data = data

    def field_for_error_key(self, key: str) -> str | None:
        """The amount field a service error ("E2:pupils|sex=f") belongs to."""
        code, _sep, cell = key.partition(":")
        if code == self.definition.indicator.code and f"{cell}__amount" in self.fields:
            return f"{cell}__amount"
        return None


def _encoded(value: Value) -> str:
    """A cell for the form's hidden "as shown" field: "number|12", "not_reported|", "|"."""
    state, amount = value
    return f"{state}|{'' if amount is None else amount}"


def _decoded(text: str) -> Value | None:
    """The cell an "as shown" field holds; None when it holds nothing readable."""
    state, sep, amount = text.partition("|")
    if not sep or state not in ("", *ValueState.values):
        return None
    number = parse_amount(amount) if amount else None
    if amount and number is None:
        return None
    return (state, number)


def _plain(amount: Decimal, unit: str) -> str:
    """An amount as the form shows it: counts whole, euros with two decimals."""
    if unit == "count":
        return str(int(amount))
    return f"{amount:.2f}"


def _shown(state: str, amount: Decimal | None, *, unit: str) -> str:
    """A stored cell as read-only text."""
    if state == ValueState.NUMBER and amount is not None:
        return _plain(amount, unit)
    if state:
        return str(ValueState(state).label)
    return "–"
