"""On track, at risk or late: computed from the deadline, the spending and the path to target.

Pure functions, so the rule is tested without a database. The rule (docs/adr/0011):

* **late**: the deadline has passed and the activity is not completed, or it has not started
  although less time is left than a quarter of its span;
* **at risk**: suspended; or more spent than planned; or spending runs ahead of time by more
  than ``SPEND_SLACK``; or a performance indicator lags behind the straight path from
  baseline to target by more than ``PATH_SLACK``;
* **on track** otherwise (a completed activity too).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

SPEND_SLACK = Decimal("0.25")
PATH_SLACK = Decimal("0.25")


@dataclass(frozen=True)
class IndicatorPath:
    baseline: Decimal | None
    target: Decimal
    actual: Decimal | None


def elapsed_share(start: datetime.date, deadline: datetime.date, as_of: datetime.date) -> Decimal:
    """The share of the activity's time used by ``as_of``, between 0 and 1."""
    span = (deadline - start).days
    if span <= 0:
        return Decimal(1) if as_of >= deadline else Decimal(0)
    used = (as_of - start).days
    return min(Decimal(1), max(Decimal(0), Decimal(used) / Decimal(span)))


def path_progress(path: IndicatorPath) -> Decimal | None:
    """How far from baseline to target the actual value is (1 = reached); None if unknown."""
    if path.actual is None or path.baseline is None or path.target == path.baseline:
        return None
    return (path.actual - path.baseline) / (path.target - path.baseline)


def compute_track(
    *,
    status: str,
    start: datetime.date,
    deadline: datetime.date,
    as_of: datetime.date,
    planned: Decimal,
    spent: Decimal,
    paths: Sequence[IndicatorPath] = (),
) -> str:
    if status == "completed":
        return "on_track"
    elapsed = elapsed_share(start, deadline, as_of)
    if as_of > deadline or (status == "not_started" and elapsed > Decimal("0.75")):
        return "late"
    if status == "suspended":
        return "at_risk"
    if planned > 0:
        if spent > planned or spent / planned > elapsed + SPEND_SLACK:
            return "at_risk"
    elif spent > 0:
        return "at_risk"
    for path in paths:
        progress = path_progress(path)
        if progress is not None and progress < elapsed - PATH_SLACK:
            return "at_risk"
    return "on_track"
