"""Writing residents' initiatives and community services."""

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction

from coordinator import clock
from coordinator.models import Resident, Settlement
from coordinator.services.changes import ForeignObject as ForeignObject  # raised here
from coordinator.services.changes import check_same_settlement, fields_apply, links_replace

from .models_community import CommunityService, Initiative
from .tokens import link_token, new_nonce, token_hash

INITIATIVE_FIELDS = ("status", "champion", "committee", "answer")
SERVICE_FIELDS = ("name", "kind", "description", "place", "opening_hours", "status", "committee")


class AnswerRequired(ValueError):
    """An initiative is declined without a reason the resident can read."""


class NameTaken(ValueError):
    """Another service of the settlement has this name."""


def _check_one(settlement_id: int, obj: Any, what: str) -> None:
    if obj is not None:
        check_same_settlement(settlement_id, [obj], what)


def initiative_link(initiative: Initiative) -> str:
    """The token of the initiative's status page (computed, never stored)."""
    return link_token("initiative", initiative.nonce) if initiative.nonce else ""


@transaction.atomic
def initiative_create(
    *,
    settlement: Settlement,
    title: str,
    description: str,
    source: str,
    status: str = Initiative.Status.NEW,
    resident: Resident | None = None,
    submitter_name: str = "",
    submitter_contact: str = "",
    answer: str = "",
) -> Initiative:
    """A new idea, with the link of its status page (the nonce is kept, the token's hash
    is stored)."""
    _check_one(settlement.pk, resident, "resident")
    if status == Initiative.Status.DECLINED and not answer.strip():
        raise AnswerRequired
    now = clock.now()
    nonce = new_nonce()
    return Initiative.objects.create(
        settlement=settlement,
        title=title,
        description=description,
        source=source,
        status=status,
        resident=resident,
        submitter_name=submitter_name,
        submitter_contact=submitter_contact,
        answer=answer,
        nonce=nonce,
        token_hash=token_hash(link_token("initiative", nonce)),
        created_at=now,
        status_changed_at=now,
    )


@transaction.atomic
def initiative_update(
    *,
    initiative: Initiative,
    data: Mapping[str, Any],
    volunteers: Sequence[Resident] | None = None,
) -> bool:
    """Write what changed (status, champion, committee, answer, volunteers); whether
    anything did. A declined initiative must carry its reason in ``answer``; a change of
    status is dated."""
    sid = initiative.settlement_id
    _check_one(sid, data.get("champion"), "resident")
    _check_one(sid, data.get("committee"), "committee")
    if volunteers is not None:
        check_same_settlement(sid, volunteers, "resident")
    status = data.get("status", initiative.status)
    answer = data.get("answer", initiative.answer)
    if status == Initiative.Status.DECLINED and not str(answer).strip():
        raise AnswerRequired
    old_status = initiative.status
    changed = fields_apply(initiative, data, INITIATIVE_FIELDS)
    if "status" in changed and initiative.status != old_status:
        initiative.status_changed_at = clock.now()
        changed.append("status_changed_at")
    if changed:
        initiative.save(update_fields=changed)
    linked = volunteers is not None and links_replace(initiative, "volunteers", volunteers)
    return bool(changed) or linked


def _name_taken(settlement_id: int, name: str, service: CommunityService | None) -> bool:
    others = CommunityService.objects.filter(settlement_id=settlement_id, name__iexact=name)
    if service is not None:
        others = others.exclude(pk=service.pk)
    return others.exists()


@transaction.atomic
def service_create(
    *,
    settlement: Settlement,
    data: Mapping[str, Any],
    runners: Sequence[Resident] = (),
) -> CommunityService:
    _check_one(settlement.pk, data.get("committee"), "committee")
    check_same_settlement(settlement.pk, runners, "resident")
    if _name_taken(settlement.pk, data["name"], None):
        raise NameTaken
    service = CommunityService.objects.create(
        settlement=settlement, **{key: data[key] for key in SERVICE_FIELDS if key in data}
    )
    if runners:
        service.runners.set(list(runners))
    return service


@transaction.atomic
def service_update(
    *,
    service: CommunityService,
    data: Mapping[str, Any],
    runners: Sequence[Resident] | None = None,
) -> bool:
    """Write what changed; whether anything did. ``runners`` None leaves them as they are."""
    sid = service.settlement_id
    _check_one(sid, data.get("committee"), "committee")
    if runners is not None:
        check_same_settlement(sid, runners, "resident")
    if "name" in data and _name_taken(sid, data["name"], service):
        raise NameTaken
    changed = fields_apply(service, data, SERVICE_FIELDS)
    if changed:
        service.save(update_fields=changed)
    linked = runners is not None and links_replace(service, "runners", runners)
    return bool(changed) or linked


@transaction.atomic
def service_delete(*, service: CommunityService) -> None:
    """Delete the service; its committee and runners stay."""
    service.delete()
