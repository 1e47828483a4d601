"""Recognition: the yearly list of volunteers to thank, its export and a printable thank-you
letter."""

from decimal import Decimal
from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from coordinator import clock
from coordinator.decorators import settlement_permission
from coordinator.models import Settlement

from . import selectors_hours as selectors
from . import services_hours as services
from .forms_hours import (
    YearForm,
)
from .views_hours import hours_text

MANAGE = "committees.manage_volunteers"
THANKS_PAGE_SIZE = 50
EXPORT_FORMATS = ("csv", "xlsx")
CENTS = Decimal("0.01")


def _year(request: HttpRequest, years: list[int]) -> tuple[YearForm, int]:
    form = YearForm(request.GET or None, years=years)
    year = years[0]
    if form.is_bound and form.is_valid() and form.cleaned_data["year"]:
        year = form.cleaned_data["year"]
    return form, year


@require_GET
@settlement_permission(MANAGE)
def thanks(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    today = clock.today()
    years = selectors.thanks_years(settlement=settlement, today=today)
    form, year = _year(request, years)
    residents = selectors.thanks_for(user=request.user, settlement=settlement, year=year)
    page = Paginator(residents, THANKS_PAGE_SIZE).get_page(request.GET.get("page"))
    rows: list[Any] = list(page.object_list)
    committees = selectors.committees_given_to(settlement=settlement, residents=rows, year=year)
    for resident in rows:
        resident.committee_names = committees.get(resident.pk, [])
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "committees/hours/thanks.html",
        {
            "form": form,
            "year": year,
            "page": page,
            "rows": rows,
            "query": query.urlencode(),
            "milestones": selectors.recent_milestones(
                user=request.user, settlement=settlement, today=today
            ),
        },
    )


def _thanks_table(rows: list[Any], committees: dict[int, list[str]]) -> tuple[list[str], list]:
    headers = [
        _("First name"),
        _("Last name"),
        _("Hours this year"),
        _("Hours in all"),
        _("Committees"),
        _("Milestones this year"),
    ]
    table = [
        [
            resident.first_name,
            resident.last_name,
            Decimal(resident.hours_year).quantize(CENTS),
            Decimal(resident.hours_all).quantize(CENTS),
            "; ".join(committees.get(resident.pk, [])),
            "; ".join(str(m.hours) for m in resident.year_milestones),
        ]
        for resident in rows
    ]
    return headers, table


@require_GET
@settlement_permission(MANAGE)
def thanks_export(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    file_format = request.GET.get("format", "csv")
    if file_format not in EXPORT_FORMATS:
        raise Http404
    years = selectors.thanks_years(settlement=settlement, today=clock.today())
    _form, year = _year(request, years)
    rows: list[Any] = list(
        selectors.thanks_for(user=request.user, settlement=settlement, year=year)
    )
    committees = selectors.committees_given_to(settlement=settlement, residents=rows, year=year)
    headers, table = _thanks_table(rows, committees)
    content = services.thanks_export(
        settlement=settlement,
        by=request.user,
        year=year,
        headers=headers,
        rows=table,
        file_format=file_format,
    )
    content_type = (
        "text/csv; charset=utf-8"
        if file_format == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="volunteers-{settlement.slug}-{year}.{file_format}"'
    )
    return response


@require_GET
@settlement_permission(MANAGE)
def thanks_letter(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    profile = selectors.profile_get_for(user=request.user, settlement=settlement, pk=pk)
    today = clock.today()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    if not 1900 <= year <= today.year:
        year = today.year
    resident = profile.resident
    user: Any = request.user
    with translation.override(settlement.language):
        hours = selectors.approved_hours_of(resident=resident, year=year)
        committees = selectors.committees_given_to(
            settlement=settlement, residents=[resident], year=year
        ).get(resident.pk, [])
        return render(
            request,
            "committees/hours/letter.html",
            {
                "settlement": settlement,
                "resident": resident,
                "year": year,
                "hours": hours_text(hours),
                "committees": committees,
                "today": today,
                "signer": user.get_full_name() or user.get_username(),
                "back": reverse("committees:thanks") + f"?year={year}",
            },
        )
