"""Writes of the orphan's court: proceedings (opened → term to remedy set → decided, within
one month, extendable to four: Orphan Courts Law; domain.md §9), court judgments on custody,
preventive talks, and out-of-family care. The custody part of decisions and judgments (the
registry's record, the one-year deprivation review) is in ``custody``."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sargs.cases.casework.access import COURT_MEMBERS
from sargs.cases.casework.messages import message
from sargs.cases.casework.models import (
    Case,
    CaseStatus,
    EntryKind,
    ParticipantRole,
    SupportArea,
)
from sargs.cases.casework.services import case_participant_join, timeline_entry_add
from sargs.core import terms
from sargs.core.documents import to_docx
from sargs.core.workdays import add_working_days
from sargs.organisations.models import Institution, User
from sargs.organisations.principal import principal_for_user
from sargs.organisations.roles import InstitutionType
from sargs.registry import services as registry_services
from sargs.registry.models import (
    Child,
    ChildRepresentative,
    CustodyStatus,
    LegalRepresentative,
    RepresentativeRole,
)
from sargs.registry.signals import residence_changed

from .access import placement_policy
from .crisis import crisis_team_prompt, crisis_trigger
from .custody import (
    decision_custody_set,
    decision_custody_write,
    deprivation_reviews_settle,
    parent_check,
)
from .documents import support_record_document
from .models import (
    FORM_OF_KIND,
    CareForm,
    CourtJudgment,
    CustodyOutcome,
    FosterFamily,
    FosterFamilyStatus,
    JudgmentKind,
    Placement,
    PlacementEnd,
    PreventiveTalk,
    Proceeding,
    ProceedingKind,
    ProceedingStatus,
    SupportRecordAttachment,
    UrgentReason,
)
from .selectors import SupportRecord, support_record
from .tasks import case_social_service, court_step_task
from .terms import month_term


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
        text=message("court_matter_opened", kind=kind, date=proceeding.decision_due),
    )
    _inform_social_service(proceeding=proceeding, actor=actor)
    return proceeding


def _inform_social_service(*, proceeding: Proceeding, actor: User) -> None:
    """Orphan's Court Law 17(5): the social service is told of the matter and asked to act
    (its assessment and support for the family), within the setting's working days."""
    social_service = case_social_service(proceeding.case)
    if social_service is None:
        return
    court_step_task(
        case=proceeding.case,
        actor=actor,
        institution=social_service,
        title=message("court_matter_social_task", kind=proceeding.kind),
        description=_(
            "%(court)s opened the matter on %(date)s; grounds: %(grounds)s. Orphan's Court Law "
            "17(5): assess the family's situation and say what support is given."
        )
        % {
            "court": proceeding.court.name,
            "date": proceeding.opened_on.strftime("%d.%m.%Y"),
            "grounds": proceeding.grounds,
        },
        due_on=add_working_days(proceeding.opened_on, settings.COURT_MATTER_SOCIAL_SERVICE_DAYS),
    )


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
    if remedy_until > proceeding.decision_due:
        raise ValidationError(
            {
                "remedy_until": _(
                    "The term to remedy must end by the term for the decision (%(date)s); "
                    "extend that term first, with the reason."
                )
                % {"date": proceeding.decision_due.strftime("%d.%m.%Y")}
            }
        )
    proceeding.status = ProceedingStatus.WARNED
    proceeding.remedy_until = remedy_until
    proceeding.warned_on = timezone.localdate()
    proceeding.full_clean()
    proceeding.save()
    timeline_entry_add(
        case=proceeding.case,
        actor=actor,
        kind=EntryKind.PROCEEDING,
        text=message("court_parent_warned", date=remedy_until),
    )
    _term_end_tasks(proceeding=proceeding, actor=actor)
    return proceeding


def _term_end_tasks(*, proceeding: Proceeding, actor: User) -> None:
    """At the end of the term to remedy the court and the social service assess the result
    (Orphan Courts Law 22(1¹): the term is set in cooperation with the social service)."""
    assert proceeding.remedy_until is not None
    title = message("court_term_end_task")
    description = _("Matter #%(pk)s (%(kind)s), term to remedy until %(date)s.") % {
        "pk": proceeding.pk,
        "kind": proceeding.get_kind_display(),
        "date": proceeding.remedy_until.strftime("%d.%m.%Y"),
    }
    for institution in (proceeding.court, case_social_service(proceeding.case)):
        if institution is not None:
            court_step_task(
                case=proceeding.case,
                actor=actor,
                institution=institution,
                title=title,
                description=description,
                due_on=proceeding.remedy_until,
            )


