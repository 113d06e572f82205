"""Background work of the assessment: building report files (a national report takes seconds,
so pages enqueue it and never wait; docs/deploy.md, "Background work")."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from . import report
from .models import ReportFile, ReportFileStatus


@task()
def build_report_file(report_file_id: int) -> None:
    report_file = ReportFile.objects.select_related("assessment__municipality").get(
        pk=report_file_id
    )
    if report_file.status == ReportFileStatus.READY:
        return
    build = report.build_docx if report_file.fmt == "docx" else report.build_pdf
    try:
        content = build(report_file.assessment)
    except Exception:
        ReportFile.objects.filter(pk=report_file_id).update(
            status=ReportFileStatus.FAILED, finished_at=timezone.now()
        )
        raise
    ReportFile.objects.filter(pk=report_file_id).update(
        status=ReportFileStatus.READY, content=content, finished_at=timezone.now()
    )
