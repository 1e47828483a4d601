"""Reads of the yearly plan that pages outside the plan show: the numbers of each
settlement's plan of a year (its status, budget used, money still to raise, targets on
track) for the secretary's and the board's home and for the council staff's dashboard.

One query for any number of settlements: every number is a subquery per settlement, and
whether a target is on track is decided in SQL exactly as ``plans.progress`` decides it."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import (
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from coordinator.models import Settlement

from .models import Actual, BudgetLine, FundingSource, Measurement, Plan, Target
from .progress import MARGIN
from .totals import SECURED, ZERO, percent

MONEY: "DecimalField[Decimal, Decimal]" = DecimalField(max_digits=14, decimal_places=2)
# A target's progress is rounded to a tenth of a per cent, half up, before it is compared
# with the year gone: it is on track when the exact progress is at least this much less.
HALF_TENTH = Decimal("0.05")


@dataclass(frozen=True)
class PlanNumbers:
    """A settlement's plan of a year in numbers (no names of people)."""

    settlement_id: int
    name: str
    plan_id: int | None
    status: str  # a Plan.Status, or "" when the settlement has no plan for the year
    expense: Decimal
    income: Decimal
    spent: Decimal
    secured: Decimal
    targets: int
    on_track: int

    @property
    def used(self) -> Decimal | None:
        """The share of the planned expense spent, in per cent; None when none planned."""
        return percent(self.spent, self.expense)

    @property
    def to_raise(self) -> Decimal:
        """What the plan's net cost still lacks beyond the funding secured."""
        return max(self.expense - self.income - self.secured, ZERO)


def on_track_filter(gone: Decimal) -> Q:
    """Targets (annotated with ``latest``, their latest reading) on track when ``gone``
    per cent of the year is gone: progress from the baseline to the target value, capped
    at 0–100 and rounded to a tenth, at least ``gone`` less the margin (``progress.py``).
    Written without division, so a target whose baseline is its target value is fine."""
    measured = Q(latest__isnull=False)
    least = gone - MARGIN
    if least <= 0:  # early in the year any reading is on track (progress is never below 0)
        return measured
    bound = least - HALF_TENTH
    return measured & (
        Q(distance__gt=0, moved__gte=F("distance") * Value(bound, output_field=MONEY))
        | Q(distance__lt=0, moved__lte=F("distance") * Value(bound, output_field=MONEY))
        | Q(distance=0, latest=F("target_value"))
    )


def targets_with_latest(targets: "QuerySet[Target]") -> "QuerySet[Target]":
    """``targets`` with their latest reading (``latest``), the way from the baseline to
    the target value (``distance``) and the way come, in hundredths (``moved``)."""
    latest = Measurement.objects.filter(target=OuterRef("pk")).order_by("-measured_on", "-id")
    return targets.annotate(
        latest=Subquery(latest.values("value")[:1], output_field=MONEY),
        distance=ExpressionWrapper(F("target_value") - F("baseline"), output_field=MONEY),
        moved=ExpressionWrapper((F("latest") - F("baseline")) * 100, output_field=MONEY),
    )


def _per_settlement(queryset: "QuerySet[Any]", value: Any, output: Any = MONEY) -> Coalesce:
    """The sum (or count) of ``value`` over ``queryset``'s rows of the outer settlement."""
    rows = (
        queryset.filter(settlement_id=OuterRef("pk"))
        .order_by()
        .values("settlement_id")
        .annotate(v=value)
        .values("v")[:1]
    )
    zero = Value(ZERO, output_field=MONEY) if output is MONEY else Value(0)
    return Coalesce(Subquery(rows, output_field=output), zero, output_field=output)


def plan_numbers(
    *, settlement_ids: Sequence[int], year: int, gone: Decimal
) -> dict[int, PlanNumbers]:
    """Each settlement's plan of ``year`` in numbers, by settlement id (one query). Call
    inside a scope that covers the settlements."""
    plan = Plan.objects.filter(settlement_id=OuterRef("pk"), year=year)
    lines = BudgetLine.objects.filter(programme__goal__plan__year=year)
    spent = Actual.objects.filter(kind=Actual.Kind.EXPENSE, line__programme__goal__plan__year=year)
    secured = FundingSource.objects.filter(plan__year=year, status__in=SECURED)
    targets = Target.objects.filter(goal__plan__year=year)
    on_track = targets_with_latest(targets).filter(on_track_filter(gone))
    rows = (
        Settlement.objects.filter(pk__in=list(settlement_ids))
        .order_by("name", "pk")
        .annotate(
            plan_id=Subquery(plan.values("pk")[:1]),
            plan_status=Subquery(plan.values("status")[:1]),
            expense=_per_settlement(lines, Sum("planned_expense")),
            income=_per_settlement(lines, Sum("planned_income")),
            spent=_per_settlement(spent, Sum("amount")),
            secured=_per_settlement(secured, Sum("amount")),
            targets=_per_settlement(targets, Count("pk"), IntegerField()),
            on_track=_per_settlement(on_track, Count("pk"), IntegerField()),
        )
        .values_list(
            "pk",
            "name",
            "plan_id",
            "plan_status",
            "expense",
            "income",
            "spent",
            "secured",
            "targets",
            "on_track",
        )
    )
    numbers = {}
    for pk, name, plan_id, status, expense, income, used, got, count, track in rows:
        numbers[pk] = PlanNumbers(
            settlement_id=pk,
            name=name,
            plan_id=plan_id,
            status=status or "",
            expense=_cents(expense),
            income=_cents(income),
            spent=_cents(used),
            secured=_cents(got),
            targets=int(count or 0),
            on_track=int(track or 0),
        )
    return numbers


def _cents(value: Any) -> Decimal:
    return Decimal(value or 0).quantize(Decimal("0.01"))
