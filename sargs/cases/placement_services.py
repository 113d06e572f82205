"""Writes for out-of-family care decided by the orphan's court (domain.md §6; BTAL 27, 37):
placing a child of the case and ending the placement. The deciding municipality keeps
responsibility (BTAL 67(4)); the registry's handover review runs on both."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sargs.organisations.models import Institution, User
from sargs.organisations.principal import principal_for_user
from sargs.organisations.roles import InstitutionType
from sargs.registry.models import Child
from sargs.registry.signals import residence_changed

from .access import court_institutions
from .case_common import _entry
from .models import Case, CaseStatus, EntryKind
from .proceeding_models import (
    CareForm,
    Placement,
    PlacementEnd,
    Proceeding,
)
from .terms import month_term

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
    residence_changed.send(sender=Child, child=placement.child, actor=actor)
    return placement
