"""How far a target has come, and whether it is on track for the year.

Progress is the way travelled from the baseline towards the target value by the latest
reading (a target may go down as well as up: fewer lonely seniors). A target is on track
when its progress is at least the share of the plan's year already gone, less a margin
of ten points; a target with no reading yet is "not measured". Pure functions, exact
Decimal."""

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

MARGIN = Decimal("10")  # points of per cent a target may lag the calendar and be on track


class Standing(StrEnum):
    ON_TRACK = "on_track"
    BEHIND = "behind"
    REACHED = "reached"
    NOT_MEASURED = "not_measured"


@dataclass(frozen=True)
class Progress:
    percent: Decimal | None  # of the way from baseline to target, 0–100 (capped)
    standing: Standing
    latest: Decimal | None


def year_gone(year: int, today: dt.date) -> Decimal:
    """The share of ``year`` gone by ``today``, in per cent (0 before it, 100 after)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if today < start:
        return Decimal(0)
    if today >= end:
        return Decimal(100)
    days = Decimal((today - start).days)
    return (days * 100 / Decimal((end - start).days)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def progress(
    *, baseline: Decimal, target_value: Decimal, latest: Decimal | None, gone: Decimal
) -> Progress:
    """Where a target stands, from its latest reading and the share of the year gone."""
    if latest is None:
        return Progress(None, Standing.NOT_MEASURED, None)
    distance = target_value - baseline
    if distance == 0:
        done = Decimal(100) if latest == target_value else Decimal(0)
    else:
        done = (latest - baseline) * 100 / distance
    done = min(max(done, Decimal(0)), Decimal(100)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    if done >= 100:
        standing = Standing.REACHED
    elif done >= gone - MARGIN:
        standing = Standing.ON_TRACK
    else:
        standing = Standing.BEHIND
    return Progress(done, standing, latest)


def on_track(standing: Standing) -> bool:
    return standing in (Standing.ON_TRACK, Standing.REACHED)
