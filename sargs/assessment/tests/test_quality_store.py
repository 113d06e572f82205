"""The quality checks computed once per change of their data, and read from there."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.utils import translation

from sargs.assessment import quality_store
from sargs.assessment.models import QualityResult
from sargs.assessment.quality import run_checks
from sargs.assessment.quality_store import data_stamp, quality_findings, quality_result
from sargs.audit.services import record_view
from sargs.cases.tests.helpers import report
from sargs.registry.testing import make_child

from .quality_factories import YEAR, period, submission

pytestmark = pytest.mark.django_db
NOT_ABOVE = "N1: accessible (7) is more than total (5)."


@pytest.fixture
def counted(monkeypatch):
    """How many times the checks really ran."""
    runs: list[int] = []
    real = quality_store.run_checks_in

    def counting(*args, **kwargs):
        runs.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(quality_store, "run_checks_in", counting)
    return runs


@pytest.fixture
def year_with_an_error(cast):
    return submission(
        cast.institutions["a_admin"], period(), {("N1", "accessible"): 7, ("N1", "total"): 5}
    )


def _messages(findings) -> list[str]:
    return [f.message for f in findings]


def test_the_first_read_computes_and_stores_both_languages(cast, year_with_an_error, counted):
    with translation.override("en"):
        found = quality_findings(cast.municipality_a, YEAR)
        assert found == run_checks(cast.municipality_a, YEAR)
    assert any(m.endswith(NOT_ABOVE) for m in _messages(found))
    stored = QualityResult.objects.get(municipality=cast.municipality_a, year=YEAR)
    assert stored.stamp == data_stamp(cast.municipality_a, YEAR)
    with translation.override("lv"):
        assert quality_findings(cast.municipality_a, YEAR) == run_checks(cast.municipality_a, YEAR)
    assert stored.findings["lv"] != stored.findings["en"]
    assert counted == [1]  # Latvian came from the same run


def test_a_second_read_takes_the_stored_findings(
    cast, year_with_an_error, counted, django_assert_num_queries
):
    first = quality_findings(cast.municipality_a, YEAR)
    # the stamp (the audit trail, periods, seven summaries) and the stored row
    with django_assert_num_queries(10):
        again = quality_findings(cast.municipality_a, YEAR)
    assert again == first
    assert counted == [1]


def test_a_change_of_the_reports_computes_them_again(cast, year_with_an_error, counted):
    with translation.override("en"):
        assert any(
            m.endswith(NOT_ABOVE) for m in _messages(quality_findings(cast.municipality_a, YEAR))
        )
        # as the collection's service saves a value: the row, then the submission's stamp
        row = year_with_an_error.values.get(definition__indicator__code="N1", cell="accessible")
        row.amount = 4
        row.save()
        year_with_an_error.save()
        found = quality_findings(cast.municipality_a, YEAR)
    assert not any("N1: accessible" in m for m in _messages(found))
    assert counted == [1, 1]


def test_a_change_of_the_records_computes_them_again(cast, counted):
    period()
    quality_findings(cast.municipality_a, YEAR)
    before = data_stamp(cast.municipality_a, YEAR)
    report(cast)  # a new concern in municipality A: the records the checks count changed
    assert data_stamp(cast.municipality_a, YEAR) != before
    quality_findings(cast.municipality_a, YEAR)
    assert counted == [1, 1]


def test_reads_and_other_municipalities_leave_the_result(cast, counted):
    period()
    stored = quality_result(cast.municipality_a, YEAR)
    request = RequestFactory().get("/")
    request.user = cast.coordinator
    record_view(request=request, obj=stored.municipality)  # a read, not a change
    make_child(cast.municipality_b)  # a change in another municipality
    assert quality_result(cast.municipality_a, YEAR).computed_at == stored.computed_at
    assert counted == [1]


def test_the_page_reads_the_stored_findings(cast, client_for, year_with_an_error, counted):
    client = client_for(cast.coordinator)
    url = f"/assessment/quality/{cast.municipality_a.pk}/{YEAR}/"
    first = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    second = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert NOT_ABOVE in first and NOT_ABOVE in second
    assert counted == [1]
