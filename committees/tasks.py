"""Beat's work for committees: meeting reminders the day before, and the weekly digest of
overdue action items. Safe to run as often as beat likes (see ``services_reminders``)."""

from celery import shared_task
from django_scopes import scope, scopes_disabled

from coordinator.models import Settlement

from .services_reminders import action_digest_queue, meeting_reminders_queue


def _settlements() -> list[Settlement]:
    with scopes_disabled():
        return list(Settlement.objects.all())


@shared_task(acks_late=True, reject_on_worker_lost=True)
def meeting_reminders() -> int:
    queued = 0
    for settlement in _settlements():
        with scope(settlement=settlement.pk):
            queued += meeting_reminders_queue(settlement=settlement)
    return queued


@shared_task(acks_late=True, reject_on_worker_lost=True)
def action_item_digest() -> int:
    queued = 0
    for settlement in _settlements():
        with scope(settlement=settlement.pk):
            queued += action_digest_queue(settlement=settlement)
    return queued
