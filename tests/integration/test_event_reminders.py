"""Event reminders on a real broker and a real worker: beat's task runs twice, and each
reminder (to those with a place and to the volunteers) arrives exactly once."""

import datetime as dt
import re
import time
from collections import Counter
from pathlib import Path

import pytest

from events import signups
from events.tasks import event_reminders
from tests import factories

from .conftest import FAST_RECOVERY, NEEDS_POSTGRES, NEEDS_REDIS

pytestmark = [
    NEEDS_POSTGRES,
    NEEDS_REDIS,
    pytest.mark.services,
    pytest.mark.django_db(transaction=True),
]
MONDAY = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)  # the worker's clock starts here
TO = re.compile(r"^To: (\S+)$", re.M)


def recipients(mail_dir: Path) -> Counter:
    counts: Counter = Counter()
    for path in mail_dir.glob("*.log"):
        for message in path.read_text(errors="replace").split("-" * 79):
            counts.update(TO.findall(message))
    return counts


def mail_text(mail_dir: Path) -> str:
    return "".join(path.read_text(errors="replace") for path in mail_dir.glob("*.log"))


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
