"""The custody part of the orphan's court's decisions and of court judgments: which parent,
the registry's custody record, and the court's one-year task after a suspension to decide
whether to apply for deprivation (Civil Law 203), which a later decision or judgment settles.
Called inside the court services' transactions (``services``)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sargs.cases.casework.messages import message
from sargs.cases.casework.models import Case, EntryKind, Task, TaskStatus
from sargs.cases.casework.services import task_complete, timeline_entry_add
from sargs.core import terms
from sargs.core.terms import add_months
from sargs.organisations.models import User
from sargs.registry import services as registry_services
from sargs.registry.models import ChildRepresentative, CustodyStatus, RepresentativeRole

from .models import PARENT_OUTCOMES, CustodyOutcome, DeprivationReview, Proceeding

DEPRIVATION_REVIEW_MONTHS = terms.DEPRIVATION_REVIEW_MONTHS.length  # Civil Law 203


def parent_check(*, proceeding: Proceeding, relation: ChildRepresentative | None) -> None:
    """Refuse anyone but a parent of a child in the proceeding's case."""
    if relation is None:
        raise ValidationError({"relation": _("Choose the parent.")})
    if not proceeding.case.case_children.filter(child_id=relation.child_id).exists():
        raise ValidationError({"relation": _("Choose a parent of a child in this case.")})
    if relation.role == RepresentativeRole.GUARDIAN:
        raise ValidationError({"relation": _("Custody is recorded for parents only.")})


def decision_custody_set(
    *,
    proceeding: Proceeding,
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
        parent_check(proceeding=proceeding, relation=relation)
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


def _review_task(*, proceeding: Proceeding, actor: User, relation: ChildRepresentative) -> None:
    """After a suspension: the court's task one year on to decide whether to apply to a court
    for deprivation (Civil Law 203), remembered so that the answer closes it."""
    decided_on = proceeding.decided_on
    assert decided_on is not None
    due_on = add_months(decided_on, DEPRIVATION_REVIEW_MONTHS)
    title = message("custody_review")
    task = Task(
        case=proceeding.case,
        title=str(title),
        title_message=title.code,
        title_params=title.params,
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
    timeline_entry_add(
        case=proceeding.case,
        actor=actor,
        kind=EntryKind.TASK,
        text=message("task_set", institution=proceeding.court.name, date=due_on, title=title),
        institutions=[proceeding.court],
    )


def deprivation_reviews_settle(
    *, case: Case, actor: User, relation: ChildRepresentative, day: datetime.date, result: str
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


def decision_custody_write(*, proceeding: Proceeding, actor: User) -> None:
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
        _review_task(proceeding=proceeding, actor=actor, relation=relation)
    else:
        deprivation_reviews_settle(
            case=proceeding.case,
            actor=actor,
            relation=relation,
            day=decided_on,
            result=str(CustodyOutcome(outcome).label),
        )
