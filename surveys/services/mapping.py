"""Writing the records of house meetings, focus groups, steering-team sessions and
interviews."""

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction

from coordinator import clock
from coordinator.models import Resident, Settlement
from coordinator.services.changes import ForeignObject as ForeignObject  # raised here
from coordinator.services.changes import (
    check_same_settlement,
    fields_save,
    links_replace,
)

from ..models import MappingRecord

FIELDS = ("kind", "title", "held_on", "age_groups", "participant_count", "notes", "findings")


@transaction.atomic
def record_create(
    *,
    settlement: Settlement,
    data: Mapping[str, Any],
    participants: Sequence[Resident] = (),
    by: Any = None,
) -> MappingRecord:
    check_same_settlement(settlement.pk, participants, "participant")
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
    if participants is not None:
        check_same_settlement(record.settlement_id, participants, "participant")
    changed = fields_save(record, data, FIELDS)
    linked = participants is not None and links_replace(record, "participants", participants)
    return bool(changed) or linked


@transaction.atomic
def record_delete(*, record: MappingRecord) -> None:
    """Delete the record. The needs that cite it stay; only their link to it goes."""
    record.delete()
