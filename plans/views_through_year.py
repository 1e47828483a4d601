"""Keeping the plan through the year: money spent and received against a budget line
(by hand, or carried from the events and classes of its programme), and readings of a
target. Readers of the plan see these pages; the coordinator records and removes."""

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from committees.money import money
from coordinator import clock
from coordinator.decorators import settlement_permission
from coordinator.models import Settlement

from . import services_through_year as services
from .forms_workflow import ActualForm, MeasurementForm
from .models import Actual, BudgetLine, Measurement, Target
from .progress import Standing, progress, year_gone
from .rules import CHANGE, VIEW
from .totals import actual_sum, percent

ACTUALS_PAGE = 20


def bar(share: Decimal | None) -> str:
    """A width class (w-0 ... w-100, in steps of five) for a share in per cent."""
    if share is None:
        return "w-0"
    return f"w-{min(100, max(0, int(round(share / 5)) * 5))}"


def _may_change(request: HttpRequest, settlement: Settlement) -> bool:
    return bool(request.user.has_perm(CHANGE, settlement))


# --- money against a budget line ---------------------------------------------------------


@require_http_methods(["GET", "POST"])
@settlement_permission(VIEW)
def actuals(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    """The line's plan against what was spent and received; the coordinator adds to it."""
    can_change = _may_change(request, settlement)
    if request.method == "POST" and not can_change:
        raise Http404
    line: Any = get_object_or_404(
        BudgetLine.objects.select_related("programme__goal__plan").annotate(
            spent=actual_sum(Actual.Kind.EXPENSE), received=actual_sum(Actual.Kind.INCOME)
        ),
        pk=pk,
        settlement=settlement,
    )
    if request.method == "POST":
        form = ActualForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.actual_add(
                    line=line,
                    user=request.user,
                    kind=data["kind"],
                    amount=data["amount"],
                    on=data["on"],
                    description=data["description"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The amount was recorded."))
                return redirect("plans:actuals", pk=line.pk)
    else:
        form = ActualForm(initial={"on": clock.local_today(settlement)})
    rows = Actual.objects.filter(settlement=settlement, line=line)
    page = Paginator(rows, ACTUALS_PAGE).get_page(request.GET.get("page"))
    currency = settlement.currency
    for actual in page.object_list:
        actual.amount_text = money(actual.amount, currency)
    used = percent(line.spent, line.planned_expense)
    received = percent(line.received, line.planned_income)
    return render(
        request,
        "plans/actuals.html",
        {
            "line": line,
            "programme": line.programme,
            "plan": line.programme.goal.plan,
            "form": form,
            "page": page,
            "can_change": can_change,
            "planned_expense": money(line.planned_expense, currency),
            "planned_income": money(line.planned_income, currency),
            "spent": money(line.spent, currency),
            "received": money(line.received, currency),
            "left": money(line.planned_expense - line.spent, currency),
            "over": line.spent > line.planned_expense,
            "used": used,
            "used_bar": bar(used),
            "received_share": received,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@require_POST
@settlement_permission(CHANGE)
def actual_delete(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    actual = get_object_or_404(Actual, pk=pk, settlement=settlement)
    line_id = actual.line_id
    services.actual_delete(actual=actual, user=request.user)
    messages.success(request, _("The amount was removed."))
    return redirect("plans:actuals", pk=line_id)


@require_POST
@settlement_permission(CHANGE)
def carry(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    """Bring in the costs and fees of the events and classes linked to the line's
    programme."""
    line = get_object_or_404(BudgetLine, pk=pk, settlement=settlement)
    written = services.carry(line=line, user=request.user)
    if written:
        messages.success(
            request,
            ngettext(
                "%(count)d amount carried from events and classes.",
                "%(count)d amounts carried from events and classes.",
                written,
            )
            % {"count": written},
        )
    else:
        messages.info(request, _("Nothing to carry: the amounts are up to date."))
    return redirect("plans:actuals", pk=line.pk)


# --- readings of a target ----------------------------------------------------------------


STANDING_LABELS = {
    Standing.ON_TRACK: gettext_lazy("on track"),
    Standing.BEHIND: gettext_lazy("behind"),
    Standing.REACHED: gettext_lazy("reached"),
    Standing.NOT_MEASURED: gettext_lazy("not measured"),
}


@require_http_methods(["GET", "POST"])
@settlement_permission(VIEW)
def measurements(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    """The target's readings over time, with how far each had come; the coordinator adds
    a reading."""
    can_change = _may_change(request, settlement)
    if request.method == "POST" and not can_change:
        raise Http404
    target: Target = get_object_or_404(
        Target.objects.select_related("goal__plan"), pk=pk, settlement=settlement
    )
    if request.method == "POST":
        form = MeasurementForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.measurement_add(
                    target=target,
                    user=request.user,
                    measured_on=data["measured_on"],
                    value=data["value"],
                    note=data["note"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The reading was recorded."))
                return redirect("plans:measurements", pk=target.pk)
    else:
        form = MeasurementForm(initial={"measured_on": clock.local_today(settlement)})
    plan = target.goal.plan
    readings = list(Measurement.objects.filter(settlement=settlement, target=target))
    for reading in readings:
        standing = progress(
            baseline=target.baseline,
            target_value=target.target_value,
            latest=reading.value,
            gone=year_gone(plan.year, reading.measured_on),
        )
        reading.progress = standing  # type: ignore[attr-defined]
        reading.bar = bar(standing.percent)  # type: ignore[attr-defined]
        reading.standing_label = STANDING_LABELS[standing.standing]  # type: ignore[attr-defined]
    return render(
        request,
        "plans/measurements.html",
        {
            "target": target,
            "goal": target.goal,
            "plan": plan,
            "readings": readings,
            "form": form,
            "can_change": can_change,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@require_POST
@settlement_permission(CHANGE)
def measurement_delete(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    measurement = get_object_or_404(Measurement, pk=pk, settlement=settlement)
    target_id = measurement.target_id
    services.measurement_delete(measurement=measurement, user=request.user)
    messages.success(request, _("The reading was removed."))
    return redirect("plans:measurements", pk=target_id)
