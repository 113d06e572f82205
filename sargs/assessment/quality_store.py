"""The quality checks of a municipality's year, computed once per change of their data.

Computing the checks reads the year's reports and counts the indicators from the records
(``computed``), which takes seconds in a big municipality; the page instead reads the
findings stored in ``QualityResult`` with the *stamp* of the data they came from. The stamp
is cheap to take (a handful of indexed lookups) and changes whenever anything the checks read
changes:

* the municipality's latest change in the audit trail: every create, update and delete of a
  case, concern, referral, placement, custody record, child, institution, submission, reported
  value or assessment of the municipality writes one, in the same transaction (reads, also
  in the trail, are left out);
* what the trail does not file under the municipality, summarised from the tables
  themselves (a count and the latest change): the year's reporting periods, the indicator
  definitions, the imported child population, the year's submissions (every saved value
  moves the submission's ``updated_at``), this and last year's assessments, the
  institutions, the foster family register and the placements the municipality decided;
* the day: timeliness findings ("the deadline has passed") depend on it.

When the stamp differs from the stored one the checks run again (in Latvian and English from
one reading of the data) and replace the stored result; otherwise the stored findings are
returned. ADR 0021 says why a stamp rather than invalidating from every write.
"""

from __future__ import annotations

import hashlib
import time

from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import get_language

from sargs.audit.models import AuditEntry
from sargs.cases.court.models import FosterFamily, Placement
from sargs.organisations.models import Institution, Municipality

from .models import (
    Assessment,
    ChildPopulation,
    IndicatorDefinition,
    QualityResult,
    ReportingPeriod,
    Submission,
)
from .quality import Finding, run_checks_in

LANGUAGES = ("lv", "en")
ACCESS = 3  # auditlog's LogEntry.Action.ACCESS: a read, which changes nothing


def data_stamp(municipality: Municipality, year: int) -> str:
    """A fingerprint of everything the checks of the municipality's year read."""
    last_change = (
        AuditEntry.objects.filter(municipality=municipality)
        .exclude(action=ACCESS)
        .order_by("-timestamp", "-pk")
        .values_list("pk", flat=True)
        .first()
    )
    periods = list(
        ReportingPeriod.objects.filter(year=year)
        .order_by("semester")
        .values_list("pk", "semester", "opens_on", "deadline")
    )
    # What the audit trail does not file under the municipality: the catalogue, the imported
    # population, the reports and assessments (national audit rows), the institutions, the
    # foster family register (not audited) and placements decided here for a case kept by
    # another municipality.
    summaries = [
        IndicatorDefinition.objects.aggregate(n=Count("pk"), last=Max("pk")),
        ChildPopulation.objects.filter(municipality=municipality).aggregate(
            n=Count("pk"), at=Max("imported_at")
        ),
        Submission.objects.filter(municipality=municipality, period__year=year).aggregate(
            n=Count("pk"), at=Max("updated_at")
        ),
        Assessment.objects.filter(municipality=municipality, year__in=(year - 1, year)).aggregate(
            n=Count("pk"), at=Max("updated_at")
        ),
        Institution.objects.filter(municipality=municipality).aggregate(
            n=Count("pk"), at=Max("updated_at")
        ),
        FosterFamily.objects.filter(municipality=municipality).aggregate(
            n=Count("pk"), last=Max("pk"), removed=Count("removed_on"), at=Max("removed_on")
        ),
        Placement.objects.filter(deciding_municipality=municipality).aggregate(
            n=Count("pk"), last=Max("pk"), ended=Count("ended_on"), at=Max("ended_on")
        ),
    ]
    parts = (last_change, periods, summaries, timezone.localdate())
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def quality_refresh(*, municipality: Municipality, year: int, stamp: str = "") -> QualityResult:
    """Run the checks of the municipality's year and store their findings with the stamp of
    the data they were computed from."""
    stamp = stamp or data_stamp(municipality, year)
    started = time.perf_counter()
    found = run_checks_in(municipality, year, LANGUAGES)
    values = {
        "stamp": stamp,
        "findings": {lang: [f.as_json() for f in found[lang]] for lang in LANGUAGES},
        "computed_at": timezone.now(),
        "took_ms": round((time.perf_counter() - started) * 1000),
    }
    try:
        with transaction.atomic():
            result, _created = QualityResult.objects.update_or_create(
                municipality=municipality, year=year, defaults=values
            )
    except IntegrityError:  # another request stored the same year meanwhile: ours is as new
        result = QualityResult.objects.get(municipality=municipality, year=year)
    return result


def quality_result(municipality: Municipality, year: int) -> QualityResult:
    """The stored result while the data's stamp holds; computed again once it has changed."""
    stamp = data_stamp(municipality, year)
    stored = QualityResult.objects.filter(municipality=municipality, year=year).first()
    if stored is not None and stored.stamp == stamp:
        return stored
    return quality_refresh(municipality=municipality, year=year, stamp=stamp)


def findings_of(result: QualityResult, language: str | None = None) -> list[Finding]:
    language = "en" if (language or get_language() or "lv").startswith("en") else "lv"
    return [Finding(**row) for row in result.findings.get(language, [])]


def quality_findings(municipality: Municipality, year: int) -> list[Finding]:
    """The findings of the municipality's year in the reader's language, errors first."""
    return findings_of(quality_result(municipality, year))
