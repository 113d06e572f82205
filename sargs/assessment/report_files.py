"""Asking for a report file: the first request enqueues its building, later ones find it.

The build record's states: pending (queued; ``started_at`` once a worker took it) → ready or
failed. A pending build older than ``REPORT_BUILD_TIMEOUT_SECONDS`` counts as failed (its
worker was killed, or no worker runs), so nothing stays "being prepared" forever; a failed
build is started again only when someone presses "Build again" (retrying on every poll of the
waiting page would loop on a failure that repeats).
"""

from __future__ import annotations

import datetime
import errno
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Assessment, ReportBuildFailure, ReportFile, ReportFileStatus
from .tasks import build_report_file

logger = logging.getLogger("sargs.reports")


@transaction.atomic
def request_report(assessment: Assessment, fmt: str) -> ReportFile:
    """The report file of the assessment as frozen now; building it is enqueued when it is
    new. With the immediate task backend (demo, tests) it is ready on return; in production
    the worker builds it and the page waits by polling."""
    assert assessment.frozen_at is not None
    report_file, created = ReportFile.objects.select_for_update().get_or_create(
        assessment=assessment, fmt=fmt, frozen_at=assessment.frozen_at
    )
    if created:
        build_report_file.enqueue(report_file.pk)
        report_file.refresh_from_db()
    elif report_build_is_stale(report_file):
        report_build_fail(report_file.pk, ReportBuildFailure.TIMED_OUT)
        report_file.refresh_from_db()
    return report_file


@transaction.atomic
def report_rebuild(assessment: Assessment, fmt: str) -> ReportFile:
    """The "Build again" button: a failed (or stale) build is queued anew; other states stay."""
    report_file = request_report(assessment, fmt)
    report_file = ReportFile.objects.select_for_update().get(pk=report_file.pk)
    if report_file.status == ReportFileStatus.FAILED:
        ReportFile.objects.filter(pk=report_file.pk).update(
            status=ReportFileStatus.PENDING,
            failure="",
            requested_at=timezone.now(),
            started_at=None,
            finished_at=None,
        )
        build_report_file.enqueue(report_file.pk)
        report_file.refresh_from_db()
    return report_file


def report_build_is_stale(report_file: ReportFile) -> bool:
    """Pending for longer than the timeout, counted from when a worker took it (or, if none
    has, from the request)."""
    if report_file.status != ReportFileStatus.PENDING:
        return False
    since = report_file.started_at or report_file.requested_at
    timeout = datetime.timedelta(seconds=settings.REPORT_BUILD_TIMEOUT_SECONDS)
    return timezone.now() - since > timeout


def report_build_fail(report_file_id: int, failure: str) -> None:
    """Marks a pending build failed, with one log line for the administrator (the record's
    number, format and reason: the report is aggregate, and nothing else is logged)."""
    changed = ReportFile.objects.filter(pk=report_file_id, status=ReportFileStatus.PENDING).update(
        status=ReportFileStatus.FAILED, failure=failure, finished_at=timezone.now()
    )
    if changed:
        fmt = ReportFile.objects.values_list("fmt", flat=True).get(pk=report_file_id)
        logger.error("report build failed: report file %s (%s): %s", report_file_id, fmt, failure)


def failure_of(error: BaseException) -> str:
    """The reason to record for an exception raised while building."""
    if isinstance(error, OSError) and error.errno in {errno.ENOSPC, errno.EDQUOT}:
        return ReportBuildFailure.NO_SPACE
    if isinstance(error, FileNotFoundError):  # a converter program (e.g. soffice) not installed
        return ReportBuildFailure.CONVERTER_MISSING
    return ReportBuildFailure.ERROR


def report_files_delete_for_retention(*, report_files: list[ReportFile]) -> int:
    """Removes built report files past their retention period (sargs/retention); they are
    built again when someone asks for the report."""
    deleted, _rows = ReportFile.objects.filter(pk__in=[f.pk for f in report_files]).delete()
    return deleted
