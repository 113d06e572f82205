"""Writes for concerns, alerts, cases, tasks and assessments. Each service takes keyword
arguments only, runs in one transaction, checks the actor against the policy and refuses an
invalid transition with a ValidationError a person can act on; auditlog records every change
and notifications leave only after the commit."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sargs.core.workdays import add_working_days
from sargs.organisations.models import Institution, Municipality, User
from sargs.organisations.principal import principal_for_user
from sargs.organisations.roles import CHILD_DATA_ROLES, InstitutionType
from sargs.registry import personal_codes
from sargs.registry import services as registry_services
from sargs.registry.access import child_policy
from sargs.registry.models import Child

from .access import (
    case_policy,
    concern_policy,
    manager_municipalities,
    participant_institutions,
    task_policy,
)
from .models import (
    REFERRAL_OPEN,
    Alert,
    AreaRating,
    Assessment,
    AssessmentArea,
    Case,
    CaseChild,
    CaseOutcome,
    CaseParticipant,
    CaseStatus,
    Concern,
    ConcernCategory,
    ConcernStatus,
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

ALERTED_TYPES = (InstitutionType.SOCIAL_SERVICE.value, InstitutionType.ORPHANS_COURT.value)


def triage_working_days() -> int:
    return int(getattr(settings, "CONCERN_TRIAGE_WORKING_DAYS", 3))


def _today() -> datetime.date:
    return timezone.localdate()


# --- Concerns and alerts -------------------------------------------------------------------


def _checked_categories(categories: Iterable[str]) -> list[str]:
    chosen = list(dict.fromkeys(categories))
    valid = set(ConcernCategory.values)
    if not chosen:
        raise ValidationError({"categories": _("Choose at least one category.")})
    if any(c not in valid for c in chosen):
        raise ValidationError({"categories": _("Choose categories from the list.")})
    return chosen


def _alert_recipients(municipality_ids: set[int]) -> list[Institution]:
    return list(
        Institution.objects.filter(
            municipality__in=municipality_ids, type__in=ALERTED_TYPES, is_active=True
        ).order_by("pk")
    )


def _notify(recipients: list[Institution]) -> None:
    """E-mail each recipient that has an address. The message names no child: the reader
    opens Sargs (signed in, second factor) to see who it is about."""
    addresses = [i.email for i in recipients if i.email]
    if not addresses:
        return
    send_mail(
        subject=_("Sargs: danger to a child's life or health reported"),
        message=_(
            "A concern about danger to a child's life or health was reported to your "
            "institution. Open your worklist in Sargs now."
        ),
        from_email=None,
        recipient_list=addresses,
        fail_silently=True,
    )


@transaction.atomic
def concern_report(
    *,
    actor: User,
    reporting_institution: Institution,
    child_first_name: str,
    child_last_name: str,
    child_birth_date: datetime.date | None,
    categories: Iterable[str],
    description: str,
    observed_on: datetime.date,
    place: str,
    observed_by: str,
    child_personal_code: str = "",
    place_detail: str = "",
    danger_to_life: bool = False,
    municipality: Municipality | None = None,
) -> Concern:
    """Record a concern about a child. With danger to life or health, the social service and
    orphan's court of the municipality where the child is, and of the one keeping the child's
    record (when the personal code finds it), are alerted in the same transaction."""
    principal = principal_for_user(actor)
    if not any(
        g.institution_id == reporting_institution.pk and g.role in CHILD_DATA_ROLES
        for g in principal.grants
    ):
        raise PermissionDenied
    municipality = municipality or reporting_institution.municipality
    if municipality is None:
        raise ValidationError(
            {"municipality": _("Choose the municipality where the child is.")}, code="required"
        )
    code = ""
    if child_personal_code:
        try:
            code = personal_codes.parse(child_personal_code).code
        except ValidationError as error:
            raise ValidationError({"child_personal_code": error.messages}) from None
    if observed_on > _today():
        raise ValidationError({"observed_on": _("The date must not be in the future.")})
    concern = Concern(
        municipality=municipality,
        reporting_institution=reporting_institution,
        reported_by=actor,
        child_first_name=child_first_name.strip(),
        child_last_name=child_last_name.strip(),
        child_birth_date=child_birth_date,
        child_personal_code=code,
        categories=_checked_categories(categories),
        description=description,
        observed_on=observed_on,
        place=place,
        place_detail=place_detail,
        observed_by=observed_by,
        danger_to_life=danger_to_life,
        triage_due=add_working_days(_today(), triage_working_days()),
    )
    concern.full_clean()
    concern.save()
    if danger_to_life:
        where = {municipality.pk}
        keeper = Child.objects.filter(personal_code=code).values_list("municipality_id", flat=True)
        if code:
            where |= set(keeper)
        recipients = _alert_recipients(where)
        Alert.objects.bulk_create([Alert(recipient=r, concern=concern) for r in recipients])
        transaction.on_commit(lambda: _notify(recipients))
    return concern


@transaction.atomic
def alert_acknowledge(*, alert: Alert, actor: User) -> Alert:
    """The recipient institution confirms it has seen the alert."""
    alert = Alert.objects.select_for_update().get(pk=alert.pk)
    if alert.recipient_id not in participant_institutions(principal_for_user(actor)):
        raise PermissionDenied
    if alert.acknowledged_at is not None:
        raise ValidationError(_("This alert has already been acknowledged."))
    alert.acknowledged_at = timezone.now()
    alert.acknowledged_by = actor
    alert.full_clean()
    alert.save()
    return alert


def _locked_concern(concern: Concern, actor: User) -> Concern:
    concern = Concern.objects.select_for_update().get(pk=concern.pk)
    if not concern_policy.can_change(principal_for_user(actor), concern):
        raise PermissionDenied
    if concern.status != ConcernStatus.NEW:
        raise ValidationError(_("This concern has already been triaged."))
    return concern


def _owner_institution(municipality_id: int, actor: User) -> Institution:
    """The social service in charge: the actor's own in that municipality, else the first."""
    social = Institution.objects.filter(
        municipality_id=municipality_id, type=InstitutionType.SOCIAL_SERVICE, is_active=True
    )
    mine = social.filter(pk__in=participant_institutions(principal_for_user(actor))).first()
    owner = mine or social.order_by("pk").first()
    if owner is None:
        raise ValidationError(_("The municipality has no social service in Sargs."))
    return owner


