"""Collection that matches how institutions work (issue 17, point 5): the coordinator sets each
period's dates; an institution is not shown periods due before it started in Sargs; parts that
do not add up are flagged at entry; a frozen year is refused with the way to reopen it; the
returned reports are there for the institution's home page."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from sargs.assessment import selectors, services
from sargs.assessment.models import Assessment, AssessmentStatus, SubmissionStatus
from sargs.organisations.models import Institution
from sargs.organisations.principal import principal_for_user

from .collection_factories import approved_submission, make_period

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
TODAY = timezone.localdate()


def test_the_coordinator_sets_the_collection_dates(cast, client_for):
    period = make_period(
        TODAY.year,
        0,
        opens_on=TODAY + datetime.timedelta(days=30),
        deadline=TODAY + datetime.timedelta(days=60),
    )
    url = reverse("assessment:period-window", args=[period.pk])
    assert client_for(cast.school_staff).get(url).status_code == 403
    response = client_for(cast.coordinator).post(
        url, {"opens_on": TODAY.strftime("%d.%m.%Y"), "deadline": "01.02.2027"}
    )
    assert response.status_code == 302
    period.refresh_from_db()
    assert period.opens_on == TODAY
    assert period.deadline == datetime.date(2027, 2, 1)
    with pytest.raises(ValidationError):
        services.period_set_window(
            actor=cast.coordinator,
            period=period,
            opens_on=datetime.date(2027, 2, 2),
            deadline=datetime.date(2027, 2, 1),
        )
    with pytest.raises(PermissionDenied):
        services.period_set_window(
            actor=cast.school_staff, period=period, opens_on=TODAY, deadline=TODAY
        )


def test_an_institution_does_not_see_periods_due_before_it_started(cast, client_for):
    school = cast.institutions["a_school"]
    Institution.objects.filter(pk=school.pk).update(
        created_at=timezone.make_aware(datetime.datetime(2026, 3, 1))
    )
    school.refresh_from_db()
    before = make_period(2025, 1, deadline=datetime.date(2026, 2, 2))  # due before it started
    after = make_period(2026, 2, deadline=datetime.date(2026, 7, 29))
    assert not selectors.owes_period(school, before)
    assert selectors.owes_period(school, after)
    text = client_for(cast.school_staff).get(reverse("assessment:collection"), **EN)
    page = text.content.decode()
    assert "29.07.2026" in page
    assert "02.02.2026" not in page


def test_parts_that_do_not_add_up_are_flagged_at_entry(cast, client_for):
    period = make_period(2026, 2, deadline=TODAY + datetime.timedelta(days=10))
    submission = services.submission_for(institution=cast.institutions["a_school"], period=period)
    definition = selectors.definitions_for(submission.institution, period)[0]
    data = {
        "E2-pupils__state": "number",
        "E2-pupils__amount": "14",
        "E2-pupils|sex=f__state": "number",
        "E2-pupils|sex=f__amount": "6",
        "E2-pupils|sex=m__state": "number",
        "E2-pupils|sex=m__amount": "9",
    }
    url = reverse("assessment:submission-section", args=[submission.pk, definition.pk])
    response = client_for(cast.school_staff).post(url, data, HTTP_HX_REQUEST="true", **EN)
    assert response.status_code == 200
    text = response.content.decode()
    assert "E2, pupils: girls 6 + boys 9 = 15, but the total is 14." in text
    values = selectors.submission_values(submission)
    assert values[(definition.pk, "pupils")] == ("number", Decimal(14))  # saved, and flagged
    data["E2-pupils__amount"] = "15"
    fixed = client_for(cast.school_staff).post(url, data, HTTP_HX_REQUEST="true", **EN)
    assert "but the total is" not in fixed.content.decode()


def test_a_frozen_year_is_refused_with_the_way_to_reopen(cast):
    period = make_period(2025, 0)
    social = cast.institutions["a_social"]
    submission = approved_submission(social, period, cast.social_worker, cast.coordinator)
    Assessment.objects.create(
        municipality=cast.municipality_a,
        year=2025,
        status=AssessmentStatus.FROZEN,
        frozen_at=timezone.now(),
    )
    school_period = make_period(2025, 1)
    with pytest.raises(ValidationError) as refused:
        services.submission_for(institution=cast.institutions["a_school"], period=school_period)
    assert "is frozen" in refused.value.messages[0] and "reopen" in refused.value.messages[0]
    # The way it names works: a reopened report takes the correction.
    services.reopen(actor=cast.coordinator, submission=submission, reason="Labojums")
    submission.refresh_from_db()
    cells = {(d.pk, d.cells[0]) for d in selectors.definitions_for(social, period)}
    changed = services.save_values(
        actor=cast.social_worker,
        submission=submission,
        values={key: ("number", Decimal(5)) for key in cells},
    )
    assert changed == len(cells)


def test_returned_reports_are_listed_for_the_institution(cast):
    period = make_period(2025, 0)
    social = cast.institutions["a_social"]
    submission = approved_submission(social, period, cast.social_worker, cast.coordinator)
    assert list(selectors.returned_submissions_for(principal_for_user(cast.social_worker))) == []
    services.reopen(actor=cast.coordinator, submission=submission, reason="Pārbaudiet L3")
    services.submit(actor=cast.social_worker, submission=submission)
    services.return_submission(actor=cast.coordinator, submission=submission, comment="L3 summa")
    returned = list(selectors.returned_submissions_for(principal_for_user(cast.social_worker)))
    assert returned == [submission] and returned[0].status == SubmissionStatus.RETURNED
    assert selectors.last_comment(returned[0]).comment == "L3 summa"
    assert list(selectors.returned_submissions_for(principal_for_user(cast.coordinator))) == []
