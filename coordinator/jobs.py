"""Background jobs of the core, run through the outbox (``services.outbox``)."""

import time

from django.core.mail import EmailMultiAlternatives

from . import clock
from .models import WorkerProbe
from .services.outbox import job


@job("coordinator.email", repeatable=False)
def email(*, subject: str, body: str, to: list[str], html: str | None = None) -> None:
    """Send one e-mail. Not repeatable: a run cut short by a crash is parked, not resent."""
    message = EmailMultiAlternatives(subject=subject, body=body, to=to)
    if html:
        message.attach_alternative(html, "text/html")
    message.send()


@job("coordinator.worker_probe", repeatable=True, max_attempts=3)
def worker_probe(*, key: str, hold_seconds: float = 0, fail: bool = False) -> None:
    """The worker self-test (``manage.py check_worker``): one row per run, written in the
    outbox's transaction. ``hold_seconds`` keeps it running (to test a killed worker);
    ``fail`` makes every attempt fail (to test retries and parking)."""
    WorkerProbe.objects.create(key=key, created_at=clock.now())
    if hold_seconds:
        time.sleep(hold_seconds)
    if fail:
        raise RuntimeError("worker probe asked to fail")
