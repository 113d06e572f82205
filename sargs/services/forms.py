"""Forms check shape only; the services check the rules and give the messages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from sargs.organisations.models import Institution, Municipality, User
from sargs.organisations.roles import Role

from .models import CrisisTeamMember, Education, MunicipalService, Profession, ServiceType, Unit

DATE_HELP = _("dd.mm.yyyy")
DATETIME_HELP = _("dd.mm.yyyy hh:mm")
REFERRING_ROLE_CHOICES = [
    (r.value, r.label)
    for r in (
        Role.SOCIAL_WORKER,
        Role.COORDINATOR,
        Role.ORPHANS_COURT_MEMBER,
        Role.FAMILY_ASSISTANT,
        Role.EDUCATION_SPECIALIST,
        Role.POLICE_OFFICER,
    )
]


def _choose_municipality(form: forms.Form, municipalities: QuerySet[Municipality]) -> None:
    """Offer the user's municipalities; with only one, it is chosen silently."""
    field = form.fields["municipality"]
    field.queryset = municipalities  # type: ignore[attr-defined]
    only = list(municipalities[:2])
    if len(only) == 1:
        field.initial = only[0]
        field.required = False
        field.widget = forms.HiddenInput()
        form.sole_municipality = only[0]  # type: ignore[attr-defined]


class _MunicipalityForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.none()
    )

    def __init__(self, *args: Any, municipalities: QuerySet[Municipality], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choose_municipality(self, municipalities)

    def clean_municipality(self) -> Municipality | None:
        chosen = self.cleaned_data.get("municipality")
        return chosen or getattr(self, "sole_municipality", None)


class ServiceFieldsForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use the name from the national list."),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    target_group = forms.CharField(
        label=_("Target group"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    referring_roles = forms.MultipleChoiceField(
        label=_("Who may refer"),
        choices=REFERRING_ROLE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        initial=[Role.SOCIAL_WORKER.value, Role.COORDINATOR.value],
    )


class MunicipalServiceCreateForm(_MunicipalityForm, ServiceFieldsForm):
    service_type = forms.ModelChoiceField(
        label=_("Service type (national list)"), queryset=ServiceType.objects.none()
    )

    def __init__(self, *args: Any, service_types: QuerySet[ServiceType], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service_type"].queryset = service_types  # type: ignore[attr-defined]
        self.order_fields(["municipality", "service_type", "name"])


class MunicipalServiceEditForm(ServiceFieldsForm):
    is_active = forms.BooleanField(label=_("Offered"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].required = True
        self.fields["name"].help_text = ""


class ProviderContractForm(forms.Form):
    provider = forms.ModelChoiceField(label=_("Provider"), queryset=Institution.objects.none())
    reference = forms.CharField(label=_("Contract number"), max_length=60, required=False)
    valid_from = forms.DateField(label=_("Valid from"), help_text=DATE_HELP)
    valid_to = forms.DateField(label=_("Valid to"), help_text=DATE_HELP, required=False)
    unit = forms.ChoiceField(label=_("Unit"), choices=Unit.choices)
    unit_price = forms.DecimalField(
        label=_("Price per unit (EUR)"), max_digits=12, decimal_places=2, min_value=0
    )
    capacity = forms.IntegerField(
        label=_("Capacity (families at once)"), min_value=0, max_value=100000
    )
    service_area = forms.ModelMultipleChoiceField(
        label=_("Service area"),
        queryset=Municipality.objects.current(),
        required=False,
        help_text=_("Municipalities the provider serves; empty means the service's own."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, providers: QuerySet[Institution], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers  # type: ignore[attr-defined]


class ProviderContractCreateForm(ProviderContractForm):
    service = forms.ModelChoiceField(label=_("Service"), queryset=MunicipalService.objects.none())

    def __init__(self, *args: Any, services: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services  # type: ignore[attr-defined]
        self.order_fields(["service", "provider"])


class QualificationForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Staff member"), queryset=User.objects.none())
    education = forms.ChoiceField(label=_("Education"), choices=Education.choices)
    institution_name = forms.CharField(label=_("School"), max_length=200, required=False)
    programme = forms.CharField(label=_("Study programme"), max_length=200, required=False)
    completed_on = forms.DateField(label=_("Completed on"), help_text=DATE_HELP, required=False)

    def __init__(self, *args: Any, staff: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = staff  # type: ignore[attr-defined]


class CrisisTeamForm(_MunicipalityForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    provider = forms.ModelChoiceField(label=_("Provider"), queryset=Institution.objects.none())
    phone = forms.CharField(label=_("On-call phone"), max_length=30, required=False)

    def __init__(self, *args: Any, providers: QuerySet[Institution], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers  # type: ignore[attr-defined]


class CrisisTeamMemberForm(forms.Form):
    profession = forms.ChoiceField(label=_("Profession"), choices=Profession.choices)
    user = forms.ModelChoiceField(
        label=_("Sargs user"), queryset=User.objects.none(), required=False
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        required=False,
        help_text=_("For a professional without a Sargs account."),
    )
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)

    def __init__(self, *args: Any, users: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users  # type: ignore[attr-defined]


class OnCallShiftForm(forms.Form):
    member = forms.ModelChoiceField(label=_("On call"), queryset=CrisisTeamMember.objects.none())
    starts_at = forms.DateTimeField(label=_("Starts at"), help_text=DATETIME_HELP)
    ends_at = forms.DateTimeField(label=_("Ends at"), help_text=DATETIME_HELP)

    def __init__(self, *args: Any, members: QuerySet[CrisisTeamMember], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members  # type: ignore[attr-defined]


class CapacityFilterForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.none(), required=False
    )

    def __init__(self, *args: Any, municipalities: QuerySet[Municipality], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities  # type: ignore[attr-defined]
