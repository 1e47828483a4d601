"""A committee's yearly work plan: goals, and the activities under them with dates, a
budget request and a status through the year. Read by those who read the committee; kept
by the coordinator and the committee's own chairs."""

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from coordinator import clock
from coordinator.decorators import settlement_permission
from coordinator.models import Settlement

from . import selectors, selectors_plans, services_plans
from .forms_plans import (
    ActivityForm,
    GoalForm,
    PlanSummaryForm,
    activity_initial,
    summary_years,
)
from .models import Committee, WorkPlanGoal
from .money import money

VIEW = "committees.view_committee"
CHANGE = "committees.change_committee"


def plan_url(committee_id: int, year: int, anchor: str = "") -> str:
    url = f"{reverse('committees:work_plan', args=[committee_id])}?year={year}"
    return f"{url}#{anchor}" if anchor else url


def _goal_context(goal: WorkPlanGoal) -> dict[str, Any]:
    return {
        "goal": goal,
        "committee": goal.work_plan.committee,
        "year": goal.work_plan.year,
        "plan_url": plan_url(goal.work_plan.committee_id, goal.work_plan.year),
    }


def _summary_url(committee: Committee, year: int, today: dt.date) -> str:
    """Where the summary of the plan of ``year`` is written, if it may be ("" if not)."""
    first, last = summary_years(today)
    if not first <= year <= last:
        return ""
    return f"{reverse('committees:plan_summary', args=[committee.pk])}?year={year}"


# --- the plan ------------------------------------------------------------------------------


