"""The coordinator's development plan: goals per competency, learning activities with due
dates. Every goal and activity is fetched with its owner (``owner=request.user``), so
anyone else's is a 404, whoever asks."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from coordinator import clock
from coordinator.decorators import settlement_permission
from coordinator.forms import form_status
from coordinator.models import Settlement

from . import services_plan
from .forms_plan import ActivityForm, GoalEditForm, GoalForm, competency_label
from .models import Competency, DevelopmentGoal, LearningActivity
from .rules import ASSESS
from .selectors import council_of, current_framework, text


def _language() -> str:
    return get_language() or "en"


def _competencies(settlement: Settlement) -> list[Competency]:
    """The competencies of the model the settlement's council uses now, with their areas
    (two queries)."""
    framework = current_framework(council_of(settlement))
    return list(
        Competency.objects.filter(area__framework=framework)
        .select_related("area")
        .order_by("area__number", "number")
    )


def _plan_url(anchor: str = "") -> str:
    url = reverse("competencies:plan")
    return f"{url}#{anchor}" if anchor else url


@require_http_methods(["GET", "POST"])
@settlement_permission(ASSESS)
def plan(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    language = _language()
    competencies = _competencies(settlement)
    options: dict[str, Any] = {"competencies": competencies, "language": language}
    if request.method == "POST":
        form = GoalForm(request.POST, **options)
        if form.is_valid():
            goal = services_plan.goal_create(
                owner=request.user,
                competency=form.cleaned_data["competency"],
                goal=form.cleaned_data["goal"],
            )
            messages.success(request, _("The goal was added to your plan."))
            return redirect(_plan_url(f"goal-{goal.pk}"))
    else:
        chosen = request.GET.get("competency", "")
        form = GoalForm(
            initial={"competency": int(chosen)} if chosen.isdigit() else None, **options
        )
    today = clock.local_today(settlement)
    rows = services_plan.plan_of(owner=request.user, today=today)
    groups = []
    for status, label in DevelopmentGoal.Status.choices:
        goals = [row for row in rows if row.goal.status == status]
        if goals:
            groups.append({"status": status, "label": label, "goals": goals})
    for row in rows:
        row.competency_label = competency_label(row.goal.competency, language)
    current = {c.key: c for c in competencies}
    planned = {
        row.goal.competency.key for row in rows if row.goal.status == DevelopmentGoal.Status.ACTIVE
    }
    suggestions = []
    for rating in services_plan.suggested_ratings(owner=request.user):
        key = rating.competency.key
        if key in planned or key not in current:
            continue
        suggestions.append(
            {
                "key": key,
                "text": text(rating.competency.text, language),
                "level": rating.get_level_display(),
                "competency_id": current[key].pk,
            }
        )
    return render(
        request,
        "competencies/plan.html",
        {"form": form, "groups": groups, "suggestions": suggestions, "today": today},
        status=form_status(form),
    )


def _own_goal(request: HttpRequest, pk: int) -> DevelopmentGoal:
    return get_object_or_404(
        DevelopmentGoal.objects.select_related("competency"), pk=pk, owner=request.user
    )


def _own_activity(request: HttpRequest, pk: int) -> LearningActivity:
    return get_object_or_404(
        LearningActivity.objects.select_related("goal"), pk=pk, goal__owner=request.user
    )


def _form_page(
    request: HttpRequest,
    form: Any,
    *,
    heading: str,
    intro: str = "",
    delete_url: str = "",
    delete_label: str = "",
    delete_note: str = "",
    back: str,
) -> HttpResponse:
    return render(
        request,
        "competencies/plan_form.html",
        {
            "form": form,
            "heading": heading,
            "intro": intro,
            "delete_url": delete_url,
            "delete_label": delete_label,
            "delete_note": delete_note,
            "back": back,
        },
        status=form_status(form),
    )


@require_http_methods(["GET", "POST"])
@settlement_permission(ASSESS)
def goal_edit(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    goal = _own_goal(request, pk)
    competencies = _competencies(settlement)
    options: dict[str, Any] = {"competencies": competencies, "language": _language()}
    if request.method == "POST":
        form = GoalEditForm(request.POST, **options)
        if form.is_valid():
            services_plan.goal_update(
                goal=goal,
                competency=form.cleaned_data["competency"],
                text=form.cleaned_data["goal"],
                status=form.cleaned_data["status"],
            )
            messages.success(request, _("The goal was saved."))
            return redirect(_plan_url(f"goal-{goal.pk}"))
    else:
        form = GoalEditForm(
            initial={
                "competency": services_plan.goal_competency_in(goal, competencies),
                "goal": goal.goal,
                "status": goal.status,
            },
            **options,
        )
    return _form_page(
        request,
        form,
        heading=_("Edit the goal"),
        delete_url=reverse("competencies:goal_delete", args=[goal.pk]),
        delete_label=_("Delete the goal"),
        delete_note=_("Its learning activities are deleted with it. This cannot be undone."),
        back=_plan_url(f"goal-{goal.pk}"),
    )


@require_POST
@settlement_permission(ASSESS)
def goal_delete(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    goal = _own_goal(request, pk)
    services_plan.goal_delete(goal=goal)
    messages.success(request, _("The goal was deleted."))
    return redirect(_plan_url())


def _activity_data(form: ActivityForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {name: data[name] for name in ("kind", "title", "due_on", "status", "notes")}


@require_http_methods(["GET", "POST"])
@settlement_permission(ASSESS)
def activity_create(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    goal = _own_goal(request, pk)
    if request.method == "POST":
        form = ActivityForm(request.POST)
        if form.is_valid():
            services_plan.activity_create(goal=goal, **_activity_data(form))
            messages.success(request, _("The learning activity was added."))
            return redirect(_plan_url(f"goal-{goal.pk}"))
    else:
        form = ActivityForm(initial={"status": LearningActivity.Status.PLANNED})
    return _form_page(
        request,
        form,
        heading=_("Add a learning activity"),
        intro=_("For the goal: %(goal)s") % {"goal": goal.goal},
        back=_plan_url(f"goal-{goal.pk}"),
    )


@require_http_methods(["GET", "POST"])
@settlement_permission(ASSESS)
def activity_edit(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    activity = _own_activity(request, pk)
    if request.method == "POST":
        form = ActivityForm(request.POST)
        if form.is_valid():
            services_plan.activity_update(activity=activity, **_activity_data(form))
            messages.success(request, _("The learning activity was saved."))
            return redirect(_plan_url(f"goal-{activity.goal_id}"))
    else:
        form = ActivityForm(
            initial={
                "kind": activity.kind,
                "title": activity.title,
                "due_on": activity.due_on,
                "status": activity.status,
                "notes": activity.notes,
            }
        )
    return _form_page(
        request,
        form,
        heading=_("Edit the learning activity"),
        intro=_("For the goal: %(goal)s") % {"goal": activity.goal.goal},
        delete_url=reverse("competencies:activity_delete", args=[activity.pk]),
        delete_label=_("Delete the activity"),
        delete_note=_("This cannot be undone."),
        back=_plan_url(f"goal-{activity.goal_id}"),
    )


@require_POST
@settlement_permission(ASSESS)
def activity_delete(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    activity = _own_activity(request, pk)
    goal_id = activity.goal_id
    services_plan.activity_delete(activity=activity)
    messages.success(request, _("The learning activity was deleted."))
    return redirect(_plan_url(f"goal-{goal_id}"))
