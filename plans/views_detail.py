"""The plan's page: the coordinator's dashboard of the plan, and what the secretary and the
board read before they decide. The vision, the plan's status, the numbers of the year
(budget, used so far, still to raise, targets on track), the budget used per goal, and
each goal with its targets, programmes, budget lines and the committees' work plans.

The whole page is read by ``plan_overview`` (six queries) and the plan itself with the
settlement's vision (one): the same number of queries whatever the plan's size."""

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from committees.money import MoneyWriter
from coordinator import clock
from coordinator.decorators import settlement_permission
from coordinator.models import AgeGroup, Settlement
from coordinator.url_maker import UrlMaker
from coordinator.versions import fragment, fragment_key

from .models import Plan, PlanRevision
from .overview import (
    GoalView,
    Overview,
    ProgrammeView,
    plan_overview,
    vision_of,
    with_vision,
)
from .progress import Standing
from .providers import PLAN_TOPIC, STATUS_BADGES
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


class MoneyOf:
    """``totals`` as the page shows them: money in the settlement's currency, the share
    used, its bar and its colour. Each is written when the template first reads it (a
    budget line shows three amounts of five, and the page has many lines)."""

    def __init__(self, totals: Totals, write: MoneyWriter) -> None:
        self.totals = totals
        self.write = write
        self.used = totals.used

    def __getitem__(self, key: str) -> Any:
        """For the view's own reading (``money["used"]``), as the template reads it."""
        return getattr(self, key)

    @cached_property
    def expense(self) -> str:
        return self.write(self.totals.expense)

    @cached_property
    def income(self) -> str:
        return self.write(self.totals.income)

    @cached_property
    def net(self) -> str:
        return self.write(self.totals.net)

    @cached_property
    def actual_expense(self) -> str:
        return self.write(self.totals.actual_expense)

    @cached_property
    def actual_income(self) -> str:
        return self.write(self.totals.actual_income)

    @cached_property
    def width(self) -> str:
        return width(self.used)

    @cached_property
    def level(self) -> str:
        return level(self.used)


def standing_of(standing: Standing) -> tuple[str, str]:
    """The label and badge class of a target's standing."""
    return {
        Standing.ON_TRACK: (_("On track"), "text-bg-success"),
        Standing.BEHIND: (_("Behind"), "text-bg-warning"),
        Standing.REACHED: (_("Reached"), "text-bg-primary"),
        Standing.NOT_MEASURED: (_("Not measured"), "text-bg-light border"),
    }[standing]


def _programme(view: ProgrammeView, write: MoneyWriter, urls: UrlMaker) -> dict[str, Any]:
    work: list[dict[str, Any]] = []
    for activity in view.activities:
        committee = activity.goal.work_plan.committee
        if not work or work[-1]["committee"] != committee.pk:
            work.append(
                {"committee": committee.pk, "name": committee.name, "rows": [], "sum": Decimal(0)}
            )
        work[-1]["rows"].append({"activity": activity, "request": write(activity.budget_request)})
        work[-1]["sum"] += activity.budget_request
    for group in work:
        group["sum"] = write(group["sum"])
    pk = view.programme.pk
    return {
        "view": view,
        "lines": [
            {
                "line": lv.line,
                "money": MoneyOf(lv.totals, write),
                "urls": {
                    "actuals": urls("plans:actuals", lv.line.pk),
                    "edit": urls("plans:line_edit", lv.line.pk),
                    "delete": urls("plans:line_delete", lv.line.pk),
                },
            }
            for lv in view.lines
        ],
        "money": MoneyOf(view.totals, write),
        "work": work,
        "requested": write(view.requested),
        "events": [(urls("events:detail", event), title) for event, title in view.events],
        "courses": [(urls("classes:detail", course), title) for course, title in view.courses],
        "urls": {
            "edit": urls("plans:programme_edit", pk),
            "delete": urls("plans:programme_delete", pk),
            "line_create": urls("plans:line_create", pk),
        },
    }


