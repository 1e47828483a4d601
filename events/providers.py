"""What events add to the navigation, the coordinator's home page and the demo."""

from typing import Any

from django.utils.translation import get_language, gettext_lazy

from coordinator import clock, registry
from coordinator.models import Role, Settlement
from coordinator.url_maker import UrlMaker
from surveys.i18n import text_in


def events_home_panel(user: Any, settlement: Settlement) -> dict[str, Any]:
    """This week's events and class sessions, the classes short of their minimum and the
    shifts still unfilled (one query)."""
    from .selectors import event_languages
    from .selectors_home import SHIFT_DAYS, SOON_DAYS, WEEK_DAYS, events_home

    home = events_home(settlement=settlement, now=clock.now())
    languages = event_languages(settlement)
    wanted = get_language() or ""
    urls = {
        "event": "events:detail",
        "session": "classes:session",
        "short": "classes:detail",
        "shift": "events:shifts",
    }
    items: list[dict[str, Any]] = []
    url = UrlMaker()  # one reverse a kind, not one a row
    for section in (home.week, home.short, home.unfilled):
        for row in section.rows:
            pk = row.parent if row.kind == "shift" else row.pk
            items.append(
                {
                    "row": row,
                    "title": text_in(row.title, languages, wanted),
                    "url": url(urls[row.kind], pk),
                }
            )
    return {
        "week": [i for i in items if i["row"].kind in ("event", "session")],
        "week_more": home.week.more,
        "short": [i for i in items if i["row"].kind == "short"],
        "short_more": home.short.more,
        "unfilled": [i for i in items if i["row"].kind == "shift"],
        "unfilled_more": home.unfilled.more,
        "week_days": WEEK_DAYS,
        "shift_days": SHIFT_DAYS,
        "soon_days": SOON_DAYS,
        "time_zone": settlement.time_zone,
    }


def register() -> None:
    from . import rules  # noqa: F401  (the permissions)
    from .demo import seed

    registry.register_nav(
        registry.NavItem(
            gettext_lazy("Events"), "events:calendar", "events.view_events", 44, group="events"
        )
    )
    registry.register_nav(
        registry.NavItem(
            gettext_lazy("Classes"), "classes:list", "events.view_events", 46, group="events"
        )
    )
    registry.register_home_panel(
        registry.Panel("events/_home_events.html", events_home_panel, frozenset({Role.COORDINATOR}))
    )
    registry.register_demo(seed)
    from .scale import build as build_scale

    registry.register_scale(build_scale)
