"""The task base (tenancy guard) and the core's housekeeping tasks."""

import pytest
from django_scopes import ScopeError, scope

from coordinator import tasks
from coordinator.celery import app as celery_app
from coordinator.models import Resident
from coordinator.tasks_base import SettlementTask
from tests import factories


@celery_app.task(bind=True)
def count_residents(self, *, settlement_id: int) -> int:
    return Resident.objects.count()


@celery_app.task(bind=True)
def count_residents_unscoped(self) -> int:
    return Resident.objects.count()


def test_tasks_use_the_settlement_task_base():
    assert isinstance(count_residents, SettlementTask)
    assert isinstance(tasks.outbox_run, SettlementTask)


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
