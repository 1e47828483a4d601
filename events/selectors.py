"""Reading the settlement's events. Every read takes the settlement and the viewer, finds
nothing elsewhere (404), and runs a fixed number of queries whatever the data. Drafts are
seen only by those who may change them: the coordinator, and the chair of the organising
committee."""

import calendar as pycalendar
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from committees.models import Committee
from committees.selectors import chaired_by
from coordinator import clock
from coordinator.clock import settlement_zone
from coordinator.ids import id_or_404
from coordinator.models import AgeGroup, Language, Settlement
from surveys.i18n import text_in

from .models import Course, CourseSession, Event

VIEW = "events.view_events"
ADD = "events.add_event"
CHANGE = "events.change_event"
DELETE = "events.delete_event"


@dataclass(frozen=True)
class EventFilter:
    kind: str = ""
    age_group: str = ""


@dataclass
class Day:
    date: dt.date
    in_month: bool
    is_today: bool
    events: list[Event] = field(default_factory=list)


def event_languages(settlement: Settlement) -> list[str]:
    """The languages an event's texts are written in: the settlement's, then English."""
    main = settlement.language if settlement.language in Language.values else Language.ENGLISH
    return [main] if main == Language.ENGLISH else [main, Language.ENGLISH]


def event_title(event: Event, settlement: Settlement, wanted: str = "") -> str:
    return text_in(event.title, event_languages(settlement), wanted)


def event_description(event: Event, settlement: Settlement, wanted: str = "") -> str:
    return text_in(event.description, event_languages(settlement), wanted)


def _visible(user: Any, settlement: Settlement) -> QuerySet[Event]:
    if not user.has_perm(VIEW, settlement):
        raise Http404
    events = Event.objects.filter(settlement=settlement).select_related("committee")
    if not user.has_perm(ADD, settlement):  # only the coordinator sees every draft
        events = events.filter(~Q(status=Event.Status.DRAFT) | chaired_by(user, "committee_id"))
    return events


def _filtered(events: QuerySet[Event], filters: EventFilter) -> QuerySet[Event]:
    if filters.kind in Event.Kind.values:
        events = events.filter(kind=filters.kind)
    if filters.age_group in AgeGroup.values:
        # An event for everyone (no groups) is for this group too.
        events = events.filter(Q(age_groups=[]) | Q(age_groups__icontains=f'"{filters.age_group}"'))
    return events


def upcoming_events_for(
    *, user: Any, settlement: Settlement, filters: EventFilter | None = None
) -> QuerySet[Event]:
    """The events still to come or under way, soonest first."""
    now = clock.now()
    events = _visible(user, settlement).filter(Q(starts_at__gte=now) | Q(ends_at__gt=now))
    return _filtered(events, filters or EventFilter()).order_by("starts_at", "pk")


