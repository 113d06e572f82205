"""Report files are built by a background task: the page enqueues and never waits for it."""

from __future__ import annotations

import datetime

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from sargs.assessment import report
from sargs.assessment.models import Assessment, ReportFile, ReportFileStatus
from sargs.assessment.tasks import build_report_file

from .output_factories import frozen_assessment

pytestmark = pytest.mark.django_db

QUEUED = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def assessment(cast) -> Assessment:
    return frozen_assessment(cast.municipality_a, 2025, {"F3": {"children": 12}})


def _url(assessment: Assessment, fmt: str = "docx") -> str:
    return reverse("assessment:report-download", args=[assessment.pk, fmt])


def test_a_report_is_built_once_and_served_from_its_file(cast, client_for, assessment, monkeypatch):
    calls = []
    real = report.build_docx
    monkeypatch.setattr(report, "build_docx", lambda a, **kw: calls.append(a.pk) or real(a, **kw))
    client = client_for(cast.coordinator)

    first = client.get(_url(assessment))
    second = client.get(_url(assessment))

    assert first.status_code == second.status_code == 200
    assert first.content[:2] == b"PK" and first.content == second.content
    assert calls == [assessment.pk]
    assert ReportFile.objects.get().status == ReportFileStatus.READY


def test_with_a_queue_the_page_waits_until_the_worker_has_built_it(cast, client_for, assessment):
    client = client_for(cast.coordinator)
    with override_settings(TASKS=QUEUED):
        pending = client.get(_url(assessment, "pdf"), HTTP_ACCEPT_LANGUAGE="en")
        assert pending.status_code == 202
        assert "being prepared" in pending.content.decode()
        report_file = ReportFile.objects.get()
        assert report_file.status == ReportFileStatus.PENDING

        build_report_file.call(report_file.pk)  # what the worker does

        ready = client.get(_url(assessment, "pdf"))
    assert ready.status_code == 200 and ready.content[:4] == b"%PDF"


def test_freezing_again_makes_a_new_report(cast, client_for, assessment):
    client = client_for(cast.coordinator)
    client.get(_url(assessment))
    Assessment.objects.filter(pk=assessment.pk).update(
        frozen_at=timezone.now() + datetime.timedelta(minutes=1)
    )
    client.get(_url(assessment))
    assert ReportFile.objects.filter(assessment=assessment).count() == 2


def test_a_failed_build_says_so_and_is_tried_again(cast, client_for, assessment, monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("charts failed")

    monkeypatch.setattr(report, "build_docx", broken)
    client = client_for(cast.coordinator)
    failed = client.get(_url(assessment), HTTP_ACCEPT_LANGUAGE="en")
    assert "could not be prepared" in failed.content.decode()
    assert ReportFile.objects.get().status == ReportFileStatus.FAILED

    # Asking again shows the failure; it is built again when the user presses the button.
    assert (
        "could not be prepared"
        in client.get(_url(assessment), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )
    monkeypatch.undo()
    assert client.post(_url(assessment)).status_code == 302
    assert client.get(_url(assessment)).content[:2] == b"PK"
    assert ReportFile.objects.get().status == ReportFileStatus.READY


def test_the_production_queue_holds_the_build_for_the_worker(cast, client_for, assessment):
    """The database backend queues the build as a row for `manage.py db_worker` (the worker
    itself is the library's; here its work is done by calling the task)."""
    from django_tasks_db.models import DBTaskResult

    database = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client = client_for(cast.coordinator)
    with override_settings(TASKS=database):
        assert client.get(_url(assessment)).status_code == 202
        queued = DBTaskResult.objects.get()
        assert queued.task_path == "sargs.assessment.tasks.build_report_file"
        assert queued.status == "READY"  # waiting for a worker
        build_report_file.call(*queued.args_kwargs["args"])
        ready = client.get(_url(assessment))
    assert ready.status_code == 200 and ready.content[:2] == b"PK"
