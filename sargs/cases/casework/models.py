"""Cases and their work: participants, the shared timeline, tasks, needs and risk
assessments and the rehabilitation plan.

A case belongs to the municipality that keeps the children's record; the institutions taking
part are its participants. Each timeline entry names who besides the case team (the social
service and the orphan's court) may read it. See docs/adr/0008-case-access.md.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sargs.core.choices import register_choices
from sargs.organisations.models import Institution, Municipality
from sargs.registry.models import Child


class CaseStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("case", "Open")
    CLOSED = "closed", pgettext_lazy("case", "Closed")


class CaseOutcome(models.TextChoices):
    STAYED = "stayed_in_family", _("The child stayed in the family")
    RETURNED = "returned_to_family", _("The child returned to the family")
    PLACED = "placed_in_care", _("The child was placed in out-of-family care")
    MOVED = "moved_away", _("Moved to another municipality (handover)")
    CAME_OF_AGE = "came_of_age", _("The child came of age")
    OTHER = "other", _("Other")


class Case(models.Model):
    """Social work with one family (one or several children), kept by ``municipality``."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="+"
    )
    social_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("case manager"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    children: models.ManyToManyField[Child, CaseChild] = models.ManyToManyField(
        Child, through="CaseChild", verbose_name=_("children"), related_name="cases"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=CaseOutcome.choices, blank=True)
    outcome_note = models.TextField(_("outcome note"), blank=True)
    # The family's earlier, closed case when a new concern opened this one instead of
    # reopening that (issue 15, point 4).
    previous_case = models.ForeignKey(
        "self",
        verbose_name=_("earlier case"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="later_cases",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-opened_on", "-pk"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints = [
            models.CheckConstraint(
                condition=Q(status=CaseStatus.OPEN.value, closed_on__isnull=True, outcome="")
                | (Q(status=CaseStatus.CLOSED.value, closed_on__isnull=False) & ~Q(outcome="")),
                name="case_closed_has_outcome",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("opened_on")),
                name="case_period_order",
            ),
        ]
        indexes = [
            models.Index(fields=["municipality", "status"]),
            # The worklist's "cases I manage" branch: a social worker's open cases (issue 20).
            models.Index(
                fields=["social_worker"],
                condition=Q(status=CaseStatus.OPEN.value),
                name="case_open_by_social_worker",
            ),
            # The case list (the API's): open or closed cases, newest first, walked in order
            # until a page of the cases seen is full (issue 20).
            models.Index(fields=["status", "-opened_on", "-id"], name="case_by_status_opened"),
        ]

    def __str__(self) -> str:
        return f"{_('case')} #{self.pk}"

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.municipality_id}

    @property
    def is_open(self) -> bool:
        return self.status == CaseStatus.OPEN


class CaseChild(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="case_children")
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="case_links")
    added_on = models.DateField(_("added on"))
    # Whether the child's case is still open: a child is in at most one open case.
    active = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("child on a case")
        verbose_name_plural = _("children on cases")
        ordering = ["child__last_name", "child__first_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["case", "child"], name="case_child_once"),
            models.UniqueConstraint(
                fields=["child"], condition=Q(active=True), name="case_child_one_open_case"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}/{self.child_id}"

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.case.municipality_id}


class ParticipantRole(models.TextChoices):
    OWNER = "owner", _("Social service in charge")
    COURT = "court", _("Orphan's court")
    REPORTER = "reporter", _("Reported the concern")
    PROVIDER = "provider", _("Service provider")
    OTHER = "other", _("Other institution")


