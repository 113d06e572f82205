"""Retention: each kind goes after its own period, in batches, with one audit entry of the
counts; a child's records under an open court matter stay."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import timezone

from sargs.assessment.models import ReportFile
from sargs.audit.models import AuditEntry
from sargs.cases.casework import services as case_services
from sargs.cases.casework.models import Case, CaseOutcome, TimelineEntry
from sargs.cases.concerns import services as concern_services
from sargs.cases.concerns.models import Concern
from sargs.cases.court.models import Proceeding, ProceedingKind, ProceedingStatus
from sargs.cases.tests.helpers import open_case, report
from sargs.registry.models import Child
from sargs.retention.models import RetentionRun
from sargs.retention.services import retention_counts, retention_run

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
ADULT_BIRTH = TODAY.replace(year=TODAY.year - 30)
YEARS_AGO = timezone.now() - datetime.timedelta(days=365 * 6)


def _closed_case(cast, *, born: datetime.date) -> Case:
    _concern, case, child = open_case(cast)
    Child.objects.filter(pk=child.pk).update(birth_date=born)
    return case_services.case_close(
        case=case, actor=cast.social_worker, outcome=CaseOutcome.values[0]
    )


def _open_court_matter(cast, case: Case) -> Proceeding:
    return Proceeding.objects.create(
        case=case,
        court=cast.institutions["a_court"],
        kind=ProceedingKind.values[0],
        status=ProceedingStatus.OPEN,
        opened_on=TODAY,
        decision_due=TODAY + datetime.timedelta(days=30),
        grounds="—",
    )


def _closed_concern(cast, *, years_ago: int, **kwargs) -> Concern:
    concern = concern_services.concern_close(
        concern=report(cast, **kwargs), actor=cast.social_worker, reason="Nav pamata."
    )
    Concern.objects.filter(pk=concern.pk).update(
        triaged_at=timezone.now() - datetime.timedelta(days=365 * years_ago + 1)
    )
    return concern


@pytest.fixture
def records(cast):  # type: ignore[no-untyped-def]
    """Two closed cases of adults (one held by an open court matter of the same child's other
    case), one closed case of a child, old and recent concerns, old audit entries."""
    due_case = _closed_case(cast, born=ADULT_BIRTH)
    young_case = _closed_case(cast, born=TODAY.replace(year=TODAY.year - 10))
    held_case = _closed_case(cast, born=ADULT_BIRTH)
    held_child = held_case.children.get()
    _c, other_case, _ch = open_case(cast)
    other_case.case_children.update(child=held_child)
    _open_court_matter(cast, other_case)

    old_concern = _closed_concern(cast, years_ago=4, child_first_name="Vecā")
    recent_concern = _closed_concern(cast, years_ago=1)

    case_type = ContentType.objects.get_for_model(Case)
    old_entries = [
        AuditEntry.objects.create(
            content_type=case_type,
            object_pk=str(case.pk),
            object_id=case.pk,
            object_repr="x",
            action=AuditEntry.Action.ACCESS,
            timestamp=YEARS_AGO,
        )
        for case in (due_case, held_case, other_case)
    ]
    return {
        "due_case": due_case,
        "young_case": young_case,
        "held_case": held_case,
        "other_case": other_case,
        "old_concern": old_concern,
        "recent_concern": recent_concern,
        "old_entries": old_entries,
    }


def test_the_dry_run_counts_what_would_go_and_removes_nothing(records, capsys):
    call_command("retention", "--dry-run")
    out = capsys.readouterr().out
    assert "closed cases: 1 to remove" in out
    assert "concerns closed without a case: 1 to remove" in out
    assert "audit entries: 1 to remove" in out  # those of the held child's two cases stay
    assert "dry run: nothing removed" in out
    assert Case.objects.filter(pk=records["due_case"].pk).exists()
    assert not RetentionRun.objects.exists()


def test_a_run_removes_each_kind_after_its_period_and_keeps_legal_holds(records):
    cases_before = Case.objects.count()
    run = retention_run(batch_size=1)

    assert not Case.objects.filter(pk=records["due_case"].pk).exists()
    assert not TimelineEntry.objects.filter(case_id=records["due_case"].pk).exists()
    assert Case.objects.count() == cases_before - 1
    assert Case.objects.filter(pk=records["young_case"].pk).exists()  # a child still
    assert Case.objects.filter(pk=records["held_case"].pk).exists()  # open court matter
    assert not Concern.objects.filter(pk=records["old_concern"].pk).exists()
    assert Concern.objects.filter(pk=records["recent_concern"].pk).exists()
    remaining = AuditEntry.objects.filter(pk__in=[e.pk for e in records["old_entries"]])
    assert sorted(remaining.values_list("object_pk", flat=True)) == sorted(
        [str(records["held_case"].pk), str(records["other_case"].pk)]
    )
    assert run.removed["closed_cases"]["rows"]["cases.Case"] == 1
    assert run.removed["concerns_without_case"]["rows"]["cases.Concern"] == 1
    assert run.removed["audit_entries"]["rows"]["audit.AuditEntry"] == 1
    assert retention_counts() == dict.fromkeys(run.removed, 0)


def test_the_run_is_audited_with_counts_and_never_contents(records):
    run = retention_run()
    entry = AuditEntry.objects.get(
        content_type=ContentType.objects.get_for_model(RetentionRun), object_pk=str(run.pk)
    )
    assert entry.additional_data == {"retention": run.removed}
    text = str(entry.additional_data) + str(entry.changes) + entry.object_repr
    assert "Anna" not in text and "Bērziņa" not in text and "Vecā" not in text
    # The removed rows themselves leave no per-row change records with their contents.
    assert not AuditEntry.objects.filter(
        action=AuditEntry.Action.DELETE, object_repr__contains="Bērziņa"
    ).exists()


def test_generated_documents_go_after_their_days(cast, settings):
    from sargs.assessment.tests.output_factories import frozen_assessment

    settings.RETENTION_GENERATED_DOCUMENT_DAYS = 90
    assessment = frozen_assessment(cast.municipality_a, 2025, {"F3": {"children": 3}})
    old = ReportFile.objects.create(assessment=assessment, fmt="pdf", frozen_at=timezone.now())
    new = ReportFile.objects.create(assessment=assessment, fmt="docx", frozen_at=timezone.now())
    ReportFile.objects.filter(pk=old.pk).update(
        requested_at=timezone.now() - datetime.timedelta(days=91)
    )
    retention_run()
    assert list(ReportFile.objects.values_list("pk", flat=True)) == [new.pk]


def test_the_command_shows_progress_per_batch(cast, records, capsys):
    _closed_concern(cast, years_ago=5)
    call_command("retention", "--batch-size", "1")
    out = capsys.readouterr().out
    assert "concerns_without_case  [###############...............] 1/2" in out
    assert "concerns_without_case  [##############################] 2/2" in out


def test_the_trail_is_append_only_again_after_a_run(records):
    from django.db import DatabaseError, connection, transaction

    retention_run()
    if connection.vendor != "postgresql":
        pytest.skip("the trigger is PostgreSQL's")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry")


def test_used_form_tokens_go_after_their_days(cast, settings):
    from sargs.core.models import FormSubmission

    settings.RETENTION_FORM_TOKEN_DAYS = 30
    old = FormSubmission.objects.create(token="a" * 32, user=cast.social_worker, result_url="/")
    new = FormSubmission.objects.create(token="b" * 32, user=cast.social_worker, result_url="/")
    FormSubmission.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=31)
    )
    assert retention_counts()["form_tokens"] == 1
    retention_run()
    assert list(FormSubmission.objects.values_list("pk", flat=True)) == [new.pk]
