"""Forms check shape only; the services check the rules and give the messages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from sargs.assessment.catalogue import BY_CODE, GROUPS
from sargs.assessment.models import Assessment
from sargs.core.pickers import PickerField, PickerMultipleField
from sargs.core.versioning import revision_field
from sargs.organisations.models import Institution, Municipality
from sargs.organisations.pickers import INSTITUTIONS

from .models import (
    ActivityStatus,
    Audience,
    ChildAgeGroup,
    FundingSource,
    IndicatorUnit,
    InvolvementKind,
    MemberKind,
    PerformanceIndicator,
    Priority,
    Programme,
    QuestionKind,
    Track,
)
from .selectors import cell_choices

DATE_HELP = _("dd.mm.yyyy")
TEXTAREA = {"rows": 4}


def indicator_choices() -> list[tuple[str, str]]:
    language = get_language() or "lv"
    return [(code, f"{code} {spec.name.get(language)}") for code, spec in BY_CODE.items()]


def programme_institutions(programme: Programme) -> QuerySet[Institution]:
    """Institutions a programme names (activities, monitoring, council): the municipality's
    and state-level ones."""
    return Institution.objects.filter(
        Q(municipality=programme.municipality_id) | Q(municipality__isnull=True), is_active=True
    ).order_by("name")


def use_programme_institutions(form: forms.BaseForm, programme: Programme, *names: str) -> None:
    """Point the form's institution pickers at the programme's search endpoint and queryset."""
    for name in names:
        field = form.fields[name]
        field.queryset = programme_institutions(programme)  # type: ignore[attr-defined]
        field.search_url = reverse("programme:institution-search", args=[programme.pk])  # type: ignore[attr-defined]


class ProgrammeCreateForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.none()
    )
    title = forms.CharField(
        label=_("Title"), max_length=200, initial=_("Child rights protection programme")
    )
    start_year = forms.IntegerField(label=_("First year"), min_value=2000, max_value=2100)
    end_year = forms.IntegerField(label=_("Last year"), min_value=2000, max_value=2100)
    assessment = forms.ModelChoiceField(
        label=_("Situation assessment"),
        queryset=Assessment.objects.none(),
        required=False,
        help_text=_("Empty: the latest approved assessment."),
    )

    def __init__(
        self,
        *args: Any,
        municipalities: QuerySet[Municipality],
        assessments: QuerySet[Assessment],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities  # type: ignore[attr-defined]
        only = list(municipalities[:2])
        if len(only) == 1:
            self.fields["municipality"].initial = only[0]
        self.fields["assessment"].queryset = assessments  # type: ignore[attr-defined]


class VersionForm(forms.Form):
    assessment = forms.ModelChoiceField(
        label=_("Situation assessment"), queryset=Assessment.objects.none(), required=False
    )
    legal_basis = forms.CharField(
        label=_("Legal basis"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    drafting_groups = forms.CharField(
        label=_("Groups and institutions involved in drafting"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
    )
    target_groups = forms.CharField(
        label=_("Target groups"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    situation_summary = forms.CharField(
        label=_("Situation description: demography, services and their fit to needs"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
    )
    institutional_model = forms.CharField(
        label=_("Institutional model of child rights protection"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
    )
    revision = revision_field()

    def __init__(self, *args: Any, assessments: QuerySet[Assessment], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assessment"].queryset = assessments  # type: ignore[attr-defined]
        for number, name in GROUPS.items():
            self.fields[f"comment_{number}"] = forms.CharField(
                label=_("Comment on “%(group)s”") % {"group": name.get(get_language() or "lv")},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def comments(self) -> dict[str, str]:
        return {str(n): self.cleaned_data.get(f"comment_{n}", "") for n in GROUPS}


class ProblemForm(forms.Form):
    title = forms.CharField(label=_("Problem"), max_length=250)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    indicator_codes = forms.MultipleChoiceField(
        label=_("Indicators that show it"),
        widget=forms.CheckboxSelectMultiple,
    )
    solution = forms.CharField(
        label=_("Solution"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator_codes"].choices = indicator_choices()  # type: ignore[attr-defined]


class PriorityForm(forms.Form):
    title = forms.CharField(label=_("Priority"), max_length=250)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class InvolvementForm(forms.Form):
    kind = forms.ChoiceField(label=_("How"), choices=InvolvementKind.choices)
    participants = forms.CharField(
        label=_("Who took part"),
        max_length=250,
        help_text=_("Groups and institutions, not names of private persons."),
    )
    held_on = forms.DateField(label=_("Date"), required=False, help_text=DATE_HELP)
    participant_count = forms.IntegerField(
        label=_("Number of participants"), required=False, min_value=0
    )
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )


def cost_field_name(year: int, source: str) -> str:
    return f"cost_{year}_{source}"


class ActivityForm(forms.Form):
    priority = forms.ModelChoiceField(label=_("Priority"), queryset=Priority.objects.none())
    title = forms.CharField(label=_("Activity"), max_length=250)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    responsible = PickerField(label=_("Responsible institution"), kind=INSTITUTIONS)
    cooperating = PickerMultipleField(
        label=_("Co-operating institutions"), kind=INSTITUTIONS, required=False
    )
    starts_on = forms.DateField(
        label=pgettext_lazy("date", "Start"), required=False, help_text=DATE_HELP
    )
    deadline = forms.DateField(label=_("Deadline"), help_text=DATE_HELP)

    def __init__(
        self,
        *args: Any,
        programme: Programme,
        priorities: QuerySet[Priority],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["priority"].queryset = priorities  # type: ignore[attr-defined]
        use_programme_institutions(self, programme, "responsible", "cooperating")
        self.years = programme.years
        for year in self.years:
            for source, label in FundingSource.choices:
                self.fields[cost_field_name(year, source)] = forms.DecimalField(
                    label=f"{year}: {label}",
                    required=False,
                    max_digits=12,
                    decimal_places=2,
                    min_value=Decimal(0),
                )

    def cost_rows(self) -> list[tuple[int, list[Any]]]:
        return [
            (year, [self[cost_field_name(year, s)] for s in FundingSource.values])
            for year in self.years
        ]

    def main_fields(self) -> list[Any]:
        return [
            self[name]
            for name in (
                "priority",
                "title",
                "description",
                "responsible",
                "cooperating",
                "starts_on",
                "deadline",
            )
        ]

    def costs(self) -> dict[tuple[int, str], Decimal]:
        return {
            (year, source): self.cleaned_data.get(cost_field_name(year, source)) or Decimal(0)
            for year in self.years
            for source in FundingSource.values
        }


class IndicatorForm(forms.Form):
    name = forms.CharField(label=_("Performance indicator"), max_length=250)
    unit = forms.ChoiceField(label=_("Unit"), choices=IndicatorUnit.choices)
    assessment_cell = forms.ChoiceField(
        label=_("Assessment indicator"),
        required=False,
        help_text=_("When chosen, the baseline is taken from the assessment."),
    )
    baseline = forms.DecimalField(
        label=_("Baseline"), required=False, max_digits=12, decimal_places=2
    )
    target = forms.DecimalField(label=_("Target"), max_digits=12, decimal_places=2)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assessment_cell"].choices = [("", "–"), *cell_choices()]  # type: ignore[attr-defined]

    def code_and_cell(self) -> tuple[str, str]:
        chosen = self.cleaned_data.get("assessment_cell") or ""
        code, _sep, cell = chosen.partition(":")
        return code, cell


class ApproveForm(forms.Form):
    decision_number = forms.CharField(label=_("Council decision number"), max_length=50)
    decision_date = forms.DateField(label=_("Council decision date"), help_text=DATE_HELP)


class AmendForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the amendment"), widget=forms.Textarea(attrs={"rows": 3})
    )


class MonitoringForm(forms.Form):
    monitoring_official = forms.CharField(
        label=_("Responsible official"), max_length=200, required=False
    )
    monitoring_unit = PickerField(
        label=_("Responsible institution or unit"), kind=INSTITUTIONS, required=False
    )
    reports_per_year = forms.IntegerField(
        label=_("Reports per year"), min_value=1, max_value=12, initial=2
    )

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        use_programme_institutions(self, programme, "monitoring_unit")


class CouncilMemberForm(forms.Form):
    kind = forms.ChoiceField(label=_("Member"), choices=MemberKind.choices)
    name = forms.CharField(
        label=_("Name"),
        max_length=150,
        help_text=_("For a child: the first name only."),
    )
    institution = PickerField(label=_("Institution"), kind=INSTITUTIONS, required=False)
    age_group = forms.ChoiceField(
        label=_("Age group (children only)"),
        choices=[("", "–"), *ChildAgeGroup.choices],
        required=False,
    )

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        use_programme_institutions(self, programme, "institution")


class ReportingDateForm(forms.Form):
    due_on = forms.DateField(label=_("Reports due"), help_text=DATE_HELP)
    remind_days_before = forms.IntegerField(
        label=_("Remind days before"), min_value=0, max_value=90, initial=14
    )


class MonitoringReportForm(forms.Form):
    as_of = forms.DateField(label=_("As of"), help_text=DATE_HELP)
    status = forms.ChoiceField(label=_("Status"), choices=ActivityStatus.choices)
    spent = forms.DecimalField(
        label=_("Money spent to date, EUR"), max_digits=12, decimal_places=2, min_value=Decimal(0)
    )
    narrative = forms.CharField(
        label=_("What was done"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, indicators: list[PerformanceIndicator], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        for indicator in indicators:
            self.fields[f"actual_{indicator.pk}"] = forms.DecimalField(
                label=_("%(indicator)s: actual (target %(target)s)")
                % {"indicator": indicator.name, "target": indicator.target.normalize()},
                required=False,
                max_digits=12,
                decimal_places=2,
            )

    def actuals(self) -> dict[int, Decimal]:
        return {
            i.pk: self.cleaned_data[f"actual_{i.pk}"]
            for i in self.indicators
            if self.cleaned_data.get(f"actual_{i.pk}") is not None
        }


class OverrideForm(forms.Form):
    track = forms.ChoiceField(
        label=_("Assessment"),
        choices=[("", _("as computed")), *Track.choices],
        required=False,
    )
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class QuestionnaireForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    audience = forms.ChoiceField(label=_("For whom"), choices=Audience.choices)
    introduction = forms.CharField(
        label=_("Introduction"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Tell respondents that the questionnaire is anonymous."),
    )


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=QuestionKind.choices)
    text = forms.CharField(label=_("Question"), max_length=300)
    options = forms.CharField(
        label=_("Options, one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def option_list(self) -> list[str]:
        return [line for line in self.cleaned_data.get("options", "").splitlines() if line.strip()]


class AnswerForm(forms.Form):
    """The public questionnaire: every question optional, nothing about the respondent."""

    def __init__(self, *args: Any, questions: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for q in questions:
            name = f"q{q.pk}"
            options = [(str(i), label) for i, label in enumerate(q.options)]
            if q.kind == QuestionKind.SINGLE:
                field: forms.Field = forms.ChoiceField(choices=options, widget=forms.RadioSelect)
            elif q.kind == QuestionKind.MULTIPLE:
                field = forms.MultipleChoiceField(
                    choices=options, widget=forms.CheckboxSelectMultiple
                )
            elif q.kind == QuestionKind.SCALE:
                field = forms.ChoiceField(
                    choices=[(str(v), str(v)) for v in (1, 2, 3, 4, 5)],
                    widget=forms.RadioSelect,
                    help_text=_("1 – not at all, 5 – very much"),
                )
            else:
                field = forms.CharField(
                    max_length=2000,
                    widget=forms.Textarea(attrs={"rows": 3}),
                    help_text=_("Do not write names or other details that identify anyone."),
                )
            field.label = q.text
            field.required = False
            self.fields[name] = field

    def answers(self) -> dict[int, Any]:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") for q in self.questions}


class HearingForm(forms.Form):
    """The council heard the report on a year (or its due date moves)."""

    year = forms.IntegerField(label=_("Year reported on"))
    due_on = forms.DateField(label=_("Due"), required=False, help_text=_("dd.mm.yyyy"))
    heard_on = forms.DateField(
        label=_("Heard by the council on"), required=False, help_text=_("dd.mm.yyyy")
    )
    decision_number = forms.CharField(
        label=_("Council decision number"), max_length=50, required=False
    )


class FundingDecisionForm(forms.Form):
    """What the council's budget granted of the additional funding asked for in a year."""

    year = forms.IntegerField(label=_("Budget year"))
    granted = forms.DecimalField(label=_("Granted (EUR)"), min_value=0, decimal_places=2)
    decision_number = forms.CharField(label=_("Budget decision number"), max_length=50)
    decided_on = forms.DateField(label=_("Decided on"), help_text=_("dd.mm.yyyy"))
