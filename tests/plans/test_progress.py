"""A target's standing: progress from the baseline towards the target value against the
share of the year gone (pure functions)."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plans.progress import Standing, on_track, progress, year_gone

D = Decimal


def test_the_share_of_the_year_gone():
    assert year_gone(2026, dt.date(2025, 12, 31)) == 0
    assert year_gone(2026, dt.date(2026, 1, 1)) == 0
    assert year_gone(2026, dt.date(2026, 7, 2)) == D("50.0")
    assert year_gone(2026, dt.date(2026, 12, 31)) == 100
    assert year_gone(2026, dt.date(2027, 3, 1)) == 100


@pytest.mark.parametrize(
    ("latest", "gone", "percent", "standing"),
    [
        (None, D(50), None, Standing.NOT_MEASURED),
        (D(30), D(50), D("50.0"), Standing.ON_TRACK),  # half way, half the year
        (D(26), D(50), D("40.0"), Standing.ON_TRACK),  # within the ten points' margin
        (D(25), D(50), D("37.5"), Standing.BEHIND),
        (D(50), D(10), D("100.0"), Standing.REACHED),
        (D(70), D(10), D("100.0"), Standing.REACHED),  # beyond the target: capped
        (D(5), D(5), D("0.0"), Standing.ON_TRACK),  # below the baseline, early in the year
    ],
)
def test_a_rising_target(latest, gone, percent, standing):
    result = progress(baseline=D(10), target_value=D(50), latest=latest, gone=gone)
    assert result.percent == percent
    assert result.standing == standing


def test_a_falling_target_counts_the_way_down():
    """Fewer lonely seniors: from 40 down to 10."""
    result = progress(baseline=D(40), target_value=D(10), latest=D(25), gone=D(50))
    assert result.percent == D("50.0")
    assert result.standing == Standing.ON_TRACK
    assert progress(baseline=D(40), target_value=D(10), latest=D(45), gone=D(50)).percent == 0


def test_a_target_equal_to_its_baseline_is_reached_only_there():
    assert progress(baseline=D(5), target_value=D(5), latest=D(5), gone=D(0)).standing == (
        Standing.REACHED
    )
    assert progress(baseline=D(5), target_value=D(5), latest=D(4), gone=D(0)).percent == 0


def test_on_track_counts_reached_targets():
    assert on_track(Standing.ON_TRACK) and on_track(Standing.REACHED)
    assert not on_track(Standing.BEHIND) and not on_track(Standing.NOT_MEASURED)


values = st.decimals(min_value=-1000, max_value=1000, places=2)


@given(values, values, values, st.decimals(min_value=0, max_value=100, places=1))
def test_progress_stays_between_nought_and_a_hundred(baseline, target, latest, gone):
    result = progress(baseline=baseline, target_value=target, latest=latest, gone=gone)
    assert result.percent is not None and 0 <= result.percent <= 100
    assert (result.standing == Standing.REACHED) == (result.percent == 100)
