"""Unique, valid Latvian personal codes of both formats (domain.md §9).

Old format ``DDMMYY-CNNNZ``: the birth date, the century digit (1 → 1900s, 2 → 2000s), a
three-digit serial and the check digit. New format (issued since 1 July 2017): ``32`` and nine
digits, the last one the same kind of check digit; it carries no birth date. The codes
themselves come from ``sargs.registry.personal_codes`` (which skips serials whose check digit
would be 10: such numbers are never issued). Codes are kept as integers in a set: ten
million of them fit in memory.
"""

from __future__ import annotations

import datetime
import random

from sargs.registry import personal_codes
from sargs.registry.personal_codes import NEW_FORMAT_SERIALS, OLD_FORMAT_SERIALS

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
        for _attempt in range(50):
            code = personal_codes.old_format_code(born, self.rng.randrange(OLD_FORMAT_SERIALS))
            if code is not None and self._claim(code):
                return code
        return None  # that day's serials are (nearly) used up: fall back to a new-format code

    def _new(self) -> str:
        while True:
            code = personal_codes.new_format_code(self.rng.randrange(NEW_FORMAT_SERIALS))
            if code is not None and self._claim(code):
                return code

    def _claim(self, code: str) -> bool:
        number = int(code)
        if number in self.used:
            return False
        self.used.add(number)
        return True
