"""Background work of the assessment: building report files (a national report takes seconds,
so pages enqueue it and never wait; docs/deploy.md, "Background work")."""

from __future__ import annotations

import contextlib

from django.utils import timezone
from django_tasks import task

from sargs.core.replica import replica_reads

from . import report
from .models import Assessment, ReportFile, ReportFileStatus


@task()
def build_report_file(report_file_id: int) -> None:
    from .report_files import failure_of, report_build_fail

    # Taking the build marks when it started; a build no longer pending (built meanwhile, or
    # given up as timed out) is left alone.
    taken = ReportFile.objects.filter(pk=report_file_id, status=ReportFileStatus.PENDING).update(
        started_at=timezone.now()
    )
    if not taken:
        return
    report_file = ReportFile.objects.select_related("assessment__municipality").get(
        pk=report_file_id
    )
    build = report.build_docx if report_file.fmt == "docx" else report.build_pdf
    try:
        with _reads_for(report_file):
            content = build(report_file.assessment)
    except Exception as error:
        report_build_fail(report_file_id, failure_of(error))
        raise
    ReportFile.objects.filter(pk=report_file_id, status=ReportFileStatus.PENDING).update(
        status=ReportFileStatus.READY, content=content, finished_at=timezone.now()
    )


def _reads_for(report_file: ReportFile) -> contextlib.AbstractContextManager[None]:
    """The figures are read from the replica once it has replayed this freezing; a replica
    still behind it would build a report of the figures before (kept for good)."""
    with replica_reads():
        replayed = Assessment.objects.filter(
            pk=report_file.assessment_id, frozen_at=report_file.frozen_at
        ).exists()
    return replica_reads() if replayed else contextlib.nullcontext()
