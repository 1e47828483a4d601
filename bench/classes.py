"""The classes programme at size: registrations through the service (each under the class
row's lock) per second, with the queries each takes; and the public list of open classes
and the staff list at N classes, with their time and queries. The queries per registration
and per page must stay flat as N grows."""

import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope

from coordinator.models import Role
from events.services_classes import ParticipantData, class_register
from events.signups import ContactData
from tests import factories


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
    with scope(settlement=settlement.pk), CaptureQueriesContext(connection) as registering:
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
        "queries/registration": len(registering) / registrations,
        "public page ms": public_ms,
        "public page queries": len(public_queries),
        "staff list ms": list_ms,
        "staff list queries": len(list_queries),
    }


def run(sizes: list[int]) -> None:
    print("Classes: registrations and the lists at size")
    for size in sizes:
        row = classes_once(max(1, size // 100))
        print("  " + ", ".join(f"{key} {value:g}" for key, value in row.items()))
