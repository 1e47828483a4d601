"""The outbox: background work recorded in the database, handed to Celery after commit.

A request (or a task) calls ``outbox_enqueue``: the row is written in the caller's
transaction, so a rolled-back request leaves no work behind, and it is published after
commit with the broker's short timeouts and no retries, so a broker that is down or hung
cannot hold the request. Rows that could not be published are published by the relay
(beat, every few seconds) once the broker is back.

The worker claims a row before running it (a conditional update), so the same message
delivered twice runs once. A job declared *repeatable* keeps all its effects in the
database transaction that marks it done: if a worker dies mid-run, the message comes back
and the job runs again from scratch, once. A job with an outside effect (an e-mail) is not
repeatable: a run interrupted by a crash is parked for a person to look at, never repeated
blindly. Failures are retried with backoff, a bounded number of times; then the row is
parked, visible in the admin's list of background jobs.
"""

import datetime as dt
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django_scopes import scope

from .. import clock
from ..models import OutboxMessage
from ..scoping import no_scope

logger = logging.getLogger(__name__)
State = OutboxMessage.State


@dataclass(frozen=True)
class Job:
    name: str
    func: Callable[..., Any]
    repeatable: bool
    max_attempts: int


JOBS: dict[str, Job] = {}


def job(
    name: str, *, repeatable: bool = True, max_attempts: int = 5
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a function as a background job under ``name``.

    ``repeatable``: every effect of the function is in the database, inside the transaction
    the outbox opens around it, so running it again after a crash is safe. Say False for
    anything that reaches outside (mail, messages): a crashed run is then parked."""

    def register(func: Callable[..., Any]) -> Callable[..., Any]:
        JOBS[name] = Job(name, func, repeatable, max_attempts)
        return func

    return register


class RetryLater(Exception):
    def __init__(self, countdown: float) -> None:
        super().__init__(f"retry in {countdown}s")
        self.countdown = countdown


def outbox_enqueue(*, job: str, settlement_id: int | None = None, **kwargs: Any) -> OutboxMessage:
    """Record ``job`` to run with ``kwargs`` (JSON values) and publish it after commit."""
    if job not in JOBS:
        raise KeyError(f"No background job named {job!r}")
    message = OutboxMessage.objects.create(
        job=job, kwargs=kwargs, settlement_id=settlement_id, created_at=clock.now()
    )
    transaction.on_commit(lambda: outbox_publish(message_id=message.pk))
    return message


def outbox_publish(*, message_id: uuid.UUID) -> bool:
    """Hand one row to the broker. False (and the row stays pending) if the broker fails."""
    from ..tasks import outbox_run

    try:
        outbox_run.apply_async(
            kwargs={"message_id": str(message_id)}, task_id=str(message_id), retry=False
        )
    except Exception as error:  # kombu raises its own errors for a broker down or hung
        logger.warning("Background job %s not published yet: %s", message_id, type(error).__name__)
        return False
    OutboxMessage.objects.filter(pk=message_id, state=State.PENDING).update(
        state=State.PUBLISHED, published_at=clock.now()
    )
    return True


def outbox_relay(*, limit: int = 500) -> int:
    """Publish the rows whose publication after commit failed. Stops at the first broker
    failure: the next run tries again. Returns how many were published."""
    older = clock.now() - dt.timedelta(seconds=settings.OUTBOX_RELAY_AFTER_SECONDS)
    waiting = (
        OutboxMessage.objects.filter(state=State.PENDING, created_at__lt=older)
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    published = 0
    for message_id in list(waiting):
        if not outbox_publish(message_id=message_id):
            break
        published += 1
    return published


def _park(message: OutboxMessage, error: str, **match: Any) -> int:
    return OutboxMessage.objects.filter(pk=message.pk, **match).update(
        state=State.PARKED, last_error=error[:2000], finished_at=clock.now(), lease_until=None
    )


def outbox_run_message(*, message_id: uuid.UUID | str) -> str:
    """Claim and run one row. Returns what happened: done, skipped or parked; raises
    ``RetryLater`` when a failed attempt should be tried again."""
    message = OutboxMessage.objects.filter(pk=message_id).first()
    if message is None:
        return "skipped"
    now = clock.now()
    spec = JOBS.get(message.job)
    if spec is None:
        _park(message, f"Unknown job {message.job!r}")
        return "parked"
    if message.state in (State.DONE, State.PARKED):
        return "skipped"
    if message.state == State.RUNNING:
        if message.lease_until and message.lease_until >= now:
            return "skipped"  # running on another worker right now
        if not spec.repeatable:
            _park(
                message,
                "Interrupted while running: it may have taken effect, so it is not repeated.",
                state=State.RUNNING,
                lease_until=message.lease_until,
            )
            return "parked"
    lease = now + dt.timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)
    claimed = OutboxMessage.objects.filter(
        Q(lease_until=message.lease_until) | Q(lease_until__isnull=True),
        pk=message.pk,
        state=message.state,
        attempts=message.attempts,
    ).update(state=State.RUNNING, lease_until=lease, attempts=message.attempts + 1)
    if not claimed:
        return "skipped"  # another worker claimed it first
    attempts = message.attempts + 1
    try:
        with transaction.atomic():
            guard = (
                scope(settlement=message.settlement_id)
                if message.settlement_id is not None
                else no_scope()
            )
            with guard:
                spec.func(**message.kwargs)
            OutboxMessage.objects.filter(pk=message.pk).update(
                state=State.DONE, finished_at=clock.now(), lease_until=None, last_error=""
            )
    except Exception as error:
        detail = f"{type(error).__name__}: {error}"
        if attempts >= spec.max_attempts:
            _park(message, detail)
            logger.error("Background job %s parked after %d attempts", message.pk, attempts)
            return "parked"
        OutboxMessage.objects.filter(pk=message.pk).update(
            state=State.RETRYING, last_error=detail[:2000], lease_until=None
        )
        countdown = min(settings.OUTBOX_RETRY_SECONDS * 2 ** (attempts - 1), 3600)
        raise RetryLater(countdown) from error
    return "done"


def outbox_requeue(*, message: OutboxMessage) -> bool:
    """Give a parked row another round of attempts (an operator's decision)."""
    return bool(
        OutboxMessage.objects.filter(pk=message.pk, state=State.PARKED).update(
            state=State.PENDING, attempts=0, last_error="", finished_at=None, created_at=clock.now()
        )
    )


def outbox_purge_finished(*, older_than: dt.timedelta = dt.timedelta(days=7)) -> int:
    """Delete jobs done more than ``older_than`` ago: their arguments can hold personal data
    (an e-mail address), and a finished job needs no record beyond a week. Parked jobs stay
    until an operator decides."""
    cutoff = clock.now() - older_than
    deleted, _detail = OutboxMessage.objects.filter(
        state=State.DONE, finished_at__lt=cutoff
    ).delete()
    return deleted
