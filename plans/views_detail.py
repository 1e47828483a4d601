"""The plan's page: the coordinator's dashboard of the plan, and what the secretary and the
board read before they decide. The vision, the plan's status, the numbers of the year
(budget, used so far, still to raise, targets on track), the budget used per goal, and
each goal with its targets, programmes, budget lines and the committees' work plans.

The whole page is read by ``plan_overview`` (eight queries) and the plan itself (one):
the same number of queries whatever the plan's size."""

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from committees.money import money
from coordinator import clock
from coordinator.decorators import settlement_permission
from coordinator.models import AgeGroup, Settlement

from .models import Plan, PlanRevision
from .overview import GoalView, Overview, ProgrammeView, plan_overview
from .progress import Standing
from .providers import STATUS_BADGES
from .rules import CHANGE, DECIDE, VIEW
from .totals import Totals

VIEW_NEEDS = "surveys.view_needs"
WARN_AT = Decimal(90)  # per cent of a line's planned expense spent: a warning colour
OVER_AT = Decimal(100)  # and from here, danger


def width(value: Decimal | None) -> str:
    """A CSS width class for a bar of ``value`` per cent, rounded to 5 (0 to 100)."""
    if value is None:
        return "w-0"
    fifths = (max(min(value, Decimal(100)), Decimal(0)) / 5).quantize(Decimal(1), ROUND_HALF_UP)
    return f"w-{int(fifths) * 5}"


def level(used: Decimal | None) -> str:
    """How alarming a share of the budget spent is: "", "warning" or "danger"."""
    if used is None or used < WARN_AT:
        return ""
    return "danger" if used >= OVER_AT else "warning"


def money_of(totals: Totals, currency: str) -> dict[str, Any]:
    """``totals`` as the page shows them: money in the settlement's currency, the share
    used, its bar and its colour."""
    return {
        "expense": money(totals.expense, currency),
        "income": money(totals.income, currency),
        "net": money(totals.net, currency),
        "actual_expense": money(totals.actual_expense, currency),
        "actual_income": money(totals.actual_income, currency),
        "used": totals.used,
        "width": width(totals.used),
        "level": level(totals.used),
    }


def standing_of(standing: Standing) -> tuple[str, str]:
    """The label and badge class of a target's standing."""
    return {
        Standing.ON_TRACK: (_("On track"), "text-bg-success"),
        Standing.BEHIND: (_("Behind"), "text-bg-warning"),
        Standing.REACHED: (_("Reached"), "text-bg-primary"),
        Standing.NOT_MEASURED: (_("Not measured"), "text-bg-light border"),
    }[standing]


def _programme(view: ProgrammeView, currency: str) -> dict[str, Any]:
    work: list[dict[str, Any]] = []
    for activity in view.activities:
        committee = activity.goal.work_plan.committee
        if not work or work[-1]["committee"] != committee.pk:
            work.append(
                {"committee": committee.pk, "name": committee.name, "rows": [], "sum": Decimal(0)}
            )
        work[-1]["rows"].append(
            {"activity": activity, "request": money(activity.budget_request, currency)}
        )
        work[-1]["sum"] += activity.budget_request
    for group in work:
        group["sum"] = money(group["sum"], currency)
    return {
        "view": view,
        "lines": [{"line": lv.line, "money": money_of(lv.totals, currency)} for lv in view.lines],
        "money": money_of(view.totals, currency),
        "work": work,
        "requested": money(view.requested, currency),
    }


def _goal(view: GoalView, currency: str, needs_url: bool) -> dict[str, Any]:
    ages = dict(AgeGroup.choices)
    return {
        "view": view,
        "age_groups": [str(ages[code]) for code in view.goal.age_groups if code in ages],
        "needs": [
            (reverse("surveys:need_detail", args=[pk]) if needs_url else "", title)
            for pk, title in view.needs
        ],
        "targets": [
            {
                "view": tv,
                "width": width(tv.progress.percent),
                "standing": standing_of(tv.progress.standing),
            }
            for tv in view.targets
        ],
        "programmes": [_programme(p, currency) for p in view.programmes],
        "money": money_of(view.totals, currency),
    }


def page_context(overview: Overview, settlement: Settlement, user: Any) -> dict[str, Any]:
    """What the page shows, computed from the overview with no further query."""
    currency = settlement.currency
    position = overview.position
    goals = [_goal(g, currency, user.has_perm(VIEW_NEEDS, settlement)) for g in overview.goals]
    return {
        "overview": overview,
        "vision": overview.vision,
        "money": money_of(overview.totals, currency),
        "to_raise": money(position.to_raise, currency),
        "secured": money(position.secured, currency),
        "year_gone": overview.year_gone,
        "year_gone_width": width(overview.year_gone),
        "chart": [
            {"goal": g["view"].goal, "used": g["money"]["used"], "width": g["money"]["width"]}
            for g in goals
        ],
        "goals": goals,
    }


@require_GET
@settlement_permission(VIEW)
def plan_detail(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    revisions = (
        PlanRevision.objects.filter(plan=OuterRef("pk"))
        .order_by()
        .values("plan")
        .annotate(n=Count("pk"))
        .values("n")
    )
    plan: Any = get_object_or_404(
        Plan.objects.filter(settlement=settlement)
        .select_related("decided_by")
        .annotate(
            revisions_count=Coalesce(Subquery(revisions, output_field=IntegerField()), Value(0))
        ),
        pk=pk,
    )
    plan.settlement = settlement  # the request's, already read
    overview = plan_overview(
        plan=plan, today=clock.local_today(settlement), language=get_language() or ""
    )
    user: Any = request.user
    can_change = user.has_perm(CHANGE, settlement)
    context = page_context(overview, settlement, user)
    context.update(
        {
            "settlement": settlement,
            "plan": plan,
            "status_badge": STATUS_BADGES[Plan.Status(plan.status)],
            "can_change": can_change,
            "can_decide": user.has_perm(DECIDE, settlement),
            # Links to change the plan: not while it is with the board.
            "editable": can_change and plan.status != Plan.Status.SUBMITTED,
            "revisions_count": plan.revisions_count,
        }
    )
    return render(request, "plans/detail.html", context)