def _participate(case: Case, institution: Institution, role: str) -> CaseParticipant:
    current = CaseParticipant.objects.filter(
        case=case, institution=institution, until__isnull=True
    ).first()
    if current is not None:
        return current
    participant = CaseParticipant(case=case, institution=institution, role=role, since=_today())
    participant.full_clean()
    participant.save()
    return participant


def _entry(
    case: Case,
    actor: User | None,
    kind: str,
    text: str,
    *,
    institutions: Iterable[Institution | int] = (),
    types: Iterable[str] = (),
) -> TimelineEntry:
    entry = TimelineEntry(case=case, kind=kind, text=text, author=actor)
    entry.full_clean()
    entry.save()
    rows = [
        TimelineAudience(entry=entry, institution_id=i if isinstance(i, int) else i.pk)
        for i in dict.fromkeys(institutions)
    ] + [TimelineAudience(entry=entry, institution_type=t) for t in dict.fromkeys(types)]
    TimelineAudience.objects.bulk_create(rows)
    return entry


def _family_case(child: Child) -> Case | None:
    """The open case of the child, or of a sibling in the same household."""
    links = CaseChild.objects.filter(active=True).select_related("case")
    link = links.filter(child=child).first()
    if link is None and child.household_id is not None:
        link = links.filter(child__household_id=child.household_id).first()
    return link.case if link is not None else None


@transaction.atomic
def concern_accept(*, concern: Concern, actor: User, child: Child) -> Case:
    """Take a concern up: link it to the registry child and to the family's open case (the
    child's or a sibling's), or open a new case kept by the child's municipality."""
    concern = _locked_concern(concern, actor)
    principal = principal_for_user(actor)
    if not child_policy.visible(principal, Child.objects.filter(pk=child.pk)).exists():
        raise ValidationError({"child": _("Choose a child from your municipality's registry.")})
    if child.municipality_id not in manager_municipalities(principal):
        raise PermissionDenied
    case = _family_case(child)
    today = _today()
    if case is None:
        case = Case(municipality_id=child.municipality_id, social_worker=actor, opened_on=today)
        case.full_clean()
        case.save()
        _participate(case, _owner_institution(child.municipality_id, actor), ParticipantRole.OWNER)
    if not CaseChild.objects.filter(case=case, child=child).exists():
        CaseChild.objects.create(case=case, child=child, added_on=today)
    _participate(case, concern.reporting_institution, ParticipantRole.REPORTER)
    if concern.danger_to_life:
        for court in Institution.objects.filter(
            municipality_id=case.municipality_id, type=InstitutionType.ORPHANS_COURT
        ):
            _participate(case, court, ParticipantRole.COURT)
    concern.status = ConcernStatus.ACCEPTED
    concern.child = child
    concern.case = case
    concern.triaged_at = timezone.now()
    concern.triaged_by = actor
    concern.full_clean()
    concern.save()
    _entry(
        case,
        concern.reported_by,
        EntryKind.CONCERN,
        _("Concern reported: %(categories)s. %(description)s")
        % {
            "categories": ", ".join(concern.get_categories_display()),
            "description": concern.description,
        },
    )
    _entry(
        case,
        actor,
        EntryKind.TAKEN_UP,
        _("The social service took the concern of %(date)s up.")
        % {"date": concern.created_at.strftime("%d.%m.%Y")},
        institutions=[concern.reporting_institution_id],
    )
    return case


