"""Writes for case work: the timeline and participation every sub-area of sargs.cases
writes through, participants, notes, assessments, tasks, the rehabilitation plan and closure.

Each service takes keyword arguments only, runs in one transaction, checks the actor against
the policy and refuses an invalid change with a ValidationError a person can act on. Every
change of the plan is a new version, which needs the family's agreement again
(docs/adr/0008-case-access.md).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sargs.core.versioning import refuse_if_stale
from sargs.core.workdays import add_working_days
from sargs.organisations.models import Institution, User
from sargs.organisations.principal import principal_for_user
from sargs.organisations.roles import InstitutionType

from .access import case_policy, task_policy
from .messages import Message, message
from .models import (
    AreaRating,
    Assessment,
    AssessmentArea,
    Case,
    CaseOutcome,
    CaseParticipant,
    CaseStatus,
    EntryKind,
    ParticipantRole,
    PlanGoal,
    RehabilitationPlan,
    RiskLevel,
    SupportArea,
    Task,
    TaskStatus,
    TimelineAudience,
    TimelineEntry,
)
from .selectors import assessment_latest, assessment_values, closure_blockers, plan_current

# --- The timeline and participation: shared by every sub-area --------------------------------


def _today() -> datetime.date:
    return timezone.localdate()


def case_participant_join(*, case: Case, institution: Institution, role: str) -> CaseParticipant:
    """The institution's current part in the case; it joins with ``role`` if it has none.
    The caller has already checked that the actor may involve it."""
    current = CaseParticipant.objects.filter(
        case=case, institution=institution, until__isnull=True
    ).first()
    if current is not None:
        return current
    participant = CaseParticipant(case=case, institution=institution, role=role, since=_today())
    participant.full_clean()
    participant.save()
    return participant


def timeline_entry_add(
    *,
    case: Case,
    actor: User | None,
    kind: str,
    text: str | Message,
    institutions: Iterable[Institution | int] = (),
    types: Iterable[str] = (),
) -> TimelineEntry:
    """An entry on the case's timeline: the case team reads it, and besides them the
    ``institutions`` named and the participating institutions of the ``types`` named.
    A system text is a ``Message`` (casework.messages), read in the reader's language."""
    entry = TimelineEntry(case=case, kind=kind, text=str(text), author=actor)
    if isinstance(text, Message):
        entry.message, entry.params = text.code, text.params
    entry.full_clean()
    entry.save()
    rows = [
        TimelineAudience(entry=entry, institution_id=i if isinstance(i, int) else i.pk)
        for i in dict.fromkeys(institutions)
    ] + [TimelineAudience(entry=entry, institution_type=t) for t in dict.fromkeys(types)]
    TimelineAudience.objects.bulk_create(rows)
    return entry


