"""Counts of open welfare cases, never a case: what the coordinator's home and the
council's dashboard may show outside the case pages.

Small numbers are hidden (``hide_small``): any count from 1 to 4 is shown as "fewer than 5",
totals and trend points included, so that nobody can single out a family. A zero is shown
as 0 (it names nobody).

One query for any number of settlements: a row per settlement, each number a subquery
(the open cases of each need, the total, the number open at the end of each of the last
six months, and the open emergency). Purged cases are left out of the trend: only their
yearly numbers remain (``PurgedCases``), shown on the council's policy page.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from coordinator import clock
from coordinator.models import Settlement

from .models import Emergency, NeedCategory, PurgedCases, WelfareCase

HIDDEN_UNDER = 5
MONTHS = 6
OPEN = (WelfareCase.Status.OPEN, WelfareCase.Status.MONITORING)


def hide_small(number: int) -> int | None:
    """The number to show, or ``None`` for "fewer than 5": 1 to 4 are never shown; 0 and
    5 or more are."""
    if 0 < number < HIDDEN_UNDER:
        return None
    return number


@dataclass(frozen=True)
class Shown:
    """A count as shown: ``value`` is ``None`` when hidden (1 to 4)."""

    value: int | None

    @property
    def hidden(self) -> bool:
        return self.value is None

    @property
    def height(self) -> int:
        """How tall a bar is drawn: a hidden count is drawn as if it were 5 (so the
        picture does not tell 1 from 4)."""
        return HIDDEN_UNDER if self.value is None else self.value


def shown(number: int) -> Shown:
    return Shown(hide_small(number))


@dataclass(frozen=True)
class CategoryCount:
    category: str
    label: str
    count: Shown


@dataclass(frozen=True)
class TrendPoint:
    month: dt.date  # the first day of the month
    count: Shown


@dataclass(frozen=True)
class SettlementCounts:
    """A settlement's open cases in numbers, already hidden where small."""

    settlement_id: int
    name: str
    categories: list[CategoryCount]  # every need, in the order of ``NeedCategory``
    total: Shown
    trend: list[TrendPoint]  # the last six months, the current month last (its "now")
    arrow: str  # "up", "down", "level", or "" (both numbers hidden, or no history)
    emergency_id: int | None  # the emergency declared now, if any


def month_ends(today: dt.date, zone: ZoneInfo, months: int = MONTHS) -> list[dt.datetime]:
    """The moments the months before the current one ended (midnight of each first day,
    in ``zone``), the oldest first: ``months - 1`` of them."""
    ends = []
    year, month = today.year, today.month
    for _ in range(months - 1):
        ends.append(dt.datetime(year, month, 1, tzinfo=zone))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return list(reversed(ends))


def _counted(cases: "QuerySet[WelfareCase]") -> Coalesce:
    rows = (
        cases.filter(settlement_id=OuterRef("pk"))
        .order_by()
        .values("settlement_id")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def _has_need(category: str) -> Q:
    # ``categories`` is a JSON list of strings: its text holds "food" with the quotes.
    # ``icontains`` compares that text on SQLite and PostgreSQL alike (``contains`` on a
    # JSONField is not supported by SQLite); the pattern's ``_`` is escaped by Django.
    return Q(categories__icontains=f'"{category}"')


def _arrow(now: int, before: int) -> str:
    if hide_small(now) is None and hide_small(before) is None:
        return ""  # both under five: even the direction could single someone out
    if now > before:
        return "up"
    if now < before:
        return "down"
    return "level"


def open_case_counts(
    *, settlement_ids: Sequence[int], zone: ZoneInfo, today: dt.date | None = None
) -> dict[int, SettlementCounts]:
    """Each settlement's open cases by need, total, six-month trend and emergency, by
    settlement id, in one query. Call inside a scope that covers the settlements."""
    today = today or clock.now().astimezone(zone).date()
    ends = month_ends(today, zone)
    open_cases = WelfareCase.objects.filter(status__in=OPEN)
    annotations = {
        f"need_{category}": _counted(open_cases.filter(_has_need(category)))
        for category in NeedCategory.values
    }
    annotations["total"] = _counted(open_cases)
    for index, end in enumerate(ends):
        annotations[f"at_{index}"] = _counted(
            WelfareCase.objects.filter(opened_at__lt=end).filter(
                Q(closed_at__isnull=True) | Q(closed_at__gte=end)
            )
        )
    emergency = Emergency.objects.filter(settlement_id=OuterRef("pk"), ended_at__isnull=True)
    rows = (
        Settlement.objects.filter(pk__in=list(settlement_ids))
        .order_by("name", "pk")
        .annotate(**annotations, emergency_id=Subquery(emergency.order_by().values("pk")[:1]))
        .values("pk", "name", "emergency_id", *annotations)
    )
    labels = dict(NeedCategory.choices)
    counts: dict[int, SettlementCounts] = {}
    for row in rows:
        months = [dt.date(end.year, end.month, 1) - dt.timedelta(days=1) for end in ends]
        trend = [
            TrendPoint(dt.date(m.year, m.month, 1), shown(row[f"at_{i}"]))
            for i, m in enumerate(months)
        ]
        trend.append(TrendPoint(today.replace(day=1), shown(row["total"])))
        before = row[f"at_{len(ends) - 3}"] if len(ends) >= 3 else row["total"]
        counts[row["pk"]] = SettlementCounts(
            settlement_id=row["pk"],
            name=row["name"],
            categories=[
                CategoryCount(category, str(labels[category]), shown(row[f"need_{category}"]))
                for category in NeedCategory.values
            ],
            total=shown(row["total"]),
            trend=trend,
            arrow=_arrow(row["total"], before),
            emergency_id=row["emergency_id"],
        )
    return counts


@dataclass(frozen=True)
class PurgedRow:
    settlement_id: int
    settlement: str
    year: int
    need: str
    count: Shown


def purged_counts(*, settlement_ids: Sequence[int]) -> list[PurgedRow]:
    """What the retention job left of purged cases: a row per settlement, year and need,
    the number hidden when under five (one query). Call inside a scope."""
    labels = dict(NeedCategory.choices)
    rows = (
        PurgedCases.objects.filter(settlement_id__in=list(settlement_ids), count__gt=0)
        .order_by("settlement__name", "settlement_id", "-year", "category")
        .values_list("settlement_id", "settlement__name", "year", "category", "count")
    )
    return [
        PurgedRow(pk, name, year, str(labels.get(category, category)), shown(count))
        for pk, name, year, category, count in rows
    ]
