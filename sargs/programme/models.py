"""The child rights protection programme (domain.md §4; docs/adr/0011-programme.md).

A ``Programme`` covers a period of years. Its content lives in ``ProgrammeVersion`` rows: a
draft is edited; the council's approval (decision number and date) makes it immutable; an
amendment copies the approved version into a new draft, and approving that supersedes the
old one, which is kept. Strategic-part sections, problems, priorities, involvement records
and the action plan hang off a version. Monitoring (who monitors, the monitoring council,
the reporting calendar, the reports) hangs off the programme, because it runs across
versions: a report names an activity, and an activity keeps its ``lineage`` through copies.
Anonymous questionnaires belong to the programme too and store no personal data.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from sargs.organisations.models import Institution, Municipality


class Programme(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="programmes"
    )
    title = models.CharField(_("title"), max_length=200)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    # Monitoring procedure (part 3): who monitors.
    monitoring_official = models.CharField(_("responsible official"), max_length=200, blank=True)
    monitoring_unit = models.ForeignKey(
        Institution,
        verbose_name=_("responsible institution or unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reports_per_year = models.PositiveSmallIntegerField(_("reports per year"), default=2)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-start_year", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=F("start_year")), name="programme_years_ordered"
            ),
            # One programme per municipality and years: the service refuses any overlap; the
            # database at least two starting or ending in the same year.
            models.UniqueConstraint(
                fields=["municipality", "start_year"], name="programme_one_per_start_year"
            ),
            models.UniqueConstraint(
                fields=["municipality", "end_year"], name="programme_one_per_end_year"
            ),
            models.CheckConstraint(
                condition=Q(end_year__lte=F("start_year") + 9), name="programme_at_most_ten_years"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.start_year}–{self.end_year}"

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.end_year + 1))

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.municipality_id}


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    APPROVED = "approved", _("approved by the council")
    SUPERSEDED = "superseded", _("superseded by an amendment")


class ProgrammeVersion(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(
        max_length=12, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    based_on = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="amendments"
    )
    amendment_reason = models.TextField(_("reason for the amendment"), blank=True)
    # The assessment the situation description is drawn from (read-only, frozen).
    assessment = models.ForeignKey(
        "assessment.Assessment",
        verbose_name=_("situation assessment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Strategic part.
    legal_basis = models.TextField(_("legal basis"), blank=True)
    drafting_groups = models.TextField(
        _("groups and institutions involved in drafting"), blank=True
    )
    target_groups = models.TextField(_("target groups"), blank=True)
    situation_summary = models.TextField(_("situation description"), blank=True)
    # The coordinator's comments on the assessment tables, per indicator group "1" … "6".
    situation_comments: models.JSONField[dict[str, str]] = models.JSONField(
        default=dict, blank=True
    )
    institutional_model = models.TextField(
        _("institutional model of child rights protection"), blank=True
    )
    # Council approval.
    decision_number = models.CharField(_("council decision number"), max_length=50, blank=True)
    decision_date = models.DateField(_("council decision date"), null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Goes up with every save of the strategic part: an edit started from an older revision
    # is refused instead of overwriting someone else's (core.versioning, ADR 0017).
    revision = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("programme version")
        verbose_name_plural = _("programme versions")
        ordering = ["programme", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "number"], name="programme_version_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(status="draft")
                | (Q(decision_date__isnull=False) & ~Q(decision_number="")),
                name="programme_version_approved_has_decision",
            ),
            # At most one draft and one approved version at a time.
            models.UniqueConstraint(
                fields=["programme"],
                condition=Q(status="draft"),
                name="programme_version_one_draft",
            ),
            models.UniqueConstraint(
                fields=["programme"],
                condition=Q(status="approved"),
                name="programme_version_one_approved",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme} v{self.number}"

    @property
    def is_draft(self) -> bool:
        return self.status == VersionStatus.DRAFT

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.programme.municipality_id}


class Problem(models.Model):
    """A main problem, the indicators that show it (catalogue codes) and its solution."""

    version = models.ForeignKey(ProgrammeVersion, on_delete=models.CASCADE, related_name="problems")
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("problem"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    solution = models.TextField(_("solution"), blank=True)
    indicator_codes: models.JSONField[list[str]] = models.JSONField(
        _("indicators"), default=list, blank=True
    )
    # Where a problem came from outside the programme: "cooperation-decision:<id>" for a
    # cooperation group's proposal for the programme (taken over once per version).
    source = models.CharField(max_length=40, blank=True, default="")

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "source"],
                condition=~Q(source=""),
                name="problem_source_once_per_version",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Priority(models.Model):
    version = models.ForeignKey(
        ProgrammeVersion, on_delete=models.CASCADE, related_name="priorities"
    )
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("priority"), max_length=250)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title


class InvolvementKind(models.TextChoices):
    QUESTIONNAIRE = "questionnaire", _("questionnaire")
    SURVEY = "survey", _("survey")
    DISCUSSION = "discussion", _("discussion")
    WORKING_GROUP = "working_group", _("working group")
    OTHER = "other", _("other")


class Involvement(models.Model):
    """Who took part in drafting, and how (no names of private persons)."""

    version = models.ForeignKey(
        ProgrammeVersion, on_delete=models.CASCADE, related_name="involvements"
    )
    kind = models.CharField(_("how"), max_length=16, choices=InvolvementKind.choices)
    held_on = models.DateField(_("date"), null=True, blank=True)
    participants = models.CharField(_("who took part"), max_length=250)
    participant_count = models.PositiveIntegerField(
        _("number of participants"), null=True, blank=True
    )
    summary = models.TextField(_("summary"), blank=True)
    questionnaire = models.ForeignKey(
        "Questionnaire", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return self.participants


class FundingSource(models.TextChoices):
    EXISTING = "existing", _("existing budget of the responsible institution")
    MUNICIPAL = "municipal", _("additional municipal funding")
    STATE = "state", _("state budget")
    EU = "eu", _("EU funds")
    OTHER = "other", _("other sources")


class Activity(models.Model):
    version = models.ForeignKey(
        ProgrammeVersion, on_delete=models.CASCADE, related_name="activities"
    )
    priority = models.ForeignKey(Priority, on_delete=models.PROTECT, related_name="activities")
    # The same activity across versions: copies keep it, so monitoring follows amendments.
    lineage = models.UUIDField(default=uuid.uuid4, editable=False)
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("activity"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    responsible = models.ForeignKey(
        Institution,
        verbose_name=_("responsible institution"),
        on_delete=models.PROTECT,
        related_name="programme_activities",
    )
    cooperating = models.ManyToManyField(
        Institution, verbose_name=_("co-operating institutions"), blank=True, related_name="+"
    )
    starts_on = models.DateField(_("start"), null=True, blank=True)
    deadline = models.DateField(_("deadline"))

    class Meta:
        verbose_name = _("activity")
        ordering = ["priority__order", "order", "pk"]
        verbose_name_plural = _("activities")
        constraints = [
            models.UniqueConstraint(fields=["version", "lineage"], name="activity_unique_lineage"),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True) | Q(deadline__gte=F("starts_on")),
                name="activity_deadline_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.responsible.municipality_id}


class ActivityCost(models.Model):
    """Planned cost of an activity for one year from one funding source."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="costs")
    year = models.PositiveSmallIntegerField(_("year"))
    source = models.CharField(_("funding source"), max_length=10, choices=FundingSource.choices)
    amount = models.DecimalField(_("amount, EUR"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("activity cost")
        verbose_name_plural = _("activity costs")
        ordering = ["year", "source"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "year", "source"], name="activity_cost_unique"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="activity_cost_not_negative"),
            models.CheckConstraint(
                condition=Q(source__in=[s.value for s in FundingSource]),
                name="activity_cost_known_source",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.source}: {self.amount}"


class IndicatorUnit(models.TextChoices):
    CHILDREN = "children", _("children")
    FAMILIES = "families", _("families")
    PARTICIPANTS = "participants", _("participants")
    EVENTS = "events", _("events")
    INSTITUTIONS = "institutions", _("institutions")
    PLACES = "places", _("places")
    PERCENT = "percent", _("%")
    EUR = "eur", _("EUR")
    OTHER = "other", _("other")


# Units that count people: shown with counts 1–4 suppressed outside the coordinator's pages.
PEOPLE_UNITS = frozenset(
    {IndicatorUnit.CHILDREN, IndicatorUnit.FAMILIES, IndicatorUnit.PARTICIPANTS}
)


class PerformanceIndicator(models.Model):
    """A performance indicator (rezultatīvais rādītājs): baseline, target, unit."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="indicators")
    lineage = models.UUIDField(default=uuid.uuid4, editable=False)
    name = models.CharField(_("indicator"), max_length=250)
    unit = models.CharField(_("unit"), max_length=16, choices=IndicatorUnit.choices)
    # When the indicator is one of the assessment catalogue's (E1 … P3): which cell.
    indicator_code = models.CharField(_("assessment indicator"), max_length=8, blank=True)
    cell = models.CharField(_("cell"), max_length=80, blank=True)
    baseline = models.DecimalField(
        _("baseline"), null=True, blank=True, max_digits=12, decimal_places=2
    )
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(indicator_code="") | ~Q(cell=""),
                name="performance_indicator_code_has_cell",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def cell_label(self) -> str:
        """The assessment cell by its label ("L2 · ģimenes · ģimenes asistents")."""
        from django.utils.translation import get_language

        from sargs.assessment.catalogue import cell_label

        return cell_label(self.indicator_code, self.cell, get_language() or "lv")


class CouncilHearing(models.Model):
    """The council's hearing of the yearly implementation report (at least once a year):
    when it is due, and when the council heard it, with its decision."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="hearings")
    year = models.PositiveSmallIntegerField(_("year reported on"))
    due_on = models.DateField(_("due"))
    heard_on = models.DateField(_("heard by the council on"), null=True, blank=True)
    decision_number = models.CharField(_("council decision number"), max_length=50, blank=True)

    class Meta:
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "year"], name="council_hearing_once"),
            models.CheckConstraint(
                condition=Q(heard_on__isnull=True) | ~Q(decision_number=""),
                name="council_hearing_heard_has_decision",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme} {self.year}"


