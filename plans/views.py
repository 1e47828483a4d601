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
from django.views.decorators.http import require_http_methods

from committees.money import money
from coordinator.decorators import settlement_permission
from coordinator.models import Settlement

from . import services, services_content
from .forms import (
    PlanContentForm,
    PlanCreateForm,
    PlanTitleForm,
    ReasonForm,
    VisionForm,
)
from .models import BudgetLine, FundingSource, Goal, Plan, Programme, Target, Vision
from .rules import CHANGE, VIEW
from .totals import ZERO

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


def _count(singular: str, plural: str, n: int) -> str:
    return ngettext(singular, plural, n) % {"count": n}


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
