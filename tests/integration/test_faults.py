"""Fault tests against real Redis and real workers: a broker that is down or hung, a worker
killed mid-task, a message delivered twice, and a job that always fails."""

import datetime as dt
import time

import pytest
from django.db import transaction
from django.urls import reverse

from coordinator import clock
from coordinator.models import OutboxMessage, WorkerProbe
from coordinator.services import outbox
from coordinator.tasks import outbox_run
from tests import factories

from .conftest import FAST_RECOVERY, NEEDS_POSTGRES, NEEDS_REDIS

pytestmark = [
    NEEDS_POSTGRES,
    NEEDS_REDIS,
    pytest.mark.services,
    pytest.mark.django_db(transaction=True),
]
State = OutboxMessage.State


def reset_request(client) -> tuple[float, int]:
    factories.UserFactory(email="someone@example.org", username="someone")
    started = time.monotonic()
    response = client.post(reverse("password_reset"), {"email": "someone@example.org"})
    return time.monotonic() - started, response.status_code


def relay_later() -> int:
    """What beat's relay does once the broker is back (the clock moved past the wait)."""
    with clock.frozen_at(clock.now() + dt.timedelta(minutes=1)):
        return outbox.outbox_relay()


def probe_effects(key: str) -> int:
    return WorkerProbe.objects.filter(key=key).count()


def enqueue_probe(key: str, **kwargs) -> OutboxMessage:
    with transaction.atomic():
        return outbox.outbox_enqueue(job="coordinator.worker_probe", key=key, **kwargs)


def test_redis_stopped_during_a_request(cluster_for, private_redis, client):
    cluster = cluster_for(private_redis.url)
    private_redis.stop()
    elapsed, status = reset_request(client)
    assert status == 302 and elapsed < 2, f"the request took {elapsed:.2f}s"
    message = OutboxMessage.objects.get()
    assert message.state == State.PENDING  # recorded, not lost
    private_redis.start()
    cluster.start_worker()
    assert relay_later() == 1
    cluster.wait_for(lambda: len(cluster.mails()) == 1, "the mail after Redis came back")
    assert relay_later() == 0  # published once, not again
    time.sleep(1)
    assert len(cluster.mails()) == 1
    message.refresh_from_db()
    assert message.state == State.DONE


def test_redis_that_accepts_but_never_answers(cluster_for, silent_server, client):
    cluster_for(silent_server)
    elapsed, status = reset_request(client)
    assert status == 302 and elapsed < 2, f"the request took {elapsed:.2f}s"
    assert OutboxMessage.objects.get().state == State.PENDING


def test_a_worker_killed_mid_task_is_redelivered_and_the_effect_happens_once(
    cluster_for, private_redis
):
    cluster = cluster_for(private_redis.url)
    first = cluster.start_worker(**FAST_RECOVERY)
    message = enqueue_probe("killed", hold_seconds=4)
    cluster.wait_for(
        lambda: OutboxMessage.objects.get(pk=message.pk).state == State.RUNNING, "running"
    )
    first.kill()
    assert probe_effects("killed") == 0  # its transaction died with it
    cluster.start_worker(**FAST_RECOVERY)
    cluster.wait_for(
        lambda: OutboxMessage.objects.get(pk=message.pk).state == State.DONE,
        "the redelivered job",
        timeout=90,
    )
    assert probe_effects("killed") == 1
    assert OutboxMessage.objects.get(pk=message.pk).attempts == 2


def test_the_same_message_delivered_twice_has_one_effect(cluster_for, private_redis):
    cluster = cluster_for(private_redis.url)
    cluster.start_worker()
    message = enqueue_probe("twice")
    for _ in range(2):  # the same message again, as a broker may redeliver it
        outbox_run.apply_async(kwargs={"message_id": str(message.pk)}, task_id=str(message.pk))
    sentinel = enqueue_probe("sentinel")
    cluster.wait_for(lambda: probe_effects("sentinel") == 1, "the sentinel")
    assert probe_effects("twice") == 1
    assert OutboxMessage.objects.get(pk=message.pk).state == State.DONE
    assert OutboxMessage.objects.get(pk=sentinel.pk).state == State.DONE


def test_a_job_that_always_fails_is_parked_after_bounded_attempts(
    cluster_for, private_redis, admin_client
):
    cluster = cluster_for(private_redis.url)
    cluster.start_worker(**FAST_RECOVERY)
    message = enqueue_probe("poison", fail=True)
    cluster.wait_for(
        lambda: OutboxMessage.objects.get(pk=message.pk).state == State.PARKED, "parked"
    )
    parked = OutboxMessage.objects.get(pk=message.pk)
    assert parked.attempts == 3 and "asked to fail" in parked.last_error
    assert probe_effects("poison") == 0
    time.sleep(2)  # no more attempts after parking
    assert OutboxMessage.objects.get(pk=message.pk).attempts == 3
    page = admin_client.get(
        reverse("admin:coordinator_outboxmessage_changelist"), {"state": "parked"}
    )
    assert page.status_code == 200 and str(message.pk) in page.content.decode()
