"""What volunteer hours add to the registry: the "Hours to confirm" panel of the chair's
and the coordinator's home, the volunteers' personal links for the sender, what is kept
about a resident (for their copy and for erasure) and the demo."""

from typing import Any

from django.urls import reverse

from coordinator import registry
from coordinator.models import Role, Settlement
from coordinator.permissions import roles_in
from messaging.services import register_link

from .models_volunteers import VolunteerHours, VolunteerMilestone
from .selectors_hours import hours_to_confirm
from .services_hours import LINK_KIND, hours_links


def hours_panel(user: Any, settlement: Settlement) -> dict[str, Any] | None:
    """The hours waiting for the user's confirmation (one query). Always on a chair's
    home; on the coordinator's only when there are some."""
    waiting = hours_to_confirm(user=user, settlement=settlement)
    if not waiting.total and Role.CHAIR not in roles_in(user, settlement.pk):
        return None
    return {"waiting": waiting, "home": reverse("home")}


def personal_data_export(resident: Any) -> dict[str, Any]:
    hours = (
        VolunteerHours.objects.filter(settlement_id=resident.settlement_id, resident=resident)
        .select_related("committee")
        .order_by("date", "pk")
    )
    milestones = VolunteerMilestone.objects.filter(
        settlement_id=resident.settlement_id, resident=resident
    ).order_by("hours")
    return {
        "hours": [
            {
                "date": entry.date.isoformat(),
                "hours": str(entry.hours),
                "committee": entry.committee.name if entry.committee else None,
                "what_was_done": entry.description,
                "source": entry.source,
                "status": entry.status,
                "note": entry.review_note,
            }
            for entry in hours
        ],
        "milestones": [
            {"hours": m.hours, "reached_on": m.reached_on.isoformat()} for m in milestones
        ],
    }


def personal_data_erase(resident: Any) -> None:
    VolunteerHours.objects.filter(settlement_id=resident.settlement_id, resident=resident).delete()
    VolunteerMilestone.objects.filter(
        settlement_id=resident.settlement_id, resident=resident
    ).delete()


def register() -> None:
    register_link(LINK_KIND, hours_links)
    registry.register_home_panel(
        registry.Panel(
            "committees/_home_hours_to_confirm.html",
            hours_panel,
            frozenset({Role.CHAIR, Role.COORDINATOR}),
        )
    )
    registry.register_personal_data(
        registry.PersonalData("volunteer_hours", personal_data_export, personal_data_erase)
    )
    from .demo_hours import seed

    registry.register_demo(seed)
