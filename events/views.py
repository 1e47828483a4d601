"""The staff pages of the settlement's events: the calendar (a list or a month), an
event's page, its form, its deletion, and its publicity (announcement text and poster)."""

import datetime as dt
from typing import Any

from django.conf import settings as django_settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from committees.money import money
from coordinator import clock
from coordinator.decorators import settlement_permission
from coordinator.models import AgeGroup, Settlement
from coordinator.public import qr_data_uri
from messaging.services import absolute_url
from surveys.i18n import text_in

from . import selectors, services
from .forms import MONEY_FIELDS, CalendarFilterForm, EventForm
from .models import Event
from .selectors import ADD, CHANGE, DELETE, VIEW
from .views_signups import signup_card


def _filters(form: CalendarFilterForm) -> tuple[str, str, selectors.EventFilter]:
    form.is_valid()  # a bad value drops only its own filter
    data = form.cleaned_data
    return (
        data.get("view") or "list",
        data.get("month") or "",
        selectors.EventFilter(kind=data.get("kind", ""), age_group=data.get("age_group", "")),
    )


def _month(value: str, settlement: Settlement) -> tuple[int, int]:
    try:
        year, month = (int(part) for part in value.split("-"))
        if 1 <= year <= 9998 and 1 <= month <= 12:
            return year, month
    except ValueError:
        pass
    today = clock.local_today(settlement)
    return today.year, today.month


def _label(event: Event, settlement: Settlement) -> Event:
    event.label = selectors.event_title(event, settlement, get_language() or "")  # type: ignore[attr-defined]
    return event


def _week_context(
    request: HttpRequest,
    settlement: Settlement,
    form: CalendarFilterForm,
    filters: selectors.EventFilter,
) -> dict[str, Any]:
    """The week view: the seven days of the asked week (today's by default), each with its
    events and class sessions."""
    asked = form.cleaned_data.get("week")  # None when missing or not a date
    if asked is None or not dt.date(2, 1, 1) <= asked <= dt.date(9998, 12, 31):
        asked = clock.local_today(settlement)
    days = selectors.week_for(user=request.user, settlement=settlement, day=asked, filters=filters)
    language = get_language() or ""
    languages = selectors.event_languages(settlement)
    for day in days:
        for event in day.events:
            _label(event, settlement)
        for session in day.sessions:
            session.label = text_in(session.course.title, languages, language)  # type: ignore[attr-defined]
    first = days[0].date
    return {
        "days": days,
        "week_start": first,
        "week_end": days[-1].date,
        "this_week": first.isoformat(),
        "previous_week": (first - dt.timedelta(days=7)).isoformat(),
        "next_week": (first + dt.timedelta(days=7)).isoformat(),
        # Sessions lead to the class's pages, which are for the coordinator (and chairs).
        "can_open_sessions": request.user.has_perm(ADD, settlement),
    }


