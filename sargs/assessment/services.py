"""Writes for the collection of the annual assessment: reporting periods, submissions and their
values, and the workflow submit → return (with a comment) → resubmit → approve → reopen (with a
reason). Each service takes keyword arguments and the acting user, runs in one transaction and
locks the submission row, so that an approval and an edit cannot interleave; every transition
writes a ``SubmissionEvent`` (auditlog records the changed rows too)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from sargs.core.terms import COLLECTION_SEMESTER, collection_year_deadline
from sargs.core.transitions import lock_row, require_state
from sargs.core.versioning import StaleEdit, update_if_current
from sargs.core.workdays import add_working_days, next_working_day
from sargs.organisations.models import Institution, User
from sargs.organisations.principal import principal_for_user

from .access import coordinated_municipalities, submission_policy
from .models import (
    Assessment,
    AssessmentStatus,
    IndicatorDefinition,
    ReportedValue,
    ReportingPeriod,
    Submission,
    SubmissionAction,
    SubmissionEvent,
    SubmissionStatus,
    ValueState,
)
from .selectors import CellInfo, Key, Value, cell_info, definitions_for, missing_cells

MAX_MISSING_NAMED = 12


def _date(day: datetime.date) -> str:
    return formats.date_format(day, "d.m.Y")


# --- Periods ---------------------------------------------------------------------------------


def default_dates(year: int, semester: int) -> tuple[datetime.date, datetime.date]:
    """(opens_on, deadline) for a period: collection opens on the first working day after the
    period ends; the year is due by 1 February (or the next working day), a semester 20
    working days after it ends."""
    if semester == 2:  # the 2nd school semester: January to the end of the school year
        end = datetime.date(year, 6, 30)
    else:  # the year, or the 1st school semester (September–December)
        end = datetime.date(year, 12, 31)
    opens_on = next_working_day(end + datetime.timedelta(days=1))
    if semester == 0:
        return opens_on, collection_year_deadline(year)
    return opens_on, add_working_days(end, COLLECTION_SEMESTER.value)


@transaction.atomic
def open_period(
    *,
    actor: User,
    year: int,
    semester: int = 0,
    opens_on: datetime.date | None = None,
    deadline: datetime.date | None = None,
) -> ReportingPeriod:
    """Open a national reporting period (any municipality's coordinator may)."""
    if not coordinated_municipalities(principal_for_user(actor)):
        raise PermissionDenied
    if semester not in (0, 1, 2):
        raise ValidationError(
            {
                "semester": _(
                    "Choose the whole year, the 1st semester (September–December) or the 2nd "
                    "semester (January–June)."
                )
            }
        )
    this_year = timezone.localdate().year
    if not 2000 <= year <= this_year + 1:
        raise ValidationError(
            {"year": _("Choose a year from 2000 to %(max)s.") % {"max": this_year + 1}}
        )
    default_opens, default_deadline = default_dates(year, semester)
    period = ReportingPeriod(
        year=year,
        semester=semester,
        opens_on=opens_on or default_opens,
        deadline=deadline or default_deadline,
    )
    if period.deadline < period.opens_on:
        raise ValidationError({"deadline": _("The deadline cannot be before collection opens.")})
    if ReportingPeriod.objects.filter(year=year, semester=semester).exists():
        raise ValidationError({"semester": _("This reporting period is already open.")})
    period.full_clean()
    period.save()
    return period


@transaction.atomic
def period_set_window(
    *, actor: User, period: ReportingPeriod, opens_on: datetime.date, deadline: datetime.date
) -> ReportingPeriod:
    """Set when a period's collection opens and when it is due (a coordinator's choice; the
    defaults are only a proposal). Late reports are still taken after the deadline."""
    if not coordinated_municipalities(principal_for_user(actor)):
        raise PermissionDenied
    if deadline < opens_on:
        raise ValidationError({"deadline": _("The deadline cannot be before collection opens.")})
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    period.opens_on, period.deadline = opens_on, deadline
    period.full_clean()
    period.save(update_fields=["opens_on", "deadline"])
    return period


# --- Submissions and values ------------------------------------------------------------------


def _frozen_message(year: int) -> str:
    return _(
        "The situation assessment of %(year)s is frozen, so its figures no longer change here. "
        "To correct one, ask the municipality's coordinator to reopen your approved report for "
        "that period with a reason (Data for the situation assessment → the report → Reopen); "
        "correct and submit it, and the coordinator approves it and freezes the year again."
    ) % {"year": year}


def year_is_frozen(municipality_id: int | None, year: int) -> bool:
    """Whether the municipality's assessment of ``year`` is frozen."""
    if municipality_id is None:
        return False
    return Assessment.objects.filter(
        municipality_id=municipality_id, year=year, status=AssessmentStatus.FROZEN
    ).exists()


def _require_year_open(submission: Submission) -> None:
    """A frozen year takes changes only through a reopened report."""
    if submission.status != SubmissionStatus.REOPENED and year_is_frozen(
        submission.municipality_id, submission.period.year
    ):
        raise ValidationError(_frozen_message(submission.period.year), code="frozen")


@transaction.atomic
def submission_for(*, institution: Institution, period: ReportingPeriod) -> Submission:
    """The institution's submission for the period, created as a draft the first time."""
    if institution.municipality_id is None or not definitions_for(institution, period):
        raise ValidationError(_("This institution has nothing to report for this period."))
    if period.opens_on > timezone.localdate():
        raise ValidationError(
            _("Collection for this period opens on %(date)s.") % {"date": _date(period.opens_on)}
        )
    existing = Submission.objects.filter(period=period, institution=institution).first()
    if existing is not None:
        return existing
    if year_is_frozen(institution.municipality_id, period.year):
        raise ValidationError(_frozen_message(period.year), code="frozen")
    try:
        with transaction.atomic():
            submission, _created = Submission.objects.get_or_create(
                period=period,
                institution=institution,
                defaults={"municipality_id": institution.municipality_id},
            )
    except IntegrityError:  # created meanwhile by a parallel request
        submission = Submission.objects.get(period=period, institution=institution)
    return submission


def _lock(submission: Submission) -> None:
    """Lock the row and read its current status and revision, so the checks that follow are
    not stale and a transition's save does not put back an older revision."""
    row = lock_row(Submission.objects.all(), submission.pk)
    submission.status, submission.revision = row.status, row.revision


def _require_editable(submission: Submission) -> None:
    if submission.status == SubmissionStatus.APPROVED:
        raise ValidationError(
            _("Approved data is locked. Ask the coordinator to reopen the submission.")
        )
    if submission.status == SubmissionStatus.SUBMITTED:
        raise ValidationError(
            _("The submission is with the coordinator; it can be changed if it is returned.")
        )


def amount_error(unit: str, amount: Decimal) -> str | None:
    """Why an amount is not acceptable for its unit, or None."""
    if not amount.is_finite() or amount >= Decimal("1e12"):
        return _("enter a number below a trillion.")
    if amount < 0:
        return _("a number cannot be negative.")
    if unit == "count" and amount != amount.to_integral_value():
        return _("a count is a whole number.")
    if amount != amount.quantize(Decimal("0.01")):
        return _("an amount in euros has at most two decimals.")
    return None


def error_key(info: CellInfo) -> str:
    """How errors name a cell: "E2:pupils|sex=f" (indicator code and cell key)."""
    return f"{info.code}:{info.cell}"


def _clean_values(
    submission: Submission, values: dict[Key, Value]
) -> dict[Key, tuple[str, Decimal | None]]:
    """Check every value; raise one ValidationError naming each bad cell."""
    definitions = {d.pk: d for d in definitions_for(submission.institution, submission.period)}
    errors: dict[str, list[str]] = {}
    clean: dict[Key, tuple[str, Decimal | None]] = {}
    for (definition_id, cell), (state, amount) in values.items():
        definition: IndicatorDefinition | None = definitions.get(definition_id)
        if definition is None or cell not in definition.cells:
            errors.setdefault("values", []).append(
                _("%(cell)s is not something this institution reports for this period.")
                % {"cell": f"{definition or definition_id}:{cell}"}
            )
            continue
        info = cell_info(definition, cell)
        if amount is not None and not isinstance(amount, Decimal):
            amount = Decimal(str(amount))  # an int from a script, a float from a spreadsheet
        problem = _value_error(info, state, amount)
        if problem:
            errors.setdefault(error_key(info), []).append(f"{info.label}: {problem}")
            continue
        clean[(definition_id, cell)] = (state, amount if state == ValueState.NUMBER else None)
    if errors:
        raise ValidationError(errors)
    return clean


def _value_error(info: CellInfo, state: str, amount: Decimal | None) -> str | None:
    if state == "":
        return None  # clears the cell
    if state not in ValueState.values:
        return _("choose a number, not reported or not applicable.")
    if state != ValueState.NUMBER:
        return None if amount is None else _("a cell that is not reported has no number.")
    if amount is None:
        return _("enter a number (0 if there were none), or say it is not reported.")
    return amount_error(info.unit, amount)


def _stored(row: ReportedValue | None) -> Value:
    return ("", None) if row is None else (row.state, row.amount)


def _cell_body(value: Value) -> dict[str, str | None]:
    """A stored cell as a refused save reports it (the API's amounts are decimal strings)."""
    state, amount = value
    return {"state": state, "amount": None if amount is None else str(amount)}


def _merge_stale(
    submission: Submission,
    stale: StaleEdit,
    clean: dict[Key, tuple[str, Decimal | None]],
    existing: dict[Key, ReportedValue],
    shown: dict[Key, Value] | None,
) -> dict[Key, tuple[str, Decimal | None]]:
    """Someone saved values after the form was filled. With what the form showed (``shown``),
    the cells nobody else touched are the user's to write, and a cell changed by someone else
    that the user left as shown keeps the other person's value. A cell both changed differently
    refuses the save with StaleEdit (the stored values of the cells sent); without ``shown``
    (an API client) any newer save refuses it."""
    definitions = {d.pk: d for d in definitions_for(submission.institution, submission.period)}

    def key_name(key: Key) -> str:
        return error_key(cell_info(definitions[key[0]], key[1]))

    theirs = {key: _stored(existing.get(key)) for key in clean}
    was = shown or {}
    conflicts = [
        key
        for key, yours in clean.items()
        if theirs[key] != was.get(key, ("", None)) != yours and theirs[key] != yours
    ]
    if shown is None or conflicts:
        raise StaleEdit(
            revision=stale.revision,
            theirs={key_name(key): _cell_body(value) for key, value in theirs.items()},
        )
    return {key: yours for key, yours in clean.items() if yours != was.get(key, ("", None))}


@transaction.atomic
def save_values(
    *,
    actor: User,
    submission: Submission,
    values: dict[Key, Value],
    based_on: int | None = None,
    shown: dict[Key, Value] | None = None,
) -> int:
    """Store some or all cells of a submission; a state of "" clears a cell. All or nothing:
    one bad value saves none. Returns the number of cells changed.

    ``based_on`` is the submission's revision the form or client started from; the check and
    the raise of the revision are one UPDATE (core.versioning). When someone saved values
    since, ``shown`` (the cells as the form showed them) decides cell by cell: see
    ``_merge_stale``. No ``based_on`` (the Excel upload, a script): not checked."""
    if not submission_policy.can_change(principal_for_user(actor), submission):
        raise PermissionDenied
    _lock(submission)
    _require_editable(submission)
    _require_year_open(submission)
    clean = _clean_values(submission, values)
    existing = {
        (v.definition_id, v.cell): v for v in ReportedValue.objects.filter(submission=submission)
    }
    if based_on is not None:
        rows = Submission.objects.all()
        now = {"updated_at": timezone.now()}
        try:
            submission.revision = update_if_current(
                rows, submission.pk, expected=based_on, values=now
            )
        except StaleEdit as stale:
            clean = _merge_stale(submission, stale, clean, existing, shown)
            # the row is locked: the stored revision is still the one just read
            submission.revision = update_if_current(
                rows, submission.pk, expected=stale.revision, values=now
            )
    changed = 0
    for (definition_id, cell), (state, amount) in clean.items():
        row = existing.get((definition_id, cell))
        if state == "":
            if row is not None:
                row.delete()  # one by one, so auditlog records each change
                changed += 1
            continue
        if row is None:
            row = ReportedValue(submission=submission, definition_id=definition_id, cell=cell)
        elif row.state == state and row.amount == amount:
            continue
        row.state, row.amount = state, amount
        row.save()
        changed += 1
    if changed and based_on is None:
        Submission.objects.filter(pk=submission.pk).update(
            updated_at=timezone.now(), revision=F("revision") + 1
        )
        submission.revision += 1
    return changed


def _event(submission: Submission, action: str, actor: User, comment: str = "") -> None:
    SubmissionEvent.objects.create(
        submission=submission, action=action, actor=actor, comment=comment
    )


@transaction.atomic
def submit(*, actor: User, submission: Submission) -> Submission:
    """Send the submission to the coordinator; every cell must have a value or a reason."""
    if not submission_policy.can_change(principal_for_user(actor), submission):
        raise PermissionDenied
    _lock(submission)
    _require_editable(submission)
    _require_year_open(submission)
    missing = missing_cells(submission, definitions_for(submission.institution, submission.period))
    if missing:
        named = "; ".join(c.label for c in missing[:MAX_MISSING_NAMED])
        if len(missing) > MAX_MISSING_NAMED:
            named += " …"
        raise ValidationError(
            _(
                "Every cell needs a number (0 if there were none), or “not reported” or “not "
                "applicable”. Missing (%(count)s): %(cells)s."
            )
            % {"count": len(missing), "cells": named}
        )
    submission.status = SubmissionStatus.SUBMITTED
    submission.submitted_at = timezone.now()
    submission.submitted_by = actor
    submission.save()
    _event(submission, SubmissionAction.SUBMIT, actor)
    return submission


def _require_decider(actor: User, submission: Submission) -> None:
    if not submission_policy.can_decide(principal_for_user(actor), submission):
        raise PermissionDenied


def _comment(text: str, field: str) -> str:
    text = (text or "").strip()
    if not text:
        if field == "reason":
            raise ValidationError({field: _("Say why the approved data must change.")})
        raise ValidationError({field: _("Say what the institution should correct.")})
    return text


@transaction.atomic
def return_submission(*, actor: User, submission: Submission, comment: str) -> Submission:
    """Send a submitted submission back to the institution with what to correct."""
    _require_decider(actor, submission)
    comment = _comment(comment, "comment")
    _lock(submission)
    require_state(
        submission, [SubmissionStatus.SUBMITTED], _("Only a submitted submission can be returned.")
    )
    submission.status = SubmissionStatus.RETURNED
    submission.decided_at = timezone.now()
    submission.decided_by = actor
    submission.save()
    _event(submission, SubmissionAction.RETURN, actor, comment)
    return submission


@transaction.atomic
def approve(*, actor: User, submission: Submission) -> Submission:
    """Accept a submitted submission; its values are locked from now on."""
    _require_decider(actor, submission)
    _lock(submission)
    require_state(
        submission, [SubmissionStatus.SUBMITTED], _("Only a submitted submission can be approved.")
    )
    submission.status = SubmissionStatus.APPROVED
    submission.decided_at = timezone.now()
    submission.decided_by = actor
    submission.save()
    _event(submission, SubmissionAction.APPROVE, actor)
    return submission


@transaction.atomic
def reopen(*, actor: User, submission: Submission, reason: str) -> Submission:
    """Unlock approved data for a correction; it must be submitted and approved again."""
    _require_decider(actor, submission)
    reason = _comment(reason, "reason")
    _lock(submission)
    require_state(
        submission, [SubmissionStatus.APPROVED], _("Only an approved submission can be reopened.")
    )
    submission.status = SubmissionStatus.REOPENED
    submission.save()
    _event(submission, SubmissionAction.REOPEN, actor, reason)
    return submission


def record_upload(*, actor: User, submission: Submission, changed: int) -> None:
    """The UPLOAD event of an Excel upload (called inside the upload's transaction)."""
    _event(
        submission,
        SubmissionAction.UPLOAD,
        actor,
        _("%(count)s cells changed.") % {"count": changed},
    )
