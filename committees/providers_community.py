"""What residents' initiatives and community services add to the registry: the personal
data they hold about a resident, and the demo."""

from typing import Any

from django.db.models import Q

from coordinator import registry

from .models_community import CommunityService, Initiative


def personal_data_export(resident: Any) -> dict[str, Any]:
    """The ideas the resident suggested, champions or helps with, and the services they run."""
    sid = resident.settlement_id
    initiatives = (
        Initiative.objects.filter(settlement_id=sid)
        .filter(Q(resident=resident) | Q(champion=resident) | Q(volunteers=resident))
        .distinct()
        .order_by("created_at", "pk")
    )
    rows = []
    for initiative in initiatives.prefetch_related("volunteers"):
        roles = []
        if initiative.resident_id == resident.pk:
            roles.append("suggested")
        if initiative.champion_id == resident.pk:
            roles.append("champion")
        if any(v.pk == resident.pk for v in initiative.volunteers.all()):
            roles.append("volunteer")
        row: dict[str, Any] = {
            "title": initiative.title,
            "description": initiative.description,
            "status": initiative.status,
            "received": initiative.created_at.isoformat(),
            "answer": initiative.answer,
            "roles": roles,
        }
        if initiative.resident_id == resident.pk:
            row["submitter_name"] = initiative.submitter_name
            row["submitter_contact"] = initiative.submitter_contact
        rows.append(row)
    services = CommunityService.objects.filter(settlement_id=sid, runners=resident).order_by(
        "name", "pk"
    )
    return {
        "initiatives": rows,
        "services_run": [
            {"name": s.name, "kind": s.kind, "status": s.status, "opening_hours": s.opening_hours}
            for s in services
        ],
    }


def personal_data_erase(resident: Any) -> None:
    """An idea the resident suggested stays (it is the community's), without anything
    that names them: the link to them, the name and the contact they gave."""
    Initiative.objects.filter(settlement_id=resident.settlement_id, resident=resident).update(
        resident=None, submitter_name="", submitter_contact=""
    )


def register() -> None:
    registry.register_personal_data(
        registry.PersonalData("committees_community", personal_data_export, personal_data_erase)
    )
    from .demo_community import seed

    registry.register_demo(seed)
