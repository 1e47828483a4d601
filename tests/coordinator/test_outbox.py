"""The outbox: recorded in the transaction, published after commit, claimed before running."""

import datetime as dt
from unittest import mock

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from coordinator import clock
from coordinator.models import OutboxMessage, WorkerProbe
from coordinator.services import outbox
from coordinator.tasks import outbox_relay, outbox_run
from tests import factories

State = OutboxMessage.State
pytestmark = pytest.mark.django_db


class Rollback(Exception):
    pass


def probe(**kwargs) -> OutboxMessage:
    return OutboxMessage.objects.create(
        job="coordinator.worker_probe", kwargs={"key": "k", **kwargs}, created_at=clock.now()
    )


def test_enqueued_work_runs_once_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        message = outbox.outbox_enqueue(job="coordinator.worker_probe", key="after-commit")
        assert WorkerProbe.objects.count() == 0  # nothing before the commit
    assert len(callbacks) == 1
    message.refresh_from_db()
    assert message.state == State.DONE and message.attempts == 1
    assert WorkerProbe.objects.filter(key="after-commit").count() == 1


def test_a_rolled_back_transaction_leaves_no_work(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(Rollback), transaction.atomic():
            outbox.outbox_enqueue(job="coordinator.worker_probe", key="rolled-back")
            raise Rollback
    assert callbacks == []
    assert not OutboxMessage.objects.exists() and not WorkerProbe.objects.exists()


def test_unknown_jobs_are_refused_at_once():
    with pytest.raises(KeyError):
        outbox.outbox_enqueue(job="no.such.job")


def test_broker_down_keeps_the_row_for_the_relay(django_capture_on_commit_callbacks):
    with (
        mock.patch.object(outbox_run, "apply_async", side_effect=OSError("broker down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        message = outbox.outbox_enqueue(job="coordinator.worker_probe", key="later")
    message.refresh_from_db()
    assert message.state == State.PENDING
    assert outbox.outbox_relay() == 0  # too fresh: the publish after commit may still come
    with clock.frozen_at(clock.now() + dt.timedelta(seconds=30)):
        assert outbox_relay.apply().get() == 1
    message.refresh_from_db()
    assert message.state == State.DONE
    assert WorkerProbe.objects.filter(key="later").count() == 1


def test_the_relay_stops_at_the_first_broker_failure():
    for _ in range(3):
        probe()
    with (
        clock.frozen_at(clock.now() + dt.timedelta(minutes=1)),
        mock.patch.object(outbox_run, "apply_async", side_effect=OSError) as publish,
    ):
        assert outbox.outbox_relay() == 0
    assert publish.call_count == 1
    assert OutboxMessage.objects.filter(state=State.PENDING).count() == 3


def test_the_same_message_delivered_twice_runs_once():
    message = probe()
    assert outbox.outbox_run_message(message_id=message.pk) == "done"
    assert outbox.outbox_run_message(message_id=message.pk) == "skipped"
    assert WorkerProbe.objects.count() == 1


def test_a_job_running_elsewhere_is_not_run_again():
    message = probe()
    OutboxMessage.objects.filter(pk=message.pk).update(
        state=State.RUNNING, attempts=1, lease_until=clock.now() + dt.timedelta(minutes=1)
    )
    assert outbox.outbox_run_message(message_id=message.pk) == "skipped"
    assert WorkerProbe.objects.count() == 0


def test_a_repeatable_job_whose_worker_died_runs_again_once():
    """The dead worker's transaction rolled back, so its effect never happened."""
    message = probe()
    OutboxMessage.objects.filter(pk=message.pk).update(
        state=State.RUNNING, attempts=1, lease_until=clock.now() - dt.timedelta(seconds=1)
    )
    assert outbox.outbox_run_message(message_id=message.pk) == "done"
    message.refresh_from_db()
    assert message.attempts == 2 and WorkerProbe.objects.count() == 1


def test_an_interrupted_email_is_parked_not_resent():
    message = OutboxMessage.objects.create(
        job="coordinator.email",
        kwargs={"subject": "S", "body": "B", "to": ["a@example.org"]},
        created_at=clock.now(),
        state=State.RUNNING,
        attempts=1,
        lease_until=clock.now() - dt.timedelta(seconds=1),
    )
    assert outbox.outbox_run_message(message_id=message.pk) == "parked"
    message.refresh_from_db()
    assert message.state == State.PARKED and "not repeated" in message.last_error
    assert mail.outbox == []


def test_an_email_job_sends_once():
    message = OutboxMessage.objects.create(
        job="coordinator.email",
        kwargs={"subject": "Hello", "body": "Body", "to": ["a@example.org"]},
        created_at=clock.now(),
    )
    assert outbox.outbox_run_message(message_id=message.pk) == "done"
    assert outbox.outbox_run_message(message_id=message.pk) == "skipped"
    assert [m.subject for m in mail.outbox] == ["Hello"]


def test_failures_retry_with_backoff_then_park():
    message = probe(fail=True)
    with pytest.raises(outbox.RetryLater) as first:
        outbox.outbox_run_message(message_id=message.pk)
    assert first.value.countdown == 30
    message.refresh_from_db()
    assert message.state == State.RETRYING and message.attempts == 1
    assert "asked to fail" in message.last_error
    with pytest.raises(outbox.RetryLater) as second:
        outbox.outbox_run_message(message_id=message.pk)
    assert second.value.countdown == 60
    assert outbox.outbox_run_message(message_id=message.pk) == "parked"  # max_attempts is 3
    message.refresh_from_db()
    assert message.state == State.PARKED and message.attempts == 3
    assert WorkerProbe.objects.count() == 0  # each failed attempt rolled its effect back
    assert outbox.outbox_run_message(message_id=message.pk) == "skipped"


def test_a_parked_job_can_be_given_another_round():
    message = probe()
    OutboxMessage.objects.filter(pk=message.pk).update(state=State.PARKED, attempts=3)
    message.refresh_from_db()
    assert outbox.outbox_requeue(message=message)
    message.refresh_from_db()
    assert message.state == State.PENDING and message.attempts == 0


def test_an_unknown_job_row_is_parked():
    message = OutboxMessage.objects.create(job="gone.job", created_at=clock.now())
    assert outbox.outbox_run_message(message_id=message.pk) == "parked"


def test_a_job_for_a_settlement_runs_in_its_scope(settlement, other_settlement):
    from coordinator.models import Resident

    factories.ResidentFactory.create_batch(2, settlement=settlement)
    factories.ResidentFactory(settlement=other_settlement)
    seen = []

    @outbox.job("tests.count_residents")
    def count_residents() -> None:
        seen.append(Resident.objects.count())

    message = OutboxMessage.objects.create(
        job="tests.count_residents", settlement_id=settlement.pk, created_at=clock.now()
    )
    try:
        assert outbox.outbox_run_message(message_id=message.pk) == "done"
    finally:
        outbox.JOBS.pop("tests.count_residents")
    assert seen == [2]


def test_password_reset_mail_goes_through_the_outbox(client, django_capture_on_commit_callbacks):
    factories.UserFactory(email="someone@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": "someone@example.org"})
    assert response.status_code == 302
    message = OutboxMessage.objects.get()
    assert message.job == "coordinator.email" and message.state == State.DONE
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["someone@example.org"]


def test_finished_jobs_are_purged_after_a_week_parked_ones_kept():
    old = clock.now() - dt.timedelta(days=8)
    done_old = OutboxMessage.objects.create(
        job="coordinator.email", created_at=old, state=State.DONE, finished_at=old
    )
    done_new = OutboxMessage.objects.create(
        job="coordinator.email", created_at=clock.now(), state=State.DONE, finished_at=clock.now()
    )
    parked = OutboxMessage.objects.create(
        job="coordinator.email", created_at=old, state=State.PARKED, finished_at=old
    )
    from coordinator.tasks import outbox_purge_finished

    assert outbox_purge_finished.apply().get() == 1
    remaining = set(OutboxMessage.objects.values_list("pk", flat=True))
    assert remaining == {done_new.pk, parked.pk} and done_old.pk not in remaining
