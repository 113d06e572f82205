"""Forms of the orphan's court's pages: shape only; the services check the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sargs.cases.casework.forms import DATE_HELP, textarea
from sargs.cases.casework.models import Case
from sargs.core.widgets import PreselectSingleChoice
from sargs.organisations.models import Institution
from sargs.organisations.roles import InstitutionType
from sargs.registry.models import (
    Child,
    ChildRepresentative,
    LegalRepresentative,
    RepresentativeRole,
    SuspensionGround,
)

from .models import (
    CareForm,
    CustodyOutcome,
    FosterFamily,
    FosterFamilyKind,
    FosterFamilyStatus,
    JudgmentKind,
    PlacementEnd,
    Proceeding,
    ProceedingKind,
)
from .selectors import proceeding_parents
from .services import ACCEPTED_URGENT_REASONS, JUDGMENTS_FOR


class OpenForm(PreselectSingleChoice, forms.Form):
    court = forms.ModelChoiceField(
        label=gettext_lazy("Orphan's court"), queryset=Institution.objects.none()
    )
    kind = forms.ChoiceField(label=gettext_lazy("Matter"), choices=ProceedingKind.choices)
    grounds = forms.CharField(label=gettext_lazy("Grounds"), widget=textarea())

    def __init__(self, *args: Any, courts: QuerySet[Institution], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["court"].queryset = courts  # type: ignore[attr-defined]


class RemedyForm(forms.Form):
    remedy_until = forms.DateField(label=gettext_lazy("Term to remedy until"), help_text=DATE_HELP)


class ExtendForm(forms.Form):
    decision_due = forms.DateField(
        label=gettext_lazy("New term for the decision"), help_text=DATE_HELP
    )
    reason = forms.CharField(label=gettext_lazy("Why"), required=False, widget=textarea())


class ParentChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return _("%(parent)s (%(role)s of %(child)s)") % {
            "parent": obj.representative.full_name,
            "role": obj.get_role_display(),
            "child": obj.child.full_name,
        }


class DecideForm(forms.Form):
    decided_on = forms.DateField(
        label=gettext_lazy("Decision date"),
        help_text=gettext_lazy("The date the court decided (dd.mm.yyyy)."),
    )
    decision = forms.CharField(label=gettext_lazy("Decision"), required=False, widget=textarea())
    custody_outcome = forms.ChoiceField(
        label=gettext_lazy("Custody"), choices=CustodyOutcome.choices, required=False
    )
    relation = ParentChoiceField(
        label=gettext_lazy("Parent"),
        queryset=ChildRepresentative.objects.none(),
        required=False,
        help_text=gettext_lazy("Whose custody was suspended or restored."),
    )
    grounds = forms.ChoiceField(
        label=gettext_lazy("Grounds for suspending custody"),
        choices=[("", "---------"), *SuspensionGround.choices],
        required=False,
    )
    decision_number = forms.CharField(
        label=gettext_lazy("Decision No."), max_length=50, required=False
    )
    urgent_reason = forms.ChoiceField(
        label=gettext_lazy("Urgent reason (suspension without a passed term to remedy)"),
        choices=[("", "---------"), *[(r.value, r.label) for r in ACCEPTED_URGENT_REASONS]],
        required=False,
    )
    urgent_note = forms.CharField(
        label=gettext_lazy("What makes it urgent"), required=False, widget=textarea()
    )
    # The chair decided alone (a single-member decision): the crisis team is called (issue 16).
    chair_alone = forms.BooleanField(
        label=gettext_lazy("Single-member decision of the court's chair"), required=False
    )

    def __init__(self, *args: Any, proceeding: Proceeding, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["relation"].queryset = proceeding_parents(proceeding=proceeding)  # type: ignore[attr-defined]


class JudgmentForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Judgment"), choices=JudgmentKind.choices)
    relation = ParentChoiceField(
        label=gettext_lazy("Parent"), queryset=ChildRepresentative.objects.none()
    )
    court_name = forms.CharField(label=gettext_lazy("Court"), max_length=200)
    judgment_number = forms.CharField(label=gettext_lazy("Judgment No."), max_length=50)
    judged_on = forms.DateField(label=gettext_lazy("Judgment date"), help_text=DATE_HELP)
    note = forms.CharField(label=gettext_lazy("Note"), required=False, widget=textarea())

    def __init__(self, *args: Any, proceeding: Proceeding, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = JUDGMENTS_FOR.get(proceeding.kind, ())
        self.fields["kind"].choices = [  # type: ignore[attr-defined]
            (value, label) for value, label in JudgmentKind.choices if value in allowed
        ]
        self.fields["relation"].queryset = proceeding_parents(proceeding=proceeding)  # type: ignore[attr-defined]


class TalkForm(PreselectSingleChoice, forms.Form):
    court = forms.ModelChoiceField(
        label=gettext_lazy("Orphan's court"), queryset=Institution.objects.none()
    )
    held_on = forms.DateField(label=gettext_lazy("Held on"), help_text=DATE_HELP)
    participants = forms.CharField(
        label=gettext_lazy("Who took part"), required=False, widget=textarea()
    )
    discussed = forms.CharField(
        label=gettext_lazy("What was discussed"), required=False, widget=textarea()
    )
    next_steps = forms.CharField(
        label=gettext_lazy("Agreed next steps"), required=False, widget=textarea()
    )

    def __init__(self, *args: Any, courts: QuerySet[Institution], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["court"].queryset = courts  # type: ignore[attr-defined]


class PlacementForm(PreselectSingleChoice, forms.Form):
    child = forms.ModelChoiceField(label=gettext_lazy("Child"), queryset=Child.objects.none())
    form = forms.ChoiceField(label=gettext_lazy("Form of care"), choices=CareForm.choices)
    foster_family = forms.ModelChoiceField(
        label=gettext_lazy("Foster family (from the register)"),
        queryset=FosterFamily.objects.none(),
        required=False,
    )
    guardian = forms.ModelChoiceField(
        label=gettext_lazy("Guardian (from the registry)"),
        queryset=LegalRepresentative.objects.none(),
        required=False,
    )
    care_institution = forms.ModelChoiceField(
        label=gettext_lazy("Childcare institution"),
        queryset=Institution.objects.none(),
        required=False,
    )
    emergency = forms.BooleanField(
        label=gettext_lazy("Short-term care in an institution (BTAL 37, up to three months)"),
        required=False,
    )
    child_opinion = forms.CharField(
        label=gettext_lazy("The child's opinion"), required=False, widget=textarea()
    )
    siblings_note = forms.CharField(
        label=gettext_lazy("Siblings (kept together, or why not)"),
        required=False,
        widget=textarea(),
    )

    def __init__(
        self, *args: Any, case: Case, families: QuerySet[FosterFamily], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = case.children.all()  # type: ignore[attr-defined]
        self.fields["foster_family"].queryset = families  # type: ignore[attr-defined]
        self.fields["guardian"].queryset = LegalRepresentative.objects.filter(  # type: ignore[attr-defined]
            representations__child__in=case.children.all(),
            representations__role=RepresentativeRole.GUARDIAN,
        ).distinct()
        self.fields["care_institution"].queryset = Institution.objects.filter(  # type: ignore[attr-defined]
            type=InstitutionType.CHILDCARE_INSTITUTION
        )


class FosterFamilyForm(forms.Form):
    court = forms.ModelChoiceField(
        label=gettext_lazy("Orphan's court"), queryset=Institution.objects.none()
    )
    name = forms.CharField(label=gettext_lazy("Family"), max_length=200)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=FosterFamilyKind.choices)
    places = forms.IntegerField(label=gettext_lazy("Places"), min_value=1)
    registered_on = forms.DateField(label=gettext_lazy("Registered on"), help_text=DATE_HELP)
    note = forms.CharField(label=gettext_lazy("Note"), required=False, widget=textarea())

    def __init__(self, *args: Any, courts: QuerySet[Institution], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["court"].queryset = courts  # type: ignore[attr-defined]


class FosterFamilyStatusForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=FosterFamilyStatus.choices)
    since = forms.DateField(label=gettext_lazy("Since"), help_text=DATE_HELP)


class PlacementEndForm(forms.Form):
    reason = forms.ChoiceField(label=gettext_lazy("How it ended"), choices=PlacementEnd.choices)