def month_bounds(settlement: Settlement, year: int, month: int) -> tuple[dt.datetime, dt.datetime]:
    zone = settlement_zone(settlement)
    start = dt.datetime(year, month, 1, tzinfo=zone)
    following = dt.datetime(year + month // 12, month % 12 + 1, 1, tzinfo=zone)
    return start.astimezone(dt.UTC), following.astimezone(dt.UTC)


def month_grid_for(
    *,
    user: Any,
    settlement: Settlement,
    year: int,
    month: int,
    filters: EventFilter | None = None,
) -> list[list[Day]]:
    """The weeks of the month (Sunday first in Hebrew, else Monday), each day with the
    events that start on it in the settlement's zone. One query."""
    zone = settlement_zone(settlement)
    start, end = month_bounds(settlement, year, month)
    events = _filtered(
        _visible(user, settlement).filter(starts_at__gte=start, starts_at__lt=end),
        filters or EventFilter(),
    ).order_by("starts_at", "pk")
    first = 6 if settlement.language == Language.HEBREW else 0
    today = clock.local_today(settlement)
    weeks = [
        [Day(date=d, in_month=d.month == month, is_today=d == today) for d in week]
        for week in pycalendar.Calendar(firstweekday=first).monthdatescalendar(year, month)
    ]
    days = {day.date: day for week in weeks for day in week}
    for event in events:
        day = days.get(event.starts_at.astimezone(zone).date())
        if day is not None:
            day.events.append(event)
    return weeks


def event_get_for(*, user: Any, settlement: Settlement, pk: Any, perm: str = VIEW) -> Event:
    """Fetch and authorise in one call: an event of the settlement that ``user`` may see
    and, for ``perm`` (``events.change_event``, ``events.delete_event``), act on; missing
    and forbidden are both 404."""
    events = _visible(user, settlement).filter(pk=id_or_404(pk))
    if not user.has_perm(ADD, settlement):
        events = events.annotate(chaired_by_user=chaired_by(user, "committee_id"))
    event = events.first()
    if event is None:
        raise Http404
    if event.committee is not None:
        # The rules then know whether the user chairs it without asking again.
        chaired = getattr(event, "chaired_by_user", None)
        if chaired is not None:
            event.committee.chaired_by_user = chaired  # type: ignore[attr-defined]
    if perm != VIEW and not user.has_perm(perm, event):
        raise Http404
    return event


def committees_for_event(
    *, user: Any, settlement: Settlement, event: Event | None = None
) -> QuerySet[Committee]:
    """The committees that may organise an event ``user`` keeps: all of the settlement's
    for the coordinator; for a chair, those they chair."""
    committees = Committee.objects.filter(settlement=settlement).order_by("name", "pk")
    if not user.has_perm(ADD, settlement):
        through = Committee.chairs.through
        committees = committees.filter(
            Exists(through.objects.filter(committee=OuterRef("pk"), user=user.pk))
        )
    return committees


# --- the week view ----------------------------------------------------------------------


@dataclass
class WeekDay:
    date: dt.date
    is_today: bool
    events: list[Event] = field(default_factory=list)
    sessions: list[CourseSession] = field(default_factory=list)


def first_weekday(settlement: Settlement) -> int:
    """The first day of a week (Python's numbering): Sunday in Hebrew, else Monday."""
    return 6 if settlement.language == Language.HEBREW else 0


def week_start(settlement: Settlement, day: dt.date) -> dt.date:
    """The first day of the settlement's week that holds ``day``."""
    return day - dt.timedelta(days=(day.weekday() - first_weekday(settlement)) % 7)


def _day_bounds(settlement: Settlement, first: dt.date, days: int) -> tuple[dt.datetime, ...]:
    zone = settlement_zone(settlement)
    start = dt.datetime.combine(first, dt.time(), tzinfo=zone)
    end = dt.datetime.combine(first + dt.timedelta(days=days), dt.time(), tzinfo=zone)
    return start.astimezone(dt.UTC), end.astimezone(dt.UTC)


def week_sessions(
    settlement: Settlement, start: dt.datetime, end: dt.datetime, filters: EventFilter
) -> QuerySet[CourseSession]:
    """Scheduled sessions of the classes not cancelled, starting in [start, end). A kind
    filter is a kind of event, so it leaves no class sessions."""
    sessions = CourseSession.objects.filter(
        settlement=settlement,
        status=CourseSession.Status.SCHEDULED,
        starts_at__gte=start,
        starts_at__lt=end,
    ).exclude(course__status=Course.Status.CANCELLED)
    if filters.kind:
        return sessions.none()
    if filters.age_group in AgeGroup.values:
        sessions = sessions.filter(Q(course__age_group="") | Q(course__age_group=filters.age_group))
    return sessions.select_related("course").order_by("starts_at", "pk")


def week_for(
    *, user: Any, settlement: Settlement, day: dt.date, filters: EventFilter | None = None
) -> list[WeekDay]:
    """The seven days of the week that holds ``day``, each with the events and the class
    sessions that start on it in the settlement's zone. Two queries."""
    filters = filters or EventFilter()
    zone = settlement_zone(settlement)
    first = week_start(settlement, day)
    start, end = _day_bounds(settlement, first, 7)
    today = clock.local_today(settlement)
    week = [
        WeekDay(date=first + dt.timedelta(days=n), is_today=first + dt.timedelta(days=n) == today)
        for n in range(7)
    ]
    days = {d.date: d for d in week}
    events = _filtered(
        _visible(user, settlement).filter(starts_at__gte=start, starts_at__lt=end), filters
    ).order_by("starts_at", "pk")
    for event in events:
        days[event.starts_at.astimezone(zone).date()].events.append(event)
    for session in week_sessions(settlement, start, end, filters):
        days[session.starts_at.astimezone(zone).date()].sessions.append(session)
    return week
