"""The whole plan as its page and documents read it: the totals of every line, programme
and goal add up exactly to the plan's (also after revisions), actuals included; targets'
standing; the committees' work plans under the programmes they serve; links named; a
fixed number of queries whatever the size."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django_scopes import scope
from hypothesis import given, settings
from hypothesis import strategies as st

from plans import services
from plans.models import BudgetLine, Plan
from plans.overview import plan_overview, with_vision
from plans.progress import Standing
from plans.totals import ZERO, Totals
from tests import factories

TODAY = dt.date(2026, 11, 23)
cents = st.integers(min_value=0, max_value=10**9).map(lambda n: Decimal(n).scaleb(-2))


def overview(plan):
    with scope(settlement=plan.settlement_id):
        return plan_overview(plan=plan, today=TODAY, language="en")


def check_levels(view):
    """Each level is the exact sum of the one below it."""
    for goal in view.goals:
        for programme in goal.programmes:
            assert sum((lv.totals for lv in programme.lines), Totals()) == programme.totals
        assert sum((p.totals for p in goal.programmes), Totals()) == goal.totals
    assert sum((g.totals for g in view.goals), Totals()) == view.totals


@settings(max_examples=12, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 3), cents, cents, cents, cents), min_size=1, max_size=10),
    st.lists(st.tuples(st.integers(0, 9), cents), max_size=4),
)
@pytest.mark.django_db
def test_totals_are_exact_at_every_level_and_after_revisions(lines, revisions):
    plan = factories.PlanFactory(year=2026)
    goals = [factories.GoalFactory(plan=plan) for _ in range(2)]
    programmes = [factories.ProgrammeFactory(goal=goals[n % 2]) for n in range(4)]
    expected = Totals()
    rows = []
    for index, expense, income, spent, received in lines:
        line = factories.BudgetLineFactory(
            programme=programmes[index], planned_expense=expense, planned_income=income
        )
        factories.ActualFactory(line=line, kind="expense", amount=spent)
        factories.ActualFactory(line=line, kind="income", amount=received)
        rows.append(line)
        expected += Totals(expense, income, spent, received)
    view = overview(plan)
    assert view.totals == expected
    check_levels(view)
    # The board approves; later changes are revisions, and the totals follow them exactly.
    with scope(settlement=plan.settlement_id):
        Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.APPROVED)
    for index, amount in revisions:
        line = rows[index % len(rows)]
        with scope(settlement=plan.settlement_id), transaction.atomic():
            services.plan_change(plan, user=None, reason="Grant changed", summary="line")
            before = BudgetLine.objects.get(pk=line.pk).planned_expense
            BudgetLine.objects.filter(pk=line.pk).update(planned_expense=amount)
        expected = Totals(
            expected.expense - before + amount,
            expected.income,
            expected.actual_expense,
            expected.actual_income,
        )
    view = overview(plan)
    assert view.totals == expected
    check_levels(view)
    with scope(settlement=plan.settlement_id):
        assert plan.revisions.count() == len(revisions)


def test_a_change_to_a_submitted_or_approved_plan(db):
    plan = factories.PlanFactory(status=Plan.Status.SUBMITTED)
    with scope(settlement=plan.settlement_id):
        with pytest.raises(ValidationError) as refused:
            services.plan_change(plan, user=None, reason="anything", summary="x")
        assert refused.value.code == "submitted"
        Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.APPROVED)
        with pytest.raises(ValidationError) as refused:
            services.plan_change(plan, user=None, reason="  ", summary="x")
        assert refused.value.code == "reason"
        assert plan.revisions.count() == 0
        Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.DRAFT)
        assert services.plan_change(plan, user=None, reason="", summary="x") is None
        assert plan.revisions.count() == 0


def test_targets_links_and_the_committees_work_plans(db):
    settlement = factories.SettlementFactory()
    plan = factories.PlanFactory(settlement=settlement, year=2026)
    goal = factories.GoalFactory(plan=plan)
    need = factories.NeedFactory(settlement=settlement, title="Lonely seniors")
    goal.needs.add(need)
    behind = factories.TargetFactory(goal=goal, baseline=Decimal(0), target_value=Decimal(100))
    factories.MeasurementFactory(target=behind, value=Decimal(10), measured_on=dt.date(2026, 3, 1))
    factories.MeasurementFactory(target=behind, value=Decimal(85), measured_on=dt.date(2026, 11, 1))
    factories.TargetFactory(goal=goal)  # not measured
    youth = factories.CommitteeFactory(settlement=settlement, name="Youth")
    culture = factories.CommitteeFactory(settlement=settlement, name="Culture")
    programme = factories.ProgrammeFactory(goal=goal, owner=youth)
    programme.committees.add(culture)
    event = factories.EventFactory(settlement=settlement, title={"en": "Summer fair"})
    programme.events.add(event)
    this_year = factories.WorkPlanActivityFactory(
        goal__work_plan__committee=culture,
        goal__work_plan__year=2026,
        budget_request=Decimal("250.50"),
    )
    factories.WorkPlanActivityFactory(  # another year: not in this plan
        goal__work_plan__committee=culture, goal__work_plan__year=2025
    )
    other = factories.CommitteeFactory(settlement=settlement)
    factories.WorkPlanActivityFactory(goal__work_plan__committee=other, goal__work_plan__year=2026)
    view = overview(plan)
    (goal_view,) = view.goals
    assert goal_view.needs == [(need.pk, "Lonely seniors")]
    standings = [t.progress.standing for t in goal_view.targets]
    assert standings == [Standing.ON_TRACK, Standing.NOT_MEASURED]  # the latest reading counts
    assert (view.targets, view.targets_measured, view.targets_on_track) == (2, 1, 1)
    (programme_view,) = goal_view.programmes
    assert programme_view.events == [(event.pk, "Summer fair")]
    assert programme_view.committees == ["Culture"]
    assert programme_view.activities == [this_year]
    assert programme_view.requested == Decimal("250.50")


def test_the_funding_still_to_raise(db):
    plan = factories.PlanFactory()
    factories.BudgetLineFactory(
        programme__goal__plan=plan, planned_expense=Decimal("1000.00"), planned_income=Decimal(100)
    )
    factories.FundingSourceFactory(plan=plan, status="received", amount=Decimal("300.00"))
    factories.FundingSourceFactory(plan=plan, status="requested", amount=Decimal("400.00"))
    view = overview(plan)
    assert view.position.to_raise == Decimal("600.00")
    assert view.position.requested == Decimal("400.00")
    assert view.totals.net == Decimal("900.00")
    assert view.totals.used == Decimal("0.0") and view.totals.actual_expense == ZERO


def build(plan, programmes: int) -> None:
    committee = factories.CommitteeFactory(settlement=plan.settlement)
    partner = factories.PartnerFactory.create(settlement=plan.settlement)
    factories.WorkPlanActivityFactory(
        goal__work_plan__committee=committee, goal__work_plan__year=plan.year
    )
    for _n in range(programmes):
        goal = factories.GoalFactory(plan=plan)
        target = factories.TargetFactory(goal=goal)
        factories.MeasurementFactory(target=target)
        programme = factories.ProgrammeFactory.create(goal=goal, owner=committee)
        programme.partners.add(partner)
        line = factories.BudgetLineFactory(programme=programme)
        factories.ActualFactory(line=line)
        factories.FundingSourceFactory(plan=plan)


@pytest.mark.parametrize("size", [1, 5, 100])
def test_the_queries_do_not_grow(db, size):
    plan = factories.PlanFactory()
    factories.VisionFactory(settlement=plan.settlement)
    build(plan, size)
    with scope(settlement=plan.settlement_id), CaptureQueriesContext(connection) as captured:
        view = plan_overview(plan=plan, today=TODAY, language="en")
    assert view.programmes == size
    assert len(captured) == 7
    # A plan read with the settlement's vision saves the overview that query.
    with scope(settlement=plan.settlement_id):
        read = with_vision(Plan.objects.filter(pk=plan.pk)).get()
        read.settlement = plan.settlement
        with CaptureQueriesContext(connection) as captured:
            again = plan_overview(plan=read, today=TODAY, language="en")
    assert len(captured) == 6
    assert again.vision is not None and again.vision.statement == view.vision.statement
    assert [g.goal.pk for g in again.goals] == [g.goal.pk for g in view.goals]
    assert [len(g.targets) for g in again.goals] == [len(g.targets) for g in view.goals]
