from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from sargs.organisations.models import Municipality

from .models import LegalBasis, RequesterRelation


class RequestForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.none()
    )
    requester_name = forms.CharField(label=_("Who asked"), max_length=200)
    requester_relation = forms.ChoiceField(
        label=_("Relation to the people asked about"), choices=RequesterRelation.choices
    )
    legal_basis = forms.ChoiceField(label=_("Legal basis"), choices=LegalBasis.choices)
    received_on = forms.DateField(label=_("Received on"), help_text=_("dd.mm.yyyy"))
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("How the request came in and how the requester's identity was checked."),
    )

    def __init__(self, *args: Any, municipalities: QuerySet[Municipality], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        field.queryset = municipalities  # type: ignore[attr-defined]
        only = list(municipalities[:2])
        if len(only) == 1:
            field.initial = only[0]
            field.widget = forms.HiddenInput()


class PersonLookupForm(forms.Form):
    personal_code = forms.CharField(
        label=_("Personal code"),
        max_length=12,
        help_text=_("The exact code of the child or the parent (e.g. 010112-20011)."),
    )


class CorrectionForm(forms.Form):
    field = forms.ChoiceField(label=_("Field to correct"))
    new_value = forms.CharField(
        label=_("Correct value"),
        max_length=100,
        help_text=_("A date as dd.mm.yyyy; the sex as Female or Male in the page's language."),
    )

    def __init__(self, *args: Any, fields: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = fields  # type: ignore[attr-defined]
