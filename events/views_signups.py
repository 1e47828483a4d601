"""The staff pages of who comes to an event and who helps: registrations and the waiting
list, attendance, the feedback form, and volunteer shifts. For the keepers of the event
(the coordinator and the chair of its organising committee); anyone else gets 404."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from coordinator.clock import settlement_zone
from coordinator.decorators import settlement_permission
from coordinator.models import Settlement
from messaging.services import absolute_url

from . import selectors_signups as selectors
from . import services_shifts as shift_services
from . import services_signups as services
from .forms_signups import AttendanceForm, RegistrationAddForm, RegistrationSearchForm, ShiftForm
from .models import Event
from .selectors import VIEW, event_title

PAGE_SIZE = 50


def _label(event: Event, settlement: Settlement) -> Event:
    event.label = event_title(event, settlement, get_language() or "")  # type: ignore[attr-defined]
    return event


def _refused(request: HttpRequest, error: ValidationError) -> None:
    messages.error(request, services.signup_refusal(error))


# --- registrations -------------------------------------------------------------------------


@require_GET
@settlement_permission(VIEW)
def registrations(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    event = selectors.keeper_event(user=request.user, settlement=settlement, pk=pk)
    form = RegistrationSearchForm(request.GET)
    search, status = "", selectors.CONFIRMED
    if form.is_valid():
        search = form.cleaned_data.get("q", "").strip()
        status = form.cleaned_data.get("status") or selectors.CONFIRMED
    rows = selectors.registrations_of(event, status, search)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    tabs = request.GET.copy()
    for key in ("page", "status"):
        tabs.pop(key, None)
    summary = selectors.signup_summary(event)
    return render(
        request,
        "events/signups/registrations.html",
        {
            "event": _label(event, settlement),
            "form": form,
            "search": search,
            "status": status,
            "summary": summary,
            "tabs": [
                (selectors.CONFIRMED, _("Have a place"), summary.confirmed),
                (selectors.WAITING, _("Waiting list"), summary.waiting),
                (selectors.CANCELLED, _("Cancelled"), summary.cancelled),
            ],
            "tab_query": tabs.urlencode(),
            "page": page,
            "query": query.urlencode(),
            "can_cancel": status != selectors.CANCELLED,
            "time_zone": settlement_zone(settlement).key,
        },
    )


@require_http_methods(["GET", "POST"])
@settlement_permission(VIEW)
def registration_add(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    event = selectors.keeper_event(user=request.user, settlement=settlement, pk=pk)
    error = ""
    if request.method == "POST":
        form = RegistrationAddForm(request.POST)
        if form.is_valid():
            try:
                row, _token = services.event_signup(
                    event=event,
                    contact=form.contact(settlement.language),
                    seats=form.cleaned_data["seats"],
                )
            except ValidationError as refusal:
                error = services.signup_refusal(refusal)
            else:
                if row.status == selectors.CONFIRMED:
                    messages.success(request, _("%(name)s has a place.") % {"name": row.name})
                else:
                    messages.warning(
                        request,
                        _("The event is full: %(name)s is on the waiting list.")
                        % {"name": row.name},
                    )
                return redirect("events:registrations", pk=event.pk)
    else:
        form = RegistrationAddForm()
    return render(
        request,
        "events/signups/registration_add.html",
        {
            "event": _label(event, settlement),
            "form": form,
            "error": error,
            "summary": selectors.signup_summary(event),
        },
        status=400 if form.is_bound else 200,
    )


@require_POST
@settlement_permission(VIEW)
def registration_cancel(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    row = selectors.registration_get_for(user=request.user, settlement=settlement, pk=pk)
    was = row.status
    promoted = services.event_registration_cancel(registration=row)
    if was == selectors.CANCELLED:
        messages.info(request, _("This registration was already cancelled."))
    else:
        messages.success(
            request, _("The registration of %(name)s was cancelled.") % {"name": row.name}
        )
    if promoted:
        names = ", ".join(p.name for p in promoted)
        messages.info(
            request,
            ngettext(
                "Moved up from the waiting list: %(names)s.",
                "Moved up from the waiting list: %(names)s.",
                len(promoted),
            )
            % {"names": names},
        )
    return redirect("events:registrations", pk=row.event_id)


# --- attendance and feedback ---------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@settlement_permission(VIEW)
def attendance(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    event = selectors.keeper_event(user=request.user, settlement=settlement, pk=pk)
    rows = list(selectors.registrations_of(event, selectors.CONFIRMED))
    if request.method == "POST":
        form = AttendanceForm(request.POST, registrations=rows)
        if form.is_valid():
            try:
                total = services.attendance_save(
                    event=event,
                    came=form.came_ids(),
                    head_count=form.cleaned_data.get("head_count"),
                )
            except ValidationError as refusal:
                _refused(request, refusal)
                return redirect("events:attendance", pk=event.pk)
            messages.success(
                request,
                ngettext(
                    "Attendance saved: %(count)d person came.",
                    "Attendance saved: %(count)d people came.",
                    total,
                )
                % {"count": total},
            )
            return redirect("events:detail", pk=event.pk)
    else:
        form = AttendanceForm(registrations=rows, initial={"head_count": event.attendance})
    return render(
        request,
        "events/signups/attendance.html",
        {
            "event": _label(event, settlement),
            "form": form,
            "started": selectors.event_started(event),
        },
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET", "POST"])
@settlement_permission(VIEW)
def feedback(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    event = selectors.keeper_event(user=request.user, settlement=settlement, pk=pk)
    if request.method == "POST":
        try:
            queued = services.feedback_send(event=event, by=request.user)
        except ValidationError as refusal:
            _refused(request, refusal)
            return redirect("events:detail", pk=event.pk)
        messages.success(
            request,
            ngettext(
                "The feedback form was sent to %(count)d person.",
                "The feedback form was sent to %(count)d people.",
                queued,
            )
            % {"count": queued},
        )
        return redirect("events:detail", pk=event.pk)
    return render(
        request,
        "events/signups/feedback.html",
        {
            "event": _label(event, settlement),
            "recipients": services.feedback_recipients(event),
            "ended": (event.ends_at or event.starts_at) <= services.clock.now(),
            "counted": event.attendance is not None,
        },
    )


# --- volunteer shifts ----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@settlement_permission(VIEW)
def shifts(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    event = selectors.keeper_event(user=request.user, settlement=settlement, pk=pk)
    zone = settlement_zone(settlement)
    error = ""
    if request.method == "POST":
        form = ShiftForm(request.POST, zone=zone)
        if form.is_valid():
            try:
                shift_services.shift_create(event=event, data=form.shift_data())
            except ValidationError as refusal:
                error = services.signup_refusal(refusal)
            else:
                messages.success(request, _("The shift was added."))
                return redirect("events:shifts", pk=event.pk)
    else:
        start = event.starts_at.astimezone(zone)
        form = ShiftForm(zone=zone, initial={"date": start.date()})
    return render(
        request,
        "events/signups/shifts.html",
        {
            "event": _label(event, settlement),
            "shifts": selectors.shifts_of(event),
            "form": form,
            "error": error,
            "time_zone": zone.key,
        },
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET", "POST"])
@settlement_permission(VIEW)
def shift_edit(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    shift = selectors.shift_get_for(user=request.user, settlement=settlement, pk=pk)
    zone = settlement_zone(settlement)
    error = ""
    if request.method == "POST":
        form = ShiftForm(request.POST, zone=zone, shift=shift)
        if form.is_valid():
            try:
                shift_services.shift_update(shift=shift, data=form.shift_data())
            except ValidationError as refusal:
                error = services.signup_refusal(refusal)
            else:
                messages.success(request, _("The changes were saved."))
                return redirect("events:shifts", pk=shift.event_id)
    else:
        form = ShiftForm(zone=zone, shift=shift)
    return render(
        request,
        "events/signups/shift_form.html",
        {
            "event": _label(shift.event, settlement),
            "shift": shift,
            "form": form,
            "error": error,
        },
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET", "POST"])
@settlement_permission(VIEW)
def shift_delete(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    shift = selectors.shift_get_for(user=request.user, settlement=settlement, pk=pk)
    if request.method == "POST":
        shift_services.shift_delete(shift=shift)
        messages.success(request, _("The shift “%(role)s” was deleted.") % {"role": shift.role})
        return redirect("events:shifts", pk=shift.event_id)
    return render(
        request,
        "events/signups/shift_delete.html",
        {
            "event": _label(shift.event, settlement),
            "shift": shift,
            "taken": shift_services.shift_taken(shift),
        },
    )


@require_POST
@settlement_permission(VIEW)
def shift_signup_cancel(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    row = selectors.shift_signup_get_for(user=request.user, settlement=settlement, pk=pk)
    if shift_services.shift_signup_cancel(signup=row):
        messages.success(
            request, _("%(name)s no longer volunteers for this shift.") % {"name": row.name}
        )
    else:
        messages.info(request, _("This volunteer had already cancelled."))
    return redirect("events:shifts", pk=row.shift.event_id)


# --- the sign-up card of the event's page --------------------------------------------------


def signup_card(
    *, request: HttpRequest, settlement: Settlement, event: Event, keeper: bool
) -> dict[str, Any]:
    """The context of the event page's "Sign-up" card: places, waiting list, shifts,
    attendance and feedback (a fixed number of queries); the public links for keepers."""
    published = event.status == Event.Status.PUBLISHED
    links: dict[str, str] = {}
    if keeper and published:
        kwargs = {"slug": settlement.slug, "pk": event.pk}
        links = {
            "signup_url": absolute_url(reverse("calendar:event_signup", kwargs=kwargs)),
            "volunteer_url": absolute_url(reverse("calendar:event_volunteer", kwargs=kwargs)),
        }
    feedback = selectors.feedback_summary(event)
    return {
        "signup": {
            "summary": selectors.signup_summary(event),
            "shifts": selectors.shift_summary(event),
            "feedback": feedback,
            "can_see_results": feedback is not None
            and request.user.has_perm("surveys.view_results", settlement),
            "keeper": keeper,
            **links,
        }
    }
