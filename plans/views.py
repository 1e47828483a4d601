"""Writing the plan: the plans of the years, the vision, and the forms of the plan's
title, goals, targets, programmes, budget lines and funding sources.

Views are thin: fetch the object in the active settlement (another settlement's is 404),
validate with a form, call a service of ``services_content``, redirect to the plan's page
at the changed item. A form of a plan that is with the board shows disabled (GET) and
answers 400 (POST); a form of an approved plan asks why, since the change is kept as a
revision."""

import copy
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import DecimalField, Sum, Value
from django.db.models.functions import Coalesce
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from committees.money import money
from coordinator.decorators import settlement_permission
from coordinator.models import Settlement

from . import services, services_content
from .forms import (
    FundingForm,
    FundingStatusForm,
    GoalForm,
    LineForm,
    PlanContentForm,
    PlanCreateForm,
    PlanTitleForm,
    ProgrammeForm,
    ReasonForm,
    TargetForm,
    VisionForm,
)
from .models import BudgetLine, FundingSource, Goal, Plan, Programme, Target, Vision
from .rules import CHANGE, VIEW
from .totals import ZERO, funding_position, plan_lines, plan_totals

PLANS_PER_PAGE = 20
HISTORY_SHOWN = 20


def _at(plan: Plan, anchor: str = "") -> str:
    url = reverse("plans:detail", args=[plan.pk])
    return f"{url}#{anchor}" if anchor else url