@require_GET
@settlement_permission(VIEW)
def calendar(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    form = CalendarFilterForm(request.GET)
    view, month_value, filters = _filters(form)
    zone = selectors.settlement_zone(settlement)
    query = request.GET.copy()
    for key in ("page", "view", "month", "week"):
        query.pop(key, None)
    context: dict[str, Any] = {
        "form": form,
        "view": view,
        "filter_query": query.urlencode(),
        "filtered": bool(filters.kind or filters.age_group),
        "time_zone": zone.key,
        "can_add": request.user.has_perm(ADD, settlement),
    }
    if view == "week":
        context.update(_week_context(request, settlement, form, filters))
    elif view == "month":
        year, month = _month(month_value, settlement)
        weeks = selectors.month_grid_for(
            user=request.user, settlement=settlement, year=year, month=month, filters=filters
        )
        for week in weeks:
            for day in week:
                for event in day.events:
                    _label(event, settlement)
        first = dt.date(year, month, 1)
        previous = (first - dt.timedelta(days=1)).replace(day=1)
        following = (first + dt.timedelta(days=31)).replace(day=1)
        context.update(
            {
                "weeks": weeks,
                "weekdays": [day.date for day in weeks[0]],
                "month_start": first,
                "previous_month": previous.strftime("%Y-%m"),
                "next_month": following.strftime("%Y-%m"),
                "this_month": first.strftime("%Y-%m"),
            }
        )
    else:
        events = selectors.upcoming_events_for(
            user=request.user, settlement=settlement, filters=filters
        )
        page = Paginator(events, django_settings.PAGE_SIZE).get_page(request.GET.get("page"))
        months: list[tuple[dt.date, list[Event]]] = []
        for event in page.object_list:
            _label(event, settlement)
            start = event.starts_at.astimezone(zone).date().replace(day=1)
            if not months or months[-1][0] != start:
                months.append((start, []))
            months[-1][1].append(event)
        context.update({"page": page, "months": months})
    return render(request, "events/calendar.html", context)


def _event_form(request: HttpRequest, settlement: Settlement, event: Event | None) -> HttpResponse:
    """Create (``event`` None) or edit."""
    keeps_all = request.user.has_perm(ADD, settlement)
    options: dict[str, Any] = {
        "languages": selectors.event_languages(settlement),
        "zone": selectors.settlement_zone(settlement),
        "committees": selectors.committees_for_event(user=request.user, settlement=settlement),
        "committee_required": not keeps_all,
        "event": event,
    }
    if request.method == "POST":
        form = EventForm(request.POST, **options)
        if form.is_valid():
            if event is None:
                event = services.event_create(
                    settlement=settlement, data=form.event_data(), by=request.user
                )
                messages.success(request, _("The event was added."))
            else:
                services.event_update(event=event, data=form.event_data())
                messages.success(request, _("The changes were saved."))
            return redirect("events:detail", pk=event.pk)
    else:
        form = EventForm(**options)
    return render(
        request,
        "events/form.html",
        {"form": form, "event": event and _label(event, settlement)},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@settlement_permission(ADD)
def event_create(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    return _event_form(request, settlement, None)


@require_http_methods(["GET", "POST"])
@settlement_permission(VIEW)
def event_edit(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    event = selectors.event_get_for(user=request.user, settlement=settlement, pk=pk, perm=CHANGE)
    return _event_form(request, settlement, event)


def _public_url(request: HttpRequest, settlement: Settlement, event: Event) -> str:
    return absolute_url(reverse("calendar:event", kwargs={"slug": settlement.slug, "pk": event.pk}))


@require_GET
@settlement_permission(VIEW)
def event_detail(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    event = selectors.event_get_for(user=request.user, settlement=settlement, pk=pk)
    can_change = request.user.has_perm(CHANGE, event)
    names = dict(AgeGroup.choices)
    published = event.status == Event.Status.PUBLISHED
    return render(
        request,
        "events/detail.html",
        {
            "event": _label(event, settlement),
            "description": selectors.event_description(event, settlement, get_language() or ""),
            "texts": [
                (lang, event.title.get(lang, ""), event.description.get(lang, ""))
                for lang in selectors.event_languages(settlement)
            ],
            "age_groups": [names.get(code, code) for code in event.age_groups],
            "money": [
                (
                    getattr(Event._meta.get_field(key), "verbose_name", key),
                    money(getattr(event, key), settlement.currency),
                )
                for key in MONEY_FIELDS
            ],
            "time_zone": selectors.settlement_zone(settlement).key,
            "public_url": _public_url(request, settlement, event) if published else "",
            "can_change": can_change,
            "can_delete": request.user.has_perm(DELETE, event),
            **signup_card(request=request, settlement=settlement, event=event, keeper=can_change),
        },
    )


@require_http_methods(["GET", "POST"])
@settlement_permission(VIEW)
def event_delete(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    event = selectors.event_get_for(user=request.user, settlement=settlement, pk=pk, perm=DELETE)
    title = selectors.event_title(event, settlement, get_language() or "")
    if request.method == "POST":
        services.event_delete(event=event)
        messages.success(request, _("The event “%(title)s” was deleted.") % {"title": title})
        return redirect("events:calendar")
    return render(request, "events/delete.html", {"event": _label(event, settlement)})


def _when(event: Event, settlement: Settlement) -> str:
    zone = selectors.settlement_zone(settlement)
    start = event.starts_at.astimezone(zone)
    text = (
        f"{formats.date_format(start, 'DATE_FORMAT')}, {formats.time_format(start, 'TIME_FORMAT')}"
    )
    if event.ends_at:
        text += f"–{formats.time_format(event.ends_at.astimezone(zone), 'TIME_FORMAT')}"
    return text


def announcement_text(
    *, event: Event, settlement: Settlement, public_url: str, language: str
) -> str:
    """The event as a message for a group chat: title, when, where, what, the link."""
    lines = [selectors.event_title(event, settlement, language), _when(event, settlement)]
    if event.place:
        lines.append(event.place)
    description = selectors.event_description(event, settlement, language)
    if description:
        lines += ["", description]
    if public_url:
        lines += ["", public_url]
    return "\n".join(lines)


@require_GET
@settlement_permission(VIEW)
def event_announcement(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    event = selectors.event_get_for(user=request.user, settlement=settlement, pk=pk, perm=CHANGE)
    published = event.status == Event.Status.PUBLISHED
    public_url = _public_url(request, settlement, event) if published else ""
    return render(
        request,
        "events/announcement.html",
        {
            "event": _label(event, settlement),
            "published": published,
            "text": announcement_text(
                event=event,
                settlement=settlement,
                public_url=public_url,
                language=get_language() or "",
            ),
        },
    )


@require_GET
@settlement_permission(VIEW)
def event_poster(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    event = selectors.event_get_for(user=request.user, settlement=settlement, pk=pk, perm=CHANGE)
    published = event.status == Event.Status.PUBLISHED
    public_url = _public_url(request, settlement, event) if published else ""
    language = get_language() or ""
    return render(
        request,
        "events/poster.html",
        {
            "event": _label(event, settlement),
            "when": _when(event, settlement),
            "description": selectors.event_description(event, settlement, language),
            "public_url": public_url,
            "qr": qr_data_uri(public_url, scale=6) if public_url else "",
        },
    )
