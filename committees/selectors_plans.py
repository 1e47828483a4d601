"""Reads of the committees' yearly work plans: the plan of a year with its goals and
activities, their totals (exact, in ``Decimal``) and progress, and the one-line summary on
the committee's page. Every fetch of a goal or an activity authorises it in the same call
(goal or activity → its committee → the permission), and answers 404 otherwise."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, DecimalField, F, Prefetch, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from coordinator.models import Settlement

from .models import Committee, WorkPlan, WorkPlanActivity, WorkPlanGoal
from .selectors import chaired_by

Status = WorkPlanActivity.Status
ZERO = Decimal("0.00")
MIN_YEAR = 2000
YEARS_AHEAD = 5  # a plan may be made up to five years ahead

COUNTED = [status for status in Status.values if status != Status.CANCELLED]
# Badge of each status: Bootstrap's text-bg-* pairs keep the text readable (contrast).
STATUS_BADGES = {
    Status.PLANNED: "text-bg-secondary",
    Status.IN_PROGRESS: "text-bg-primary",
    Status.DONE: "text-bg-success",
    Status.POSTPONED: "text-bg-warning",
    Status.CANCELLED: "text-bg-light border",
}


def max_year(today: dt.date) -> int:
    return today.year + YEARS_AHEAD


def year_from(value: Any, today: dt.date) -> int:
    """The year asked for in a URL (``?year=``), or this year if it is not a sensible one."""
    try:
        year = int(value)
    except (TypeError, ValueError):
        return today.year
    return year if MIN_YEAR <= year <= max_year(today) else today.year


# --- fetch and authorise ---------------------------------------------------------------


def goal_get_for(
    *, user: Any, settlement: Settlement, pk: int, perm: str = "committees.change_committee"
) -> WorkPlanGoal:
    """A goal of one of the settlement's plans, with its plan and committee, if ``user``
    has ``perm`` on that committee; else 404."""
    goal = (
        WorkPlanGoal.objects.filter(settlement=settlement, pk=pk)
        .select_related("work_plan__committee")
        .annotate(chaired_by_user=chaired_by(user, "work_plan__committee_id"))
        .first()
    )
    if goal is None:
        raise Http404
    committee = goal.work_plan.committee
    committee.chaired_by_user = goal.chaired_by_user  # type: ignore[attr-defined]
    if committee.settlement_id != settlement.pk or not user.has_perm(perm, committee):
        raise Http404
    return goal


def activity_get_for(
    *, user: Any, settlement: Settlement, pk: int, perm: str = "committees.change_committee"
) -> WorkPlanActivity:
    """An activity of one of the settlement's plans, with its goal, plan and committee, if
    ``user`` has ``perm`` on that committee; else 404."""
    activity = (
        WorkPlanActivity.objects.filter(settlement=settlement, pk=pk)
        .select_related("goal__work_plan__committee")
        .annotate(chaired_by_user=chaired_by(user, "goal__work_plan__committee_id"))
        .first()
    )
    if activity is None:
        raise Http404
    committee = activity.goal.work_plan.committee
    committee.chaired_by_user = activity.chaired_by_user  # type: ignore[attr-defined]
    if committee.settlement_id != settlement.pk or not user.has_perm(perm, committee):
        raise Http404
    return activity


def goal_activities(*, goal: WorkPlanGoal) -> list[WorkPlanActivity]:
    """The goal's activities, in the plan's order (undated last)."""
    return list(
        WorkPlanActivity.objects.filter(settlement_id=goal.settlement_id, goal=goal).order_by(
            F("starts_on").asc(nulls_last=True), "pk"
        )
    )


# --- the plan of a year ------------------------------------------------------------------


def progress_class(percent: int) -> str:
    """The width class of a progress bar (w-0 … w-100, in steps of 5) for ``percent``."""
    percent = max(0, min(100, percent))
    return f"w-{percent - percent % 5}"


@dataclass
class Progress:
    """Activities done of those that count (cancelled ones do not) and their budget."""

    done: int = 0
    counted: int = 0
    cancelled: int = 0
    budget: Decimal = ZERO

    def add(self, activity: WorkPlanActivity) -> None:
        if activity.status == Status.CANCELLED:
            self.cancelled += 1
            return
        self.counted += 1
        self.budget += activity.budget_request
        if activity.status == Status.DONE:
            self.done += 1

    @property
    def percent(self) -> int:
        return self.done * 100 // self.counted if self.counted else 0

    @property
    def bar_class(self) -> str:
        return progress_class(self.percent)


@dataclass
class GoalView:
    goal: WorkPlanGoal
    activities: list[WorkPlanActivity]
    progress: Progress


@dataclass
class StatusCount:
    status: str
    label: str
    count: int
    badge: str


@dataclass
class PlanView:
    year: int
    plan: WorkPlan | None
    goals: list[GoalView] = field(default_factory=list)
    progress: Progress = field(default_factory=Progress)
    status_counts: list[StatusCount] = field(default_factory=list)

    @property
    def activity_count(self) -> int:
        return sum(len(goal.activities) for goal in self.goals)


def plans_of(*, committee: Committee) -> list[WorkPlan]:
    """Every plan of the committee, newest year first (one query)."""
    return list(
        WorkPlan.objects.filter(settlement_id=committee.settlement_id, committee=committee)
        .only("pk", "year", "summary", "committee_id", "settlement_id")
        .order_by("-year")
    )


def plan_years(*, plans: list[WorkPlan], year: int, today: dt.date) -> list[int]:
    """The years to offer: those with a plan, this year and next, and the one shown."""
    return sorted({plan.year for plan in plans} | {today.year, today.year + 1, year})


def work_plan_for(*, committee: Committee, year: int, plans: list[WorkPlan]) -> PlanView:
    """The plan of ``year`` (from ``plans``, the committee's plans) with its goals in order,
    each with its activities, the totals and the counts by status. Two queries."""
    plan = next((p for p in plans if p.year == year), None)
    view = PlanView(year=year, plan=plan)
    if plan is None:
        return view
    activities = WorkPlanActivity.objects.filter(settlement_id=committee.settlement_id).order_by(
        F("starts_on").asc(nulls_last=True), "pk"
    )
    goals = WorkPlanGoal.objects.filter(
        settlement_id=committee.settlement_id, work_plan=plan
    ).prefetch_related(Prefetch("activities", queryset=activities))
    counts = dict.fromkeys(Status.values, 0)
    for goal in goals.order_by("position", "pk"):
        goal_activities = list(goal.activities.all())
        progress = Progress()
        for activity in goal_activities:
            activity.badge = STATUS_BADGES[Status(activity.status)]  # type: ignore[attr-defined]
            progress.add(activity)
            view.progress.add(activity)
            counts[activity.status] += 1
        view.goals.append(GoalView(goal=goal, activities=goal_activities, progress=progress))
    view.status_counts = [
        StatusCount(status=status, label=str(Status(status).label), count=n, badge=badge)
        for status, badge in STATUS_BADGES.items()
        if (n := counts[status])
    ]
    return view


# --- the summary on the committee's page ------------------------------------------------


@dataclass
class PlanSummary:
    year: int
    exists: bool
    goal_count: int = 0
    done: int = 0
    counted: int = 0
    budget: Decimal = ZERO

    @property
    def percent(self) -> int:
        return self.done * 100 // self.counted if self.counted else 0

    @property
    def bar_class(self) -> str:
        return progress_class(self.percent)


def plan_summary(*, committee: Committee, year: int) -> PlanSummary:
    """Goals, activities done of those that count (not cancelled) and the budget request of
    the committee's plan of ``year``. One query."""
    counted = Q(goals__activities__status__in=COUNTED)
    row = (
        WorkPlan.objects.filter(
            settlement_id=committee.settlement_id, committee=committee, year=year
        )
        .annotate(
            goal_count=Count("goals", distinct=True),
            counted=Count("goals__activities", filter=counted, distinct=True),
            done=Count(
                "goals__activities",
                filter=Q(goals__activities__status=Status.DONE),
                distinct=True,
            ),
            budget=Coalesce(
                Sum("goals__activities__budget_request", filter=counted),
                Value(ZERO),
                output_field=DecimalField(max_digits=14, decimal_places=2),
            ),
        )
        .values("goal_count", "counted", "done", "budget")
        .first()
    )
    if row is None:
        return PlanSummary(year=year, exists=False)
    return PlanSummary(
        year=year,
        exists=True,
        goal_count=row["goal_count"],
        done=row["done"],
        counted=row["counted"],
        budget=Decimal(row["budget"]).quantize(ZERO),
    )
