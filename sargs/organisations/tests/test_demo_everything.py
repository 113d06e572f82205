"""`manage.py demo_data` loads the whole demo once, in order, and every part shows where the
README says: the school's worklist has the cooperation group's task, the councillor reads the
approved programme, the coordinator has a submission to approve."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from sargs.assessment.models import Assessment, ReportingPeriod, Submission, SubmissionStatus
from sargs.cases.casework.models import Case, Task
from sargs.cases.concerns.models import Concern
from sargs.cooperation.demo import GROUP_NAME
from sargs.cooperation.models import (
    CooperationGroup,
    Decision,
    DecisionTask,
    GroupStatus,
    Meeting,
    MeetingStatus,
)
from sargs.cooperation.selectors import group_missing_members
from sargs.core.demo import demo_parts
from sargs.organisations.models import Institution, User
from sargs.programme.demo import DECISION_NUMBER, TITLE
from sargs.programme.models import (
    Activity,
    ActivityCost,
    MonitoringReport,
    PerformanceIndicator,
    Programme,
    ProgrammeVersion,
    QuestionnaireResponse,
    ReportingDate,
    VersionStatus,
)
from sargs.registry.models import Child

pytestmark = pytest.mark.django_db

SCHOOL_TASK = "Nodrošināt Martai pagarinātās dienas grupu"


def _counts() -> dict[str, int]:
    models = (
        User,
        Institution,
        Child,
        Case,
        Concern,
        Task,
        Assessment,
        ReportingPeriod,
        Submission,
        CooperationGroup,
        Meeting,
        Decision,
        DecisionTask,
        Programme,
        ProgrammeVersion,
        Activity,
        ActivityCost,
        PerformanceIndicator,
        ReportingDate,
        MonitoringReport,
        QuestionnaireResponse,
    )
    return {model.__name__: model.objects.count() for model in models}


@pytest.fixture
def demo() -> str:
    out = io.StringIO()
    call_command("demo_data", stdout=out)
    return out.getvalue()


def test_loading_twice_creates_each_thing_once(demo):
    first = _counts()
    assert first["CooperationGroup"] == 1 and first["Meeting"] == 2
    assert first["Programme"] == 1 and first["Activity"] == 4
    assert first["MonitoringReport"] == 4 and first["QuestionnaireResponse"] == 6
    assert first["Case"] == 5  # three in Valmiera, one moved with its child to Smiltene
    out = io.StringIO()
    call_command("demo_data", stdout=out)
    assert _counts() == first
    assert "nothing new" in out.getvalue()


def test_the_summary_names_every_part(demo):
    labels = [label for label, _loader in demo_parts()]
    # Each app registers its own parts; they load in layer order.
    expected = [
        "organisations",
        "case work",
        "other municipality",
        "cooperation group",
        "assessment",
        "collection",
    ]
    assert labels == [*expected, "programme", "subject requests"]
    for part in labels:
        assert f"  {part:<18} " in demo
    assert "groups: 1, meetings: 2" in demo and "programmes: 1, activities: 4" in demo


def test_the_cooperation_group_is_active_with_a_held_and_a_planned_meeting(demo):
    group = CooperationGroup.objects.get(name=GROUP_NAME)
    assert group.status == GroupStatus.ACTIVE and group_missing_members(group=group) == []
    assert (group.leader.username, group.secretary.username) == ("koordinators", "socialais")
    held = group.meetings.get(status=MeetingStatus.HELD)
    assert held.held_at is not None and held.date < timezone.localdate()
    assert not held.items.filter(decision__isnull=True).exists()
    planned = group.meetings.get(status=MeetingStatus.PLANNED)
    assert planned.date > timezone.localdate()
    school_task = DecisionTask.objects.get(title__startswith=SCHOOL_TASK)
    assert school_task.case_task is not None and school_task.institution.name.endswith(
        "2. vidusskola"
    )


def test_the_school_worklist_shows_the_groups_task(demo, client_for):
    client = client_for(User.objects.get(username="skola"))
    response = client.get(reverse("cases:worklist-institution"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert SCHOOL_TASK in response.content.decode()


def test_the_councillor_sees_the_approved_programme(demo, client_for):
    programme = Programme.objects.get(title=TITLE)
    version = programme.versions.get()
    assert version.status == VersionStatus.APPROVED
    assert (programme.start_year, programme.end_year) == (
        timezone.localdate().year,
        timezone.localdate().year + 2,
    )
    assert version.assessment is not None and version.assessment.status == "frozen"
    assert ActivityCost.objects.filter(source="municipal").exists()
    assert not PerformanceIndicator.objects.filter(baseline__isnull=True).exists()
    client = client_for(User.objects.get(username="deputats"))
    listing = client.get(reverse("programme:programme-list"), HTTP_ACCEPT_LANGUAGE="en")
    assert TITLE in listing.content.decode()
    page = client.get(
        reverse("programme:version-detail", args=[version.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert page.status_code == 200
    # The stored number is "Nr. 412 (…)"; the English page writes its own "No." before it.
    assert DECISION_NUMBER.startswith("Nr. 412 ")
    assert "council decision No. 412 (protokols Nr. 14, 27. §)" in page.content.decode()


def test_the_school_has_submitted_the_half_year_for_the_coordinator(demo):
    # The school's 2nd semester (January–June) of the current year (issue 17: school semesters).
    period = ReportingPeriod.objects.get(year=timezone.localdate().year, semester=2)
    submissions = Submission.objects.filter(period=period, institution__name__contains="2. vidus")
    if period.opens_on > timezone.localdate():
        assert not submissions.exists()  # collection of the semester has not opened yet
    else:
        assert submissions.get().status == SubmissionStatus.SUBMITTED


@override_settings(PRODUCTION=True)
def test_the_command_refuses_production_settings():
    with pytest.raises(CommandError, match="production"):
        call_command("demo_data")
    assert not User.objects.filter(username="koordinators").exists()
