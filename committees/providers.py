"""What committees add to the home pages, the navigation and the council dashboard."""

from collections.abc import Sequence
from typing import Any

from django.db.models import Count as DbCount
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coordinator import clock, registry
from coordinator.models import Role, Settlement
from coordinator.permissions import SETTLEMENT_ROLES, roles_in
from coordinator.url_maker import UrlMaker

from .models import Committee, CommitteeMember
from .selectors_home import SOON_DAYS, action_items_of, chair_home_committees


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
    """The chair's committees, each with its current members and next meeting (one query)."""
    committees = chair_home_committees(
        user=user, settlement=settlement, today=clock.today(), now=clock.now()
    )
    return {"committees": committees, "time_zone": settlement.time_zone}


def my_action_items(user: Any, settlement: Settlement) -> dict[str, Any] | None:
    """Anyone's open action items, overdue first, then those due soon (one query). Shown to
    chairs always (it is part of their home), to others only when they have some."""
    items = action_items_of(user=user, settlement=settlement, today=clock.today())
    if not items.total and Role.CHAIR not in roles_in(user, settlement.pk):
        return None
    urls = UrlMaker()  # each item links to its meeting and its "mark done"
    for item in [*items.overdue, *items.soon]:
        item.due_label = _("Due %(day)s") % {  # type: ignore[attr-defined]
            "day": date_format(item.due_on, "SHORT_DATE_FORMAT")
        }
        item.meeting_url = urls(  # type: ignore[attr-defined]
            "committees:meeting_detail", item.meeting_id
        )
        item.done_url = urls("committees:action_done", item.pk)  # type: ignore[attr-defined]
    return {
        "items": items,
        "soon_days": SOON_DAYS,
        "time_zone": settlement.time_zone,
        "home": reverse("home"),  # where each item's "mark done" comes back to
    }


def _full_name(first: str, last: str) -> str:
    return f"{first} {last}".strip()


def register() -> None:
    registry.register_counts(committee_counts)
    registry.register_council_column(
        registry.CouncilColumn(
            "committees",
            gettext_lazy("Committees"),
            council_committees,
            depends_on=("committees.Committee",),
        )
    )
    registry.register_home_panel(
        registry.Panel(
            "committees/_home_my_committees.html", my_committees, frozenset({Role.CHAIR})
        )
    )
    registry.register_home_panel(
        registry.Panel("committees/_home_my_action_items.html", my_action_items, SETTLEMENT_ROLES)
    )
    registry.register_nav(
        registry.NavItem(
            gettext_lazy("Committees"),
            "committees:list",
            "committees.list_committees",
            40,
            group="community",
        )
    )
    registry.register_nav(
        registry.NavItem(
            gettext_lazy("Meetings"),
            "committees:meetings",
            "committees.list_meetings",
            42,
            group="community",
        )
    )
    registry.register_trail(
        registry.TrailSource("committee", gettext_lazy("Committee"), Committee, ("name", ""))
    )
    registry.register_trail(
        registry.TrailSource(
            "committee_member",
            gettext_lazy("Committee member"),
            CommitteeMember,
            ("resident__first_name", "resident__last_name"),
            _full_name,
        )
    )
    from .demo import seed

    registry.register_demo(seed)
    from .scale import build as build_scale

    registry.register_scale(build_scale)
    from . import (
        providers_community,
        providers_conflicts,
        providers_hours,
        providers_volunteers,
    )

    providers_volunteers.register()
    providers_hours.register()
    providers_community.register()
    providers_conflicts.register()