def case_lock_for_change(*, case: Case, actor: User) -> Case:
    """The case locked for a change by its managers: 403 for anyone else, and a message when
    the case is closed. Call inside the service's transaction."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not case_policy.can_change(principal_for_user(actor), case):
        raise PermissionDenied
    if case.status != CaseStatus.OPEN:
        raise ValidationError(_("The case is closed; it cannot be changed."))
    return case


# --- Participants, notes, assessments, closure -----------------------------------------------


@transaction.atomic
def case_participant_add(
    *, case: Case, actor: User, institution: Institution, role: str = ParticipantRole.OTHER
) -> CaseParticipant:
    """Involve another institution (the orphan's court, a provider, …) in the case."""
    case = case_lock_for_change(case=case, actor=actor)
    if institution.municipality_id not in (None, case.municipality_id) and role != (
        ParticipantRole.PROVIDER
    ):
        raise ValidationError({"institution": _("Choose an institution of the municipality.")})
    if CaseParticipant.objects.filter(case=case, institution=institution, until__isnull=True):
        raise ValidationError({"institution": _("This institution already takes part.")})
    participant = case_participant_join(case=case, institution=institution, role=role)
    timeline_entry_add(
        case=case,
        actor=actor,
        kind=EntryKind.PARTICIPANT,
        text=message("participant_joined", institution=institution.name),
        institutions=[institution],
    )
    return participant


@transaction.atomic
def case_participant_end(*, participant: CaseParticipant, actor: User) -> CaseParticipant:
    """An institution stops taking part; it no longer sees the case."""
    case_lock_for_change(case=participant.case, actor=actor)
    participant = CaseParticipant.objects.select_for_update().get(pk=participant.pk)
    if participant.until is not None:
        raise ValidationError(_("This institution no longer takes part."))
    if participant.role == ParticipantRole.OWNER:
        raise ValidationError(_("The social service in charge cannot leave its own case."))
    participant.until = _today()
    participant.full_clean()
    participant.save()
    return participant


@transaction.atomic
def note_add(
    *,
    case: Case,
    actor: User,
    text: str | Message,
    institutions: Iterable[Institution] = (),
    types: Iterable[str] = (),
) -> TimelineEntry:
    """A note on the timeline, read by the case team and by the institutions (or participating
    institution types) it is addressed to. Another app's system text (a cooperation group's
    decision) is a ``Message``, read in the reader's language."""
    case = case_lock_for_change(case=case, actor=actor)
    if isinstance(text, str):
        if not text.strip():
            raise ValidationError({"text": _("Write the note.")})
        text = text.strip()
    return timeline_entry_add(
        case=case,
        actor=actor,
        kind=EntryKind.NOTE,
        text=text,
        institutions=institutions,
        types=types,
    )


@transaction.atomic
def assessment_record(
    *,
    case: Case,
    actor: User,
    assessed_on: datetime.date,
    overall_risk: str,
    summary: str,
    ratings: Mapping[str, int],
    notes: Mapping[str, str] | None = None,
    based_on: int | None = None,
) -> Assessment:
    """Record a needs and risk assessment: every area of domain.md §8 rated, an overall risk.

    ``based_on`` is the version of the case's latest assessment the worker saw when starting
    (0: none yet). When someone recorded a newer one meanwhile (the case's row lock orders the
    two saves; the unique version per case backs it up), the save is refused with StaleEdit
    carrying that assessment (core.versioning), to be compared and merged."""
    case = case_lock_for_change(case=case, actor=actor)
    latest = assessment_latest(case)
    refuse_if_stale(latest.version if latest else 0, based_on, lambda: assessment_values(latest))
    notes = notes or {}
    missing = [str(label) for value, label in SupportArea.choices if value not in ratings]
    if missing:
        raise ValidationError(
            _("Rate every area; missing: %(areas)s.") % {"areas": ", ".join(missing)}
        )
    if any(r not in AreaRating.values for r in ratings.values()):
        raise ValidationError(_("A rating must be one of the scale's values."))
    if overall_risk not in RiskLevel.values:
        raise ValidationError({"overall_risk": _("Choose the overall risk level.")})
    if assessed_on > _today():
        raise ValidationError({"assessed_on": _("The date must not be in the future.")})
    assessment = Assessment(
        case=case,
        version=(latest.version if latest else 0) + 1,
        assessed_on=assessed_on,
        overall_risk=overall_risk,
        summary=summary,
        author=actor,
    )
    assessment.full_clean()
    assessment.save()
    AssessmentArea.objects.bulk_create(
        AssessmentArea(
            assessment=assessment, area=area, rating=ratings[area], note=notes.get(area, "")
        )
        for area in SupportArea.values
    )
    timeline_entry_add(
        case=case,
        actor=actor,
        kind=EntryKind.ASSESSMENT,
        text=message("assessment_recorded", risk=overall_risk),
    )
    return assessment


@transaction.atomic
def case_close(*, case: Case, actor: User, outcome: str, note: str = "") -> Case:
    """Close the case with its outcome. Open tasks, open referrals and undecided orphan's
    court matters must be dealt with first: the refusal names every one of them at once
    (``selectors.closure_blockers``). The institutions stop taking part and the children may
    be taken up in a new case later."""
    case = case_lock_for_change(case=case, actor=actor)
    if outcome not in CaseOutcome.values:
        raise ValidationError({"outcome": _("Choose the outcome.")})
    blockers = closure_blockers(case)
    if blockers:
        raise ValidationError([b.text for b in blockers], code="blocked")
    today = _today()
    participants = list(case.participants.filter(until__isnull=True).select_related("case"))
    case.status = CaseStatus.CLOSED
    case.closed_on = today
    case.outcome = outcome
    case.outcome_note = note
    case.full_clean()
    case.save()
    # Saved one by one, not with QuerySet.update(), so the change log records each (ADR 0003).
    for link in case.case_children.filter(active=True).select_related("case"):
        link.active = False
        link.save(update_fields=["active"])
    timeline_entry_add(
        case=case,
        actor=actor,
        kind=EntryKind.CLOSURE,
        text=message("case_closed", outcome=outcome),
        institutions=[p.institution_id for p in participants],
    )
    for participant in participants:
        participant.until = today
        participant.save(update_fields=["until"])
    return case


# --- Tasks ------------------------------------------------------------------------------------


@transaction.atomic
def task_create(
    *,
    case: Case,
    actor: User,
    title: str | Message,
    institution: Institution,
    due_on: datetime.date | None = None,
    working_days: int | None = None,
    assignee: User | None = None,
    description: str = "",
    area: str = "",
) -> Task:
    """Assign a task to an institution (which joins the case); the deadline is a date or a
    number of working days from today."""
    case = case_lock_for_change(case=case, actor=actor)
    if due_on is None:
        if working_days is None:
            raise ValidationError({"due_on": _("Give the deadline.")})
        due_on = add_working_days(_today(), working_days)
    if due_on < _today():
        raise ValidationError({"due_on": _("The deadline must not be in the past.")})
    if area and area not in SupportArea.values:
        raise ValidationError({"area": _("Choose an area of the plan.")})
    if assignee is not None and not assignee.memberships.filter(institution=institution).exists():
        raise ValidationError({"assignee": _("The person must work in the chosen institution.")})
    role = (
        ParticipantRole.PROVIDER
        if institution.type == InstitutionType.SERVICE_PROVIDER
        else ParticipantRole.OTHER
    )
    if institution.type == InstitutionType.ORPHANS_COURT:
        role = ParticipantRole.COURT
    case_participant_join(case=case, institution=institution, role=role)
    task = Task(
        case=case,
        title=str(title)[:200],
        description=description,
        institution=institution,
        assignee=assignee,
        due_on=due_on,
        area=area,
        created_by=actor,
    )
    if isinstance(title, Message):
        task.title_message, task.title_params = title.code, title.params
    task.full_clean()
    task.save()
    timeline_entry_add(
        case=case,
        actor=actor,
        kind=EntryKind.TASK,
        text=message("task_set", institution=institution.name, date=due_on, title=task_title(task)),
        institutions=[institution],
    )
    return task


def task_title(task: Task) -> str | Message:
    """The task's title as a timeline entry names it: a system task's code, or the words."""
    if task.title_message:
        return Message(task.title_message, task.title_params)
    return task.title


def _locked_open_task(task: Task, actor: User) -> Task:
    task = Task.objects.select_for_update(of=("self",)).select_related("case").get(pk=task.pk)
    if not task_policy.can_change(principal_for_user(actor), task):
        raise PermissionDenied
    if task.status != TaskStatus.OPEN:
        raise ValidationError(_("This task is no longer open."))
    if task.case.status != CaseStatus.OPEN:
        raise ValidationError(_("The case is closed; it cannot be changed."))
    return task


@transaction.atomic
def task_complete(*, task: Task, actor: User, result: str = "") -> Task:
    """The responsible institution (or the case manager) reports the task done."""
    task = _locked_open_task(task, actor)
    task.status = TaskStatus.DONE
    task.done_at = timezone.now()
    task.result = result
    task.full_clean()
    task.save()
    text = (
        message("task_done_with_result", title=task_title(task), result=result)
        if result
        else message("task_done", title=task_title(task))
    )
    timeline_entry_add(
        case=task.case,
        actor=actor,
        kind=EntryKind.TASK,
        text=text,
        institutions=[task.institution_id],
    )
    return task


@transaction.atomic
def task_cancel(*, task: Task, actor: User, reason: str) -> Task:
    """The case manager cancels a task that is no longer needed."""
    task = _locked_open_task(task, actor)
    if not case_policy.can_change(principal_for_user(actor), task.case):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for cancelling the task.")})
    task.status = TaskStatus.CANCELLED
    task.done_at = timezone.now()
    task.result = reason.strip()
    task.full_clean()
    task.save()
    timeline_entry_add(
        case=task.case,
        actor=actor,
        kind=EntryKind.TASK,
        text=message("task_cancelled", title=task_title(task), reason=task.result),
        institutions=[task.institution_id],
    )
    return task


# --- The rehabilitation plan -------------------------------------------------------------------


def _refuse_stale_plan(case: Case, based_on: int | None) -> None:
    current = plan_current(case)

    def theirs() -> dict[str, object]:
        assert current is not None  # a newer version exists when the check fails
        stored: dict[str, object] = {"review_on": current.review_on}
        stored.update({f"goal_{g.area}": g.goal for g in current.goals.all()})
        return stored

    refuse_if_stale(current.version if current else 0, based_on, theirs)


@transaction.atomic
def plan_save(
    *,
    case: Case,
    actor: User,
    review_on: datetime.date,
    goals: Mapping[str, str],
    based_on: int | None = None,
) -> RehabilitationPlan:
    """Save the plan as a new version: goals per problem area (domain.md §8) and the review
    date. Nothing changed: no new version (the family's agreement stands).

    ``based_on`` is the version the editor started from (0: there was no plan yet). When
    someone saved a newer version meanwhile (the case's row lock orders the two saves), the
    save is refused with StaleEdit carrying that version's goals (core.versioning)."""
    case = case_lock_for_change(case=case, actor=actor)
    _refuse_stale_plan(case, based_on)
    chosen = {area: text.strip() for area, text in goals.items() if text and text.strip()}
    if not chosen:
        raise ValidationError(_("Set a goal for at least one area."))
    if any(area not in SupportArea.values for area in chosen):
        raise ValidationError(_("Goals must be for the areas of the plan."))
    if review_on <= _today():
        raise ValidationError({"review_on": _("The review date must be in the future.")})
    current = plan_current(case)
    if (
        current is not None
        and current.review_on == review_on
        and dict(current.goals.values_list("area", "goal")) == chosen
    ):
        raise ValidationError(
            _("Nothing changed: the plan stays at version %(n)s.") % {"n": current.version}
        )
    plan = RehabilitationPlan(
        case=case,
        version=(current.version + 1) if current else 1,
        review_on=review_on,
        created_by=actor,
    )
    plan.full_clean()
    plan.save()
    PlanGoal.objects.bulk_create(
        PlanGoal(plan=plan, area=area, goal=chosen[area])
        for area in SupportArea.values
        if area in chosen
    )
    timeline_entry_add(
        case=case,
        actor=actor,
        kind=EntryKind.PLAN,
        text=message("plan_saved", n=plan.version, date=review_on),
    )
    return plan


@transaction.atomic
def plan_record_agreement(
    *, plan: RehabilitationPlan, actor: User, agreed_on: datetime.date, note: str = ""
) -> RehabilitationPlan:
    """Record that the family agreed to this (the current) version of the plan."""
    case = case_lock_for_change(case=plan.case, actor=actor)
    plan = RehabilitationPlan.objects.select_for_update().get(pk=plan.pk)
    current = plan_current(case)
    if current is None or current.pk != plan.pk:
        raise ValidationError(_("The family agrees to the current version of the plan only."))
    if plan.family_agreed_on is not None:
        raise ValidationError(_("The family's agreement to this version is already recorded."))
    if agreed_on > _today() or agreed_on < timezone.localdate(plan.created_at):
        raise ValidationError(
            {"agreed_on": _("The date must be between the plan's version and today.")}
        )
    plan.family_agreed_on = agreed_on
    plan.family_agreement_note = note
    plan.full_clean()
    plan.save()
    timeline_entry_add(
        case=case,
        actor=actor,
        kind=EntryKind.PLAN,
        text=message("plan_agreed", n=plan.version, date=agreed_on),
    )
    return plan


def case_delete_for_retention(*, cases: Iterable[Case]) -> dict[str, int]:
    """Removes closed cases whose retention period is over, with everything recorded in them
    (sargs/retention decides which; never called for a case under a legal hold)."""
    from sargs.core.deletion import delete_with_dependants

    return delete_with_dependants(cases)
