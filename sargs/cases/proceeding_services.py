"""Writes for orphan's court proceedings: opened → (term to remedy set) → decided. The court
decides within one month (Orphan Courts Law; domain.md §9), extendable to four months."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sargs.organisations.models import Institution, User
from sargs.organisations.principal import principal_for_user
from sargs.organisations.roles import InstitutionType
from sargs.registry import services as registry_services
from sargs.registry.models import ChildRepresentative, CustodyStatus, RepresentativeRole

from .access import court_institutions
from .case_common import _entry, _participate
from .models import Case, CaseStatus, EntryKind, ParticipantRole, Task, TaskStatus
from .proceeding_models import (
    PARENT_OUTCOMES,
    CourtJudgment,
    CustodyOutcome,
    DeprivationReview,
    JudgmentKind,
    PreventiveTalk,
    Proceeding,
    ProceedingKind,
    ProceedingStatus,
)
from .task_services import task_complete
from .terms import add_months, month_term

MAX_EXTENSION_MONTHS = 4


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


def _checked_parent(proceeding: Proceeding, relation: ChildRepresentative | None) -> None:
    if relation is None:
        raise ValidationError({"relation": _("Choose the parent.")})
    if not proceeding.case.case_children.filter(child_id=relation.child_id).exists():
        raise ValidationError({"relation": _("Choose a parent of a child in this case.")})
    if relation.role == RepresentativeRole.GUARDIAN:
        raise ValidationError({"relation": _("Custody is recorded for parents only.")})


def _set_custody(
    proceeding: Proceeding,
    *,
    custody_outcome: str,
    relation: ChildRepresentative | None,
    grounds: str,
    decision_number: str,
) -> None:
    """Check the decision's custody part and put it on the proceeding (not yet saved)."""
    if custody_outcome not in CustodyOutcome.values:
        raise ValidationError({"custody_outcome": _("Choose what was decided about custody.")})
    if custody_outcome != CustodyOutcome.SUSPENDED and grounds:
        raise ValidationError({"grounds": _("Grounds are given only when custody is suspended.")})
    if custody_outcome in PARENT_OUTCOMES:
        _checked_parent(proceeding, relation)
    elif (
        relation is not None
        and not proceeding.case.case_children.filter(child_id=relation.child_id).exists()
    ):
        raise ValidationError({"relation": _("Choose a parent of a child in this case.")})
    if custody_outcome == CustodyOutcome.SUSPENDED and not grounds:
        raise ValidationError({"grounds": _("Give the grounds for suspending custody.")})
    proceeding.custody_outcome = custody_outcome
    proceeding.custody_relation = relation if custody_outcome else None
    proceeding.custody_grounds = grounds
    proceeding.decision_number = decision_number.strip()


def _review_task(proceeding: Proceeding, actor: User, relation: ChildRepresentative) -> None:
    """After a suspension: the court's task one year on to decide whether to apply to a court
    for deprivation (Civil Law 203), remembered so that the answer closes it."""
    decided_on = proceeding.decided_on
    assert decided_on is not None
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
            "number": proceeding.decision_number,
        },
        institution=proceeding.court,
        due_on=due_on,
        created_by=actor,
    )
    task.full_clean()
    task.save()
    DeprivationReview.objects.create(proceeding=proceeding, relation=relation, task=task)
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


def _settle_reviews(
    case: Case, actor: User, relation: ChildRepresentative, day: datetime.date, result: str
) -> None:
    """Close the open one-year deprivation reviews of this parent and child in the case."""
    reviews = DeprivationReview.objects.select_related("task").filter(
        proceeding__case=case, relation=relation, settled_on__isnull=True
    )
    for review in reviews:
        if review.task.status == TaskStatus.OPEN:
            task_complete(task=review.task, actor=actor, result=result)
        review.settled_on = day
        review.save(update_fields=["settled_on"])


