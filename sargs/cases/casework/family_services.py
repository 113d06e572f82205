"""Writes for families as they are (issue 15, point 4).

* **A brother or sister joins an open case directly**, without a concern of their own. The
  rule: the child's record is kept by the case's municipality (its registry), the child is in
  no other open case, and the child lives in the family's household or in none yet (then it
  joins the family's household). A child of another household is refused: one case per
  family (docs/adr/0008 §3). A sibling not yet in the registry is registered into the family's
  household in the same step (the registry's own services write its tables).
* **A closed case is reopened** when a new concern about the family comes and the social
  worker chooses so; otherwise the new case records the earlier one (``previous_case``).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sargs.organisations.models import User
from sargs.organisations.principal import principal_for_user
from sargs.registry import services as registry_services
from sargs.registry.models import Child, Household

from .access import case_policy
from .family_selectors import family_household
from .models import Case, CaseChild, CaseOutcome, CaseStatus, EntryKind, ParticipantRole
from .services import case_lock_for_change, case_participant_join, timeline_entry_add


def _household_for(case: Case, actor: User) -> Household:
    """The family's household; created (and the case's children put in it) when the children
    were registered without one, e.g. from a concern."""
    household = family_household(case)
    if household is not None:
        return household
    children = list(Child.objects.filter(case_links__case=case).order_by("case_links__pk"))
    if not children:
        raise ValidationError(_("The case has no child yet."))
    household = registry_services.household_create(
        actor=actor,
        municipality=case.municipality,
        name=_("%(last_name)s family") % {"last_name": children[0].last_name},
    )
    for child in children:
        registry_services.child_update(actor=actor, child=child, household=household)
    return household


@transaction.atomic
def case_child_add(*, case: Case, actor: User, child: Child) -> CaseChild:
    """Add a brother or sister to the open case (rule in the module docstring)."""
    case = case_lock_for_change(case=case, actor=actor)
    if child.municipality_id != case.municipality_id:
        raise ValidationError(
            {"child": _("The child's record is kept by another municipality; ask for a handover.")}
        )
    if CaseChild.objects.filter(child=child, active=True).exists():
        raise ValidationError({"child": _("The child is already in an open case.")})
    household = _household_for(case, actor)
    child = Child.objects.select_for_update().get(pk=child.pk)
    if child.household_id not in (None, household.pk):
        raise ValidationError(
            {
                "child": _(
                    "The child lives in another household: one case is kept per family. "
                    "Change the child's household in the registry first."
                )
            }
        )
    if child.household_id is None:
        registry_services.child_update(actor=actor, child=child, household=household)
    link, created = CaseChild.objects.get_or_create(
        case=case, child=child, defaults={"added_on": timezone.localdate()}
    )
    if not created:  # back in the family's case after leaving it
        link.active = True
        link.save(update_fields=["active"])
    timeline_entry_add(
        case=case,
        actor=actor,
        kind=EntryKind.CHILD_ADDED,
        text=_("%(name)s was added to the family's case.") % {"name": child.full_name},
    )
    return link


@transaction.atomic
def case_sibling_register(
    *,
    case: Case,
    actor: User,
    first_name: str,
    last_name: str,
    sex: str,
    birth_date: datetime.date | None = None,
    personal_code: str = "",
    confirm_likely_duplicate: bool = False,
) -> CaseChild:
    """Register a brother or sister not yet in the registry into the family's household and
    add them to the case, in one step."""
    case = case_lock_for_change(case=case, actor=actor)
    household = _household_for(case, actor)
    child = registry_services.child_create(
        actor=actor,
        municipality=case.municipality,
        first_name=first_name,
        last_name=last_name,
        sex=sex,
        birth_date=birth_date,
        personal_code=personal_code,
        household=household,
        confirm_likely_duplicate=confirm_likely_duplicate,
    )
    return case_child_add(case=case, actor=actor, child=child)


@transaction.atomic
def case_reopen(*, case: Case, actor: User) -> Case:
    """Reopen the family's closed case: its children come back into it (those not in another
    open case since) and the social service in charge takes part again."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not case_policy.can_change(principal_for_user(actor), case):
        raise PermissionDenied
    if case.status != CaseStatus.CLOSED:
        raise ValidationError(_("The case is open."))
    if case.outcome == CaseOutcome.MOVED:
        raise ValidationError(
            _("The family moved to another municipality with this case; open a new one.")
        )
    case.status, case.closed_on, case.outcome, case.outcome_note = CaseStatus.OPEN, None, "", ""
    case.full_clean()
    case.save()
    for link in case.case_children.filter(active=False).select_related("case"):
        if not CaseChild.objects.filter(child_id=link.child_id, active=True).exists():
            link.active = True
            link.save(update_fields=["active"])
    owner = case.participants.filter(role=ParticipantRole.OWNER).order_by("-since", "-pk").first()
    if owner is not None:
        case_participant_join(case=case, institution=owner.institution, role=ParticipantRole.OWNER)
    timeline_entry_add(
        case=case,
        actor=actor,
        kind=EntryKind.REOPENED,
        text=_("The case was reopened after a new concern."),
    )
    return case
