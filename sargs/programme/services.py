"""Writes for the programme. Each takes keyword arguments and the acting user, runs in one
transaction, checks the actor's right and the rules with messages a person can act on;
auditlog records the changes. Questionnaire answers are the one write without an actor."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from sargs.assessment.catalogue import BY_CODE, cells_of
from sargs.assessment.models import Assessment, AssessmentStatus
from sargs.core.versioning import update_if_current
from sargs.organisations.models import Institution, Municipality, User
from sargs.organisations.principal import principal_for_user

from . import selectors
from .access import activity_policy, coordinated_municipalities
from .models import (
    Activity,
    ActivityCost,
    ActivityStatus,
    CouncilMember,
    FundingSource,
    IndicatorResult,
    Involvement,
    MemberKind,
    MonitoringReport,
    PerformanceIndicator,
    Priority,
    Problem,
    Programme,
    ProgrammeVersion,
    Questionnaire,
    ReportingDate,
    Track,
    VersionStatus,
)
from .tracking import IndicatorPath, explain_track

SECTION_FIELDS = (
    "legal_basis",
    "drafting_groups",
    "target_groups",
    "situation_summary",
    "institutional_model",
)


def _require_coordinator(actor: User, municipality_id: int) -> None:
    if municipality_id not in coordinated_municipalities(principal_for_user(actor)):
        raise PermissionDenied


def _require_draft(version: ProgrammeVersion) -> None:
    if version.status != VersionStatus.DRAFT:
        raise ValidationError(
            _("An approved version cannot be changed: amend the programme to make a new version.")
        )


def _editable(actor: User, version: ProgrammeVersion) -> None:
    _require_coordinator(actor, version.programme.municipality_id)
    _require_draft(version)


# --- Programme and versions ------------------------------------------------------------------


@transaction.atomic
def programme_create(
    *,
    actor: User,
    municipality: Municipality,
    title: str,
    start_year: int,
    end_year: int,
    assessment: Assessment | None = None,
) -> Programme:
    """Start a programme with a first draft whose situation description comes from the
    given assessment, or the municipality's latest approved one."""
    _require_coordinator(actor, municipality.pk)
    if end_year < start_year:
        raise ValidationError({"end_year": _("The last year cannot be before the first.")})
    if end_year - start_year > 9:
        raise ValidationError({"end_year": _("A programme covers at most ten years.")})
    overlapping = Programme.objects.filter(
        municipality=municipality, start_year__lte=end_year, end_year__gte=start_year
    ).first()
    if overlapping is not None:
        raise ValidationError(
            {
                "start_year": _(
                    "%(municipality)s already has a programme for %(first)s–%(last)s "
                    "(“%(title)s”). Amend it instead of starting another for the same years."
                )
                % {
                    "municipality": municipality.name,
                    "first": overlapping.start_year,
                    "last": overlapping.end_year,
                    "title": overlapping.title,
                }
            }
        )
    if assessment is None:
        assessment = selectors.latest_frozen_assessment(municipality)
    elif (
        assessment.municipality_id != municipality.pk
        or assessment.status != AssessmentStatus.FROZEN
    ):
        raise ValidationError(
            {"assessment": _("Choose an approved assessment of this municipality.")}
        )
    programme = Programme(
        municipality=municipality,
        title=title.strip(),
        start_year=start_year,
        end_year=end_year,
        created_by=actor,
    )
    programme.full_clean()
    programme.save()
    findings = dict(assessment.findings) if assessment is not None else {}
    ProgrammeVersion.objects.create(
        programme=programme,
        number=1,
        assessment=assessment,
        # The assessment's findings are the starting point of the coordinator's comments.
        situation_summary=str(findings.pop("summary", "")),
        situation_comments={k: str(v) for k, v in findings.items() if str(v).strip()},
        legal_basis=_(
            "Protection of the Rights of the Child Law, article 66: the municipality analyses "
            "the situation of children's rights in its territory and develops and implements a "
            "child rights protection programme."
        ),
    )
    return programme


