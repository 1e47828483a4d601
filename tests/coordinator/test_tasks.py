"""The task base (tenancy guard), publishing after commit, and the core's tasks."""

from unittest import mock

import pytest
from django.core import mail
from django.db import transaction
from django_scopes import ScopeError, scope

from coordinator import tasks
from coordinator.celery import app as celery_app
from coordinator.models import Resident
from coordinator.tasks_base import SettlementTask, enqueue_on_commit
from tests import factories


@celery_app.task(bind=True)
def count_residents(self, *, settlement_id: int) -> int:
    return Resident.objects.count()


@celery_app.task(bind=True)
def count_residents_unscoped(self) -> int:
    return Resident.objects.count()


def test_tasks_use_the_settlement_task_base():
    assert isinstance(count_residents, SettlementTask)
    assert isinstance(tasks.email_send, SettlementTask)


def test_the_task_base_opens_the_settlements_scope(settlement, other_settlement):
    factories.ResidentFactory.create_batch(2, settlement=settlement)
    factories.ResidentFactory.create_batch(5, settlement=other_settlement)
    result = count_residents.apply(kwargs={"settlement_id": settlement.pk})
    assert result.get() == 2
    assert count_residents.apply(kwargs={"settlement_id": other_settlement.pk}).get() == 5


def test_a_task_without_settlement_id_cannot_read_settlement_data(settlement):
    factories.ResidentFactory(settlement=settlement)
    with pytest.raises(ScopeError):
        count_residents_unscoped.apply()


def test_the_scope_ends_with_the_task(settlement):
    count_residents.apply(kwargs={"settlement_id": settlement.pk})
    with pytest.raises(ScopeError):
        Resident.objects.count()


def test_enqueue_on_commit_publishes_once_after_commit(db, django_capture_on_commit_callbacks):
    with (
        mock.patch.object(count_residents, "apply_async") as apply_async,
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        with transaction.atomic():
            enqueue_on_commit(count_residents, settlement_id=7)
            assert apply_async.call_count == 0  # not before the commit
    assert len(callbacks) == 1
    apply_async.assert_called_once_with(kwargs={"settlement_id": 7})


def test_enqueue_on_commit_publishes_nothing_on_rollback(db, django_capture_on_commit_callbacks):
    with (
        mock.patch.object(count_residents, "apply_async") as apply_async,
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        with pytest.raises(RuntimeError), transaction.atomic():
            enqueue_on_commit(count_residents, settlement_id=7)
            raise RuntimeError("the write failed")
    assert callbacks == []
    apply_async.assert_not_called()


def test_enqueue_on_commit_logs_a_broker_failure(db, django_capture_on_commit_callbacks, caplog):
    with (
        mock.patch.object(count_residents, "apply_async", side_effect=OSError("broker down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        enqueue_on_commit(count_residents, settlement_id=7)
    assert "Could not publish task" in caplog.text


def test_enqueue_on_commit_runs_eagerly_in_tests(settlement, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        enqueue_on_commit(
            tasks.email_send, subject="Hello", body="Body", to=["someone@example.org"]
        )
    assert [m.subject for m in mail.outbox] == ["Hello"]


def test_email_send(db):
    sent = tasks.email_send.apply(
        kwargs={
            "subject": "Meeting tonight",
            "body": "At eight.",
            "to": ["ana@example.org"],
            "html": "<p>At eight.</p>",
        }
    ).get()
    assert sent == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert (message.subject, message.body, message.to) == (
        "Meeting tonight",
        "At eight.",
        ["ana@example.org"],
    )
    assert message.alternatives[0][0] == "<p>At eight.</p>"


def test_email_send_retries_on_a_connection_error(db):
    with (
        mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=OSError("no smtp")),
        mock.patch.object(tasks.email_send, "retry", side_effect=RuntimeError("retry")) as retry,
        pytest.raises(RuntimeError, match="retry"),
    ):
        tasks.email_send.apply(kwargs={"subject": "S", "body": "B", "to": ["a@example.org"]})
    assert retry.call_args.kwargs["countdown"] == 30
    assert mail.outbox == []


def test_imports_purge_stale_task(settlement, fixed_clock):
    import datetime as dt

    factories.ImportBatchFactory(settlement=settlement, created_at=factories.FIXED_NOW)
    factories.ImportBatchFactory(
        settlement=settlement, created_at=factories.FIXED_NOW - dt.timedelta(days=2)
    )
    assert tasks.imports_purge_stale.apply().get() == 1


def test_a_task_without_settlement_id_raises_even_inside_a_callers_scope(settlement):
    factories.ResidentFactory(settlement=settlement)
    with scope(settlement=settlement.pk), pytest.raises(ScopeError):
        count_residents_unscoped.apply()
