"""The classes programme's reports for a season (the coordinator's), and their export as
one CSV file or one XLSX workbook with a sheet per report."""

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import tablib
from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from committees.money import money
from coordinator.decorators import settlement_permission
from coordinator.models import Settlement
from coordinator.services.transfer import neutralise

from .selectors_reports import Reports, reports_for

MANAGE = "events.manage_classes"
EXPORT_FORMATS = ("csv", "xlsx")


class SeasonPickForm(forms.Form):
    season = forms.TypedChoiceField(label=gettext_lazy("Season"), coerce=int, required=False)

    def __init__(self, *args: Any, seasons: Sequence[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["season"].choices = [(s.pk, s.name) for s in seasons]  # type: ignore[attr-defined]


def _reports(request: HttpRequest, settlement: Settlement) -> tuple[SeasonPickForm, Reports]:
    raw = request.GET.get("season", "")
    season_id = int(raw) if raw.isdigit() and len(raw) < 12 else None
    reports = reports_for(settlement=settlement, season_id=season_id, language=get_language() or "")
    form = SeasonPickForm(
        initial={"season": reports.season.pk if reports.season else None},
        seasons=reports.seasons,
    )
    return form, reports


def _percent(value: Decimal | None) -> str:
    return "" if value is None else f"{value}%"


@require_GET
@settlement_permission(MANAGE)
def reports(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    form, data = _reports(request, settlement)
    currency = settlement.currency
    classes = [
        {
            "row": row,
            "expected": money(row.expected, currency),
            "collected": money(row.collected, currency),
            "cost": money(row.cost, currency),
            "balance": money(row.balance, currency),
        }
        for row in data.classes
    ]
    totals = data.totals and {
        "expected": money(data.totals.expected, currency),
        "collected": money(data.totals.collected, currency),
        "cost": money(data.totals.cost, currency),
        "balance": money(data.totals.balance, currency),
        "negative": data.totals.balance < 0,
    }
    return render(
        request,
        "events/reports.html",
        {
            "form": form,
            "reports": data,
            "classes": classes,
            "totals": totals,
            "failing": [row for row in data.ages.rows if row.below_average] if data.ages else [],
        },
    )


def report_tables(data: Reports, currency: str) -> list[tuple[str, list[str], list[list[Any]]]]:
    """The three reports as (title, headers, rows); money as exact numbers."""
    ages = [
        [row.label, row.participants, row.residents, _percent(row.share)]
        for row in (data.ages.rows if data.ages else [])
    ]
    money_rows: list[list[Any]] = [
        [
            row.title,
            row.instructor,
            row.participants,
            row.paying,
            row.paid,
            row.expected,
            row.collected,
            row.sessions,
            row.cost,
            row.balance,
        ]
        for row in data.classes
    ]
    if data.totals:
        money_rows.append(
            [
                _("Total"),
                "",
                "",
                "",
                "",
                data.totals.expected,
                data.totals.collected,
                "",
                data.totals.cost,
                data.totals.balance,
            ]
        )
    attendance = [
        [row.title, row.marks, row.present, _percent(row.attendance), row.untaken]
        for row in data.classes
    ]
    return [
        (
            _("Participation by age group"),
            [_("Age group"), _("Participants"), _("Residents"), _("Share taking part")],
            ages,
        ),
        (
            _("Income and instructor cost (%(currency)s)") % {"currency": currency},
            [
                _("Class"),
                _("Instructor"),
                _("Participants"),
                _("Paying"),
                _("Paid"),
                _("Expected income"),
                _("Collected"),
                _("Sessions"),
                _("Instructor cost"),
                _("Balance"),
            ],
            money_rows,
        ),
        (
            _("Attendance"),
            [
                _("Class"),
                _("Attendance marks"),
                _("Present"),
                _("Attendance rate"),
                _("Past sessions without attendance"),
            ],
            attendance,
        ),
    ]


def _cell(value: Any) -> Any:
    return neutralise(str(value)) if isinstance(value, str) else value


def reports_file(data: Reports, currency: str, file_format: str) -> bytes:
    """One CSV with the three tables one under another, or an XLSX with a sheet each.
    Texts that a spreadsheet would read as a formula are neutralised."""
    tables = report_tables(data, currency)
    if file_format == "xlsx":
        book = tablib.Databook()
        for title, headers, rows in tables:
            sheet = tablib.Dataset(headers=[_cell(h) for h in headers], title=title[:31])
            for row in rows:
                sheet.append([_cell(c) for c in row])
            book.add_sheet(sheet)
        exported: bytes = book.export("xlsx")
        return exported
    width = max(len(headers) for _title, headers, _rows in tables)
    combined = tablib.Dataset()
    for number, (title, headers, rows) in enumerate(tables):
        if number:
            combined.append([""] * width)
        for line in ([title], headers, *rows):
            cells = [_cell(c) for c in line]
            combined.append(cells + [""] * (width - len(cells)))
    text: str = combined.export("csv")
    return text.encode("utf-8-sig")


@require_GET
@settlement_permission(MANAGE)
def reports_export(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    file_format = request.GET.get("format", "csv")
    if file_format not in EXPORT_FORMATS:
        raise Http404
    _form, data = _reports(request, settlement)
    content = reports_file(data, settlement.currency, file_format)
    content_type = (
        "text/csv; charset=utf-8"
        if file_format == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response = HttpResponse(content, content_type=content_type)
    season = data.season.pk if data.season else "none"
    response["Content-Disposition"] = (
        f'attachment; filename="classes-report-{settlement.slug}-{season}.{file_format}"'
    )
    return response
