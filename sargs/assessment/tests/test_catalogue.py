import dataclasses

import pytest

from sargs.assessment import catalogue, sync
from sargs.assessment.catalogue import BY_CODE, cells_of, parse_cell_key
from sargs.assessment.models import Indicator, IndicatorDefinition

pytestmark = pytest.mark.django_db

EXPECTED = "E1 E2 E3 L1 L2 L3 S1 S2 S3 S4 S5 N1 N2 N3 F1 F2 F3 F4 P1 P2 P3".split()


def test_migrate_loads_every_indicator_of_the_brief():
    assert list(Indicator.objects.values_list("code", flat=True)) == EXPECTED
    assert IndicatorDefinition.objects.filter(version=1).count() == len(EXPECTED)


def test_computable_and_period_follow_the_brief():
    computable = dict(IndicatorDefinition.objects.values_list("indicator__code", "computable"))
    for code in ["L1", "L2", "F1", "F2", "F3", "F4"]:
        assert computable[code] == "yes", code
    # Special needs are wider than a recorded disability: reported, never computed from
    # something else (issue 17). F4 is computed from the orphan's court's foster family
    # register (issue 16), never from the carers named in placements.
    assert computable["N3"] == "no"
    assert "register" in BY_CODE["F4"].definition.en
    for code in ["E2", "E3", "S1", "S5"]:
        assert computable[code] == "partly", code
    assert BY_CODE["E2"].period == "semester"


def test_cells_are_totals_and_single_dimension_parts():
    cells = cells_of(BY_CODE["F3"].spec_json())
    assert cells[0] == "children"
    assert "children|form=foster_family" in cells
    assert "children|age=0_6" in cells
    assert not any(cell.count("|") > 1 for cell in cells)
    assert parse_cell_key("children|form=institution") == ("children", "form", "institution")


def test_a_changed_definition_gets_a_new_version_and_old_values_keep_theirs(monkeypatch):
    old = IndicatorDefinition.objects.get(indicator__code="E1", version=1)
    changed = dataclasses.replace(
        BY_CODE["E1"],
        definition=catalogue.Text("Jauna definīcija", "New definition"),
    )
    indicators = tuple(changed if s.code == "E1" else s for s in catalogue.INDICATORS)
    monkeypatch.setattr(sync, "INDICATORS", indicators)

    assert sync.sync_catalogue() == 1
    assert sync.sync_catalogue() == 0  # idempotent

    versions = IndicatorDefinition.objects.filter(indicator__code="E1").order_by("version")
    assert [v.version for v in versions] == [1, 2]
    old.refresh_from_db()
    assert old.definition_en != "New definition"
    assert Indicator.objects.get(code="E1").current_definition().definition_en == "New definition"
