"""The yearly plan at size: the plan's page, its PDF for the board and its workbook with N
programmes (each with a target and its reading, two budget lines and their actuals), with
their time and queries. The queries must stay flat as N grows; the time shows what a big
plan costs to render (the PDF most)."""

import time
from decimal import Decimal

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coordinator.models import Role
from tests import factories


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


def run(sizes: list[int]) -> None:
    print("Yearly plan: the page, the PDF and the workbook at size")
    for size in sizes:
        row = plan_once(max(5, size // 100))
        print("  " + ", ".join(f"{key} {value:g}" for key, value in row.items()))
