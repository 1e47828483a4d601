"""Celery tasks of the core: the outbox runner and relay, and housekeeping."""

from typing import Any

from celery import shared_task
from django_scopes import scopes_disabled

from .services import outbox, residents_import_purge_stale


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=None)
def outbox_run(self: Any, *, message_id: str) -> str:
    """Run one outbox row (claimed first, so a message delivered twice runs once)."""
    try:
        return outbox.outbox_run_message(message_id=message_id)
    except outbox.RetryLater as later:
        raise self.retry(countdown=later.countdown) from later


@shared_task
def outbox_relay() -> int:
    """Publish rows whose publication after commit failed (the broker was down)."""
    return outbox.outbox_relay()


@shared_task
def outbox_purge_finished() -> int:
    """Housekeeping: finished jobs older than a week, whose arguments may be personal."""
    return outbox.outbox_purge_finished()


@shared_task
def imports_purge_stale() -> int:
    """Housekeeping across every settlement: uploads nobody confirmed within a day."""
    with scopes_disabled():
        return residents_import_purge_stale()
