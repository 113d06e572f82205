"""Writes around the programme's figures (issue 17): the council's yearly hearing of the
implementation report, the council's decisions on the additional funding the action plan
asks for, and the cooperation group's proposals taken into the list of problems."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sargs.organisations.models import User

from . import selectors
from .models import CouncilHearing, FundingDecision, Problem, Programme, ProgrammeVersion
from .services import _editable, _require_coordinator


def council_report_due(year: int) -> datetime.date:
    """When the council is to hear the report on ``year``: by 31 March of the next year, so
    that it is heard at least once a year."""
    return datetime.date(year + 1, 3, 31)


@transaction.atomic
def council_hearing_record(
    *,
    actor: User,
    programme: Programme,
    year: int,
    heard_on: datetime.date | None = None,
    decision_number: str = "",
    due_on: datetime.date | None = None,
) -> CouncilHearing:
    """Record (or plan) the council's hearing of the report on ``year``: its due date and,
    once heard, the date and decision number."""
    _require_coordinator(actor, programme.municipality_id)
    if year not in programme.years:
        raise ValidationError({"year": _("Choose a year of the programme.")})
    if heard_on is not None and not decision_number.strip():
        raise ValidationError({"decision_number": _("Give the council's decision number.")})
    hearing, _created = CouncilHearing.objects.get_or_create(
        programme=programme, year=year, defaults={"due_on": council_report_due(year)}
    )
    if due_on is not None:
        hearing.due_on = due_on
    hearing.heard_on = heard_on
    hearing.decision_number = decision_number.strip() if heard_on else ""
    hearing.full_clean()
    hearing.save()
    return hearing


@transaction.atomic
def funding_decision_record(
    *,
    actor: User,
    programme: Programme,
    year: int,
    granted: Decimal,
    decision_number: str,
    decided_on: datetime.date,
) -> FundingDecision:
    """Record what the council's budget granted of the additional funding asked for."""
    _require_coordinator(actor, programme.municipality_id)
    if year not in programme.years:
        raise ValidationError({"year": _("Choose a year of the programme.")})
    if granted < 0:
        raise ValidationError({"granted": _("The amount granted cannot be negative.")})
    decision, _created = FundingDecision.objects.update_or_create(
        programme=programme,
        year=year,
        defaults={
            "granted": granted,
            "decision_number": decision_number.strip(),
            "decided_on": decided_on,
        },
    )
    decision.full_clean()
    return decision


@transaction.atomic
def problems_from_cooperation(*, actor: User, version: ProgrammeVersion) -> list[Problem]:
    """Take the municipality's cooperation group proposals for the programme into the draft's
    list of problems, once each; the coordinator links indicators and writes the solution."""
    _editable(actor, version)
    taken = set(version.problems.exclude(source="").values_list("source", flat=True))
    added = []
    order = version.problems.count()
    for proposal in selectors.cooperation_proposals(version.programme.municipality_id):
        if proposal.source in taken:
            continue
        order += 1
        problem = Problem(
            version=version,
            order=order,
            title=proposal.title[:250],
            description=proposal.description,
            source=proposal.source,
        )
        problem.full_clean()
        problem.save()
        added.append(problem)
    return added
