"""Action items of meetings: adding one, changing it, and ticking it done (by its owner or
the meeting's keepers). Split from ``views_meetings``; times show on the settlement's
clocks."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordinator.decorators import settlement_permission
from coordinator.models import Settlement

from . import selectors_meetings as selectors
from . import services_meetings as services
from .forms_meetings import ActionItemForm
from .models import ActionItem, Meeting
from .views_meetings import CHANGE, SEE, add_local_times, render_local


def _action_page(
    request: HttpRequest,
    settlement: Settlement,
    form: ActionItemForm,
    meeting: Meeting,
    item: ActionItem | None,
) -> HttpResponse:
    add_local_times([meeting], settlement)
    return render_local(
        request,
        settlement,
        "committees/meetings/action_form.html",
        {"form": form, "meeting": meeting, "item": item},
        status=400 if form.is_bound and form.errors else 200,
    )


@settlement_permission(SEE)
def action_add(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get_for(
        user=request.user, settlement=settlement, pk=pk, perm=CHANGE
    )
    form = ActionItemForm(
        request.POST if request.method == "POST" else None,
        owners=selectors.member_users(settlement=settlement),
        today=selectors.local_today(settlement),
        editing=False,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.action_item_create(
            meeting=meeting, title=data["title"], owner=data["owner"], due_on=data["due_on"]
        )
        messages.success(request, _("The action item was added."))
        return redirect("committees:meeting_detail", pk=meeting.pk)
    return _action_page(request, settlement, form, meeting, None)


@settlement_permission(SEE)
def action_edit(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    """For the meeting's keepers; the owner may only tick the item done."""
    item = selectors.action_item_get_for(
        user=request.user, settlement=settlement, pk=pk, perm=CHANGE
    )
    form = ActionItemForm(
        request.POST if request.method == "POST" else None,
        initial={
            "title": item.title,
            "owner": item.owner_id,
            "due_on": item.due_on,
            "done": item.done_at is not None,
        },
        owners=selectors.member_users(
            settlement=settlement, include=[item.owner_id] if item.owner_id else []
        ),
        today=selectors.local_today(settlement),
        editing=True,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.action_item_update(
            item=item,
            title=data["title"],
            owner=data["owner"],
            due_on=data["due_on"],
            done=data["done"],
        )
        messages.success(request, _("The changes were saved."))
        return redirect("committees:meeting_detail", pk=item.meeting_id)
    return _action_page(request, settlement, form, item.meeting, item)


@require_POST
@settlement_permission(SEE)
def action_done(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    """Tick the item done (or not done again, with ``undo``): its owner or the meeting's
    keepers. Back to ``next`` if it is a page of this site, else to the meeting."""
    user = request.user
    item = selectors.action_item_get_for(
        user=user, settlement=settlement, pk=pk, perm="committees.complete_action_item"
    )
    done = not request.POST.get("undo")
    if services.action_item_mark(item=item, done=done):
        if done:
            messages.success(request, _("“%(title)s” is done.") % {"title": item.title})
        else:
            messages.success(request, _("“%(title)s” is open again.") % {"title": item.title})
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    if user.has_perm("committees.view_meeting", item.meeting):
        return redirect("committees:meeting_detail", pk=item.meeting_id)
    return redirect("home")
