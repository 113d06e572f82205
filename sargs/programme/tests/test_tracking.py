import datetime
from decimal import Decimal

from sargs.programme.tracking import IndicatorPath, compute_track, elapsed_share

START = datetime.date(2026, 1, 1)
DEADLINE = datetime.date(2026, 12, 31)
MID = datetime.date(2026, 7, 2)


def track(**kwargs):
    defaults = {
        "status": "in_progress",
        "start": START,
        "deadline": DEADLINE,
        "as_of": MID,
        "planned": Decimal(1000),
        "spent": Decimal(500),
    }
    return compute_track(**{**defaults, **kwargs})


def test_half_way_with_half_spent_is_on_track():
    assert track() == "on_track"


def test_past_deadline_and_not_completed_is_late():
    assert track(as_of=datetime.date(2027, 1, 5)) == "late"
    assert track(as_of=datetime.date(2027, 1, 5), status="completed") == "on_track"


def test_not_started_near_the_deadline_is_late():
    assert track(status="not_started", spent=Decimal(0), as_of=datetime.date(2026, 11, 1)) == "late"
    assert (
        track(status="not_started", spent=Decimal(0), as_of=datetime.date(2026, 3, 1)) == "on_track"
    )


def test_overspending_or_spending_ahead_of_time_is_at_risk():
    assert track(spent=Decimal(1001)) == "at_risk"
    assert track(spent=Decimal(800)) == "at_risk"  # 80 % spent at 50 % of the time
    assert track(spent=Decimal(700)) == "on_track"


def test_lagging_behind_the_path_to_target_is_at_risk():
    behind = IndicatorPath(baseline=Decimal(10), target=Decimal(20), actual=Decimal(11))
    on_path = IndicatorPath(baseline=Decimal(10), target=Decimal(20), actual=Decimal(14))
    assert track(paths=[behind]) == "at_risk"
    assert track(paths=[on_path]) == "on_track"


def test_a_falling_target_counts_progress_downwards():
    # Fewer children in institutional care: from 12 down to 6.
    good = IndicatorPath(baseline=Decimal(12), target=Decimal(6), actual=Decimal(9))
    bad = IndicatorPath(baseline=Decimal(12), target=Decimal(6), actual=Decimal(13))
    assert track(paths=[good]) == "on_track"
    assert track(paths=[bad]) == "at_risk"


def test_suspended_is_at_risk():
    assert track(status="suspended") == "at_risk"


def test_elapsed_share_is_clamped():
    assert elapsed_share(START, DEADLINE, datetime.date(2025, 1, 1)) == 0
    assert elapsed_share(START, DEADLINE, datetime.date(2028, 1, 1)) == 1
