"""The pages that write the plan run the same, exact number of queries whatever the data:
the plans of the years, the vision, the funding page and a content form."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django_scopes import scope

from coordinator.models import Role
from plans import services
from tests import factories

pytestmark = pytest.mark.django_db

# Every page: the session, the user, the user's memberships (the request's baseline).
LIST = 5  # baseline, count of plans, the page of plans with their budgets
LIST_READER = 5  # the same for a reader, who has no form
VISION = 5  # baseline, the vision with its author, its history with authors
FUNDING = 6  # baseline, the plan, its sources, its lines (for the totals)
GOAL_FORM = 10  # baseline, the goal and its plan, its needs, places and tags, their choices
PROGRAMME_FORM = (
    12  # baseline, the programme, its 4 links, committees (once), partners, events, classes
)


def assert_queries(client, django_assert_num_queries, url, expected):
    client.get(url)  # warm the session and caches
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
    return response


def make_plans(settlement, count: int) -> None:
    for n in range(count):
        plan = factories.PlanFactory(settlement=settlement, year=2030 + n)
        programme = factories.ProgrammeFactory(goal=factories.GoalFactory(plan=plan))
        factories.BudgetLineFactory.create_batch(2, programme=programme)


@pytest.mark.parametrize("count", [3, 30])
def test_list_queries_are_fixed(coordinator_client, settlement, django_assert_num_queries, count):
    make_plans(settlement, count)
    response = assert_queries(
        coordinator_client, django_assert_num_queries, reverse("plans:list"), LIST
    )
    assert response.content.decode().count("2,000.00") == min(count, 20)


@pytest.mark.parametrize("count", [3, 30])
def test_list_queries_for_a_reader(client, settlement, django_assert_num_queries, count):
    client.force_login(factories.member(settlement, Role.BOARD, username="board"))
    make_plans(settlement, count)
    assert_queries(client, django_assert_num_queries, reverse("plans:list"), LIST_READER)


@pytest.mark.parametrize("count", [2, 25])
def test_vision_queries_are_fixed(
    coordinator_client, coordinator, settlement, django_assert_num_queries, fixed_clock, count
):
    for n in range(count):
        fixed_clock.set_now(factories.FIXED_NOW + dt.timedelta(seconds=n))
        with scope(settlement=settlement):
            services.vision_save(
                settlement=settlement, user=coordinator, statement=f"Words {n}", values=""
            )
    response = assert_queries(
        coordinator_client, django_assert_num_queries, reverse("plans:vision"), VISION
    )
    assert response.content.decode().count("<details>") == min(count - 1, 20)


@pytest.mark.parametrize("count", [2, 30])
def test_funding_queries_are_fixed(
    coordinator_client, settlement, django_assert_num_queries, count
):
    plan = factories.PlanFactory(settlement=settlement)
    programme = factories.ProgrammeFactory(goal=factories.GoalFactory(plan=plan))
    for n in range(count):
        source = factories.FundingSourceFactory(
            plan=plan, amount=Decimal("100.00"), status="approved" if n % 2 else "planned"
        )
        factories.BudgetLineFactory(programme=programme, funding=source)
    response = assert_queries(
        coordinator_client,
        django_assert_num_queries,
        reverse("plans:funding", args=[plan.pk]),
        FUNDING,
    )
    assert response.content.decode().count('id="funding-') == count


@pytest.mark.parametrize("count", [2, 20])
def test_goal_form_queries_are_fixed(
    coordinator_client, settlement, django_assert_num_queries, count
):
    goal = factories.GoalFactory(plan=factories.PlanFactory(settlement=settlement))
    for n in range(count):
        need = factories.NeedFactory(settlement=settlement, title=f"Need {n:02}")
        goal.needs.add(need)
        goal.neighbourhoods.add(factories.NeighbourhoodFactory(settlement=settlement))
        goal.tags.add(factories.TagFactory(settlement=settlement))
    response = assert_queries(
        coordinator_client,
        django_assert_num_queries,
        reverse("plans:goal_edit", args=[goal.pk]),
        GOAL_FORM,
    )
    assert response.content.decode().count('name="needs"') == count


@pytest.mark.parametrize("count", [2, 20])
def test_programme_form_queries_are_fixed(
    coordinator_client, settlement, django_assert_num_queries, count
):
    programme = factories.ProgrammeFactory(
        goal=factories.GoalFactory(plan=factories.PlanFactory(settlement=settlement))
    )
    season = factories.SeasonFactory(settlement=settlement)
    for n in range(count):
        committee = factories.CommitteeFactory(settlement=settlement, name=f"Committee {n:02}")
        programme.committees.add(committee)
        programme.partners.add(factories.PartnerFactory(settlement=settlement))
        programme.events.add(factories.EventFactory(settlement=settlement))
        programme.courses.add(factories.CourseFactory(committee=committee, season=season))
    response = assert_queries(
        coordinator_client,
        django_assert_num_queries,
        reverse("plans:programme_edit", args=[programme.pk]),
        PROGRAMME_FORM,
    )
    assert response.content.decode().count('name="committees"') == count
