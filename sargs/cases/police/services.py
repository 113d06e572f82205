"""Writes of the police's part: their assessment with its result, and prevention work."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sargs.cases.casework.models import Case, CaseChild, CaseStatus, EntryKind
from sargs.cases.casework.services import timeline_entry_add
from sargs.organisations.models import Institution, User
from sargs.organisations.principal import principal_for_user
from sargs.registry.models import Child

from .access import case_police
from .models import (
    PoliceAssessment,
    PreventionKind,
    PreventionWork,
    ProceedingsKind,
    ProceedingsResult,
)


def _police_of(case: Case, actor: User) -> Institution:
    police = case_police(principal_for_user(actor), case)
    if not police:
        raise PermissionDenied
    if case.status != CaseStatus.OPEN:
        raise ValidationError(_("The case is closed; it cannot be changed."))
    return Institution.objects.get(pk=min(police))


def _past(day: datetime.date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("The date must not be in the future.")})


@transaction.atomic
def police_assessment_record(
    *,
    case: Case,
    actor: User,
    assessed_on: datetime.date,
    assessment: str,
    result: str,
    proceedings_kind: str = "",
    proceedings_number: str = "",
    not_started_reason: str = "",
) -> PoliceAssessment:
    """Record whether there are grounds to start criminal or administrative proceedings and
    the result: started (its kind and number) or not started (the reason)."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    police = _police_of(case, actor)
    _past(assessed_on, "assessed_on")
    if not assessment.strip():
        raise ValidationError({"assessment": _("Describe the assessment of the grounds.")})
    if result == ProceedingsResult.STARTED:
        errors = {}
        if proceedings_kind not in ProceedingsKind.values:
            errors["proceedings_kind"] = _("Choose the kind of proceedings started.")
        if not proceedings_number.strip():
            errors["proceedings_number"] = _("Give the number of the proceedings.")
        if errors:
            raise ValidationError(errors)
        not_started_reason = ""
    elif result == ProceedingsResult.NOT_STARTED:
        if not not_started_reason.strip():
            raise ValidationError(
                {"not_started_reason": _("Give the reason the proceedings were not started.")}
            )
        proceedings_kind, proceedings_number = "", ""
    else:
        raise ValidationError({"result": _("Choose the result.")})
    record = PoliceAssessment(
        case=case,
        police=police,
        assessed_on=assessed_on,
        assessment=assessment.strip(),
        result=result,
        proceedings_kind=proceedings_kind,
        proceedings_number=proceedings_number.strip(),
        not_started_reason=not_started_reason.strip(),
        author=actor,
    )
    record.full_clean()
    record.save()
    timeline_entry_add(
        case=case,
        actor=actor,
        kind=EntryKind.NOTE,
        text=_("%(police)s assessed the grounds for proceedings on %(date)s: %(result)s.")
        % {
            "police": police.name,
            "date": assessed_on.strftime("%d.%m.%Y"),
            "result": record.get_result_display(),
        },
        institutions=[police],
    )
    return record


@transaction.atomic
def prevention_work_record(
    *,
    case: Case,
    actor: User,
    child: Child,
    kind: str,
    held_on: datetime.date,
    note: str,
) -> PreventionWork:
    """Record juvenile prevention work with a child of the case."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    police = _police_of(case, actor)
    _past(held_on, "held_on")
    if kind not in PreventionKind.values:
        raise ValidationError({"kind": _("Choose the kind of prevention work.")})
    if not CaseChild.objects.filter(case=case, child=child).exists():
        raise ValidationError({"child": _("Choose a child of the case.")})
    if not note.strip():
        raise ValidationError({"note": _("Describe the prevention work.")})
    work = PreventionWork(
        case=case,
        child=child,
        police=police,
        kind=kind,
        held_on=held_on,
        note=note.strip(),
        author=actor,
    )
    work.full_clean()
    work.save()
    return work
