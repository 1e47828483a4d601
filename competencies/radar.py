"""The geometry of the pictures of a self-assessment, as plain numbers for SVG: the radar
of the five areas (a cycle's average levels, the previous cycle drawn over it) and the
small step chart of one competency's history. Pure functions: no database, no request.

The SVG is never mirrored for right-to-left readers (the areas keep their places around
the circle), but its text is: in a right-to-left picture ``text-anchor="start"`` means the
right end of the text, so the anchors are chosen from the side the label must grow to."""

import math
from collections.abc import Sequence
from dataclasses import dataclass

SCALE = 4  # the highest level: the outer ring
SIZE = 320  # the picture's height in its own units; the centre is in the middle
CENTRE = SIZE / 2
MARGIN_X = 80  # room for the labels on the left and the right of the square
RADIUS = 100  # the outer ring; the rest is room for the labels
LABEL_GAP = 12  # between the outer ring and a label
LABEL_LENGTH = 20  # characters of a label's line (the table has the whole title)
LINE_HEIGHT = 14


def _round(value: float) -> float:
    return round(value, 1) + 0.0  # never "-0.0"


def point(index: int, count: int, value: float, radius: float = RADIUS) -> tuple[float, float]:
    """Where ``value`` (0..SCALE) lies on axis ``index`` of ``count``: the first axis points
    up, the next ones follow clockwise."""
    angle = -math.pi / 2 + 2 * math.pi * index / count
    distance = radius * max(0.0, min(float(value), SCALE)) / SCALE
    return (
        _round(CENTRE + distance * math.cos(angle)),
        _round(CENTRE + distance * math.sin(angle)),
    )


def points(values: Sequence[float | None]) -> str:
    """The ``points`` of an SVG polygon through each axis at its value; no value is 0."""
    count = len(values)
    return " ".join(
        "{:g},{:g}".format(*point(i, count, value or 0.0)) for i, value in enumerate(values)
    )


def shorten(title: str, length: int = LABEL_LENGTH) -> str:
    """``title`` cut at a word before ``length`` characters, with an ellipsis if cut."""
    title = " ".join(title.split())
    if len(title) <= length:
        return title
    cut = title[: length - 1].rsplit(" ", 1)[0] if " " in title[: length - 1] else title
    return cut[: length - 1].rstrip(" ,;:–-") + "…"


def label_lines(title: str, length: int = LABEL_LENGTH) -> list[str]:
    """``title`` on at most two lines of about ``length`` characters, the rest cut."""
    words = " ".join(title.split()).split(" ")
    first = ""
    while words and len(f"{first} {words[0]}".strip()) <= length:
        first = f"{first} {words.pop(0)}".strip()
    if not first:  # one long word
        return [shorten(" ".join(words), length)]
    return [first, shorten(" ".join(words), length)] if words else [first]


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str


@dataclass(frozen=True)
class Axis:
    number: int
    title: str  # the full title (for the table)
    labels: list[Label]  # the title on one or two lines, for the picture
    x1: float  # the spoke's outer end
    y1: float
    anchor: str  # text-anchor for the picture's direction
    current: float | None  # the average level, None when nothing in the area is rated
    previous: float | None


def anchor_for(index: int, count: int, rtl: bool) -> str:
    """The text-anchor that makes a label grow away from the circle: to the right of the
    axes on the right, to the left on the left, centred at the top and bottom."""
    dx = math.cos(-math.pi / 2 + 2 * math.pi * index / count)
    if abs(dx) < 0.2:
        return "middle"
    grows_right = dx > 0
    # "start" is the left end of left-to-right text and the right end of right-to-left text.
    return "start" if grows_right != rtl else "end"


@dataclass(frozen=True)
class Radar:
    axes: list[Axis]
    rings: list[str]  # polygon points of levels 1..SCALE
    current: str
    previous: str  # "" without a previous cycle
    direction: str  # "ltr" or "rtl", set on the SVG so the anchors hold
    view_box: str
    centre: float


