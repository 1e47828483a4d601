"""The event row keeps its own rules: ends after it starts, no negative money, one event
per holiday suggestion in a settlement."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django_scopes import scope

from events.models import Event
from tests import factories

pytestmark = pytest.mark.django_db


def test_an_event_reads_its_first_title(settlement):
    event = factories.EventFactory(committee=None, settlement=settlement, title={"he": "חנוכה"})
    with scope(settlement=settlement.pk):
        assert str(Event.objects.get(pk=event.pk)) == "חנוכה"


@pytest.mark.parametrize(
    "fields",
    [
        {"ends_at": dt.datetime(2026, 11, 30, 16, 0, tzinfo=dt.UTC)},
        {"planned_cost": Decimal("-1")},
        {"actual_income": Decimal("-0.01")},
    ],
)
def test_the_database_refuses_impossible_events(settlement, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.EventFactory(committee=None, settlement=settlement, **fields)


def test_one_event_per_holiday_and_settlement(settlement, other_settlement):
    factories.EventFactory(committee=None, settlement=settlement, holiday_key="2026:purim")
    factories.EventFactory(committee=None, settlement=other_settlement, holiday_key="2026:purim")
    factories.EventFactory(committee=None, settlement=settlement)  # no key: any number
    factories.EventFactory(committee=None, settlement=settlement)
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.EventFactory(committee=None, settlement=settlement, holiday_key="2026:purim")
