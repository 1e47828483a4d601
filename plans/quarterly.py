"""The quarterly progress report: for a quarter of the plan's year, what was spent and
received against the year's plan, per goal and programme; the readings of targets taken
in it and each target's standing at its end; funding received; revisions made."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from committees.money import money as money_text
from coordinator.clock import settlement_zone
from coordinator.models import Settlement

from .documents import Shown, person, standing_label
from .models import Actual, FundingSource, Measurement, PlanRevision, Target
from .overview import Overview
from .progress import Progress, progress, year_gone
from .totals import ZERO, LineRow, Totals, actual_sum, percent, plan_totals

QUARTERS = (1, 2, 3, 4)


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
            q_expense=actual_sum(Actual.Kind.EXPENSE, "", since=start),
            q_income=actual_sum(Actual.Kind.INCOME, "", since=start),
            expense=actual_sum(Actual.Kind.EXPENSE, ""),
            income=actual_sum(Actual.Kind.INCOME, ""),
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
