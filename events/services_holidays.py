"""Turning a holiday suggestion into a draft event, once per settlement and holiday."""

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django_scopes import scope

from coordinator import clock
from coordinator.clock import settlement_zone
from coordinator.models import Settlement

from .holidays import Suggestion
from .models import Event

EVENING = dt.time(18, 0)
MORNING = dt.time(10, 0)


def holiday_start(*, settlement: Settlement, suggestion: Suggestion) -> dt.datetime:
    """18:00 local on the evening before a day that begins at sunset, else 10:00 local on
    the day; aware, in UTC."""
    if suggestion.evening_before:
        day, at = suggestion.date - dt.timedelta(days=1), EVENING
    else:
        day, at = suggestion.date, MORNING
    local = dt.datetime.combine(day, at).replace(tzinfo=settlement_zone(settlement))
    return local.astimezone(dt.UTC)


def event_from_holiday(
    *, settlement: Settlement, suggestion: Suggestion, by: Any
) -> tuple[Event, bool]:
    """The draft event made from ``suggestion``: the existing one if already made (nothing
    written then), else a new one. Returns (event, created)."""
    with scope(settlement=settlement.pk):
        existing = Event.objects.filter(settlement=settlement, holiday_key=suggestion.key).first()
        if existing is not None:
            return existing, False
        try:
            with transaction.atomic():
                event = Event.objects.create(
                    settlement=settlement,
                    title={settlement.language: str(suggestion.name)},
                    kind=suggestion.kind,
                    status=Event.Status.DRAFT,
                    starts_at=holiday_start(settlement=settlement, suggestion=suggestion),
                    holiday_key=suggestion.key,
                    created_by=by if getattr(by, "pk", None) else None,
                    created_at=clock.now(),
                )
        except IntegrityError:  # made at the same moment by another request
            return Event.objects.get(settlement=settlement, holiday_key=suggestion.key), False
    return event, True
