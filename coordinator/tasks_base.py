"""The base of every Celery task of the product."""

from typing import Any

from celery import Task
from django_scopes import scope

from .scoping import no_scope


class SettlementTask(Task):
    """Runs a task inside ``scope(settlement=...)``.

    A task that works on one settlement declares a keyword argument ``settlement_id``; the
    base opens that settlement's scope. Every other task runs with no scope, so a query of
    settlement data that forgets its settlement raises instead of leaking. Work across
    settlements (beat housekeeping) opens an explicit scope itself.

    Work that a request wants done later does not call tasks directly: it goes through the
    outbox (``coordinator.services.outbox``), which records it in the request's transaction.
    """

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        settlement_id = kwargs.get("settlement_id")
        guard = scope(settlement=settlement_id) if settlement_id is not None else no_scope()
        with guard:
            return super().__call__(*args, **kwargs)
