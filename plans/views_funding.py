"""The plan's funding: the sources of money, their status and dates, and what is still to
raise. Moving a source on (requested, approved, received) is not a change of the plan."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from committees.money import money
from coordinator.decorators import settlement_permission
from coordinator.models import Settlement

from . import services_content
from .forms import (
    FundingForm,
    FundingStatusForm,
)
from .models import BudgetLine, FundingSource, Plan
from .rules import CHANGE, VIEW
from .totals import ZERO, funding_position, plan_lines, plan_totals
from .views import (
    _content_form,
    _count,
    _delete_page,
    _errors,
    _may_change,
    _source,
)


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
