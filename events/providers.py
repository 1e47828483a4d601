"""What events add to the navigation (and, as they land, home panels and demo data)."""

from django.utils.translation import gettext_lazy

from coordinator import registry


def register() -> None:
    from . import rules  # noqa: F401  (the permissions)

    registry.register_nav(
        registry.NavItem(gettext_lazy("Events"), "events:calendar", "events.view_events", 44)
    )
    registry.register_nav(
        registry.NavItem(gettext_lazy("Classes"), "classes:list", "events.view_events", 46)
    )
