"""Forms for concerns: shape only; the services check the rules and give the messages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from sargs.cases.casework.forms import DATE_HELP, textarea
from sargs.organisations.models import Institution, Municipality
from sargs.registry.models import Child, Sex

from .models import ConcernCategory, ConcernPlace


class ConcernForm(forms.Form):
    """A POST form: the child's name and personal code never travel in a URL."""

    reporting_institution = forms.ModelChoiceField(
        label=_("Reporting institution"), queryset=Institution.objects.none()
    )
    child_first_name = forms.CharField(label=_("Child's first name"), max_length=100)
    child_last_name = forms.CharField(label=_("Child's last name"), max_length=100)
    child_birth_date = forms.DateField(
        label=_("Child's birth date"), required=False, help_text=DATE_HELP
    )
    child_personal_code = forms.CharField(
        label=_("Child's personal code"),
        required=False,
        max_length=20,
        help_text=_("If you know it."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    categories = forms.MultipleChoiceField(
        label=_("What is the concern about"),
        choices=ConcernCategory.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    description = forms.CharField(label=_("What was seen or heard"), widget=textarea(5))
    observed_on = forms.DateField(label=_("When"), help_text=DATE_HELP)
    place = forms.ChoiceField(label=_("Where"), choices=ConcernPlace.choices)
    place_detail = forms.CharField(label=_("Place details"), required=False, max_length=200)
    observed_by = forms.CharField(
        label=_("Who saw it"), max_length=200, help_text=_("E.g. the class teacher.")
    )
    residence_municipality = forms.ModelChoiceField(
        label=_("Municipality where the child lives"),
        required=False,
        queryset=Municipality.objects.none(),
        help_text=_(
            "If you know it. When the child is in danger, this municipality is alerted too: "
            "it is responsible for the child (BTAL 67)."
        ),
    )
    residence_address = forms.CharField(
        label=_("Address where the child lives"),
        required=False,
        max_length=200,
        help_text=_("If you know it."),
    )
    danger_to_life = forms.BooleanField(
        label=_("The child's life or health is in danger now"),
        required=False,
        help_text=_("The social service and the orphan's court are alerted at once."),
    )

    def __init__(self, *args: Any, institutions: QuerySet[Institution], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["residence_municipality"].queryset = (  # type: ignore[attr-defined]
            Municipality.objects.current().order_by("name")
        )
        field = self.fields["reporting_institution"]
        field.queryset = institutions  # type: ignore[attr-defined]
        only = list(institutions[:2])
        if len(only) == 1:
            field.initial = only[0]
            field.widget = forms.HiddenInput()


class AcceptForm(forms.Form):
    child = forms.ModelChoiceField(
        label=_("The child in the registry"),
        queryset=Child.objects.none(),
        widget=forms.RadioSelect,
    )
    # Shown only when the family's case was closed (issue 15, point 4).
    earlier = forms.ChoiceField(
        label=_("The family's earlier case"),
        choices=[
            ("new", _("Open a new case linked to the earlier one")),
            ("reopen", _("Reopen the earlier case")),
        ],
        initial="new",
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["child"]
        field.queryset = Child.objects.filter(pk__in=[c.pk for c in candidates])  # type: ignore[attr-defined]
        field.label_from_instance = lambda c: (  # type: ignore[attr-defined]
            f"{c.full_name}, {c.birth_date:%d.%m.%Y}, {c.personal_code_masked}"
        )


class RegisterAcceptForm(forms.Form):
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices)
