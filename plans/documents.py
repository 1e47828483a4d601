"""The plan's documents: the plan as a PDF for the board (in the settlement's language,
right to left for Hebrew, in the vendored DejaVu fonts), as an XLSX workbook, and the
quarterly progress report (a web page, and the same as a PDF).

Everything the documents show about the plan comes from ``plans.overview`` (the tree,
its totals, progress and links, in eight queries); the quarterly report adds three queries
of its own (the quarter's actuals, the readings to its end, its revisions)."""

import datetime as dt
import io
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import weasyprint
from django.conf import settings
from django.db.models import DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from weasyprint.urls import URLFetcher

from committees.money import money as money_text
from coordinator.clock import settlement_zone
from coordinator.models import AgeGroup, Settlement
from coordinator.services.transfer import neutralise

from .models import Actual, FundingSource, Measurement, Plan, PlanRevision, Target
from .overview import Overview
from .progress import Progress, Standing, progress, year_gone
from .totals import ZERO, LineRow, Totals, percent, plan_totals

FONTS_DIR = Path(settings.BASE_DIR) / "static" / "fonts"
PDF_CONTENT_TYPE = "application/pdf"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MONEY_FORMAT = "#,##0.00"
QUARTERS = (1, 2, 3, 4)


# --- PDF ----------------------------------------------------------------------------------


class FontsOnly(URLFetcher):
    """Let WeasyPrint read the vendored fonts and nothing else: the plan's texts are the
    coordinator's, and a document must never fetch a file or a web address they name."""

    def fetch(self, url: str, headers: Any = None) -> Any:
        allowed = FONTS_DIR.resolve().as_uri() + "/"
        if not url.startswith(allowed) or ".." in url:
            raise ValueError(f"Not fetched for a document: {url}")
        return super().fetch(url, headers)


def pdf_bytes(html: str) -> bytes:
    """``html`` (a whole document) printed as PDF by WeasyPrint."""
    document = weasyprint.HTML(
        string=html, base_url=str(settings.BASE_DIR), url_fetcher=FontsOnly()
    )
    content: bytes = document.write_pdf()
    return content


def document_context(settlement: Settlement, language: str) -> dict[str, Any]:
    """What every PDF's shell needs: language, direction and where the fonts are."""
    return {
        "settlement": settlement,
        "language": language,
        "direction": "rtl" if language == "he" else "ltr",
        "fonts_url": FONTS_DIR.resolve().as_uri() + "/",
    }


def person(user: Any) -> str:
    if user is None:
        return ""
    return str(user.get_full_name() or user.get_username())


def age_group_names(codes: list[str]) -> list[str]:
    labels = dict(AgeGroup.choices)
    return [str(labels.get(code, code)) for code in codes]


def plan_revisions(plan: Plan) -> list[PlanRevision]:
    """The plan's revisions, oldest first, with who made them (one query)."""
    return list(
        PlanRevision.objects.filter(settlement_id=plan.settlement_id, plan=plan)
        .select_related("made_by")
        .order_by("made_at", "id")
    )


class Shown:
    """Totals written as money in the settlement's currency, for the templates (computed
    with the document's language active, so the separators are the reader's)."""

    def __init__(self, totals: Totals, currency: str) -> None:
        self.totals = totals
        self.currency = currency

    def _m(self, amount: Decimal) -> str:
        return money_text(amount, self.currency)

    @property
    def expense(self) -> str:
        return self._m(self.totals.expense)

    @property
    def income(self) -> str:
        return self._m(self.totals.income)

    @property
    def net(self) -> str:
        return self._m(self.totals.net)

    @property
    def actual_expense(self) -> str:
        return self._m(self.totals.actual_expense)

    @property
    def actual_income(self) -> str:
        return self._m(self.totals.actual_income)

    @property
    def used(self) -> Decimal | None:
        return self.totals.used


