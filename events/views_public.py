"""The settlement's public calendar, with no login: its upcoming published events, one
event's page and the calendar feed that phones and Google or Apple calendars subscribe to.
Nothing personal and no money is shown."""

import datetime as dt
from typing import Any

import icalendar
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_GET
from django_scopes import scope

from coordinator import clock
from coordinator.clock import settlement_zone
from coordinator.models import Settlement
from coordinator.public import asked_language
from messaging.services import absolute_url
from surveys.i18n import text_in

from . import selectors_public as selectors
from .models import Event
from .selectors_signups import open_shifts

LANGUAGES = ("he", "sl", "en")


def _languages(settlement: Settlement) -> list[str]:
    return [settlement.language, *(code for code in LANGUAGES if code != settlement.language)]


def _shown(event: Event, settlement: Settlement, wanted: str) -> dict[str, Any]:
    """What a visitor sees of an event: texts in their language when given, times on the
    settlement's clocks."""
    zone = settlement_zone(settlement)
    languages = _languages(settlement)
    return {
        "pk": event.pk,
        "title": text_in(event.title, languages, wanted),
        "description": text_in(event.description, languages, wanted),
        "kind": event.get_kind_display(),
        "starts": timezone.localtime(event.starts_at, zone),
        "ends": timezone.localtime(event.ends_at, zone) if event.ends_at else None,
        "place": event.place,
    }


def _public(response: HttpResponse) -> HttpResponse:
    response["Content-Language"] = translation.get_language() or ""
    return response


def _render(
    request: HttpRequest, settlement: Settlement, template: str, context: dict[str, Any]
) -> HttpResponse:
    feed_path = reverse("calendar:feed", kwargs={"slug": settlement.slug})
    feed_url = absolute_url(feed_path)
    context = {
        "settlement": settlement,
        "feed_url": feed_url,
        "webcal_url": "webcal://" + feed_url.split("://", 1)[-1],
        **context,
    }
    with timezone.override(settlement_zone(settlement)):
        return _public(render(request, template, context))


@require_GET
def events(request: HttpRequest, slug: str) -> HttpResponse:
    settlement = selectors.settlement_by_slug(slug=slug)
    with translation.override(asked_language(request, settlement)):
        wanted = translation.get_language() or ""
        shown = [
            _shown(e, settlement, wanted) for e in selectors.events_upcoming(settlement=settlement)
        ]
        return _render(request, settlement, "events/public/events.html", {"events": shown})


@require_GET
def event(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    settlement = selectors.settlement_by_slug(slug=slug)
    found = selectors.event_public_get(settlement=settlement, pk=pk)
    with translation.override(asked_language(request, settlement)):
        return _event_page(request, settlement, found)


def _event_page(request: HttpRequest, settlement: Settlement, found: Event) -> HttpResponse:
    slug = settlement.slug
    shown = _shown(found, settlement, translation.get_language() or "")
    url = absolute_url(reverse("calendar:event", kwargs={"slug": slug, "pk": found.pk}))
    with timezone.override(settlement_zone(settlement)):
        when = shown["starts"].strftime("%d.%m.%Y %H:%M")
    share = "\n".join(filter(None, [shown["title"], when, shown["place"], url]))
    upcoming = found.starts_at > clock.now()
    with scope(settlement=settlement.pk):
        volunteer_open = upcoming and open_shifts(found).exists()
    return _render(
        request,
        settlement,
        "events/public/event.html",
        {
            "event": shown,
            "share_text": share,
            "event_url": url,
            "signup_open": upcoming and found.signup_open,
            "volunteer_open": volunteer_open,
        },
    )


def _calendar(settlement: Settlement, events: list[Event]) -> bytes:
    """The feed: each event with a stable UID, local times with the settlement's TZID and
    its VTIMEZONE, so calendars show the right hour on both sides of a clock change."""
    zone = settlement_zone(settlement)
    languages = _languages(settlement)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Community workplace//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", settlement.name)
    calendar.add("x-wr-timezone", str(zone))
    stamp = clock.now().astimezone(dt.UTC)
    for item in events:
        entry = icalendar.Event()
        entry.add("uid", f"event-{item.pk}@{settlement.slug}")
        entry.add("dtstamp", stamp)
        entry.add("dtstart", item.starts_at.astimezone(zone))
        ends = item.ends_at or item.starts_at + dt.timedelta(hours=1)
        entry.add("dtend", ends.astimezone(zone))
        entry.add("summary", text_in(item.title, languages, settlement.language))
        description = text_in(item.description, languages, settlement.language)
        if description:
            entry.add("description", description)
        if item.place:
            entry.add("location", item.place)
        entry.add(
            "url",
            absolute_url(
                reverse("calendar:event", kwargs={"slug": settlement.slug, "pk": item.pk})
            ),
        )
        if item.status == Event.Status.CANCELLED:
            entry.add("status", "CANCELLED")
        else:
            entry.add("status", "CONFIRMED")
        calendar.add_component(entry)
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


@require_GET
def feed(request: HttpRequest, slug: str) -> HttpResponse:
    settlement = selectors.settlement_by_slug(slug=slug)
    body = _calendar(settlement, selectors.events_for_feed(settlement=settlement))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{settlement.slug}-events.ics"'
    return response
