"""Terms counted in months (Orphan Courts Law, Civil Law 203, BTAL 37): the same day so many
months later, moved off days off."""

from __future__ import annotations

import calendar
import datetime

from sargs.core.workdays import next_working_day


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (the month's last day when it has fewer days)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def month_term(event: datetime.date, months: int = 1) -> datetime.date:
    """A term of months after ``event``; an end on a day off moves to the next working day."""
    return next_working_day(add_months(event, months))