class CaseParticipant(models.Model):
    """An institution taking part in a case, for a period."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="participants")
    institution = models.ForeignKey(
        Institution, verbose_name=_("institution"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("part"), max_length=10, choices=ParticipantRole.choices)
    since = models.DateField(_("since"))
    until = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["since", "pk"]
        verbose_name = _("case participant")
        verbose_name_plural = _("case participants")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "institution"],
                condition=Q(until__isnull=True),
                name="case_participant_once_active",
            ),
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=F("since")),
                name="case_participant_period_order",
            ),
        ]
        indexes = [
            # The cases an institution takes part in now, read from the index alone (the case
            # list's access condition, issue 20).
            models.Index(
                fields=["institution", "case"],
                condition=Q(until__isnull=True),
                name="participant_active_by_inst",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.institution_id} ({self.role})"

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.case.municipality_id}


class EntryKind(models.TextChoices):
    CONCERN = "concern", _("Concern")
    TAKEN_UP = "taken_up", _("Concern taken up")
    ASSESSMENT = "assessment", _("Needs and risk assessment")
    PLAN = "plan", _("Rehabilitation plan")
    TASK = "task", _("Task")
    NOTE = "note", _("Note")
    PARTICIPANT = "participant", _("Participants")
    REFERRAL = "referral", _("Service")
    PROCEEDING = "proceeding", _("Orphan's court")
    CLOSURE = "closure", _("Case closed")
    REOPENED = "reopened", _("Case reopened")
    CHILD_ADDED = "child_added", _("Child added to the case")
    TRANSFER = "transfer", _("Handed over between municipalities")


class TimelineEntry(models.Model):
    """One event on a case's timeline. The case team always reads it; anyone else only when an
    audience row names their institution or its type."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="timeline")
    kind = models.CharField(_("kind"), max_length=12, choices=EntryKind.choices)
    # A note's words, or a system text's words as first written (casework.messages): a
    # system text is read from ``message`` and ``params``, in the reader's language.
    text = models.TextField(_("text"))
    message = models.CharField(max_length=40, blank=True, default="")
    params = models.JSONField(default=dict, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.get_kind_display()}"

    @property
    def body(self) -> str:
        """The entry's words in the active language."""
        return _rendered(self.message, self.params) or self.text

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.case.municipality_id}


