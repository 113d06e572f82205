"""Freezing a municipality's assessment year: the figures the report and later years read.

Freezing needs every submission of the year approved (and every institution that must report
to have one). It writes one ``FrozenValue`` per cell and semester: the approved totals (cells
nobody reported are frozen as "not reported", never left blank) and the computed figures,
and keeps the quality check results. There is no unfreezing: a correction reopens a
submission, and freezing again replaces the frozen figures; every freeze is a change of the
``Assessment`` row in the audit trail (who, when, the quality results before and after).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sargs.organisations.models import Municipality, User
from sargs.organisations.principal import principal_for_user

from .access import coordinated_municipalities
from .computed import compute
from .models import (
    Assessment,
    AssessmentStatus,
    FrozenValue,
    IndicatorDefinition,
    ReportedValue,
    ReportingPeriod,
    SubmissionStatus,
    ValueOrigin,
    ValueState,
)
from .quality import run_checks_in
from .quality_context import Context, semester_label
from .selectors import approved_totals


def _status_words(status: str) -> str:
    words: dict[str, str] = {
        SubmissionStatus.DRAFT: _("is still a draft"),
        SubmissionStatus.SUBMITTED: _("is submitted and awaits your approval"),
        SubmissionStatus.RETURNED: _("was returned for correction"),
        SubmissionStatus.REOPENED: _("was reopened"),
    }
    return words.get(status, status)


def freeze_blockers(municipality: Municipality, year: int) -> list[str]:
    """What keeps the year from being frozen, in words; empty when it can be."""
    ctx = Context(municipality, year)
    if not ctx.periods:
        return [_("No reporting period is open for %(year)s.") % {"year": year}]
    blockers = []
    by_key = {(s.institution_id, s.period_id): s for s in ctx.submissions}
    for period in ctx.periods:
        label = semester_label(period.semester) or str(period.year)
        for institution in ctx.institutions:
            if ctx.expected(institution.type, period) and (institution.pk, period.pk) not in by_key:
                blockers.append(
                    _("%(institution)s has not started its report for %(period)s.")
                    % {"institution": institution.name, "period": label}
                )
    for sub in ctx.submissions:
        if sub.status != SubmissionStatus.APPROVED:
            blockers.append(
                _("The report of %(institution)s for %(period)s %(status)s.")
                % {
                    "institution": sub.institution.name,
                    "period": semester_label(sub.period.semester) or str(sub.period.year),
                    "status": _status_words(sub.status),
                }
            )
    return blockers


def _reported_rows(
    assessment: Assessment, period: ReportingPeriod, definitions: list[IndicatorDefinition]
) -> list[FrozenValue]:
    totals = approved_totals(assessment.municipality, period)
    # Values point at the definition version they were reported under.
    used_ids = ReportedValue.objects.filter(
        submission__municipality=assessment.municipality,
        submission__period=period,
        submission__status=SubmissionStatus.APPROVED,
    ).values("definition_id")
    used = {
        d.indicator.code: d
        for d in IndicatorDefinition.objects.filter(pk__in=used_ids)
        .select_related("indicator")
        .order_by("version")
    }
    rows = []
    for current in definitions:
        if current.period_kind != period.kind:
            continue
        definition = used.get(current.indicator.code, current)
        for cell in definition.cells:
            state, amount = totals.get(
                (current.indicator.code, cell), (ValueState.NOT_REPORTED, None)
            )
            rows.append(
                FrozenValue(
                    assessment=assessment,
                    definition=definition,
                    semester=period.semester,
                    cell=cell,
                    origin=ValueOrigin.REPORTED,
                    state=state,
                    amount=amount if state == ValueState.NUMBER else None,
                )
            )
    return rows


def _computed_rows(
    assessment: Assessment, definitions: list[IndicatorDefinition]
) -> list[FrozenValue]:
    by_code = {d.indicator.code: d for d in definitions}
    rows = []
    for semester in (0, 1, 2):
        for (code, cell), amount in compute(
            assessment.municipality, assessment.year, semester
        ).items():
            rows.append(
                FrozenValue(
                    assessment=assessment,
                    definition=by_code[code],
                    semester=semester,
                    cell=cell,
                    origin=ValueOrigin.COMPUTED,
                    state=ValueState.NUMBER,
                    amount=amount,
                )
            )
    return rows


def quality_results(municipality: Municipality, year: int) -> list[dict[str, object]]:
    """The check results as stored: the message in Latvian (the report's language) and in
    English (``message_en``)."""
    found = run_checks_in(municipality, year, ("lv", "en"))
    latvian, english = found["lv"], found["en"]
    return [
        {**lv.as_json(), "message_en": en.message} for lv, en in zip(latvian, english, strict=True)
    ]


@transaction.atomic
def freeze(*, actor: User, municipality: Municipality, year: int) -> Assessment:
    """Freeze the municipality's year: copy the approved and computed figures and the quality
    check results; refuses, naming what is missing, while any report is not approved."""
    if municipality.pk not in coordinated_municipalities(principal_for_user(actor)):
        raise PermissionDenied
    blockers = freeze_blockers(municipality, year)
    if blockers:
        raise ValidationError([_("The year cannot be frozen yet:"), *blockers], code="not_approved")
    assessment, _created = Assessment.objects.select_for_update().get_or_create(
        municipality=municipality, year=year
    )
    ctx = Context(municipality, year)
    definitions = ctx.definitions
    assessment.values.all().delete()
    rows = [r for p in ctx.periods for r in _reported_rows(assessment, p, definitions)]
    rows += _computed_rows(assessment, definitions)
    FrozenValue.objects.bulk_create(rows)
    assessment.quality = quality_results(municipality, year)
    assessment.status = AssessmentStatus.FROZEN
    assessment.frozen_at = timezone.now()
    assessment.frozen_by = actor
    assessment.save()
    return assessment
