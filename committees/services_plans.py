"""Writing the committees' yearly work plans: goals and the activities under them. The
plan of a year is created by its first goal."""

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max

from .models import Committee, WorkPlan, WorkPlanActivity, WorkPlanGoal

ACTIVITY_FIELDS = ("title", "starts_on", "ends_on", "budget_request", "status", "notes")


class InvalidActivity(ValueError):
    """An activity that ends before it starts, or asks for a negative budget: a bug, never
    user input (the forms refuse such values first)."""


def _check_activity(data: Mapping[str, Any]) -> None:
    starts_on: dt.date | None = data.get("starts_on")
    ends_on: dt.date | None = data.get("ends_on")
    if starts_on is not None and ends_on is not None and ends_on < starts_on:
        raise InvalidActivity("The activity ends before it starts.")
    budget = data.get("budget_request")
    if budget is not None and Decimal(budget) < 0:
        raise InvalidActivity("The budget request is negative.")


def work_plan_get_or_create(*, committee: Committee, year: int) -> WorkPlan:
    """The committee's plan of ``year``, created (empty) if there is none yet."""
    plan, _created = WorkPlan.objects.get_or_create(
        settlement_id=committee.settlement_id,
        committee=committee,
        year=year,
    )
    return plan


def _next_position(plan: WorkPlan) -> int:
    last = WorkPlanGoal.objects.filter(settlement_id=plan.settlement_id, work_plan=plan).aggregate(
        last=Max("position")
    )["last"]
    return 0 if last is None else last + 1


@transaction.atomic
def goal_add(*, committee: Committee, year: int, title: str) -> WorkPlanGoal:
    """Add a goal at the end of the committee's plan of ``year`` (creating the plan)."""
    plan = work_plan_get_or_create(committee=committee, year=year)
    return WorkPlanGoal.objects.create(
        settlement_id=plan.settlement_id,
        work_plan=plan,
        title=title,
        position=_next_position(plan),
    )


@transaction.atomic
def goal_update(*, goal: WorkPlanGoal, title: str, year: int) -> bool:
    """Rename the goal, or move it (with its activities) to the plan of another year, at
    the end of that plan; whether anything changed."""
    changed = []
    if goal.title != title:
        goal.title = title
        changed.append("title")
    if goal.work_plan.year != year:
        plan = work_plan_get_or_create(committee=goal.work_plan.committee, year=year)
        goal.position = _next_position(plan)
        goal.work_plan = plan
        changed += ["work_plan", "position"]
    if changed:
        goal.save(update_fields=changed)
    return bool(changed)


@transaction.atomic
def goal_delete(*, goal: WorkPlanGoal) -> None:
    """Delete the goal and its activities. The plan of the year stays."""
    goal.delete()


@transaction.atomic
def activity_add(*, goal: WorkPlanGoal, data: Mapping[str, Any]) -> WorkPlanActivity:
    _check_activity(data)
    return WorkPlanActivity.objects.create(
        settlement_id=goal.settlement_id,
        goal=goal,
        **{key: data[key] for key in ACTIVITY_FIELDS if key in data},
    )


@transaction.atomic
def activity_update(*, activity: WorkPlanActivity, data: Mapping[str, Any]) -> bool:
    """Write what changed; whether anything did."""
    _check_activity({**{key: getattr(activity, key) for key in ACTIVITY_FIELDS}, **data})
    changed = [
        key for key in ACTIVITY_FIELDS if key in data and getattr(activity, key) != data[key]
    ]
    for key in changed:
        setattr(activity, key, data[key])
    if changed:
        activity.save(update_fields=changed)
    return bool(changed)


@transaction.atomic
def activity_delete(*, activity: WorkPlanActivity) -> None:
    activity.delete()


@transaction.atomic
def plan_summary_save(*, committee: Committee, year: int, summary: str) -> bool:
    """Write the summary of the committee's plan of ``year``, creating the plan if there
    is none and the summary says something; whether anything changed."""
    plan = (
        WorkPlan.objects.select_for_update()
        .filter(settlement_id=committee.settlement_id, committee=committee, year=year)
        .first()
    )
    if plan is None:
        if not summary:
            return False
        plan = work_plan_get_or_create(committee=committee, year=year)
    if plan.summary == summary:
        return False
    plan.summary = summary
    plan.save(update_fields=["summary"])
    return True
