"""What the competencies add to the pages the core owns: the coordinator's home panel
(it loads on its own, so the home page keeps its queries), the navigation (``nav``) and
the demo's self-assessments and development plans."""

from typing import Any

from coordinator import registry
from coordinator.models import Role, Settlement


def home_panel_loader(user: Any, settlement: Settlement) -> dict[str, Any]:
    """No query: the panel's template asks ``competencies:home_panel`` for its content."""
    return {"loads_on_its_own": True}


def register() -> None:
    from .demo import seed
    from .nav import register_nav

    register_nav()
    registry.register_demo(seed)
    registry.register_home_panel(
        registry.Panel(
            "competencies/_home_panel_loader.html",
            home_panel_loader,
            frozenset({Role.COORDINATOR}),
        )
    )
