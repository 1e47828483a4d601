"""The calendar feed: iCalendar of the settlement's published (and cancelled) events from
30 days ago on, with local times, the settlement's TZID and its VTIMEZONE."""

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse

from events.models import Event
from tests import factories

pytestmark = pytest.mark.django_db

NOW = factories.FIXED_NOW


def _event(settlement, **kwargs):
    return factories.EventFactory(settlement=settlement, committee=None, **kwargs)


def _local(zone: str, *args: int) -> dt.datetime:
    year, month, day, hour, minute = args
    return dt.datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(zone)).astimezone(dt.UTC)


def _feed(client, slug: str) -> icalendar.Calendar:
    response = client.get(reverse("calendar:feed", kwargs={"slug": slug}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def _events(calendar: icalendar.Calendar) -> dict[str, Any]:
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


@pytest.mark.parametrize(
    ("zone", "before", "after"),
    [
        # Slovenia moves its clocks on the last Sunday of March.
        ("Europe/Ljubljana", (2027, 3, 27), (2027, 3, 28)),
        # Israel on the Friday before it.
        ("Asia/Jerusalem", (2027, 3, 25), (2027, 3, 26)),
    ],
)
def test_local_times_across_clock_change(client, zone, before, after):
    village = factories.SettlementFactory(slug="village", time_zone=zone)
    first = _event(village, starts_at=_local(zone, *before, 18, 0), ends_at=None)
    second = _event(
        village, starts_at=_local(zone, *after, 18, 0), ends_at=_local(zone, *after, 20, 30)
    )
    calendar = _feed(client, "village")
    found = _events(calendar)
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == [zone]
    for event, day in ((first, before), (second, after)):
        entry = found[f"event-{event.pk}@village"]
        assert entry["dtstart"].params["TZID"] == zone
        start = entry.decoded("dtstart")
        assert (start.year, start.month, start.day, start.hour, start.minute) == (*day, 18, 0)
        assert start.astimezone(dt.UTC) == event.starts_at
        assert "TZID=" + zone in entry.to_ical().decode()
    # Offsets differ across the change: the same local hour is a different UTC hour.
    assert first.starts_at.hour != second.starts_at.hour
    end = found[f"event-{second.pk}@village"].decoded("dtend")
    assert (end.hour, end.minute) == (20, 30)


def test_contents_and_what_is_left_out(client, other_settlement):
    village = factories.SettlementFactory(slug="village", time_zone="Europe/Ljubljana")
    shown = _event(
        village, title={"en": "Concert"}, description={"en": "Bring a chair"}, place="Hall"
    )
    cancelled = _event(village, status=Event.Status.CANCELLED)
    recent = _event(village, starts_at=NOW - dt.timedelta(days=29), ends_at=None)
    old = _event(village, starts_at=NOW - dt.timedelta(days=31), ends_at=None)
    draft = _event(village, status=Event.Status.DRAFT)
    elsewhere = _event(other_settlement)
    found = _events(_feed(client, "village"))
    assert set(found) == {f"event-{e.pk}@village" for e in (shown, cancelled, recent)}
    entry = found[f"event-{shown.pk}@village"]
    assert str(entry["summary"]) == "Concert"
    assert str(entry["description"]) == "Bring a chair"
    assert str(entry["location"]) == "Hall"
    assert str(found[f"event-{cancelled.pk}@village"]["status"]) == "CANCELLED"
    assert str(entry["status"]) == "CONFIRMED"
    for absent in (old, draft, elsewhere):
        assert f"event-{absent.pk}@village" not in found


def test_uid_is_stable(client):
    village = factories.SettlementFactory(slug="village")
    event = _event(village)
    first = set(_events(_feed(client, "village")))
    event.title = {"en": "Renamed"}
    event.save()
    assert set(_events(_feed(client, "village"))) == first == {f"event-{event.pk}@village"}


def test_unknown_slug_is_404(client, db):
    assert client.get(reverse("calendar:feed", kwargs={"slug": "nowhere"})).status_code == 404


def test_empty_feed_is_valid(client):
    factories.SettlementFactory(slug="village", time_zone="Asia/Jerusalem")
    assert _events(_feed(client, "village")) == {}


@pytest.mark.parametrize("count", [3, 50])
def test_query_count_is_fixed(client, django_assert_num_queries, count):
    village = factories.SettlementFactory(slug="village", time_zone="Asia/Jerusalem")
    for n in range(count):
        _event(village, starts_at=NOW + dt.timedelta(days=n + 1), ends_at=None)
    with django_assert_num_queries(2):
        calendar = _feed(client, "village")
    assert len(_events(calendar)) == count
