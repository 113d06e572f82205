"""Forms carry shape only; the services check the rules and give the messages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from sargs.cases.casework.models import Case
from sargs.core.pickers import PickerField
from sargs.organisations.models import Institution, Municipality, User
from sargs.organisations.pickers import INSTITUTIONS, USERS

from .models import CooperationGroup, GuestType, ItemKind, MeetingKind, MeetingParticipant
from .services import ActionInput

DATE_HELP = _("dd.mm.yyyy")
ACTION_ROWS = 3


def _text(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def institutions_of(municipality_ids: set[int]) -> QuerySet[Institution]:
    return Institution.objects.filter(
        Q(municipality__in=municipality_ids) | Q(municipality__isnull=True), is_active=True
    ).order_by("name")


def people_of(municipality_ids: set[int]) -> QuerySet[User]:
    return (
        User.objects.filter(
            is_active=True,
            memberships__institution__municipality__in=municipality_ids,
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def guest_users_of(municipality_ids: set[int]) -> QuerySet[User]:
    """Users a meeting may invite: staff of the municipalities' and of national institutions."""
    return (
        User.objects.filter(
            Q(memberships__institution__municipality__in=municipality_ids)
            | Q(memberships__institution__municipality__isnull=True),
            is_active=True,
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


#: What the group's pickers offer, by the name in their search URL
#: (``cooperation:group-search`` / ``cooperation:group-new-search``).
PICKS = {"institutions": institutions_of, "people": people_of, "guests": guest_users_of}
PICK_KINDS = {"institutions": INSTITUTIONS, "people": USERS, "guests": USERS}


def _search_url(what: str, group_pk: int | None) -> str:
    if group_pk is None:
        return reverse("cooperation:group-new-search", args=[what])
    return reverse("cooperation:group-search", args=[group_pk, what])


def use_picks(
    form: forms.BaseForm, municipality_ids: set[int], group_pk: int | None, **names: str
) -> None:
    """Point the form's pickers (field name → what they pick) at the group's search endpoint
    and at the same querysets it searches."""
    for name, what in names.items():
        field = form.fields[name]
        field.queryset = PICKS[what](municipality_ids)  # type: ignore[attr-defined]
        field.search_url = _search_url(what, group_pk)  # type: ignore[attr-defined]


def _label(name: str) -> Any:
    """The model field's own label, as the model form would give it."""
    return capfirst(CooperationGroup._meta.get_field(name).verbose_name)  # type: ignore[union-attr]


class GroupForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = CooperationGroup
        fields = [
            "name",
            "territory",
            "leader",
            "secretary",
            "support_unit",
            "information_exchange",
            "agenda_preparation",
            "report_interval_months",
            "notice_working_days",
            "quorum_percent",
            "guest_access_days",
        ]
        widgets = {
            "territory": _text(2),
            "information_exchange": _text(),
            "agenda_preparation": _text(),
        }

    leader = PickerField(label=_label("leader"), kind=USERS, required=False)
    secretary = PickerField(label=_label("secretary"), kind=USERS, required=False)
    support_unit = PickerField(label=_label("support_unit"), kind=INSTITUTIONS, required=False)

    def __init__(self, *args: Any, municipality_ids: set[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        group_pk = self.instance.pk if self.instance else None
        use_picks(
            self,
            municipality_ids,
            group_pk,
            leader="people",
            secretary="people",
            support_unit="institutions",
        )

    def settings(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class GroupCreateForm(GroupForm):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.none()
    )
    joint_municipalities = forms.ModelMultipleChoiceField(
        label=_("Joint group: also for these municipalities"),
        queryset=Municipality.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, municipalities: QuerySet[Municipality], **kwargs: Any) -> None:
        super().__init__(
            *args, municipality_ids=set(municipalities.values_list("pk", flat=True)), **kwargs
        )
        self.fields["municipality"].queryset = municipalities  # type: ignore[attr-defined]
        self.fields["joint_municipalities"].queryset = Municipality.objects.current()  # type: ignore[attr-defined]
        only = list(municipalities[:2])
        if len(only) == 1:
            self.fields["municipality"].initial = only[0]
            self.fields["municipality"].widget = forms.HiddenInput()
        self.order_fields(["municipality", "name", "territory", "joint_municipalities"])


class MemberForm(forms.Form):
    institution = PickerField(label=_("Institution"), kind=INSTITUTIONS)
    person = PickerField(
        label=_("Representative"),
        kind=USERS,
        required=False,
        help_text=_("A Sargs user working in the institution; they will see the group's meetings."),
    )
    position = forms.CharField(label=_("Position"), max_length=200, required=False)

    def __init__(
        self, *args: Any, municipality_ids: set[int], group_pk: int, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        use_picks(self, municipality_ids, group_pk, institution="institutions", person="people")


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=MeetingKind.choices)
    date = forms.DateField(label=_("Date"), help_text=DATE_HELP)
    time = forms.TimeField(label=_("Time"), help_text=_("hh:mm"))
    place = forms.CharField(label=_("Place"), max_length=200)


class AgendaItemForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[c for c in ItemKind.choices if c[0] != ItemKind.FOLLOW_UP]
    )
    case = forms.ModelChoiceField(
        label=_("Case"),
        queryset=Case.objects.none(),
        required=False,
        help_text=_("For an individual case."),
    )
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    facts = forms.CharField(label=_("Facts to consider"), widget=_text(), required=False)

    def __init__(self, *args: Any, cases: QuerySet[Case], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = cases  # type: ignore[attr-defined]


class GuestForm(forms.Form):
    guest_type = forms.ChoiceField(label=_("Invited as"), choices=GuestType.choices)
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    user = PickerField(
        label=_("Sargs user"),
        kind=USERS,
        required=False,
        help_text=_(
            "Only a Sargs user can see the cases on the agenda, during the meeting's period."
        ),
    )
    institution = PickerField(label=_("Institution"), kind=INSTITUTIONS, required=False)
    organisation = forms.CharField(label=_("Other organisation"), max_length=200, required=False)

    def __init__(
        self, *args: Any, municipality_ids: set[int], group_pk: int, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        use_picks(self, municipality_ids, group_pk, institution="institutions", user="guests")


class AttendanceForm(forms.Form):
    present = forms.ModelMultipleChoiceField(
        label=_("Present"),
        queryset=MeetingParticipant.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self, *args: Any, participants: QuerySet[MeetingParticipant], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["present"]
        field.queryset = participants  # type: ignore[attr-defined]
        field.label_from_instance = lambda p: f"{p.name} ({p.organisation_name})"  # type: ignore[attr-defined]
        if not self.is_bound:
            field.initial = [p.pk for p in participants if p.attended]


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("Decision"), widget=_text(4))
    facts = forms.CharField(label=_("Facts considered"), widget=_text(4), required=False)

    def __init__(
        self, *args: Any, municipality_ids: set[int], group_pk: int, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for n in range(1, ACTION_ROWS + 1):
            self.fields[f"task_{n}_title"] = forms.CharField(
                label=_("Action %(n)s") % {"n": n}, max_length=200, required=False
            )
            self.fields[f"task_{n}_institution"] = PickerField(
                label=_("Responsible institution"), kind=INSTITUTIONS, required=False
            )
            self.fields[f"task_{n}_due_on"] = forms.DateField(
                label=_("Deadline"), required=False, help_text=DATE_HELP
            )
        names = {f"task_{n}_institution": "institutions" for n in range(1, ACTION_ROWS + 1)}
        use_picks(self, municipality_ids, group_pk, **names)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for n in range(1, ACTION_ROWS + 1):
            parts = [data.get(f"task_{n}_{p}") for p in ("title", "institution", "due_on")]
            if any(parts) and not all(parts):
                raise forms.ValidationError(
                    _("Give each action its responsible institution and deadline.")
                )
        return data

    def actions(self) -> list[ActionInput]:
        data = self.cleaned_data
        return [
            ActionInput(
                title=data[f"task_{n}_title"],
                institution=data[f"task_{n}_institution"],
                due_on=data[f"task_{n}_due_on"],
            )
            for n in range(1, ACTION_ROWS + 1)
            if data.get(f"task_{n}_title")
        ]


class ReportForm(forms.Form):
    start = forms.DateField(label=_("From"), help_text=DATE_HELP)
    end = forms.DateField(label=_("To"), help_text=DATE_HELP)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("The period must end after it starts."))
        return data


class TaskDoneForm(forms.Form):
    result = forms.CharField(label=_("Result"), max_length=500, required=False)
