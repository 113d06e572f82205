"""Forms of the police's part: shape only; the services check the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sargs.cases.casework.forms import DATE_HELP, textarea
from sargs.cases.casework.models import Case
from sargs.registry.models import Child

from .models import PreventionKind, ProceedingsKind, ProceedingsResult


class AssessmentForm(forms.Form):
    assessed_on = forms.DateField(label=_("Assessed on"), help_text=DATE_HELP)
    assessment = forms.CharField(label=_("Assessment of the grounds"), widget=textarea())
    result = forms.ChoiceField(label=_("Result"), choices=ProceedingsResult.choices)
    proceedings_kind = forms.ChoiceField(
        label=_("Kind of proceedings (if started)"),
        choices=[("", "–"), *ProceedingsKind.choices],
        required=False,
    )
    proceedings_number = forms.CharField(
        label=_("Proceedings No. (if started)"), required=False, max_length=50
    )
    not_started_reason = forms.CharField(
        label=_("Why not started"), required=False, widget=textarea()
    )


class PreventionForm(forms.Form):
    child = forms.ModelChoiceField(label=_("Child"), queryset=Child.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=PreventionKind.choices)
    held_on = forms.DateField(label=_("Date"), help_text=DATE_HELP)
    note = forms.CharField(label=_("Note"), widget=textarea())

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = Child.objects.filter(  # type: ignore[attr-defined]
            case_links__case=case
        )
