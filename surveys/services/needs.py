"""Writing the needs register."""

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction

from coordinator import clock
from coordinator.models import Neighbourhood, Settlement, Tag

from ..models import MappingRecord, Need, Question
from .mapping import ForeignObject

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
        if any(obj.settlement_id != settlement_id for obj in objects):
            raise ForeignObject("A linked object belongs to another settlement.")


def _set_links(need: Need, links: Links) -> bool:
    changed = False
    for name, objects in links.items():
        manager = getattr(need, name)
        wanted = {obj.pk for obj in objects}
        if wanted != {obj.pk for obj in manager.all()}:
            manager.set(list(objects))
            changed = True
    return changed


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
    changed = [key for key in FIELDS if key in data and getattr(need, key) != data[key]]
    for key in changed:
        setattr(need, key, data[key])
    linked = _set_links(need, links)
    if changed or linked:
        need.updated_at = clock.now()
        need.save(update_fields=[*changed, "updated_at"])
        need.refresh_from_db(fields=["priority"])
    return bool(changed or linked)


@transaction.atomic
def need_delete(*, need: Need) -> None:
    need.delete()
