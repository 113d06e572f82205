"""Resolving ATVK codes as of a date, and the text helpers, without a database."""

from __future__ import annotations

import datetime

import pytest

from sargs.jurisdiction.snapshot import (
    MunicipalityRecord,
    MunicipalityRef,
    MunicipalitySnapshot,
    ResolutionError,
)
from sargs.jurisdiction.texts import format_date, law

from .helpers import MADONA, MADONA_BEFORE, MERGER_DAY, RIGA, VARAKLANI

DAY_BEFORE = MERGER_DAY - datetime.timedelta(days=1)


def test_valid_code_resolves_to_itself(snapshot: MunicipalitySnapshot) -> None:
    resolved = snapshot.resolve(RIGA, datetime.date(2025, 3, 1), "lv")
    assert resolved.ref == MunicipalityRef(RIGA, "Rīga")
    assert resolved.note is None


def test_varaklani_on_last_day_is_itself(snapshot: MunicipalitySnapshot) -> None:
    resolved = snapshot.resolve(VARAKLANI, DAY_BEFORE, "en")
    assert resolved.ref == MunicipalityRef(VARAKLANI, "Varakļānu novads")
    assert resolved.note is None


@pytest.mark.parametrize(
    ("lang", "note"),
    [
        (
            "en",
            "Varakļānu novads (0055000) no longer existed on 01.03.2025; its successor Madonas "
            "novads (0038001) is used.",
        ),
        (
            "lv",
            "Varakļānu novads (0055000) 01.03.2025 vairs nepastāvēja; izmantots pēctecis "
            "Madonas novads (0038001).",
        ),
    ],
)
def test_varaklani_after_merger_maps_to_madona(snapshot, lang, note) -> None:
    resolved = snapshot.resolve(VARAKLANI, datetime.date(2025, 3, 1), lang)
    assert resolved.ref == MunicipalityRef(MADONA, "Madonas novads")
    assert resolved.note == note


def test_merger_day_maps_both_old_codes(snapshot: MunicipalitySnapshot) -> None:
    assert snapshot.check(VARAKLANI, MERGER_DAY) == MADONA
    assert snapshot.check(MADONA_BEFORE, MERGER_DAY) == MADONA
    assert snapshot.check(MADONA_BEFORE, DAY_BEFORE) == MADONA_BEFORE


def test_unknown_code_is_an_error(snapshot: MunicipalitySnapshot) -> None:
    with pytest.raises(ResolutionError, match="unknown ATVK code '0099000'"):
        snapshot.check("0099000", datetime.date(2025, 3, 1))


def test_code_before_it_existed_is_an_error(snapshot: MunicipalitySnapshot) -> None:
    with pytest.raises(ResolutionError, match=r"'0038001' \(Madonas novads\) did not exist yet"):
        snapshot.check(MADONA, DAY_BEFORE)


def test_valid_codes_change_on_merger_day(snapshot: MunicipalitySnapshot) -> None:
    before, after = snapshot.valid_codes(DAY_BEFORE), snapshot.valid_codes(MERGER_DAY)
    assert VARAKLANI in before and MADONA not in before
    assert VARAKLANI not in after and MADONA in after
    assert len(before) == 43 and len(after) == 42


def _synthetic(**records: MunicipalityRecord) -> MunicipalitySnapshot:
    return MunicipalitySnapshot(records)


def test_successor_chain_is_followed() -> None:
    start = datetime.date(2000, 1, 1)
    snap = _synthetic(
        A=MunicipalityRecord("A", start, datetime.date(2001, 1, 1), "B"),
        B=MunicipalityRecord("B", start, datetime.date(2002, 1, 1), "C"),
        C=MunicipalityRecord("C", start),
    )
    assert snap.check("A", datetime.date(2003, 1, 1)) == "C"
    assert snap.check("A", datetime.date(2001, 6, 1)) == "B"


@pytest.mark.parametrize("successor", [None, "A", "missing"])
def test_ended_code_without_usable_successor_is_an_error(successor: str | None) -> None:
    snap = _synthetic(
        A=MunicipalityRecord("A", datetime.date(2000, 1, 1), datetime.date(2001, 1, 1), successor)
    )
    with pytest.raises(ResolutionError, match="no successor that did"):
        snap.check("A", datetime.date(2002, 1, 1))


def test_dates_are_shown_day_month_year() -> None:
    assert format_date(datetime.date(2024, 6, 30)) == "30.06.2024"


@pytest.mark.parametrize(
    ("parts", "lv", "en"),
    [
        ([2], "BTAL 67. panta otrā daļa", "BTAL 67(2)"),
        ([3, 2], "BTAL 67. panta otrā un trešā daļa", "BTAL 67(2), 67(3)"),
        ([1, 2, 3], "BTAL 67. panta pirmā, otrā un trešā daļa", "BTAL 67(1), 67(2), 67(3)"),
    ],
)
def test_law_citations(parts: list[int], lv: str, en: str) -> None:
    assert law("lv", parts) == lv
    assert law("en", parts) == en
