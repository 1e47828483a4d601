"""Exact query counts of the committee's page, its work plan and the member and plan
forms, at two data sizes.

Each page runs the same number of queries whether the committee has 2 members and 2
activities or 30 members and 40 activities under several goals: a count that grows with
the data is an N+1 bug. Every request pays three queries before the view runs (the
session, the user, the user's memberships)."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.urls import reverse

from committees.models import CommitteeMember, WorkPlanActivity
from coordinator.models import Role
from tests import factories

MAX_QUERIES = 12
SIZES = {"small": (2, 2), "large": (30, 40)}  # (members, activities)


def populate(settlement, members: int, activities: int) -> dict[str, Any]:
    chair = factories.member(settlement, Role.CHAIR)
    committee = factories.CommitteeFactory(settlement=settlement, chairs=[chair])
    residents = factories.ResidentFactory.create_batch(members + 5, settlement=settlement)
    roles = CommitteeMember.Role.values
    member_rows = [
        factories.CommitteeMemberFactory(
            committee=committee,
            resident=resident,
            role=roles[n % 3],
            term_start=dt.date(2025, 1, 1) if n % 2 else None,
            term_end=dt.date(2025, 12, 31) if n % 4 == 1 else None,
        )
        for n, resident in enumerate(residents[:members])
    ]
    plan = factories.WorkPlanFactory(committee=committee, year=2026)
    factories.WorkPlanFactory(committee=committee, year=2024)
    goals = [
        factories.WorkPlanGoalFactory(work_plan=plan, position=n)
        for n in range(max(1, activities // 8))
    ]
    statuses = WorkPlanActivity.Status.values
    first_activities = []
    for n in range(activities):
        activity = factories.WorkPlanActivityFactory(
            goal=goals[n % len(goals)],
            status=statuses[n % len(statuses)],
            budget_request=f"{100 + n}.25",
            starts_on=None if n % 5 == 0 else dt.date(2026, 1 + n % 12, 1),
        )
        first_activities.append(activity)
    # Another committee's and another settlement's plans, which no page reads.
    other_goal = factories.WorkPlanGoalFactory(
        work_plan__committee=factories.CommitteeFactory(settlement=settlement)
    )
    factories.WorkPlanActivityFactory.create_batch(3, goal=other_goal)
    far = factories.CommitteeFactory()
    far_goal = factories.WorkPlanGoalFactory(work_plan__committee=far)
    factories.WorkPlanActivityFactory.create_batch(3, goal=far_goal)
    factories.CommitteeMemberFactory.create_batch(3, committee=far)
    return {
        "committee": committee,
        "chair": chair,
        "member": member_rows[0],
        "goal": goals[0],
        "activity": first_activities[0],
    }


@dataclass(frozen=True)
class Page:
    url_name: str
    obj: str
    role: str = Role.COORDINATOR
    params: Callable[[dict[str, Any]], dict[str, Any]] = field(default=lambda data: {})
    htmx: bool = False
    expected: int = 0


PAGES = {
    # The committee with its chairs, its members with their residents, the plan's summary.
    "detail": Page("committees:detail", "committee", expected=7),
    "detail_chair": Page("committees:detail", "committee", role="chair", expected=7),
    "detail_board": Page("committees:detail", "committee", role=Role.BOARD, expected=7),
    # The committee with its chairs, its plans (the years), the goals, their activities.
    "work_plan": Page("committees:work_plan", "committee", expected=8),
    "work_plan_chair": Page("committees:work_plan", "committee", role="chair", expected=8),
    "work_plan_secretary": Page(
        "committees:work_plan", "committee", role=Role.SECRETARY, expected=8
    ),
    # A year without goals: no goals to read, so no activities either.
    "work_plan_2024": Page(
        "committees:work_plan", "committee", params=lambda d: {"year": 2024}, expected=7
    ),
    "work_plan_empty_year": Page(
        "committees:work_plan", "committee", params=lambda d: {"year": 2027}, expected=6
    ),
    # The committee with its chairs; the picker: the chosen resident, the matches.
    "member_add": Page("committees:member_add", "committee", expected=5),
    "member_add_search": Page(
        "committees:member_add",
        "committee",
        params=lambda d: {"resident_q": "First", "resident": d["member"].resident_id},
        htmx=True,
        expected=7,
    ),
    "member_edit": Page("committees:member_edit", "member", expected=4),
    "member_remove": Page("committees:member_remove", "member", role="chair", expected=4),
    "goal_add": Page("committees:goal_add", "committee", expected=5),
    "goal_edit": Page("committees:goal_edit", "goal", role="chair", expected=4),
    # The goal and the activities that go with it.
    "goal_delete": Page("committees:goal_delete", "goal", expected=5),
    "activity_add": Page("committees:activity_add", "goal", expected=4),
    "activity_edit": Page("committees:activity_edit", "activity", expected=4),
    "activity_delete": Page("committees:activity_delete", "activity", expected=4),
}


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("name", list(PAGES))
def test_query_count(client, settlement, django_assert_num_queries, name, size):
    page = PAGES[name]
    data = populate(settlement, *SIZES[size])
    user = data["chair"] if page.role == "chair" else factories.member(settlement, page.role)
    client.force_login(user)
    headers = {"HX-Request": "true"} if page.htmx else {}
    assert page.expected <= MAX_QUERIES
    with django_assert_num_queries(page.expected):
        response = client.get(
            reverse(page.url_name, args=[data[page.obj].pk]), page.params(data), headers=headers
        )
    assert response.status_code == 200


def test_the_large_data_fills_the_pages(client, settlement):
    data = populate(settlement, *SIZES["large"])
    client.force_login(factories.member(settlement, Role.COORDINATOR))
    detail = client.get(reverse("committees:detail", args=[data["committee"].pk]))
    assert len(detail.context["members"]) == 30
    plan = client.get(reverse("committees:work_plan", args=[data["committee"].pk]))
    assert plan.context["plan"].activity_count == 40
    assert len(plan.context["plan"].goals) == 5