@transaction.atomic
def proceeding_extend(
    *, proceeding: Proceeding, actor: User, decision_due: datetime.date, reason: str = ""
) -> Proceeding:
    """Extend the term for the decision, up to four months after the opening, with the
    reason (e.g. so that the term to remedy fits in it)."""
    proceeding = _locked(proceeding, actor)
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for extending the term.")})
    if decision_due <= proceeding.decision_due:
        raise ValidationError(
            {"decision_due": _("The new term must be later than the current one.")}
        )
    if decision_due > month_term(proceeding.opened_on, terms.COURT_DECISION_MAX_MONTHS.value):
        raise ValidationError(
            {"decision_due": _("The term can be extended to four months after the opening.")}
        )
    proceeding.decision_due = decision_due
    proceeding.extension_reason = "\n".join(
        part for part in (proceeding.extension_reason, reason.strip()) if part
    )
    proceeding.full_clean()
    proceeding.save()
    timeline_entry_add(
        case=proceeding.case,
        actor=actor,
        kind=EntryKind.PROCEEDING,
        text=message("court_term_extended", date=decision_due, reason=reason.strip()),
    )
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
    urgent_reason: str = "",
    urgent_note: str = "",
    chair_alone: bool = False,
) -> Proceeding:
    """Record the court's decision on its own date. A decision suspending or restoring a
    parent's custody is written to the registry in the same transaction; a suspension also
    sets the court a task one year on to decide whether to apply for deprivation (Civil Law
    203), which a decision to apply, a restoration or a court judgment closes.

    The order the law sets (domain.md §6): a suspension follows a warning whose term to remedy
    has passed, or a recorded urgent reason; a decision to apply for deprivation follows the
    support record attached to the matter."""
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
    _urgency_set(proceeding=proceeding, reason=urgent_reason, note=urgent_note)
    _order_check(proceeding=proceeding, decided_on=decided_on)
    proceeding.status = ProceedingStatus.DECIDED
    proceeding.decision = decision.strip()
    proceeding.decided_on = decided_on
    proceeding.full_clean()
    proceeding.save()
    text = message(
        "court_decided", date=decided_on, kind=proceeding.kind, decision=proceeding.decision
    )
    if proceeding.custody_outcome and proceeding.custody_relation is not None:
        text = message(
            "court_decided_custody",
            decided=text,
            parent=proceeding.custody_relation.representative.full_name,
            outcome=proceeding.custody_outcome,
        )
    timeline_entry_add(case=proceeding.case, actor=actor, kind=EntryKind.PROCEEDING, text=text)
    try:
        decision_custody_write(proceeding=proceeding, actor=actor)
    except ValidationError as exc:
        raise _on_decision_date(exc) from exc
    # A removal or the chair's single-member decision calls the crisis team (issue 16 point 6).
    trigger = crisis_trigger(proceeding=proceeding, chair_alone=chair_alone)
    if trigger is not None:
        crisis_team_prompt(proceeding=proceeding, actor=actor, trigger=trigger)
    return proceeding


ACCEPTED_URGENT_REASONS = (UrgentReason.IMMEDIATE_DANGER, UrgentReason.REMOVAL_BTAL_27)


def _urgency_set(*, proceeding: Proceeding, reason: str, note: str) -> None:
    if reason and reason not in ACCEPTED_URGENT_REASONS:
        raise ValidationError({"urgent_reason": _("Choose the urgent reason.")})
    if reason and not note.strip():
        raise ValidationError({"urgent_note": _("Describe what makes it urgent.")})
    if note.strip() and not reason:
        raise ValidationError({"urgent_reason": _("Choose the urgent reason.")})
    proceeding.urgent_reason = reason
    proceeding.urgent_note = note.strip()


