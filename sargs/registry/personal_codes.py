"""Latvian personal codes (personas kods): validation and the birth date they carry.

Two formats (domain.md §9): the old ``DDMMYY-CNNNZ`` carries the birth date (C is the century:
0 → 1800s, 1 → 1900s, 2 → 2000s); the new one, issued since 1 July 2017, starts with ``32``
and carries no date at all. ``stdnum.lv.pvn`` checks both but also accepts company numbers, so
the first digit must be 0–3. A birth date is never derived from a ``32…`` code.

Codes are stored compact (11 digits) and shown masked in lists (``010203-*****``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum.lv import pvn

NEW_FORMAT_PREFIX = "32"


@dataclass(frozen=True)
class PersonalCode:
    """A checked code and the birth date it carries (``None`` for a new-format code)."""

    code: str
    birth_date: datetime.date | None

    @property
    def is_new_format(self) -> bool:
        return self.code.startswith(NEW_FORMAT_PREFIX)


def compact(value: str) -> str:
    """The code without spaces and hyphens."""
    return pvn.compact(value or "")


def is_new_format(code: str) -> bool:
    return compact(code).startswith(NEW_FORMAT_PREFIX)


def parse(value: str) -> PersonalCode:
    """Check ``value`` and return it compact with its birth date; ValidationError if invalid."""
    code = compact(value)
    if len(code) != 11 or not code.isdigit():
        raise ValidationError(_("A personal code has 11 digits, e.g. 010203-12345."), code="format")
    if code[0] not in "0123":
        raise ValidationError(
            _("A personal code starts with a digit from 0 to 3."), code="first_digit"
        )
    if not pvn.is_valid(code):
        raise ValidationError(
            _("This personal code is not valid: check the digits."), code="invalid"
        )
    if code.startswith(NEW_FORMAT_PREFIX):
        return PersonalCode(code=code, birth_date=None)
    born = pvn.get_birth_date(code)
    if born > timezone.localdate():
        raise ValidationError(
            _("This personal code gives a birth date in the future."), code="future"
        )
    return PersonalCode(code=code, birth_date=born)


def birth_date_for(value: str, birth_date: datetime.date | None) -> datetime.date:
    """The birth date to store for a person with this code and this (optional) stated date.

    Old-format codes: the stated date must match the code's, or may be left out. New-format
    ``32…`` codes: the date must be stated; it is never derived from the code.
    """
    parsed = parse(value)
    if parsed.birth_date is None:
        if birth_date is None:
            raise ValidationError(
                {
                    "birth_date": _(
                        "A new-format personal code (32…) carries no birth date: "
                        "enter the birth date."
                    )
                },
                code="birth_date_required",
            )
        return birth_date
    if birth_date is not None and birth_date != parsed.birth_date:
        raise ValidationError(
            {
                "birth_date": _(
                    "The birth date does not match the personal code, which gives %(date)s."
                )
                % {"date": parsed.birth_date.strftime("%d.%m.%Y")}
            },
            code="birth_date_mismatch",
        )
    return parsed.birth_date


def mask(code: str | None) -> str:
    """``010203-*****`` for old-format codes, ``32****-*****`` for new ones, "" for none."""
    if not code:
        return ""
    code = compact(code)
    if code.startswith(NEW_FORMAT_PREFIX):
        return "32****-*****"
    return f"{code[:6]}-*****"


def display(code: str | None) -> str:
    """The full code with its hyphen: ``010203-12345``."""
    if not code:
        return ""
    code = compact(code)
    return f"{code[:6]}-{code[6:]}"


# Making codes (tests, the demo, the data generator and the scrubbed copy all use these).
# Domain brief §9: Z = (1101 − Σ wᵢdᵢ) mod 11 over the first ten digits; a remainder of 10 means
# the number is never issued. ``stdnum`` would turn that 10 into a 0 and accept the code, so the
# makers below refuse such serials themselves.
WEIGHTS = (1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
OLD_FORMAT_SERIALS = 1000  # three digits: the codes one birth date can have
NEW_FORMAT_SERIALS = 10**8  # eight digits after ``32``


def check_digit(first_ten: str) -> int:
    """The check digit of the first ten digits; 10 means no code with them is issued."""
    return (1101 - sum(w * int(d) for w, d in zip(WEIGHTS, first_ten, strict=True))) % 11


def _with_check_digit(first_ten: str) -> str | None:
    z = check_digit(first_ten)
    return first_ten + str(z) if z < 10 else None


def old_format_code(born: datetime.date, serial: int) -> str | None:
    """The old-format code ``DDMMYY-CNNNZ`` for ``born`` with serial ``serial`` (mod 1000);
    ``None`` when that serial's check digit would be 10."""
    century = (born.year - 1800) // 100
    return _with_check_digit(
        f"{born:%d%m}{born.year % 100:02d}{century}{serial % OLD_FORMAT_SERIALS:03d}"
    )


def new_format_code(serial: int) -> str | None:
    """The new-format code ``32…`` with serial ``serial`` (mod 10⁸); ``None`` when that serial's
    check digit would be 10."""
    return _with_check_digit(f"{NEW_FORMAT_PREFIX}{serial % NEW_FORMAT_SERIALS:08d}")
