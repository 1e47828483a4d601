"""The coordinator's forms for the plan's tree: goals, their targets and programmes, and
the programmes' budget lines. Each write goes through ``services_content`` (the revision
rule of ``services.plan_change``)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coordinator.decorators import settlement_permission
from coordinator.models import Settlement

from . import services_content
from .forms import (
    GoalForm,
    LineForm,
    ProgrammeForm,
    TargetForm,
)
from .models import BudgetLine, Goal, Plan, Programme, Target
from .rules import CHANGE
from .views import (
    _at,
    _content_form,
    _count,
    _delete_page,
    _goal,
    _line,
    _programme,
    _target,
)


@require_http_methods(["GET", "POST"])
@settlement_permission(CHANGE)
def goal_create(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=pk, settlement=settlement)
    return _content_form(
        request,
        settlement,
        plan=plan,
        form_class=GoalForm,
        instance=Goal(plan=plan, settlement=settlement),
        save=lambda form: services_content.goal_save(
            plan=plan, user=request.user, data=form.data_for_service(), reason=form.reason
        ),
        heading=_("Add a goal"),
        back=_at(plan, "goals"),
        done=lambda goal: _at(plan, f"goal-{goal.pk}"),
        saved=_("The goal was added."),
    )


@require_http_methods(["GET", "POST"])
@settlement_permission(CHANGE)
def goal_edit(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    goal = _goal(settlement, pk)
    plan = goal.plan
    return _content_form(
        request,
        settlement,
        plan=plan,
        form_class=GoalForm,
        instance=goal,
        save=lambda form: services_content.goal_save(
            plan=plan,
            goal=goal,
            user=request.user,
            data=form.data_for_service(),
            reason=form.reason,
        ),
        heading=_("Edit the goal"),
        back=_at(plan, f"goal-{goal.pk}"),
        done=lambda obj: _at(plan, f"goal-{obj.pk}"),
        saved=_("The goal was saved."),
    )


@require_http_methods(["GET", "POST"])
@settlement_permission(CHANGE)
def goal_delete(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    goal = _goal(settlement, pk)
    plan = goal.plan
    contents = services_content.goal_contents(goal)
    goes_with = [
        _count("%(count)d target", "%(count)d targets", contents["targets"]),
        _count("%(count)d programme", "%(count)d programmes", contents["programmes"]),
        _count("%(count)d budget line", "%(count)d budget lines", contents["lines"]),
    ]
    return _delete_page(
        request,
        plan=plan,
        heading=_("Delete the goal “%(title)s”?") % {"title": goal.title},
        goes_with=goes_with,
        delete=lambda reason: services_content.goal_delete(
            goal=goal, user=request.user, reason=reason
        ),
        back=_at(plan, f"goal-{goal.pk}"),
        done=_at(plan, "goals"),
        deleted=_("The goal was deleted."),
    )


# --- targets ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@settlement_permission(CHANGE)
def target_create(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    goal = _goal(settlement, pk)
    plan = goal.plan
    return _content_form(
        request,
        settlement,
        plan=plan,
        form_class=TargetForm,
        instance=Target(goal=goal, settlement=settlement),
        save=lambda form: services_content.target_save(
            goal=goal, user=request.user, data=form.data_for_service(), reason=form.reason
        ),
        heading=_("Add a target to “%(goal)s”") % {"goal": goal.title},
        back=_at(plan, f"goal-{goal.pk}"),
        done=lambda target: _at(plan, f"target-{target.pk}"),
        saved=_("The target was added."),
    )


@require_http_methods(["GET", "POST"])
@settlement_permission(CHANGE)
def target_edit(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    target = _target(settlement, pk)
    goal = target.goal
    plan = goal.plan
    return _content_form(
        request,
        settlement,
        plan=plan,
        form_class=TargetForm,
        instance=target,
        save=lambda form: services_content.target_save(
            goal=goal,
            target=target,
            user=request.user,
            data=form.data_for_service(),
            reason=form.reason,
        ),
        heading=_("Edit the target"),
        back=_at(plan, f"target-{target.pk}"),
        done=lambda obj: _at(plan, f"target-{obj.pk}"),
        saved=_("The target was saved."),
    )


@require_http_methods(["GET", "POST"])
@settlement_permission(CHANGE)
def target_delete(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    target = _target(settlement, pk)
    plan = target.goal.plan
    return _delete_page(
        request,
        plan=plan,
        heading=_("Delete the target “%(title)s”?") % {"title": target.indicator},
        goes_with=[_("its measurements")],
        delete=lambda reason: services_content.target_delete(
            target=target, user=request.user, reason=reason
        ),
        back=_at(plan, f"target-{target.pk}"),
        done=_at(plan, f"goal-{target.goal_id}"),
        deleted=_("The target was deleted."),
    )


# --- programmes ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@settlement_permission(CHANGE)
def programme_create(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    goal = _goal(settlement, pk)
    plan = goal.plan
    return _content_form(
        request,
        settlement,
        plan=plan,
        form_class=ProgrammeForm,
        instance=Programme(goal=goal, settlement=settlement),
        save=lambda form: services_content.programme_save(
            goal=goal, user=request.user, data=form.data_for_service(), reason=form.reason
        ),
        heading=_("Add a programme to “%(goal)s”") % {"goal": goal.title},
        back=_at(plan, f"goal-{goal.pk}"),
        done=lambda programme: _at(plan, f"programme-{programme.pk}"),
        saved=_("The programme was added."),
    )


@require_http_methods(["GET", "POST"])
@settlement_permission(CHANGE)
def programme_edit(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    programme = _programme(settlement, pk)
    goal = programme.goal
    plan = goal.plan
    return _content_form(
        request,
        settlement,
        plan=plan,
        form_class=ProgrammeForm,
        instance=programme,
        save=lambda form: services_content.programme_save(
            goal=goal,
            programme=programme,
            user=request.user,
            data=form.data_for_service(),
            reason=form.reason,
        ),
        heading=_("Edit the programme"),
        back=_at(plan, f"programme-{programme.pk}"),
        done=lambda obj: _at(plan, f"programme-{obj.pk}"),
        saved=_("The programme was saved."),
    )


@require_http_methods(["GET", "POST"])
@settlement_permission(CHANGE)
def programme_delete(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    programme = _programme(settlement, pk)
    plan = programme.goal.plan
    lines = BudgetLine.objects.filter(programme=programme).count()
    return _delete_page(
        request,
        plan=plan,
        heading=_("Delete the programme “%(title)s”?") % {"title": programme.title},
        goes_with=[
            _count("%(count)d budget line", "%(count)d budget lines", lines),
            _("what was spent and received on them"),
        ],
        delete=lambda reason: services_content.programme_delete(
            programme=programme, user=request.user, reason=reason
        ),
        back=_at(plan, f"programme-{programme.pk}"),
        done=_at(plan, f"goal-{programme.goal_id}"),
        deleted=_("The programme was deleted."),
    )


# --- budget lines ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@settlement_permission(CHANGE)
def line_create(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    programme = _programme(settlement, pk)
    plan = programme.goal.plan
    return _content_form(
        request,
        settlement,
        plan=plan,
        form_class=LineForm,
        instance=BudgetLine(programme=programme, settlement=settlement),
        save=lambda form: services_content.line_save(
            programme=programme, user=request.user, data=form.data_for_service(), reason=form.reason
        ),
        heading=_("Add a budget line to “%(programme)s”") % {"programme": programme.title},
        back=_at(plan, f"programme-{programme.pk}"),
        done=lambda line: _at(plan, f"line-{line.pk}"),
        saved=_("The budget line was added."),
    )


@require_http_methods(["GET", "POST"])
@settlement_permission(CHANGE)
def line_edit(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    line = _line(settlement, pk)
    programme = line.programme
    plan = programme.goal.plan
    return _content_form(
        request,
        settlement,
        plan=plan,
        form_class=LineForm,
        instance=line,
        save=lambda form: services_content.line_save(
            programme=programme,
            line=line,
            user=request.user,
            data=form.data_for_service(),
            reason=form.reason,
        ),
        heading=_("Edit the budget line"),
        back=_at(plan, f"line-{line.pk}"),
        done=lambda obj: _at(plan, f"line-{obj.pk}"),
        saved=_("The budget line was saved."),
    )


@require_http_methods(["GET", "POST"])
@settlement_permission(CHANGE)
def line_delete(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    line = _line(settlement, pk)
    plan = line.programme.goal.plan
    return _delete_page(
        request,
        plan=plan,
        heading=_("Delete the budget line “%(title)s”?") % {"title": str(line)},
        goes_with=[_("what was spent and received on it")],
        delete=lambda reason: services_content.line_delete(
            line=line, user=request.user, reason=reason
        ),
        back=_at(plan, f"line-{line.pk}"),
        done=_at(plan, f"programme-{line.programme_id}"),
        deleted=_("The budget line was deleted."),
    )


# --- funding ---------------------------------------------------------------------------------
