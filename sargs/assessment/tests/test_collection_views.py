import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sargs.assessment import selectors, services
from sargs.assessment.models import ReportedValue, ReportingPeriod, SubmissionStatus
from sargs.organisations.models import Institution
from sargs.organisations.roles import InstitutionType, Role
from sargs.organisations.testing import make_user

from .collection_factories import all_values, approved_submission, filled_submission, make_period

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def semester():
    return make_period(2025, 1)


@pytest.fixture
def draft(cast, semester):
    return services.submission_for(institution=cast.institutions["a_school"], period=semester)


def detail(submission):
    return reverse("assessment:submission-detail", args=[submission.pk])


def test_the_school_sees_what_it_reports_and_by_when(cast, client_for, semester):
    # The school used Sargs before the period was due (periods due earlier are not shown).
    Institution.objects.filter(pk=cast.institutions["a_school"].pk).update(
        created_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    )
    response = client_for(cast.school_staff).get(reverse("assessment:collection"), **EN)
    assert response.status_code == 200
    text = response.content.decode()
    assert "E2" in text and "more than 20 lessons" in text
    assert semester.deadline.strftime("%d.%m.%Y") in text
    assert "not started" in text


def test_starting_creates_the_draft_once(cast, client_for, semester):
    client = client_for(cast.school_staff)
    data = {"institution": cast.institutions["a_school"].pk, "period": semester.pk}
    first = client.post(reverse("assessment:submission-start"), data)
    second = client.post(reverse("assessment:submission-start"), data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    # Nobody starts another institution's submission.
    other = {"institution": cast.institutions["a_social"].pk, "period": semester.pk}
    assert client.post(reverse("assessment:submission-start"), other).status_code == 404


def test_a_coordinator_opens_a_period_and_others_cannot(cast, client_for):
    url = reverse("assessment:period-list")
    data = {"year": 2025, "semester": 1, "opens_on": "", "deadline": ""}
    assert client_for(cast.school_staff).post(url, data).status_code == 403
    assert client_for(cast.councillor).get(url).status_code == 403
    response = client_for(cast.coordinator).post(url, data)
    assert response.status_code == 302
    period = ReportingPeriod.objects.get()
    assert (period.year, period.semester) == (2025, 1)
    page = client_for(cast.school_staff).get(url, **EN).content.decode()
    assert period.deadline.strftime("%d.%m.%Y") in page
    again = client_for(cast.coordinator).post(url, data, **EN)
    assert "already open" in again.content.decode()


@pytest.mark.parametrize(
    ("user", "status"),
    [
        ("school_staff", 200),
        ("coordinator", 200),
        ("b_coordinator", 404),
        ("social_worker", 404),
        ("councillor", 403),
        ("national_analyst", 403),
    ],
)
def test_who_opens_a_submission(cast, client_for, draft, user, status):
    assert client_for(getattr(cast, user)).get(detail(draft)).status_code == status


def test_an_htmx_section_saves_one_indicator(cast, client_for, draft):
    url = reverse(
        "assessment:submission-section",
        args=[draft.pk, selectors.definitions_for(draft.institution, draft.period)[0].pk],
    )
    data = {
        "E2-pupils__state": "number",
        "E2-pupils__amount": "12",
        "E2-pupils|sex=f__state": "number",
        "E2-pupils|sex=f__amount": "0",
        "E2-pupils|sex=m__state": "not_reported",
        "E2-pupils|sex=m__amount": "",
    }
    response = client_for(cast.school_staff).post(url, data, HTTP_HX_REQUEST="true", **EN)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Saved." in text and 'hx-swap-oob="true"' in text
    assert "3 of 3 cells filled" in text
    values = {v.cell: (v.state, v.amount) for v in ReportedValue.objects.all()}
    assert values == {
        "pupils": ("number", Decimal(12)),
        "pupils|sex=f": ("number", Decimal(0)),
        "pupils|sex=m": ("not_reported", None),
    }


def test_a_bad_number_is_explained_and_nothing_is_saved(cast, client_for, draft):
    d = selectors.definitions_for(draft.institution, draft.period)[0]
    url = reverse("assessment:submission-section", args=[draft.pk, d.pk])
    data = {
        "E2-pupils__state": "number",
        "E2-pupils__amount": "12",
        "E2-pupils|sex=f__state": "number",
        "E2-pupils|sex=f__amount": "-1",
        "E2-pupils|sex=m__state": "number",
        "E2-pupils|sex=m__amount": "2,5",
    }
    response = client_for(cast.school_staff).post(url, data, HTTP_HX_REQUEST="true", **EN)
    text = response.content.decode()
    assert "cannot be negative" in text and "whole number" in text
    assert not ReportedValue.objects.exists()
    data["E2-pupils|sex=m__amount"] = "many"
    text = (
        client_for(cast.school_staff).post(url, data, HTTP_HX_REQUEST="true", **EN).content.decode()
    )
    assert "“many” is not a number" in text
    assert not ReportedValue.objects.exists()


def test_submitting_an_incomplete_submission_names_the_missing_cells(cast, client_for, draft):
    client = client_for(cast.school_staff)
    response = client.post(
        reverse("assessment:submission-submit", args=[draft.pk]), follow=True, **EN
    )
    text = response.content.decode()
    assert "Missing (3)" in text and "E2, pupils – Sex: girls" in text
    draft.refresh_from_db()
    assert draft.status == SubmissionStatus.DRAFT


def test_return_approve_and_reopen_through_the_pages(cast, client_for, draft):
    services.save_values(actor=cast.school_staff, submission=draft, values=all_values(draft))
    school, coordinator = client_for(cast.school_staff), client_for(cast.coordinator)
    assert school.post(reverse("assessment:submission-submit", args=[draft.pk])).status_code == 302

    # The school cannot decide on its own submission; another municipality cannot see it.
    assert school.post(reverse("assessment:submission-approve", args=[draft.pk])).status_code == 403
    other = client_for(cast.b_coordinator)
    assert other.post(reverse("assessment:submission-approve", args=[draft.pk])).status_code == 404

    empty = coordinator.post(
        reverse("assessment:submission-return", args=[draft.pk]), {"comment": ""}
    )
    assert empty.status_code == 400
    coordinator.post(
        reverse("assessment:submission-return", args=[draft.pk]), {"comment": "Check the boys."}
    )
    page = school.get(detail(draft), **EN).content.decode()
    assert "Returned by the coordinator" in page and "Check the boys." in page

    school.post(reverse("assessment:submission-submit", args=[draft.pk]))
    coordinator.post(reverse("assessment:submission-approve", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == SubmissionStatus.APPROVED
    page = school.get(detail(draft), **EN).content.decode()
    assert "approved and locked" in page and "Save E2" not in page

    d = selectors.definitions_for(draft.institution, draft.period)[0]
    locked = school.post(
        reverse("assessment:submission-section", args=[draft.pk, d.pk]),
        {"E2-pupils__state": "number", "E2-pupils__amount": "99"},
        **EN,
    )
    assert "locked" in locked.content.decode()
    assert ReportedValue.objects.get(cell="pupils").amount == 3

    coordinator.post(
        reverse("assessment:submission-reopen", args=[draft.pk]), {"reason": "Register fixed"}
    )
    draft.refresh_from_db()
    assert draft.status == SubmissionStatus.REOPENED


def _schools(cast, n, period):
    for i in range(n):
        school = Institution.objects.create(
            name=f"A school extra {i}",
            type=InstitutionType.SCHOOL,
            municipality=cast.municipality_a,
        )
        staff = make_user(f"extra{i}", (school, Role.SCHOOL_STAFF))
        if i % 2:
            approved_submission(school, period, staff, cast.coordinator)
        else:
            filled_submission(school, period, staff)


def test_the_coordinators_overview(cast, client_for, semester, django_assert_num_queries):
    approved_submission(
        cast.institutions["a_school"], semester, cast.school_staff, cast.coordinator
    )
    url = reverse("assessment:period-submissions", args=[semester.pk])
    client = client_for(cast.coordinator)
    response = client.get(url, **EN)
    assert response.status_code == 200
    text = response.content.decode()
    assert cast.institutions["a_school"].name in text
    assert "3 / 3" in text and "approved" in text
    assert "late" in text  # approved today, after the 2026 deadline of the fixture
    for user in ("school_staff", "councillor"):
        assert client_for(getattr(cast, user)).get(url).status_code == 403
    other = (
        reverse("assessment:period-submissions", args=[semester.pk])
        + f"?municipality={cast.municipality_b.pk}"
    )
    assert client.get(other).status_code == 404

    client.get(url)  # warm the session and principal caches
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    _schools(cast, 6, semester)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url, **EN)
    assert response.content.decode().count("A school extra") == 6


def test_the_overview_counts_institutions_that_have_not_started(cast, client_for, semester):
    Institution.objects.create(
        name="A idle school", type=InstitutionType.SCHOOL, municipality=cast.municipality_a
    )
    text = (
        client_for(cast.coordinator)
        .get(reverse("assessment:period-submissions", args=[semester.pk]), **EN)
        .content.decode()
    )
    assert "A idle school" in text and "0 / 3" in text


def test_the_period_list_costs_the_same_with_more_periods(cast, client_for):
    client = client_for(cast.school_staff)
    url = reverse("assessment:period-list")
    make_period(2025)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for year in range(2015, 2025):
        make_period(year)
    with CaptureQueriesContext(connection) as many:
        text = client.get(url).content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)
    assert "2015" in text