class FundingDecision(models.Model):
    """What the council granted of the additional municipal funding the action plan asks for
    in one year; the rest of what was asked is refused."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="funding_decisions"
    )
    year = models.PositiveSmallIntegerField(_("budget year"))
    granted = models.DecimalField(
        _("granted"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    decision_number = models.CharField(_("budget decision number"), max_length=50)
    decided_on = models.DateField(_("decided on"))

    class Meta:
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "year"], name="funding_decision_once"),
            models.CheckConstraint(condition=Q(granted__gte=0), name="funding_granted_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.programme} {self.year}: {self.granted}"


class ReportingDate(models.Model):
    """The reporting calendar: when institutions report (e.g. twice a year)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="reporting_dates"
    )
    due_on = models.DateField(_("reports due"))
    remind_days_before = models.PositiveSmallIntegerField(_("remind days before"), default=14)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "due_on"], name="reporting_date_unique")
        ]

    def __str__(self) -> str:
        return self.due_on.strftime("%d.%m.%Y")


class MemberKind(models.TextChoices):
    INSTITUTION = "institution", _("institution")
    NGO = "ngo", _("NGO")
    CHILD = "child", _("child")
    OTHER = "other", _("other")


class ChildAgeGroup(models.TextChoices):
    AGE_7_12 = "7_12", _("7–12 years")
    AGE_13_15 = "13_15", _("13–15 years")
    AGE_16_17 = "16_17", _("16–17 years")


