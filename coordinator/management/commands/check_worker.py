"""Is a Celery worker taking work? Sends a probe job through the outbox and waits for it.

    python manage.py check_worker [--timeout 30]

Exits 0 when the probe ran exactly once, 1 otherwise (no worker, broker down, ran twice)."""

import time
import uuid
from typing import Any

from django.core.management.base import CommandError
from django.db import transaction

from coordinator.management.base import ScopedCommand
from coordinator.models import OutboxMessage, WorkerProbe
from coordinator.services.outbox import outbox_enqueue


class Command(ScopedCommand):
    help = "Send a probe job to the workers and wait until it has run."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--timeout", type=float, default=30)

    def handle(self, *args: Any, **options: Any) -> None:
        key = uuid.uuid4().hex
        with transaction.atomic():
            message = outbox_enqueue(job="coordinator.worker_probe", key=key)
        deadline = time.monotonic() + options["timeout"]
        while time.monotonic() < deadline:
            runs = WorkerProbe.objects.filter(key=key).count()
            state = OutboxMessage.objects.filter(pk=message.pk).values_list("state", flat=True)
            if runs and list(state) == [OutboxMessage.State.DONE]:
                if runs != 1:
                    raise CommandError(f"The probe ran {runs} times.")
                WorkerProbe.objects.filter(key=key).delete()
                self.stdout.write(self.style.SUCCESS("A worker ran the probe once."))
                return
            time.sleep(0.2)
        raise CommandError(
            f"No worker ran the probe within {options['timeout']:g} s (job {message.pk})."
        )
