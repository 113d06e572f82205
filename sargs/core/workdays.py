"""Latvian working days and procedural deadlines (domain.md §9; Administrative Procedure Law
articles 42 and 43).

* A term starts the day after the event.
* A term that ends on a Saturday, a Sunday or a public holiday moves to the next working day.
* Public holidays come from the ``holidays`` package (``country_holidays("LV")``), which also
  lists the days off the Cabinet moves (e.g. 02.01.2026, worked on Saturday 17.01.2026).

``settings.MOVED_DAYS_OFF_EXTEND_DEADLINES`` decides how such a moved day off counts, because
the law does not settle it:

* on (the default): a moved day off is not a working day, so it is skipped when counting
  working days and a deadline that falls on it moves to the next working day;
* off: a moved day off counts as an ordinary working day.

The Saturday worked in exchange is never a working day here: the law names Saturdays, and
treating it as a day off only ever gives a person more time.
"""

from __future__ import annotations

import datetime
import re
from functools import lru_cache

import holidays
from django.conf import settings

ONE_DAY = datetime.timedelta(days=1)
_DATE_IN_NAME = re.compile(r"\d{2}[./-]\d{2}[./-]\d{4}")


@lru_cache(maxsize=64)
def _year(year: int) -> tuple[frozenset[datetime.date], frozenset[datetime.date]]:
    """(public holidays, moved days off) of one year."""
    calendar = holidays.country_holidays("LV", years=year)
    public: set[datetime.date] = set()
    moved: set[datetime.date] = set()
    for day, names in calendar.items():
        for name in names.split("; "):
            # Only the label of a moved day off carries a date ("… substituted from 01/17/2026").
            (moved if _DATE_IN_NAME.search(name) else public).add(day)
    return frozenset(public), frozenset(moved - public)


def is_working_day(day: datetime.date) -> bool:
    """Monday to Friday, not a public holiday (nor a moved day off, when the setting says so)."""
    if day.weekday() >= 5:
        return False
    public, moved = _year(day.year)
    if day in public:
        return False
    extend = getattr(settings, "MOVED_DAYS_OFF_EXTEND_DEADLINES", True)
    return not (extend and day in moved)


def next_working_day(day: datetime.date) -> datetime.date:
    """``day`` itself when it is a working day, otherwise the first working day after it."""
    while not is_working_day(day):
        day += ONE_DAY
    return day


def add_working_days(start: datetime.date, n: int) -> datetime.date:
    """The day on which a term of ``n`` working days that starts after ``start`` ends.

    The day of ``start`` itself is never counted; ``n = 0`` gives ``start``.
    """
    if n < 0:
        raise ValueError("n must not be negative")
    day = start
    for _ in range(n):
        day = next_working_day(day + ONE_DAY)
    return day


def deadline_after(event: datetime.date, days: int) -> datetime.date:
    """The end of a term of ``days`` calendar days after ``event``: it starts the next day and
    an end on a Saturday, Sunday or holiday moves to the next working day."""
    if days < 0:
        raise ValueError("days must not be negative")
    return next_working_day(event + datetime.timedelta(days=days))


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end <= start``)."""
    count, day = 0, start
    while day < end:
        day += ONE_DAY
        count += is_working_day(day)
    return count
