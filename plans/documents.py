"""The plan's documents: the plan as a PDF for the board (in the settlement's language,
right to left for Hebrew, in the vendored DejaVu fonts), as an XLSX workbook, and the
quarterly progress report (a web page, and the same as a PDF).

Everything the documents show about the plan comes from ``plans.overview`` (the tree,
its totals, progress and links, in eight queries); the quarterly report adds three queries
of its own (the quarter's actuals, the readings to its end, its revisions)."""

import io
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from committees.money import money as money_text
from coordinator.clock import settlement_zone
from coordinator.documents import (  # noqa: F401  (the plans' views read them from here)
    FONTS_DIR,
    PDF_CONTENT_TYPE,
    document_context,
    fonts_only,
    pdf_bytes,
)
from coordinator.models import AgeGroup, Settlement
from coordinator.services.transfer import neutralise

from .models import Plan, PlanRevision
from .overview import Overview
from .progress import Standing
from .totals import Totals

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MONEY_FORMAT = "#,##0.00"


# --- PDF ----------------------------------------------------------------------------------


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