def radar(
    titles: Sequence[str],
    current: Sequence[float | None],
    previous: Sequence[float | None] | None = None,
    *,
    rtl: bool = False,
) -> Radar:
    """The radar of the areas ``titles``: the averages ``current`` (None: nothing rated,
    drawn at 0), and ``previous`` drawn over it when there is a previous cycle."""
    count = len(titles)
    if count < 3:
        raise ValueError("A radar needs three axes at least.")
    if len(current) != count or (previous is not None and len(previous) != count):
        raise ValueError("One value per area.")
    axes = []
    for i, title in enumerate(titles):
        x1, y1 = point(i, count, SCALE)
        label_x, label_y = point(i, count, SCALE, RADIUS + LABEL_GAP)
        lines = label_lines(f"{i + 1}. {title}")
        dy = label_y - CENTRE
        if dy < -RADIUS / 2:  # above: the last line just clear of the ring
            label_y -= 4 + (len(lines) - 1) * LINE_HEIGHT
        elif dy > RADIUS / 2:  # below: the first line just clear of it
            label_y += 10
        else:  # at the side: centred on the spoke
            label_y += 4 - (len(lines) - 1) * LINE_HEIGHT / 2
        axes.append(
            Axis(
                number=i + 1,
                title=title,
                labels=[
                    Label(label_x, _round(label_y + n * LINE_HEIGHT), line)
                    for n, line in enumerate(lines)
                ],
                x1=x1,
                y1=y1,
                anchor=anchor_for(i, count, rtl),
                current=None if current[i] is None else round(float(current[i] or 0), 1),
                previous=None
                if previous is None or previous[i] is None
                else round(float(previous[i] or 0), 1),
            )
        )
    return Radar(
        axes=axes,
        rings=[points([level] * count) for level in range(1, SCALE + 1)],
        current=points(current),
        previous=points(previous) if previous is not None else "",
        direction="rtl" if rtl else "ltr",
        view_box=f"{-MARGIN_X} 0 {SIZE + 2 * MARGIN_X} {SIZE}",
        centre=CENTRE,
    )


# --- the history of one competency ---------------------------------------------------------

STEP_WIDTH = 90  # between two cycles
STEP_HEIGHT = 30  # per level
STEP_MARGIN = 24
STEP_LEFT = 48  # before the first cycle: room for the level numbers and its date
STEP_FOOT = 24  # under the chart: the date of each cycle


@dataclass(frozen=True)
class Steps:
    width: int
    height: int
    line: str  # polyline points of the coordinator's levels, as steps
    mentor_line: str  # the same for the mentor's levels ("" when there are none)
    dots: list[tuple[float, float, int]]  # x, y and level of each rated cycle
    columns: list[float]  # x of each cycle
    foot: float  # y of the cycles' dates
    levels: list[tuple[int, float]]  # the grid: level and its y


def _y(level: int) -> float:
    return float(STEP_MARGIN + (SCALE - level) * STEP_HEIGHT)


def _steps(levels: Sequence[int | None]) -> str:
    pairs: list[tuple[float, float]] = []
    for i, level in enumerate(levels):
        if level is None:
            continue
        x, y = STEP_LEFT + i * STEP_WIDTH, _y(level)
        if pairs:
            pairs.append((x, pairs[-1][1]))  # along at the last level, then up or down
        pairs.append((x, y))
    if pairs:
        pairs.append((pairs[-1][0] + STEP_WIDTH / 2, pairs[-1][1]))
    return " ".join(f"{x:g},{y:g}" for x, y in pairs)


def steps(levels: Sequence[int | None], mentor_levels: Sequence[int | None] = ()) -> Steps:
    """A step chart of ``levels`` (one per cycle, oldest first; None: not rated)."""
    count = max(len(levels), 1)
    return Steps(
        width=int(2 * STEP_LEFT + (count - 1) * STEP_WIDTH + STEP_WIDTH / 2),
        height=int(2 * STEP_MARGIN + (SCALE - 1) * STEP_HEIGHT + STEP_FOOT),
        line=_steps(levels),
        mentor_line=_steps(mentor_levels) if any(m is not None for m in mentor_levels) else "",
        dots=[
            (float(STEP_LEFT + i * STEP_WIDTH), _y(level), level)
            for i, level in enumerate(levels)
            if level is not None
        ],
        levels=[(level, _y(level)) for level in range(1, SCALE + 1)],
        columns=[float(STEP_LEFT + i * STEP_WIDTH) for i in range(len(levels))],
        foot=_y(1) + STEP_MARGIN + STEP_FOOT / 2,
    )