class CouncilMember(models.Model):
    """A member of the optional monitoring council. For a child, only a first name and an
    age group: never a surname or personal code."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="council_members"
    )
    kind = models.CharField(_("member"), max_length=12, choices=MemberKind.choices)
    name = models.CharField(_("name"), max_length=150)
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    age_group = models.CharField(
        _("age group"), max_length=6, choices=ChildAgeGroup.choices, blank=True
    )

    class Meta:
        verbose_name = _("monitoring council member")
        verbose_name_plural = _("monitoring council members")
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="child") & ~Q(age_group=""))
                | (~Q(kind="child") & Q(age_group="")),
                name="council_member_age_group_for_children",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.programme.municipality_id}


class ActivityStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("not started")
    IN_PROGRESS = "in_progress", _("in progress")
    COMPLETED = "completed", _("completed")
    SUSPENDED = "suspended", _("suspended")


class Track(models.TextChoices):
    ON_TRACK = "on_track", _("on track")
    NOT_STARTED = "not_started", _("not started")
    AT_RISK = "at_risk", _("at risk")
    LATE = "late", _("late")


class MonitoringReport(models.Model):
    """A responsible institution's report on one activity, as of a date."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="reports")
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="reports")
    reporting_date = models.ForeignKey(
        ReportingDate, on_delete=models.SET_NULL, null=True, blank=True, related_name="reports"
    )
    as_of = models.DateField(_("as of"))
    status = models.CharField(_("status"), max_length=12, choices=ActivityStatus.choices)
    spent = models.DecimalField(_("money spent to date, EUR"), max_digits=12, decimal_places=2)
    narrative = models.TextField(_("what was done"), max_length=2000, blank=True)
    # Computed when saved, from deadline, spending and the path to target.
    computed_track = models.CharField(max_length=12, choices=Track.choices)
    # Why the track was computed so, in one sentence, in both languages (tracking.py).
    track_reason_lv = models.TextField(blank=True)
    track_reason_en = models.TextField(blank=True)
    override_track = models.CharField(
        _("assessment"), max_length=12, choices=Track.choices, blank=True
    )
    override_reason = models.TextField(_("reason"), blank=True)
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("monitoring report")
        verbose_name_plural = _("monitoring reports")
        ordering = ["-as_of", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(spent__gte=0), name="monitoring_report_spent_ok"),
            models.CheckConstraint(
                condition=Q(override_track="") | ~Q(override_reason=""),
                name="monitoring_report_override_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity} {self.as_of}"

    @property
    def track(self) -> str:
        return self.override_track or self.computed_track

    def get_track_display(self) -> str:
        return str(Track(self.track).label)

    @property
    def track_reason(self) -> str:
        """Why the computed track is what it is, in the interface language."""
        from django.utils.translation import get_language

        english = (get_language() or "lv").startswith("en")
        return self.track_reason_en if english else self.track_reason_lv

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.programme.municipality_id}


