"""The round birthdays and arrivals of the coordinator's "due this week": the provider asks
for the exact birth dates of a round birthday on each day of the week (one query, on the
index of settlement and birth date), so the dates at the edges are checked here: across
the new year and on 29 February."""

import datetime as dt

import pytest
from django_scopes import scope

from coordinator.providers import registry_due
from tests import factories


def due(settlement, start: dt.date) -> list[tuple[dt.date, str]]:
    with scope(settlement=settlement.pk):
        items = registry_due(settlement, start, start + dt.timedelta(days=6))
    return sorted((item.day, str(item.title)) for item in items)


@pytest.mark.django_db
def test_round_birthdays_across_the_new_year():
    settlement = factories.SettlementFactory.create()
    born = {
        "Eve Thirty": dt.date(1996, 12, 31),  # 30 on the week's first day
        "New Forty": dt.date(1987, 1, 2),  # 40 in the new year
        "Not Round": dt.date(1985, 1, 1),  # 42
        "Next Week": dt.date(1977, 1, 9),  # 50, a day too late
    }
    for name, day in born.items():
        first, last = name.split()
        factories.ResidentFactory.create(
            settlement=settlement, first_name=first, last_name=last, birth_date=day
        )
    assert due(settlement, dt.date(2026, 12, 31)) == [
        (dt.date(2026, 12, 31), "Eve Thirty turns 30"),
        (dt.date(2027, 1, 2), "New Forty turns 40"),
    ]


@pytest.mark.django_db
def test_a_birthday_on_29_february_is_greeted_only_on_29_february():
    settlement = factories.SettlementFactory.create()
    factories.ResidentFactory.create(
        settlement=settlement, first_name="Leap", last_name="Day", birth_date=dt.date(1980, 2, 29)
    )
    # 2030 has no 29 February: nobody turns 50 that week.
    assert due(settlement, dt.date(2030, 2, 25)) == []
    # 2040 has one: 60 on the day.
    assert due(settlement, dt.date(2040, 2, 26)) == [(dt.date(2040, 2, 29), "Leap Day turns 60")]


@pytest.mark.django_db
def test_an_arrival_and_a_round_birthday_of_the_same_resident():
    settlement = factories.SettlementFactory.create()
    factories.ResidentFactory.create(
        settlement=settlement,
        first_name="Both",
        last_name="Things",
        birth_date=dt.date(2008, 6, 3),
        arrival_date=dt.date(2026, 6, 1),
    )
    assert due(settlement, dt.date(2026, 6, 1)) == [
        (dt.date(2026, 6, 1), "Both Things arrives: welcome them"),
        (dt.date(2026, 6, 3), "Both Things turns 18"),
    ]
