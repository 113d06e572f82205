"""A dated, read-only copy of the municipality reference data, as pure Python values.

The BTAL 67 rules take this snapshot instead of querying the database, so they can be tested
without one and give the same answer for the same date wherever they run.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from .texts import Lang, format_date, render


class ResolutionError(ValueError):
    """An ATVK code that cannot stand for a municipality on the given date."""


@dataclass(frozen=True)
class MunicipalityRef:
    """A municipality as named in an answer."""

    atvk: str
    name: str

    def to_dict(self) -> dict[str, str]:
        """The contract's ``{"atvk", "name"}`` object."""
        return {"atvk": self.atvk, "name": self.name}


@dataclass(frozen=True)
class MunicipalityRecord:
    """One row of reference data: name, validity (both ends inclusive) and successor."""

    name: str
    valid_from: datetime.date
    valid_to: datetime.date | None = None
    successor: str | None = None

    def is_valid_on(self, day: datetime.date) -> bool:
        """Whether the municipality existed on ``day``."""
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class Resolved:
    """The municipality a code stands for on a date, with a note when a successor was used."""

    ref: MunicipalityRef
    note: str | None = None


@dataclass(frozen=True)
class MunicipalitySnapshot:
    """Municipality reference data keyed by ATVK code."""

    records: Mapping[str, MunicipalityRecord]

    def __contains__(self, atvk: object) -> bool:
        return atvk in self.records

    def codes(self) -> list[str]:
        """All ATVK codes, sorted."""
        return sorted(self.records)

    def valid_codes(self, day: datetime.date) -> list[str]:
        """The codes of the municipalities that existed on ``day``, sorted."""
        return [code for code in self.codes() if self.records[code].is_valid_on(day)]

    def check(self, atvk: str, day: datetime.date) -> str:
        """The code that stands for ``atvk`` on ``day``; raises ResolutionError if none does."""
        record = self.records.get(atvk)
        if record is None:
            raise ResolutionError(f"unknown ATVK code '{atvk}'")
        if day < record.valid_from:
            # Going backwards is ambiguous (0038001 covers both 0038000 and 0055000), so a code
            # used before it existed is an error, never silently mapped to a predecessor.
            raise ResolutionError(
                f"ATVK code '{atvk}' ({record.name}) did not exist yet on {format_date(day)}"
            )
        current, seen = atvk, {atvk}
        while not self.records[current].is_valid_on(day):
            successor = self.records[current].successor
            if successor is None or successor in seen or successor not in self.records:
                raise ResolutionError(
                    f"ATVK code '{atvk}' ({record.name}) no longer existed on "
                    f"{format_date(day)} and has no successor that did"
                )
            current = successor
            seen.add(current)
        return current

    def resolve(self, atvk: str, day: datetime.date, lang: Lang) -> Resolved:
        """The municipality ``atvk`` stands for on ``day``, following successors if it ended."""
        code = self.check(atvk, day)
        ref = MunicipalityRef(code, self.records[code].name)
        if code == atvk:
            return Resolved(ref)
        note = render(
            lang,
            "note_successor",
            old_name=self.records[atvk].name,
            old_atvk=atvk,
            day=format_date(day),
            name=ref.name,
            atvk=ref.atvk,
        )
        return Resolved(ref, note)
