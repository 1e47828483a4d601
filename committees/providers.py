"""What committees add to the home pages, the navigation and the council dashboard."""

from collections.abc import Sequence
from typing import Any

from django.db.models import Count as DbCount
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coordinator import registry
from coordinator.models import Role, Settlement

from .models import Committee
from .selectors import committees_chaired_by


def committee_counts(settlement: Settlement) -> list[registry.Count]:
    total = Committee.objects.filter(settlement=settlement).count()
    return [registry.Count(_("Committees"), total, reverse("committees:list"))]


def council_committees(ids: Sequence[int]) -> dict[int, int]:
    return dict(
        Committee.objects.filter(settlement_id__in=ids)
        .values("settlement_id")
        .annotate(n=DbCount("pk"))
        .values_list("settlement_id", "n")
        .order_by()
    )


def my_committees(user: Any, settlement: Settlement) -> dict[str, Any]:
    return {"committees": committees_chaired_by(user=user, settlement=settlement)}


def register() -> None:
    registry.register_counts(committee_counts)
    registry.register_council_column(
        registry.CouncilColumn("committees", gettext_lazy("Committees"), council_committees)
    )
    registry.register_home_panel(
        registry.Panel(
            "committees/_home_my_committees.html", my_committees, frozenset({Role.CHAIR})
        )
    )
    registry.register_nav(
        registry.NavItem(
            gettext_lazy("Committees"), "committees:list", "committees.list_committees", 40
        )
    )
    registry.register_trail(
        registry.TrailSource("committee", gettext_lazy("Committee"), Committee, ("name", ""))
    )
