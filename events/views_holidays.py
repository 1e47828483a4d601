"""Holiday suggestions for the coordinator: this year and the next two, each turned into a
draft event with one button, once."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_scopes import scope

from committees.selectors_meetings import local_today
from coordinator.decorators import settlement_permission
from coordinator.models import Settlement

from . import services_holidays as services
from .holidays import Suggestion, suggestions_for
from .models import Event

YEARS_AHEAD = 2


def _years(settlement: Settlement) -> list[int]:
    this_year = local_today(settlement).year
    return list(range(this_year, this_year + YEARS_AHEAD + 1))


def _year(value: str | None, years: list[int]) -> int | None:
    if value is None or value == "":
        return years[0]
    try:
        year = int(value)
    except ValueError:
        return None
    return year if year in years else None


def _bad(request: HttpRequest, settlement: Settlement, message: str) -> HttpResponse:
    return render(
        request,
        "events/holidays.html",
        {
            "settlement": settlement,
            "error": message,
            "years": _years(settlement),
            "year": None,
            "rows": [],
        },
        status=400,
    )


@require_http_methods(["GET", "POST"])
@settlement_permission("events.add_event")
def holidays(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    years = _years(settlement)
    if request.method == "POST":
        year = _year(request.POST.get("year"), years)
        key = request.POST.get("key", "")
        if year is None or not key:
            return _bad(request, settlement, _("Choose a holiday to add."))
        # The event's title is in the settlement's language.
        with translation.override(settlement.language):
            found: Suggestion | None = next(
                (s for s in suggestions_for(settlement.language, year) if s.key == key), None
            )
            if found is None:
                return _bad(request, settlement, _("This holiday is not among the suggestions."))
            event, _created = services.event_from_holiday(
                settlement=settlement, suggestion=found, by=request.user
            )
        return redirect("events:edit", pk=event.pk)

    year = _year(request.GET.get("year"), years)
    if year is None:
        return _bad(request, settlement, _("Choose one of the years offered."))
    suggestions = suggestions_for(settlement.language, year)
    with scope(settlement=settlement.pk):
        made = dict(
            Event.objects.filter(
                settlement=settlement, holiday_key__in=[s.key for s in suggestions]
            ).values_list("holiday_key", "pk")
        )
    rows: list[dict[str, Any]] = [
        {"suggestion": s, "event_pk": made.get(s.key)} for s in suggestions
    ]
    return render(
        request,
        "events/holidays.html",
        {
            "settlement": settlement,
            "years": years,
            "year": year,
            "rows": rows,
            "has_suggestions": settlement.language in ("he", "sl"),
        },
    )
