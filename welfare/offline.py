"""The emergency team on paper, for when the network is down: the roster by function with
phones, the contact tree (the head, each function's lead, their deputies; and who each
member checks on), the council contacts and, only for a reader who may see it now, the
residents who need help. In the settlement's language, right to left for Hebrew, in the
vendored DejaVu fonts; WeasyPrint is imported lazily and fetches nothing but those fonts,
through ``coordinator.documents`` as the plans' documents are."""

from typing import Any

from django.template.loader import render_to_string

from coordinator import clock
from coordinator.clock import settlement_zone
from coordinator.documents import document_context, pdf_bytes
from coordinator.models import Settlement

from .selectors_team import (
    buddies_of,
    contacts_of,
    households_with_a_case,
    roster_of,
    vulnerable_list,
)


def team_context(*, settlement: Settlement, with_vulnerable: bool) -> dict[str, Any]:
    """What the PDF shows; call it with the settlement's language active."""
    roster = roster_of(settlement=settlement)
    entries = list(vulnerable_list(settlement=settlement)) if with_vulnerable else []
    checks = buddies_of(entries)
    for member in roster.members:
        member.checks = checks.get(member.pk, [])  # type: ignore[attr-defined]
    return {
        **document_context(settlement, settlement.language),
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
