"""The coordinator's home panel of events and classes: this week's events and class
sessions, the open classes short of their minimum, and the shifts still unfilled. The
home page is held to a fixed number of queries, so the three are read in ONE query, a
UNION of four selects with the same columns."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import Count, F, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Cast, Coalesce

from coordinator.clock import settlement_zone
from coordinator.models import Settlement

from .models import (
    ClassRegistration,
    Course,
    CourseSession,
    Event,
    ShiftSignup,
    VolunteerShift,
)
from .models_signups import SignupStatus

WEEK_DAYS = 7  # "this week": today and the six days after, as the home's "due this week"
SHIFT_DAYS = 14  # shifts of the events of the next two weeks
SOON_DAYS = 14  # a class short of its minimum that starts within two weeks, or runs
ROWS = 200  # at most this many rows in all; each section shows the first few
SHOWN = {"event": 15, "session": 15, "short": 8, "shift": 8}

# The columns every select gives, in this order.
COLUMNS = ("row_rank", "row_kind", "row_id", "row_parent", "row_title", "row_role", "row_at")
# (row_parent: the event of a shift, the class of a session; row_role: a shift's role, a
# session's place, an event's status)
COUNTS = ("row_day", "row_have", "row_need")


@dataclass(frozen=True)
class Row:
    kind: str  # "event", "session", "short" (a class short of its minimum), "shift"
    pk: int
    parent: int
    title: dict[str, str]
    role: str = ""
    at: dt.datetime | None = None
    day: dt.date | None = None
    have: int = 0
    need: int = 0


@dataclass
class Section:
    rows: list[Row] = field(default_factory=list)
    more: int = 0


@dataclass
class EventsHome:
    week: Section
    short: Section
    unfilled: Section


def _columns(
    rank: int,
    kind: str,
    title: Any,
    role: Any = None,
    at: Any = None,
    day: Any = None,
    have: Any = None,
    need: Any = None,
    parent: Any = None,
) -> dict[str, Any]:
    def typed(value: Any, output: Any) -> Any:
        """A constant (a NULL too) with its type, so every select of the UNION agrees."""
        if hasattr(value, "resolve_expression"):
            return value
        if value is None:  # PostgreSQL reads a bare NULL as text
            return Cast(Value(None), output_field=output)
        return Value(value, output_field=output)

    return {
        "row_rank": Value(rank, output_field=models.IntegerField()),
        "row_kind": Value(kind, output_field=models.CharField()),
        "row_id": F("pk"),
        "row_parent": F("pk") if parent is None else parent,
        "row_title": title,
        "row_role": typed("" if role is None else role, models.CharField()),
        "row_at": typed(at, models.DateTimeField()),
        "row_day": typed(day, models.DateField()),
        "row_have": typed(0 if have is None else have, models.IntegerField()),
        "row_need": typed(0 if need is None else need, models.IntegerField()),
    }


def _select(queryset: QuerySet[Any], **columns: Any) -> QuerySet[Any]:
    return queryset.order_by().annotate(**columns).values(*COLUMNS, *COUNTS)


def events_home_query(settlement: Settlement, now: dt.datetime) -> QuerySet[Any]:
    zone = settlement_zone(settlement)
    today = now.astimezone(zone).date()
    day_start = dt.datetime.combine(today, dt.time(), tzinfo=zone)
    week_end = day_start + dt.timedelta(days=WEEK_DAYS)
    events = _select(
        Event.objects.filter(
            settlement=settlement, starts_at__gte=day_start, starts_at__lt=week_end
        ).exclude(status=Event.Status.CANCELLED),
        **_columns(0, "event", F("title"), role=F("status"), at=F("starts_at")),
    )
    sessions = _select(
        CourseSession.objects.filter(
            settlement=settlement,
            status=CourseSession.Status.SCHEDULED,
            starts_at__gte=day_start,
            starts_at__lt=week_end,
        ).exclude(course__status=Course.Status.CANCELLED),
        **_columns(
            0,
            "session",
            F("course__title"),
            role=F("course__place"),
            at=F("starts_at"),
            parent=F("course_id"),
        ),
    )
    confirmed = (
        ClassRegistration.objects.filter(course=OuterRef("pk"), status=SignupStatus.CONFIRMED)
        .order_by()
        .values("course")
        .annotate(n=Sum("places"))
        .values("n")
    )
    short = _select(
        Course.objects.filter(
            settlement=settlement,
            status=Course.Status.OPEN,
            starts_on__lte=today + dt.timedelta(days=SOON_DAYS),
            ends_on__gte=today,
        )
        .annotate(confirmed=Coalesce(Subquery(confirmed), 0))
        .filter(confirmed__lt=F("min_participants")),
        **_columns(
            1,
            "short",
            F("title"),
            day=F("starts_on"),
            have=F("confirmed"),
            need=F("min_participants"),
        ),
    )
    taken = (
        ShiftSignup.objects.filter(shift=OuterRef("pk"), cancelled_at__isnull=True)
        .order_by()
        .values("shift")
        .annotate(n=Count("pk"))
        .values("n")
    )
    unfilled = _select(
        VolunteerShift.objects.filter(
            settlement=settlement,
            event__status=Event.Status.PUBLISHED,
            starts_at__gte=now,
            starts_at__lt=now + dt.timedelta(days=SHIFT_DAYS),
        )
        .annotate(taken=Coalesce(Subquery(taken), 0))
        .filter(taken__lt=F("needed")),
        **_columns(
            2,
            "shift",
            F("event__title"),
            parent=F("event_id"),
            role=F("role"),
            at=F("starts_at"),
            have=F("taken"),
            need=F("needed"),
        ),
    )
    return events.union(sessions, short, unfilled, all=True).order_by(
        "row_rank", "row_at", "row_day", "row_id"
    )[:ROWS]


def events_home(*, settlement: Settlement, now: dt.datetime) -> EventsHome:
    """The three sections of the panel, read in one query."""
    week, short, unfilled = Section(), Section(), Section()
    sections = {"event": week, "session": week, "short": short, "shift": unfilled}
    for values in events_home_query(settlement, now):
        section = sections[values["row_kind"]]
        if len(section.rows) >= SHOWN[values["row_kind"]]:
            section.more += 1
            continue
        section.rows.append(
            Row(
                kind=values["row_kind"],
                pk=values["row_id"],
                parent=values["row_parent"],
                title=values["row_title"] or {},
                role=values["row_role"] or "",
                at=values["row_at"],
                day=values["row_day"],
                have=values["row_have"] or 0,
                need=values["row_need"] or 0,
            )
        )
    return EventsHome(week=week, short=short, unfilled=unfilled)
