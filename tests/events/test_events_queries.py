"""The calendar and an event's page run the same number of queries whatever the data."""

import datetime as dt

import pytest
from django.urls import reverse

from tests import factories


@pytest.fixture
def culture(settlement, chair):
    return factories.CommitteeFactory(settlement=settlement, name="Culture", chairs=[chair])


def make_events(committee, count: int) -> None:
    for n in range(count):
        factories.EventFactory(
            committee=committee,
            title={"en": f"Event {n}"},
            status="draft" if n % 3 == 0 else "published",
            age_groups=["children"] if n % 2 else [],
            starts_at=dt.datetime(2026, 12, 1 + n % 28, 17, tzinfo=dt.UTC),
            ends_at=None,
        )


def count_queries(client, django_assert_max_num_queries, url, params) -> int:
    client.get(url, params)  # warm the session and caches
    with django_assert_max_num_queries(12) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "params",
    [{}, {"kind": "culture", "age_group": "children"}, {"view": "month", "month": "2026-12"}],
)
@pytest.mark.parametrize("who", ["coordinator", "chair"])
def test_calendar_queries_do_not_grow(
    client, settlement, culture, coordinator, chair, django_assert_max_num_queries, params, who
):
    client.force_login(coordinator if who == "coordinator" else chair)
    url = reverse("events:calendar")
    make_events(culture, 2)
    small = count_queries(client, django_assert_max_num_queries, url, params)
    make_events(culture, 30)
    large = count_queries(client, django_assert_max_num_queries, url, params)
    assert small == large


@pytest.mark.parametrize("who", ["coordinator", "chair"])
def test_detail_queries_are_fixed(
    client, settlement, culture, coordinator, chair, django_assert_max_num_queries, who
):
    client.force_login(coordinator if who == "coordinator" else chair)
    make_events(culture, 1)
    event = factories.EventFactory(committee=culture)
    url = reverse("events:detail", args=[event.pk])
    first = count_queries(client, django_assert_max_num_queries, url, {})
    make_events(culture, 20)
    assert count_queries(client, django_assert_max_num_queries, url, {}) == first
