"""One figure per indicator, period and cell (issue 17, point 1): on the demo, every output —
the dashboard (index and indicator pages), the report's tables and its JSON, ``manage.py
assessment``, the read API, the programme's situation description and baselines, and the
programme's council report — shows the figure ``figures.py`` says stands, cell by cell,
suppressed and unsuppressed alike."""

from __future__ import annotations

import datetime
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from sargs.assessment import figures
from sargs.assessment.catalogue import INDICATORS, cell_key
from sargs.assessment.dashboard import index_view, indicator_view, shown_indicator
from sargs.assessment.demo import load_assessment_demo
from sargs.assessment.models import Assessment, FrozenValue, ValueOrigin
from sargs.assessment.report import assessment_json, report_content
from sargs.core.documents import Table
from sargs.programme import documents, selectors, services
from sargs.programme.models import IndicatorUnit
from sargs.programme.tests.helpers import approve, draft_programme

pytestmark = pytest.mark.django_db


def _n(value: object) -> Decimal:
    """The number an output shows, however it writes it ("1 234,50 €", "1234.50", 88)."""
    text = str(value).replace("\u00a0", "").replace(" ", "").replace("€", "").replace(",", ".")
    return Decimal(text)


@pytest.fixture
def demo(cast):
    load_assessment_demo()
    municipality = cast.municipality_a
    year = timezone.localdate().year - 1
    return municipality, year, Assessment.objects.get(municipality=municipality, year=year)


def test_the_standing_origin_is_chosen_by_hand_written_rule(demo):
    """The rule itself, on the demo's figures read straight from the table: the approved
    reported figure stands over the computed one (L1 has both, and they differ); a year's E2
    is its September–December semester."""
    municipality, year, assessment = demo
    raw = {
        (code, semester, origin): amount
        for code, semester, origin, amount in FrozenValue.objects.filter(
            assessment=assessment, cell__in=["families", "pupils"]
        ).values_list("definition__indicator__code", "semester", "origin", "amount")
    }
    found = figures.year_figures(municipality_ids=[municipality.pk], years=[year])
    l1 = found[(municipality.pk, year, "L1")]
    assert l1[0] == 0
    assert l1[1]["families"].amount == raw[("L1", 0, ValueOrigin.REPORTED)]
    assert raw[("L1", 0, ValueOrigin.COMPUTED)] != raw[("L1", 0, ValueOrigin.REPORTED)]
    e2 = found[(municipality.pk, year, "E2")]
    assert e2[0] == 1  # the year's E2 is its September–December semester, never a sum
    assert e2[1]["pupils"].amount == raw[("E2", 1, ValueOrigin.REPORTED)]
    assert (
        e2[1]["pupils"].amount
        != raw[("E2", 1, ValueOrigin.REPORTED)] + raw[("E2", 2, ValueOrigin.REPORTED)]
    )


def test_every_output_shows_the_standing_figure_unsuppressed(demo, cast, client_for, tmp_path):
    municipality, year, assessment = demo
    standing, _kinds = figures.frozen_figures(municipality_ids=[municipality.pk], years=[year])
    by_year = figures.year_figures(municipality_ids=[municipality.pk], years=[year])
    report_json = assessment_json(assessment, suppressed=False)
    out = Path(tmp_path) / "a.json"
    call_command(
        "assessment",
        municipality=municipality.atvk,
        year=year,
        format="json",
        output=str(out),
        unsuppressed=True,
        stdout=io.StringIO(),
    )
    command_json = json.loads(out.read_text())
    client = client_for(cast.coordinator)
    api_json = client.get("/api/v1/assessment/values/", {"year": year}).json()
    _periods, index_groups = index_view(municipality, suppressed=False)
    index = {e.spec.code: e.cells[-1] for g in index_groups for e in g.entries}
    situation = selectors.situation(assessment=assessment, suppress=False)
    situation_rows = {
        (r.code, r.measure_key): r.values[-1] for g in situation.groups for r in g.rows
    }
    content = report_content(assessment, suppressed=False)
    checked = 0
    for spec in INDICATORS:
        series = client.get(f"/api/v1/assessment/dashboard/{spec.code}/").json()
        view = indicator_view(municipality, spec.code, suppressed=False, years=[year])
        json_periods = {
            p["semester"]: p["cells"]
            for data in (report_json, command_json, api_json)
            for i in data["indicators"]
            if i["code"] == spec.code
            for p in i["periods"]
        }
        for semester in (0, 1, 2):
            cells = standing.get((municipality.pk, year, spec.code, semester))
            if cells is None:
                continue
            period_index = [(p.year, p.semester) for p in view.periods].index((year, semester))
            api_index = series["periods"].index({"year": year, "semester": semester})
            for measure, measure_view, api_measure in zip(
                spec.measures, view.measures, series["measures"], strict=True
            ):
                rows = {row.key: row for row in measure_view.rows}
                for key in rows:
                    expected = cells[key]
                    assert expected.is_number
                    want = _n(expected.amount)
                    assert _n(rows[key].cells[period_index].display) == want, (spec.code, key)
                    for data in (report_json, command_json, api_json):
                        got = next(
                            p["cells"][key]
                            for i in data["indicators"]
                            if i["code"] == spec.code
                            for p in i["periods"]
                            if p["semester"] == semester
                        )
                        assert _n(got["value"]) == want, (spec.code, key, semester)
                        assert got["origin"] == expected.origin
                    api_cell = api_measure["cells"][key]["values"][api_index]
                    assert _n(api_cell["value"]) == want
                    checked += 1
                table = next(
                    t
                    for g in content.groups
                    for s in g.indicators
                    if s.code == spec.code
                    for t in s.tables
                    if t.caption.lower() == measure.label.lv.lower()
                )
                column = 1 + table.header[1:].index(view.periods[period_index].label)
                assert _n(table.rows[0][column]) == _n(cells[cell_key(measure.key)].amount)
        assert json_periods  # every indicator has frozen figures in the demo
        semester, year_cells = by_year[(municipality.pk, year, spec.code)]
        first_total = cell_key(spec.measures[0].key)
        assert index[spec.code] is not None
        assert _n(index[spec.code].display) == _n(year_cells[first_total].amount), spec.code
        for measure in spec.measures:
            want = _n(year_cells[cell_key(measure.key)].amount)
            assert _n(situation_rows[(spec.code, measure.key)]) == want, (spec.code, measure.key)
            assert (
                selectors.frozen_cell(assessment=assessment, code=spec.code, cell=measure.key)
                == want
            )
    assert checked > 80  # every cell of the 21 indicators, both E2 semesters


