"""Unique, valid Latvian personal codes of both formats (domain.md §9).

Old format ``DDMMYY-CNNNZ``: the birth date, the century digit (1 → 1900s, 2 → 2000s), a
three-digit serial and the check digit. New format (issued since 1 July 2017): ``32`` and nine
digits, the last one the same kind of check digit; it carries no birth date. The codes
themselves come from ``sargs.registry.personal_codes`` (which skips serials whose check digit
would be 10: such numbers are never issued). Codes issued are marked in two bitmaps, one bit
per possible code (old format: birth day × serial; new format: serial), 27 MB in all however
many codes are issued: a set of ten million integers took some 700 MB (issue 20.7).
"""

from __future__ import annotations

import datetime
import random

from sargs.registry import personal_codes
from sargs.registry.personal_codes import NEW_FORMAT_SERIALS, OLD_FORMAT_SERIALS

NEW_FORMAT_FROM = datetime.date(2017, 7, 1)
FIRST_DAY = datetime.date(1800, 1, 1)  # the old format's century digit 0
LAST_DAY = datetime.date(2099, 12, 31)


class Bitmap:
    """A set of integers from 0 to ``size - 1``, one bit each."""

    def __init__(self, size: int) -> None:
        self.bits = bytearray((size + 7) // 8)

    def claim(self, number: int) -> bool:
        """Mark ``number``; False when it was marked already."""
        byte, bit = divmod(number, 8)
        mask = 1 << bit
        if self.bits[byte] & mask:
            return False
        self.bits[byte] |= mask
        return True


class CodeIssuer:
    """Draws codes from one random stream and never issues the same code twice."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.old_used = Bitmap(((LAST_DAY - FIRST_DAY).days + 1) * OLD_FORMAT_SERIALS)
        self.new_used = Bitmap(NEW_FORMAT_SERIALS)
        self.new_format = 0
        self.old_format = 0

    def issue(self, birth_date: datetime.date, new_format: bool) -> str:
        """A fresh code for a person born on ``birth_date``."""
        if not new_format:
            code = self._old(birth_date)
            if code is not None:
                self.old_format += 1
                return code
        self.new_format += 1
        return self._new()

    def _old(self, born: datetime.date) -> str | None:
        day = (born - FIRST_DAY).days * OLD_FORMAT_SERIALS
        for _attempt in range(50):
            serial = self.rng.randrange(OLD_FORMAT_SERIALS)
            code = personal_codes.old_format_code(born, serial)
            if code is not None and self.old_used.claim(day + serial):
                return code
        return None  # that day's serials are (nearly) used up: fall back to a new-format code

    def _new(self) -> str:
        while True:
            serial = self.rng.randrange(NEW_FORMAT_SERIALS)
            code = personal_codes.new_format_code(serial)
            if code is not None and self.new_used.claim(serial):
                return code