@transaction.atomic
def version_update(
    *,
    actor: User,
    version: ProgrammeVersion,
    assessment: Assessment | None = None,
    situation_comments: Mapping[str, str] | None = None,
    revision: int | None = None,
    **sections: str,
) -> ProgrammeVersion:
    """Edit the strategic part's sections and the comments on the situation tables.

    ``revision`` is the one the editor started from: when someone saved since, nothing is
    written and StaleEdit carries the stored texts (core.versioning)."""
    _editable(actor, version)
    unknown = set(sections) - set(SECTION_FIELDS)
    if unknown:
        raise ValueError(f"unknown sections: {sorted(unknown)}")
    for name, text in sections.items():
        setattr(version, name, text.strip())
    if assessment is not None:
        if (
            assessment.municipality_id != version.programme.municipality_id
            or assessment.status != AssessmentStatus.FROZEN
        ):
            raise ValidationError(
                {"assessment": _("Choose an approved assessment of this municipality.")}
            )
        version.assessment = assessment
    if situation_comments is not None:
        version.situation_comments = {
            k: v.strip() for k, v in situation_comments.items() if v and v.strip()
        }
    version.full_clean()
    written = [*sections, "updated_at"]
    if assessment is not None:
        written.append("assessment")
    if situation_comments is not None:
        written.append("situation_comments")
    version.updated_at = timezone.now()
    version.revision = update_if_current(
        ProgrammeVersion.objects.all(),
        version.pk,
        expected=revision,
        values={name: getattr(version, name) for name in written},
    )
    return version


@transaction.atomic
def version_approve(
    *, actor: User, version: ProgrammeVersion, decision_number: str, decision_date: datetime.date
) -> ProgrammeVersion:
    """Record the council's approval; the version becomes immutable and the previously
    approved one (when this is an amendment) is kept as superseded."""
    _editable(actor, version)
    decision_number = decision_number.strip()
    if not decision_number:
        raise ValidationError({"decision_number": _("Enter the council decision number.")})
    if decision_date > timezone.localdate():
        raise ValidationError({"decision_date": _("The decision date cannot be in the future.")})
    if not version.priorities.exists() or not version.activities.exists():
        raise ValidationError(_("Add at least one priority and one activity before approval."))
    for previous in version.programme.versions.filter(status=VersionStatus.APPROVED):
        previous.status = VersionStatus.SUPERSEDED
        previous.save()
    version.status = VersionStatus.APPROVED
    version.decision_number = decision_number
    version.decision_date = decision_date
    version.approved_at = timezone.now()
    version.approved_by = actor
    version.full_clean()
    version.save()
    return version


