"""Background work of the yearly plans: warnings when a budget line's spending reaches 90%
and 100% of its plan. Beat checks every settlement hourly (recording money against a line
checks that line at once, through the outbox job ``plans.budget_check``). Safe to run as
often as anyone likes (see ``services_warnings``)."""

from celery import shared_task
from django_scopes import scope, scopes_disabled

from coordinator.models import Settlement

from .services_warnings import budget_warnings_queue


def _settlements() -> list[Settlement]:
    with scopes_disabled():
        return list(Settlement.objects.all())


@shared_task(acks_late=True, reject_on_worker_lost=True)
def budget_warnings() -> int:
    """Beat's hourly round: every settlement's budget lines."""
    queued = 0
    for settlement in _settlements():
        with scope(settlement=settlement.pk):
            queued += budget_warnings_queue(settlement=settlement)
    return queued
