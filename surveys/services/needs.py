"""Writing the needs register."""

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction

from coordinator import clock
from coordinator.models import Neighbourhood, Settlement, Tag
from coordinator.services.changes import (
    check_same_settlement,
    fields_apply,
    links_replace,
)

from ..models import MappingRecord, Need, Question

FIELDS = (
    "title",
    "description",
    "age_groups",
    "evidence_note",
    "impact",
    "urgency",
    "owner",
    "status",
)
# The many-to-many links, each with the objects it takes.
LINKS = ("neighbourhoods", "tags", "evidence_questions", "evidence_records")
Links = Mapping[str, Sequence[Neighbourhood | Tag | Question | MappingRecord]]


def _check_links(settlement_id: int, links: Links) -> None:
    unknown = set(links) - set(LINKS)
    if unknown:
        raise ValueError(f"Not a link of a need: {sorted(unknown)}")
    for objects in links.values():
        check_same_settlement(settlement_id, objects, "linked object")


def _set_links(need: Need, links: Links) -> bool:
    # Every link is looked at (no short-circuit): each may need replacing.
    return any([links_replace(need, name, list(objects)) for name, objects in links.items()])


@transaction.atomic
def need_create(
    *, settlement: Settlement, data: Mapping[str, Any], links: Links | None = None
) -> Need:
    links = links or {}
    _check_links(settlement.pk, links)
    now = clock.now()
    need = Need.objects.create(
        settlement=settlement,
        created_at=now,
        updated_at=now,
        **{key: data[key] for key in FIELDS if key in data},
    )
    for name, objects in links.items():
        if objects:
            getattr(need, name).set(list(objects))
    return need


@transaction.atomic
def need_update(*, need: Need, data: Mapping[str, Any], links: Links | None = None) -> bool:
    """Write what changed, and mark the need updated if anything did."""
    links = links or {}
    _check_links(need.settlement_id, links)
    changed = fields_apply(need, data, FIELDS)
    linked = _set_links(need, links)
    if changed or linked:
        need.updated_at = clock.now()
        need.save(update_fields=[*changed, "updated_at"])
        need.refresh_from_db(fields=["priority"])
    return bool(changed or linked)


@transaction.atomic
def need_delete(*, need: Need) -> None:
    need.delete()
