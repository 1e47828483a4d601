"""The calendar's week view: events and class sessions by day, in the settlement's week."""

import datetime as dt

import pytest
from django.urls import reverse

from events import selectors
from tests import factories


@pytest.fixture
def culture(settlement, chair):
    return factories.CommitteeFactory(settlement=settlement, name="Culture", chairs=[chair])


def at(day: int, hour: int = 17) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, tzinfo=dt.UTC)


def test_week_starts_on_monday_or_on_sunday_in_hebrew(settlement):
    wednesday = dt.date(2026, 11, 25)
    assert selectors.week_start(settlement, wednesday) == dt.date(2026, 11, 23)
    settlement.language = "he"
    assert selectors.week_start(settlement, wednesday) == dt.date(2026, 11, 22)
    assert selectors.week_start(settlement, dt.date(2026, 11, 22)) == dt.date(2026, 11, 22)


def test_week_shows_events_and_sessions_by_day(client, settlement, culture, coordinator):
    factories.EventFactory(committee=culture, title={"en": "Lantern walk"}, starts_at=at(24))
    factories.EventFactory(committee=culture, title={"en": "Harvest fair"}, starts_at=at(30))
    course = factories.CourseFactory(committee=culture, title={"en": "Chess club"})
    factories.CourseSessionFactory(
        course=course, date=dt.date(2026, 11, 26), starts_at=at(26, 15), ends_at=at(26, 16)
    )
    factories.CourseSessionFactory(
        course=course,
        date=dt.date(2026, 11, 27),
        starts_at=at(27, 15),
        ends_at=at(27, 16),
        status="skipped",
    )
    cancelled = factories.CourseFactory(
        committee=culture, title={"en": "Cancelled pottery"}, status="cancelled"
    )
    factories.CourseSessionFactory(
        course=cancelled, date=dt.date(2026, 11, 25), starts_at=at(25, 15), ends_at=at(25, 16)
    )
    client.force_login(coordinator)
    response = client.get(reverse("events:calendar"), {"view": "week", "week": "2026-11-25"})
    assert response.status_code == 200
    days = response.context["days"]
    assert [d.date for d in days][0] == dt.date(2026, 11, 23)
    assert len(days) == 7
    by_day = {d.date.day: d for d in days}
    assert [e.label for e in by_day[24].events] == ["Lantern walk"]
    assert [s.label for s in by_day[26].sessions] == ["Chess club"]
    assert not by_day[27].sessions and not by_day[25].sessions
    html = response.content.decode()
    assert "Lantern walk" in html and "Chess club" in html
    assert "Harvest fair" not in html and "Cancelled pottery" not in html
    assert 'href="?view=week&amp;week=2026-11-16' in html
    assert 'href="?view=week&amp;week=2026-11-30' in html
    assert 'aria-current="page" href="?view=week' in html


def test_week_defaults_to_this_week_and_ignores_a_bad_date(client, settlement, coordinator):
    client.force_login(coordinator)
    for week in ("", "not-a-date", "2026-02-30"):
        response = client.get(reverse("events:calendar"), {"view": "week", "week": week})
        assert response.status_code == 200
        assert response.context["week_start"] == dt.date(2026, 11, 23)
        assert response.context["days"][0].is_today


def test_week_filters_apply_to_sessions(client, settlement, culture, coordinator):
    kids = factories.CourseFactory(committee=culture, title={"en": "Kids"}, age_group="children")
    seniors = factories.CourseFactory(
        committee=culture, title={"en": "Seniors"}, age_group="seniors"
    )
    for course in (kids, seniors):
        factories.CourseSessionFactory(
            course=course, date=dt.date(2026, 11, 24), starts_at=at(24, 15), ends_at=at(24, 16)
        )
    client.force_login(coordinator)
    url = reverse("events:calendar")
    response = client.get(url, {"view": "week", "age_group": "seniors"})
    assert [s.label for d in response.context["days"] for s in d.sessions] == ["Seniors"]
    response = client.get(url, {"view": "week", "kind": "culture"})
    assert not [s for d in response.context["days"] for s in d.sessions]


def test_week_of_a_hebrew_settlement_in_its_zone(client, settlement, culture, coordinator):
    settlement.language = "he"
    settlement.time_zone = "Asia/Jerusalem"
    settlement.save()
    # 23:30 UTC on Saturday 28 November is Sunday 29 November in Jerusalem: next week.
    factories.EventFactory(
        committee=culture, title={"en": "Late"}, starts_at=at(28, 23).replace(minute=30)
    )
    client.force_login(coordinator)
    response = client.get(reverse("events:calendar"), {"view": "week", "week": "2026-11-24"})
    days = response.context["days"]
    assert days[0].date == dt.date(2026, 11, 22)  # a Sunday
    assert not [e for d in days for e in d.events]
    response = client.get(reverse("events:calendar"), {"view": "week", "week": "2026-11-29"})
    assert [e.label for e in response.context["days"][0].events] == ["Late"]


def test_week_of_another_settlement_shows_nothing_of_it(
    client, settlement, other_settlement, coordinator
):
    other = factories.CommitteeFactory(settlement=other_settlement)
    factories.EventFactory(committee=other, title={"en": "Elsewhere"}, starts_at=at(24))
    course = factories.CourseFactory(committee=other, title={"en": "Far class"})
    factories.CourseSessionFactory(
        course=course, date=dt.date(2026, 11, 24), starts_at=at(24, 15), ends_at=at(24, 16)
    )
    client.force_login(coordinator)
    response = client.get(reverse("events:calendar"), {"view": "week"})
    html = response.content.decode()
    assert "Elsewhere" not in html and "Far class" not in html


def test_sessions_link_only_for_the_coordinator(client, settlement, culture, chair, coordinator):
    course = factories.CourseFactory(committee=culture, title={"en": "Chess club"})
    session = factories.CourseSessionFactory(
        course=course, date=dt.date(2026, 11, 24), starts_at=at(24, 15), ends_at=at(24, 16)
    )
    link = reverse("classes:session", args=[session.pk])
    client.force_login(chair)
    html = client.get(reverse("events:calendar"), {"view": "week"}).content.decode()
    assert "Chess club" in html and link not in html
    client.force_login(coordinator)
    html = client.get(reverse("events:calendar"), {"view": "week"}).content.decode()
    assert link in html


def make_week(committee, count: int) -> None:
    for n in range(count):
        factories.EventFactory(
            committee=committee,
            status="draft" if n % 3 == 0 else "published",
            starts_at=at(23 + n % 7),
        )
        course = factories.CourseFactory(committee=committee)
        factories.CourseSessionFactory(
            course=course,
            date=dt.date(2026, 11, 23 + n % 7),
            starts_at=at(23 + n % 7, 15),
            ends_at=at(23 + n % 7, 16),
        )


@pytest.mark.parametrize("who", ["coordinator", "chair"])
@pytest.mark.parametrize("params", [{}, {"age_group": "children"}])
def test_week_queries_are_fixed(
    client, settlement, culture, coordinator, chair, django_assert_num_queries, who, params
):
    client.force_login(coordinator if who == "coordinator" else chair)
    url = reverse("events:calendar")
    params = {"view": "week", "week": "2026-11-25", **params}
    expected = 5  # session, user, membership; the events; the sessions
    for size in (2, 30):
        make_week(culture, size)
        client.get(url, params)
        with django_assert_num_queries(expected):
            response = client.get(url, params)
        assert response.status_code == 200
        assert sum(len(d.sessions) for d in response.context["days"]) >= size
