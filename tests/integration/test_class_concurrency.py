"""Two residents taking the last place of a class at the same moment, on PostgreSQL: each
in a thread with its own connection, released together by a barrier. Exactly one gets the
place and the other waits; a cancellation racing a registration leaves no place empty
while someone waits. (Without the lock on the class row in ``events.services_classes``,
both would read nine places taken and both would get the tenth.)"""

from collections.abc import Callable
from typing import Any

import pytest
from django.db.models import Sum
from django_scopes import scopes_disabled

from events import services_classes as services
from events.models_classes import ClassRegistration
from events.services_classes import ContactData, ParticipantData
from tests import factories

from .conftest import NEEDS_POSTGRES
from .race import race

pytestmark = [NEEDS_POSTGRES, pytest.mark.django_db(transaction=True)]

ROUNDS = 5


def register(course: Any, who: str) -> Callable[[], str]:
    def job() -> str:
        registration, _token = services.class_register(
            course=course,
            contact=ContactData(name=who, email=f"{who}@example.org", language="en"),
            participants=[ParticipantData(name=f"{who}'s child", age_group="children")],
        )
        return registration.status

    return job


def course_with_places_taken(settlement: Any, taken: int) -> tuple[Any, list[Any]]:
    committee = factories.CommitteeFactory(settlement=settlement)
    course = factories.CourseFactory(committee=committee, capacity=10, min_participants=1)
    rows = [
        factories.ClassRegistrationFactory(course=course, places=1, status="confirmed")
        for _n in range(taken)
    ]
    return course, rows


def confirmed_places(course: Any) -> int:
    with scopes_disabled():
        total = ClassRegistration.objects.filter(course=course, status="confirmed").aggregate(
            n=Sum("places")
        )["n"]
    return int(total or 0)


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_two_take_the_last_place_one_gets_it(round_):
    settlement = factories.SettlementFactory()
    course, _rows = course_with_places_taken(settlement, 9)
    results = race(settlement.pk, register(course, "ana"), register(course, "ben"))
    assert sorted(results) == ["confirmed", "waiting"], results
    assert confirmed_places(course) == 10
    with scopes_disabled():
        assert ClassRegistration.objects.filter(course=course, status="waiting").count() == 1


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_a_cancellation_racing_a_registration_leaves_no_empty_place(round_):
    """Whichever comes first, the newcomer ends with the freed place: registered at once
    when the cancellation came first, moved up by it when the registration came first."""
    settlement = factories.SettlementFactory()
    course, rows = course_with_places_taken(settlement, 10)
    leaving = rows[0]

    def cancel() -> list[int]:
        return [row.pk for row in services.class_registration_cancel(registration=leaving)]

    promoted, status = race(settlement.pk, cancel, register(course, "cleo"))
    assert not isinstance(promoted, Exception), promoted
    assert status in ("confirmed", "waiting"), status
    with scopes_disabled():
        newcomer = ClassRegistration.objects.get(course=course, name="cleo")
    assert newcomer.status == "confirmed"
    assert (status == "waiting") == (promoted == [newcomer.pk])
    assert confirmed_places(course) == 10
