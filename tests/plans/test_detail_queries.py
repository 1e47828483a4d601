"""The plan's page runs the same, exact number of queries whatever the plan's size: the
request's baseline (the session, the user, the user's memberships), the plan with its
count of revisions and the settlement's vision (one), and the whole plan read by
``plan_overview`` (six)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse

from coordinator.models import Role
from tests import factories

PAGE = 10  # 3 (baseline) + 1 (the plan, with the vision) + 6 (the overview)
PAGE_CACHED = 4  # the overview's part of the page kept in the cache (nothing changed)
MAX_QUERIES = 12


def make_plan(settlement, programmes: int):
    """A plan of 2026 whose goals each hold five programmes, each with two budget lines
    with actuals, a target with readings, links of every kind, and committees' work
    plans under the programmes."""
    factories.VisionFactory(settlement=settlement)
    plan = factories.PlanFactory(settlement=settlement, year=2026)
    committee = factories.CommitteeFactory.create(settlement=settlement)
    activity_goal = factories.WorkPlanGoalFactory(
        work_plan=factories.WorkPlanFactory(committee=committee, year=2026)
    )
    factories.WorkPlanActivityFactory.create_batch(2, goal=activity_goal)
    partner = factories.PartnerFactory.create(settlement=settlement)
    event = factories.EventFactory(committee=committee)
    course = factories.CourseFactory(committee=committee)
    need = factories.NeedFactory.create(settlement=settlement)
    funding = factories.FundingSourceFactory(plan=plan, status="approved")
    goal = None
    for n in range(programmes):
        if n % 5 == 0:
            goal = factories.GoalFactory.create(plan=plan, age_groups=["youth"])
            goal.needs.add(need)
            goal.neighbourhoods.add(factories.NeighbourhoodFactory.create(settlement=settlement))
            target = factories.TargetFactory(goal=goal)
            for day in (1, 15):
                factories.MeasurementFactory(target=target, measured_on=dt.date(2026, 10, day))
        programme = factories.ProgrammeFactory.create(
            goal=goal, owner=committee if n % 2 else None, starts_on=dt.date(2026, 2, 1)
        )
        programme.partners.add(partner)
        programme.committees.add(committee)
        programme.events.add(event)
        programme.courses.add(course)
        for m in range(2):
            line = factories.BudgetLineFactory(programme=programme, funding=funding if m else None)
            factories.ActualFactory(line=line, amount=Decimal("920.00") if m else Decimal(10))
    return plan


@pytest.mark.parametrize("programmes", [5, 100])
@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.BOARD])
def test_the_plan_page_runs_a_fixed_number_of_queries(
    client, settlement, django_assert_num_queries, programmes, role
):
    plan = make_plan(settlement, programmes)
    client.force_login(factories.member(settlement, role))
    url = reverse("plans:detail", args=[plan.pk])
    client.get(url)  # warm the session
    cache.clear()  # and read the plan afresh
    assert PAGE <= MAX_QUERIES
    with django_assert_num_queries(PAGE):
        response = client.get(url)
    assert response.status_code == 200
    # Again, with nothing changed: the goals and numbers come from the cache.
    with django_assert_num_queries(PAGE_CACHED):
        again = client.get(url)
    body = response.content.decode()
    assert again.content.decode().count("<tr") == body.count("<tr")
    overview = response.context["overview"]
    assert overview.programmes == programmes
    assert sum(len(p.activities) for g in overview.goals for p in g.programmes) == 2 * programmes
    assert len(response.context["goals"]) == programmes // 5
