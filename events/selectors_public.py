"""Reads of the public calendar: a settlement by its slug, its upcoming published events,
one of them, and the events of its calendar feed. Nothing personal leaves here: callers get
events, never members or money to show."""

import datetime as dt

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django_scopes import scope, scopes_disabled

from coordinator import clock
from coordinator.models import Settlement

from .models import Course, Event
from .models_signups import SignupStatus

FEED_PAST_DAYS = 30


def settlement_by_slug(*, slug: str) -> Settlement:
    """The settlement of a public address, else 404."""
    with scopes_disabled():
        settlement = Settlement.objects.filter(slug=slug).first()
    if settlement is None:
        raise Http404
    return settlement


def _published(settlement: Settlement) -> QuerySet[Event]:
    return Event.objects.filter(settlement=settlement, status=Event.Status.PUBLISHED)


def events_upcoming(*, settlement: Settlement) -> list[Event]:
    """Published events not yet over (an event without an end is over when it starts)."""
    now = clock.now()
    with scope(settlement=settlement.pk):
        events = _published(settlement).exclude(ends_at__lt=now)
        return list(
            events.exclude(ends_at__isnull=True, starts_at__lt=now).order_by("starts_at", "id")
        )


def event_public_get(*, settlement: Settlement, pk: int) -> Event:
    """One published event of ``settlement``, else 404."""
    with scope(settlement=settlement.pk):
        event = _published(settlement).filter(pk=pk).first()
    if event is None:
        raise Http404
    return event


def events_for_feed(*, settlement: Settlement) -> list[Event]:
    """Published and cancelled events from ``FEED_PAST_DAYS`` days ago on: a cancelled one
    stays in the feed so calendars that imported it mark it cancelled."""
    since = clock.now() - dt.timedelta(days=FEED_PAST_DAYS)
    with scope(settlement=settlement.pk):
        return list(
            Event.objects.filter(
                settlement=settlement,
                status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED],
                starts_at__gte=since,
            ).order_by("starts_at", "id")
        )


def courses_open(*, settlement: Settlement) -> QuerySet[Course]:
    """The settlement's classes open for registration and not over, each with the places
    its confirmed registrations hold (``taken``)."""
    today = clock.local_today(settlement)
    return Course.objects.filter(
        settlement=settlement, status=Course.Status.OPEN, ends_on__gte=today
    ).annotate(
        taken=Coalesce(
            Sum("registrations__places", filter=Q(registrations__status=SignupStatus.CONFIRMED)),
            0,
        )
    )
