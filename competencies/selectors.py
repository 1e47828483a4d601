"""Reads shared by the competency pages: which version of the model a council uses, and
the council of a coordinator."""

from typing import Any

from coordinator.models import Council, Settlement
from surveys.i18n import text_in

from .models import Framework


def current_framework(council: Council | None) -> Framework:
    """The newest version of ``council``'s own model, else the base model (one query)."""
    framework = (
        Framework.objects.filter(council=council).order_by("-version").first()
        if council is not None
        else None
    )
    return framework or Framework.objects.filter(council=None).order_by("-version")[0]


def council_of(settlement: Settlement) -> Council | None:
    return settlement.council if settlement.council_id else None


def text(texts: dict[str, Any], language: str) -> str:
    """A text of the model in ``language``, else English, else Slovenian (the source)."""
    return text_in(texts, ["en", "sl"], language)
