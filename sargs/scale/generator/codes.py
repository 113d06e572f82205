"""Unique, valid Latvian personal codes of both formats (domain.md §9).

Old format ``DDMMYY-CNNNZ``: the birth date, the century digit (1 → 1900s, 2 → 2000s), a
three-digit serial and the check digit ``stdnum.lv.pvn`` computes. New format (issued since
1 July 2017): ``32`` and nine digits, the last one the same kind of check digit; it carries
no birth date. Codes are kept as integers in a set: ten million of them fit in memory.
"""

from __future__ import annotations

import datetime
import random

from stdnum.lv import pvn

NEW_FORMAT_FROM = datetime.date(2017, 7, 1)


class CodeIssuer:
    """Draws codes from one random stream and never issues the same code twice."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[int] = set()
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
        century = (born.year - 1800) // 100
        stem = f"{born:%d%m}{born.year % 100:02d}{century}"
        for _attempt in range(50):
            body = f"{stem}{self.rng.randrange(1000):03d}"
            code = body + pvn.calc_check_digit_pers(body)
            if self._claim(code):
                return code
        return None  # that day's serials are (nearly) used up: fall back to a new-format code

    def _new(self) -> str:
        while True:
            body = f"32{self.rng.randrange(100_000_000):08d}"
            code = body + pvn.calc_check_digit_pers(body)
            if self._claim(code):
                return code

    def _claim(self, code: str) -> bool:
        number = int(code)
        if number in self.used:
            return False
        self.used.add(number)
        return True