def _errors(form: BaseForm, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


def _may_change(request: HttpRequest, settlement: Settlement) -> bool:
    return bool(request.user.has_perm(CHANGE, settlement))


# --- the plans of the years --------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@settlement_permission(VIEW)
def plan_list(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    can_change = _may_change(request, settlement)
    form = None
    if can_change:
        form = PlanCreateForm(
            request.POST if request.method == "POST" else None, settlement=settlement
        )
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                plan = services.plan_create(
                    settlement=settlement,
                    user=request.user,
                    year=form.cleaned_data["year"],
                    title=form.cleaned_data["title"],
                )
            except ValidationError as error:
                form.add_error("year", error)
            else:
                messages.success(request, _("The plan was created. Start with its goals."))
                return redirect("plans:detail", pk=plan.pk)
    plans = (
        Plan.objects.filter(settlement=settlement)
        .annotate(
            expense=Coalesce(
                Sum("goals__programmes__lines__planned_expense"),
                Value(ZERO),
                output_field=DecimalField(max_digits=14, decimal_places=2),
            )
        )
        .order_by("-year")
    )
    page = Paginator(plans, PLANS_PER_PAGE).get_page(request.GET.get("page"))
    for plan in page.object_list:
        plan.budget = money(plan.expense, settlement.currency)
    return render(
        request,
        "plans/list.html",
        {"page": page, "query": "", "form": form, "can_change": can_change},
        status=400 if form is not None and form.is_bound and form.errors else 200,
    )


# --- the vision ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@settlement_permission(VIEW)
def vision(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    can_change = _may_change(request, settlement)
    if request.method == "POST" and not can_change:
        raise Http404
    current = Vision.objects.filter(settlement=settlement).select_related("updated_by").first()
    form = None
    if can_change:
        initial = {"statement": current.statement, "values": current.values} if current else None
        form = VisionForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form is not None and form.is_valid():
        services.vision_save(
            settlement=settlement,
            user=request.user,
            statement=form.cleaned_data["statement"],
            values=form.cleaned_data["values"],
        )
        messages.success(request, _("The vision was saved."))
        return redirect("plans:vision")
    earlier: list[Any] = []
    if current is not None:
        rows = list(
            current.history.select_related("updated_by").order_by("-history_date", "-history_id")[
                : HISTORY_SHOWN + 1
            ]
        )
        earlier = rows[1:]
    return render(
        request,
        "plans/vision.html",
        {"vision": current, "earlier": earlier, "form": form, "can_change": can_change},
        status=400 if form is not None and form.is_bound and form.errors else 200,
    )


# --- the content forms -------------------------------------------------------------------------


def _content_form(
    request: HttpRequest,
    settlement: Settlement,
    *,
    plan: Plan,
    form_class: type[PlanContentForm],
    instance: Any,
    save: Callable[[PlanContentForm], Any],
    heading: str,
    back: str,
    done: Callable[[Any], str],
    saved: str,
) -> HttpResponse:
    """The page of one content form: GET shows it, POST validates and calls ``save``."""
    options = {"plan": plan, "settlement": settlement, "instance": copy.copy(instance)}
    if request.method == "POST":
        form = form_class(request.POST, **options)
        if form.is_valid():
            try:
                obj = save(form)
            except ValidationError as error:
                _errors(form, error)
            else:
                messages.success(request, saved)
                return redirect(done(obj))
    else:
        form = form_class(**options)
    return render(
        request,
        "plans/form.html",
        {
            "form": form,
            "plan": plan,
            "heading": heading,
            "back": back,
            "locked": plan.status == Plan.Status.SUBMITTED,
            "approved": plan.status == Plan.Status.APPROVED,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _delete_page(
    request: HttpRequest,
    *,
    plan: Plan,
    heading: str,
    goes_with: list[str],
    delete: Callable[[str], None],
    back: str,
    done: str,
    deleted: str,
    note: str = "",
) -> HttpResponse:
    """A confirmation page naming what goes with the item; POST deletes."""
    form = ReasonForm(request.POST if request.method == "POST" else None, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            delete(form.reason)
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, deleted)
            return redirect(done)
    return render(
        request,
        "plans/confirm_delete.html",
        {
            "form": form,
            "plan": plan,
            "heading": heading,
            "goes_with": goes_with,
            "note": note,
            "back": back,
            "locked": plan.status == Plan.Status.SUBMITTED,
            "approved": plan.status == Plan.Status.APPROVED,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _goal(settlement: Settlement, pk: int) -> Goal:
    return get_object_or_404(Goal.objects.select_related("plan"), pk=pk, settlement=settlement)


def _target(settlement: Settlement, pk: int) -> Target:
    return get_object_or_404(
        Target.objects.select_related("goal__plan"), pk=pk, settlement=settlement
    )


def _programme(settlement: Settlement, pk: int) -> Programme:
    return get_object_or_404(
        Programme.objects.select_related("goal__plan"), pk=pk, settlement=settlement
    )


def _line(settlement: Settlement, pk: int) -> BudgetLine:
    return get_object_or_404(
        BudgetLine.objects.select_related("programme__goal__plan"), pk=pk, settlement=settlement
    )


def _source(settlement: Settlement, pk: int) -> FundingSource:
    return get_object_or_404(
        FundingSource.objects.select_related("plan"), pk=pk, settlement=settlement
    )


# --- the plan's title --------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@settlement_permission(CHANGE)
def plan_edit(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=pk, settlement=settlement)
    return _content_form(
        request,
        settlement,
        plan=plan,
        form_class=PlanTitleForm,
        instance=plan,
        save=lambda form: services_content.plan_title_save(
            plan=plan, user=request.user, title=form.cleaned_data["title"], reason=form.reason
        ),
        heading=_("The plan's title"),
        back=_at(plan),
        done=lambda obj: _at(obj),
        saved=_("The title was saved."),
    )


# --- goals -----------------------------------------------------------------------------------


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


def _count(singular: str, plural: str, n: int) -> str:
    return ngettext(singular, plural, n) % {"count": n}


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


@require_http_methods(["GET", "POST"])
@settlement_permission(VIEW)
def funding(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    can_change = _may_change(request, settlement)
    if request.method == "POST" and not can_change:
        raise Http404
    plan = get_object_or_404(Plan, pk=pk, settlement=settlement)
    form = None
    if can_change:
        options: dict[str, Any] = {
            "plan": plan,
            "settlement": settlement,
            "instance": FundingSource(plan=plan),
        }
        if request.method == "POST":
            form = FundingForm(request.POST, **options)
            if form.is_valid():
                try:
                    services_content.funding_save(
                        plan=plan,
                        user=request.user,
                        data=form.data_for_service(),
                        reason=form.reason,
                    )
                except ValidationError as error:
                    _errors(form, error)
                else:
                    messages.success(request, _("The funding source was added."))
                    return redirect("plans:funding", pk=plan.pk)
        else:
            form = FundingForm(**options)
    sources = list(FundingSource.objects.filter(settlement=settlement, plan=plan))
    totals = plan_totals(plan_lines(plan))
    position = funding_position([(s.status, s.amount) for s in sources], totals)
    currency = settlement.currency
    by_status = {status: ZERO for status in FundingSource.Status.values}
    for source in sources:
        by_status[source.status] += source.amount
        source.shown_amount = money(source.amount, currency)  # type: ignore[attr-defined]
        if can_change:
            source.status_form = FundingStatusForm(  # type: ignore[attr-defined]
                source=source,
                initial={"status": source.status, "on": _status_date(source)},
            )
    return render(
        request,
        "plans/funding.html",
        {
            "plan": plan,
            "sources": sources,
            "statuses": [
                (label, money(by_status[value], currency))
                for value, label in FundingSource.Status.choices
            ],
            "total": money(sum((s.amount for s in sources), ZERO), currency),
            "net": money(totals.whole.net, currency),
            "secured": money(position.secured, currency),
            "to_raise": money(position.to_raise, currency),
            "nothing_to_raise": position.to_raise == ZERO,
            "form": form,
            "can_change": can_change,
            "locked": plan.status == Plan.Status.SUBMITTED,
            "approved": plan.status == Plan.Status.APPROVED,
        },
        status=400 if form is not None and form.is_bound and form.errors else 200,
    )


def _status_date(source: FundingSource) -> Any:
    field = services_content.STATUS_DATE.get(FundingSource.Status(source.status))
    return getattr(source, field) if field else None


@require_http_methods(["GET", "POST"])
@settlement_permission(CHANGE)
def funding_edit(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    source = _source(settlement, pk)
    plan = source.plan
    back = reverse("plans:funding", args=[plan.pk])
    return _content_form(
        request,
        settlement,
        plan=plan,
        form_class=FundingForm,
        instance=source,
        save=lambda form: services_content.funding_save(
            plan=plan,
            source=source,
            user=request.user,
            data=form.data_for_service(),
            reason=form.reason,
        ),
        heading=_("Edit the funding source"),
        back=back,
        done=lambda obj: f"{back}#funding-{obj.pk}",
        saved=_("The funding source was saved."),
    )


@require_http_methods(["GET", "POST"])
@settlement_permission(CHANGE)
def funding_delete(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    source = _source(settlement, pk)
    plan = source.plan
    back = reverse("plans:funding", args=[plan.pk])
    lines = BudgetLine.objects.filter(funding=source).count()
    return _delete_page(
        request,
        plan=plan,
        heading=_("Delete the funding source “%(name)s”?") % {"name": source.name},
        goes_with=[],
        note=_count(
            "%(count)d budget line is left without a funding source.",
            "%(count)d budget lines are left without a funding source.",
            lines,
        )
        if lines
        else "",
        delete=lambda reason: services_content.funding_delete(
            source=source, user=request.user, reason=reason
        ),
        back=back,
        done=back,
        deleted=_("The funding source was deleted."),
    )


@require_POST
@settlement_permission(CHANGE)
def funding_status(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    source = _source(settlement, pk)
    form = FundingStatusForm(request.POST, source=source)
    if form.is_valid():
        try:
            services_content.funding_status_set(
                source=source,
                user=request.user,
                status=form.cleaned_data["status"],
                on=form.cleaned_data["on"],
            )
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("The funding source's status was saved."))
            return redirect(reverse("plans:funding", args=[source.plan_id]) + f"#funding-{pk}")
    return render(
        request,
        "plans/form.html",
        {
            "form": form,
            "plan": source.plan,
            "heading": _("Where “%(name)s” stands") % {"name": source.name},
            "back": reverse("plans:funding", args=[source.plan_id]),
            "locked": False,
            "approved": False,
            "action": reverse("plans:funding_status", args=[source.pk]),
        },
        status=400,
    )
