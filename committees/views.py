from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from coordinator import clock
from coordinator.decorators import settlement_permission
from coordinator.models import Settlement

from . import selectors, selectors_home, selectors_members, selectors_plans, services
from .forms import CommitteeForm
from .money import money


@require_GET
@settlement_permission("committees.list_committees")
def committee_list(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    committees = selectors_home.with_overview(
        selectors.committees_for(user=request.user, settlement=settlement),
        today=clock.today(),
        now=clock.now(),
    )
    return render(
        request,
        "committees/committee_list.html",
        {
            "committees": committees,
            "can_add": request.user.has_perm("committees.add_committee", settlement),
            "time_zone": settlement.time_zone,
        },
    )


@settlement_permission("committees.add_committee")
def committee_create(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    form = CommitteeForm(
        request.POST if request.method == "POST" else None,
        settlement=settlement,
        can_set_chairs=True,
    )
    if request.method == "POST" and form.is_valid():
        committee = services.committee_create(
            settlement=settlement, data=form.cleaned_data, chairs=form.cleaned_data["chairs"]
        )
        messages.success(request, _("The committee was created."))
        return redirect("committees:detail", pk=committee.pk)
    return render(
        request,
        "committees/committee_form.html",
        {"form": form, "committee": None},
        status=400 if form.errors else 200,
    )


@require_GET
@settlement_permission("coordinator.view_settlement")
def committee_detail(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    committee = selectors.committee_get_for(
        user=request.user, settlement=settlement, pk=pk, perm="committees.view_committee"
    )
    today = clock.today()
    summary = selectors_plans.plan_summary(committee=committee, year=today.year)
    return render(
        request,
        "committees/committee_detail.html",
        {
            "committee": committee,
            "can_edit": request.user.has_perm("committees.change_committee", committee),
            "members": selectors_members.members_of(committee=committee, today=today),
            "can_read_registry": request.user.has_perm("coordinator.view_registry", settlement),
            "plan_summary": summary,
            "plan_budget_text": money(summary.budget, settlement.currency),
            "plan_url": f"{reverse('committees:work_plan', args=[committee.pk])}?year={today.year}",
            "meetings_url": f"{reverse('committees:meetings')}?committee={committee.pk}",
        },
    )


@settlement_permission("coordinator.view_settlement")
def committee_edit(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    committee = selectors.committee_get_for(
        user=request.user, settlement=settlement, pk=pk, perm="committees.change_committee"
    )
    can_set_chairs = request.user.has_perm("committees.add_committee", settlement)
    form = CommitteeForm(
        request.POST if request.method == "POST" else None,
        instance=selectors.committee_get_for(
            user=request.user, settlement=settlement, pk=pk, perm="committees.change_committee"
        ),
        settlement=settlement,
        can_set_chairs=can_set_chairs,
    )
    if request.method == "POST" and form.is_valid():
        services.committee_update(
            committee=committee,
            data=form.cleaned_data,
            chairs=form.cleaned_data["chairs"] if can_set_chairs else None,
        )
        messages.success(request, _("The changes were saved."))
        return redirect("committees:detail", pk=pk)
    return render(
        request,
        "committees/committee_form.html",
        {"form": form, "committee": committee},
        status=400 if form.errors else 200,
    )
