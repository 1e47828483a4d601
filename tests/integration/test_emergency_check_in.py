"""The safety check-in on a real broker and a real worker: an emergency declared at night
reaches 2,000 residents at once (urgent messages ignore quiet hours), each exactly once
although the job is asked for twice; then 700 answer that they are safe and 300 that they
need help through the links in their e-mails, and the board counts exactly that."""

import datetime as dt
import re
import time
from collections import Counter

import pytest
from django.test import Client
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from coordinator import clock
from coordinator.models import Resident, Role
from coordinator.services.outbox import outbox_enqueue
from messaging.models import Message
from messaging.services import quiet_hours_at
from tests import factories
from welfare import selectors_emergency as selectors
from welfare import services_emergency as services
from welfare.links import hash_of
from welfare.models import CheckIn

from .conftest import FAST_RECOVERY, NEEDS_POSTGRES, NEEDS_REDIS
from .mail import mail_text, recipients

pytestmark = [
    NEEDS_POSTGRES,
    NEEDS_REDIS,
    pytest.mark.services,
    pytest.mark.django_db(transaction=True),
]
RESIDENTS = 2000
# 00:30 in the settlement's time zone (UTC): inside the default quiet hours (22:00 to 08:00).
NIGHT = dt.datetime(2026, 11, 30, 0, 30, tzinfo=dt.UTC)
LINK = re.compile(r"https?://\S+/p/(?P<slug>[\w-]+)/safe/(?P<token>[\w-]+)/")
TO = re.compile(r"^To: (\S+)$", re.M)


def sent(settlement) -> int:
    with scope(settlement=settlement.pk):
        return Message.objects.filter(kind="welfare-check-in", state=Message.State.SENT).count()


def links_by_address(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for message in text.split("-" * 79):
        to, link = TO.search(message), LINK.search(message)
        if to and link:
            found[to.group(1)] = link.group("token")
    return found


def test_the_check_in_reaches_everyone_once_and_the_board_counts(cluster_for, private_redis):
    clock.set_now(NIGHT)
    cluster = cluster_for(private_redis.url)
    settlement = factories.SettlementFactory(slug="storm", language="en")
    coordinator = factories.member(settlement, Role.COORDINATOR, username="stormcoord")
    Resident.objects.bulk_create(
        Resident(
            settlement=settlement,
            first_name=f"Person{n}",
            last_name="Storm",
            email=f"person{n}@example.org",
            preferred_language="en",
            consent_to_contact=True,
        )
        for n in range(RESIDENTS)
    )
    assert quiet_hours_at(settlement, NIGHT) is not None  # ordinary messages would wait
    cluster.start_worker(**FAST_RECOVERY, CLOCK_START=NIGHT.isoformat())

    with scope(settlement=settlement.pk):
        emergency = services.emergency_declare(
            settlement=settlement,
            user=coordinator,
            kind="weather",
            title="Flooding on the low road",
            instructions="Stay on the upper floors.",
        )
        # The job asked for a second time (a retry, a double click): nothing more is sent.
        outbox_enqueue(
            job=services.CHECK_IN_JOB, settlement_id=settlement.pk, emergency_id=emergency.pk
        )
    cluster.wait_for(lambda: sent(settlement) == RESIDENTS, "every check-in sent", timeout=240)
    time.sleep(3)  # anything sent twice would have arrived by now
    got = recipients(cluster.mail_dir)
    assert len(got) == RESIDENTS
    assert set(got.values()) == {1}, "someone got the check-in twice"
    with scope(settlement=settlement.pk):
        rows = Message.objects.filter(kind="welfare-check-in")
        assert rows.count() == RESIDENTS and not rows.exclude(held="").exists()
        # Sent at night, at once: no message was held for the quiet hours.
        assert all(m.sent_at < NIGHT + dt.timedelta(hours=1) for m in rows.only("sent_at"))

    text = mail_text(cluster.mail_dir)
    assert "Are you and your household safe? Do you need help?" in text
    assert "Stay on the upper floors." in text
    tokens = links_by_address(text)
    assert len(tokens) == RESIDENTS
    addresses = sorted(tokens, key=lambda a: int(a.removeprefix("person").split("@")[0]))
    safe, needs_help = addresses[:700], addresses[700:1000]

    client = Client()
    # A few through the page itself, as a phone would; the rest through the service.
    for address in safe[:5] + needs_help[:5]:
        answer = "safe" if address in safe[:5] else "help"
        url = reverse("help:check_in", kwargs={"slug": settlement.slug, "token": tokens[address]})
        assert client.post(url, {"answer": answer, "help_note": "Water"}).status_code == 302
    with scope(settlement=settlement.pk):
        for answer, group in (("safe", safe[5:]), ("help", needs_help[5:])):
            for address in group:
                row = selectors.check_in_by_token(
                    settlement=settlement, token_hash=hash_of(tokens[address])
                )
                services.check_in_answer(check_in=row, answer=answer)
        counts = selectors.board_counts(emergency=emergency)
    assert (counts["sent"], counts["safe"], counts["help"], counts["silent"]) == (
        2000,
        700,
        300,
        1000,
    )
    with scopes_disabled():
        answered = Counter(
            CheckIn.objects.filter(emergency=emergency)
            .exclude(answer="")
            .values_list("resident__email", "answer")
        )
    assert {email for (email, answer) in answered if answer == "safe"} == set(safe)
    assert {email for (email, answer) in answered if answer == "help"} == set(needs_help)