class TimelineAudience(models.Model):
    """Who besides the case team reads an entry: one institution, or every participating
    institution of one type."""

    entry = models.ForeignKey(TimelineEntry, on_delete=models.CASCADE, related_name="audience")
    institution = models.ForeignKey(
        Institution, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    institution_type = models.CharField(max_length=32, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(institution__isnull=False, institution_type="")
                | (Q(institution__isnull=True) & ~Q(institution_type="")),
                name="timeline_audience_one_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.entry_id}: {self.institution_id or self.institution_type}"


class TaskStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("task", "Open")
    DONE = "done", pgettext_lazy("task", "Done")
    CANCELLED = "cancelled", pgettext_lazy("task", "Cancelled")


class Task(models.Model):
    """Work assigned within a case to an institution (and optionally one of its people)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("task"), max_length=200)
    # A task the system sets (the one-year review, a term's end) names itself with a code and
    # parameters (casework.messages); ``title`` keeps its words as first written.
    title_message = models.CharField(max_length=40, blank=True, default="")
    title_params = models.JSONField(default=dict, blank=True)
    description = models.TextField(_("details"), blank=True)
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("responsible institution"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    due_on = models.DateField(_("deadline"))
    # The plan area the task serves (blank for tasks outside the rehabilitation plan).
    area = models.CharField(_("plan area"), max_length=20, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    result = models.TextField(_("result"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        constraints = [
            models.CheckConstraint(
                condition=Q(status=TaskStatus.OPEN.value, done_at__isnull=True)
                | (~Q(status=TaskStatus.OPEN.value) & Q(done_at__isnull=False)),
                name="task_done_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["institution", "status", "due_on"]),
            # The worklist's branches, soonest first: open tasks assigned to a person, and
            # given to an institution (issue 20).
            models.Index(
                fields=["assignee", "due_on"],
                condition=Q(status=TaskStatus.OPEN.value),
                name="task_open_by_assignee",
            ),
            # With the id, a page of an institution's open tasks in deadline order is an
            # ordered walk of this index, however deep (page 200 of Rīga's social service at
            # tenfold: 179 -> 50 ms); the worklist's counts read it alone.
            models.Index(
                fields=["institution", "due_on", "id"],
                condition=Q(status=TaskStatus.OPEN.value),
                name="task_open_by_institution",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('task')} #{self.pk}"

    @property
    def name(self) -> str:
        """The task's title in the active language."""
        return _rendered(self.title_message, self.title_params) or self.title

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.case.municipality_id}


@register_choices("support_area")
class SupportArea(models.TextChoices):
    """Domain brief §8: the areas of a family assistant's and a plan's work."""

    HOUSING = "housing", _("Housing")
    EMPLOYMENT = "employment", _("Employment")
    EDUCATION = "education", _("Education")
    BUDGET = "budget", _("Budget planning")
    ADDICTION = "addiction", _("Addiction")
    HEALTH = "health", _("Health")
    SOCIAL_SKILLS = "social_skills", _("Social skills")
    SELF_CARE = "self_care", _("Self-care")
    HOUSEHOLD = "household", _("Household skills")
    CHILDCARE = "childcare", _("Childcare and upbringing")


class AreaRating(models.IntegerChoices):
    NO_NEED = 0, _("No need")
    SOME_NEED = 1, _("Some need")
    SERIOUS_NEED = 2, _("Serious need")
    CRISIS = 3, _("Crisis")


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    VERY_HIGH = "very_high", _("Very high")


class Assessment(models.Model):
    """A structured needs and risk assessment of a case's family; never edited, only repeated.
    ``version`` numbers a case's assessments in the order they were recorded (1, 2, …): a new
    one says which it was made after, so two workers assessing at once do not silently
    replace each other's (core.versioning, ADR 0017)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assessments")
    version = models.PositiveIntegerField(_("version"))
    assessed_on = models.DateField(_("assessed on"))
    overall_risk = models.CharField(_("overall risk"), max_length=10, choices=RiskLevel.choices)
    summary = models.TextField(_("summary"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-assessed_on", "-pk"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(fields=["case", "version"], name="assessment_version_once"),
            models.CheckConstraint(condition=Q(version__gte=1), name="assessment_version_positive"),
        ]

    def __str__(self) -> str:
        return f"{_('assessment')} #{self.pk}"

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.case.municipality_id}


class AssessmentArea(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="areas")
    area = models.CharField(_("area"), max_length=20, choices=SupportArea.choices)
    rating = models.PositiveSmallIntegerField(_("rating"), choices=AreaRating.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("assessment area")
        verbose_name_plural = _("assessment areas")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "area"], name="assessment_area_once"),
            models.CheckConstraint(condition=Q(rating__lte=3), name="assessment_rating_range"),
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id}: {self.area}={self.rating}"

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.assessment.case.municipality_id}


class RehabilitationPlan(models.Model):
    """One version of a case's social rehabilitation plan. Versions are never changed: every
    change of goals or review date is a new version, which needs the family's agreement again."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="plans")
    version = models.PositiveIntegerField(_("version"))
    review_on = models.DateField(_("review date"))
    family_agreed_on = models.DateField(_("family agreed on"), null=True, blank=True)
    family_agreement_note = models.TextField(_("family's agreement"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("rehabilitation plan")
        verbose_name_plural = _("rehabilitation plans")
        constraints = [
            models.UniqueConstraint(fields=["case", "version"], name="plan_version_once"),
            models.CheckConstraint(condition=Q(version__gte=1), name="plan_version_positive"),
        ]

    def __str__(self) -> str:
        return _("plan #%(case)s/%(version)s") % {"case": self.case_id, "version": self.version}

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.case.municipality_id}


class PlanGoal(models.Model):
    plan = models.ForeignKey(RehabilitationPlan, on_delete=models.CASCADE, related_name="goals")
    area = models.CharField(_("area"), max_length=20, choices=SupportArea.choices)
    goal = models.TextField(_("goal"))

    class Meta:
        verbose_name = _("plan goal")
        verbose_name_plural = _("plan goals")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "area"], name="plan_goal_once_per_area"),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id}: {self.area}"

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.plan.case.municipality_id}


def _rendered(code: str, params: dict[str, object]) -> str:
    if not code:
        return ""
    from .messages import render  # messages reads the choices above

    return render(code, params)
