"""Beat's work for events and classes on a real broker and a real worker: reminders (to
those with a place, to volunteers, before a class's first session) arrive exactly once
when the task runs twice, and old sign-ups are blanked."""

import datetime as dt
import time
from collections import Counter

import pytest
from django_scopes import scopes_disabled

from events import signups
from events.models import EventRegistration
from events.tasks import class_reminders, event_reminders, signups_forget
from tests import factories

from .conftest import FAST_RECOVERY, NEEDS_POSTGRES, NEEDS_REDIS
from .mail import mail_text, recipients

pytestmark = [
    NEEDS_POSTGRES,
    NEEDS_REDIS,
    pytest.mark.services,
    pytest.mark.django_db(transaction=True),
]
MONDAY = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)  # the worker's clock starts here


def test_event_reminders_arrive_once_when_beat_runs_twice(cluster_for, private_redis):
    cluster = cluster_for(private_redis.url)
    settlement = factories.SettlementFactory(
        slug="reminded", quiet_from=dt.time(0), quiet_until=dt.time(0)
    )
    committee = factories.CommitteeFactory(settlement=settlement)
    tomorrow = factories.EventFactory(
        committee=committee,
        title={"en": "Winter fair"},
        starts_at=MONDAY + dt.timedelta(days=1, hours=8),
        ends_at=MONDAY + dt.timedelta(days=1, hours=10),
        signup_open=True,
    )
    later = factories.EventFactory(
        committee=committee,
        starts_at=MONDAY + dt.timedelta(days=3),
        ends_at=None,
        signup_open=True,
    )
    guests = []
    for n in range(3):
        row = factories.EventRegistrationFactory(event=tomorrow, email=f"guest{n}@example.org")
        signups.link_issue(row, signups.EVENT)
        row.save()
        guests.append(row)
    factories.EventRegistrationFactory(event=tomorrow, status="waiting", email="wait@example.org")
    factories.EventRegistrationFactory(event=later, email="later@example.org")
    shift = factories.VolunteerShiftFactory(event=tomorrow)
    factories.ShiftSignupFactory(shift=shift, email="helper@example.org")

    cluster.start_worker(**FAST_RECOVERY, CLOCK_START=MONDAY.isoformat())
    for _ in range(2):  # beat firing twice, or two beats by mistake
        event_reminders.delay()
    expected = {row.email: 1 for row in guests} | {"helper@example.org": 1}
    cluster.wait_for(
        lambda: set(recipients(cluster.mail_dir)) == set(expected),
        "every event reminder",
        timeout=120,
    )
    time.sleep(3)  # anything sent twice would have arrived by now
    assert recipients(cluster.mail_dir) == Counter(expected)
    assert "/p/reminded/signup/" in mail_text(cluster.mail_dir)


def test_class_reminders_before_the_first_session_arrive_once(cluster_for, private_redis):
    cluster = cluster_for(private_redis.url)
    settlement = factories.SettlementFactory(
        slug="classes", quiet_from=dt.time(0), quiet_until=dt.time(0)
    )
    committee = factories.CommitteeFactory(settlement=settlement)
    course = factories.CourseFactory(committee=committee, title={"en": "Pottery"})
    first = MONDAY + dt.timedelta(days=1, hours=6)
    factories.CourseSessionFactory(
        course=course, date=first.date(), starts_at=first, ends_at=first + dt.timedelta(hours=1)
    )
    parents = []
    for n in range(3):
        row = factories.ClassRegistrationFactory(course=course, email=f"parent{n}@example.org")
        signups.link_issue(row, signups.CLASS)
        row.save()
        parents.append(row)
    factories.ClassRegistrationFactory(course=course, status="waiting", email="wait@example.org")

    cluster.start_worker(**FAST_RECOVERY, CLOCK_START=MONDAY.isoformat())
    for _ in range(2):  # beat firing twice
        class_reminders.delay()
    expected = {row.email: 1 for row in parents}
    cluster.wait_for(
        lambda: set(recipients(cluster.mail_dir)) == set(expected),
        "every class reminder",
        timeout=120,
    )
    time.sleep(3)
    assert recipients(cluster.mail_dir) == Counter(expected)
    assert "/p/classes/registration/" in mail_text(cluster.mail_dir)


def test_old_sign_ups_are_blanked_by_the_worker(cluster_for, private_redis):
    cluster = cluster_for(private_redis.url)
    old = factories.EventRegistrationFactory(
        event__starts_at=MONDAY - dt.timedelta(days=400),
        event__ends_at=None,
        name="Old Guest",
    )
    cluster.start_worker(**FAST_RECOVERY, CLOCK_START=MONDAY.isoformat())
    signups_forget.delay()

    def blanked() -> bool:
        with scopes_disabled():
            return EventRegistration.objects.filter(pk=old.pk, name="").exists()

    cluster.wait_for(
        blanked,
        "the old sign-up blanked",
        timeout=120,
    )