@transaction.atomic
def version_amend(*, actor: User, version: ProgrammeVersion, reason: str) -> ProgrammeVersion:
    """Start an amendment: a new draft version copied from the approved one."""
    _require_coordinator(actor, version.programme.municipality_id)
    if version.status != VersionStatus.APPROVED:
        raise ValidationError(_("Only the approved version can be amended."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the programme is amended.")})
    if version.programme.versions.filter(status=VersionStatus.DRAFT).exists():
        raise ValidationError(_("An amendment is already being drafted."))
    number = version.programme.versions.aggregate(n=Max("number"))["n"] + 1
    copy = ProgrammeVersion.objects.create(
        programme=version.programme,
        number=number,
        based_on=version,
        amendment_reason=reason.strip(),
        assessment=version.assessment,
        situation_comments=dict(version.situation_comments),
        **{name: getattr(version, name) for name in SECTION_FIELDS},
    )
    for problem in version.problems.all():
        problem.pk = None
        problem.version = copy
        problem.save()
    for involvement in version.involvements.all():
        involvement.pk = None
        involvement.version = copy
        involvement.save()
    priorities = {}
    for priority in version.priorities.all():
        old = priority.pk
        priority.pk = None
        priority.version = copy
        priority.save()
        priorities[old] = priority
    for activity in version.activities.prefetch_related("cooperating", "costs", "indicators"):
        cooperating = list(activity.cooperating.all())
        costs = list(activity.costs.all())
        indicators = list(activity.indicators.all())
        activity.pk = None
        activity.version = copy
        activity.priority = priorities[activity.priority_id]
        activity.save()
        activity.cooperating.set(cooperating)
        for cost in costs:
            cost.pk = None
            cost.activity = activity
            cost.save()
        for indicator in indicators:
            indicator.pk = None
            indicator.activity = activity
            indicator.save()
    return copy


# --- Strategic part --------------------------------------------------------------------------


def _clean_codes(codes: Iterable[str]) -> list[str]:
    chosen = {c.strip().upper() for c in codes if c.strip()}
    unknown = sorted(chosen - set(BY_CODE))
    if unknown:
        raise ValidationError({"indicator_codes": _("Unknown indicator: %s.") % ", ".join(unknown)})
    order = list(BY_CODE)
    return sorted(chosen, key=order.index)


@transaction.atomic
def problem_save(
    *,
    actor: User,
    version: ProgrammeVersion,
    title: str,
    description: str = "",
    solution: str = "",
    indicator_codes: Iterable[str] = (),
    problem: Problem | None = None,
) -> Problem:
    """Add or edit a main problem, linked to the indicators that show it."""
    _editable(actor, version)
    if problem is None:
        problem = Problem(version=version, order=version.problems.count() + 1)
    elif problem.version_id != version.pk:
        raise PermissionDenied
    problem.title = title.strip()
    problem.description = description.strip()
    problem.solution = solution.strip()
    problem.indicator_codes = _clean_codes(indicator_codes)
    if not problem.indicator_codes:
        raise ValidationError({"indicator_codes": _("Link the problem to at least one indicator.")})
    problem.full_clean()
    problem.save()
    return problem


@transaction.atomic
def priority_save(
    *,
    actor: User,
    version: ProgrammeVersion,
    title: str,
    description: str = "",
    priority: Priority | None = None,
) -> Priority:
    _editable(actor, version)
    if priority is None:
        priority = Priority(version=version, order=version.priorities.count() + 1)
    elif priority.version_id != version.pk:
        raise PermissionDenied
    priority.title = title.strip()
    priority.description = description.strip()
    priority.full_clean()
    priority.save()
    return priority


@transaction.atomic
def involvement_add(
    *,
    actor: User,
    version: ProgrammeVersion,
    kind: str,
    participants: str,
    held_on: datetime.date | None = None,
    participant_count: int | None = None,
    summary: str = "",
    questionnaire: Questionnaire | None = None,
) -> Involvement:
    """Record who took part in drafting and how."""
    _editable(actor, version)
    involvement = Involvement(
        version=version,
        kind=kind,
        participants=participants.strip(),
        held_on=held_on,
        participant_count=participant_count,
        summary=summary.strip(),
        questionnaire=questionnaire,
    )
    involvement.full_clean()
    involvement.save()
    return involvement


# --- Action plan -----------------------------------------------------------------------------

CostKey = tuple[int, str]


@transaction.atomic
def activity_save(
    *,
    actor: User,
    version: ProgrammeVersion,
    priority: Priority,
    title: str,
    responsible: Institution,
    deadline: datetime.date,
    costs: Mapping[CostKey, Decimal],
    description: str = "",
    cooperating: Iterable[Institution] = (),
    starts_on: datetime.date | None = None,
    activity: Activity | None = None,
) -> Activity:
    """Add or edit an activity with its planned cost per year and funding source."""
    _editable(actor, version)
    programme = version.programme
    if priority.version_id != version.pk:
        raise ValidationError({"priority": _("Choose a priority of this programme version.")})
    if not programme.start_year <= deadline.year <= programme.end_year:
        raise ValidationError(
            {"deadline": _("The deadline must fall within the programme's years.")}
        )
    if starts_on and starts_on > deadline:
        raise ValidationError({"starts_on": _("The start cannot be after the deadline.")})
    sources = {s.value for s in FundingSource}
    for (year, source), amount in costs.items():
        if source not in sources:
            raise ValidationError(_("Unknown funding source: %s.") % source)
        if year not in programme.years:
            raise ValidationError(_("Costs can be planned only for the programme's years."))
        if amount < 0:
            raise ValidationError(_("A cost cannot be negative."))
    if activity is None:
        activity = Activity(version=version, order=version.activities.count() + 1)
    elif activity.version_id != version.pk:
        raise PermissionDenied
    activity.priority = priority
    activity.title = title.strip()
    activity.description = description.strip()
    activity.responsible = responsible
    activity.starts_on = starts_on
    activity.deadline = deadline
    activity.full_clean()
    activity.save()
    activity.cooperating.set([i for i in cooperating if i.pk != responsible.pk])
    activity.costs.all().delete()
    ActivityCost.objects.bulk_create(
        ActivityCost(activity=activity, year=year, source=source, amount=amount)
        for (year, source), amount in sorted(costs.items())
        if amount
    )
    return activity


@transaction.atomic
def activity_delete(*, actor: User, activity: Activity) -> None:
    _editable(actor, activity.version)
    activity.delete()


@transaction.atomic
def indicator_add(
    *,
    actor: User,
    activity: Activity,
    name: str,
    unit: str,
    target: Decimal,
    baseline: Decimal | None = None,
    indicator_code: str = "",
    cell: str = "",
) -> PerformanceIndicator:
    """Add a performance indicator. When it is one of the assessment's indicators, the
    baseline is the cell's figure in the version's assessment, unless one is given."""
    version = activity.version
    _editable(actor, version)
    baseline_year = None
    if indicator_code:
        spec = BY_CODE.get(indicator_code)
        if spec is None or cell not in cells_of(spec.spec_json()):
            raise ValidationError({"cell": _("Choose a cell of the indicator.")})
        if baseline is None:
            if version.assessment is None:
                raise ValidationError(
                    {"baseline": _("The programme has no assessment; enter the baseline.")}
                )
            baseline = selectors.frozen_cell(
                assessment=version.assessment, code=indicator_code, cell=cell
            )
            if baseline is None:
                raise ValidationError(
                    {
                        "baseline": _(
                            "The assessment has no figure for this cell; enter the baseline."
                        )
                    }
                )
        if version.assessment is not None:
            baseline_year = version.assessment.year
    indicator = PerformanceIndicator(
        activity=activity,
        name=name.strip(),
        unit=unit,
        target=target,
        baseline=baseline,
        baseline_year=baseline_year,
        indicator_code=indicator_code,
        cell=cell if indicator_code else "",
    )
    indicator.full_clean()
    indicator.save()
    return indicator


@transaction.atomic
def indicator_delete(*, actor: User, indicator: PerformanceIndicator) -> None:
    _editable(actor, indicator.activity.version)
    indicator.delete()


# --- Monitoring ------------------------------------------------------------------------------


@transaction.atomic
def monitoring_update(
    *,
    actor: User,
    programme: Programme,
    monitoring_official: str,
    monitoring_unit: Institution | None,
    reports_per_year: int,
) -> Programme:
    """Who monitors the programme and how often institutions report."""
    _require_coordinator(actor, programme.municipality_id)
    if not 1 <= reports_per_year <= 12:
        raise ValidationError({"reports_per_year": _("Between one and twelve reports a year.")})
    programme.monitoring_official = monitoring_official.strip()
    programme.monitoring_unit = monitoring_unit
    programme.reports_per_year = reports_per_year
    programme.full_clean()
    programme.save()
    return programme


@transaction.atomic
def council_member_add(
    *,
    actor: User,
    programme: Programme,
    kind: str,
    name: str,
    institution: Institution | None = None,
    age_group: str = "",
) -> CouncilMember:
    """Add a monitoring council member; a child is recorded by first name and age group."""
    _require_coordinator(actor, programme.municipality_id)
    name = name.strip()
    if kind == MemberKind.CHILD:
        if not age_group:
            raise ValidationError({"age_group": _("Choose the child's age group.")})
        if len(name.split()) > 1 or any(ch.isdigit() for ch in name):
            raise ValidationError(
                {"name": _("For a child, record only the first name: no surname, no codes.")}
            )
    else:
        age_group = ""
    member = CouncilMember(
        programme=programme, kind=kind, name=name, institution=institution, age_group=age_group
    )
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def council_member_remove(*, actor: User, member: CouncilMember) -> None:
    _require_coordinator(actor, member.programme.municipality_id)
    member.delete()


@transaction.atomic
def reporting_date_add(
    *, actor: User, programme: Programme, due_on: datetime.date, remind_days_before: int = 14
) -> ReportingDate:
    _require_coordinator(actor, programme.municipality_id)
    if not programme.start_year <= due_on.year <= programme.end_year + 1:
        raise ValidationError({"due_on": _("The date must fall within the programme's years.")})
    if programme.reporting_dates.filter(due_on=due_on).exists():
        raise ValidationError({"due_on": _("This reporting date is already in the calendar.")})
    date = ReportingDate(programme=programme, due_on=due_on, remind_days_before=remind_days_before)
    date.full_clean()
    date.save()
    return date


@transaction.atomic
def reporting_calendar_fill(*, actor: User, programme: Programme) -> list[ReportingDate]:
    """Spread the reporting dates evenly over each programme year (e.g. 30.06 and 31.12)."""
    _require_coordinator(actor, programme.municipality_id)
    created = []
    step = 12 // programme.reports_per_year
    for year in programme.years:
        for month in range(step, 13, step):
            day = _month_end(year, month)
            if not programme.reporting_dates.filter(due_on=day).exists():
                created.append(ReportingDate.objects.create(programme=programme, due_on=day))
    return created


def _month_end(year: int, month: int) -> datetime.date:
    first_next = datetime.date(year + month // 12, month % 12 + 1, 1)
    return first_next - datetime.timedelta(days=1)


@transaction.atomic
def monitoring_report_create(
    *,
    actor: User,
    activity: Activity,
    as_of: datetime.date,
    status: str,
    spent: Decimal,
    narrative: str = "",
    actuals: Mapping[int, Decimal] | None = None,
) -> MonitoringReport:
    """A responsible institution's report on its activity; the track is computed."""
    if not activity_policy.can_report(principal_for_user(actor), activity):
        raise PermissionDenied
    version = ProgrammeVersion.objects.select_related("programme").get(pk=activity.version_id)
    if version.status != VersionStatus.APPROVED:
        raise ValidationError(_("Only activities of the approved programme are monitored."))
    if status not in ActivityStatus.values:
        raise ValidationError({"status": _("Choose a status.")})
    if spent < 0:
        raise ValidationError({"spent": _("The money spent cannot be negative.")})
    if as_of > timezone.localdate():
        raise ValidationError({"as_of": _("A report cannot be dated in the future.")})
    indicators = {i.pk: i for i in activity.indicators.all()}
    actuals = dict(actuals or {})
    if set(actuals) - set(indicators):
        raise ValidationError(_("An indicator does not belong to this activity."))
    programme = version.programme
    reporting_date = programme.reporting_dates.filter(due_on__gte=as_of).first()
    start = activity.starts_on or datetime.date(programme.start_year, 1, 1)
    result = explain_track(
        status=status,
        start=start,
        deadline=activity.deadline,
        as_of=as_of,
        planned=selectors.planned_total(activity),
        spent=spent,
        paths=[
            IndicatorPath(i.baseline, i.target, actuals.get(pk)) for pk, i in indicators.items()
        ],
        names=[i.name for i in indicators.values()],
    )
    report = MonitoringReport(
        programme=programme,
        activity=activity,
        reporting_date=reporting_date,
        as_of=as_of,
        status=status,
        spent=spent,
        narrative=narrative.strip(),
        computed_track=result.track,
        track_reason_lv=result.reason_lv,
        track_reason_en=result.reason_en,
        reported_by=actor,
    )
    report.full_clean()
    report.save()
    IndicatorResult.objects.bulk_create(
        IndicatorResult(report=report, indicator=indicators[pk], actual=value)
        for pk, value in actuals.items()
        if value is not None
    )
    return report


@transaction.atomic
def report_override(
    *, actor: User, report: MonitoringReport, track: str, reason: str
) -> MonitoringReport:
    """A coordinator's own judgement over the computed track, with a reason; an empty
    track returns to the computed one."""
    _require_coordinator(actor, report.programme.municipality_id)
    if track and track not in Track.values:
        raise ValidationError({"track": _("Choose on track, not started, at risk or late.")})
    if track and not reason.strip():
        raise ValidationError({"reason": _("Give the reason for overriding the computed status.")})
    report.override_track = track
    report.override_reason = reason.strip() if track else ""
    report.override_by = actor if track else None
    report.full_clean()
    report.save()
    return report
