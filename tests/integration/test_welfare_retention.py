"""The welfare retention job on a real broker and a real worker: a case closed long ago is
purged, leaving its count; a case closed recently and an access-log entry of last year
stay."""

import datetime as dt

import pytest
from django_scopes import scopes_disabled

from tests import factories
from welfare.models import CaseAccess, PurgedCases, WelfareCase
from welfare.tasks import welfare_retention

from .conftest import FAST_RECOVERY, NEEDS_POSTGRES, NEEDS_REDIS

pytestmark = [
    NEEDS_POSTGRES,
    NEEDS_REDIS,
    pytest.mark.services,
    pytest.mark.django_db(transaction=True),
]
MONDAY = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)  # the worker's clock starts here


def test_the_worker_purges_old_closed_cases_once(cluster_for, private_redis):
    cluster = cluster_for(private_redis.url)
    settlement = factories.SettlementFactory(slug="welfare")
    old = factories.WelfareCaseFactory(
        household__settlement=settlement,
        categories=["health"],
        status=WelfareCase.Status.CLOSED,
        opened_at=dt.datetime(2023, 5, 1, tzinfo=dt.UTC),
        closed_at=MONDAY - dt.timedelta(days=1000),
    )
    recent = factories.WelfareCaseFactory(
        household__settlement=settlement,
        status=WelfareCase.Status.CLOSED,
        closed_at=MONDAY - dt.timedelta(days=10),
    )
    entry = CaseAccess.objects.create(
        settlement_id=settlement.pk,
        case_id=old.pk,
        user=factories.UserFactory(),
        action=CaseAccess.Action.OPENED,
        at=MONDAY - dt.timedelta(days=300),
    )
    cluster.start_worker(**FAST_RECOVERY, CLOCK_START=MONDAY.isoformat())
    for _ in range(2):  # beat firing twice
        welfare_retention.delay()

    def purged() -> bool:
        with scopes_disabled():
            return not WelfareCase.objects.filter(pk=old.pk).exists()

    cluster.wait_for(purged, "the old closed case purged", timeout=120)
    with scopes_disabled():
        assert WelfareCase.objects.filter(pk=recent.pk).exists()
        assert CaseAccess.objects.filter(pk=entry.pk).exists()
        counts = list(PurgedCases.objects.values_list("year", "category", "count"))
    assert counts == [(2023, "health", 1)]  # counted once, though beat fired twice