def _goal(view: GoalView, write: MoneyWriter, needs_url: bool, urls: UrlMaker) -> dict[str, Any]:
    ages = dict(AgeGroup.choices)
    pk = view.goal.pk
    return {
        "view": view,
        "age_groups": [str(ages[code]) for code in view.goal.age_groups if code in ages],
        "needs": [
            (urls("surveys:need_detail", need) if needs_url else "", title)
            for need, title in view.needs
        ],
        "targets": [
            {
                "view": tv,
                "width": width(tv.progress.percent),
                "standing": standing_of(tv.progress.standing),
                "urls": {
                    "measurements": urls("plans:measurements", tv.target.pk),
                    "edit": urls("plans:target_edit", tv.target.pk),
                    "delete": urls("plans:target_delete", tv.target.pk),
                },
            }
            for tv in view.targets
        ],
        "programmes": [_programme(p, write, urls) for p in view.programmes],
        "money": MoneyOf(view.totals, write),
        "urls": {
            "edit": urls("plans:goal_edit", pk),
            "delete": urls("plans:goal_delete", pk),
            "target_create": urls("plans:target_create", pk),
            "programme_create": urls("plans:programme_create", pk),
        },
    }


def page_context(overview: Overview, settlement: Settlement, user: Any) -> dict[str, Any]:
    """What the page shows, computed from the overview with no further query."""
    write = MoneyWriter(settlement.currency)
    position = overview.position
    needs_url = user.has_perm(VIEW_NEEDS, settlement)
    urls = UrlMaker()
    goals = [_goal(g, write, needs_url, urls) for g in overview.goals]
    return {
        "overview": overview,
        "vision": overview.vision,
        "money": MoneyOf(overview.totals, write),
        "to_raise": write(position.to_raise),
        "secured": write(position.secured),
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
        with_vision(Plan.objects.filter(settlement=settlement))
        .select_related("decided_by")
        .annotate(
            revisions_count=Coalesce(Subquery(revisions, output_field=IntegerField()), Value(0))
        ),
        pk=pk,
    )
    plan.settlement = settlement  # the request's, already read
    user: Any = request.user
    can_change = user.has_perm(CHANGE, settlement)
    # Links to change the plan: not while it is with the board.
    editable = can_change and plan.status != Plan.Status.SUBMITTED
    today = clock.local_today(settlement)
    language = get_language() or ""
    needs_url = user.has_perm(VIEW_NEEDS, settlement)
    key = fragment_key(
        PLAN_TOPIC,
        [settlement.pk],
        str(plan.pk),
        today.isoformat(),
        language,
        f"editable={editable}",
        f"needs={needs_url}",
        templates=BODY_TEMPLATES,
    )

    def render_body() -> str:
        overview = plan_overview(plan=plan, today=today, language=language)
        return render_to_string(
            BODY_TEMPLATES[0],
            page_context(overview, settlement, user)
            | {"plan": plan, "editable": editable, "can_change": can_change},
            request,
        )

    body = fragment(key, render_body)
    context = {
        "settlement": settlement,
        "plan": plan,
        "vision": vision_of(plan),
        "status_badge": STATUS_BADGES[Plan.Status(plan.status)],
        "can_change": can_change,
        "can_decide": user.has_perm(DECIDE, settlement),
        "editable": editable,
        "revisions_count": plan.revisions_count,
        "body": mark_safe(body),  # noqa: S308  (rendered by our templates, escaped there)
    }
    return render(request, "plans/detail.html", context)


# The page's numbers, goals and totals (no form): kept in the cache until a row the plan's
# overview reads changes in the settlement (PLAN_TOPIC, watched in plans.providers).
BODY_TEMPLATES = (
    "plans/_body.html",
    "plans/_tiles.html",
    "plans/_goal.html",
    "plans/_programme.html",
)
