"""A handover carries the case (docs/adr/0006): when the receiving municipality accepts a
child, the child leaves the sending municipality's open case (closed with the outcome "moved to
another municipality" when no other child stays in it) and is taken up in a case of the
receiving municipality, which is given the transfer summary and opens the case the child came
from, read-only. Runs inside the acceptance's transaction (``handover_accepted`` signal)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sargs.organisations.models import Institution, User
from sargs.organisations.roles import InstitutionType
from sargs.registry.models import Child
from sargs.responsibility.models import Handover

from .messages import message
from .models import Case, CaseChild, CaseOutcome, CaseStatus, EntryKind, ParticipantRole
from .services import case_participant_join, timeline_entry_add
from .transfer_models import CaseTransfer
from .transfer_selectors import transfer_summary


def _receiving_case(child: Child, handover: Handover, actor: User | None) -> Case:
    """The family's open case in the receiving municipality (a sibling came earlier), else a
    new one with the receiving social service in charge."""
    today = timezone.localdate()
    link = (
        CaseChild.objects.filter(
            active=True,
            case__municipality_id=handover.to_municipality_id,
            child__household_id=child.household_id,
        )
        .select_related("case")
        .first()
        if child.household_id is not None
        else None
    )
    if link is not None:
        return link.case
    case = Case(municipality_id=handover.to_municipality_id, social_worker=actor, opened_on=today)
    case.full_clean()
    case.save()
    owner = (
        Institution.objects.filter(
            municipality_id=handover.to_municipality_id,
            type=InstitutionType.SOCIAL_SERVICE,
            is_active=True,
        )
        .order_by("pk")
        .first()
    )
    if owner is not None:
        case_participant_join(case=case, institution=owner, role=ParticipantRole.OWNER)
    return case


def _close_as_moved(case: Case, note: str) -> None:
    today = timezone.localdate()
    case.status = CaseStatus.CLOSED
    case.closed_on = today
    case.outcome = CaseOutcome.MOVED
    case.outcome_note = note
    case.full_clean()
    case.save()
    case.participants.filter(until__isnull=True).update(until=today)


@transaction.atomic
def case_transfer_for_handover(*, handover: Handover, actor: User | None) -> CaseTransfer | None:
    """Move the handed-over child's open case to the receiving municipality; None when the
    child had no open case with the sending municipality."""
    child = Child.objects.get(pk=handover.child_id)
    link = (
        CaseChild.objects.select_for_update()
        .filter(child=child, active=True, case__municipality_id=handover.from_municipality_id)
        .select_related("case")
        .first()
    )
    if link is None:
        return None
    from_case = Case.objects.select_for_update().get(pk=link.case_id)
    summary = transfer_summary(case=from_case, child=child)
    link.active = False
    link.save(update_fields=["active"])
    to_case = _receiving_case(child, handover, actor)
    CaseChild.objects.create(case=to_case, child=child, added_on=timezone.localdate())
    now = timezone.now()
    names = {
        "child": child.full_name,
        "from": handover.from_municipality.name,
        "to": handover.to_municipality.name,
        "date": timezone.localtime(now).strftime("%d.%m.%Y"),
    }
    timeline_entry_add(
        case=from_case,
        actor=actor,
        kind=EntryKind.TRANSFER,
        text=message("handed_over", **{**names, "date": timezone.localdate(now)}),
    )
    timeline_entry_add(
        case=to_case,
        actor=actor,
        kind=EntryKind.TRANSFER,
        text=message("taken_over", **{**names, "date": timezone.localdate(now)}),
    )
    if not from_case.case_children.filter(active=True).exists():
        _close_as_moved(
            from_case,
            _("Handed over to %(to)s on %(date)s (BTAL 67).") % names,
        )
    transfer = CaseTransfer(
        handover=handover,
        child=child,
        from_case=from_case,
        to_case=to_case,
        transferred_at=now,
        transferred_by=actor,
        summary=summary,
    )
    transfer.full_clean()
    transfer.save()
    return transfer
