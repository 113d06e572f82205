"""A report build that a worker never finishes, or cannot finish, does not stay "being
prepared": it is marked failed, the user is told why and may build it again, and the
administrator gets one log line without personal data."""

from __future__ import annotations

import datetime
import errno

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


def _url(assessment: Assessment, fmt: str = "pdf") -> str:
    return reverse("assessment:report-download", args=[assessment.pk, fmt])


@override_settings(TASKS=QUEUED, REPORT_BUILD_TIMEOUT_SECONDS=600)
def test_a_build_whose_worker_was_killed_fails_after_the_timeout_and_can_be_built_again(
    cast, client_for, assessment, caplog
):
    client = client_for(cast.coordinator)
    assert client.get(_url(assessment)).status_code == 202
    # A worker took the build and was killed: started, never finished.
    started = timezone.now() - datetime.timedelta(seconds=599)
    ReportFile.objects.update(started_at=started)
    assert client.get(_url(assessment)).status_code == 202  # still within the timeout

    ReportFile.objects.update(started_at=started - datetime.timedelta(seconds=2))
    with caplog.at_level("ERROR", logger="sargs.reports"):
        page = client.get(_url(assessment), HTTP_ACCEPT_LANGUAGE="en")

    report_file = ReportFile.objects.get()
    assert report_file.status == ReportFileStatus.FAILED and report_file.failure == "timed_out"
    assert page.status_code == 200
    assert "took too long" in page.content.decode() and "Build again" in page.content.decode()
    assert [r.getMessage() for r in caplog.records] == [
        f"report build failed: report file {report_file.pk} (pdf): timed_out"
    ]
    # A late worker finding the given-up build leaves it alone.
    build_report_file.call(report_file.pk)
    assert ReportFile.objects.get().status == ReportFileStatus.FAILED

    assert client.post(_url(assessment)).status_code == 302
    report_file.refresh_from_db()
    assert report_file.status == ReportFileStatus.PENDING and report_file.started_at is None
    build_report_file.call(report_file.pk)  # what the worker does
    assert client.get(_url(assessment)).content[:4] == b"%PDF"


@override_settings(TASKS=QUEUED, REPORT_BUILD_TIMEOUT_SECONDS=600)
def test_a_build_no_worker_ever_took_also_times_out(cast, client_for, assessment):
    client = client_for(cast.coordinator)
    client.get(_url(assessment))
    ReportFile.objects.update(requested_at=timezone.now() - datetime.timedelta(seconds=601))
    client.get(_url(assessment))
    assert ReportFile.objects.get().failure == "timed_out"


@override_settings(TASKS=QUEUED)
def test_pressing_build_again_on_a_build_in_progress_changes_nothing(cast, client_for, assessment):
    client = client_for(cast.coordinator)
    client.get(_url(assessment))
    requested = ReportFile.objects.get().requested_at
    client.post(_url(assessment))
    report_file = ReportFile.objects.get()
    assert report_file.status == ReportFileStatus.PENDING and report_file.requested_at == requested


@pytest.mark.parametrize(
    ("error", "failure", "message"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "no_space", "ran out of disk space"),
        (FileNotFoundError(errno.ENOENT, "No such file", "soffice"), "converter", "is missing"),
    ],
)
def test_a_document_the_worker_cannot_build_tells_the_user_and_logs_no_personal_data(
    cast, client_for, assessment, monkeypatch, caplog, error, failure, message
):
    def broken(*_args: object, **_kwargs: object) -> bytes:
        raise error

    monkeypatch.setattr(report, "build_pdf", broken)
    client = client_for(cast.coordinator)
    with caplog.at_level("ERROR", logger="sargs.reports"):
        page = client.get(_url(assessment), HTTP_ACCEPT_LANGUAGE="en")

    report_file = ReportFile.objects.get()
    assert report_file.status == ReportFileStatus.FAILED and report_file.failure == failure
    assert message in page.content.decode()
    assert "No space left" not in page.content.decode()  # no technical detail for the user
    lines = [r.getMessage() for r in caplog.records if r.name == "sargs.reports"]
    assert lines == [f"report build failed: report file {report_file.pk} (pdf): {failure}"]
    assert cast.coordinator.username not in lines[0]
    assert assessment.municipality.name not in lines[0]
