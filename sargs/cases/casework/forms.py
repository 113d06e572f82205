"""Forms of case work, and the pieces every form of sargs.cases shares. Forms carry shape
only; the services check the rules and give the messages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sargs.core.pickers import PickerField, PickerMultipleField
from sargs.core.versioning import revision_field
from sargs.organisations.models import Institution
from sargs.organisations.pickers import INSTITUTIONS

from .models import AreaRating, Case, CaseOutcome, ParticipantRole, RiskLevel, SupportArea

DATE_HELP = _("dd.mm.yyyy")


def outcome_year(raw: str | None) -> int:
    """The year asked for in a query string; this year when missing or out of range."""
    today = timezone.localdate()
    return int(raw) if raw and raw.isdigit() and 2000 <= int(raw) <= 2100 else today.year


def textarea(rows: int = 3) -> forms.Textarea:
    """A text area of ``rows`` lines, the size every form of sargs.cases uses."""
    return forms.Textarea(attrs={"rows": rows})


class ReasonForm(forms.Form):
    # Required by the services, which give the message.
    reason = forms.CharField(label=_("Reason"), required=False, max_length=4000, widget=textarea())


def case_institutions(case: Case) -> QuerySet[Institution]:
    """Institutions a case may involve: the municipality's own and providers serving anyone."""
    return Institution.objects.filter(
        Q(municipality_id=case.municipality_id) | Q(municipality__isnull=True),
        is_active=True,
    ).order_by("name")


def use_case_institutions(field: forms.Field, case: Case) -> None:
    """A picker of the case's institutions, searched at the case's own endpoint."""
    field.queryset = case_institutions(case)  # type: ignore[attr-defined]
    field.search_url = reverse("cases:case-institution-search", args=[case.pk])  # type: ignore[attr-defined]


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=200)
    institution = PickerField(label=_("Responsible institution"), kind=INSTITUTIONS)
    due_on = forms.DateField(label=_("Deadline"), required=False, help_text=DATE_HELP)
    working_days = forms.IntegerField(
        label=_("Or: deadline in working days"), required=False, min_value=1, max_value=250
    )
    area = forms.ChoiceField(
        label=_("Plan area"),
        required=False,
        choices=[("", _("Not part of the plan")), *SupportArea.choices],
    )
    description = forms.CharField(label=_("Details"), required=False, widget=textarea())

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        use_case_institutions(self.fields["institution"], case)


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), max_length=4000, widget=textarea())
    institutions = PickerMultipleField(
        label=_("Also visible to"),
        required=False,
        kind=INSTITUTIONS,
        help_text=_(
            "The case team always sees the note; tick other institutions only when "
            "they need to know."
        ),
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        use_case_institutions(self.fields["institutions"], case)


class PlanForm(forms.Form):
    review_on = forms.DateField(label=_("Review date"), help_text=DATE_HELP)
    # The plan version the form was filled from (0: no plan yet), see core.versioning.
    revision = revision_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for value, label in SupportArea.choices:
            self.fields[f"goal_{value}"] = forms.CharField(
                label=label, required=False, max_length=4000, widget=textarea(2)
            )

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "review_on": data["review_on"],
            "goals": {v: data[f"goal_{v}"] for v in SupportArea.values},
            "based_on": data["revision"],
        }


class AgreementForm(forms.Form):
    agreed_on = forms.DateField(label=_("The family agreed on"), help_text=DATE_HELP)
    note = forms.CharField(
        label=_("How the agreement was given"), required=False, max_length=2000, widget=textarea(2)
    )


class TaskDoneForm(forms.Form):
    result = forms.CharField(label=_("Result"), required=False, max_length=4000, widget=textarea(2))


class ParticipantForm(forms.Form):
    institution = PickerField(label=_("Institution"), kind=INSTITUTIONS)
    role = forms.ChoiceField(
        label=_("Part in the case"),
        choices=[
            (ParticipantRole.COURT.value, ParticipantRole.COURT.label),
            (ParticipantRole.PROVIDER.value, ParticipantRole.PROVIDER.label),
            (ParticipantRole.OTHER.value, ParticipantRole.OTHER.label),
        ],
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        # The case page also has the task form's institution picker: ids of its own.
        kwargs.setdefault("auto_id", "id_participant_%s")
        super().__init__(*args, **kwargs)
        use_case_institutions(self.fields["institution"], case)


class AssessmentForm(forms.Form):
    assessed_on = forms.DateField(label=_("Assessed on"), help_text=DATE_HELP)
    overall_risk = forms.ChoiceField(label=_("Overall risk"), choices=RiskLevel.choices)
    summary = forms.CharField(label=_("Summary"), widget=textarea(4))
    # The version of the latest assessment the worker saw (0: none yet), see core.versioning.
    revision = revision_field()

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
            "based_on": data["revision"],
        }


class CloseCaseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=CaseOutcome.choices)
    note = forms.CharField(label=_("Note"), required=False, widget=textarea())
