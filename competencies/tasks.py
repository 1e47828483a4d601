"""Beat's work for competencies: reminders of learning activities before their due dates,
each once (see ``services_reminders``). The rows are a person's, not a settlement's: no
settlement scope is needed."""

from zoneinfo import ZoneInfo

from celery import shared_task
from django.conf import settings

from coordinator import clock

from .services_reminders import learning_reminders_queue


@shared_task(acks_late=True, reject_on_worker_lost=True)
def learning_reminders() -> int:
    """Beat's hourly round: today is the date in the product's time zone."""
    today = clock.now().astimezone(ZoneInfo(settings.TIME_ZONE)).date()
    return learning_reminders_queue(today=today)
