"""The plan's page: the vision, the numbers of the year, the budget used per goal, each
goal with its needs, groups, targets and programmes, the budget lines and the committees'
work plans; links to change the plan only for the coordinator and not while the board
has it; another settlement's plan and the roles that do not read plans get 404."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from coordinator.models import Role
from plans.models import Plan
from plans.views_detail import level, width
from tests import factories


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def committee(settlement):
    return factories.CommitteeFactory(settlement=settlement, name="Culture")


@pytest.fixture
def world(settlement, committee):
    """A draft plan of 2026 with one goal of everything (and a second, empty goal)."""
    factories.VisionFactory(settlement=settlement, statement="Everyone belongs here")
    plan = factories.PlanFactory(settlement=settlement, year=2026, title="Together")
    need = factories.NeedFactory(settlement=settlement, title="Lonely seniors")
    goal = factories.GoalFactory(
        plan=plan, title="Seniors meet", description="Weekly meetings", age_groups=["seniors"]
    )
    goal.needs.add(need)
    goal.neighbourhoods.add(factories.NeighbourhoodFactory(settlement=settlement, name="North"))
    goal.tags.add(factories.TagFactory(settlement=settlement, name="Newcomers"))
    empty_goal = factories.GoalFactory(plan=plan, title="Young families")
    on_track = factories.TargetFactory(goal=goal, indicator="Seniors at the club")
    factories.MeasurementFactory(target=on_track, value=Decimal("48"))
    behind = factories.TargetFactory(goal=goal, indicator="Home visits")
    factories.MeasurementFactory(target=behind, value=Decimal("12"))
    factories.TargetFactory(goal=goal, indicator="Volunteers trained")
    partner = factories.PartnerFactory(settlement=settlement, name="Health centre")
    programme = factories.ProgrammeFactory(
        goal=goal,
        title="Seniors' club",
        owner=committee,
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2026, 12, 31),
    )
    programme.partners.add(partner)
    event = factories.EventFactory(committee=committee, title={"en": "Harvest evening"})
    course = factories.CourseFactory(committee=committee, title={"en": "Chair yoga"})
    programme.events.add(event)
    programme.courses.add(course)
    lonely = factories.ProgrammeFactory(goal=goal, title="Phone circle")
    funding = factories.FundingSourceFactory(
        plan=plan, name="Council grant", amount=Decimal("500.00"), status="approved"
    )
    hall = factories.BudgetLineFactory(
        programme=programme,
        description="Hall hire",
        planned_expense=Decimal("1000.00"),
        funding=funding,
    )
    factories.ActualFactory(line=hall, amount=Decimal("950.00"))
    food = factories.BudgetLineFactory(
        programme=programme,
        description="Refreshments",
        category="food",
        planned_expense=Decimal("200.00"),
    )
    factories.ActualFactory(line=food, amount=Decimal("250.00"))
    factories.BudgetLineFactory(
        programme=programme,
        description="Fees",
        planned_expense=Decimal("0.00"),
        planned_income=Decimal("300.10"),
    )
    work_goal = factories.WorkPlanGoalFactory(
        work_plan=factories.WorkPlanFactory(committee=committee, year=2026)
    )
    factories.WorkPlanActivityFactory(
        goal=work_goal, title="Autumn outing", budget_request=Decimal("1200.00")
    )
    factories.WorkPlanActivityFactory(
        goal=work_goal, title="Spring fair", budget_request=Decimal("300.50")
    )
    return {
        "plan": plan,
        "goal": goal,
        "empty_goal": empty_goal,
        "programme": programme,
        "lonely": lonely,
        "hall": hall,
        "food": food,
        "need": need,
        "event": event,
        "course": course,
        "target": on_track,
    }


def set_status(plan, status: str) -> None:
    with scopes_disabled():
        Plan.objects.filter(pk=plan.pk).update(status=status)


def page(client, plan):
    return client.get(reverse("plans:detail", args=[plan.pk]))


def test_the_coordinator_sees_the_whole_plan(coordinator_client, world):
    response = page(coordinator_client, world["plan"])
    assert response.status_code == 200
    body = text(response)
    for words in (
        "Everyone belongs here",
        "Yearly plan 2026: Together",
        "Seniors meet",
        "Weekly meetings",
        "Seniors",
        "North",
        "Newcomers",
        "Health centre",
        "Culture",
        "Hall hire",
        "Council grant",
        "Autumn outing",
        "Spring fair",
    ):
        assert words in body, words
    assert f'id="goal-{world["goal"].pk}"' in body
    assert f'id="programme-{world["programme"].pk}"' in body
    assert reverse("surveys:need_detail", args=[world["need"].pk]) in body
    assert reverse("events:detail", args=[world["event"].pk]) in body
    assert "Harvest evening" in body
    assert reverse("classes:detail", args=[world["course"].pk]) in body
    assert "Chair yoga" in body
    assert reverse("plans:measurements", args=[world["target"].pk]) in body
    assert reverse("plans:actuals", args=[world["hall"].pk]) in body
    for name in ("plans:funding", "plans:revisions", "plans:pdf", "plans:xlsx", "plans:quarterly"):
        assert reverse(name, args=[world["plan"].pk]) in body


def test_the_numbers_of_the_year_are_exact(coordinator_client, world):
    body = text(page(coordinator_client, world["plan"]))
    # Planned 1,200.00, income 300.10, net 899.90; spent 1,200.00 (100%); secured 500.00,
    # so 399.90 still to raise.
    assert "1,200.00\u00a0€" in body
    assert "300.10\u00a0€" in body
    assert "899.90\u00a0€" in body
    assert "399.90\u00a0€" in body
    assert "100% of the planned expense" in body
    # Two of three targets measured, one on track (96% of the way by late November).
    assert "1 of 3" in body
    assert "2 targets measured" in body
    # The committee asks 1,500.50 in all for the programme.
    assert "1,500.50\u00a0€" in body


def test_targets_show_their_standing_and_progress(coordinator_client, world):
    body = text(page(coordinator_client, world["plan"]))
    assert "On track" in body
    assert "Behind" in body
    assert "Not measured" in body
    assert "95%" in body  # (48 - 10) / (50 - 10)
    assert 'class="progress-bar w-95"' in body
    assert "10 → 50 people" in body


def test_lines_near_and_over_their_budget_are_marked(coordinator_client, world):
    body = text(page(coordinator_client, world["plan"]))
    assert '<span class="badge text-bg-warning">95%' in body
    assert '<span class="badge text-bg-danger">125%' in body


def test_the_chart_shows_the_budget_used_per_goal(coordinator_client, world):
    response = page(coordinator_client, world["plan"])
    chart = response.context["chart"]
    assert [bar["goal"].title for bar in chart] == ["Seniors meet", "Young families"]
    assert chart[0]["used"] == Decimal("100.0") and chart[0]["width"] == "w-100"
    assert chart[1]["used"] is None and chart[1]["width"] == "w-0"
    assert "no budget" in text(response)


def test_empty_states(coordinator_client, world):
    body = text(page(coordinator_client, world["plan"]))
    assert "No programmes yet" in body  # the empty goal
    assert "No targets yet" in body
    assert "No budget lines yet" in body  # the phone circle


def test_a_new_plan_shows_where_to_start(coordinator_client, settlement):
    plan = factories.PlanFactory(settlement=settlement, year=2027)
    body = text(page(coordinator_client, plan))
    assert "No vision written yet." in body
    assert reverse("plans:vision") in body
    assert "The plan has no goals yet." in body
    assert reverse("plans:goal_create", args=[plan.pk]) in body
    assert "0 of 0" in body


def change_links(world) -> list[str]:
    return [
        reverse("plans:edit", args=[world["plan"].pk]),
        reverse("plans:goal_create", args=[world["plan"].pk]),
        reverse("plans:goal_edit", args=[world["goal"].pk]),
        reverse("plans:goal_delete", args=[world["goal"].pk]),
        reverse("plans:target_create", args=[world["goal"].pk]),
        reverse("plans:target_edit", args=[world["target"].pk]),
        reverse("plans:target_delete", args=[world["target"].pk]),
        reverse("plans:programme_create", args=[world["goal"].pk]),
        reverse("plans:programme_edit", args=[world["programme"].pk]),
        reverse("plans:programme_delete", args=[world["programme"].pk]),
        reverse("plans:line_create", args=[world["programme"].pk]),
        reverse("plans:line_edit", args=[world["hall"].pk]),
        reverse("plans:line_delete", args=[world["hall"].pk]),
    ]


@pytest.mark.parametrize("status", ["draft", "returned", "approved"])
def test_the_coordinator_may_change_a_plan_not_with_the_board(coordinator_client, world, status):
    set_status(world["plan"], status)
    body = text(page(coordinator_client, world["plan"]))
    for link in change_links(world):
        assert link in body, link


def test_no_change_links_while_the_board_has_the_plan(coordinator_client, world):
    set_status(world["plan"], "submitted")
    response = page(coordinator_client, world["plan"])
    body = text(response)
    for link in change_links(world):
        assert link not in body, link
    assert "with the board for approval" in body
    assert response.context["can_change"] and not response.context["editable"]


@pytest.mark.parametrize("role", [Role.SECRETARY, Role.BOARD])
def test_the_secretary_and_the_board_read_it_without_change_links(client, settlement, world, role):
    client.force_login(factories.member(settlement, role))
    response = page(client, world["plan"])
    assert response.status_code == 200
    body = text(response)
    assert "Hall hire" in body
    for link in change_links(world):
        assert link not in body, link
    assert reverse("plans:vision") not in body  # no "Edit vision"
    assert response.context["can_decide"]
    assert reverse("surveys:need_detail", args=[world["need"].pk]) in body


@pytest.mark.parametrize("role", [Role.CHAIR, Role.SOCIAL_WORKER])
def test_other_roles_of_the_settlement_get_404(client, settlement, world, role):
    client.force_login(factories.member(settlement, role))
    assert page(client, world["plan"]).status_code == 404


def test_council_staff_get_404(client, council_staff, world):
    client.force_login(council_staff)
    assert page(client, world["plan"]).status_code == 404


def test_another_settlements_plan_is_404(coordinator_client, other_settlement):
    plan = factories.PlanFactory(settlement=other_settlement, year=2026)
    assert page(coordinator_client, plan).status_code == 404


def test_another_settlements_coordinator_gets_404(client, other_settlement_coordinator, world):
    client.force_login(other_settlement_coordinator)
    assert page(client, world["plan"]).status_code == 404


def test_anonymous_visitors_go_to_the_login(client, world):
    response = page(client, world["plan"])
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_the_page_is_only_read(coordinator_client, world):
    response = coordinator_client.post(reverse("plans:detail", args=[world["plan"].pk]))
    assert response.status_code == 405


def test_money_is_in_the_settlements_currency(coordinator_client, world, settlement):
    settlement.currency = "ILS"
    settlement.save(update_fields=["currency"])
    body = text(page(coordinator_client, world["plan"]))
    assert "1,200.00\u00a0₪" in body


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, "w-0"),
        (Decimal("0"), "w-0"),
        (Decimal("2.4"), "w-0"),
        (Decimal("2.5"), "w-5"),
        (Decimal("47.5"), "w-50"),
        (Decimal("99.9"), "w-100"),
        (Decimal("250"), "w-100"),
        (Decimal("-5"), "w-0"),
    ],
)
def test_bar_widths_round_to_five(value, expected):
    assert width(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        (Decimal("89.9"), ""),
        (Decimal("90"), "warning"),
        (Decimal("99.9"), "warning"),
        (Decimal("100"), "danger"),
    ],
)
def test_the_warning_levels(value, expected):
    assert level(value) == expected
