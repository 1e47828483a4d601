"""The public calendar: no login, the settlement's upcoming published events only, texts in
the visitor's language, times on the settlement's clocks, nothing personal."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from events.models import Event
from tests import factories

pytestmark = pytest.mark.django_db

NOW = factories.FIXED_NOW


def _event(settlement, **kwargs):
    return factories.EventFactory(settlement=settlement, committee=None, **kwargs)


@pytest.fixture
def village(db):
    return factories.SettlementFactory(slug="village", time_zone="Europe/Ljubljana", language="sl")


def test_unknown_slug_is_404(client, village):
    assert client.get(reverse("calendar:events", kwargs={"slug": "nowhere"})).status_code == 404


def test_lists_upcoming_published_events_only(client, village, other_settlement):
    _event(village, title={"en": "Harvest fair"})
    _event(village, title={"en": "Secret draft"}, status=Event.Status.DRAFT)
    _event(village, title={"en": "Called off"}, status=Event.Status.CANCELLED)
    _event(
        village,
        title={"en": "Last week"},
        starts_at=NOW - dt.timedelta(days=7),
        ends_at=NOW - dt.timedelta(days=7, hours=-2),
    )
    _event(other_settlement, title={"en": "Elsewhere"})
    response = client.get(reverse("calendar:events", kwargs={"slug": "village"}))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Harvest fair" in body
    for hidden in ("Secret draft", "Called off", "Last week", "Elsewhere"):
        assert hidden not in body


def test_event_under_way_is_still_listed(client, village):
    _event(
        village,
        title={"en": "Running now"},
        starts_at=NOW - dt.timedelta(hours=1),
        ends_at=NOW + dt.timedelta(hours=1),
    )
    body = client.get(reverse("calendar:events", kwargs={"slug": "village"})).content.decode()
    assert "Running now" in body


def test_visitor_language_and_fallback(client, village):
    """The settlement's language unless the link asks for another (?lang=): a link shared in
    the settlement's group opens in its language whatever the phone says."""
    _event(village, title={"sl": "Kres", "en": "Bonfire"})
    _event(village, title={"sl": "Samo slovensko"})
    url = reverse("calendar:events", kwargs={"slug": "village"})
    body = client.get(url, {"lang": "en"}).content.decode()
    assert "Bonfire" in body and "Kres" not in body
    assert "Samo slovensko" in body
    body = client.get(url, headers={"accept-language": "en"}).content.decode()
    assert "Kres" in body and 'lang="sl"' in body


def test_times_in_settlement_zone(client, village):
    # 17:00 UTC on 30 Nov is 18:00 in Ljubljana.
    _event(village, starts_at=dt.datetime(2026, 11, 30, 17, 0, tzinfo=dt.UTC), ends_at=None)
    body = client.get(reverse("calendar:events", kwargs={"slug": "village"})).content.decode()
    assert "18:00" in body and "17:00" not in body


def test_nothing_personal_and_subscribe_link(client, village):
    chair = factories.member(village, "chair", username="chairperson")
    committee = factories.CommitteeFactory(settlement=village)
    factories.EventFactory(
        committee=committee, planned_cost=Decimal("1234.56"), title={"en": "Concert"}
    )
    url = reverse("calendar:events", kwargs={"slug": "village"})
    body = client.get(url, {"lang": "en"}).content.decode()
    assert "Concert" in body
    assert "1234" not in body and chair.last_name not in body
    assert "/p/village/calendar.ics" in body
    assert "webcal://" in body
    assert "Subscribe to the calendar" in body


def test_public_event_page(client, village):
    event = _event(village, title={"en": "Concert"}, description={"en": "Bring a chair"})
    response = client.get(reverse("calendar:event", kwargs={"slug": "village", "pk": event.pk}))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Concert" in body and "Bring a chair" in body
    assert f"/p/village/events/{event.pk}/" in body  # the share text carries the link


@pytest.mark.parametrize("status", [Event.Status.DRAFT, Event.Status.CANCELLED])
def test_unpublished_event_is_404(client, village, status):
    event = _event(village, status=status)
    url = reverse("calendar:event", kwargs={"slug": "village", "pk": event.pk})
    assert client.get(url).status_code == 404


def test_event_of_another_settlement_is_404(client, village, other_settlement):
    event = _event(other_settlement)
    url = reverse("calendar:event", kwargs={"slug": "village", "pk": event.pk})
    assert client.get(url).status_code == 404


def test_post_is_not_allowed(client, village):
    assert client.post(reverse("calendar:events", kwargs={"slug": "village"})).status_code == 405


@pytest.mark.parametrize("count", [3, 50])
def test_query_count_is_fixed(client, village, django_assert_num_queries, count):
    for n in range(count):
        _event(village, starts_at=NOW + dt.timedelta(days=n + 1), ends_at=None)
    url = reverse("calendar:events", kwargs={"slug": "village"})
    with django_assert_num_queries(2):
        response = client.get(url)
    assert response.content.decode().count("card-title") == count
