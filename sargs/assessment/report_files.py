"""Asking for a report file: the first request enqueues its building, later ones find it."""

from __future__ import annotations

from django.db import transaction

from .models import Assessment, ReportFile, ReportFileStatus
from .tasks import build_report_file


@transaction.atomic
def request_report(assessment: Assessment, fmt: str) -> ReportFile:
    """The report file of the assessment as frozen now; building it is enqueued when it is
    new or its last build failed. With the immediate task backend (demo, tests) it is ready
    on return; in production the worker builds it and the page waits by polling."""
    assert assessment.frozen_at is not None
    report_file, created = ReportFile.objects.select_for_update().get_or_create(
        assessment=assessment, fmt=fmt, frozen_at=assessment.frozen_at
    )
    if created or report_file.status == ReportFileStatus.FAILED:
        if not created:
            report_file.status = ReportFileStatus.PENDING
            report_file.save(update_fields=["status"])
        build_report_file.enqueue(report_file.pk)
        report_file.refresh_from_db()
    return report_file
