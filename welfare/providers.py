"""What welfare adds to the pages the core owns: the navigation, the coordinator's home
panel (it loads on its own, so the home page keeps its queries), the council dashboard's
panel of open cases (numbers only, small ones hidden) and the demo."""

from collections.abc import Sequence
from dataclasses import replace
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext_lazy

from coordinator import registry
from coordinator.models import Role, Settlement

from .models import Emergency, NeedCategory
from .rules import CASES, FUND, POLICY, SUPPORT, TEAM
from .selectors_counts import SettlementCounts, open_case_counts

GROUP = "welfare"


def home_panel_loader(user: Any, settlement: Settlement) -> dict[str, Any]:
    """No query: the panel's template asks ``welfare:home_panel`` for its content."""
    return {"loads_on_its_own": True}


def team_panel(user: Any, settlement: Settlement) -> dict[str, Any]:
    """For the emergency team's home: the emergency declared now, if any (one query)."""
    emergency = (
        Emergency.objects.filter(settlement=settlement, ended_at__isnull=True)
        .only("pk", "title", "declared_at")
        .first()
    )
    return {"emergency": emergency}


def council_welfare(ids: Sequence[int]) -> dict[int, SettlementCounts]:
    """Each settlement's open cases by need (under five hidden), the total, the arrow
    against three months ago and whether an emergency is declared now (one query for any
    number of settlements)."""
    return open_case_counts(settlement_ids=ids, zone=ZoneInfo(settings.TIME_ZONE))


def council_welfare_context(summaries: list[SettlementCounts | None]) -> dict[str, Any]:
    """A row per settlement; the needs' names in the reader's language (the summaries are
    kept in the cache, shared by readers of every language)."""
    labels = dict(NeedCategory.choices)
    rows = [
        replace(
            row,
            categories=[replace(c, label=str(labels[c.category])) for c in row.categories],
        )
        for row in summaries
        if row is not None
    ]
    return {"rows": rows, "needs": [str(label) for label in NeedCategory.labels]}


def register_nav() -> None:
    items = [
        (gettext_lazy("Welfare cases"), "welfare:cases", CASES, 50),
        (gettext_lazy("Support programmes"), "welfare:programmes", SUPPORT, 52),
        (gettext_lazy("Charity fund"), "welfare:fund", FUND, 54),
        (gettext_lazy("Emergency team"), "welfare:emergency", TEAM, 56),
    ]
    for label, url_name, perm, order in items:
        registry.register_nav(registry.NavItem(label, url_name, perm, order, group=GROUP))
    registry.register_nav(
        registry.NavItem(gettext_lazy("Welfare policy"), "welfare:policy", POLICY, 97, council=True)
    )


def register() -> None:
    from .demo import seed

    register_nav()
    registry.register_demo(seed)
    from .scale import build as build_scale

    registry.register_scale(build_scale)
    registry.register_home_panel(
        registry.Panel(
            "welfare/dashboard/_team_panel.html", team_panel, frozenset({Role.EMERGENCY})
        )
    )
    registry.register_home_panel(
        registry.Panel(
            "welfare/dashboard/_home_panel_loader.html",
            home_panel_loader,
            frozenset({Role.COORDINATOR}),
        )
    )
    registry.register_council_panel(
        registry.CouncilPanel(
            "welfare/dashboard/_council_panel.html",
            council_welfare,
            council_welfare_context,
            depends_on=("welfare.WelfareCase", "welfare.Emergency"),
        )
    )
