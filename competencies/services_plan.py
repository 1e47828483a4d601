"""The coordinator's development plan: goals per competency and their learning activities.

Every write takes the row it changes (already fetched with ``owner=request.user`` by the
view, so it is the caller's own) and does nothing when nothing changes. The reads the
pages share are here too: the plan with its activities, the competencies to suggest, and
the next step for the home panel."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import F, Prefetch, QuerySet, Subquery

from coordinator import clock

from .models import Competency, Cycle, DevelopmentGoal, LearningActivity, Rating

OPEN = (LearningActivity.Status.PLANNED, LearningActivity.Status.IN_PROGRESS)
SUGGEST_BELOW = 2  # a rating at this level or lower suggests a goal
SUGGESTIONS = 5


# --- writes ----------------------------------------------------------------------------


@transaction.atomic
def goal_create(*, owner: Any, competency: Competency, goal: str) -> DevelopmentGoal:
    return DevelopmentGoal.objects.create(
        owner=owner, competency=competency, goal=goal, created_at=clock.now()
    )


@transaction.atomic
def goal_update(
    *, goal: DevelopmentGoal, competency: Competency, text: str, status: str
) -> DevelopmentGoal:
    changes = {"competency": competency, "goal": text, "status": status}
    if all(getattr(goal, name) == value for name, value in changes.items()):
        return goal
    for name, value in changes.items():
        setattr(goal, name, value)
    goal.save(update_fields=list(changes))
    return goal


@transaction.atomic
def goal_delete(*, goal: DevelopmentGoal) -> None:
    """Delete the goal and its activities (and their reminders)."""
    goal.delete()


@transaction.atomic
def activity_create(
    *,
    goal: DevelopmentGoal,
    kind: str,
    title: str,
    due_on: dt.date | None,
    status: str,
    notes: str,
) -> LearningActivity:
    return LearningActivity.objects.create(
        goal=goal, kind=kind, title=title, due_on=due_on, status=status, notes=notes
    )


@transaction.atomic
def activity_update(*, activity: LearningActivity, **changes: Any) -> LearningActivity:
    """Change ``kind``, ``title``, ``due_on``, ``status`` and ``notes``. A new due date gets
    a reminder of its own (the reminders are claimed per activity and due date)."""
    allowed = {"kind", "title", "due_on", "status", "notes"}
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    changed = [name for name, value in changes.items() if getattr(activity, name) != value]
    if not changed:
        return activity
    for name in changed:
        setattr(activity, name, changes[name])
    activity.save(update_fields=changed)
    return activity


@transaction.atomic
def activity_delete(*, activity: LearningActivity) -> None:
    activity.delete()


# --- reads -----------------------------------------------------------------------------


@dataclass
class PlanGoal:
    goal: DevelopmentGoal
    activities: list[LearningActivity] = field(default_factory=list)
    overdue: set[int] = field(default_factory=set)  # ids of the overdue activities
    competency_label: str = ""  # filled in by the page, in the reader's language


def plan_of(*, owner: Any, today: dt.date) -> list[PlanGoal]:
    """The owner's goals, active first, then reached, then set aside, each with its
    activities (by due date, those without one last). Two queries."""
    order = {status: n for n, status in enumerate(DevelopmentGoal.Status.values)}
    activities = LearningActivity.objects.order_by(F("due_on").asc(nulls_last=True), "id")
    goals = (
        DevelopmentGoal.objects.filter(owner=owner)
        .select_related("competency")
        .prefetch_related(Prefetch("activities", queryset=activities))
        .order_by("-created_at", "-id")
    )
    rows = []
    for goal in sorted(goals, key=lambda g: order.get(g.status, len(order))):
        items = list(goal.activities.all())
        overdue = {
            a.pk for a in items if a.status in OPEN and a.due_on is not None and a.due_on < today
        }
        rows.append(PlanGoal(goal=goal, activities=items, overdue=overdue))
    return rows


def suggested_ratings(*, owner: Any) -> QuerySet[Rating]:
    """The ratings at ``SUGGEST_BELOW`` or lower of the owner's newest self-assessment,
    lowest first, with their competencies (one query)."""
    newest = Cycle.objects.filter(owner=owner).order_by("-starts_on", "-id").values("pk")[:1]
    return (
        Rating.objects.filter(cycle=Subquery(newest), level__isnull=False, level__lte=SUGGEST_BELOW)
        .select_related("competency")
        .order_by("level", "competency__area__number", "competency__number")[:SUGGESTIONS]
    )


def next_activity(user: Any) -> LearningActivity | None:
    """The coordinator's next step: the open activity of an active goal with the nearest
    due date (overdue ones first), then those without one. One query, with its goal."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        LearningActivity.objects.filter(
            goal__owner=user, goal__status=DevelopmentGoal.Status.ACTIVE, status__in=OPEN
        )
        .select_related("goal")
        .order_by(F("due_on").asc(nulls_last=True), "id")
        .first()
    )


def goal_competency_in(goal: DevelopmentGoal, competencies: list[Competency]) -> int | None:
    """The id, among ``competencies`` (the current version of the model), of the goal's
    competency: itself, or the one with its key (a goal made against an older version)."""
    by_key = {c.key: c.pk for c in competencies}
    if any(c.pk == goal.competency_id for c in competencies):
        return goal.competency_id
    return by_key.get(goal.competency.key)
