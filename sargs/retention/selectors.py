"""What the retention periods let go today, and what a legal hold keeps."""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils import timezone

from sargs.assessment.models import ReportFile
from sargs.audit.models import AuditEntry
from sargs.cases.casework.models import Case, CaseChild, CaseStatus
from sargs.cases.concerns.models import Concern, ConcernStatus
from sargs.cases.court.models import Proceeding, ProceedingStatus
from sargs.core.models import FormSubmission
from sargs.programme.models import QuestionnaireResponse, QuestionnaireStatus
from sargs.registry.models import Child

from .periods import RULES

OPEN_COURT_MATTER = [ProceedingStatus.OPEN, ProceedingStatus.WARNED]


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def held_child_ids() -> QuerySet[CaseChild, int]:
    """Children with an open court matter (a proceeding not yet decided) in any case."""
    open_cases = Proceeding.objects.filter(status__in=OPEN_COURT_MATTER).values("case_id")
    return CaseChild.objects.filter(case_id__in=open_cases).values_list("child_id", flat=True)


def held_case_ids() -> QuerySet[CaseChild, int]:
    """Every case of a child under a legal hold."""
    return CaseChild.objects.filter(child_id__in=held_child_ids()).values_list("case_id", flat=True)


def closed_cases_due(today: datetime.date, until_age: int) -> QuerySet[Case]:
    """Closed cases whose every child has reached ``until_age``; none under a legal hold."""
    born_after = _years_before(today, until_age)
    young = CaseChild.objects.filter(child__birth_date__gt=born_after).values("case_id")
    return (
        Case.objects.filter(status=CaseStatus.CLOSED)
        .exclude(pk__in=young)
        .exclude(pk__in=held_case_ids())
        .order_by("pk")
    )


def concerns_without_case_due(now: datetime.datetime, years: int) -> QuerySet[Concern]:
    """Concerns closed without a case, closed ``years`` ago; none about a held child."""
    cutoff = now - datetime.timedelta(days=365 * years)
    return (
        Concern.objects.filter(
            status=ConcernStatus.CLOSED, case__isnull=True, triaged_at__lt=cutoff
        )
        .exclude(child_id__in=held_child_ids())
        .order_by("pk")
    )


def audit_entries_due(now: datetime.datetime, years: int) -> QuerySet[AuditEntry]:
    """Entries older than ``years``, except those about a held child or their cases."""
    cutoff = now - datetime.timedelta(days=365 * years)
    held = Q(
        content_type=ContentType.objects.get_for_model(Case),
        object_pk__in=[str(pk) for pk in held_case_ids()],
    ) | Q(
        content_type=ContentType.objects.get_for_model(Child),
        object_pk__in=[str(pk) for pk in held_child_ids()],
    )
    entries: QuerySet[AuditEntry] = AuditEntry.objects.filter(timestamp__lt=cutoff)
    return entries.exclude(held).order_by("pk")


def questionnaire_responses_due(
    today: datetime.date, years: int
) -> QuerySet[QuestionnaireResponse]:
    """Answers to closed questionnaires given more than ``years`` ago."""
    return QuestionnaireResponse.objects.filter(
        questionnaire__status=QuestionnaireStatus.CLOSED,
        submitted_on__lt=_years_before(today, years),
    ).order_by("pk")


def report_files_due(now: datetime.datetime, days: int) -> QuerySet[ReportFile]:
    """Generated report files built more than ``days`` ago (rebuilt when asked for again)."""
    return ReportFile.objects.filter(requested_at__lt=now - datetime.timedelta(days=days)).order_by(
        "pk"
    )


def form_submissions_due(now: datetime.datetime, days: int) -> QuerySet[FormSubmission]:
    """Used form tokens older than ``days``."""
    return FormSubmission.objects.filter(
        created_at__lt=now - datetime.timedelta(days=days)
    ).order_by("pk")


def retention_due(now: datetime.datetime | None = None) -> dict[str, QuerySet]:  # type: ignore[type-arg]
    """Per kind, what may go now."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    values = {rule.kind: rule.value for rule in RULES}
    return {
        "closed_cases": closed_cases_due(today, values["closed_cases"]),
        "concerns_without_case": concerns_without_case_due(now, values["concerns_without_case"]),
        "audit_entries": audit_entries_due(now, values["audit_entries"]),
        "questionnaire_answers": questionnaire_responses_due(
            today, values["questionnaire_answers"]
        ),
        "generated_documents": report_files_due(now, values["generated_documents"]),
        "form_tokens": form_submissions_due(now, values["form_tokens"]),
    }
