"""Forms carry shape only; the services check the rules and give the messages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from sargs.organisations.models import Institution
from sargs.registry.models import Child, Sex

from .models import (
    AreaRating,
    Case,
    CaseOutcome,
    ConcernCategory,
    ConcernPlace,
    ParticipantRole,
    RiskLevel,
    SupportArea,
)

DATE_HELP = _("dd.mm.yyyy")


def _text(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


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
    description = forms.CharField(label=_("What was seen or heard"), widget=_text(5))
    observed_on = forms.DateField(label=_("When"), help_text=DATE_HELP)
    place = forms.ChoiceField(label=_("Where"), choices=ConcernPlace.choices)
    place_detail = forms.CharField(label=_("Place details"), required=False, max_length=200)
    observed_by = forms.CharField(
        label=_("Who saw it"), max_length=200, help_text=_("E.g. the class teacher.")
    )
    danger_to_life = forms.BooleanField(
        label=_("The child's life or health is in danger now"),
        required=False,
        help_text=_("The social service and the orphan's court are alerted at once."),
    )

    def __init__(self, *args: Any, institutions: QuerySet[Institution], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
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

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["child"]
        field.queryset = Child.objects.filter(pk__in=[c.pk for c in candidates])  # type: ignore[attr-defined]
        field.label_from_instance = lambda c: (  # type: ignore[attr-defined]
            f"{c.full_name}, {c.birth_date:%d.%m.%Y}, {c.personal_code_masked}"
        )


class RegisterAcceptForm(forms.Form):
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices)


class ReasonForm(forms.Form):
    # Required by the services, which give the message.
    reason = forms.CharField(label=_("Reason"), required=False, max_length=4000, widget=_text())


def case_institutions(case: Case) -> QuerySet[Institution]:
    """Institutions a case may involve: the municipality's own and providers serving anyone."""
    return Institution.objects.filter(
        Q(municipality_id=case.municipality_id) | Q(municipality__isnull=True),
        is_active=True,
    ).order_by("name")


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=200)
    institution = forms.ModelChoiceField(
        label=_("Responsible institution"), queryset=Institution.objects.none()
    )
    due_on = forms.DateField(label=_("Deadline"), required=False, help_text=DATE_HELP)
    working_days = forms.IntegerField(
        label=_("Or: deadline in working days"), required=False, min_value=1, max_value=250
    )
    area = forms.ChoiceField(
        label=_("Plan area"),
        required=False,
        choices=[("", _("Not part of the plan")), *SupportArea.choices],
    )
    description = forms.CharField(label=_("Details"), required=False, widget=_text())

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = case_institutions(case)  # type: ignore[attr-defined]


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), max_length=4000, widget=_text())
    institutions = forms.ModelMultipleChoiceField(
        label=_("Also visible to"),
        required=False,
        queryset=Institution.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The case team always sees the note; tick other institutions only when "
            "they need to know."
        ),
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["institutions"].queryset = case_institutions(case)  # type: ignore[attr-defined]


class PlanForm(forms.Form):
    review_on = forms.DateField(label=_("Review date"), help_text=DATE_HELP)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for value, label in SupportArea.choices:
            self.fields[f"goal_{value}"] = forms.CharField(
                label=label, required=False, max_length=4000, widget=_text(2)
            )

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "review_on": data["review_on"],
            "goals": {v: data[f"goal_{v}"] for v in SupportArea.values},
        }


class AgreementForm(forms.Form):
    agreed_on = forms.DateField(label=_("The family agreed on"), help_text=DATE_HELP)
    note = forms.CharField(
        label=_("How the agreement was given"), required=False, max_length=2000, widget=_text(2)
    )


class TaskDoneForm(forms.Form):
    result = forms.CharField(label=_("Result"), required=False, max_length=4000, widget=_text(2))


class ParticipantForm(forms.Form):
    institution = forms.ModelChoiceField(
        label=_("Institution"), queryset=Institution.objects.none()
    )
    role = forms.ChoiceField(
        label=_("Part in the case"),
        choices=[
            (ParticipantRole.COURT.value, ParticipantRole.COURT.label),
            (ParticipantRole.PROVIDER.value, ParticipantRole.PROVIDER.label),
            (ParticipantRole.OTHER.value, ParticipantRole.OTHER.label),
        ],
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = case_institutions(case)  # type: ignore[attr-defined]


class AssessmentForm(forms.Form):
    assessed_on = forms.DateField(label=_("Assessed on"), help_text=DATE_HELP)
    overall_risk = forms.ChoiceField(label=_("Overall risk"), choices=RiskLevel.choices)
    summary = forms.CharField(label=_("Summary"), widget=_text(4))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for value, label in SupportArea.choices:
            self.fields[f"rating_{value}"] = forms.TypedChoiceField(
                label=label, choices=AreaRating.choices, coerce=int
            )
            self.fields[f"note_{value}"] = forms.CharField(
                label=_("Note: %(area)s") % {"area": label}, required=False, max_length=2000
            )

    def area_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"rating_{v}"], self[f"note_{v}"]) for v in SupportArea.values]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "assessed_on": data["assessed_on"],
            "overall_risk": data["overall_risk"],
            "summary": data["summary"],
            "ratings": {v: data[f"rating_{v}"] for v in SupportArea.values},
            "notes": {v: data[f"note_{v}"] for v in SupportArea.values},
        }


class CloseCaseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=CaseOutcome.choices)
    note = forms.CharField(label=_("Note"), required=False, widget=_text())
