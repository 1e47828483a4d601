"""What volunteers and openings add to the registry: the personal link of an invitation to
an opening (made at sending time), the personal data held about a resident, and the demo."""

from collections.abc import Sequence
from typing import Any

from django.urls import reverse

from coordinator import registry
from messaging.services import absolute_url, register_link

from .models_volunteers import Opening, OpeningInvitation, VolunteerProfile
from .services_volunteers import LINK_KIND, invitation_token


def opening_links(refs: Sequence[int]) -> dict[int, str | None]:
    """The public link of each invitation; None for one already answered or whose opening
    is no longer open (its message is then not sent)."""
    rows = OpeningInvitation.objects.filter(
        pk__in=refs,
        status=OpeningInvitation.Status.INVITED,
        opening__status=Opening.Status.OPEN,
    ).values_list("pk", "nonce")
    links: dict[int, str | None] = dict.fromkeys(refs)
    for pk, nonce in rows:
        if nonce:
            token = invitation_token(nonce)
            links[pk] = absolute_url(reverse("public:opening", kwargs={"token": token}))
    return links


def personal_data_export(resident: Any) -> dict[str, Any]:
    """The resident's volunteer profile and invitations to openings."""
    profile = (
        VolunteerProfile.objects.filter(settlement_id=resident.settlement_id, resident=resident)
        .prefetch_related("skills")
        .first()
    )
    invitations = (
        OpeningInvitation.objects.filter(settlement_id=resident.settlement_id, resident=resident)
        .select_related("opening")
        .order_by("pk")
    )
    return {
        "profile": None
        if profile is None
        else {
            "skills": sorted(s.name for s in profile.skills.all()),
            "interests": list(profile.interests),
            "availability": list(profile.availability),
            "languages": list(profile.languages),
            "hours_per_month": profile.hours_per_month,
            "background_check": profile.background_check,
            "background_check_until": profile.background_check_until.isoformat()
            if profile.background_check_until
            else None,
            "active": profile.active,
            "notes": profile.notes,
            "created_at": profile.created_at.isoformat(),
        },
        "opening_invitations": [
            {
                "opening": i.opening.title,
                "status": i.status,
                "invited_at": i.invited_at.isoformat(),
                "answered_at": i.answered_at.isoformat() if i.answered_at else None,
            }
            for i in invitations
        ],
    }


def personal_data_erase(resident: Any) -> None:
    """The profile (with its notes and check) and the invitations go."""
    OpeningInvitation.objects.filter(
        settlement_id=resident.settlement_id, resident=resident
    ).delete()
    VolunteerProfile.objects.filter(
        settlement_id=resident.settlement_id, resident=resident
    ).delete()


def register() -> None:
    register_link(LINK_KIND, opening_links)
    registry.register_personal_data(
        registry.PersonalData("volunteers", personal_data_export, personal_data_erase)
    )
    from .demo_volunteers import seed

    registry.register_demo(seed)
