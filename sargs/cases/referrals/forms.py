"""Forms for referrals: shape only; the services check the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sargs.cases.casework.forms import DATE_HELP, textarea
from sargs.cases.casework.models import Case, SupportArea
from sargs.core.pickers import PickerField
from sargs.organisations.models import Institution, Membership, User
from sargs.organisations.pickers import INSTITUTIONS
from sargs.organisations.roles import Role
from sargs.services.models import MunicipalService, ProviderContract

from .models import OutcomeRating, Referral


def own_institutions(case: Case) -> QuerySet[Institution]:
    """The case's municipality's own institutions: a referral's provider without a contract."""
    return Institution.objects.filter(
        municipality_id=case.municipality_id, is_active=True
    ).order_by("name")


class ReferralForm(forms.Form):
    service = forms.ModelChoiceField(label=_("Service"), queryset=MunicipalService.objects.none())
    contract = forms.ModelChoiceField(
        label=_("Provider under contract"),
        required=False,
        queryset=ProviderContract.objects.none(),
    )
    provider = PickerField(
        label=_("Or: provider (the municipality's own institution)"),
        required=False,
        kind=INSTITUTIONS,
    )
    planned_from = forms.DateField(label=_("From"), help_text=DATE_HELP)
    planned_to = forms.DateField(label=_("To"), required=False, help_text=DATE_HELP)
    planned_hours = forms.DecimalField(
        label=_("Planned hours"), required=False, max_digits=7, decimal_places=2
    )
    areas = forms.MultipleChoiceField(
        label=_("Areas to work on"),
        required=False,
        choices=SupportArea.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    shared_note = forms.CharField(
        label=_("What the provider needs to know"), required=False, widget=textarea()
    )
    urgency_reason = forms.CharField(
        label=_("Reason for urgency (family assistant without an assessment and a plan)"),
        required=False,
        widget=textarea(),
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["service"].queryset = MunicipalService.objects.filter(  # type: ignore[attr-defined]
            municipality_id=case.municipality_id, is_active=True
        )
        self.fields["contract"].queryset = (  # type: ignore[attr-defined]
            ProviderContract.objects.filter(
                service__municipality_id=case.municipality_id, valid_from__lte=today
            )
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
            .select_related("service", "provider")
        )
        provider = self.fields["provider"]
        provider.queryset = own_institutions(case)  # type: ignore[attr-defined]
        provider.search_url = reverse("cases:referral-provider-search", args=[case.pk])  # type: ignore[attr-defined]


class SessionForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), help_text=DATE_HELP)
    hours = forms.DecimalField(label=_("Hours"), max_digits=5, decimal_places=2)
    areas = forms.MultipleChoiceField(
        label=_("Areas worked on"),
        required=False,
        choices=SupportArea.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(label=_("Progress note"), required=False, widget=textarea())


class CooperationForm(forms.Form):
    agreed_on = forms.DateField(label=_("Agreement signed on"), help_text=DATE_HELP)


class CompleteForm(forms.Form):
    outcome_rating = forms.ChoiceField(label=_("Outcome"), choices=OutcomeRating.choices)
    outcome = forms.CharField(label=_("Outcome description"), required=False, widget=textarea())


class EndForm(forms.Form):
    outcome = forms.CharField(label=_("Why it ends"), required=False, widget=textarea())


class AssistantForm(forms.Form):
    assistant = forms.ModelChoiceField(label=_("Family assistant"), queryset=User.objects.none())
    override_reason = forms.CharField(
        label=_("Reason for assigning despite the qualification rule (coordinator only)"),
        required=False,
        widget=textarea(),
    )

    def __init__(self, *args: Any, referral: Referral, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        staff = Membership.objects.active().filter(
            institution_id=referral.provider_id, role=Role.FAMILY_ASSISTANT
        )
        self.fields["assistant"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            pk__in=staff.values("user_id")
        ).order_by("last_name", "first_name", "pk")