def test_suppressed_outputs_agree_with_each_other(demo, cast, client_for):
    """A councillor sees the same thing for a cell on the dashboard, in the report, over the
    API and in the programme's situation description."""
    municipality, year, assessment = demo
    by_year = figures.year_figures(municipality_ids=[municipality.pk], years=[year])
    _periods, index_groups = index_view(municipality, suppressed=True)
    index = {e.spec.code: e.cells[-1] for g in index_groups for e in g.entries}
    situation = selectors.situation(assessment=assessment, suppress=True)
    situation_rows = {
        (r.code, r.measure_key): r.values[-1] for g in situation.groups for r in g.rows
    }
    report = assessment_json(assessment, suppressed=True)
    api = (
        client_for(cast.councillor)
        .get("/api/v1/assessment/values/", {"year": year, "municipality": municipality.atvk})
        .json()
    )
    assert api == report
    for spec in INDICATORS:
        semester, cells = by_year[(municipality.pk, year, spec.code)]
        shown = shown_indicator(spec, cells, suppressed=True)
        assert index[spec.code].display == shown[cell_key(spec.measures[0].key)].display
        for measure in spec.measures:
            total = shown[cell_key(measure.key)]
            assert situation_rows[(spec.code, measure.key)] == total.display
            period = next(
                p
                for i in report["indicators"]
                if i["code"] == spec.code
                for p in i["periods"]
                if p["semester"] == semester
            )
            cell = period["cells"][measure.key]
            if total.hidden:
                assert cell["shown"] == total.display
            else:
                assert _n(cell["value"]) == _n(total.display)


def test_the_council_report_shows_the_baseline_the_dashboard_shows(demo, cast):
    municipality, year, assessment = demo
    this_year = timezone.localdate().year
    programme, activity = draft_programme(
        cast.coordinator,
        municipality,
        cast.institutions["a_social"],
        years=(this_year, this_year + 2),
    )
    version = programme.versions.get()
    assert version.assessment == assessment
    indicator = services.indicator_add(
        actor=cast.coordinator,
        activity=activity,
        name="Skolēni ar neattaisnotiem kavējumiem",
        unit=IndicatorUnit.CHILDREN,
        target=Decimal(60),
        indicator_code="E2",
        cell="pupils",
    )
    _semester, cells = figures.year_figures(
        municipality_ids=[municipality.pk], years=[year], codes=["E2"]
    )[(municipality.pk, year, "E2")]
    dashboard = shown_indicator(
        next(s for s in INDICATORS if s.code == "E2"), cells, suppressed=True
    )["pupils"]
    assert indicator.baseline == cells["pupils"].amount
    approve(cast.coordinator, programme)
    doc = documents.programme_council_report(programme, year=this_year)
    rows = [r for b in doc.blocks if isinstance(b, Table) for r in b.rows]
    baseline_row = next(r for r in rows if "Skolēni ar neattaisnotiem kavējumiem" in r)
    assert baseline_row[2] == dashboard.display
    assert datetime.date.today().year == this_year
