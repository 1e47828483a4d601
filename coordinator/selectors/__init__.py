"""Reads shared by pages, tasks and commands. Each fetches and authorises in one call."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count as DbCount
from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from .. import clock, registry
from ..models import AgeGroup, Council, Household, Resident, Settlement, Tag
from ..permissions import councils_staffed_by
from ..services.audit import record_read
from ..summaries import summaries_for


def _require(user: Any, perm: str, obj: Any) -> None:
    """Missing and forbidden look the same from outside: both are 404."""
    if not user.has_perm(perm, obj):
        raise Http404


@dataclass(frozen=True)
class ResidentFilter:
    query: str = ""
    age_group: str = ""
    neighbourhood_id: int | None = None
    tag_id: int | None = None
    archived: bool = False


def residents_for(
    *, user: Any, settlement: Settlement, filters: ResidentFilter | None = None
) -> QuerySet[Resident]:
    """The residents ``user`` may see in ``settlement``, filtered, with what lists show."""
    _require(user, "coordinator.view_registry", settlement)
    filters = filters or ResidentFilter()
    residents = Resident.objects.filter(
        settlement=settlement, archived_at__isnull=not filters.archived
    )
    for word in filters.query.split()[:5]:
        # The household's name through a subquery of this settlement's households, not a
        # join: a join on the name made PostgreSQL hash the whole council's households for
        # every search (issue 10: the search must not grow with the council).
        households = Household.objects.filter(settlement=settlement, name__icontains=word)
        residents = residents.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email__icontains=word)
            | Q(phone__icontains=word)
            | Q(household__in=households.values("pk"))
        )
    if filters.age_group in AgeGroup.values:
        after, latest = settlement.birth_date_range(filters.age_group, clock.today())
        residents = residents.filter(birth_date__lte=latest)
        if after is not None:
            residents = residents.filter(birth_date__gt=after)
    if filters.neighbourhood_id:
        residents = residents.filter(neighbourhood_id=filters.neighbourhood_id)
    if filters.tag_id:
        residents = residents.filter(tags__id=filters.tag_id)
    return residents.select_related("household", "neighbourhood").prefetch_related(
        Prefetch("tags", queryset=Tag.objects.order_by("name"))
    )


def resident_get_for(*, user: Any, settlement: Settlement, pk: int, perm: str) -> Resident:
    resident = (
        Resident.objects.filter(settlement=settlement, pk=pk)
        .select_related("household", "neighbourhood")
        .prefetch_related(Prefetch("tags", queryset=Tag.objects.order_by("name")))
        .first()
    )
    if resident is None:
        raise Http404
    _require(user, perm, resident)
    record_read(user=user, obj=resident)  # nothing unless Resident.SENSITIVE is set
    return resident


def resident_ids_for(
    *, user: Any, settlement: Settlement, ids: Sequence[int], perm: str
) -> list[int]:
    """Those of ``ids`` that are residents of ``settlement``, if ``user`` may ``perm`` there;
    404 if none is (ids of other settlements are never acted on)."""
    _require(user, perm, settlement)
    found = list(
        Resident.objects.filter(settlement=settlement, pk__in=list(ids))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not found:
        raise Http404
    return found


def households_for(*, user: Any, settlement: Settlement, query: str = "") -> QuerySet[Household]:
    _require(user, "coordinator.view_registry", settlement)
    households = Household.objects.filter(settlement=settlement)
    for word in query.split()[:5]:
        households = households.filter(Q(name__icontains=word) | Q(address__icontains=word))
    members = (
        Resident.objects.filter(household=OuterRef("pk"), archived_at__isnull=True)
        .order_by()
        .values("household")
        .annotate(n=DbCount("pk"))
        .values("n")
    )
    return households.select_related("neighbourhood").annotate(
        member_count=Coalesce(Subquery(members), 0)
    )


def household_get_for(*, user: Any, settlement: Settlement, pk: int, perm: str) -> Household:
    household = (
        Household.objects.filter(settlement=settlement, pk=pk)
        .select_related("neighbourhood")
        .prefetch_related(
            Prefetch(
                "residents",
                queryset=Resident.objects.filter(archived_at__isnull=True).order_by(
                    "birth_date", "first_name"
                ),
            )
        )
        .first()
    )
    if household is None:
        raise Http404
    _require(user, perm, household)
    return household


def resident_totals(*, settlement: Settlement) -> dict[str, int]:
    """Counts of the settlement's active residents for its home page, in one query: by age
    group today (and with no birth date), in all, without contact details, arrived in the
    last 12 months, and their households. The home page asks twice (the counts and the age
    groups), so the answer is kept on the settlement object of the request for that day."""
    today = clock.today()
    kept = getattr(settlement, "_resident_totals", None)
    if kept is not None and kept[0] == today:
        return kept[1]
    aggregates: dict[str, Any] = {}
    for group in AgeGroup:
        after, latest = settlement.birth_date_range(group, today)
        condition = Q(birth_date__lte=latest)
        if after is not None:
            condition &= Q(birth_date__gt=after)
        aggregates[group.value] = DbCount("pk", filter=condition)
    aggregates["unknown"] = DbCount("pk", filter=Q(birth_date__isnull=True))
    aggregates["residents"] = DbCount("pk")
    aggregates["no_contact"] = DbCount("pk", filter=Q(email="", phone=""))
    year_ago = today - dt.timedelta(days=365)
    aggregates["arrived"] = DbCount("pk", filter=Q(arrival_date__gt=year_ago))
    aggregates["households"] = DbCount("household", distinct=True)
    totals: dict[str, int] = Resident.objects.filter(
        settlement=settlement, archived_at__isnull=True
    ).aggregate(**aggregates)
    settlement._resident_totals = (today, totals)  # type: ignore[attr-defined]
    return totals


def age_group_counts(*, settlement: Settlement) -> list[tuple[str, int]]:
    """How many active residents fall in each age group today (one query, shared with the
    home page's counts)."""
    totals = resident_totals(settlement=settlement)
    labels = dict(AgeGroup.choices)
    rows = [(str(labels[g.value]), totals[g.value]) for g in AgeGroup]
    if totals["unknown"]:
        rows.append((str(_("Birth date unknown")), totals["unknown"]))
    return rows


def due_this_week(*, settlement: Settlement) -> list[registry.DueItem]:
    """Everything the modules say is due from today to a week from today, by day."""
    start = clock.today()
    end = start + dt.timedelta(days=6)
    items: list[registry.DueItem] = []
    for provider in registry.due_providers:
        items.extend(provider(settlement, start, end))
    return sorted(items, key=lambda item: (item.day, item.title))


def home_counts(*, settlement: Settlement) -> list[registry.Count]:
    counts: list[registry.Count] = []
    for provider in registry.count_providers:
        counts.extend(provider(settlement))
    return counts


@dataclass(frozen=True)
class CouncilRow:
    settlement: Settlement
    values: dict[str, int]


@dataclass(frozen=True)
class CouncilDashboard:
    councils: list[Council]
    columns: list[registry.CouncilColumn]
    rows: list[CouncilRow]
    sort: str
    descending: bool
    # What the modules add under the table: (template, context) of each council panel.
    panels: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


def council_settlements_for(user: Any) -> tuple[list[Council], list[Settlement]]:
    """The councils ``user`` staffs and their settlements by name; 404 for anyone else."""
    councils = councils_staffed_by(user)
    if not councils:
        raise Http404
    settlements = list(
        Settlement.objects.filter(council__in=councils).select_related("council").order_by("name")
    )
    return councils, settlements


def council_dashboard(
    *, councils: list[Council], settlements: list[Settlement], sort: str = "name"
) -> CouncilDashboard:
    """One row per settlement with its key numbers, and the modules' panels.

    Council staff see numbers only, never a person: each column is an aggregate per
    settlement, read inside an explicit scope over exactly these settlements, and kept per
    settlement in the cache until one of its rows changes (``coordinator.summaries``).
    """
    summaries = summaries_for([s.pk for s in settlements])
    panels = [
        (
            panel.template,
            panel.context([summaries[s.pk]["panels"].get(panel.template) for s in settlements]),
        )
        for panel in registry.council_panels
    ]
    keys = [column.key for column in registry.council_columns]
    rows = [
        CouncilRow(s, {key: summaries[s.pk]["columns"].get(key, 0) for key in keys})
        for s in settlements
    ]
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    if key in keys:
        rows.sort(key=lambda r: (r.values[key], r.settlement.name), reverse=descending)
    else:
        key = "name"
        rows.sort(key=lambda r: r.settlement.name.casefold(), reverse=descending)
    return CouncilDashboard(
        councils=councils,
        columns=list(registry.council_columns),
        rows=rows,
        sort=key,
        descending=descending,
        panels=panels,
    )
