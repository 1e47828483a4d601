"""Two people taking the last place at an event at the same moment, on PostgreSQL: each in
a thread with its own connection. Exactly one gets the place, the other is wait-listed;
the same for the last place of a volunteer shift. (Without the row locks in
``events.services_signups`` both would read the place as free.)"""

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scopes_disabled

from events import services_shifts as shift_services
from events import services_signups as services
from events.models import EventRegistration, ShiftSignup
from events.signups import ContactData
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
