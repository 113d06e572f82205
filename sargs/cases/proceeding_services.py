"""Writes for orphan's court proceedings: opened → (term to remedy set) → decided. The court
decides within one month (Orphan Courts Law; domain.md §9), extendable to four months."""

from __future__ import annotations

import calendar
import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sargs.core.workdays import next_working_day
from sargs.organisations.models import Institution, User
from sargs.organisations.principal import principal_for_user
from sargs.organisations.roles import InstitutionType
from sargs.registry import services as registry_services
from sargs.registry.models import Child, ChildRepresentative, CustodyStatus, RepresentativeRole

from .access import court_institutions
from .models import Case, CaseStatus, EntryKind, ParticipantRole, Task
from .proceeding_models import (
    CareForm,
    CustodyOutcome,
    Placement,
    PlacementEnd,
    Proceeding,
    ProceedingKind,
    ProceedingStatus,
)
from .services import _entry, _participate

MAX_EXTENSION_MONTHS = 4


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (the month's last day when it has fewer days)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def month_term(event: datetime.date, months: int = 1) -> datetime.date:
    """A term of months after ``event``; an end on a day off moves to the next working day."""
    return next_working_day(add_months(event, months))


def _require_court(actor: User, court: Institution) -> None:
    if court.pk not in court_institutions(principal_for_user(actor)):
        raise PermissionDenied


@transaction.atomic
def proceeding_open(
    *,
    case: Case,
    actor: User,
    court: Institution,
    kind: str,
    grounds: str,
    opened_on: datetime.date | None = None,
) -> Proceeding:
    """The orphan's court opens a matter about the case's family; it joins the case."""
    _require_court(actor, court)
    case = Case.objects.select_for_update().get(pk=case.pk)
    if court.type != InstitutionType.ORPHANS_COURT or court.municipality_id != case.municipality_id:
        raise PermissionDenied
    if case.status != CaseStatus.OPEN:
        raise ValidationError(_("The case is closed; it cannot be changed."))
    if kind not in ProceedingKind.values:
        raise ValidationError({"kind": _("Choose the matter.")})
    if not grounds.strip():
        raise ValidationError({"grounds": _("Give the grounds.")})
    opened_on = opened_on or timezone.localdate()
    if opened_on > timezone.localdate():
        raise ValidationError({"opened_on": _("The date must not be in the future.")})
    proceeding = Proceeding(
        case=case,
        court=court,
        kind=kind,
        grounds=grounds.strip(),
        opened_on=opened_on,
        decision_due=month_term(opened_on),
        opened_by=actor,
    )
    proceeding.full_clean()
    proceeding.save()
    _participate(case, court, ParticipantRole.COURT)
    _entry(
        case,
        actor,
        EntryKind.PROCEEDING,
        _("The orphan's court opened a matter: %(kind)s; decision due %(date)s.")
        % {
            "kind": ProceedingKind(kind).label,
            "date": proceeding.decision_due.strftime("%d.%m.%Y"),
        },
    )
    return proceeding


def _locked(proceeding: Proceeding, actor: User) -> Proceeding:
    proceeding = (
        Proceeding.objects.select_for_update(of=("self",))
        .select_related("case")
        .get(pk=proceeding.pk)
    )
    _require_court(actor, proceeding.court)
    if not proceeding.is_open:
        raise ValidationError(_("The matter has already been decided."))
    return proceeding


@transaction.atomic
def proceeding_set_remedy_term(
    *, proceeding: Proceeding, actor: User, remedy_until: datetime.date
) -> Proceeding:
    """Warn the parent and set a term to remedy the conditions, with the social service."""
    proceeding = _locked(proceeding, actor)
    if remedy_until <= timezone.localdate():
        raise ValidationError({"remedy_until": _("The term must end in the future.")})
    proceeding.status = ProceedingStatus.WARNED
    proceeding.remedy_until = remedy_until
    proceeding.full_clean()
    proceeding.save()
    _entry(
        proceeding.case,
        actor,
        EntryKind.PROCEEDING,
        _("The parent was warned; term to remedy until %(date)s.")
        % {"date": remedy_until.strftime("%d.%m.%Y")},
    )
    return proceeding


@transaction.atomic
def proceeding_extend(
    *, proceeding: Proceeding, actor: User, decision_due: datetime.date
) -> Proceeding:
    """Extend the term for the decision, up to four months after the opening."""
    proceeding = _locked(proceeding, actor)
    if decision_due <= proceeding.decision_due:
        raise ValidationError(
            {"decision_due": _("The new term must be later than the current one.")}
        )
    if decision_due > month_term(proceeding.opened_on, MAX_EXTENSION_MONTHS):
        raise ValidationError(
            {"decision_due": _("The term can be extended to four months after the opening.")}
        )
    proceeding.decision_due = decision_due
    proceeding.full_clean()
    proceeding.save()
    return proceeding


DEPRIVATION_REVIEW_MONTHS = 12  # CL 203: not restorable within a year → decide on deprivation


def _custody_change(
    proceeding: Proceeding,
    actor: User,
    *,
    custody_outcome: str,
    relation: ChildRepresentative | None,
    grounds: str,
    decision_number: str,
    decided_on: datetime.date,
) -> None:
    """Write a suspension or restoration to the registry; after a suspension, a task for the
    court one year on to decide whether to apply for deprivation (domain.md §6)."""
    if custody_outcome not in CustodyOutcome.values:
        raise ValidationError({"custody_outcome": _("Choose what was decided about custody.")})
    if custody_outcome != CustodyOutcome.SUSPENDED and grounds:
        raise ValidationError({"grounds": _("Grounds are given only when custody is suspended.")})
    if custody_outcome not in (CustodyOutcome.SUSPENDED, CustodyOutcome.RESTORED):
        return
    if relation is None:
        raise ValidationError({"relation": _("Choose the parent.")})
    if not proceeding.case.case_children.filter(child_id=relation.child_id).exists():
        raise ValidationError({"relation": _("Choose a parent of a child in this case.")})
    if relation.role == RepresentativeRole.GUARDIAN:
        raise ValidationError({"relation": _("Custody is recorded for parents only.")})
    if custody_outcome == CustodyOutcome.SUSPENDED and not grounds:
        raise ValidationError({"grounds": _("Give the grounds for suspending custody.")})
    registry_services.custody_record_add(
        actor=actor,
        relation=relation,
        status=CustodyStatus.SUSPENDED
        if custody_outcome == CustodyOutcome.SUSPENDED
        else CustodyStatus.RESTORED,
        effective_from=decided_on,
        decision_number=decision_number.strip(),
        decided_by=proceeding.court.name,
        grounds=grounds,
    )
    if custody_outcome != CustodyOutcome.SUSPENDED:
        return
    due_on = add_months(decided_on, DEPRIVATION_REVIEW_MONTHS)
    title = _(
        "One year since custody was suspended: decide whether to apply to a court for "
        "deprivation (Civil Law 203)"
    )
    task = Task(
        case=proceeding.case,
        title=title,
        description=_(
            "%(parent)s, custody of %(child)s suspended on %(date)s (decision No. %(number)s). "
            "If custody cannot be restored, decide whether to apply to a court for deprivation."
        )
        % {
            "parent": relation.representative.full_name,
            "child": relation.child.full_name,
            "date": decided_on.strftime("%d.%m.%Y"),
            "number": decision_number.strip(),
        },
        institution=proceeding.court,
        due_on=due_on,
        created_by=actor,
    )
    task.full_clean()
    task.save()
    _entry(
        proceeding.case,
        actor,
        EntryKind.TASK,
        _("Task for %(institution)s until %(date)s: %(title)s")
        % {
            "institution": proceeding.court.name,
            "date": due_on.strftime("%d.%m.%Y"),
            "title": title,
        },
        institutions=[proceeding.court],
    )


@transaction.atomic
def proceeding_decide(
    *,
    proceeding: Proceeding,
    actor: User,
    decision: str,
    decided_on: datetime.date | None = None,
    custody_outcome: str = "",
    relation: ChildRepresentative | None = None,
    grounds: str = "",
    decision_number: str = "",
) -> Proceeding:
    """Record the court's decision. A decision suspending or restoring a parent's custody is
    written to the registry in the same transaction; a suspension also sets the court a task
    one year on to decide whether to apply for deprivation (Civil Law 203)."""
    proceeding = _locked(proceeding, actor)
    if not decision.strip():
        raise ValidationError({"decision": _("Write the decision.")})
    decided_on = decided_on or timezone.localdate()
    if decided_on > timezone.localdate() or decided_on < proceeding.opened_on:
        raise ValidationError({"decided_on": _("The date must be between the opening and today.")})
    proceeding.status = ProceedingStatus.DECIDED
    proceeding.decision = decision.strip()
    proceeding.decided_on = decided_on
    proceeding.full_clean()
    proceeding.save()
    _entry(
        proceeding.case,
        actor,
        EntryKind.PROCEEDING,
        _("The orphan's court decided (%(kind)s): %(decision)s")
        % {"kind": proceeding.get_kind_display(), "decision": proceeding.decision},
    )
    _custody_change(
        proceeding,
        actor,
        custody_outcome=custody_outcome,
        relation=relation,
        grounds=grounds,
        decision_number=decision_number,
        decided_on=decided_on,
    )
    return proceeding


EMERGENCY_MONTHS = 3  # BTAL 37 (2017 text): emergency placement up to three months


@transaction.atomic
def placement_start(
    *,
    case: Case,
    actor: User,
    child: Child,
    form: str,
    carer: str,
    child_opinion: str,
    emergency: bool = False,
    siblings_note: str = "",
    proceeding: Proceeding | None = None,
    placed_on: datetime.date | None = None,
) -> Placement:
    """The orphan's court places a child of the case in out-of-family care. The child's
    opinion is recorded (BTAL 27); an emergency placement is reviewed within three months,
    any other placement after a year."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    courts = court_institutions(principal_for_user(actor))
    if not case.participants.filter(institution__in=courts, until__isnull=True).exists():
        raise PermissionDenied
    if case.status != CaseStatus.OPEN:
        raise ValidationError(_("The case is closed; it cannot be changed."))
    if not case.case_children.filter(child=child).exists():
        raise ValidationError({"child": _("Choose a child of the case.")})
    if form not in CareForm.values:
        raise ValidationError({"form": _("Choose the form of care.")})
    if not child_opinion.strip():
        raise ValidationError({"child_opinion": _("Record the child's opinion.")})
    if Placement.objects.filter(child=child, ended_on__isnull=True).exists():
        raise ValidationError({"child": _("The child is already in out-of-family care.")})
    if proceeding is not None and proceeding.case_id != case.pk:
        raise ValidationError({"proceeding": _("Choose a matter of this case.")})
    placed_on = placed_on or timezone.localdate()
    if placed_on > timezone.localdate():
        raise ValidationError({"placed_on": _("The date must not be in the future.")})
    placement = Placement(
        case=case,
        child=child,
        proceeding=proceeding,
        form=form,
        carer=carer,
        emergency=emergency,
        child_opinion=child_opinion.strip(),
        siblings_note=siblings_note,
        placed_on=placed_on,
        review_due=month_term(placed_on, EMERGENCY_MONTHS if emergency else 12),
        created_by=actor,
    )
    placement.full_clean()
    placement.save()
    _entry(
        case,
        actor,
        EntryKind.PROCEEDING,
        _("%(child)s placed in out-of-family care (%(form)s) on %(date)s.")
        % {
            "child": child.full_name,
            "form": CareForm(form).label,
            "date": placed_on.strftime("%d.%m.%Y"),
        },
    )
    return placement


@transaction.atomic
def placement_end(
    *, placement: Placement, actor: User, reason: str, ended_on: datetime.date | None = None
) -> Placement:
    """The out-of-family care ends (the child returns home, moves on, comes of age, …)."""
    placement = (
        Placement.objects.select_for_update(of=("self",))
        .select_related("case")
        .get(pk=placement.pk)
    )
    courts = court_institutions(principal_for_user(actor))
    if not placement.case.participants.filter(institution__in=courts).exists():
        raise PermissionDenied
    if placement.ended_on is not None:
        raise ValidationError(_("This placement has already ended."))
    if reason not in PlacementEnd.values:
        raise ValidationError({"reason": _("Choose how the placement ended.")})
    ended_on = ended_on or timezone.localdate()
    if ended_on > timezone.localdate() or ended_on < placement.placed_on:
        raise ValidationError({"ended_on": _("The date must be between the placement and today.")})
    placement.ended_on = ended_on
    placement.end_reason = reason
    placement.full_clean()
    placement.save()
    _entry(
        placement.case,
        actor,
        EntryKind.PROCEEDING,
        _("Out-of-family care ended on %(date)s: %(reason)s.")
        % {"date": ended_on.strftime("%d.%m.%Y"), "reason": PlacementEnd(reason).label},
    )
    return placement
