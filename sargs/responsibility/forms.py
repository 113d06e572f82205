from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sargs.organisations.models import Municipality

from .models import CostBasis

DATE_HELP = _("dd.mm.yyyy")


def _choose_municipality(
    form: forms.Form, name: str, municipalities: QuerySet[Municipality]
) -> None:
    """Offer the user's municipalities; with only one, it is chosen silently."""
    field = form.fields[name]
    field.queryset = municipalities  # type: ignore[attr-defined]
    only = list(municipalities[:2])
    if len(only) == 1:
        field.initial = only[0]
        field.required = False
        field.widget = forms.HiddenInput()
        form.sole_municipality = only[0]  # type: ignore[attr-defined]


class DisputeForm(forms.Form):
    # Required by the service, which gives the message; the form only carries the text.
    reason = forms.CharField(
        label=_("Reason for the dispute"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ResubmitForm(forms.Form):
    comment = forms.CharField(
        label=_("Answer to the dispute"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CostClaimForm(forms.Form):
    """A POST form: the child's name and personal code never travel in a URL. The payer is not
    chosen: the BTAL 67 engine names it from where the child lives."""

    claimant_municipality = forms.ModelChoiceField(
        label=_("Claimant municipality"), queryset=Municipality.objects.none()
    )
    child_first_name = forms.CharField(label=_("Child's first name"), max_length=100)
    child_last_name = forms.CharField(label=_("Child's last name"), max_length=100)
    child_birth_date = forms.DateField(
        label=_("Child's birth date"), required=False, help_text=DATE_HELP
    )
    personal_code = forms.CharField(
        label=_("Child's personal code"),
        required=False,
        max_length=20,
        help_text=_("If you know it; it can be added later."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    residence_municipality = forms.ModelChoiceField(
        label=_("Municipality where the child lives"),
        queryset=Municipality.objects.none(),
        required=False,
        help_text=_("The claim goes to the municipality responsible for the child (BTAL 67)."),
    )
    basis = forms.ChoiceField(label=_("Basis"), choices=CostBasis.choices)
    description = forms.CharField(
        label=_("What was provided"), widget=forms.Textarea(attrs={"rows": 3})
    )
    period_from = forms.DateField(label=_("Period from"), help_text=DATE_HELP)
    period_to = forms.DateField(label=_("Period to"), help_text=DATE_HELP)
    amount = forms.DecimalField(
        label=_("Amount (EUR)"), max_digits=12, decimal_places=2, min_value=0.01
    )
    invoice = forms.FileField(
        label=_("Invoice (PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )

    def __init__(self, *args: Any, municipalities: QuerySet[Municipality], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choose_municipality(self, "claimant_municipality", municipalities)
        self.fields["residence_municipality"].queryset = (  # type: ignore[attr-defined]
            Municipality.objects.current().order_by("name")
        )

    def clean_claimant_municipality(self) -> Municipality | None:
        chosen = self.cleaned_data.get("claimant_municipality")
        return chosen or getattr(self, "sole_municipality", None)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_from"), data.get("period_to")
        if start and end and end < start:
            self.add_error("period_to", _("The period must not end before it begins."))
        return data


class AnswerForm(forms.Form):
    """The claimant's answer to a dispute: text (the service requires it), a new amount and the
    invoice, both optional."""

    answer = forms.CharField(
        label=_("Answer to the dispute"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    amount = forms.DecimalField(
        label=_("New amount (EUR)"),
        required=False,
        max_digits=12,
        decimal_places=2,
        min_value=0.01,
        help_text=_("Leave empty to keep the amount."),
    )
    invoice = forms.FileField(
        label=_("Invoice (PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )


class CodeForm(forms.Form):
    personal_code = forms.CharField(
        label=_("Child's personal code"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class TotalsForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), required=False, queryset=Municipality.objects.none()
    )

    def __init__(self, *args: Any, municipalities: QuerySet[Municipality], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year
        _choose_municipality(self, "municipality", municipalities)
        self.fields["municipality"].required = False
        self.first_municipality = next(iter(municipalities), None)

    def chosen(self) -> tuple[int, Municipality | None]:
        if self.is_valid():
            return (
                self.cleaned_data["year"],
                self.cleaned_data.get("municipality") or self.first_municipality,
            )
        return timezone.localdate().year, self.first_municipality