def show_money(overview: Overview, currency: str) -> dict[str, str]:
    """Put the money of the overview, written in ``currency``, on its parts (``shown``,
    ``amount_shown``, ``request_shown``), and return the funding position written."""
    overview.shown = Shown(overview.totals, currency)  # type: ignore[attr-defined]
    for goal in overview.goals:
        goal.shown = Shown(goal.totals, currency)  # type: ignore[attr-defined]
        goal.age_group_names = age_group_names(goal.goal.age_groups)  # type: ignore[attr-defined]
        for target in goal.targets:
            target.standing_label = standing_label(target.progress.standing)  # type: ignore[attr-defined]
        for programme in goal.programmes:
            programme.shown = Shown(programme.totals, currency)  # type: ignore[attr-defined]
            programme.requested_shown = money_text(programme.requested, currency)  # type: ignore[attr-defined]
            for line in programme.lines:
                line.shown = Shown(line.totals, currency)  # type: ignore[attr-defined]
            for activity in programme.activities:
                activity.request_shown = money_text(activity.budget_request, currency)  # type: ignore[attr-defined]
    for source in overview.funding:
        source.amount_shown = money_text(source.amount, currency)  # type: ignore[attr-defined]
    position = overview.position
    return {
        name: money_text(getattr(position, name), currency)
        for name in ("secured", "received", "requested", "planned", "to_raise")
    }


def plan_pdf(*, overview: Overview, settlement: Settlement, language: str) -> bytes:
    """The plan for the board as a PDF; call it with ``language`` active."""
    plan = overview.plan
    context = {
        **document_context(settlement, language),
        "plan": plan,
        "overview": overview,
        "position": show_money(overview, settlement.currency),
        "decided_by": person(plan.decided_by),
        "revisions": [(r, person(r.made_by)) for r in plan_revisions(plan)],
        "zone": settlement_zone(settlement).key,
    }
    return pdf_bytes(render_to_string("plans/pdf/plan.html", context))


# --- XLSX ---------------------------------------------------------------------------------


def _text(value: Any) -> str:
    return neutralise(str(value or ""))


def _money(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"))


def _sheet(workbook: Workbook, title: str, headers: list[str]) -> Any:
    sheet = workbook.create_sheet()
    sheet.title = title[:31]
    sheet.append([_text(h) for h in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    return sheet


def _money_cells(sheet: Any, columns: list[int]) -> None:
    for row in sheet.iter_rows(min_row=2):
        for index in columns:
            if isinstance(row[index].value, Decimal):
                row[index].number_format = MONEY_FORMAT


def plan_workbook(*, overview: Overview) -> bytes:
    """The plan as a workbook: the goals, programmes and lines with planned and actual
    money; the targets; the funding. Money as numbers, texts safe from formulas; the
    headers in the active language."""
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])  # the empty sheet a new workbook has
    plan_sheet = _sheet(
        workbook,
        _("Plan"),
        [
            _("Goal"),
            _("Programme"),
            _("Budget line"),
            _("Category"),
            _("Funding source"),
            _("Planned expense"),
            _("Planned income"),
            _("Spent"),
            _("Received"),
        ],
    )
    for goal in overview.goals:
        for programme in goal.programmes:
            for line_view in programme.lines:
                line = line_view.line
                plan_sheet.append(
                    [
                        _text(goal.goal.title),
                        _text(programme.programme.title),
                        _text(line.description),
                        _text(line.get_category_display()),
                        _text(line.funding.name if line.funding else ""),
                        *_amounts(line_view.totals),
                    ]
                )
            plan_sheet.append(
                [
                    _text(goal.goal.title),
                    _text(programme.programme.title),
                    _text(_("Programme total")),
                    "",
                    "",
                    *_amounts(programme.totals),
                ]
            )
        plan_sheet.append(
            [_text(goal.goal.title), "", _text(_("Goal total")), "", "", *_amounts(goal.totals)]
        )
    plan_sheet.append([_text(_("Whole plan")), "", "", "", "", *_amounts(overview.totals)])
    _money_cells(plan_sheet, [5, 6, 7, 8])

    targets = _sheet(
        workbook,
        _("Targets"),
        [
            _("Goal"),
            _("Indicator"),
            _("Baseline"),
            _("Target value"),
            _("Unit"),
            _("How it is measured"),
            _("Latest reading"),
            _("Measured on"),
            _("Progress (%)"),
            _("Standing"),
        ],
    )
    for goal in overview.goals:
        for view in goal.targets:
            target = view.target
            targets.append(
                [
                    _text(goal.goal.title),
                    _text(target.indicator),
                    target.baseline,
                    target.target_value,
                    _text(target.unit),
                    _text(target.how_measured),
                    view.progress.latest,
                    view.measured_on,
                    view.progress.percent,
                    _text(standing_label(view.progress.standing)),
                ]
            )

    funding = _sheet(
        workbook,
        _("Funding"),
        [
            _("Source"),
            _("Kind"),
            _("Amount"),
            _("Status"),
            _("Requested on"),
            _("Approved on"),
            _("Received on"),
        ],
    )
    for source in overview.funding:
        funding.append(
            [
                _text(source.name),
                _text(source.get_kind_display()),
                _money(source.amount),
                _text(source.get_status_display()),
                source.requested_on,
                source.decided_on,
                source.received_on,
            ]
        )
    position = overview.position
    for label, amount in (
        (_("Secured (approved or received)"), position.secured),
        (_("Asked for, not yet decided"), position.requested),
        (_("Planned, not yet asked for"), position.planned),
        (_("Still to raise"), position.to_raise),
    ):
        funding.append([_text(label), "", _money(amount)])
    _money_cells(funding, [2])
    for sheet in (plan_sheet, targets, funding):
        for column in sheet.columns:
            width = max(len(str(c.value or "")) for c in column)
            sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 50)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _amounts(totals: Totals) -> list[Decimal]:
    return [
        _money(totals.expense),
        _money(totals.income),
        _money(totals.actual_expense),
        _money(totals.actual_income),
    ]


