"""Removing what the retention periods let go, in batches, through each app's own
``*_delete_for_retention`` service, and recording the run (counts, never contents)."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import QuerySet

from sargs.assessment.report_files import report_files_delete_for_retention
from sargs.audit.maintenance import audit_entries_delete_for_retention
from sargs.audit.models import AuditEntry
from sargs.cases.casework.services import case_delete_for_retention
from sargs.cases.concerns.services import concern_delete_for_retention
from sargs.core.forms import form_submissions_delete_for_retention
from sargs.programme.questionnaire_services import questionnaire_response_delete_for_retention

from .models import RetentionRun
from .selectors import retention_due

Progress = Callable[[str, int, int], None]


def _rows(result: dict[str, int] | int, model: str) -> dict[str, int]:
    return result if isinstance(result, dict) else {model: result}


DELETERS: dict[str, Callable[[list[Any]], dict[str, int]]] = {
    "closed_cases": lambda batch: case_delete_for_retention(cases=batch),
    "concerns_without_case": lambda batch: concern_delete_for_retention(concerns=batch),
    "audit_entries": lambda batch: _rows(
        audit_entries_delete_for_retention(pks=[e.pk for e in batch]), "audit.AuditEntry"
    ),
    "questionnaire_answers": lambda batch: _rows(
        questionnaire_response_delete_for_retention(responses=batch),
        "programme.QuestionnaireResponse",
    ),
    "generated_documents": lambda batch: _rows(
        report_files_delete_for_retention(report_files=batch), "assessment.ReportFile"
    ),
    "form_tokens": lambda batch: _rows(
        form_submissions_delete_for_retention(pks=[f.pk for f in batch]), "core.FormSubmission"
    ),
}


def retention_counts(now: datetime.datetime | None = None) -> dict[str, int]:
    """What a run would remove now, per kind (the dry run)."""
    return {kind: queryset.count() for kind, queryset in retention_due(now).items()}


def _remove(
    kind: str, queryset: QuerySet[Any], batch_size: int, progress: Progress
) -> Counter[str]:
    total = queryset.count()
    rows: Counter[str] = Counter()
    done = 0
    while done < total:
        batch = list(queryset.only("pk")[:batch_size])
        if not batch:
            break
        with transaction.atomic():
            rows.update(DELETERS[kind](batch))
        done += len(batch)
        progress(kind, done, total)
    return rows


def retention_run(
    *,
    batch_size: int = 500,
    progress: Progress | None = None,
    now: datetime.datetime | None = None,
) -> RetentionRun:
    """Removes every kind's records past their period, in batches (each its own transaction),
    and records the run with its counts in the run table and the audit trail."""
    report = progress or (lambda kind, done, total: None)
    removed: dict[str, Any] = {}
    for kind, queryset in retention_due(now).items():
        rows = _remove(kind, queryset, batch_size, report)
        removed[kind] = {"rows": dict(rows)}
    with transaction.atomic():
        run = RetentionRun.objects.create(removed=removed)
        AuditEntry.objects.create(
            content_type=ContentType.objects.get_for_model(RetentionRun),
            object_pk=str(run.pk),
            object_id=run.pk,
            object_repr=str(run),
            action=AuditEntry.Action.DELETE,
            additional_data={"retention": removed},
        )
    return run
