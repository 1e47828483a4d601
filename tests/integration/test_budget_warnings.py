"""Budget warnings on a real broker and a real worker: money recorded against a line
passes 90% and then 100% of its plan; the check after each recording and beat's task,
run twice each time, warn the coordinator exactly twice in all, each e-mail sent once."""

import datetime as dt
import time
from collections import Counter
from decimal import Decimal

import pytest
from django_scopes import scope, scopes_disabled

from coordinator.models import OutboxMessage, Role
from plans import services_through_year
from plans.models import Actual, BudgetWarning
from plans.tasks import budget_warnings
from tests import factories

from .conftest import FAST_RECOVERY, NEEDS_POSTGRES, NEEDS_REDIS
from .mail import mail_text, recipients

pytestmark = [
    NEEDS_POSTGRES,
    NEEDS_REDIS,
    pytest.mark.services,
    pytest.mark.django_db(transaction=True),
]
MONDAY = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)  # the worker's clock starts here


def test_budget_warnings_arrive_once_each(cluster_for, private_redis):
    cluster = cluster_for(private_redis.url)
    settlement = factories.SettlementFactory(slug="budget")
    coordinator = factories.member(
        settlement, Role.COORDINATOR, username="budgetcoord", email="coordinator@example.org"
    )
    line = factories.BudgetLineFactory(
        programme__goal__plan__settlement=settlement,
        programme__goal__plan__year=2026,
        programme__title="Youth club",
        description="Hall hire",
        planned_expense=Decimal("1000.00"),
    )
    cluster.start_worker(**FAST_RECOVERY, CLOCK_START=MONDAY.isoformat())

    def record(amount: str) -> None:
        # Committed at once: the line's check goes to the worker after commit.
        with scope(settlement=settlement.pk):
            services_through_year.actual_add(
                line=line,
                user=coordinator,
                kind=Actual.Kind.EXPENSE,
                amount=Decimal(amount),
                on=dt.date(2026, 11, 20),
            )

    record("600.00")
    record("320.00")  # 92%
    for _ in range(2):  # beat firing twice
        budget_warnings.delay()
    cluster.wait_for(
        lambda: recipients(cluster.mail_dir) == Counter({"coordinator@example.org": 1}),
        "the 90% warning",
        timeout=120,
    )
    record("100.00")  # 102%
    for _ in range(2):
        budget_warnings.delay()
    cluster.wait_for(
        lambda: recipients(cluster.mail_dir) == Counter({"coordinator@example.org": 2}),
        "the 100% warning",
        timeout=120,
    )
    for _ in range(2):  # and again, long after: nothing more
        budget_warnings.delay()
    time.sleep(3)  # anything sent twice would have arrived by now
    assert recipients(cluster.mail_dir) == Counter({"coordinator@example.org": 2})
    text = mail_text(cluster.mail_dir)
    assert "Hall hire" in text and f"/plans/lines/{line.pk}/actuals/" in text
    with scopes_disabled():
        rows = list(
            OutboxMessage.objects.filter(job="coordinator.email", settlement_id=settlement.pk)
        )
        assert len(rows) == 2
        assert {row.state for row in rows} == {OutboxMessage.State.DONE}
        assert sorted(
            BudgetWarning.objects.filter(line=line).values_list("threshold", flat=True)
        ) == [90, 100]
