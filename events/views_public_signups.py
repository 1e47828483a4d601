"""The public sign-up pages, with no login: signing up for an event, taking a volunteer
shift, and the personal pages the links lead to (to see one's place and cancel it).
Phone-first, in the settlement's language unless the link asks for another. Visitors see
counts ("12 places left"), never who else signed up."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_http_methods
from django_scopes import scope

from coordinator.clock import settlement_zone
from coordinator.models import Settlement
from coordinator.public import asked_language, personal_page
from surveys.i18n import text_in

from . import selectors_signups as selectors
from . import services_shifts as shift_services
from . import services_signups as services
from .forms_signups import SignupForm, VolunteerForm
from .models import Event, VolunteerShift
from .selectors import event_languages
from .selectors_public import settlement_by_slug


def _shown(event: Event, settlement: Settlement, language: str) -> dict[str, Any]:
    zone = settlement_zone(settlement)
    return {
        "pk": event.pk,
        "title": text_in(event.title, event_languages(settlement), language),
        "starts": timezone.localtime(event.starts_at, zone),
        "ends": timezone.localtime(event.ends_at, zone) if event.ends_at else None,
        "place": event.place,
    }


def _render(
    request: HttpRequest,
    settlement: Settlement,
    template: str,
    context: dict[str, Any],
    status: int = 200,
    personal: bool = False,
) -> HttpResponse:
    language = translation.get_language() or ""
    with timezone.override(settlement_zone(settlement)):
        response = render(
            request,
            template,
            {"settlement": settlement, "lang": language, **context},
            status=status,
        )
    if personal:
        return personal_page(response, language)
    response["Content-Language"] = language
    response["Cache-Control"] = "no-store, private"
    return response


def _refusal(event: Event) -> str:
    try:
        services.check_open(event)
    except ValidationError as error:
        return services.signup_refusal(error)
    return ""


def _volunteer_refusal(event: Event) -> str:
    try:
        shift_services.check_volunteering(event)
    except ValidationError as error:
        return services.signup_refusal(error)
    return ""


@require_http_methods(["GET", "POST"])
def event_signup(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    settlement = settlement_by_slug(slug=slug)
    event = selectors.public_event(settlement=settlement, pk=pk)
    language = asked_language(request, settlement)
    with scope(settlement=settlement.pk), translation.override(language):
        closed = _refusal(event)
        error = ""
        status = 200
        form = SignupForm()
        if request.method == "POST":
            form = SignupForm(request.POST)
            status = 400
            if form.is_valid() and not closed:
                if form.is_robot:
                    return _render(request, settlement, "events/public/signup_thanks.html", {})
                try:
                    _row, token = services.event_signup(
                        event=event,
                        contact=form.contact(language),
                        seats=form.cleaned_data["seats"],
                    )
                except ValidationError as refusal:
                    error = services.signup_refusal(refusal)
                else:
                    url = reverse("calendar:signup", kwargs={"slug": slug, "token": token})
                    return redirect(f"{url}?lang={language}")
        return _render(
            request,
            settlement,
            "events/public/signup.html",
            {
                "event": _shown(event, settlement, language),
                "summary": selectors.signup_summary(event),
                "closed": closed,
                "error": error,
                "form": form,
            },
            status=status,
        )


def _shift_label(shift: VolunteerShift, zone: Any) -> str:
    starts = timezone.localtime(shift.starts_at, zone)
    ends = timezone.localtime(shift.ends_at, zone)
    free = shift.needed - getattr(shift, "taken", 0)
    return translation.ngettext(
        "%(role)s, %(day)s %(starts)s–%(ends)s (%(free)d place left)",
        "%(role)s, %(day)s %(starts)s–%(ends)s (%(free)d places left)",
        free,
    ) % {
        "role": shift.role,
        "day": starts.strftime("%d.%m."),
        "starts": starts.strftime("%H:%M"),
        "ends": ends.strftime("%H:%M"),
        "free": free,
    }


def _open(event: Event, zone: Any) -> tuple[QuerySet[VolunteerShift], list[VolunteerShift]]:
    shifts = selectors.open_shifts(event)
    listed = list(shifts)
    for shift in listed:
        shift.label = _shift_label(shift, zone)  # type: ignore[attr-defined]
    return shifts, listed


@require_http_methods(["GET", "POST"])
def event_volunteer(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    settlement = settlement_by_slug(slug=slug)
    event = selectors.public_event(settlement=settlement, pk=pk)
    language = asked_language(request, settlement)
    zone = settlement_zone(settlement)
    with scope(settlement=settlement.pk), translation.override(language):
        closed = _volunteer_refusal(event)
        shifts, listed = _open(event, zone)
        error = ""
        status = 200
        form = VolunteerForm(shifts=shifts)
        if request.method == "POST":
            status = 400
            form = VolunteerForm(request.POST, shifts=shifts)
            if form.is_valid() and not closed:
                if form.is_robot:
                    return _render(request, settlement, "events/public/signup_thanks.html", {})
                try:
                    _row, token = shift_services.shift_take(
                        shift=form.cleaned_data["shift"], contact=form.contact(language)
                    )
                except ValidationError as refusal:
                    error = services.signup_refusal(refusal)
                else:
                    url = reverse("calendar:shift_signup", kwargs={"slug": slug, "token": token})
                    return redirect(f"{url}?lang={language}")
        form.fields["shift"].label_from_instance = lambda shift: _shift_label(shift, zone)  # type: ignore[attr-defined]
        return _render(
            request,
            settlement,
            "events/public/volunteer.html",
            {
                "event": _shown(event, settlement, language),
                "shifts": listed,
                "closed": closed,
                "error": error,
                "form": form,
            },
            status=status,
        )


def _cancel_asked(request: HttpRequest) -> bool:
    return request.POST.get("cancel") == "1"


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    settlement = settlement_by_slug(slug=slug)
    row = selectors.registration_by_token(settlement=settlement, token=token)
    language = asked_language(request, settlement)
    with scope(settlement=settlement.pk), translation.override(language):
        status = 200
        if request.method == "POST":
            if _cancel_asked(request):
                services.event_registration_cancel(registration=row)
                return redirect(f"{request.path}?lang={language}")
            status = 400
        event = row.event
        return _render(
            request,
            settlement,
            "events/public/signup_status.html",
            {
                "event": _shown(event, settlement, language),
                "row": row,
                "place": selectors.waiting_place(row),
                "can_cancel": row.status != selectors.CANCELLED
                and not selectors.event_started(event),
                "bad_request": status == 400,
            },
            status=status,
            personal=True,
        )


@require_http_methods(["GET", "POST"])
def shift_signup(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    settlement = settlement_by_slug(slug=slug)
    row = selectors.shift_signup_by_token(settlement=settlement, token=token)
    language = asked_language(request, settlement)
    zone = settlement_zone(settlement)
    with scope(settlement=settlement.pk), translation.override(language):
        status = 200
        if request.method == "POST":
            if _cancel_asked(request):
                shift_services.shift_signup_cancel(signup=row)
                return redirect(f"{request.path}?lang={language}")
            status = 400
        shift = row.shift
        return _render(
            request,
            settlement,
            "events/public/volunteer_status.html",
            {
                "event": _shown(shift.event, settlement, language),
                "row": row,
                "shift": shift,
                "shift_starts": timezone.localtime(shift.starts_at, zone),
                "shift_ends": timezone.localtime(shift.ends_at, zone),
                "can_cancel": row.cancelled_at is None and not selectors.event_started(shift.event),
                "bad_request": status == 400,
            },
            status=status,
            personal=True,
        )
