"""Beat's work for events and classes: reminders the day before an event (to those
registered and to its volunteers) and before a class's first session (to its
participants). Each reminder goes out once: messages carry a unique key per sign-up, so
beat may run these as often as it likes."""

from celery import shared_task
from django_scopes import scope, scopes_disabled

from coordinator.models import Settlement


def _settlements() -> list[Settlement]:
    with scopes_disabled():
        return list(Settlement.objects.all())


@shared_task(acks_late=True, reject_on_worker_lost=True)
def event_reminders() -> int:
    from .services_signups import event_reminders_queue

    queued = 0
    for settlement in _settlements():
        with scope(settlement=settlement.pk):
            queued += event_reminders_queue(settlement=settlement)
    return queued


@shared_task(acks_late=True, reject_on_worker_lost=True)
def class_reminders() -> int:
    from .services_classes import class_reminders_queue

    queued = 0
    for settlement in _settlements():
        with scope(settlement=settlement.pk):
            queued += class_reminders_queue(settlement=settlement)
    return queued


@shared_task(acks_late=True, reject_on_worker_lost=True)
def signups_forget() -> int:
    from .services_retention import signups_forget as forget

    blanked = 0
    for settlement in _settlements():
        with scope(settlement=settlement.pk):
            blanked += forget(settlement=settlement)
    return blanked