def _order_check(*, proceeding: Proceeding, decided_on: datetime.date) -> None:
    """Refuse a decision that skips a step the law puts before it."""
    outcome = proceeding.custody_outcome
    if outcome == CustodyOutcome.SUSPENDED and not proceeding.urgent_reason:
        if proceeding.remedy_until is None:
            raise ValidationError(
                {
                    "custody_outcome": _(
                        "Custody is suspended after the parent was warned and the term to "
                        "remedy has passed, or for an urgent reason: set the term to remedy "
                        "first, or record the urgent reason."
                    )
                }
            )
        if proceeding.remedy_until >= decided_on:
            raise ValidationError(
                {
                    "custody_outcome": _(
                        "The term to remedy runs until %(date)s: custody can be suspended after "
                        "it has passed, or earlier for a recorded urgent reason."
                    )
                    % {"date": proceeding.remedy_until.strftime("%d.%m.%Y")}
                }
            )
    if outcome == CustodyOutcome.APPLY_FOR_DEPRIVATION and not (
        proceeding.support_records.filter(dated_on__lte=decided_on).exists()
    ):
        raise ValidationError(
            {
                "custody_outcome": _(
                    "Deprivation is sought only after support failed: attach the support "
                    "record to the matter first (dated on or before the decision)."
                )
            }
        )


def _on_decision_date(exc: ValidationError) -> ValidationError:
    """The registry's date-order refusal, said about the field the court's form has."""
    if hasattr(exc, "error_dict") and "effective_from" in exc.error_dict:
        return ValidationError(
            {
                "decided_on": _(
                    "%(reason)s Give the decision's own date: a custody change is dated after "
                    "the previous one."
                )
                % {"reason": " ".join(exc.message_dict["effective_from"])}
            }
        )
    return exc


def _gap_areas(record: SupportRecord) -> str:
    """The problems with a gap, in the language of the court's documents."""
    with translation.override("lv"):
        return ", ".join(str(SupportArea(p.area).label) for p in record.gaps)


@transaction.atomic
def proceeding_attach_support_record(
    *, proceeding: Proceeding, actor: User
) -> SupportRecordAttachment:
    """Attach the case's support record to the matter as a dated Word document, with its
    gaps counted: what the court had before it (a decision to apply for deprivation needs
    one)."""
    proceeding = _locked(proceeding, actor)
    record = support_record(case=proceeding.case)
    today = timezone.localdate()
    attachment = SupportRecordAttachment(
        proceeding=proceeding,
        dated_on=today,
        content=to_docx(support_record_document(record, day=today)),
        problems=len(record.problems),
        gaps=len(record.gaps),
        gap_areas=_gap_areas(record),
        attached_by=actor,
    )
    attachment.full_clean()
    attachment.save()
    timeline_entry_add(
        case=proceeding.case,
        actor=actor,
        kind=EntryKind.PROCEEDING,
        text=message(
            "court_support_record_attached",
            date=today,
            problems=attachment.problems,
            gaps=attachment.gaps,
        ),
    )
    return attachment


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
    text = message(
        "court_judgment",
        court=judgment.court_name,
        number=judgment.judgment_number,
        date=judged_on,
        parent=relation.representative.full_name,
        judgment=kind,
    )
    timeline_entry_add(case=proceeding.case, actor=actor, kind=EntryKind.PROCEEDING, text=text)
    deprivation_reviews_settle(
        case=proceeding.case, actor=actor, relation=relation, day=judged_on, result=str(text)
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
        text=message("court_talk_held", date=held_on, steps=talk.next_steps),
    )
    return talk


# --- Out-of-family care (domain.md §6; BTAL 27, 37) --------------------------------------------
# The deciding municipality keeps responsibility (BTAL 67(4)); the registry's handover review
# runs on both placing and ending.

FOSTER_FORMS = (
    CareForm.FOSTER_FAMILY,
    CareForm.SPECIALISED_FOSTER_FAMILY,
    CareForm.CRISIS_FOSTER_FAMILY,
)