@transaction.atomic
def concern_accept_new_child(
    *, concern: Concern, actor: User, sex: str, municipality: Municipality | None = None
) -> Case:
    """Register the child the concern names (it was not in the registry), then take it up."""
    concern = _locked_concern(concern, actor)
    child = registry_services.child_create(
        actor=actor,
        municipality=municipality or concern.municipality,
        first_name=concern.child_first_name,
        last_name=concern.child_last_name,
        birth_date=concern.child_birth_date,
        personal_code=concern.child_personal_code,
        sex=sex,
        confirm_likely_duplicate=False,
    )
    return concern_accept(concern=concern, actor=actor, child=child)


@transaction.atomic
def concern_close(*, concern: Concern, actor: User, reason: str) -> Concern:
    """Close a concern without a case, saying why (e.g. no grounds found, another municipality)."""
    concern = _locked_concern(concern, actor)
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for closing the concern.")})
    concern.status = ConcernStatus.CLOSED
    concern.closed_reason = reason.strip()
    concern.triaged_at = timezone.now()
    concern.triaged_by = actor
    concern.full_clean()
    concern.save()
    return concern


# --- Cases --------------------------------------------------------------------------------


def _managed_open(case: Case, actor: User) -> Case:
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not case_policy.can_change(principal_for_user(actor), case):
        raise PermissionDenied
    if case.status != CaseStatus.OPEN:
        raise ValidationError(_("The case is closed; it cannot be changed."))
    return case


@transaction.atomic
def case_participant_add(
    *, case: Case, actor: User, institution: Institution, role: str = ParticipantRole.OTHER
) -> CaseParticipant:
    """Involve another institution (the orphan's court, a provider, …) in the case."""
    case = _managed_open(case, actor)
    if institution.municipality_id not in (None, case.municipality_id) and role != (
        ParticipantRole.PROVIDER
    ):
        raise ValidationError({"institution": _("Choose an institution of the municipality.")})
    if CaseParticipant.objects.filter(case=case, institution=institution, until__isnull=True):
        raise ValidationError({"institution": _("This institution already takes part.")})
    participant = _participate(case, institution, role)
    _entry(
        case,
        actor,
        EntryKind.PARTICIPANT,
        _("%(institution)s joined the case.") % {"institution": institution.name},
        institutions=[institution],
    )
    return participant


@transaction.atomic
def case_participant_end(*, participant: CaseParticipant, actor: User) -> CaseParticipant:
    """An institution stops taking part; it no longer sees the case."""
    _managed_open(participant.case, actor)
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
    text: str,
    institutions: Iterable[Institution] = (),
    types: Iterable[str] = (),
) -> TimelineEntry:
    """A note on the timeline, read by the case team and by the institutions (or participating
    institution types) it is addressed to."""
    case = _managed_open(case, actor)
    if not text.strip():
        raise ValidationError({"text": _("Write the note.")})
    return _entry(case, actor, EntryKind.NOTE, text.strip(), institutions=institutions, types=types)


