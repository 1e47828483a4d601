"""Writing volunteers, openings and invitations. Each write is one transaction; messages to
residents go through ``messaging.services.messages_queue`` (consent, dedupe, the personal
link filled in at sending time)."""

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from coordinator import clock
from coordinator.models import Resident, Settlement
from coordinator.services.changes import check_same_settlement, fields_save, links_replace
from messaging.models import LINK_PLACEHOLDER
from messaging.services import Draft, messages_queue

from .models import Committee
from .models_volunteers import Opening, OpeningInvitation, Skill, VolunteerProfile
from .tokens import link_token, new_nonce, token_hash

PROFILE_FIELDS = (
    "interests",
    "availability",
    "languages",
    "hours_per_month",
    "background_check",
    "background_check_until",
    "active",
    "notes",
)
OPENING_FIELDS = (
    "title",
    "description",
    "committee",
    "area",
    "availability",
    "language",
    "needs_background_check",
    "people_needed",
    "status",
)
MESSAGE_KIND = "committees.opening"
LINK_KIND = "committees.opening"


class OpeningNotOpen(Exception):
    """The opening was filled or closed: its invitations can no longer be answered."""


def invitation_token(nonce: str) -> str:
    return link_token("opening", nonce)


# --- Skills and profiles --------------------------------------------------------------------


def skills_ensure(*, settlement: Settlement, names: Sequence[str]) -> list[Skill]:
    """The settlement's skills named ``names`` (compared without case), created if new."""
    if not names:
        return []
    known = {s.name.casefold(): s for s in Skill.objects.filter(settlement=settlement)}
    result: list[Skill] = []
    for name in names:
        skill = known.get(name.casefold())
        if skill is None:
            skill = Skill.objects.create(settlement=settlement, name=name)
            known[name.casefold()] = skill
        if skill not in result:
            result.append(skill)
    return result


def _codes(values: Any) -> list[str]:
    return sorted(set(values or ()))


@transaction.atomic
def volunteer_save(
    *,
    settlement: Settlement,
    resident: Resident,
    data: Mapping[str, Any],
    skills: Sequence[Skill] = (),
    new_skills: Sequence[str] = (),
) -> tuple[VolunteerProfile, bool]:
    """Create the resident's profile or update it; the profile and whether it was new.
    ``new_skills`` are added to the settlement's list (if not there yet) and to the
    profile."""
    check_same_settlement(settlement.pk, [resident, *skills], "resident or skill")
    chosen = list(skills)
    for skill in skills_ensure(settlement=settlement, names=new_skills):
        if skill not in chosen:
            chosen.append(skill)
    values = {key: data[key] for key in PROFILE_FIELDS if key in data}
    for key in ("interests", "availability", "languages"):
        if key in values:
            values[key] = _codes(values[key])
    profile = VolunteerProfile.objects.filter(settlement=settlement, resident=resident).first()
    if profile is None:
        profile = VolunteerProfile.objects.create(
            settlement=settlement, resident=resident, created_at=clock.now(), **values
        )
        if chosen:
            profile.skills.set(chosen)
        return profile, True
    fields_save(profile, values, PROFILE_FIELDS)
    links_replace(profile, "skills", chosen)
    return profile, False


# --- Openings -------------------------------------------------------------------------------


def _opening_values(data: Mapping[str, Any]) -> dict[str, Any]:
    values = {key: data[key] for key in OPENING_FIELDS if key in data}
    if "availability" in values:
        values["availability"] = _codes(values["availability"])
    return values


@transaction.atomic
def opening_create(
    *,
    settlement: Settlement,
    data: Mapping[str, Any],
    skills: Sequence[Skill] = (),
    by: Any = None,
) -> Opening:
    values = _opening_values(data)
    committee: Committee | None = values.get("committee")
    check_same_settlement(
        settlement.pk, [*skills, *([committee] if committee else [])], "skill or committee"
    )
    values.pop("status", None)
    opening = Opening.objects.create(
        settlement=settlement,
        created_by=by if getattr(by, "pk", None) else None,
        created_at=clock.now(),
        **values,
    )
    if skills:
        opening.skills.set(list(skills))
    return opening


