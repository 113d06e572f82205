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
    # Early on it is "not started" (issue 17), never "on track".
    assert (
        track(status="not_started", spent=Decimal(0), as_of=datetime.date(2026, 3, 1))
        == "not_started"
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


def test_not_started_with_nothing_spent_is_not_started_not_on_track():
    from sargs.programme.tracking import explain_track

    early = datetime.date(2026, 2, 1)
    result = explain_track(
        status="not_started",
        start=START,
        deadline=DEADLINE,
        as_of=early,
        planned=Decimal(1000),
        spent=Decimal(0),
    )
    assert result.track == "not_started"
    assert result.reason_en == "The activity has not started yet and nothing has been spent."
    assert result.reason_lv == "Pasākums vēl nav uzsākts, un nekas nav izlietots."
    spent = explain_track(
        status="not_started",
        start=START,
        deadline=DEADLINE,
        as_of=early,
        planned=Decimal(1000),
        spent=Decimal("150.5"),
    )
    assert spent.track == "at_risk"
    assert spent.reason_lv == "Pasākums nav uzsākts, bet izlietoti 150,50 €."


def test_every_track_explains_itself_in_one_sentence():
    from sargs.programme.tracking import explain_track

    cases = [
        ({}, "on_track", "50% of the money spent and 50% of the time passed; the indicators"),
        ({"spent": Decimal(900)}, "at_risk", "90% of the money is spent but only 50% of the time"),
        ({"spent": Decimal(1200)}, "at_risk", "€1,200.00 spent of the €1,000.00 planned."),
        ({"status": "suspended"}, "at_risk", "The activity is suspended."),
        ({"as_of": datetime.date(2027, 1, 5)}, "late", "The deadline 31.12.2026 has passed"),
        ({"status": "completed"}, "on_track", "The activity is completed."),
    ]
    defaults = {
        "status": "in_progress",
        "start": START,
        "deadline": DEADLINE,
        "as_of": MID,
        "planned": Decimal(1000),
        "spent": Decimal(500),
    }
    for changes, expected, sentence in cases:
        result = explain_track(**{**defaults, **changes})
        assert result.track == expected, changes
        assert result.reason_en.startswith(sentence), result.reason_en
        assert result.reason_en.count(". ") == 0 and result.reason_lv.endswith(".")
