"""The coordinator's home panel of events and classes: this week, classes short of their
minimum, shifts still unfilled; one query whatever the data."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.selectors_home import events_home
from tests import factories

NOW = factories.FIXED_NOW  # Monday 23 November 2026, 10:00 UTC


def at(day: int, hour: int = 17, month: int = 11) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, tzinfo=dt.UTC)


@pytest.fixture
def committee(settlement):
    return factories.CommitteeFactory(settlement=settlement)


def session_of(course, start):
    return factories.CourseSessionFactory(
        course=course, date=start.date(), starts_at=start, ends_at=start + dt.timedelta(hours=1)
    )


def test_this_week_has_events_and_sessions_from_today(settlement, committee, unscoped):
    factories.EventFactory(
        ends_at=None, committee=committee, title={"en": "Earlier today"}, starts_at=at(23, 6)
    )
    factories.EventFactory(
        ends_at=None, committee=committee, title={"en": "Yesterday"}, starts_at=at(22)
    )
    factories.EventFactory(
        ends_at=None, committee=committee, title={"en": "Sunday"}, starts_at=at(29)
    )
    factories.EventFactory(
        ends_at=None, committee=committee, title={"en": "In eight days"}, starts_at=at(1, month=12)
    )
    factories.EventFactory(
        ends_at=None, committee=committee, title={"en": "Off"}, starts_at=at(24), status="cancelled"
    )
    factories.EventFactory(
        ends_at=None, committee=committee, title={"en": "Draft"}, starts_at=at(24), status="draft"
    )
    chess = factories.CourseFactory(committee=committee, title={"en": "Chess"}, min_participants=0)
    session_of(chess, at(25, 15))
    skipped = session_of(chess, at(26, 15))
    skipped.status = "skipped"
    skipped.save()
    gone = factories.CourseFactory(committee=committee, status="cancelled", min_participants=0)
    session_of(gone, at(25, 16))
    home = events_home(settlement=settlement, now=NOW)
    titles = [(r.kind, r.title["en"]) for r in home.week.rows]
    assert titles == [
        ("event", "Earlier today"),
        ("event", "Draft"),
        ("session", "Chess"),
        ("event", "Sunday"),
    ]
    assert home.week.rows[2].parent == chess.pk


def test_classes_short_of_their_minimum(settlement, committee, unscoped):
    short = factories.CourseFactory(
        committee=committee,
        title={"en": "Short"},
        min_participants=3,
        starts_on=dt.date(2026, 12, 1),
    )
    factories.ClassRegistrationFactory(course=short, places=2)
    factories.ClassRegistrationFactory(course=short, places=4, status="waiting")
    enough = factories.CourseFactory(
        committee=committee, title={"en": "Enough"}, min_participants=2
    )
    factories.ClassRegistrationFactory(course=enough, places=2)
    factories.CourseFactory(
        committee=committee,
        title={"en": "Later"},
        min_participants=3,
        starts_on=dt.date(2027, 1, 5),
    )
    factories.CourseFactory(
        committee=committee, title={"en": "Planned"}, min_participants=3, status="planned"
    )
    factories.CourseFactory(
        committee=committee,
        title={"en": "Running"},
        min_participants=3,
        starts_on=dt.date(2026, 10, 1),
        ends_on=dt.date(2027, 5, 1),
    )
    factories.CourseFactory(
        committee=committee,
        title={"en": "Over"},
        min_participants=3,
        starts_on=dt.date(2026, 9, 1),
        ends_on=dt.date(2026, 11, 1),
    )
    home = events_home(settlement=settlement, now=NOW)
    rows = {r.title["en"]: r for r in home.short.rows}
    assert set(rows) == {"Short", "Running"}
    assert (rows["Short"].have, rows["Short"].need) == (2, 3)
    assert rows["Short"].day == dt.date(2026, 12, 1)


def test_shifts_still_unfilled(settlement, committee, unscoped):
    soon = factories.EventFactory(
        ends_at=None, committee=committee, title={"en": "Fair"}, starts_at=at(28)
    )
    door = factories.VolunteerShiftFactory(event=soon, role="Door", needed=2)
    factories.ShiftSignupFactory(shift=door)
    factories.ShiftSignupFactory(shift=door, cancelled_at=NOW)
    kitchen = factories.VolunteerShiftFactory(event=soon, role="Kitchen", needed=1)
    factories.ShiftSignupFactory(shift=kitchen)
    far = factories.EventFactory(ends_at=None, committee=committee, starts_at=at(20, month=12))
    factories.VolunteerShiftFactory(event=far, role="Later")
    draft = factories.EventFactory(
        ends_at=None, committee=committee, starts_at=at(27), status="draft"
    )
    factories.VolunteerShiftFactory(event=draft, role="Draft shift")
    home = events_home(settlement=settlement, now=NOW)
    assert [(r.role, r.have, r.need, r.parent) for r in home.unfilled.rows] == [
        ("Door", 1, 2, soon.pk)
    ]


def test_nothing_of_another_settlement(settlement, other_settlement, unscoped):
    other = factories.CommitteeFactory(settlement=other_settlement)
    event = factories.EventFactory(ends_at=None, committee=other, starts_at=at(24))
    factories.VolunteerShiftFactory(event=event)
    course = factories.CourseFactory(committee=other)
    session_of(course, at(24, 15))
    home = events_home(settlement=settlement, now=NOW)
    assert not home.week.rows and not home.short.rows and not home.unfilled.rows


def test_the_panel_on_the_coordinators_home(client, settlement, committee, coordinator, chair):
    event = factories.EventFactory(
        ends_at=None, committee=committee, title={"en": "Lantern walk"}, starts_at=at(25)
    )
    factories.VolunteerShiftFactory(event=event, role="Door")
    course = factories.CourseFactory(committee=committee, title={"en": "Chess"})
    session = session_of(course, at(24, 15))
    client.force_login(coordinator)
    html = client.get(reverse("home")).content.decode()
    assert "Classes short of their minimum" in html
    assert reverse("events:detail", args=[event.pk]) in html
    assert reverse("classes:session", args=[session.pk]) in html
    assert reverse("classes:detail", args=[course.pk]) in html
    assert reverse("events:shifts", args=[event.pk]) in html
    assert "0 of at least 5 signed up" in html and "0 of 2 volunteers" in html
    client.force_login(chair)
    assert "Classes short of their minimum" not in client.get(reverse("home")).content.decode()


def test_the_panel_is_one_query_and_shows_a_few(settlement, committee, unscoped):
    def grow(count):
        for n in range(count):
            event = factories.EventFactory(
                ends_at=None, committee=committee, starts_at=at(24 + n % 5)
            )
            factories.VolunteerShiftFactory(event=event)
            course = factories.CourseFactory(committee=committee)
            session_of(course, at(24 + n % 5, 15))

    for size in (1, 20):
        grow(size)
        with CaptureQueriesContext(connection) as captured:
            home = events_home(settlement=settlement, now=NOW)
        assert len(captured) == 1
    assert len(home.week.rows) == 15 and home.week.more == 27
    assert len(home.short.rows) == 8 and home.short.more == 13
    assert len(home.unfilled.rows) == 8 and home.unfilled.more == 13
