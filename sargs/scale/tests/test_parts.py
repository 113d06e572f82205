"""Parts of the generator that need no database run: codes, scales and the share-out."""

from __future__ import annotations

import datetime
import random

import pytest

from sargs.registry import personal_codes
from sargs.scale.generator.base import NATIONAL_CARE, SCALES
from sargs.scale.generator.codes import CodeIssuer
from sargs.scale.generator.population import places


def test_a_full_day_of_old_codes_falls_back_to_new_ones():
    issuer = CodeIssuer(random.Random(1))
    day = datetime.date(2012, 5, 17)
    codes = [issuer.issue(day, new_format=False) for _ in range(1_200)]
    assert len(set(codes)) == 1_200
    old = [c for c in codes if not personal_codes.is_new_format(c)]
    assert 900 < len(old) <= 1_000  # only a thousand serials exist for one birth date
    for code in codes:
        assert personal_codes.parse(code).birth_date in (None, day)


def test_the_same_stream_issues_the_same_codes():
    def draw(seed):
        issuer = CodeIssuer(random.Random(seed))
        return [issuer.issue(datetime.date(1980, 1, 2), new_format=n % 2 == 0) for n in range(50)]

    assert draw(1) == draw(1)
    assert draw(1) != draw(2)


def test_scales_multiply_the_national_figures():
    assert SCALES["national"].national(NATIONAL_CARE["institution"]) == 518
    assert SCALES["tenfold"].national(NATIONAL_CARE["institution"]) == 5_180
    assert SCALES["municipality"].national(NATIONAL_CARE["foster_family"]) == round(
        1_323 * 8_500 / 344_000
    )
    assert SCALES["tiny"].national(0) == 0
    assert SCALES["tiny"].national(1) == 1  # never rounded away


@pytest.mark.django_db
def test_children_are_shared_out_over_every_current_municipality():
    national = places(SCALES["national"])
    assert len(national) == 42  # 7 state cities and 35 novadi since 30.06.2024
    assert sum(p.children for p in national) == 344_000
    riga = next(p for p in national if p.atvk == "0001000")
    assert 0.25 < riga.children / 344_000 < 0.4
    assert riga.genitive == "Rīgas"
    assert [p.children for p in places(SCALES["municipality"])] == [8_500]
    cesis = next(p for p in national if p.name == "Cēsu novads")
    assert (cesis.genitive, cesis.stem) == ("Cēsu novada", "Cēsu")
