"""What the messages record adds to the coordinator's home page and the navigation."""

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy, ngettext

from coordinator import registry
from coordinator.models import Settlement

from .models import Message


def messages_to_check(
    settlement: Settlement, start: dt.date, end: dt.date
) -> list[registry.DueItem]:
    """Failed or interrupted messages wait for the coordinator's decision."""
    count = Message.objects.filter(
        settlement=settlement, state__in=[Message.State.FAILED, Message.State.INTERRUPTED]
    ).count()
    if not count:
        return []
    title = ngettext(
        "%(count)d message did not go out: check it",
        "%(count)d messages did not go out: check them",
        count,
    ) % {"count": count}
    return [
        registry.DueItem(
            day=start, title=title, url=reverse("messaging:list") + "?state=problem", kind="message"
        )
    ]


def personal_data_export(resident: Any) -> list[dict[str, Any]]:
    rows = Message.objects.filter(settlement_id=resident.settlement_id, resident=resident)
    return [
        {
            "subject": m.subject,
            "kind": m.kind,
            "to": m.to_address,
            "language": m.language,
            "state": m.state,
            "queued_at": m.created_at.isoformat(),
            "sent_at": m.sent_at.isoformat() if m.sent_at else None,
            "text": m.body,
        }
        for m in rows.order_by("created_at", "pk")
    ]


def register() -> None:
    # Erasure: deleting the resident deletes their messages (the foreign key cascades).
    registry.register_personal_data(registry.PersonalData("messages", personal_data_export))
    registry.register_due(messages_to_check)
    registry.register_nav(
        registry.NavItem(gettext_lazy("Messages"), "messaging:list", "messaging.view_messages", 85)
    )
