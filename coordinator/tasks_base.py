"""The task base and the one way to enqueue work from a request."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from celery import Task
from django.db import transaction
from django_scopes import scope
from django_scopes.state import state as scope_state

logger = logging.getLogger(__name__)


@contextmanager
def no_scope() -> Iterator[None]:
    """Run a block with no scope at all, whatever the caller had open (an eager task inside
    a request, a command): a query of settlement data raises ``ScopeError``.

    ``scope(settlement=-1)`` would not do: it filters on an impossible settlement and
    quietly returns nothing instead of raising."""
    token = scope_state.set({})
    try:
        yield
    finally:
        scope_state.reset(token)


class SettlementTask(Task):
    """Runs a task inside ``scope(settlement=...)``.

    A task that works on one settlement declares a keyword argument ``settlement_id``; the
    base opens that settlement's scope. Every other task runs with no scope, so a query of
    settlement data that forgets its settlement raises instead of leaking. Work across
    settlements (beat housekeeping) opens an explicit scope itself.
    """

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        settlement_id = kwargs.get("settlement_id")
        guard = scope(settlement=settlement_id) if settlement_id is not None else no_scope()
        with guard:
            return super().__call__(*args, **kwargs)


def enqueue_on_commit(task: Any, **kwargs: Any) -> None:
    """Hand ``task`` to the broker after the current transaction commits, never before.

    A rolled-back transaction enqueues nothing. Publishing is bounded by the broker
    timeouts in settings, so a broker that is down or hung cannot hold a request; the
    failure is logged. (The security and reliability issue adds an outbox relay on top.)
    """

    def publish() -> None:
        try:
            task.apply_async(kwargs=kwargs)
        except Exception:
            logger.exception("Could not publish task %s", task.name)

    transaction.on_commit(publish)
