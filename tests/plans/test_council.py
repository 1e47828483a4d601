"""The yearly plan outside its own pages: a row per settlement on the council staff's
dashboard, the panel on the secretary's and the board's home, and the navigation. The
numbers come from one query for any number of settlements, and whether a target is on
track is decided there exactly as on the plan's page."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django_scopes import scope

from coordinator.models import Role
from plans.models import Plan
from plans.overview import plan_overview
from plans.progress import year_gone
from plans.providers import council_plans, council_plans_context, home_plan_panel
from plans.selectors import plan_numbers
from tests import factories

TODAY = dt.date(2026, 11, 23)


def text(response) -> str:
    return response.content.decode()


def plan_with_money(settlement, status="approved", year=2026):
    """Planned 1,000.00 and 600.00 (income 100.00), spent 400.00; 500.00 secured; two
    targets, one on track, one behind, one not measured."""
    plan = factories.PlanFactory(settlement=settlement, year=year, status=status)
    goal = factories.GoalFactory(plan=plan)
    programme = factories.ProgrammeFactory(goal=goal)
    line = factories.BudgetLineFactory(programme=programme, planned_expense=Decimal("1000.00"))
    factories.BudgetLineFactory(
        programme=programme, planned_expense=Decimal("600.00"), planned_income=Decimal("100.00")
    )
    factories.ActualFactory(line=line, amount=Decimal("400.00"))
    factories.ActualFactory(line=line, amount=Decimal("999.00"), kind="income")
    factories.FundingSourceFactory(plan=plan, amount=Decimal("500.00"), status="received")
    factories.FundingSourceFactory(plan=plan, amount=Decimal("800.00"), status="requested")
    on_track = factories.TargetFactory(goal=goal)
    factories.MeasurementFactory(target=on_track, value=Decimal("45"))
    behind = factories.TargetFactory(goal=goal)
    factories.MeasurementFactory(
        target=behind, value=Decimal("45"), measured_on=dt.date(2026, 1, 1)
    )
    factories.MeasurementFactory(
        target=behind, value=Decimal("11"), measured_on=dt.date(2026, 6, 1)
    )
    factories.TargetFactory(goal=goal)
    return plan


def numbers_of(settlement, today=TODAY, year=2026):
    with scope(settlement=[settlement.pk]):
        return plan_numbers(settlement_ids=[settlement.pk], year=year, gone=year_gone(year, today))[
            settlement.pk
        ]


def test_a_plans_numbers(settlement):
    plan = plan_with_money(settlement)
    numbers = numbers_of(settlement)
    assert numbers.plan_id == plan.pk
    assert numbers.status == Plan.Status.APPROVED
    assert numbers.expense == Decimal("1600.00")
    assert numbers.spent == Decimal("400.00")
    assert numbers.used == Decimal("25.0")
    assert numbers.to_raise == Decimal("1000.00")  # 1,600 − 100 income − 500 secured
    assert (numbers.targets, numbers.on_track) == (3, 1)


def test_a_settlement_without_a_plan_this_year(settlement):
    plan_with_money(settlement, year=2027)
    numbers = numbers_of(settlement)
    assert numbers.plan_id is None and numbers.status == ""
    assert numbers.expense == Decimal("0.00") and numbers.used is None
    assert (numbers.targets, numbers.on_track) == (0, 0)


TARGETS = [
    # (baseline, target value, latest reading or None)
    ("10", "50", "45"),
    ("10", "50", "11"),
    ("10", "50", "60"),
    ("10", "50", "5"),
    ("50", "10", "12"),  # going down: fewer lonely seniors
    ("50", "10", "40"),
    ("20", "20", "20"),  # already there
    ("20", "20", "19"),
    # On 23 November 89.6% of the year is gone: on track from 79.6% (rounded to a tenth).
    ("0", "100", "79.55"),
    ("0", "100", "79.54"),
    ("0", "1000", "795.50"),
    ("0", "1000", "795.49"),
    ("100", "0", "20.45"),
    ("100", "0", "20.46"),
    ("0", "3", "2.39"),
    ("0", "3", "2.38"),
    # On 8 February 10.4% is gone: on track from 0.4%.
    ("0", "100", "0.35"),
    ("0", "100", "0.34"),
    ("10", "50", None),
]


@pytest.mark.parametrize(
    "today", [dt.date(2026, 1, 20), dt.date(2026, 2, 8), TODAY, dt.date(2027, 3, 1)]
)
def test_on_track_is_decided_as_on_the_plans_page(settlement, today):
    plan = factories.PlanFactory(settlement=settlement, year=2026)
    goal = factories.GoalFactory(plan=plan)
    for baseline, target_value, latest in TARGETS:
        target = factories.TargetFactory(
            goal=goal, baseline=Decimal(baseline), target_value=Decimal(target_value)
        )
        if latest is not None:
            factories.MeasurementFactory(target=target, value=Decimal(latest))
    with scope(settlement=[settlement.pk]):
        overview = plan_overview(plan=plan, today=today, language="en")
    numbers = numbers_of(settlement, today)
    assert numbers.targets == overview.targets == len(TARGETS)
    assert numbers.on_track == overview.targets_on_track


def test_the_council_sees_a_row_per_settlement(client, settlement, council_staff, unscoped):
    plan_with_money(settlement)
    draft = factories.SettlementFactory(council=settlement.council, name="Aloni")
    factories.PlanFactory(settlement=draft, year=2026, status="draft")
    factories.SettlementFactory(council=settlement.council, name="Beit Zayit")
    elsewhere = factories.SettlementFactory(name="Outside Village")  # another council
    plan_with_money(elsewhere)
    client.force_login(council_staff)
    response = client.get(reverse("council:dashboard"))
    assert response.status_code == 200
    panels = dict(response.context["dashboard"].panels)
    panel = panels["plans/_council_plans.html"]
    rows = {row["numbers"].name: row for row in panel["rows"]}
    assert set(rows) == {"Home Village", "Aloni", "Beit Zayit"}
    assert rows["Home Village"]["status"] == "Approved"
    assert rows["Aloni"]["status"] == "Draft"
    assert rows["Beit Zayit"]["status"] == "No plan"
    body = text(response)
    assert "Yearly plans" in body
    assert "Outside Village" not in body
    assert "25%" in body
    assert "1 of 3" in body
    assert "No plan" in body


def test_the_council_panel_is_one_query(settlement, django_assert_num_queries):
    plan_with_money(settlement)
    others = [factories.SettlementFactory(council=settlement.council) for _ in range(5)]
    for other in others:
        plan_with_money(other, status="submitted")
    ids = [settlement.pk] + [o.pk for o in others]
    with scope(settlement=ids), django_assert_num_queries(1):
        summaries = council_plans(ids)
    with django_assert_num_queries(0):
        panel = council_plans_context([summaries[pk] for pk in ids])
    assert [row["status"] for row in panel["rows"]].count("Submitted") == 5


@pytest.mark.parametrize("role", [Role.SECRETARY, Role.BOARD])
def test_the_secretary_and_the_board_see_this_years_plan_at_home(client, settlement, role):
    plan = plan_with_money(settlement, status="submitted")
    client.force_login(factories.member(settlement, role))
    response = client.get(reverse("home"))
    body = text(response)
    assert "Yearly plan 2026" in body
    assert "Submitted" in body
    assert "25%" in body
    assert "1,000.00\u00a0€" in body  # still to raise
    assert "1 of 3" in body
    assert reverse("plans:detail", args=[plan.pk]) in body


def test_the_home_panel_without_a_plan(client, settlement):
    client.force_login(factories.member(settlement, Role.SECRETARY))
    body = text(client.get(reverse("home")))
    assert "There is no plan for this year yet." in body


def test_the_home_panel_is_one_query(settlement, coordinator, django_assert_num_queries):
    plan_with_money(settlement)
    with scope(settlement=settlement.pk), django_assert_num_queries(1):
        panel = home_plan_panel(coordinator, settlement)
    assert panel["numbers"].on_track == 1


def test_the_coordinators_home_has_no_plan_panel(coordinator_client, settlement):
    """The coordinator's home is at its most queries (twelve): the plan is in the bar."""
    plan_with_money(settlement)
    response = coordinator_client.get(reverse("home"))
    assert "plans/_home_plan.html" not in [t for t, _p in response.context["panels"]]
    assert reverse("plans:list") in text(response)


def test_the_chair_sees_neither_panel_nor_link(client, settlement, chair):
    plan_with_money(settlement)
    client.force_login(chair)
    body = text(client.get(reverse("home")))
    assert "Yearly plan 2026" not in body
    assert reverse("plans:list") not in body
