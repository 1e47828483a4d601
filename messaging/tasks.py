"""Celery tasks that send messages to residents. Safe to run twice or side by side: the
sender claims each batch before sending it (see ``services``)."""

from celery import shared_task
from django_scopes import scope, scopes_disabled

from coordinator.models import Settlement

from . import services
from .models import Message


@shared_task(acks_late=True, reject_on_worker_lost=True)
def messages_send(*, settlement_id: int) -> int:
    """Send what is due in one settlement now (asked for right after messages are queued)."""
    with scopes_disabled():
        settlement = Settlement.objects.filter(pk=settlement_id).first()
    if settlement is None:
        return 0
    with scope(settlement=settlement.pk):
        return services.messages_send_due(settlement=settlement).sent


@shared_task(acks_late=True, reject_on_worker_lost=True)
def messages_send_all() -> int:
    """Beat, every minute: in each settlement with messages waiting, report batches whose
    sender died, then send what is due (including what quiet hours held)."""
    with scopes_disabled():
        waiting = set(
            Message.objects.filter(state__in=[Message.State.QUEUED, Message.State.SENDING])
            .values_list("settlement_id", flat=True)
            .distinct()
        )
        settlements = list(Settlement.objects.filter(pk__in=waiting))
    sent = 0
    for settlement in settlements:
        with scope(settlement=settlement.pk):
            services.messages_sweep_interrupted(settlement=settlement)
            sent += services.messages_send_due(settlement=settlement).sent
    return sent
