from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sargs.organisations.models import Institution, Municipality

from . import personal_codes
from .models import (
    CustodyStatus,
    Household,
    LegalRepresentative,
    RepresentativeRole,
    ResidenceKind,
    Sex,
    SuspensionGround,
)

DATE_HELP = _("dd.mm.yyyy")


def _date(label: Any, *, required: bool = False, help_text: Any = DATE_HELP) -> forms.DateField:
    return forms.DateField(label=label, required=required, help_text=help_text)


def _municipality_field(label: Any, *, required: bool) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=label, required=required, queryset=Municipality.objects.order_by("name")
    )


def _set_municipalities(form: forms.Form, municipalities: QuerySet[Municipality]) -> None:
    """Offer the user's registry municipalities; with only one, it is chosen silently."""
    field = form.fields["municipality"]
    field.queryset = municipalities  # type: ignore[attr-defined]
    only = list(municipalities[:2])
    if len(only) == 1:
        field.initial = only[0]
        field.required = False
        field.widget = forms.HiddenInput()
        form.sole_municipality = only[0]  # type: ignore[attr-defined]


class MunicipalityDefaultMixin(forms.Form):
    def clean_municipality(self) -> Municipality | None:
        chosen = self.cleaned_data.get("municipality")
        return chosen or getattr(self, "sole_municipality", None)


class PersonalCodeMixin(forms.Form):
    """Checks the personal code and the birth date together (old codes carry the date)."""

    birth_date_required = True

    def clean_personal_code(self) -> str:
        value = self.cleaned_data.get("personal_code", "").strip()
        if not value:
            return ""
        return personal_codes.parse(value).code

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        code, born = data.get("personal_code"), data.get("birth_date")
        if code:
            try:
                data["birth_date"] = personal_codes.birth_date_for(code, born)
            except ValidationError as error:
                self.add_error(None, error)
        elif not born and self.birth_date_required and "birth_date" not in self.errors:
            self.add_error("birth_date", _("Enter the birth date."))
        return data


class ChildSearchForm(forms.Form):
    name = forms.CharField(label=pgettext_lazy("person", "Name"), required=False, max_length=100)
    personal_code = forms.CharField(
        label=_("Personal code"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    birth_date = _date(_("Birth date"))

    def clean_personal_code(self) -> str:
        return personal_codes.compact(self.cleaned_data.get("personal_code", ""))


class ChildForm(PersonalCodeMixin):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    personal_code = forms.CharField(
        label=_("Personal code"),
        required=False,
        max_length=20,
        help_text=_("E.g. 010203-12345 or 32xxxx-xxxxx."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    birth_date = _date(
        _("Birth date"),
        help_text=_("dd.mm.yyyy; may be left out when an old-format personal code gives it."),
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices)
    household = forms.ModelChoiceField(
        label=_("Household"), required=False, queryset=Household.objects.none()
    )
    school = forms.ModelChoiceField(
        label=_("School or kindergarten"), required=False, queryset=Institution.objects.none()
    )
    has_disability = forms.BooleanField(label=_("Disability"), required=False)
    disability_note = forms.CharField(
        label=_("Disability note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(
        self,
        *args: Any,
        households: QuerySet[Household],
        schools: QuerySet[Institution],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["household"].queryset = households  # type: ignore[attr-defined]
        self.fields["school"].queryset = schools  # type: ignore[attr-defined]


class ChildCreateForm(MunicipalityDefaultMixin, ChildForm):
    municipality = forms.ModelChoiceField(
        label=_("Municipality keeping the record"), queryset=Municipality.objects.none()
    )
    declared_municipality = _municipality_field(_("Declared residence"), required=False)
    declared_address = forms.CharField(label=_("Declared address"), required=False, max_length=250)
    declared_from = _date(_("Declared since"))

    field_order = ["municipality"]

    def __init__(self, *args: Any, municipalities: QuerySet[Municipality], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_municipalities(self, municipalities)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("declared_municipality") and not data.get("declared_from"):
            data["declared_from"] = data.get("birth_date")
        if data.get("declared_address") and not data.get("declared_municipality"):
            self.add_error("declared_municipality", _("Choose the municipality of the address."))
        return data


class RepresentativeForm(PersonalCodeMixin):
    birth_date_required = False

    role = forms.ChoiceField(label=_("Role"), choices=RepresentativeRole.choices)
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    personal_code = forms.CharField(
        label=_("Personal code"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    birth_date = _date(_("Birth date"))
    lives_with_child = forms.BooleanField(label=_("The child lives with them"), required=False)
    declared_municipality = _municipality_field(_("Declared residence"), required=False)
    declared_address = forms.CharField(label=_("Declared address"), required=False, max_length=250)
    declared_from = _date(_("Declared since"))
    actual_municipality = _municipality_field(_("Actual residence"), required=False)
    actual_address = forms.CharField(label=_("Actual address"), required=False, max_length=250)
    actual_from = _date(_("Living there since"))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for kind in ("declared", "actual"):
            if data.get(f"{kind}_municipality") and not data.get(f"{kind}_from"):
                self.add_error(f"{kind}_from", _("Enter the date the residence began."))
        return data


class ResidenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ResidenceKind.choices)
    municipality = _municipality_field(_("Municipality"), required=True)
    address = forms.CharField(label=_("Address"), required=False, max_length=250)
    valid_from = _date(_("From"), required=True)
    valid_to = _date(_("To"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("The end date must not be before the start date."))
        return data


class CustodyForm(forms.Form):
    """Custody history from before Sargs; later decisions go through the court's matter."""

    status = forms.ChoiceField(label=_("Custody"), choices=CustodyStatus.choices)
    effective_from = _date(_("In effect from"), required=True)
    decision_number = forms.CharField(
        label=_("Decision or judgment No."), required=False, max_length=50
    )
    decided_by = forms.CharField(label=_("Decided by"), required=False, max_length=200)
    grounds = forms.ChoiceField(
        label=_("Grounds (Civil Law 203)"),
        required=False,
        choices=[("", _("– only when custody is suspended –")), *SuspensionGround.choices],
    )
    note = forms.CharField(
        label=_("Where this history comes from"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("E.g. the orphan's court's paper file No. …, seen on …"),
    )


class HouseholdForm(MunicipalityDefaultMixin, forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality keeping the record"), queryset=Municipality.objects.none()
    )
    name = forms.CharField(label=_("Name"), max_length=200, help_text=_("E.g. “Bērziņu ģimene”."))
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, municipalities: QuerySet[Municipality], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_municipalities(self, municipalities)


class AsOfForm(forms.Form):
    as_of = _date(_("As of"))

    def day(self, default: datetime.date) -> datetime.date:
        return (self.cleaned_data.get("as_of") if self.is_valid() else None) or default


class RepresentativeLinkForm(forms.Form):
    """Link a parent already recorded in the child's household (a brother's or sister's)."""

    representative = forms.ModelChoiceField(
        label=_("Adult of the household"), queryset=LegalRepresentative.objects.none()
    )
    role = forms.ChoiceField(label=_("Role"), choices=RepresentativeRole.choices)
    lives_with_child = forms.BooleanField(label=_("The child lives with them"), required=False)

    def __init__(self, *args: Any, adults: QuerySet[LegalRepresentative], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["representative"].queryset = adults  # type: ignore[attr-defined]
