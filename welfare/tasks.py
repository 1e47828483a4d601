"""Beat's work for welfare: the daily purge of closed cases past their keeping period and
of access-log entries past five years (see ``services_retention``)."""

from celery import shared_task
from django_scopes import scope, scopes_disabled

from coordinator.models import Settlement

from .services_retention import access_log_purge, closed_cases_purge


@shared_task(acks_late=True, reject_on_worker_lost=True)
def welfare_retention() -> int:
    """Purge what is past its time in every settlement; how many rows went."""
    with scopes_disabled():
        settlements = list(Settlement.objects.all())
    purged = 0
    for settlement in settlements:
        with scope(settlement=settlement.pk):
            purged += closed_cases_purge(settlement=settlement)
            purged += access_log_purge(settlement=settlement)
    return purged
