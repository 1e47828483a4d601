"""The classes programme at size: registrations through the service (each under the class
row's lock) per second, with the queries each takes; and the public list of open classes
and the staff list at N classes, with their time and queries. The queries per registration
and per page must stay flat as N grows.

And the jobs of events and classes (``jobs_at``, for bench/jobs.py): the reminders of
tomorrow's events and of the classes whose first session is tomorrow, to N sign-ups (every
other one a resident of the registry, as when the address matches)."""

import datetime as dt
import time
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope

from coordinator.models import Resident, Role, Settlement
from events.models_classes import ClassRegistration, CourseSession
from events.models_signups import EventRegistration, SignupStatus
from events.services_classes import ParticipantData, class_register, class_reminders_queue
from events.services_signups import event_reminders_queue
from events.signups import ContactData
from tests import factories

from .jobs import CLASSES, EVENTS, MONDAY, JobRow, bench_residents, counting, measure

PER_EVENT = 50
PER_CLASS = 10


def _ok(status: int) -> None:
    if status != 200:
        raise RuntimeError(f"the page answered {status}")


def classes_once(size: int) -> dict[str, float]:
    """``size`` classes, each registered for by ten households (the last two wait)."""
    settlement = factories.SettlementFactory.create(language="en")
    committee = factories.CommitteeFactory.create(settlement=settlement)
    season = factories.SeasonFactory.create(settlement=settlement)
    instructor = factories.InstructorFactory.create(settlement=settlement)
    courses = [
        factories.CourseFactory.create(
            committee=committee, season=season, instructor=instructor, capacity=8
        )
        for _ in range(size)
    ]
    started = time.perf_counter()
    with scope(settlement=settlement.pk), counting() as registering:
        for course in courses:
            for n in range(10):
                class_register(
                    course=course,
                    contact=ContactData(name=f"Parent {n}", email=f"p{n}@example.org"),
                    participants=[ParticipantData(name=f"Child {n}", age_group="children")],
                )
    registrations = size * 10
    seconds = time.perf_counter() - started

    client = Client()
    public = reverse("calendar:classes", kwargs={"slug": settlement.slug})
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as public_queries:
        _ok(client.get(public).status_code)
    public_ms = (time.perf_counter() - started) * 1000

    client.force_login(factories.member(settlement, Role.COORDINATOR))
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as list_queries:
        _ok(client.get(reverse("classes:list")).status_code)
    list_ms = (time.perf_counter() - started) * 1000
    return {
        "classes": size,
        "registrations/s": registrations / seconds,
        "queries/registration": registering.count / registrations,
        "public page ms": public_ms,
        "public page queries": len(public_queries),
        "staff list ms": list_ms,
        "staff list queries": len(list_queries),
    }


def run(sizes: list[int]) -> list[dict[str, Any]]:
    print("Classes: registrations and the lists at size")
    rows = []
    for size in sizes:
        row = classes_once(max(1, size // 100))
        print("  " + ", ".join(f"{key} {value:g}" for key, value in row.items()))
        rows.append(row)
    return rows


def _people(settlement: Settlement, size: int) -> list[Resident | None]:
    """Who signs up: every other one a resident of the registry, the others guests."""
    residents = bench_residents(settlement, (size + 1) // 2, "Parent")
    return [residents[n // 2] if n % 2 == 0 else None for n in range(size)]


def event_reminders_at(size: int) -> list[JobRow]:
    """``size`` confirmed registrations for tomorrow's events, 50 an event."""
    settlement = factories.SettlementFactory.create(language="en")
    committee = factories.CommitteeFactory.create(settlement=settlement)
    starts = MONDAY + dt.timedelta(days=1, hours=8)
    events = [
        factories.EventFactory.create(
            committee=committee, starts_at=starts, ends_at=starts + dt.timedelta(hours=2)
        )
        for _ in range(max(1, size // PER_EVENT))
    ]
    EventRegistration.objects.bulk_create(
        (
            EventRegistration(
                settlement=settlement,
                event=events[n % len(events)],
                name=f"Guest {n}",
                email=f"p{n}@example.org",
                language="en",
                resident=person,
                status=SignupStatus.CONFIRMED,
                created_at=MONDAY - dt.timedelta(days=7),
            )
            for n, person in enumerate(_people(settlement, size))
        ),
        batch_size=1000,
    )
    with scope(settlement=settlement.pk):
        return [
            measure(EVENTS, size, "messages", lambda: event_reminders_queue(settlement=settlement))
        ]


def class_reminders_at(size: int) -> list[JobRow]:
    """``size`` confirmed registrations for classes whose first session is tomorrow, 10 a
    class."""
    settlement = factories.SettlementFactory.create(language="en")
    committee = factories.CommitteeFactory.create(settlement=settlement)
    season = factories.SeasonFactory.create(settlement=settlement)
    instructor = factories.InstructorFactory.create(settlement=settlement)
    starts = MONDAY + dt.timedelta(days=1, hours=6)
    courses = [
        factories.CourseFactory.create(
            committee=committee, season=season, instructor=instructor, capacity=PER_CLASS
        )
        for _ in range(max(1, size // PER_CLASS))
    ]
    CourseSession.objects.bulk_create(
        CourseSession(
            settlement=settlement,
            course=course,
            date=starts.date() + dt.timedelta(days=7 * week),
            starts_at=starts + dt.timedelta(days=7 * week),
            ends_at=starts + dt.timedelta(days=7 * week, hours=1),
        )
        for course in courses
        for week in range(2)
    )
    ClassRegistration.objects.bulk_create(
        (
            ClassRegistration(
                settlement=settlement,
                course=courses[n % len(courses)],
                name=f"Parent {n}",
                email=f"p{n}@example.org",
                language="en",
                resident=person,
                status=SignupStatus.CONFIRMED,
                created_at=MONDAY - dt.timedelta(days=7),
            )
            for n, person in enumerate(_people(settlement, size))
        ),
        batch_size=1000,
    )
    with scope(settlement=settlement.pk):
        return [
            measure(CLASSES, size, "messages", lambda: class_reminders_queue(settlement=settlement))
        ]
