"""What the yearly plan adds to the navigation, the home page of the secretary and the
board, and the council staff's dashboard."""

import datetime as dt
from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext_lazy

from committees.money import money
from coordinator import clock, registry
from coordinator.models import Role, Settlement
from coordinator.versions import versions_watch

from .models import Plan
from .progress import year_gone
from .selectors import PlanNumbers, plan_numbers

STATUS_BADGES = {
    Plan.Status.DRAFT: "text-bg-secondary",
    Plan.Status.SUBMITTED: "text-bg-primary",
    Plan.Status.RETURNED: "text-bg-warning",
    Plan.Status.APPROVED: "text-bg-success",
}


def status_of(numbers: PlanNumbers) -> tuple[str, str]:
    """The label and badge class of a plan's status ("No plan" when there is none)."""
    if not numbers.status:
        return str(gettext_lazy("No plan")), "text-bg-light border"
    return str(Plan.Status(numbers.status).label), STATUS_BADGES[Plan.Status(numbers.status)]


def home_plan_panel(user: Any, settlement: Settlement) -> dict[str, Any]:
    """This year's plan in numbers: status, budget used, still to raise, targets on track
    (one query)."""
    today = clock.local_today(settlement)
    numbers = plan_numbers(
        settlement_ids=[settlement.pk], year=today.year, gone=year_gone(today.year, today)
    )[settlement.pk]
    label, badge = status_of(numbers)
    return {
        "year": today.year,
        "numbers": numbers,
        "status": label,
        "badge": badge,
        "to_raise": money(numbers.to_raise, settlement.currency),
        "spent": money(numbers.spent, settlement.currency),
        "expense": money(numbers.expense, settlement.currency),
    }


def council_today() -> dt.date:
    """Today at the council (the project's time zone)."""
    return clock.now().astimezone(ZoneInfo(settings.TIME_ZONE)).date()


def council_plans(ids: Sequence[int]) -> dict[int, PlanNumbers]:
    """Each settlement's plan of the current year in numbers: the status, the budget used
    and the targets on track (one query for any number of settlements)."""
    today = council_today()
    return plan_numbers(settlement_ids=ids, year=today.year, gone=year_gone(today.year, today))


def council_plans_context(summaries: list[PlanNumbers | None]) -> dict[str, Any]:
    """A row per settlement, with its status's label in the reader's language."""
    rows = []
    for item in summaries:
        if item is not None:
            label, badge = status_of(item)
            rows.append({"numbers": item, "status": label, "badge": badge})
    return {"year": council_today().year, "rows": rows}


# What the plan's page reads (plans.overview): its own rows and links, and the names of
# what it links to. A change to any of them in a settlement marks its plan pages stale.
PLAN_TOPIC = "plan"
PLAN_PAGE_MODELS = (
    "coordinator.Settlement",  # its languages and currency
    "plans.Vision",
    "plans.Goal_needs",
    "plans.Goal_neighbourhoods",
    "plans.Goal_tags",
    "plans.Programme_partners",
    "plans.Programme_committees",
    "plans.Programme_events",
    "plans.Programme_courses",
    "surveys.Need",
    "coordinator.Neighbourhood",
    "coordinator.Tag",
    "committees.Partner",
    "committees.Committee",
    "committees.WorkPlan",
    "committees.WorkPlanGoal",
    "committees.WorkPlanActivity",
    "events.Event",
    "events.Course",
)


# Every model ``plan_numbers`` reads, or whose deletion removes rows it reads.
PLAN_MODELS = (
    "plans.Plan",
    "plans.Goal",
    "plans.Target",
    "plans.Measurement",
    "plans.Programme",
    "plans.FundingSource",
    "plans.BudgetLine",
    "plans.Actual",
)


def register() -> None:
    from . import rules  # noqa: F401  (the permissions)

    registry.register_nav(
        registry.NavItem(
            gettext_lazy("Yearly plan"), "plans:list", "plans.view_plan", 36, group="community"
        )
    )
    # Not on the coordinator's home: it is at its most queries already (twelve); the
    # coordinator reaches the plan from the navigation.
    registry.register_home_panel(
        registry.Panel(
            "plans/_home_plan.html", home_plan_panel, frozenset({Role.SECRETARY, Role.BOARD})
        )
    )
    registry.register_council_panel(
        registry.CouncilPanel(
            "plans/_council_plans.html",
            council_plans,
            council_plans_context,
            depends_on=PLAN_MODELS,
        )
    )
    versions_watch(PLAN_TOPIC, (*PLAN_MODELS, *PLAN_PAGE_MODELS))
    from .demo import seed

    registry.register_demo(seed)
    from .scale import build as build_scale

    registry.register_scale(build_scale)
