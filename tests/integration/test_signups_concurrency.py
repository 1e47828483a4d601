"""Two people taking the last place at an event at the same moment, on PostgreSQL: each in
a thread with its own connection. Exactly one gets the place, the other is wait-listed;
the same for the last place of a volunteer shift. (Without the row locks in
``events.services_signups`` both would read the place as free.) And the crowd of issue 10:
200 sign-ups for 50 places from 20 clients at once."""

import datetime as dt
import itertools
import threading
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from coordinator import clock
from events import services_shifts as shift_services
from events import services_signups as services
from events.models import Event, EventRegistration, ShiftSignup
from events.models_signups import SignupStatus
from events.selectors_signups import waiting_place
from events.signups import ContactData
from messaging.models import Message
from tests import factories

from .conftest import NEEDS_POSTGRES
from .race import race

pytestmark = [NEEDS_POSTGRES, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("round_", range(3))
def test_two_take_the_last_place_one_is_wait_listed(round_):
    settlement = factories.SettlementFactory()
    committee = factories.CommitteeFactory(settlement=settlement)
    event = factories.EventFactory(committee=committee, signup_open=True, capacity=5)
    factories.EventRegistrationFactory.create_batch(4, event=event)

    def sign(who: str) -> Callable[[], str]:
        def job() -> str:
            row, _token = services.event_signup(
                event=event, contact=ContactData(name=who, email=f"{who}@example.org"), seats=1
            )
            return row.status

        return job

    results = race(settlement.pk, sign("ana"), sign("ben"))
    assert sorted(results) == ["confirmed", "waiting"], results
    with scopes_disabled():
        assert EventRegistration.objects.filter(event=event, status="confirmed").count() == 5


def test_two_take_the_last_shift_place_one_is_refused():
    settlement = factories.SettlementFactory()
    committee = factories.CommitteeFactory(settlement=settlement)
    shift = factories.VolunteerShiftFactory(event__committee=committee, needed=1)

    def take(who: str) -> Callable[[], str]:
        def job() -> str:
            shift_services.shift_take(shift=shift, contact=ContactData(name=who))
            return "taken"

        return job

    results = race(settlement.pk, take("ana"), take("ben"))
    assert sorted(map(type, results), key=str) == sorted([str, ValidationError], key=str)
    with scopes_disabled():
        assert ShiftSignup.objects.filter(shift=shift).count() == 1


CLIENTS, EACH, PLACES = 20, 10, 50


def _through_service(event: Event) -> Callable[[str], str]:
    def sign(who: str) -> str:
        row, _token = services.event_signup(
            event=event, contact=ContactData(name=who, email=f"{who}@example.org"), seats=1
        )
        return str(row.status)

    return sign


def _through_page(event: Event) -> Callable[[str], str]:
    url = reverse("calendar:event_signup", kwargs={"slug": event.settlement.slug, "pk": event.pk})
    local = threading.local()

    def sign(who: str) -> str:
        if not hasattr(local, "client"):
            local.client = Client()  # one browser per thread
        response = local.client.post(url, {"name": who, "email": f"{who}@example.org", "seats": 1})
        assert response.status_code == 302, response.status_code
        return "signed up"

    return sign


@pytest.fixture
def ticking_clock(monkeypatch):
    """A clock a microsecond later at each reading, so the time a sign-up records shows
    when it read the clock (before or after it waited for the event's lock)."""
    ticks = itertools.count()
    monkeypatch.setattr(
        clock, "now", lambda: factories.FIXED_NOW + dt.timedelta(microseconds=next(ticks))
    )


@pytest.mark.parametrize("through", [_through_service, _through_page], ids=["service", "page"])
def test_200_sign_ups_for_50_places_from_20_clients(through, ticking_clock):
    """Issue 10: exactly 50 get a place and 150 wait, numbered 1..150 in the order they came
    (the order the event's lock let them in), with no deadlock and no error; each gets one
    message. Through the service, and through the public sign-up page."""
    settlement = factories.SettlementFactory()
    committee = factories.CommitteeFactory(settlement=settlement)
    event = factories.EventFactory(committee=committee, signup_open=True, capacity=PLACES)
    sign = through(event)

    def client(number: int) -> Callable[[], list[object]]:
        def job() -> list[object]:
            outcomes: list[object] = []
            for n in range(EACH):
                try:
                    outcomes.append(sign(f"c{number}-{n}"))
                except Exception as error:  # each one counted, the others go on
                    outcomes.append(error)
            return outcomes

        return job

    results = race(settlement.pk, *(client(number) for number in range(CLIENTS)))
    outcomes = [outcome for result in results for outcome in result]
    errors = [outcome for outcome in outcomes if not isinstance(outcome, str)]
    assert not errors, errors[:3]
    assert len(outcomes) == CLIENTS * EACH
    with scopes_disabled():
        rows = list(EventRegistration.objects.filter(event=event).order_by("pk"))
        confirmed = [row for row in rows if row.status == SignupStatus.CONFIRMED]
        waiting = [row for row in rows if row.status == SignupStatus.WAITING]
        assert (len(rows), len(confirmed), len(waiting)) == (200, 50, 150)
        assert sum(row.seats for row in confirmed) == PLACES
        # First come, first served: every place went before anyone waited.
        assert max(row.pk for row in confirmed) < min(row.pk for row in waiting)
        # The waiting list is 1..150 in the order they came: no gap, no two alike.
        assert [waiting_place(row) for row in waiting] == list(range(1, len(waiting) + 1))
        signup_messages = Message.objects.filter(
            settlement=settlement, kind="events.signup"
        ).values_list("dedupe_key", flat=True)
        assert sorted(signup_messages) == sorted(f"event-signup:{row.pk}" for row in rows)
