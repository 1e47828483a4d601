"""The yearly plan at size: the plan's page, its PDF for the board and its workbook with N
programmes (each with a target and its reading, two budget lines and their actuals), with
their time and queries. The queries must stay flat as N grows; the time shows what a big
plan costs to render (the PDF most).

And the plans' job (``budget_warnings_at``, for bench/jobs.py): the hourly budget warnings
when N/10 budget lines have newly reached 90% of their planned expense, to two
coordinators."""

import time
from decimal import Decimal
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope

from coordinator.models import Role
from plans.models import Actual, BudgetLine
from plans.services_warnings import budget_warnings_queue
from tests import factories

from .jobs import BUDGET, MONDAY, JobRow, measure


def _timed(client: Client, url: str) -> tuple[float, int]:
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        if response.streaming:
            b"".join(response.streaming_content)  # type: ignore[attr-defined]
    return (time.perf_counter() - started) * 1000, len(queries)


def plan_once(size: int) -> dict[str, float]:
    settlement = factories.SettlementFactory.create(language="he", currency="ILS")
    plan = factories.PlanFactory.create(settlement=settlement, year=2026)
    committee = factories.CommitteeFactory.create(settlement=settlement)
    funding = factories.FundingSourceFactory.create(plan=plan, status="approved")
    for n in range(size):
        goal = factories.GoalFactory.create(plan=plan, title=f"מטרה {n}")
        target = factories.TargetFactory.create(goal=goal)
        factories.MeasurementFactory.create(target=target)
        programme = factories.ProgrammeFactory.create(goal=goal, owner=committee)
        for m in range(2):
            line = factories.BudgetLineFactory.create(
                programme=programme, funding=funding, description=f"סעיף {m}"
            )
            factories.ActualFactory.create(line=line, amount=Decimal("450.25"))
    client = Client()
    client.force_login(factories.member(settlement, Role.COORDINATOR))
    client.get(reverse("plans:detail", args=[plan.pk]))  # warm the session
    row: dict[str, float] = {"programmes": size}
    for name in ("detail", "pdf", "xlsx"):
        ms, queries = _timed(client, reverse(f"plans:{name}", args=[plan.pk]))
        row[f"{name} ms"] = ms
        row[f"{name} queries"] = queries
    return row


def run(sizes: list[int]) -> list[dict[str, Any]]:
    print("Yearly plan: the page, the PDF and the workbook at size")
    rows = []
    for size in sizes:
        row = plan_once(max(5, size // 100))
        print("  " + ", ".join(f"{key} {value:g}" for key, value in row.items()))
        rows.append(row)
    return rows


def budget_warnings_at(size: int) -> list[JobRow]:
    """``size // 10`` budget lines at 95% of their planned expense, none warned yet."""
    settlement = factories.SettlementFactory.create(language="en", currency="EUR")
    for n in range(2):
        factories.member(settlement, Role.COORDINATOR, email=f"coordinator{n}@example.org")
    plan = factories.PlanFactory.create(settlement=settlement, year=2026)
    programme = factories.ProgrammeFactory.create(
        goal=factories.GoalFactory.create(plan=plan),
        owner=factories.CommitteeFactory.create(settlement=settlement),
    )
    lines = BudgetLine.objects.bulk_create(
        (
            BudgetLine(
                settlement=settlement,
                programme=programme,
                description=f"Line {n}",
                planned_expense=Decimal("1000.00"),
                planned_income=Decimal("0.00"),
            )
            for n in range(max(1, size // 10))
        ),
        batch_size=1000,
    )
    Actual.objects.bulk_create(
        (
            Actual(
                settlement=settlement,
                line=line,
                amount=Decimal("950.00"),
                on=MONDAY.date(),
                recorded_at=MONDAY,
            )
            for line in lines
        ),
        batch_size=1000,
    )
    with scope(settlement=settlement.pk):
        return [
            measure(BUDGET, size, "e-mails", lambda: budget_warnings_queue(settlement=settlement))
        ]
