"""The record of every message to residents, decisions on those that did not go out, and
the settlement's quiet hours."""

from django.conf import settings as django_settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from coordinator.decorators import settlement_permission
from coordinator.models import Settlement

from . import services
from .forms import QuietHoursForm, ResolveForm
from .models import Message

STATES = {
    "problem": (
        gettext_lazy("Did not go out"),
        Q(state__in=[Message.State.FAILED, Message.State.INTERRUPTED]),
    ),
    "waiting": (
        gettext_lazy("Waiting"),
        Q(state__in=[Message.State.QUEUED, Message.State.SENDING]),
    ),
    "sent": (gettext_lazy("Sent"), Q(state=Message.State.SENT)),
    "cancelled": (gettext_lazy("Cancelled"), Q(state=Message.State.CANCELLED)),
}


@require_GET
@settlement_permission("messaging.view_messages")
def message_list(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    rows = Message.objects.filter(settlement=settlement)
    state = request.GET.get("state", "")
    if state in STATES:
        rows = rows.filter(STATES[state][1])
    query = request.GET.get("q", "").strip()
    if query:
        rows = rows.filter(
            Q(subject__icontains=query)
            | Q(to_address__icontains=query)
            | Q(resident__first_name__icontains=query)
            | Q(resident__last_name__icontains=query)
            | Q(to_name__icontains=query)
        )
    rows = rows.select_related("resident").order_by("-created_at", "-pk")
    page = Paginator(rows, django_settings.PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "page": page,
        "query": params.urlencode(),
        "q": query,
        "state": state,
        "states": [(key, label) for key, (label, _q) in STATES.items()],
        "settlement": settlement,
    }
    return render(request, "messaging/list.html", context)


def _message(settlement: Settlement, pk: int) -> Message:
    return get_object_or_404(
        Message.objects.filter(settlement=settlement).select_related("resident"), pk=pk
    )


@require_GET
@settlement_permission("messaging.view_messages")
def message_detail(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    message = _message(settlement, pk)
    context = {"message": message, "form": ResolveForm(), "settlement": settlement}
    return render(request, "messaging/detail.html", context)


@require_POST
@settlement_permission("messaging.manage_messages")
def message_resolve(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    message = _message(settlement, pk)
    form = ResolveForm(request.POST)
    if not form.is_valid():
        context = {"message": message, "form": form, "settlement": settlement}
        return render(request, "messaging/detail.html", context, status=400)
    outcome = form.cleaned_data["outcome"]
    if services.message_resolve(message=message, outcome=outcome):
        messages.success(
            request,
            _("Marked as sent.") if outcome == "sent" else _("It will be sent again shortly."),
        )
    else:
        messages.error(request, _("This message no longer waits for a decision."))
    return redirect("messaging:detail", pk=message.pk)


@settlement_permission("messaging.manage_messages")
def quiet_hours(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    if request.method == "POST":
        form = QuietHoursForm(request.POST)
        if form.is_valid():
            services.quiet_hours_update(settlement=settlement, **form.cleaned_data)
            messages.success(request, _("The quiet hours were saved."))
            return redirect("messaging:quiet_hours")
        status = 400
    else:
        form = QuietHoursForm(
            initial={"quiet_from": settlement.quiet_from, "quiet_until": settlement.quiet_until}
        )
        status = 200
    context = {
        "form": form,
        "settlement": settlement,
        "observes_shabbat": settlement.language == "he",
    }
    return render(request, "messaging/quiet_hours.html", context, status=status)
