"""The competency pages in the main navigation: the coordinator's own, and the council's."""

from django.utils.translation import gettext_lazy

from coordinator import registry

from .rules import ASSESS, COUNCIL


def register_nav() -> None:
    registry.register_nav(
        registry.NavItem(
            gettext_lazy("Competencies"), "competencies:home", ASSESS, 38, group="community"
        )
    )
    registry.register_nav(
        registry.NavItem(
            gettext_lazy("Competencies"), "competencies:council", COUNCIL, 96, council=True
        )
    )
