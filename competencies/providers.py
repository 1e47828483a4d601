"""What the competencies add to the pages the core owns: the coordinator's home panel
(it loads on its own, so the home page keeps its queries). Navigation items are added
here too, in ``register()``."""

from typing import Any

from coordinator import registry
from coordinator.models import Role, Settlement


def home_panel_loader(user: Any, settlement: Settlement) -> dict[str, Any]:
    """No query: the panel's template asks ``competencies:home_panel`` for its content."""
    return {"loads_on_its_own": True}


def register() -> None:
    registry.register_home_panel(
        registry.Panel(
            "competencies/_home_panel_loader.html",
            home_panel_loader,
            frozenset({Role.COORDINATOR}),
        )
    )
