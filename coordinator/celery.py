"""The Celery app. Every task runs inside the tenancy guard (see ``SettlementTask``)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coordinator.settings")

app = Celery("coordinator", task_cls="coordinator.tasks_base:SettlementTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
