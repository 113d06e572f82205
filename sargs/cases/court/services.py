"""Writes of the orphan's court: proceedings (opened → term to remedy set → decided, within
one month, extendable to four: Orphan Courts Law; domain.md §9), court judgments on custody,
preventive talks, and out-of-family care. The custody part of decisions and judgments (the
registry's record, the one-year deprivation review) is in ``custody``."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sargs.cases.casework.access import COURT_MEMBERS
from sargs.cases.casework.models import Case, CaseStatus, EntryKind, ParticipantRole
from sargs.cases.casework.services import case_participant_join, timeline_entry_add
from sargs.organisations.models import Institution, User
from sargs.organisations.principal import principal_for_user
from sargs.organisations.roles import InstitutionType
from sargs.registry import services as registry_services
from sargs.registry.models import Child, ChildRepresentative, CustodyStatus
from sargs.registry.signals import residence_changed

from .access import placement_policy
from .custody import (
    decision_custody_set,
    decision_custody_write,
    deprivation_reviews_settle,
    parent_check,
)
from .models import (
    CareForm,
    CourtJudgment,
    JudgmentKind,
    Placement,
    PlacementEnd,
    PreventiveTalk,
    Proceeding,
    ProceedingKind,
    ProceedingStatus,
)
from .terms import month_term

MAX_EXTENSION_MONTHS = 4


def _require_court(actor: User, court: Institution) -> None:
    if court.pk not in COURT_MEMBERS.institutions(principal_for_user(actor)):
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
    case_participant_join(case=case, institution=court, role=ParticipantRole.COURT)
    timeline_entry_add(
        case=case,
        actor=actor,
        kind=EntryKind.PROCEEDING,
        text=_("The orphan's court opened a matter: %(kind)s; decision due %(date)s.")
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
    timeline_entry_add(
        case=proceeding.case,
        actor=actor,
        kind=EntryKind.PROCEEDING,
        text=_("The parent was warned; term to remedy until %(date)s.")
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
    decision_custody_set(
        proceeding=proceeding,
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
    timeline_entry_add(
        case=proceeding.case,
        actor=actor,
        kind=EntryKind.PROCEEDING,
        text=_("The orphan's court decided (%(kind)s): %(decision)s")
        % {"kind": proceeding.get_kind_display(), "decision": proceeding.decision},
    )
    decision_custody_write(proceeding=proceeding, actor=actor)
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
    parent_check(proceeding=proceeding, relation=relation)
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
    timeline_entry_add(case=proceeding.case, actor=actor, kind=EntryKind.PROCEEDING, text=text)
    deprivation_reviews_settle(
        case=proceeding.case, actor=actor, relation=relation, day=judged_on, result=text
    )
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
    case_participant_join(case=case, institution=court, role=ParticipantRole.COURT)
    timeline_entry_add(
        case=case,
        actor=actor,
        kind=EntryKind.PROCEEDING,
        text=_("Preventive talk with the parents on %(date)s. Next steps: %(steps)s")
        % {"date": held_on.strftime("%d.%m.%Y"), "steps": talk.next_steps},
    )
    return talk


# --- Out-of-family care (domain.md §6; BTAL 27, 37) --------------------------------------------
# The deciding municipality keeps responsibility (BTAL 67(4)); the registry's handover review
# runs on both placing and ending.

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
    courts = COURT_MEMBERS.institutions(principal_for_user(actor))
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
    court = (
        Institution.objects.filter(
            pk__in=courts, type=InstitutionType.ORPHANS_COURT, municipality__isnull=False
        )
        .filter(pk__in=case.participants.filter(until__isnull=True).values("institution"))
        .order_by("pk")
        .first()
    )
    assert court is not None and court.municipality_id is not None
    placement = Placement(
        case=case,
        child=child,
        deciding_municipality_id=court.municipality_id,
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
    timeline_entry_add(
        case=case,
        actor=actor,
        kind=EntryKind.PROCEEDING,
        text=_("%(child)s placed in out-of-family care (%(form)s) on %(date)s.")
        % {
            "child": child.full_name,
            "form": CareForm(form).label,
            "date": placed_on.strftime("%d.%m.%Y"),
        },
    )
    # The deciding municipality now keeps responsibility (BTAL 67(4)): review handovers.
    residence_changed.send(sender=Child, child=child, actor=actor)
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
    if not placement_policy.can_change(principal_for_user(actor), placement):
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
    timeline_entry_add(
        case=placement.case,
        actor=actor,
        kind=EntryKind.PROCEEDING,
        text=_("Out-of-family care ended on %(date)s: %(reason)s.")
        % {"date": ended_on.strftime("%d.%m.%Y"), "reason": PlacementEnd(reason).label},
    )
    residence_changed.send(sender=Child, child=placement.child, actor=actor)
    return placement