@transaction.atomic
def task_create(
    *,
    case: Case,
    actor: User,
    title: str,
    institution: Institution,
    due_on: datetime.date | None = None,
    working_days: int | None = None,
    assignee: User | None = None,
    description: str = "",
    area: str = "",
) -> Task:
    """Assign a task to an institution (which joins the case); the deadline is a date or a
    number of working days from today."""
    case = _managed_open(case, actor)
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
    _participate(case, institution, role)
    task = Task(
        case=case,
        title=title,
        description=description,
        institution=institution,
        assignee=assignee,
        due_on=due_on,
        area=area,
        created_by=actor,
    )
    task.full_clean()
    task.save()
    _entry(
        case,
        actor,
        EntryKind.TASK,
        _("Task for %(institution)s until %(date)s: %(title)s")
        % {"institution": institution.name, "date": due_on.strftime("%d.%m.%Y"), "title": title},
        institutions=[institution],
    )
    return task


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
    text = _("Task done: %(title)s") % {"title": task.title}
    if result:
        text = f"{text}. {result}"
    _entry(task.case, actor, EntryKind.TASK, text, institutions=[task.institution_id])
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
    _entry(
        task.case,
        actor,
        EntryKind.TASK,
        _("Task cancelled: %(title)s. %(reason)s") % {"title": task.title, "reason": task.result},
        institutions=[task.institution_id],
    )
    return task


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
) -> Assessment:
    """Record a needs and risk assessment: every area of domain.md §8 rated, an overall risk."""
    case = _managed_open(case, actor)
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
        case=case, assessed_on=assessed_on, overall_risk=overall_risk, summary=summary, author=actor
    )
    assessment.full_clean()
    assessment.save()
    AssessmentArea.objects.bulk_create(
        AssessmentArea(
            assessment=assessment, area=area, rating=ratings[area], note=notes.get(area, "")
        )
        for area in SupportArea.values
    )
    _entry(
        case,
        actor,
        EntryKind.ASSESSMENT,
        _("Needs and risk assessment: overall risk %(risk)s.")
        % {"risk": RiskLevel(overall_risk).label},
    )
    return assessment


@transaction.atomic
def case_close(*, case: Case, actor: User, outcome: str, note: str = "") -> Case:
    """Close the case with its outcome; open tasks must be finished or cancelled first. The
    institutions stop taking part and the children may be taken up in a new case later."""
    case = _managed_open(case, actor)
    if outcome not in CaseOutcome.values:
        raise ValidationError({"outcome": _("Choose the outcome.")})
    if case.tasks.filter(status=TaskStatus.OPEN).exists():
        raise ValidationError(_("Finish or cancel the open tasks before closing the case."))
    if case.referrals.filter(status__in=REFERRAL_OPEN).exists():
        raise ValidationError(_("Complete or end the open referrals before closing the case."))
    today = _today()
    participants = list(case.participants.filter(until__isnull=True))
    case.status = CaseStatus.CLOSED
    case.closed_on = today
    case.outcome = outcome
    case.outcome_note = note
    case.full_clean()
    case.save()
    case.case_children.filter(active=True).update(active=False)
    _entry(
        case,
        actor,
        EntryKind.CLOSURE,
        _("The case was closed: %(outcome)s.") % {"outcome": CaseOutcome(outcome).label},
        institutions=[p.institution_id for p in participants],
    )
    case.participants.filter(until__isnull=True).update(until=today)
    return case


# --- Rehabilitation plan ------------------------------------------------------------------


def plan_current(case: Case) -> RehabilitationPlan | None:
    """The latest version of the case's plan, if it has one."""
    return case.plans.order_by("-version").first()


@transaction.atomic
def plan_save(
    *, case: Case, actor: User, review_on: datetime.date, goals: Mapping[str, str]
) -> RehabilitationPlan:
    """Save the plan as a new version: goals per problem area (domain.md §8) and the review
    date. Nothing changed: no new version (the family's agreement stands)."""
    case = _managed_open(case, actor)
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
    _entry(
        case,
        actor,
        EntryKind.PLAN,
        _("Rehabilitation plan version %(n)s; review on %(date)s.")
        % {"n": plan.version, "date": review_on.strftime("%d.%m.%Y")},
    )
    return plan


@transaction.atomic
def plan_record_agreement(
    *, plan: RehabilitationPlan, actor: User, agreed_on: datetime.date, note: str = ""
) -> RehabilitationPlan:
    """Record that the family agreed to this (the current) version of the plan."""
    case = _managed_open(plan.case, actor)
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
    _entry(
        case,
        actor,
        EntryKind.PLAN,
        _("The family agreed to plan version %(n)s on %(date)s.")
        % {"n": plan.version, "date": agreed_on.strftime("%d.%m.%Y")},
    )
    return plan


def open_case_of(child: Child) -> Case | None:
    """The child's open case, if any (for the registry page and triage)."""
    link = CaseChild.objects.filter(child=child, active=True).select_related("case").first()
    return link.case if link else None


__all__ = [
    "alert_acknowledge",
    "assessment_record",
    "case_close",
    "case_participant_add",
    "case_participant_end",
    "concern_accept",
    "concern_accept_new_child",
    "concern_close",
    "concern_report",
    "note_add",
    "plan_record_agreement",
    "plan_save",
    "task_cancel",
    "task_complete",
    "task_create",
]
