"""Writing the records of house meetings, focus groups, steering-team sessions and
interviews."""

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction

from coordinator import clock
from coordinator.models import Resident, Settlement

from ..models import MappingRecord

FIELDS = ("kind", "title", "held_on", "age_groups", "participant_count", "notes", "findings")


class ForeignObject(ValueError):
    """An object of another settlement was handed to a write: a bug, never user input (the
    forms refuse such ids first)."""


def _check_participants(settlement_id: int, participants: Sequence[Resident]) -> None:
    if any(resident.settlement_id != settlement_id for resident in participants):
        raise ForeignObject("A participant belongs to another settlement.")


@transaction.atomic
def record_create(
    *,
    settlement: Settlement,
    data: Mapping[str, Any],
    participants: Sequence[Resident] = (),
    by: Any = None,
) -> MappingRecord:
    _check_participants(settlement.pk, participants)
    record = MappingRecord.objects.create(
        settlement=settlement,
        created_by=by if getattr(by, "is_authenticated", False) else None,
        created_at=clock.now(),
        **{key: data[key] for key in FIELDS if key in data},
    )
    if participants:
        record.participants.set(list(participants))
    return record


@transaction.atomic
def record_update(
    *,
    record: MappingRecord,
    data: Mapping[str, Any],
    participants: Sequence[Resident] | None = None,
) -> bool:
    """Write what changed; whether anything did."""
    changed = [key for key in FIELDS if key in data and getattr(record, key) != data[key]]
    for key in changed:
        setattr(record, key, data[key])
    if changed:
        record.save(update_fields=changed)
    if participants is not None:
        _check_participants(record.settlement_id, participants)
        wanted = {resident.pk for resident in participants}
        current = set(
            record.participants.through.objects.filter(mappingrecord_id=record.pk).values_list(
                "resident_id", flat=True
            )
        )
        if wanted != current:
            record.participants.set(list(participants))
            return True
    return bool(changed)


@transaction.atomic
def record_delete(*, record: MappingRecord) -> None:
    """Delete the record. The needs that cite it stay; only their link to it goes."""
    record.delete()
