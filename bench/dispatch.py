"""Dispatching a survey to N residents: invitations created, messages sent, how fast and
with how many database queries. The queries must grow with the number of batches, not of
residents: the report shows queries per batch staying flat as N grows."""

import time

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scope

from coordinator import clock
from coordinator.models import Resident
from messaging import services as messaging
from messaging.services import messages_send_due
from surveys.models import Question, Section, Survey
from surveys.services.dispatch import BATCH as INVITE_BATCH
from surveys.services.dispatch import survey_invite
from tests import factories

SEND_BATCH = 100


def dispatch_once(size: int) -> dict[str, float]:
    settlement = factories.SettlementFactory.create(language="en")
    Resident.objects.bulk_create(
        [
            Resident(
                settlement=settlement,
                first_name=f"Person{n}",
                last_name="Bench",
                email=f"p{n}@example.org",
                preferred_language="en",
                consent_to_contact=True,
            )
            for n in range(size)
        ],
        batch_size=1000,
    )
    survey = Survey.objects.create(
        settlement=settlement,
        title={"en": "Bench"},
        languages=["en"],
        state=Survey.State.RUNNING,
        created_at=clock.now(),
        sent_at=clock.now(),
    )
    section = Section.objects.create(settlement=settlement, survey=survey)
    Question.objects.create(
        settlement=settlement, survey=survey, section=section, kind="yes_no", text={"en": "?"}
    )
    mail.outbox = []
    with scope(settlement=settlement.pk):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as invite_queries:
            created = survey_invite(survey=survey, settlement=settlement)
        invited = time.perf_counter()
        with CaptureQueriesContext(connection) as send_queries:
            report = messages_send_due(
                settlement=settlement, batch_size=SEND_BATCH, max_batches=size
            )
        sent = time.perf_counter()
    if (created, report.sent, len(mail.outbox)) != (size, size, size):
        raise RuntimeError(f"dispatched {created}, sent {report.sent} of {size}")
    invite_batches = -(-size // INVITE_BATCH)
    send_batches = report.batches
    return {
        "residents": size,
        "invite_seconds": invited - started,
        "invite_queries": len(invite_queries),
        "invite_queries_per_batch": len(invite_queries) / invite_batches,
        "send_seconds": sent - invited,
        "messages_per_second": size / (sent - invited),
        "send_queries": len(send_queries),
        "send_queries_per_batch": len(send_queries) / send_batches,
    }


def run(sizes: list[int]) -> None:
    clock.set_now(None)
    # Sending is measured on its own: no worker is asked to start it after the invitations.
    messaging.send_soon = lambda settlement_id: None
    print(f"Survey dispatch on {connection.vendor} (locmem e-mail backend)")
    print(
        f"{'residents':>9} {'invite s':>9} {'inv. queries':>12} {'per batch':>9} "
        f"{'send s':>8} {'msg/s':>8} {'send queries':>12} {'per batch':>9}"
    )
    for size in sizes:
        row = dispatch_once(size)
        print(
            f"{row['residents']:>9} {row['invite_seconds']:>9.2f} {row['invite_queries']:>12} "
            f"{row['invite_queries_per_batch']:>9.1f} {row['send_seconds']:>8.2f} "
            f"{row['messages_per_second']:>8.0f} {row['send_queries']:>12} "
            f"{row['send_queries_per_batch']:>9.1f}"
        )