@require_GET
@settlement_permission("coordinator.view_settlement")
def work_plan(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    committee = selectors.committee_get_for(
        user=request.user, settlement=settlement, pk=pk, perm=VIEW
    )
    today = clock.today()
    year = selectors_plans.year_from(request.GET.get("year"), today)
    plans = selectors_plans.plans_of(committee=committee)
    plan = selectors_plans.work_plan_for(committee=committee, year=year, plans=plans)
    currency = settlement.currency
    for row in plan.goals:
        row.budget_text = money(row.progress.budget, currency)  # type: ignore[attr-defined]
        for activity in row.activities:
            activity.budget_text = money(activity.budget_request, currency)  # type: ignore[attr-defined]
    return render(
        request,
        "committees/plans/work_plan.html",
        {
            "committee": committee,
            "plan": plan,
            "year": year,
            "years": [
                (each, plan_url(committee.pk, each))
                for each in selectors_plans.plan_years(plans=plans, year=year, today=today)
            ],
            "budget_text": money(plan.progress.budget, currency),
            "can_edit": request.user.has_perm(CHANGE, committee),
            "goal_add_url": f"{reverse('committees:goal_add', args=[committee.pk])}?year={year}",
            "summary_url": _summary_url(committee, year, today),
        },
    )


# --- goals -------------------------------------------------------------------------------


def _render_goal_form(
    request: HttpRequest, form: GoalForm, committee: Committee, goal: WorkPlanGoal | None
) -> HttpResponse:
    year = goal.work_plan.year if goal else form.initial.get("year")
    return render(
        request,
        "committees/plans/goal_form.html",
        {
            "form": form,
            "committee": committee,
            "goal": goal,
            "plan_url": plan_url(committee.pk, year) if year else "",
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@settlement_permission("coordinator.view_settlement")
def goal_add(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    committee = selectors.committee_get_for(
        user=request.user, settlement=settlement, pk=pk, perm=CHANGE
    )
    year = selectors_plans.year_from(request.GET.get("year"), clock.today())
    form = GoalForm(request.POST if request.method == "POST" else None, initial={"year": year})
    if request.method == "POST" and form.is_valid():
        goal = services_plans.goal_add(committee=committee, **form.cleaned_data)
        messages.success(request, _("The goal was added. Now add its activities."))
        return redirect(plan_url(committee.pk, goal.work_plan.year, f"goal-{goal.pk}"))
    return _render_goal_form(request, form, committee, None)


@settlement_permission("coordinator.view_settlement")
def goal_edit(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    goal = selectors_plans.goal_get_for(user=request.user, settlement=settlement, pk=pk)
    form = GoalForm(
        request.POST if request.method == "POST" else None,
        initial={"title": goal.title, "year": goal.work_plan.year},
    )
    if request.method == "POST" and form.is_valid():
        services_plans.goal_update(goal=goal, **form.cleaned_data)
        messages.success(request, _("The changes were saved."))
        return redirect(plan_url(goal.work_plan.committee_id, goal.work_plan.year, f"goal-{pk}"))
    return _render_goal_form(request, form, goal.work_plan.committee, goal)


@settlement_permission("coordinator.view_settlement")
def goal_delete(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    goal = selectors_plans.goal_get_for(user=request.user, settlement=settlement, pk=pk)
    if request.method == "POST":
        services_plans.goal_delete(goal=goal)
        messages.success(
            request,
            _("The goal “%(title)s” and its activities were deleted.") % {"title": goal.title},
        )
        return redirect(plan_url(goal.work_plan.committee_id, goal.work_plan.year))
    activities = selectors_plans.goal_activities(goal=goal)
    return render(
        request,
        "committees/plans/goal_delete.html",
        {**_goal_context(goal), "activities": activities},
    )


# --- activities --------------------------------------------------------------------------


def _render_activity_form(
    request: HttpRequest, form: ActivityForm, goal: WorkPlanGoal, activity: Any
) -> HttpResponse:
    return render(
        request,
        "committees/plans/activity_form.html",
        {**_goal_context(goal), "form": form, "activity": activity},
        status=400 if form.is_bound and form.errors else 200,
    )


@settlement_permission("coordinator.view_settlement")
def activity_add(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    goal = selectors_plans.goal_get_for(user=request.user, settlement=settlement, pk=pk)
    form = ActivityForm(
        request.POST if request.method == "POST" else None, currency=settlement.currency
    )
    if request.method == "POST" and form.is_valid():
        services_plans.activity_add(goal=goal, data=form.activity_data())
        messages.success(request, _("The activity was added."))
        return redirect(plan_url(goal.work_plan.committee_id, goal.work_plan.year, f"goal-{pk}"))
    return _render_activity_form(request, form, goal, None)


@settlement_permission("coordinator.view_settlement")
def activity_edit(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    activity = selectors_plans.activity_get_for(user=request.user, settlement=settlement, pk=pk)
    goal = activity.goal
    if request.method == "POST":
        form = ActivityForm(request.POST, currency=settlement.currency)
        if form.is_valid():
            services_plans.activity_update(activity=activity, data=form.activity_data())
            messages.success(request, _("The changes were saved."))
            return redirect(
                plan_url(goal.work_plan.committee_id, goal.work_plan.year, f"goal-{goal.pk}")
            )
    else:
        form = ActivityForm(initial=activity_initial(activity), currency=settlement.currency)
    return _render_activity_form(request, form, goal, activity)


@settlement_permission("coordinator.view_settlement")
def activity_delete(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    activity = selectors_plans.activity_get_for(user=request.user, settlement=settlement, pk=pk)
    goal = activity.goal
    if request.method == "POST":
        services_plans.activity_delete(activity=activity)
        messages.success(
            request, _("The activity “%(title)s” was deleted.") % {"title": activity.title}
        )
        return redirect(
            plan_url(goal.work_plan.committee_id, goal.work_plan.year, f"goal-{goal.pk}")
        )
    return render(
        request,
        "committees/plans/activity_delete.html",
        {
            **_goal_context(goal),
            "activity": activity,
            "budget_text": money(activity.budget_request, settlement.currency),
        },
    )


# --- the summary -------------------------------------------------------------------------


def _summary_year(value: str | None, today: dt.date) -> int:
    """The year in ``?year=``: this year if absent; 404 if it is not one whose summary may
    be written."""
    if value is None:
        return today.year
    first, last = summary_years(today)
    try:
        year = int(value)
    except ValueError:
        raise Http404 from None
    if not first <= year <= last:
        raise Http404
    return year


@settlement_permission("coordinator.view_settlement")
def plan_summary(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    """Write the few lines at the top of a year's plan; the plan is created by the first
    summary saved (a GET creates nothing)."""
    committee = selectors.committee_get_for(
        user=request.user, settlement=settlement, pk=pk, perm=CHANGE
    )
    today = clock.today()
    year = _summary_year(request.GET.get("year"), today)
    if request.method == "POST":
        form = PlanSummaryForm(request.POST, today=today)
        if form.is_valid():
            year = form.cleaned_data["year"]
            services_plans.plan_summary_save(
                committee=committee, year=year, summary=form.cleaned_data["summary"]
            )
            messages.success(request, _("The summary was saved."))
            return redirect(plan_url(committee.pk, year))
    else:
        plan = next(
            (p for p in selectors_plans.plans_of(committee=committee) if p.year == year), None
        )
        form = PlanSummaryForm(
            initial={"year": year, "summary": plan.summary if plan else ""}, today=today
        )
    return render(
        request,
        "committees/plans/summary_form.html",
        {
            "form": form,
            "committee": committee,
            "year": year,
            "plan_url": plan_url(committee.pk, year),
        },
        status=400 if form.is_bound and form.errors else 200,
    )
