"""Dispatching a survey to N residents, as the jobs do it: planning (``survey_invite``, the
``surveys.invite`` job: every invitation and its message), sending (``messages_send``, in
batches) and a reminder round (``surveys_remind_due``). Issue 10's targets are on the
planning: at most 25 queries for 10,000 invitations, and time(10,000) / time(1,000) <= 12.

Planning is timed ``runs`` times, each on a new survey to the same residents, and the
median counts; sending and the reminders once."""

import datetime as dt
import statistics

from django.core import mail
from django_scopes import scope

from coordinator import clock
from coordinator.models import Settlement
from messaging.services import messages_send_due
from surveys.models import Question, Section, Survey
from surveys.services.dispatch import survey_invite, survey_remind
from tests import factories

from .jobs import (
    DISPATCH,
    REMINDERS,
    SENDING,
    JobRow,
    bench_residents,
    counting,
    measure,
    timed,
)

SEND_BATCH = 100


def _survey(settlement: Settlement, title: str) -> Survey:
    survey = Survey.objects.create(
        settlement=settlement,
        title={"en": title},
        languages=["en"],
        state=Survey.State.RUNNING,
        created_at=clock.now(),
        sent_at=clock.now(),
        reminder_days=[3],
    )
    section = Section.objects.create(settlement=settlement, survey=survey)
    Question.objects.create(
        settlement=settlement, survey=survey, section=section, kind="yes_no", text={"en": "?"}
    )
    return survey


def _plan(survey: Survey, settlement: Settlement, size: int) -> tuple[float, int]:
    with timed() as took, counting() as queries:
        created = survey_invite(survey=survey, settlement=settlement)
    if created != size:
        raise RuntimeError(f"planned {created} invitations of {size}")
    return took["seconds"], queries.count


def jobs_at(size: int, runs: int = 3) -> list[JobRow]:
    """The dispatch's jobs for ``size`` residents (each has an address and agreed)."""
    settlement = factories.SettlementFactory.create(
        language="en", quiet_from=dt.time(0), quiet_until=dt.time(0)
    )
    bench_residents(settlement, size)
    mail.outbox = []
    rows = []
    with scope(settlement=settlement.pk):
        first = _survey(settlement, "Bench")
        plans = [_plan(first, settlement, size)]

        with timed() as took, counting() as queries:
            report = messages_send_due(
                settlement=settlement, batch_size=SEND_BATCH, max_batches=size
            )
        if (report.sent, len(mail.outbox)) != (size, size):
            raise RuntimeError(f"sent {report.sent} of {size}")
        rows.append(JobRow(SENDING, size, report.sent, took["seconds"], queries.count, "messages"))
        mail.outbox = []

        for n in range(1, runs):
            plans.append(_plan(_survey(settlement, f"Bench {n}"), settlement, size))
        rows.insert(
            0,
            JobRow(
                DISPATCH,
                size,
                size,
                statistics.median(seconds for seconds, _ in plans),
                max(count for _, count in plans),
                "invitations",
            ),
        )

        # Three days on, the reminder round of the first survey is due for everyone.
        first.refresh_from_db()
        with clock.frozen_at(clock.now() + dt.timedelta(days=3, minutes=1)):
            rows.append(
                measure(
                    REMINDERS,
                    size,
                    "messages",
                    lambda: survey_remind(survey=first, settlement=settlement),
                )
            )
    return rows
