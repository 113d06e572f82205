"""The PMLP child population import (all or nothing) and the population selector."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import translation

from sargs.assessment.models import ChildPopulation
from sargs.assessment.population import parse, population, population_import
from sargs.organisations.models import Municipality

pytestmark = pytest.mark.django_db
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "pmlp_children_2025-01-01.csv"
HEADER = "Pašvaldība;ATVK;Datums;0-6 gadi zēni;0-6 gadi meitenes;7-17 gadi zēni;7-17 gadi meitenes"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def csv(*rows: str, header: str = HEADER, bom: bool = True) -> bytes:
    text = "\n".join([header, *rows]) + "\n"
    return ("\ufeff" if bom else "").encode() + text.encode()


def valmiera() -> Municipality:
    return Municipality.objects.get(atvk="0054000")


def test_sample_file_imports_every_current_municipality():
    result = population_import(data=SAMPLE.read_bytes())
    assert result.reference_dates == [datetime.date(2025, 1, 1)]
    assert result.municipalities == Municipality.objects.current().count() == 42
    assert result.skipped == ["Latvija"]
    assert ChildPopulation.objects.count() == 42 * 4
    pop = population(valmiera(), 2025)
    assert pop is not None and pop["as_of"] == datetime.date(2025, 1, 1)
    assert pop["total"] == sum(pop["cells"].values()) == pop["age"]["0_6"] + pop["age"]["7_17"]
    national = population(None, 2025)
    assert national is not None and 300_000 < national["total"] < 400_000


def test_comma_separated_without_bom_and_matched_by_name():
    data = csv(
        "Valmieras novads,,01.07.2025,100,90,200,190",
        "Rīgas valstspilsēta,,01.07.2025,1,2,3,4",
        "Smiltenes nov.,,01.07.2025,5,6,7,8",
        header=HEADER.replace(";", ","),
        bom=False,
    )
    result = population_import(data=data)
    assert result.municipalities == 3
    cell = ChildPopulation.objects.get(
        municipality=valmiera(), reference_date=datetime.date(2025, 7, 1), age_group="7_17", sex="f"
    )
    assert cell.count == 190
    riga = Municipality.objects.get(atvk="0001000")
    assert population(riga, 2025)["total"] == 10  # type: ignore[index]


def test_header_variants_are_understood():
    header = (
        "ATVK kods,Datums,“0–6 gadi, zēni”,0-6 g. (meitenes),7 - 17 gadi zēni,7–17 gadi meitenes"
    )
    data = csv(
        '0054000,2025-01-01,"1","2","3","4"', header=header.replace("“", '"').replace("”", '"')
    )
    rows, _skipped = parse(data)
    assert rows[0].municipality == valmiera()
    assert rows[0].counts == {("0_6", "m"): 1, ("0_6", "f"): 2, ("7_17", "m"): 3, ("7_17", "f"): 4}


def test_reimporting_a_date_replaces_its_figures():
    population_import(data=csv("Valmieras novads;0054000;01.01.2025;100;90;200;190"))
    population_import(data=csv("Valmieras novads;0054000;01.01.2025;1;1;1;1"))
    assert ChildPopulation.objects.filter(municipality=valmiera()).count() == 4
    assert population(valmiera(), 2025)["total"] == 4  # type: ignore[index]


def test_one_bad_row_and_nothing_is_written():
    data = csv(
        "Valmieras novads;0054000;01.01.2025;100;90;200;190",
        "Atlantīdas novads;;01.01.2025;1;1;1;1",
        "Smiltenes novads;0049000;01.01.2025;5;x;7;8",
        "Cēsu novads;0026000;31.02.2025;5;6;7;8",
        "Valmieras novads;0054000;01.01.2025;1;1;1;1",
    )
    with pytest.raises(ValidationError) as error:
        population_import(data=data)
    messages = error.value.messages
    assert "Line 3: no municipality “Atlantīdas novads” is known." in messages
    assert any("Line 4 (Smiltenes novads): “x”" in m and "0-6 gadi meitenes" in m for m in messages)
    assert any(m.startswith("Line 5 (Cēsu novads): “31.02.2025” is not a date") for m in messages)
    assert any(
        m.startswith("Line 6: Valmieras novads on 01.01.2025 is already on line 2")
        for m in messages
    )
    assert not ChildPopulation.objects.exists()


def test_total_column_must_match():
    data = csv(
        "Valmieras novads;0054000;01.01.2025;1;2;3;4;11",
        header=HEADER + ";Kopā",
    )
    with pytest.raises(ValidationError, match="add up to 10 but the total is 11"):
        parse(data)


def test_missing_columns_and_date_are_named():
    with pytest.raises(ValidationError, match="7-17 gadi meitenes"):
        parse(csv("Valmieras novads;0054000;01.01.2025;1;2;3", header=HEADER.rsplit(";", 1)[0]))
    no_date = "Pašvaldība;0-6 gadi zēni;0-6 gadi meitenes;7-17 gadi zēni;7-17 gadi meitenes"
    with pytest.raises(ValidationError, match="no “Datums” column"):
        parse(csv("Valmieras novads;1;2;3;4", header=no_date))
    rows, _skipped = parse(
        csv("Valmieras novads;1;2;3;4", header=no_date), reference_date=datetime.date(2024, 1, 1)
    )
    assert rows[0].reference_date == datetime.date(2024, 1, 1)
    with pytest.raises(ValidationError, match="not UTF-8"):
        parse("Pašvaldība".encode("cp1257"))


def test_a_coordinators_import_keeps_their_own_rows():
    data = csv(
        "Valmieras novads;0054000;01.01.2025;1;2;3;4",
        "Smiltenes novads;0049000;01.01.2025;5;6;7;8",
    )
    result = population_import(data=data, municipalities={valmiera().pk})
    assert result.skipped == ["Smiltenes novads"]
    assert set(ChildPopulation.objects.values_list("municipality__atvk", flat=True)) == {"0054000"}
    smiltene = Municipality.objects.get(atvk="0049000")
    with pytest.raises(ValidationError, match="no rows for your municipality"):
        population_import(data=data, municipalities={Municipality.objects.get(atvk="0001000").pk})
    assert population(smiltene, 2025) is None


def test_population_falls_back_to_the_nearest_date():
    population_import(data=csv("Valmieras novads;0054000;01.07.2023;1;1;1;1"))
    population_import(data=csv("Valmieras novads;0054000;01.01.2025;2;2;2;2"))
    assert population(valmiera(), 2025)["as_of"] == datetime.date(2025, 1, 1)  # type: ignore[index]
    assert population(valmiera(), 2027)["total"] == 8  # type: ignore[index]
    assert population(valmiera(), 2023)["as_of"] == datetime.date(2023, 7, 1)  # type: ignore[index]


def test_command_imports_with_progress_and_dry_run(tmp_path):
    out = io.StringIO()
    call_command("import_population", str(SAMPLE), "--dry-run", stdout=out)
    assert "Would import 42 municipalities for 01.01.2025" in out.getvalue()
    assert not ChildPopulation.objects.exists()
    out = io.StringIO()
    call_command("import_population", str(SAMPLE), stdout=out)
    assert "42/42" in out.getvalue() and "Imported 42 municipalities" in out.getvalue()
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv("Nekurienes novads;;01.01.2025;1;1;1;1"))
    with pytest.raises(CommandError, match="Nekurienes novads"):
        call_command("import_population", str(bad), stdout=io.StringIO())
