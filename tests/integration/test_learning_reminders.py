"""Reminders of learning activities on a real broker and a real worker: beat's task, run
twice, reminds the coordinator of an activity due within a week exactly once."""

import datetime as dt
import time
from collections import Counter

import pytest

from competencies.models import ActivityReminder
from competencies.tasks import learning_reminders
from coordinator.models import OutboxMessage, Role
from tests import factories

from .conftest import FAST_RECOVERY, NEEDS_POSTGRES, NEEDS_REDIS
from .mail import mail_text, recipients

pytestmark = [
    NEEDS_POSTGRES,
    NEEDS_REDIS,
    pytest.mark.services,
    pytest.mark.django_db(transaction=True),
]
WEDNESDAY = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)  # the worker's clock starts here


def test_a_learning_activity_is_reminded_once(cluster_for, private_redis):
    cluster = cluster_for(private_redis.url)
    settlement = factories.SettlementFactory(slug="learning")
    coordinator = factories.member(
        settlement, Role.COORDINATOR, username="learner", email="learner@example.org"
    )
    goal = factories.DevelopmentGoalFactory(owner=coordinator, goal="Lead a mediation")
    activity = factories.LearningActivityFactory(
        goal=goal, title="Mediation course", due_on=dt.date(2026, 11, 28)
    )
    factories.LearningActivityFactory(goal=goal, title="Far away", due_on=dt.date(2027, 3, 1))
    cluster.start_worker(**FAST_RECOVERY, CLOCK_START=WEDNESDAY.isoformat())
    for _ in range(2):  # beat firing twice
        learning_reminders.delay()
    cluster.wait_for(
        lambda: recipients(cluster.mail_dir) == Counter({"learner@example.org": 1}),
        "the reminder",
        timeout=120,
    )
    learning_reminders.delay()  # and again, later: nothing more
    time.sleep(3)  # anything sent twice would have arrived by now
    assert recipients(cluster.mail_dir) == Counter({"learner@example.org": 1})
    text = mail_text(cluster.mail_dir)
    assert "Mediation course" in text and "Far away" not in text
    rows = list(OutboxMessage.objects.filter(job="coordinator.email"))
    assert len(rows) == 1 and rows[0].state == OutboxMessage.State.DONE
    assert list(ActivityReminder.objects.values_list("activity_id", "due_on")) == [
        (activity.pk, dt.date(2026, 11, 28))
    ]
