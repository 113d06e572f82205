import datetime
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sargs.services import services
from sargs.services.selectors import coverage_gaps, rota_week, week_bounds

from .helpers import crisis_team

WEEK = datetime.date(2026, 3, 2)  # a Monday
START, END = week_bounds(WEEK)
MINUTES = int((END - START).total_seconds() // 60)


def test_empty_rota_is_one_gap() -> None:
    assert coverage_gaps([], START, END) == [(START, END)]


def test_gap_between_shifts_and_at_the_end() -> None:
    h = datetime.timedelta(hours=1)
    shifts = [(START, START + 8 * h), (START + 10 * h, END - h)]
    assert coverage_gaps(shifts, START, END) == [(START + 8 * h, START + 10 * h), (END - h, END)]


def test_shifts_beyond_the_week_count_for_its_edges() -> None:
    day = datetime.timedelta(days=1)
    assert coverage_gaps([(START - day, END + day)], START, END) == []


@st.composite
def covering_shifts(draw: st.DrawFn) -> list[tuple[datetime.datetime, datetime.datetime]]:
    """Shifts that together cover the whole week: cut points, then each piece may be stretched
    to overlap its neighbours, and the order shuffled."""
    cuts = sorted(draw(st.sets(st.integers(1, MINUTES - 1), max_size=20)))
    bounds = [0, *cuts, MINUTES]
    shifts = []
    for a, b in itertools.pairwise(bounds):
        before = draw(st.integers(0, 120))
        after = draw(st.integers(0, 120))
        shifts.append(
            (
                START + datetime.timedelta(minutes=a - before),
                START + datetime.timedelta(minutes=b + after),
            )
        )
    return draw(st.permutations(shifts))


@given(covering_shifts())
@settings(max_examples=200, deadline=None)
def test_whole_week_covered_means_no_gaps(shifts) -> None:
    assert coverage_gaps(shifts, START, END) == []


@given(
    st.lists(st.integers(0, MINUTES - 1), min_size=0, max_size=20, unique=True).map(sorted),
    st.data(),
)
@settings(max_examples=200, deadline=None)
def test_removing_any_shift_of_a_tiling_leaves_a_gap(cut_list, data) -> None:
    """Non-overlapping shifts tiling the week: each is needed, so removing any leaves a gap
    exactly where it was."""
    bounds = sorted({0, *cut_list, MINUTES})
    shifts = [
        (START + datetime.timedelta(minutes=a), START + datetime.timedelta(minutes=b))
        for a, b in itertools.pairwise(bounds)
    ]
    assert coverage_gaps(shifts, START, END) == []
    removed = data.draw(st.integers(0, len(shifts) - 1))
    rest = shifts[:removed] + shifts[removed + 1 :]
    assert coverage_gaps(rest, START, END) == [shifts[removed]]


@pytest.mark.django_db
def test_rota_week_grid_shows_uncovered_hours(cast) -> None:
    team = crisis_team(cast)
    member = services.crisis_team_member_add(
        actor=cast.coordinator, team=team, profession="social_worker", user=cast.social_worker
    )
    # Covered Monday 00:00 to Sunday 20:00 local time: four hours uncovered.
    services.on_call_shift_add(
        actor=cast.coordinator,
        team=team,
        member=member,
        starts_at=START,
        ends_at=END - datetime.timedelta(hours=4),
    )
    rota = rota_week(team=team, week_start=WEEK)
    assert rota.uncovered_hours == 4
    assert rota.gaps == [(END - datetime.timedelta(hours=4), END)]
    sunday = rota.days[6]
    assert [c.covered for c in sunday.cells[19:]] == [True, False, False, False, False]
    assert rota.days[0].cells[0].on_call == [str(cast.social_worker)]
