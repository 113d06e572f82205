"""On track, at risk or late: computed from the deadline, the spending and the path to target.

Pure functions, so the rule is tested without a database. The rule (docs/adr/0011):

* **late**: the deadline has passed and the activity is not completed, or it has not started
  although less time is left than a quarter of its span;
* **not started**: it has not started and nothing has been spent (issue 17: not "on track");
* **at risk**: suspended; or more spent than planned; or money spent on an activity not
  started; or spending runs ahead of time by more than ``SPEND_SLACK``; or a performance
  indicator lags behind the straight path from baseline to target by more than ``PATH_SLACK``;
* **on track** otherwise (a completed activity too).

Each result explains itself in one sentence, in Latvian and English (``explain_track``), and
the sentence is stored with the report, so it says what was true on the report's date.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils import translation

from sargs.core.templatetags.sargs import eur

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


@dataclass(frozen=True)
class TrackResult:
    track: str
    reason_lv: str
    reason_en: str


def _pct(share: Decimal) -> int:
    return int((share * 100).to_integral_value())


def _money(amount: Decimal) -> tuple[str, str]:
    with translation.override("lv"):
        lv = eur(amount)
    with translation.override("en"):
        en = eur(amount)
    return lv, en


def _timing(
    status: str, deadline: datetime.date, as_of: datetime.date, elapsed: Decimal, spent: Decimal
) -> TrackResult | None:
    """Late, not started (nothing spent) or money spent on what has not started; else None."""
    e = _pct(elapsed)
    day = deadline.strftime("%d.%m.%Y")
    if as_of > deadline:
        return TrackResult(
            "late",
            f"Termiņš {day} ir pagājis, bet pasākums nav pabeigts.",
            f"The deadline {day} has passed and the activity is not completed.",
        )
    if status != "not_started":
        return None
    if elapsed > Decimal("0.75"):
        return TrackResult(
            "late",
            f"Pasākums nav uzsākts, lai gan pagājuši {e} % no tā laika.",
            f"The activity has not started although {e}% of its time has passed.",
        )
    if spent > 0:
        spent_lv, spent_en = _money(spent)
        return TrackResult(
            "at_risk",
            f"Pasākums nav uzsākts, bet izlietoti {spent_lv}.",
            f"The activity has not started, yet {spent_en} has been spent.",
        )
    return TrackResult(
        "not_started",
        "Pasākums vēl nav uzsākts, un nekas nav izlietots.",
        "The activity has not started yet and nothing has been spent.",
    )


def _spending(planned: Decimal, spent: Decimal, elapsed: Decimal) -> TrackResult | None:
    """At risk when more is spent than planned or than the time used; else None."""
    spent_lv, spent_en = _money(spent)
    if planned <= 0:
        if spent > 0:
            return TrackResult(
                "at_risk",
                f"Izlietoti {spent_lv}, lai gan nekas nebija plānots.",
                f"{spent_en} spent although nothing was planned.",
            )
        return None
    if spent > planned:
        planned_lv, planned_en = _money(planned)
        return TrackResult(
            "at_risk",
            f"Izlietoti {spent_lv} no plānotajiem {planned_lv}.",
            f"{spent_en} spent of the {planned_en} planned.",
        )
    if spent / planned > elapsed + SPEND_SLACK:
        s, e = _pct(spent / planned), _pct(elapsed)
        return TrackResult(
            "at_risk",
            f"Izlietoti {s} % līdzekļu, bet pagājuši tikai {e} % laika.",
            f"{s}% of the money is spent but only {e}% of the time has passed.",
        )
    return None


def _paths(
    paths: Sequence[IndicatorPath], names: Sequence[str], elapsed: Decimal
) -> TrackResult | None:
    """At risk when an indicator lags behind its straight path; else None."""
    e = _pct(elapsed)
    for index, path in enumerate(paths):
        progress = path_progress(path)
        if progress is not None and progress < elapsed - PATH_SLACK:
            name = names[index] if index < len(names) else ""
            p = _pct(progress)
            return TrackResult(
                "at_risk",
                f"Rādītājs “{name}” sasniedzis {p} % ceļa līdz mērķim, bet pagājuši {e} % laika.",
                f"The indicator “{name}” is {p}% of the way to its target but {e}% of the "
                "time has passed.",
            )
    return None


def explain_track(
    *,
    status: str,
    start: datetime.date,
    deadline: datetime.date,
    as_of: datetime.date,
    planned: Decimal,
    spent: Decimal,
    paths: Sequence[IndicatorPath] = (),
    names: Sequence[str] = (),
) -> TrackResult:
    """The track and why, in one sentence per language. ``names`` name the ``paths``."""
    if status == "completed":
        return TrackResult("on_track", "Pasākums ir pabeigts.", "The activity is completed.")
    elapsed = elapsed_share(start, deadline, as_of)
    if status == "suspended" and as_of <= deadline:
        return TrackResult("at_risk", "Pasākums ir apturēts.", "The activity is suspended.")
    found = (
        _timing(status, deadline, as_of, elapsed, spent)
        or _spending(planned, spent, elapsed)
        or _paths(paths, names, elapsed)
    )
    if found is not None:
        return found
    s, e = (_pct(spent / planned) if planned > 0 else 0), _pct(elapsed)
    return TrackResult(
        "on_track",
        f"Izlietoti {s} % līdzekļu un pagājuši {e} % laika; rādītāji atbilst plānam.",
        f"{s}% of the money spent and {e}% of the time passed; the indicators keep to plan.",
    )


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
    """The track alone (see ``explain_track`` for why)."""
    return explain_track(
        status=status,
        start=start,
        deadline=deadline,
        as_of=as_of,
        planned=planned,
        spent=spent,
        paths=paths,
    ).track
