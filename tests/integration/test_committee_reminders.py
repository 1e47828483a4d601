"""Meeting reminders and the action-item digest on a real broker and a real worker: beat's
tasks run twice, and each reminder and digest arrives exactly once."""

import datetime as dt
import re
import time
from collections import Counter
from pathlib import Path

import pytest

from committees.models import MeetingAttendance
from committees.tasks import action_item_digest, meeting_reminders
from coordinator.models import Role
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


def test_reminders_and_digest_arrive_once_when_beat_runs_twice(cluster_for, private_redis):
    cluster = cluster_for(private_redis.url)
    settlement = factories.SettlementFactory(quiet_from=dt.time(0), quiet_until=dt.time(0))
    committee = factories.CommitteeFactory(settlement=settlement)
    meeting = factories.MeetingFactory(
        committee=committee,
        title="Culture committee",
        starts_at=MONDAY + dt.timedelta(days=1, hours=9),
        ends_at=MONDAY + dt.timedelta(days=1, hours=10),
    )
    residents = [
        factories.ResidentFactory.create(settlement=settlement, email=f"member{n}@example.org")
        for n in range(3)
    ]
    for resident in residents:
        MeetingAttendance.objects.create(meeting=meeting, settlement=settlement, resident=resident)
    staff = factories.member(settlement, Role.COORDINATOR, email="coordinator@example.org")
    meeting.users.add(staff)
    owner = factories.member(settlement, Role.CHAIR, email="owner@example.org")
    factories.ActionItemFactory(meeting=meeting, owner=owner, due_on=dt.date(2026, 11, 25))

    cluster.start_worker(**FAST_RECOVERY, CLOCK_START=MONDAY.isoformat())
    for _ in range(2):  # beat firing twice, or two beats by mistake
        meeting_reminders.delay()
        action_item_digest.delay()
    expected = {r.email: 1 for r in residents} | {
        "coordinator@example.org": 1,
        "owner@example.org": 1,
    }
    cluster.wait_for(
        lambda: set(recipients(cluster.mail_dir)) == set(expected),
        "every reminder and the digest",
        timeout=120,
    )
    time.sleep(3)  # anything sent twice would have arrived by now
    assert recipients(cluster.mail_dir) == Counter(expected)