@transaction.atomic
def opening_update(
    *, opening: Opening, data: Mapping[str, Any], skills: Sequence[Skill] | None = None
) -> bool:
    """Write what changed; whether anything did."""
    values = _opening_values(data)
    committee: Committee | None = values.get("committee")
    check_same_settlement(
        opening.settlement_id,
        [*(skills or ()), *([committee] if committee else [])],
        "skill or committee",
    )
    changed = fields_save(opening, values, OPENING_FIELDS)
    linked = skills is not None and links_replace(opening, "skills", list(skills))
    return bool(changed) or linked


# --- Invitations ----------------------------------------------------------------------------


def _draft(invitation: OpeningInvitation, settlement: Settlement) -> Draft:
    resident = invitation.resident
    opening = invitation.opening
    language = resident.preferred_language or settlement.language
    with translation.override(language):
        context = {
            "resident": resident,
            "opening": opening,
            "settlement": settlement,
            "link": LINK_PLACEHOLDER,
        }
        subject = render_to_string("committees/email/opening_invitation_subject.txt", context)
        body = render_to_string("committees/email/opening_invitation.txt", context)
    return Draft(
        resident=resident,
        kind=MESSAGE_KIND,
        subject=" ".join(subject.split()),
        body=body,
        dedupe_key=f"opening:{opening.pk}:{resident.pk}",
        language=language,
        link_kind=LINK_KIND,
        link_ref=invitation.pk,
    )


@transaction.atomic
def opening_invite(
    *, opening: Opening, residents: Sequence[Resident], by: Any = None
) -> list[OpeningInvitation]:
    """Invite ``residents`` (not invited yet) to ``opening`` and queue a message to each who
    may receive one; the invitations created. Inviting again creates nothing."""
    if opening.status != Opening.Status.OPEN:
        raise OpeningNotOpen
    check_same_settlement(opening.settlement_id, residents, "resident")
    already = set(
        OpeningInvitation.objects.filter(opening=opening).values_list("resident_id", flat=True)
    )
    now = clock.now()
    created: list[OpeningInvitation] = []
    for resident in residents:
        if resident.pk in already:
            continue
        already.add(resident.pk)
        nonce = new_nonce()
        invitation = OpeningInvitation.objects.create(
            settlement_id=opening.settlement_id,
            opening=opening,
            resident=resident,
            nonce=nonce,
            token_hash=token_hash(invitation_token(nonce)),
            invited_by=by if getattr(by, "pk", None) else None,
            invited_at=now,
        )
        created.append(invitation)
    if created:
        settlement = opening.settlement
        messages_queue(settlement=settlement, drafts=[_draft(i, settlement) for i in created])
    return created


@transaction.atomic
def invitation_record(*, invitation: OpeningInvitation, status: str) -> bool:
    """The coordinator records the answer given on the phone; whether it changed."""
    if status not in {OpeningInvitation.Status.ACCEPTED, OpeningInvitation.Status.DECLINED}:
        raise ValueError(status)
    if invitation.status == status:
        return False
    invitation.status = status
    invitation.answered_at = clock.now()
    invitation.save(update_fields=["status", "answered_at"])
    return True


@transaction.atomic
def invitation_answer(*, invitation: OpeningInvitation, accept: bool) -> bool:
    """The resident answers through their link, while the opening is open (they may change
    their answer until then); whether it changed."""
    opening = Opening.objects.select_for_update().get(pk=invitation.opening_id)
    if opening.status != Opening.Status.OPEN:
        raise OpeningNotOpen
    status = OpeningInvitation.Status.ACCEPTED if accept else OpeningInvitation.Status.DECLINED
    if invitation.status == status:
        return False
    invitation.status = status
    invitation.answered_at = clock.now()
    invitation.save(update_fields=["status", "answered_at"])
    return True
