"""The emergency team on paper, for when the network is down: the roster by function with
phones, the contact tree (the head, each function's lead, their deputies; and who each
member checks on), the council contacts and, only for a reader who may see it now, the
residents who need help. In the settlement's language, right to left for Hebrew, in the
vendored DejaVu fonts; WeasyPrint is imported lazily and fetches nothing but those fonts,
like the plans' documents."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

from coordinator import clock
from coordinator.clock import settlement_zone
from coordinator.models import Settlement

from .selectors_team import (
    buddies_of,
    contacts_of,
    households_with_a_case,
    roster_of,
    vulnerable_list,
)

FONTS_DIR = Path(settings.BASE_DIR) / "static" / "fonts"
PDF_CONTENT_TYPE = "application/pdf"


def fonts_only() -> Any:
    """A WeasyPrint fetcher that reads the vendored fonts and nothing else: names and notes
    are the coordinator's, and a document must never fetch a file or an address they name."""
    from weasyprint.urls import URLFetcher

    class FontsOnly(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            allowed = FONTS_DIR.resolve().as_uri() + "/"
            if not url.startswith(allowed) or ".." in url:
                raise ValueError(f"Not fetched for a document: {url}")
            return super().fetch(url, headers)

    return FontsOnly()


def pdf_bytes(html: str) -> bytes:
    import weasyprint

    document = weasyprint.HTML(
        string=html, base_url=str(settings.BASE_DIR), url_fetcher=fonts_only()
    )
    content: bytes = document.write_pdf()
    return content


def team_context(*, settlement: Settlement, with_vulnerable: bool) -> dict[str, Any]:
    """What the PDF shows; call it with the settlement's language active."""
    roster = roster_of(settlement=settlement)
    entries = list(vulnerable_list(settlement=settlement)) if with_vulnerable else []
    checks = buddies_of(entries)
    for member in roster.members:
        member.checks = checks.get(member.pk, [])  # type: ignore[attr-defined]
    language = settlement.language
    return {
        "settlement": settlement,
        "language": language,
        "direction": "rtl" if language == "he" else "ltr",
        "fonts_url": FONTS_DIR.resolve().as_uri() + "/",
        "zone": settlement_zone(settlement).key,
        "printed_at": clock.now(),
        "roster": roster,
        "filled": [group for group in roster.groups if group.members],
        "departments": contacts_of(settlement=settlement),
        "with_vulnerable": with_vulnerable,
        "entries": entries,
        "households": households_with_a_case(settlement=settlement) if with_vulnerable else [],
    }


def team_pdf(*, settlement: Settlement, with_vulnerable: bool) -> bytes:
    context = team_context(settlement=settlement, with_vulnerable=with_vulnerable)
    return pdf_bytes(render_to_string("welfare/team/offline.html", context))