def _write_custody(proceeding: Proceeding, actor: User) -> None:
    """Apply the decision's custody part: the registry record, the review task, or the
    settlement of an earlier review."""
    outcome, relation = proceeding.custody_outcome, proceeding.custody_relation
    if outcome not in PARENT_OUTCOMES or relation is None:
        return
    decided_on = proceeding.decided_on
    assert decided_on is not None
    if outcome in (CustodyOutcome.SUSPENDED, CustodyOutcome.RESTORED):
        registry_services.custody_record_add(
            actor=actor,
            relation=relation,
            status=CustodyStatus.SUSPENDED
            if outcome == CustodyOutcome.SUSPENDED
            else CustodyStatus.RESTORED,
            effective_from=decided_on,
            decision_number=proceeding.decision_number,
            decided_by=proceeding.court.name,
            grounds=proceeding.custody_grounds,
        )
    if outcome == CustodyOutcome.SUSPENDED:
        _review_task(proceeding, actor, relation)
    else:
        _settle_reviews(
            proceeding.case, actor, relation, decided_on, str(CustodyOutcome(outcome).label)
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
    one year on to decide whether to apply for deprivation (Civil Law 203), which a decision
    to apply, a restoration or a court judgment closes."""
    proceeding = _locked(proceeding, actor)
    if not decision.strip():
        raise ValidationError({"decision": _("Write the decision.")})
    decided_on = decided_on or timezone.localdate()
    if decided_on > timezone.localdate() or decided_on < proceeding.opened_on:
        raise ValidationError({"decided_on": _("The date must be between the opening and today.")})
    _set_custody(
        proceeding,
        custody_outcome=custody_outcome,
        relation=relation,
        grounds=grounds,
        decision_number=decision_number,
    )
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
    _write_custody(proceeding, actor)
    return proceeding


# Which judgment a matter can end in: deprivation on the court's application, restoration on
# the matter where the orphan's court gave its opinion; a claim dismissed on either.
JUDGMENTS_FOR: dict[str, tuple[str, ...]] = {
    ProceedingKind.DEPRIVATION_SUIT: (JudgmentKind.DEPRIVED, JudgmentKind.DISMISSED),
    ProceedingKind.RESTORE_CUSTODY: (JudgmentKind.RESTORED, JudgmentKind.DISMISSED),
}
_JUDGMENT_CUSTODY: dict[str, str] = {
    JudgmentKind.DEPRIVED: CustodyStatus.DEPRIVED,
    JudgmentKind.RESTORED: CustodyStatus.RESTORED_BY_COURT,
}


@transaction.atomic
def proceeding_record_judgment(
    *,
    proceeding: Proceeding,
    actor: User,
    kind: str,
    relation: ChildRepresentative | None,
    court_name: str,
    judgment_number: str,
    judged_on: datetime.date,
    note: str = "",
) -> CourtJudgment:
    """Record a court's judgment depriving a parent of custody or restoring it (Civil Law
    199, 200), or dismissing the claim, on the orphan's court matter that led to it. The
    registry's custody record follows in the same transaction, and the parent's open
    one-year deprivation review is closed."""
    proceeding = (
        Proceeding.objects.select_for_update(of=("self",))
        .select_related("case", "court")
        .get(pk=proceeding.pk)
    )
    _require_court(actor, proceeding.court)
    if proceeding.case.status != CaseStatus.OPEN:
        raise ValidationError(_("The case is closed; it cannot be changed."))
    allowed = JUDGMENTS_FOR.get(proceeding.kind, ())
    if not allowed:
        raise ValidationError(
            _(
                "Court judgments are recorded on an application for deprivation of custody or "
                "a restoration matter."
            )
        )
    if kind not in allowed:
        raise ValidationError({"kind": _("This judgment does not answer this matter.")})
    _checked_parent(proceeding, relation)
    assert relation is not None
    if not court_name.strip():
        raise ValidationError({"court_name": _("Name the court.")})
    if not judgment_number.strip():
        raise ValidationError({"judgment_number": _("Give the judgment number.")})
    if judged_on > timezone.localdate() or judged_on < proceeding.opened_on:
        raise ValidationError(
            {"judged_on": _("The date must be between the matter's opening and today.")}
        )
    judgment = CourtJudgment(
        proceeding=proceeding,
        relation=relation,
        kind=kind,
        court_name=court_name.strip(),
        judgment_number=judgment_number.strip(),
        judged_on=judged_on,
        note=note.strip(),
        recorded_by=actor,
    )
    judgment.full_clean()
    judgment.save()
    if kind in _JUDGMENT_CUSTODY:
        registry_services.custody_record_add(
            actor=actor,
            relation=relation,
            status=_JUDGMENT_CUSTODY[kind],
            effective_from=judged_on,
            decision_number=judgment.judgment_number,
            decided_by=judgment.court_name,
        )
    text = _("Court judgment (%(court)s, No. %(number)s, %(date)s): %(parent)s, %(judgment)s.") % {
        "court": judgment.court_name,
        "number": judgment.judgment_number,
        "date": judged_on.strftime("%d.%m.%Y"),
        "parent": relation.representative.full_name,
        "judgment": JudgmentKind(kind).label,
    }
    _entry(proceeding.case, actor, EntryKind.PROCEEDING, text)
    _settle_reviews(proceeding.case, actor, relation, judged_on, text)
    return judgment


@transaction.atomic
def preventive_talk_record(
    *,
    case: Case,
    actor: User,
    court: Institution,
    held_on: datetime.date,
    participants: str,
    discussed: str,
    next_steps: str,
) -> PreventiveTalk:
    """The orphan's court records a preventive talk with the parents; the court joins the
    case, and the entry is read by the case team (the court and the social service)."""
    _require_court(actor, court)
    case = Case.objects.select_for_update().get(pk=case.pk)
    if court.type != InstitutionType.ORPHANS_COURT or court.municipality_id != case.municipality_id:
        raise PermissionDenied
    if case.status != CaseStatus.OPEN:
        raise ValidationError(_("The case is closed; it cannot be changed."))
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("The date must not be in the future.")})
    required = {
        "participants": (participants, _("Say who took part.")),
        "discussed": (discussed, _("Write what was discussed.")),
        "next_steps": (next_steps, _("Write the next steps agreed.")),
    }
    missing = {field: message for field, (value, message) in required.items() if not value.strip()}
    if missing:
        raise ValidationError(missing)
    talk = PreventiveTalk(
        case=case,
        court=court,
        held_on=held_on,
        participants=participants.strip(),
        discussed=discussed.strip(),
        next_steps=next_steps.strip(),
        recorded_by=actor,
    )
    talk.full_clean()
    talk.save()
    _participate(case, court, ParticipantRole.COURT)
    _entry(
        case,
        actor,
        EntryKind.PROCEEDING,
        _("Preventive talk with the parents on %(date)s. Next steps: %(steps)s")
        % {"date": held_on.strftime("%d.%m.%Y"), "steps": talk.next_steps},
    )
    return talk


# Other apps (assessment's tests) place children through this module's names.
from .placement_services import (  # noqa: E402
    EMERGENCY_MONTHS,
    placement_end,
    placement_start,
)

__all__ = ["EMERGENCY_MONTHS", "placement_end", "placement_start"]
