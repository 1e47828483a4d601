"""The geometry of the radar and of the history's step chart (pure functions)."""

import math

import pytest

from competencies import radar

TITLES = ["Building", "Mobilising", "Participation", "Development", "Leadership"]


def distance(x: float, y: float) -> float:
    return math.hypot(x - radar.CENTRE, y - radar.CENTRE)


def pairs(points: str) -> list[tuple[float, float]]:
    return [tuple(float(n) for n in p.split(",")) for p in points.split()]  # type: ignore[misc]


def test_level_four_lies_on_the_outer_ring():
    for index in range(5):
        x, y = radar.point(index, 5, 4)
        assert distance(x, y) == pytest.approx(radar.RADIUS, abs=0.1)
    outer = pairs(radar.radar(TITLES, [4] * 5).rings[-1])
    assert all(distance(x, y) == pytest.approx(radar.RADIUS, abs=0.1) for x, y in outer)


def test_the_first_axis_points_up_and_values_scale_with_the_level():
    assert radar.point(0, 5, 4) == (radar.CENTRE, radar.CENTRE - radar.RADIUS)
    x, y = radar.point(2, 5, 2)
    assert distance(x, y) == pytest.approx(radar.RADIUS / 2, abs=0.1)
    assert radar.point(3, 5, 9) == radar.point(3, 5, 4)  # clamped to the scale


def test_an_area_without_a_rating_is_drawn_at_the_centre_and_kept_as_none():
    chart = radar.radar(TITLES, [3.0, None, 2.5, 4.0, 1.0])
    assert pairs(chart.current)[1] == (radar.CENTRE, radar.CENTRE)
    assert chart.axes[1].current is None
    assert chart.axes[0].current == 3.0
    assert chart.previous == ""


def test_the_previous_cycle_is_a_polygon_of_its_own():
    chart = radar.radar(TITLES, [1, 2, 3, 4, 1], [2, 2, 2, 2, None])
    assert len(pairs(chart.previous)) == 5
    assert chart.previous != chart.current
    assert [a.previous for a in chart.axes] == [2.0, 2.0, 2.0, 2.0, None]


def test_labels_grow_away_from_the_circle_in_both_directions():
    ltr = [a.anchor for a in radar.radar(TITLES, [1] * 5).axes]
    rtl = [a.anchor for a in radar.radar(TITLES, [1] * 5, rtl=True).axes]
    # Top centred; the right-hand axes grow right ("start" in LTR, "end" in RTL).
    assert ltr == ["middle", "start", "start", "end", "end"]
    assert rtl == ["middle", "end", "end", "start", "start"]
    assert radar.radar(TITLES, [1] * 5, rtl=True).direction == "rtl"


def test_long_titles_are_shortened_at_a_word():
    short = radar.shorten("Building the community's belonging and identity", 24)
    assert short == "Building the…"  # "community's" would not fit
    assert radar.shorten("Participation") == "Participation"


def test_labels_take_two_lines_at_most():
    lines = radar.label_lines("1. Building the community's belonging and identity")
    assert lines == ["1. Building the", "community's…"]
    assert all(len(line) <= radar.LABEL_LENGTH for line in lines)
    assert radar.label_lines("3. Participation") == ["3. Participation"]
    chart = radar.radar(TITLES, [1] * 5)
    assert [label.text for label in chart.axes[0].labels] == ["1. Building"]
    # Every label lies outside the outer ring.
    for axis in chart.axes:
        for label in axis.labels:
            assert distance(label.x, label.y) > radar.RADIUS


def test_a_radar_needs_one_value_per_area():
    with pytest.raises(ValueError):
        radar.radar(TITLES, [1, 2])
    with pytest.raises(ValueError):
        radar.radar(TITLES[:2], [1, 2])


def test_history_steps_go_along_then_up():
    chart = radar.steps([1, None, 3], [2, 2, 2])
    line = pairs(chart.line)
    assert line[0] == (radar.STEP_LEFT, radar.STEP_MARGIN + 3 * radar.STEP_HEIGHT)
    # At the third cycle: first along at level 1, then up to level 3.
    assert line[1][1] == line[0][1]
    assert line[2][1] == radar.STEP_MARGIN + 1 * radar.STEP_HEIGHT
    assert [level for _x, _y, level in chart.dots] == [1, 3]
    assert chart.mentor_line
    assert chart.columns == [radar.STEP_LEFT + i * radar.STEP_WIDTH for i in range(3)]
    assert radar.steps([2], [None]).mentor_line == ""
