"""Personal codes: both formats, the first digit, birth dates, and property tests."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import assume, given
from hypothesis import strategies as st

from sargs.registry import personal_codes
from sargs.registry.testing import check_digit, new_code, old_code


def test_old_format_gives_the_birth_date():
    parsed = personal_codes.parse("161175-19997")
    assert parsed.code == "16117519997"
    assert parsed.birth_date == datetime.date(1975, 11, 16)
    assert not parsed.is_new_format


def test_new_format_is_accepted_without_a_date():
    parsed = personal_codes.parse("328673-00679")
    assert parsed.birth_date is None and parsed.is_new_format


@pytest.mark.parametrize(
    "value",
    [
        "161175-19996",  # check digit
        "161375-19997",  # month 13
        "40003521600",  # company number: first digit 4
        "1611751999",  # too short
        "16117519997a",
        "",
    ],
)
def test_invalid_codes_are_refused(value):
    with pytest.raises(ValidationError):
        personal_codes.parse(value)


def test_company_number_is_refused_for_its_first_digit():
    with pytest.raises(ValidationError) as info:
        personal_codes.parse("40003521600")
    assert info.value.code == "first_digit"


def test_old_format_birth_date_must_match():
    assert personal_codes.birth_date_for("161175-19997", None) == datetime.date(1975, 11, 16)
    with pytest.raises(ValidationError) as info:
        personal_codes.birth_date_for("161175-19997", datetime.date(1975, 11, 17))
    assert "16.11.1975" in str(info.value)


def test_new_format_needs_an_explicit_birth_date():
    with pytest.raises(ValidationError) as info:
        personal_codes.birth_date_for("328673-00679", None)
    assert "birth_date" in info.value.message_dict
    day = datetime.date(2019, 5, 6)
    assert personal_codes.birth_date_for("328673-00679", day) == day


def test_mask_and_display():
    assert personal_codes.mask("16117519997") == "161175-*****"
    assert personal_codes.mask("32867300679") == "32****-*****"
    assert personal_codes.mask(None) == ""
    assert personal_codes.display("16117519997") == "161175-19997"


births = st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2024, 12, 31))


@given(born=births, serial=st.integers(0, 999))
def test_generated_old_codes_are_accepted_with_their_date(born, serial):
    first_ten = f"{born:%d%m}{born.year % 100:02d}{(born.year - 1800) // 100}{serial:03d}"
    z = check_digit(first_ten)
    assume(z < 10)
    parsed = personal_codes.parse(first_ten + str(z))
    assert parsed.birth_date == born


@given(born=births, position=st.integers(0, 10), delta=st.integers(1, 9))
def test_any_single_digit_change_is_refused_or_changes_meaning(born, position, delta):
    code = old_code(born)
    digit = (int(code[position]) + delta) % 10
    changed = code[:position] + str(digit) + code[position + 1 :]
    try:
        parsed = personal_codes.parse(changed)
    except ValidationError:
        return
    # Accepted only where the check digit alone cannot tell: the meaning is then different.
    assert parsed.code != code
    assert parsed.birth_date != born or changed[6:10] != code[6:10]


@given(serial=st.integers(0, 10**8 - 1), stated=births)
def test_new_codes_never_yield_a_date(serial, stated):
    code = new_code(serial)
    parsed = personal_codes.parse(code)
    assert parsed.birth_date is None
    assert personal_codes.birth_date_for(code, stated) == stated
    with pytest.raises(ValidationError):
        personal_codes.birth_date_for(code, None)


def test_the_one_code_maker_computes_the_check_digit_by_hand():
    # 0·1+4·6+0·3+3·7+1·9+5·10+2·5+1·8+2·4+3·2 = 136; (1101 − 136) mod 11 = 8
    assert personal_codes.old_format_code(datetime.date(2015, 3, 4), 123) == "04031521238"
    assert personal_codes.parse("04031521238").birth_date == datetime.date(2015, 3, 4)


def test_a_serial_whose_check_digit_is_ten_gives_no_code():
    # Σ = 134 for 0403152018: (1101 − 134) mod 11 = 10, a number never issued
    assert personal_codes.old_format_code(datetime.date(2015, 3, 4), 18) is None
    assert personal_codes.old_format_code(datetime.date(2015, 3, 4), 1018) is None  # mod 1000
