"""The plan's money adds up exactly, to the agora and the cent, across lines, programmes,
goals and the whole plan (property-based, with hypothesis), and the same from the
database as from the rows; the funding position says what is still to raise."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django_scopes import scope
from hypothesis import given, settings
from hypothesis import strategies as st

from plans.models import FundingSource
from plans.totals import (
    ZERO,
    LineRow,
    Totals,
    funding_position,
    plan_lines,
    plan_totals,
)
from tests import factories

cents = st.integers(min_value=0, max_value=10**10).map(lambda n: Decimal(n).scaleb(-2))
rows = st.lists(
    st.tuples(st.integers(1, 4), st.integers(1, 12), cents, cents).map(
        lambda t: LineRow(goal_id=t[0], programme_id=t[0] * 100 + t[1], expense=t[2], income=t[3])
    ),
    max_size=60,
)


@given(rows)
def test_every_level_adds_up_to_the_same_whole(lines):
    totals = plan_totals(lines)
    expense = sum((line.expense for line in lines), ZERO)
    income = sum((line.income for line in lines), ZERO)
    assert totals.whole == Totals(expense, income)
    assert sum(totals.goals.values(), Totals()) == totals.whole
    assert sum(totals.programmes.values(), Totals()) == totals.whole
    for goal_id, goal in totals.goals.items():
        programmes = [t for pk, t in totals.programmes.items() if pk // 100 == goal_id]
        assert sum(programmes, Totals()) == goal
    assert totals.whole.net == expense - income
    assert totals.whole.expense.as_tuple().exponent == -2  # cents, not a float's digits


@given(rows, rows)
def test_a_revision_moving_lines_between_programmes_keeps_the_whole(lines, added):
    """Lines added later (a revision) change the whole by exactly their own sum."""
    before, after = plan_totals(lines), plan_totals(lines + added)
    assert after.whole == before.whole + plan_totals(added).whole


def test_a_fraction_of_a_cent_is_refused():
    with pytest.raises(ValueError):
        plan_totals([LineRow(1, 1, Decimal("0.005"), ZERO)])


@given(
    st.lists(st.tuples(st.sampled_from(FundingSource.Status.values), cents), max_size=20),
    cents,
)
def test_what_is_still_to_raise(sources, expense):
    totals = plan_totals([LineRow(1, 1, expense, ZERO)])
    position = funding_position(sources, totals)
    secured = sum(
        (amount for status, amount in sources if status in ("approved", "received")), ZERO
    )
    assert position.secured == secured
    assert position.to_raise == max(expense - secured, ZERO)
    assert position.secured + position.requested + position.planned == sum(
        (amount for _s, amount in sources), ZERO
    )


@settings(max_examples=15, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2), cents, cents), min_size=1, max_size=12))
@pytest.mark.django_db
def test_the_database_gives_the_same_totals_as_the_rows(lines):
    """Stored as DECIMAL(12, 2) and read back, the lines add up to the cent as they were
    written (SQLite and PostgreSQL alike)."""
    plan = factories.PlanFactory()
    goals = [factories.GoalFactory(plan=plan) for _ in range(2)]
    programmes = [factories.ProgrammeFactory(goal=goals[n % 2]) for n in range(3)]
    written = []
    for index, expense, income in lines:
        programme = programmes[index]
        factories.BudgetLineFactory(
            programme=programme, planned_expense=expense, planned_income=income
        )
        written.append(LineRow(programme.goal_id, programme.pk, expense, income))
    factories.FundingSourceFactory(plan=plan, status="received", amount=Decimal("10.05"))
    with scope(settlement=plan.settlement_id):
        read = plan_lines(plan)
        funding = list(FundingSource.objects.filter(plan=plan).values_list("status", "amount"))
    assert plan_totals(read) == plan_totals(written)
    assert funding == [("received", Decimal("10.05"))]


def test_the_database_refuses_negative_money_and_a_second_plan_for_a_year(db):
    plan = factories.PlanFactory(year=2027)
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.BudgetLineFactory(programme__goal__plan=plan, planned_expense=Decimal("-1.00"))
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.FundingSourceFactory(plan=plan, amount=Decimal("-0.01"))
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.PlanFactory(settlement=plan.settlement, year=2027)


spent = st.lists(
    st.tuples(st.integers(1, 4), st.integers(1, 12), cents, cents, cents, cents).map(
        lambda t: LineRow(t[0], t[0] * 100 + t[1], t[2], t[3], t[4], t[5])
    ),
    max_size=60,
)


@given(spent)
def test_actuals_add_up_like_the_plan(lines):
    totals = plan_totals(lines)
    assert totals.whole.actual_expense == sum((row.actual_expense for row in lines), ZERO)
    assert totals.whole.actual_income == sum((row.actual_income for row in lines), ZERO)
    assert sum(totals.goals.values(), Totals()) == totals.whole
    assert sum(totals.programmes.values(), Totals()) == totals.whole
    if totals.whole.expense > 0:
        used = totals.whole.actual_expense * 100 / totals.whole.expense
        assert abs(totals.whole.used - used) <= Decimal("0.05")
    else:
        assert totals.whole.used is None