class IndicatorResult(models.Model):
    report = models.ForeignKey(MonitoringReport, on_delete=models.CASCADE, related_name="results")
    indicator = models.ForeignKey(
        PerformanceIndicator, on_delete=models.PROTECT, related_name="results"
    )
    actual = models.DecimalField(_("actual"), max_digits=12, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="indicator_result_unique")
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.actual}"


# --- Anonymous questionnaires ------------------------------------------------------------


class Audience(models.TextChoices):
    CHILDREN_7_12 = "children_7_12", _("children 7–12 years")
    CHILDREN_13_17 = "children_13_17", _("children 13–17 years")
    FAMILIES = "families", _("families")


class QuestionnaireStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    OPEN = "open", _("open for answers")
    CLOSED = "closed", _("closed")


class Questionnaire(models.Model):
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="questionnaires"
    )
    title = models.CharField(_("title"), max_length=200)
    audience = models.CharField(_("for whom"), max_length=16, choices=Audience.choices)
    introduction = models.TextField(_("introduction"), blank=True)
    # The unguessable part of the public link.
    token = models.CharField(max_length=64, unique=True)
    status = models.CharField(
        max_length=8, choices=QuestionnaireStatus.choices, default=QuestionnaireStatus.DRAFT
    )
    # Answers that came from a link and address that had already answered within the limit's
    # window (questionnaire_services). A count for the whole questionnaire, never per answer,
    # so that no answer carries anything about where it came from.
    repeated_address_answers = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("single choice")
    MULTIPLE = "multiple", _("multiple choice")
    SCALE = "scale", _("scale 1–5")
    TEXT = "text", _("free text")


SCALE_VALUES = (1, 2, 3, 4, 5)


class Question(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="questions"
    )
    order = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("type"), max_length=8, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=300)
    options: models.JSONField[list[str]] = models.JSONField(_("options"), default=list, blank=True)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text


class QuestionnaireResponse(models.Model):
    """One anonymous submission: no user, no address, no time of day (only the date)."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="responses"
    )
    submitted_on = models.DateField()

    def __str__(self) -> str:
        return f"{self.questionnaire_id} {self.submitted_on}"


class Answer(models.Model):
    response = models.ForeignKey(
        QuestionnaireResponse, on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    # Chosen option indexes (single, multiple) or the scale value as a one-item list.
    choices: models.JSONField[list[int]] = models.JSONField(default=list, blank=True)
    text = models.TextField(blank=True, max_length=2000)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="answer_unique")
        ]

    def __str__(self) -> str:
        return f"{self.question_id}"


ZERO = Decimal("0.00")
