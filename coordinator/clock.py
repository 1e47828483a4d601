"""The one clock of the product.

Everything that asks "what time is it?" (age groups, due dates, quiet hours, reminders)
asks here, so tests can set the time and nothing depends on the real date or hour.
"""

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils import timezone

_frozen: dt.datetime | None = None
# CLOCK_START (an ISO datetime with its offset) starts this process's clock at that moment,
# running on from there: how the integration tests give a real worker "next Monday 09:00".
# Never set in production.
_start = os.environ.get("CLOCK_START", "")
_offset = dt.datetime.fromisoformat(_start) - timezone.now() if _start else dt.timedelta(0)


def now() -> dt.datetime:
    """The current aware datetime (UTC), or the time a test has set."""
    return _frozen if _frozen is not None else timezone.now() + _offset


def today() -> dt.date:
    """Today's date in the active time zone."""
    return timezone.localdate(now())


def set_now(moment: dt.datetime | None) -> None:
    """Set the clock to ``moment`` (aware), or back to the real time with ``None``."""
    global _frozen
    if moment is not None and timezone.is_naive(moment):
        raise ValueError("The clock takes aware datetimes only.")
    _frozen = moment


@contextmanager
def frozen_at(moment: dt.datetime) -> Iterator[None]:
    """Run a block with the clock at ``moment``; restore the previous time afterwards."""
    previous = _frozen
    set_now(moment)
    try:
        yield
    finally:
        set_now(previous)


def settlement_zone(settlement: Any) -> ZoneInfo:
    """The settlement's time zone (UTC if its name is unknown)."""
    try:
        return ZoneInfo(settlement.time_zone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def local_today(settlement: Any) -> dt.date:
    """Today's date where the settlement is."""
    return now().astimezone(settlement_zone(settlement)).date()


def tomorrow_span(settlement: Any) -> tuple[dt.datetime, dt.datetime]:
    """Tomorrow where the settlement is, as [start, end) aware datetimes: what the day-before
    reminders look for."""
    zone = settlement_zone(settlement)
    tomorrow = local_today(settlement) + dt.timedelta(days=1)
    start = dt.datetime.combine(tomorrow, dt.time(0), tzinfo=zone)
    return start, dt.datetime.combine(tomorrow + dt.timedelta(days=1), dt.time(0), tzinfo=zone)