def standing_label(standing: Standing) -> str:
    return {
        Standing.ON_TRACK: _("On track"),
        Standing.BEHIND: _("Behind"),
        Standing.REACHED: _("Reached"),
        Standing.NOT_MEASURED: _("Not measured yet"),
    }[standing]


# --- the quarterly progress report ---------------------------------------------------------


def quarter_span(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """The first and the last day of ``quarter`` (1–4) of ``year``."""
    start = dt.date(year, 3 * quarter - 2, 1)
    following = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
    return start, following - dt.timedelta(days=1)


def default_quarter(year: int, today: dt.date) -> int:
    """The current quarter while the plan's year runs; the first before it, the last after."""
    if today.year < year:
        return 1
    if today.year > year:
        return 4
    return (today.month - 1) // 3 + 1


def quarter_asked(value: str | None, year: int, today: dt.date) -> int:
    """The quarter the reader asked for (``?quarter=1..4``); anything else: the default."""
    try:
        quarter = int(value or "")
    except ValueError:
        return default_quarter(year, today)
    return quarter if quarter in QUARTERS else default_quarter(year, today)


@dataclass
class MoneyRow:
    """A goal's or programme's money: the year's plan, the quarter, and to its end."""

    label: str
    is_goal: bool
    planned: Totals
    quarter: Totals
    to_date: Totals
    currency: str

    @property
    def planned_shown(self) -> Shown:
        return Shown(self.planned, self.currency)

    @property
    def quarter_shown(self) -> Shown:
        return Shown(self.quarter, self.currency)

    @property
    def to_date_shown(self) -> Shown:
        return Shown(self.to_date, self.currency)

    @property
    def used(self) -> Decimal | None:
        return percent(self.to_date.actual_expense, self.planned.expense)


@dataclass
class TargetRow:
    target: Target
    goal: str
    progress: Progress
    measured_on: dt.date | None
    readings: list[Measurement] = field(default_factory=list)

    @property
    def standing_label(self) -> str:
        return standing_label(self.progress.standing)


@dataclass
class QuarterReport:
    year: int
    quarter: int
    starts_on: dt.date
    ends_on: dt.date
    money: list[MoneyRow]
    total: MoneyRow
    targets: list[TargetRow]
    readings: int
    received: list[FundingSource]
    received_total: str
    revisions: list[tuple[PlanRevision, str]]


def _actual_sum(kind: str, start: dt.date | None = None) -> Coalesce:
    condition = Q(kind=kind) if start is None else Q(kind=kind, on__gte=start)
    return Coalesce(
        Sum("amount", filter=condition),
        Value(ZERO),
        output_field=DecimalField(max_digits=14, decimal_places=2),
    )


def quarter_report(*, overview: Overview, quarter: int, settlement: Settlement) -> QuarterReport:
    """The progress of the plan in ``quarter`` of its year: three queries beyond the
    overview."""
    plan = overview.plan
    sid = plan.settlement_id
    start, end = quarter_span(plan.year, quarter)
    sums = {  # 1: each line's actuals in the quarter and up to its end
        row["line_id"]: row
        for row in Actual.objects.filter(
            settlement_id=sid, line__programme__goal__plan=plan, on__lte=end
        )
        .values("line_id")
        .order_by("line_id")
        .annotate(
            q_expense=_actual_sum(Actual.Kind.EXPENSE, start),
            q_income=_actual_sum(Actual.Kind.INCOME, start),
            expense=_actual_sum(Actual.Kind.EXPENSE),
            income=_actual_sum(Actual.Kind.INCOME),
        )
    }
    quarter_rows: list[LineRow] = []
    to_date_rows: list[LineRow] = []
    for goal in overview.goals:
        for programme in goal.programmes:
            for line_view in programme.lines:
                line = line_view.line
                row = sums.get(line.pk, {})
                base = (goal.goal.pk, programme.programme.pk, line.planned_expense)
                quarter_rows.append(
                    LineRow(
                        *base,
                        line.planned_income,
                        row.get("q_expense", ZERO),
                        row.get("q_income", ZERO),
                        line.pk,
                    )
                )
                to_date_rows.append(
                    LineRow(
                        *base,
                        line.planned_income,
                        row.get("expense", ZERO),
                        row.get("income", ZERO),
                        line.pk,
                    )
                )
    in_quarter, to_date = plan_totals(quarter_rows), plan_totals(to_date_rows)

    def actual(totals: Totals) -> Totals:
        return Totals(ZERO, ZERO, totals.actual_expense, totals.actual_income)

    currency = settlement.currency
    money: list[MoneyRow] = []
    for goal in overview.goals:
        pk = goal.goal.pk
        money.append(
            MoneyRow(
                goal.goal.title,
                True,
                goal.totals,
                actual(in_quarter.goals.get(pk, Totals())),
                actual(to_date.goals.get(pk, Totals())),
                currency,
            )
        )
        for programme in goal.programmes:
            ppk = programme.programme.pk
            money.append(
                MoneyRow(
                    programme.programme.title,
                    False,
                    programme.totals,
                    actual(in_quarter.programmes.get(ppk, Totals())),
                    actual(to_date.programmes.get(ppk, Totals())),
                    currency,
                )
            )
    total = MoneyRow(
        _("Whole plan"),
        True,
        overview.totals,
        actual(in_quarter.whole),
        actual(to_date.whole),
        currency,
    )

    readings: dict[int, list[Measurement]] = defaultdict(list)
    latest: dict[int, Measurement] = {}
    for reading in Measurement.objects.filter(  # 2: the readings up to the quarter's end
        settlement_id=sid, target__goal__plan=plan, measured_on__lte=end
    ).order_by("measured_on", "id"):
        latest[reading.target_id] = reading
        if reading.measured_on >= start:
            readings[reading.target_id].append(reading)
    gone = year_gone(plan.year, end)
    targets = []
    for goal in overview.goals:
        for target_view in goal.targets:
            target = target_view.target
            last = latest.get(target.pk)
            targets.append(
                TargetRow(
                    target=target,
                    goal=goal.goal.title,
                    progress=progress(
                        baseline=target.baseline,
                        target_value=target.target_value,
                        latest=last.value if last else None,
                        gone=gone,
                    ),
                    measured_on=last.measured_on if last else None,
                    readings=readings.get(target.pk, []),
                )
            )

    zone = settlement_zone(settlement)
    revisions = list(  # 3: the revisions made in the quarter
        PlanRevision.objects.filter(
            settlement_id=sid,
            plan=plan,
            made_at__gte=dt.datetime.combine(start, dt.time(0), tzinfo=zone),
            made_at__lt=dt.datetime.combine(end + dt.timedelta(days=1), dt.time(0), tzinfo=zone),
        )
        .select_related("made_by")
        .order_by("made_at", "id")
    )
    received = [
        source
        for source in overview.funding
        if source.received_on is not None and start <= source.received_on <= end
    ]
    for source in received:
        source.amount_shown = money_text(source.amount, currency)  # type: ignore[attr-defined]
    return QuarterReport(
        year=plan.year,
        quarter=quarter,
        starts_on=start,
        ends_on=end,
        money=money,
        total=total,
        targets=targets,
        readings=sum(len(r) for r in readings.values()),
        received=received,
        received_total=money_text(sum((s.amount for s in received), ZERO), currency),
        revisions=[(r, person(r.made_by)) for r in revisions],
    )
