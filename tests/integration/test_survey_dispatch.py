"""Survey dispatch on a real broker and real workers: 500 invitations, a worker killed in
the middle of sending and a new one started; every resident gets exactly one invitation;
then reminders go to those who have not answered, once each."""

import datetime as dt
import re
import time
from collections import Counter
from pathlib import Path

import pytest
from django.db import transaction
from django_scopes import scope, scopes_disabled

from coordinator.models import Resident
from messaging.models import Message
from messaging.tasks import messages_send_all
from surveys.models import Invitation, Survey
from surveys.services import dispatch
from surveys.tasks import surveys_remind_due
from tests import factories

from .conftest import FAST_RECOVERY, NEEDS_POSTGRES, NEEDS_REDIS

pytestmark = [
    NEEDS_POSTGRES,
    NEEDS_REDIS,
    pytest.mark.services,
    pytest.mark.django_db(transaction=True),
]
RESIDENTS = 500
BATCH = 50
STALL_AFTER = 200  # the end of the fourth batch: sent, and not yet recorded as sent
WORKER = {
    **FAST_RECOVERY,
    "MESSAGING_BATCH_SIZE": str(BATCH),
    "MESSAGING_CLAIM_SECONDS": "3",
    "EMAIL_BACKEND": "tests.integration.stalling_mail.StallingBackend",
}
TO = re.compile(r"^To: (\S+)$", re.M)


def recipients(mail_dir: Path, subject: str) -> Counter:
    """How many messages with ``subject`` each address received, from the mail files."""
    counts: Counter = Counter()
    for path in mail_dir.glob("*.log"):
        for message in path.read_text(errors="replace").split("-" * 79):
            if f"Subject: {subject}" in message:
                counts.update(TO.findall(message))
    return counts


def states(settlement) -> Counter:
    with scope(settlement=settlement.pk):
        return Counter(Message.objects.values_list("state", flat=True))


def test_dispatch_survives_a_killed_worker_and_reminds_once(cluster_for, private_redis):
    cluster = cluster_for(private_redis.url)
    # No quiet hours: the worker reads the real clock, and CI may run at night.
    settlement = factories.SettlementFactory(
        language="en", quiet_from=dt.time(0), quiet_until=dt.time(0)
    )
    Resident.objects.bulk_create(
        Resident(
            settlement=settlement,
            first_name=f"Person{n}",
            last_name="Test",
            email=f"person{n}@example.org",
            preferred_language="en",
            consent_to_contact=True,
        )
        for n in range(RESIDENTS)
    )
    survey = factories.SurveyFactory(
        settlement=settlement, title={"en": "Our village"}, reminder_days=[3]
    )
    factories.QuestionFactory(section__survey=survey, section__settlement=settlement)

    first = cluster.start_worker(**WORKER, MAIL_STALL_AFTER=str(STALL_AFTER))
    with scope(settlement=settlement.pk), transaction.atomic():
        dispatch.survey_send(survey=survey, settlement=settlement, by=None)
    stalled = cluster.mail_dir / "stalled"
    cluster.wait_for(stalled.exists, "the worker stalling inside a batch", timeout=120)
    first.kill()
    assert states(settlement)[Message.State.SENDING] == BATCH  # sent, not recorded

    cluster.start_worker(**WORKER)
    time.sleep(3.5)  # past MESSAGING_CLAIM_SECONDS: the stalled batch lost its sender
    messages_send_all.delay()  # beat's round: report the stalled batch, send the rest
    cluster.wait_for(
        lambda: states(settlement)[Message.State.SENT] == RESIDENTS - BATCH,
        "the rest of the invitations",
        timeout=120,
    )
    cluster.wait_for(
        lambda: states(settlement)[Message.State.INTERRUPTED] == BATCH,
        "the stalled batch reported as interrupted",
    )
    invited = recipients(cluster.mail_dir, "Our village")
    assert len(invited) == RESIDENTS
    assert set(invited.values()) == {1}, "someone got the invitation twice"

    # A hundred answer; the reminder round is due (the worker reads the real clock).
    with scopes_disabled():
        answered = list(
            Invitation.objects.filter(survey=survey).order_by("pk").values_list("pk", flat=True)
        )[:100]
        Invitation.objects.filter(pk__in=answered).update(answered=True)
        Survey.objects.filter(pk=survey.pk).update(
            sent_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=4)
        )
        answered_addresses = set(
            Invitation.objects.filter(pk__in=answered).values_list("resident__email", flat=True)
        )
    surveys_remind_due.delay()
    surveys_remind_due.delay()  # beat running twice: still one round
    cluster.wait_for(
        lambda: (
            sum(recipients(cluster.mail_dir, "Reminder: Our village").values()) >= RESIDENTS - 100
        ),
        "the reminders",
        timeout=120,
    )
    time.sleep(2)
    reminded = recipients(cluster.mail_dir, "Reminder: Our village")
    assert len(reminded) == RESIDENTS - 100
    assert set(reminded.values()) == {1}, "a reminder went out twice"
    assert not answered_addresses & set(reminded), "a reminder went to someone who answered"
    with scopes_disabled():
        assert Survey.objects.get(pk=survey.pk).reminders_done == 1
