"""Cooperation groups (MK regulation No. 545): groups, their members, meetings with agendas,
decisions and the tasks that follow them. See docs/adr/0010-cooperation-groups.md.

A decision on a case item assigns its tasks through the case services (``cases.Task``); the
group's own ``DecisionTask`` links to that task so that the group can follow it up. Decisions
on situation analysis and proposals keep their tasks here only.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sargs.cases.casework.models import Case, Task, TaskStatus
from sargs.organisations.models import Institution, Municipality


class GroupStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("group", "Being set up")
    ACTIVE = "active", pgettext_lazy("group", "Active")
    DISSOLVED = "dissolved", pgettext_lazy("group", "Dissolved")


class CooperationGroup(models.Model):
    """A municipality's cooperation group (sadarbības grupa); joint when it serves several."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality that created it"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    joint_municipalities: models.ManyToManyField[Municipality, models.Model] = (
        models.ManyToManyField(
            Municipality,
            verbose_name=_("other municipalities of a joint group"),
            blank=True,
            related_name="+",
        )
    )
    name = models.CharField(_("name"), max_length=200)
    territory = models.TextField(_("territory"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=GroupStatus.choices, default=GroupStatus.DRAFT
    )
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("leader"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    secretary = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("secretary"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    support_unit = models.ForeignKey(
        Institution,
        verbose_name=_("unit responsible for technical support"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Bylaws: work organisation and reporting.
    information_exchange = models.TextField(_("how members exchange information"), blank=True)
    agenda_preparation = models.TextField(_("how agenda items are prepared"), blank=True)
    report_interval_months = models.PositiveSmallIntegerField(
        _("reports to the council every (months)"), default=6
    )
    # Meeting rules no one could verify (domain.md §7): settings, not constants.
    notice_working_days = models.PositiveSmallIntegerField(
        _("notice of a scheduled meeting (working days)"), default=3
    )
    quorum_percent = models.PositiveSmallIntegerField(
        _("quorum: more than this share of members present (%)"), default=50
    )
    guest_access_days = models.PositiveSmallIntegerField(
        _("invited participants see the agenda cases for this many days after the meeting"),
        default=0,
    )
    activated_on = models.DateField(_("active since"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("cooperation group")
        verbose_name_plural = _("cooperation groups")
        constraints = [
            models.CheckConstraint(
                condition=Q(quorum_percent__lte=99), name="cooperation_group_quorum_range"
            ),
            models.CheckConstraint(
                condition=~Q(status="active") | Q(activated_on__isnull=False),
                name="cooperation_group_active_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.municipality_id}

    @property
    def is_active(self) -> bool:
        return self.status == GroupStatus.ACTIVE


class GroupMember(models.Model):
    """An institution in the group, represented by a person (a Sargs user, when they have
    an account), for a period."""

    group = models.ForeignKey(CooperationGroup, on_delete=models.CASCADE, related_name="members")
    institution = models.ForeignKey(
        Institution, verbose_name=_("institution"), on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("representative"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    since = models.DateField(_("since"))
    until = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["institution__name", "pk"]
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "institution", "person"],
                condition=Q(until__isnull=True),
                name="group_member_once_active",
            ),
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=F("since")),
                name="group_member_period_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.institution} ({self.person or '–'})"

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.group.municipality_id}


class MeetingKind(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    URGENT = "urgent", _("Urgent")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("meeting", "Planned")
    HELD = "held", pgettext_lazy("meeting", "Held")
    CANCELLED = "cancelled", pgettext_lazy("meeting", "Cancelled")


class Meeting(models.Model):
    group = models.ForeignKey(CooperationGroup, on_delete=models.PROTECT, related_name="meetings")
    number = models.PositiveIntegerField(pgettext_lazy("meeting", "number"))
    kind = models.CharField(_("kind"), max_length=10, choices=MeetingKind.choices)
    date = models.DateField(_("date"))
    time = models.TimeField(_("time"))
    place = models.CharField(_("place"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    # The minutes are closed when the meeting is recorded as held.
    held_at = models.DateTimeField(_("minutes closed at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-time", "-pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(fields=["group", "number"], name="meeting_number_once"),
            models.CheckConstraint(
                condition=~Q(status="held") | Q(held_at__isnull=False),
                name="meeting_held_has_time",
            ),
        ]

    def __str__(self) -> str:
        return _("Meeting No. %(number)s") % {"number": self.number}

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.group.municipality_id}

    @property
    def access_until(self) -> datetime.date:
        """The last day an invited participant sees the cases on the agenda."""
        return self.date + datetime.timedelta(days=self.group.guest_access_days)


class ParticipantKind(models.TextChoices):
    MEMBER = "member", _("Member")
    GUEST = "guest", _("Invited")


class GuestType(models.TextChoices):
    """Domain brief §7: who members may invite."""

    SCHOOL = "school", _("Educational institution")
    CHILDCARE = "childcare", _("Childcare institution")
    PRISON = "prison", _("Prison")
    PEDAGOGICAL_MEDICAL = "pedagogical_medical", _("Pedagogical-medical commission")
    ADMINISTRATIVE = "administrative", _("Administrative commission")
    PROBATION = "probation", _("State Probation Service")
    STATE_POLICE = "state_police", _("State Police")
    NGO = "ngo", _("Non-governmental organisation")
    OTHER = "other", _("Other")


class MeetingParticipant(models.Model):
    """Someone invited to a meeting: a member's representative or an invited participant."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participants")
    kind = models.CharField(_("kind"), max_length=10, choices=ParticipantKind.choices)
    member = models.ForeignKey(
        GroupMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=200)
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    guest_type = models.CharField(
        _("invited as"), max_length=20, choices=GuestType.choices, blank=True
    )
    attended = models.BooleanField(_("attended"), default=False)
    confidentiality_confirmed_at = models.DateTimeField(
        _("confidentiality confirmed at"), null=True, blank=True
    )

    class Meta:
        ordering = ["kind", "name", "pk"]
        verbose_name = _("meeting participant")
        verbose_name_plural = _("meeting participants")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"],
                condition=Q(user__isnull=False),
                name="meeting_participant_user_once",
            ),
            models.CheckConstraint(
                condition=Q(kind="member") | ~Q(guest_type=""), name="meeting_guest_has_type"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.meeting.group.municipality_id}

    @property
    def organisation_name(self) -> str:
        return self.institution.name if self.institution else self.organisation


class ItemKind(models.TextChoices):
    CASE = "case", _("Individual case")
    ANALYSIS = "analysis", _("Situation analysis")
    PROGRAMME_PROPOSAL = "programme", _("Proposal for the programme")
    MINISTRY_PROPOSAL = "ministry", _("Proposal to the Ministry of Welfare")
    FOLLOW_UP = "follow_up", _("Overdue task (follow-up)")


PROPOSAL_KINDS = (ItemKind.PROGRAMME_PROPOSAL.value, ItemKind.MINISTRY_PROPOSAL.value)


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=10, choices=ItemKind.choices)
    title = models.CharField(_("title"), max_length=200)
    case = models.ForeignKey(
        Case,
        verbose_name=_("case"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    follow_up_of = models.ForeignKey(
        "DecisionTask",
        verbose_name=_("overdue task"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="follow_ups",
    )
    facts = models.TextField(_("facts considered"), blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="agenda_position_once"),
            models.CheckConstraint(
                condition=~Q(kind="case") | Q(case__isnull=False), name="agenda_case_item_has_case"
            ),
            models.CheckConstraint(
                condition=~Q(kind="follow_up") | Q(follow_up_of__isnull=False),
                name="agenda_follow_up_has_task",
            ),
            models.UniqueConstraint(
                fields=["meeting", "follow_up_of"],
                condition=Q(follow_up_of__isnull=False),
                name="agenda_follow_up_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.meeting.group.municipality_id}


class Decision(models.Model):
    """What the group decided on one agenda item (one decision per item)."""

    item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="decision")
    text = models.TextField(_("decision"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["item__position", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{_('decision')} #{self.pk}"

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.item.meeting.group.municipality_id}


class DecisionTask(models.Model):
    """An agreed action: the responsible institution and the deadline. On a case item the
    work itself is the linked case task (in the institution's worklist); otherwise the
    group tracks it here."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("action"), max_length=200)
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("responsible institution"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    due_on = models.DateField(_("deadline"))
    case_task = models.OneToOneField(
        Task,
        verbose_name=_("case task"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cooperation_task",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    result = models.TextField(_("result"), blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("agreed action")
        verbose_name_plural = _("agreed actions")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open", done_at__isnull=True)
                | (~Q(status="open") & Q(done_at__isnull=False)),
                name="decision_task_done_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.decision.item.meeting.group.municipality_id}

    # The case task is the source of truth where there is one.
    @property
    def current_status(self) -> str:
        return self.case_task.status if self.case_task_id else self.status  # type: ignore[union-attr]

    @property
    def finished_at(self) -> datetime.datetime | None:
        return self.case_task.done_at if self.case_task_id else self.done_at  # type: ignore[union-attr]

    def get_current_status_display(self) -> str:
        return str(TaskStatus(self.current_status).label)
