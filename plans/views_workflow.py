"""The plan's way to approval: the coordinator submits it, the secretary or a board member
approves it or returns it with comments; and the revisions of an approved plan."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from committees.money import money
from coordinator import clock
from coordinator.decorators import settlement_permission
from coordinator.models import Settlement

from . import services
from .forms_workflow import DecisionForm
from .models import Plan, PlanRevision
from .overview import plan_overview
from .rules import CHANGE, DECIDE, VIEW

REVISIONS_PAGE = 20


@require_POST
@settlement_permission(CHANGE)
def plan_submit(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    """Send the plan to the board. Refused (a plan with no goal, or not a draft): the plan
    page says why."""
    plan = get_object_or_404(Plan, pk=pk, settlement=settlement)
    try:
        services.plan_submit(plan=plan, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _(
                "The plan was sent to the board. The secretary or a board member will approve it "
                "or return it with comments."
            ),
        )
    return redirect("plans:detail", pk=plan.pk)


@require_http_methods(["GET", "POST"])
@settlement_permission(DECIDE)
def plan_decide(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    """The plan in brief and the decision: approve it, or return it with comments."""
    plan: Plan = get_object_or_404(
        Plan.objects.select_related("decided_by"), pk=pk, settlement=settlement
    )
    pending = plan.status == Plan.Status.SUBMITTED
    form = DecisionForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if not pending:
            status = 400
        elif form.is_valid():
            try:
                decided = services.plan_decide(
                    plan=plan,
                    user=request.user,
                    approve=form.approve,
                    comment=form.cleaned_data["comment"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if decided.status == Plan.Status.APPROVED:
                    messages.success(request, _("The plan is approved."))
                else:
                    messages.success(
                        request, _("The plan was returned to the coordinator with your comments.")
                    )
                return redirect("plans:detail", pk=plan.pk)
        if form.errors:
            status = 400
    context: dict[str, object] = {"plan": plan, "pending": pending, "form": form}
    if pending:
        plan.settlement = settlement  # the request's: the overview reads its languages
        overview = plan_overview(
            plan=plan, today=clock.local_today(settlement), language=get_language() or ""
        )
        currency = settlement.currency
        context.update(
            {
                "goals": [g.goal.title for g in overview.goals],
                "programmes": overview.programmes,
                "expense": money(overview.totals.expense, currency),
                "income": money(overview.totals.income, currency),
                "net": money(overview.totals.net, currency),
                "secured": money(overview.position.secured, currency),
                "to_raise": money(overview.position.to_raise, currency),
                "raising": overview.position.to_raise > 0,
            }
        )
    return render(request, "plans/decide.html", context, status=status)


@require_GET
@settlement_permission(VIEW)
def plan_revisions(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    """The board's decision on the plan, and its revisions since, newest first."""
    plan: Plan = get_object_or_404(
        Plan.objects.select_related("decided_by"), pk=pk, settlement=settlement
    )
    revisions = PlanRevision.objects.filter(settlement=settlement, plan=plan).select_related(
        "made_by"
    )
    page = Paginator(revisions, REVISIONS_PAGE).get_page(request.GET.get("page"))
    return render(request, "plans/revisions.html", {"plan": plan, "page": page})