def _carer_check(
    *,
    form: str,
    child: Child,
    placed_on: datetime.date,
    foster_family: FosterFamily | None,
    guardian: LegalRepresentative | None,
    care_institution: Institution | None,
    emergency: bool,
) -> None:
    """The placement names a registered family, guardian or institution that fits the form."""
    named = [x for x in (foster_family, guardian, care_institution) if x is not None]
    if len(named) > 1:
        raise ValidationError(_("Name one carer: a foster family, a guardian or an institution."))
    if emergency and form != CareForm.INSTITUTION:
        raise ValidationError(
            {
                "emergency": _(
                    "Short-term care (up to three months, BTAL 37) is care in a childcare "
                    "institution; choose that form or leave it unticked."
                )
            }
        )
    if form in FOSTER_FORMS:
        _foster_family_check(family=foster_family, form=form, placed_on=placed_on)
    elif form == CareForm.GUARDIANSHIP:
        if (
            guardian is None
            or not ChildRepresentative.objects.filter(
                child=child, representative=guardian, role=RepresentativeRole.GUARDIAN
            ).exists()
        ):
            raise ValidationError(
                {"guardian": _("Choose the child's guardian as recorded in the registry.")}
            )
    elif care_institution is None or care_institution.type != InstitutionType.CHILDCARE_INSTITUTION:
        raise ValidationError({"care_institution": _("Choose the childcare institution.")})


def _foster_family_check(
    *, family: FosterFamily | None, form: str, placed_on: datetime.date
) -> None:
    if family is None:
        raise ValidationError(
            {"foster_family": _("Choose a family from the foster family register.")}
        )
    if FORM_OF_KIND[family.kind] != form:
        raise ValidationError(
            {
                "foster_family": _("This family is registered as: %(kind)s.")
                % {"kind": family.get_kind_display()}
            }
        )
    if family.status != FosterFamilyStatus.ACTIVE or family.registered_on > placed_on:
        raise ValidationError({"foster_family": _("This family does not take children now.")})
    placed_now = family.placements.filter(ended_on__isnull=True).count()
    if placed_now >= family.places:
        raise ValidationError(
            {
                "foster_family": _("All %(places)s places of this family are taken.")
                % {"places": family.places}
            }
        )


def _parents_no_longer_live_with(*, child: Child, actor: User) -> None:
    """A child in out-of-family care no longer lives with the parents (the registry's
    "the child lives with them" ends for each parent)."""
    for relation in ChildRepresentative.objects.filter(
        child=child,
        role__in=[RepresentativeRole.MOTHER, RepresentativeRole.FATHER],
        lives_with_child=True,
    ):
        registry_services.representative_set_lives_with(
            actor=actor, relation=relation, lives_with_child=False
        )


@transaction.atomic
def placement_start(
    *,
    case: Case,
    actor: User,
    child: Child,
    form: str,
    child_opinion: str,
    foster_family: FosterFamily | None = None,
    guardian: LegalRepresentative | None = None,
    care_institution: Institution | None = None,
    emergency: bool = False,
    siblings_note: str = "",
    proceeding: Proceeding | None = None,
    placed_on: datetime.date | None = None,
) -> Placement:
    """The orphan's court places a child of the case in out-of-family care with a family of
    the register, the child's guardian or a childcare institution. The child's opinion is
    recorded (BTAL 27); short-term care in an institution is reviewed within three months
    (BTAL 37), any other placement after a year; the child no longer lives with the parents."""
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
    if foster_family is not None:
        foster_family = FosterFamily.objects.select_for_update().get(pk=foster_family.pk)
    _carer_check(
        form=form,
        child=child,
        placed_on=placed_on,
        foster_family=foster_family,
        guardian=guardian,
        care_institution=care_institution,
        emergency=emergency,
    )
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
        foster_family=foster_family,
        guardian=guardian,
        care_institution=care_institution,
        emergency=emergency,
        child_opinion=child_opinion.strip(),
        siblings_note=siblings_note,
        placed_on=placed_on,
        review_due=month_term(
            placed_on,
            (
                terms.SHORT_TERM_INSTITUTIONAL_CARE_MONTHS
                if emergency
                else terms.PLACEMENT_REVIEW_MONTHS
            ).value,
        ),
        created_by=actor,
    )
    placement.full_clean()
    placement.save()
    timeline_entry_add(
        case=case,
        actor=actor,
        kind=EntryKind.PROCEEDING,
        text=message(
            "court_placed",
            child=child.full_name,
            form=form,
            carer=placement.carer_name,
            date=placed_on,
        ),
    )
    _parents_no_longer_live_with(child=child, actor=actor)
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
        text=message("court_placement_ended", date=ended_on, reason=reason),
    )
    residence_changed.send(sender=Child, child=placement.child, actor=actor)
    return placement
