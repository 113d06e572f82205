"""NPAIS oversight (issue 16 point 9): which institution should enter what by when, the
content to copy, who confirmed it, and the coordinator's per-institution view."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import override_settings

from sargs.cases.court import services as court_services
from sargs.cases.npais.models import NpaisEntry
from sargs.cases.npais.selectors import entry_content, institution_summary
from sargs.cases.npais.services import npais_entry_confirm, npais_expectations_refresh
from sargs.cases.tests.helpers import open_case, report, today
from sargs.core.workdays import add_working_days

pytestmark = pytest.mark.django_db
DAYS = {
    "default": 5,
    "orphans_court": 3,
    "municipal_police": 2,
    "social_service": 4,
    "childcare_institution": 5,
}


@override_settings(NPAIS_ENTRY_WORKING_DAYS=DAYS)
def test_a_trigger_concern_obliges_the_social_service_and_the_police_that_reported(cast):
    _concern, case, _child = open_case(cast)  # the school: neglect and absence
    police = report(
        cast,
        user=cast.police_officer,
        institution=cast.institutions["a_police"],
        categories=["running_away"],
    )
    report(cast, categories=["learning"])  # no MK 157 trigger: nothing expected
    # Written as the concerns and the case's social service were saved: no refresh needed.
    assert NpaisEntry.objects.filter(municipality=cast.municipality_a).count() == 2
    by_institution = {
        e.institution_id: e for e in NpaisEntry.objects.filter(municipality=cast.municipality_a)
    }
    social = by_institution[cast.institutions["a_social"].pk]
    assert social.triggers == ["absence", "danger"] and social.case_id == case.pk
    assert social.due_on == add_working_days(social.event_on, 4)
    mine = by_institution[cast.institutions["a_police"].pk]
    assert mine.concern == police and mine.triggers == ["running_away"]
    assert mine.due_on == add_working_days(police.observed_on, 2)
    # The school itself is not obliged to enter into NPAIS.
    assert cast.institutions["a_school"].pk not in by_institution
    # A refresh of the whole municipality (after an import) adds nothing more...
    assert npais_expectations_refresh(municipality=cast.municipality_a) == 0
    # ... and puts back what events written without the receivers would have obliged.
    NpaisEntry.objects.filter(municipality=cast.municipality_a).delete()
    assert npais_expectations_refresh(municipality=cast.municipality_a) == 2


def test_the_oversight_list_only_reads(cast, client_for):
    open_case(cast)
    NpaisEntry.objects.all().delete()  # as if written by an import
    assert client_for(cast.coordinator).get("/cases/npais/").status_code == 200
    assert not NpaisEntry.objects.exists()
    call_command("npais_expectations", stdout=io.StringIO())
    assert NpaisEntry.objects.filter(institution=cast.institutions["a_social"]).count() == 1


def test_a_custody_matter_obliges_the_court(cast):
    _concern, case, _child = open_case(cast)
    court_services.proceeding_open(
        case=case,
        actor=cast.orphans_court_member,
        court=cast.institutions["a_court"],
        kind="suspend_custody",
        grounds="Bērns bez uzraudzības.",
        opened_on=today(),
    )
    entry = NpaisEntry.objects.get(institution=cast.institutions["a_court"])
    assert entry.triggers == ["custody_matter"]
    text = entry_content(entry)
    assert "Suspension of custody" in text and today().strftime("%d.%m.%Y") in text


def test_confirming_records_who_and_when_and_the_summary_counts_late(cast):
    open_case(cast)
    npais_expectations_refresh(municipality=cast.municipality_a)
    entry = NpaisEntry.objects.get(institution=cast.institutions["a_social"])
    with pytest.raises(PermissionDenied):
        npais_entry_confirm(entry=entry, actor=cast.school_staff)
    entry = npais_entry_confirm(entry=entry, actor=cast.social_worker)
    assert entry.confirmed_by == cast.social_worker and entry.confirmed_at is not None
    # Another one, past its term and not confirmed.
    report(
        cast,
        categories=["begging"],
        user=cast.police_officer,
        institution=cast.institutions["a_police"],
        observed_on=today() - datetime.timedelta(days=30),
    )
    npais_expectations_refresh(municipality=cast.municipality_a)
    rows = {
        r.institution: (r.expected, r.confirmed, r.late)
        for r in institution_summary(entries=NpaisEntry.objects.all())
    }
    assert rows == {
        cast.institutions["a_social"].name: (1, 1, 0),
        cast.institutions["a_police"].name: (1, 0, 1),
    }


def test_the_coordinators_page_constant_queries_and_the_schools_404(
    cast, client_for, django_assert_max_num_queries
):
    coordinator = client_for(cast.coordinator)
    for _ in range(2):
        report(
            cast,
            categories=["substance_use"],
            user=cast.police_officer,
            institution=cast.institutions["a_police"],
        )
    coordinator.get("/cases/npais/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        page = coordinator.get("/cases/npais/")
    assert page.status_code == 200 and b"npais-summary" in page.content
    for _ in range(4):
        report(
            cast,
            categories=["substance_use"],
            user=cast.police_officer,
            institution=cast.institutions["a_police"],
        )
    coordinator.get("/cases/npais/")
    with CaptureQueriesContext(connection) as more:
        coordinator.get("/cases/npais/")
    assert len(more) == len(few)
    police = client_for(cast.police_officer)
    entry = NpaisEntry.objects.filter(institution=cast.institutions["a_police"]).first()
    assert (
        client_for(cast.school_staff).post(f"/cases/npais/{entry.pk}/confirm/").status_code == 404
    )
    assert police.post(f"/cases/npais/{entry.pk}/confirm/").status_code == 302
    entry.refresh_from_db()
    assert entry.confirmed_by == cast.police_officer
