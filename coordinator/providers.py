"""What the core itself contributes to the home pages and the council dashboard."""

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import Count as DbCount
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import clock, registry
from .models import Household, Membership, Resident, Role, Settlement
from .selectors import resident_totals

ROUND_BIRTHDAYS = (18, 30, 40, 50, 60, 70, 75, 80, 85, 90, 95, 100)


def registry_counts(settlement: Settlement) -> list[registry.Count]:
    totals = resident_totals(settlement=settlement)  # one query with the age groups'
    residents_url = reverse("residents:list")
    return [
        registry.Count(_("Residents"), totals["residents"], residents_url),
        registry.Count(_("Households"), totals["households"], reverse("households:list")),
        registry.Count(_("Arrived in the last 12 months"), totals["arrived"], residents_url),
        registry.Count(_("Without contact details"), totals["no_contact"], residents_url),
    ]


def registry_due(settlement: Settlement, start: dt.date, end: dt.date) -> list[registry.DueItem]:
    """Residents arriving this week, and round birthdays worth a greeting.

    A round birthday on a day of the week is one exact birth date per round age, so the
    query asks for those dates (the index on settlement and birth date finds them) rather
    than comparing every resident's month and day."""
    days = [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]
    greetings: dict[dt.date, list[tuple[dt.date, int]]] = {}
    for day in days:
        for age in ROUND_BIRTHDAYS:
            try:
                born = day.replace(year=day.year - age)
            except ValueError:  # 29 February in a year without one: nobody was born then
                continue
            greetings.setdefault(born, []).append((day, age))
    residents = Resident.objects.filter(settlement=settlement, archived_at__isnull=True).filter(
        Q(arrival_date__range=(start, end)) | Q(birth_date__in=sorted(greetings))
    )
    items = []
    for resident in residents.only("pk", "first_name", "last_name", "birth_date", "arrival_date"):
        url = reverse("residents:detail", args=[resident.pk])
        if resident.arrival_date and start <= resident.arrival_date <= end:
            items.append(
                registry.DueItem(
                    resident.arrival_date,
                    _("%(name)s arrives: welcome them") % {"name": resident.full_name},
                    url,
                    "arrival",
                )
            )
        for day, age in greetings.get(resident.birth_date, []) if resident.birth_date else []:
            items.append(
                registry.DueItem(
                    day,
                    _("%(name)s turns %(age)d") % {"name": resident.full_name, "age": age},
                    url,
                    "birthday",
                )
            )
    return items


def _per_settlement(rows: Iterable[tuple[int, Any]]) -> dict[int, int]:
    return dict(rows)


def council_residents(ids: Sequence[int]) -> dict[int, int]:
    return _per_settlement(
        Resident.objects.filter(settlement_id__in=ids, archived_at__isnull=True)
        .values("settlement_id")
        .annotate(n=DbCount("pk"))
        .values_list("settlement_id", "n")
        .order_by()
    )


def council_households(ids: Sequence[int]) -> dict[int, int]:
    return _per_settlement(
        Household.objects.filter(settlement_id__in=ids)
        .values("settlement_id")
        .annotate(n=DbCount("pk"))
        .values_list("settlement_id", "n")
        .order_by()
    )


def council_arrivals(ids: Sequence[int]) -> dict[int, int]:
    year_ago = clock.today() - dt.timedelta(days=365)
    return _per_settlement(
        Resident.objects.filter(
            settlement_id__in=ids, archived_at__isnull=True, arrival_date__gt=year_ago
        )
        .values("settlement_id")
        .annotate(n=DbCount("pk"))
        .values_list("settlement_id", "n")
        .order_by()
    )


def council_seniors(ids: Sequence[int]) -> dict[int, int]:
    """Residents of the seniors' age group, by each settlement's own boundary."""
    today = clock.today()
    condition = Q()
    # birth_date_range reads every boundary: load them all, or each is a query per settlement.
    boundaries = ("youth_from", "young_adults_from", "adults_from", "seniors_from")
    for settlement in Settlement.objects.filter(pk__in=ids).only("pk", *boundaries):
        _after, latest = settlement.birth_date_range("seniors", today)
        condition |= Q(settlement_id=settlement.pk, birth_date__lte=latest)
    if not condition:
        return {}
    return _per_settlement(
        Resident.objects.filter(condition, archived_at__isnull=True)
        .values("settlement_id")
        .annotate(n=DbCount("pk"))
        .values_list("settlement_id", "n")
        .order_by()
    )


def membership_title(username: str, role: str) -> str:
    labels = dict(Role.choices)
    return f"{username} · {labels.get(role, role)}"


def register() -> None:
    registry.register_nav(
        registry.NavItem(
            gettext_lazy("Residents"),
            "residents:list",
            "coordinator.view_registry",
            10,
            group="people",
        )
    )
    registry.register_nav(
        registry.NavItem(
            gettext_lazy("Households"),
            "households:list",
            "coordinator.view_registry",
            20,
            group="people",
        )
    )
    registry.register_nav(
        registry.NavItem(
            gettext_lazy("Settings"), "settlement:settings", "coordinator.manage_settlement", 90
        )
    )
    registry.register_nav(
        registry.NavItem(gettext_lazy("Audit trail"), "audit:list", "coordinator.view_audit", 92)
    )
    registry.register_nav(
        registry.NavItem(
            gettext_lazy("Council"), "council:dashboard", "coordinator.view_council", 95, True
        )
    )
    registry.register_trail(
        registry.TrailSource(
            "resident", gettext_lazy("Resident"), Resident, ("last_name", "first_name")
        )
    )
    registry.register_trail(
        registry.TrailSource("household", gettext_lazy("Household"), Household, ("name", ""))
    )
    registry.register_trail(
        registry.TrailSource(
            "membership",
            gettext_lazy("Role"),
            Membership,
            ("user__username", "role"),
            membership_title,
        )
    )
    registry.register_counts(registry_counts)
    registry.register_due(registry_due)
    registry.register_council_column(
        registry.CouncilColumn(
            "residents",
            gettext_lazy("Residents"),
            council_residents,
            depends_on=("coordinator.Resident",),
        )
    )
    registry.register_council_column(
        registry.CouncilColumn(
            "households",
            gettext_lazy("Households"),
            council_households,
            depends_on=("coordinator.Household",),
        )
    )
    registry.register_council_column(
        registry.CouncilColumn(
            "arrivals",
            gettext_lazy("New in 12 months"),
            council_arrivals,
            depends_on=("coordinator.Resident",),
        )
    )
    registry.register_council_column(
        registry.CouncilColumn(
            "seniors",
            gettext_lazy("Seniors"),
            council_seniors,
            depends_on=("coordinator.Resident",),
        )
    )
