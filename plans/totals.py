"""The plan's money, added up exactly: per programme, per goal and for the whole plan,
from its budget lines; and the funding position (secured, asked for, still to raise).

Everything is ``Decimal`` with two places (agorot, cents); nothing passes through a float.
The functions are pure (rows in, totals out) so that they are tested on their own, with
hypothesis; ``plan_lines`` reads a plan's rows in one query."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from django.db import models
from django.db.models import DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce

from .models import Actual, BudgetLine, FundingSource, Plan

ZERO = Decimal("0.00")
CENT = Decimal("0.01")


class LineRow(NamedTuple):
    goal_id: int
    programme_id: int
    expense: Decimal
    income: Decimal
    actual_expense: Decimal = ZERO
    actual_income: Decimal = ZERO
    line_id: int = 0


@dataclass(frozen=True)
class Totals:
    """Planned expense and income, and what was actually spent and received."""

    expense: Decimal = ZERO
    income: Decimal = ZERO
    actual_expense: Decimal = ZERO
    actual_income: Decimal = ZERO

    @property
    def net(self) -> Decimal:
        """What it costs the settlement: expense less its own income (fees, sales)."""
        return self.expense - self.income

    @property
    def used(self) -> Decimal | None:
        """The share of the planned expense spent, in per cent (one decimal); None when
        nothing was planned."""
        return percent(self.actual_expense, self.expense)

    def __add__(self, other: "Totals") -> "Totals":
        return Totals(
            self.expense + other.expense,
            self.income + other.income,
            self.actual_expense + other.actual_expense,
            self.actual_income + other.actual_income,
        )


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    if whole <= 0:
        return None
    return (part * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class PlanTotals:
    whole: Totals = field(default_factory=Totals)
    goals: dict[int, Totals] = field(default_factory=dict)
    programmes: dict[int, Totals] = field(default_factory=dict)


def _exact(value: Decimal) -> Decimal:
    if value != value.quantize(CENT):
        raise ValueError(f"{value} is not a whole number of cents")
    return value.quantize(CENT)


def plan_totals(rows: Iterable[LineRow]) -> PlanTotals:
    """Totals of each programme and goal, and of the whole plan, from its lines."""
    goals: dict[int, Totals] = defaultdict(Totals)
    programmes: dict[int, Totals] = defaultdict(Totals)
    whole = Totals()
    for row in rows:
        line = Totals(
            _exact(row.expense),
            _exact(row.income),
            _exact(row.actual_expense),
            _exact(row.actual_income),
        )
        programmes[row.programme_id] += line
        goals[row.goal_id] += line
        whole += line
    return PlanTotals(whole=whole, goals=dict(goals), programmes=dict(programmes))


@dataclass(frozen=True)
class FundingPosition:
    secured: Decimal  # approved or received
    received: Decimal
    requested: Decimal  # asked for, not decided
    planned: Decimal  # not yet asked for
    to_raise: Decimal  # what the plan's net cost still lacks beyond what is secured


SECURED = (FundingSource.Status.APPROVED, FundingSource.Status.RECEIVED)


def funding_position(sources: Iterable[tuple[str, Decimal]], totals: PlanTotals) -> FundingPosition:
    """Where the money stands: ``sources`` are (status, amount) of the plan's funding."""
    by_status: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for status, amount in sources:
        by_status[status] += _exact(amount)
    secured = sum((by_status[s] for s in SECURED), ZERO)
    return FundingPosition(
        secured=secured,
        received=by_status[FundingSource.Status.RECEIVED],
        requested=by_status[FundingSource.Status.REQUESTED],
        planned=by_status[FundingSource.Status.PLANNED],
        to_raise=max(totals.whole.net - secured, ZERO),
    )


def actual_sum(kind: str, prefix: str = "actuals__", since: dt.date | None = None) -> Coalesce:
    """The sum of a line's actuals of ``kind`` (from ``since`` on, if given), zero when it
    has none (``prefix`` leads from the queried model to the actuals)."""
    condition = Q(**{f"{prefix}kind": kind})
    if since is not None:
        condition &= Q(**{f"{prefix}on__gte": since})
    return Coalesce(
        Sum(f"{prefix}amount", filter=condition),
        Value(ZERO),
        output_field=DecimalField(max_digits=14, decimal_places=2),
    )


def line_rows(lines: "models.QuerySet[BudgetLine]") -> list[LineRow]:
    """``lines`` as rows for ``plan_totals``, their actuals summed (one query)."""
    rows = (
        lines.annotate(
            spent=actual_sum(Actual.Kind.EXPENSE), received=actual_sum(Actual.Kind.INCOME)
        )
        .order_by()
        .values_list(
            "programme__goal_id",
            "programme_id",
            "planned_expense",
            "planned_income",
            "spent",
            "received",
            "id",
        )
    )
    return [LineRow(*row) for row in rows]


def plan_lines(plan: Plan) -> list[LineRow]:
    """The plan's budget lines as rows for ``plan_totals`` (one query)."""
    return line_rows(
        BudgetLine.objects.filter(settlement_id=plan.settlement_id, programme__goal__plan=plan)
    )
