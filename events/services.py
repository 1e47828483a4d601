"""Writing the settlement's events: create, change, delete."""

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from coordinator import clock
from coordinator.models import Settlement
from coordinator.services.changes import ForeignObject as ForeignObject  # raised here
from coordinator.services.changes import check_same_settlement, fields_save

from .models import Event

FIELDS = (
    "title",
    "description",
    "kind",
    "status",
    "starts_at",
    "ends_at",
    "place",
    "age_groups",
    "committee",
    "planned_cost",
    "actual_cost",
    "planned_income",
    "actual_income",
    "signup_open",
    "capacity",
)


def _check(settlement_id: int, data: Mapping[str, Any]) -> None:
    committee = data.get("committee")
    check_same_settlement(settlement_id, [committee] if committee else [], "committee")


@transaction.atomic
def event_create(*, settlement: Settlement, data: Mapping[str, Any], by: Any) -> Event:
    _check(settlement.pk, data)
    return Event.objects.create(
        settlement=settlement,
        created_by=by,
        created_at=clock.now(),
        **{key: data[key] for key in FIELDS if key in data},
    )


@transaction.atomic
def event_update(*, event: Event, data: Mapping[str, Any]) -> bool:
    """Write what changed; whether anything did. More places (or no limit) move people
    up from the waiting list, with a message to each."""
    _check(event.settlement_id, data)
    changed = fields_save(event, data, FIELDS)
    if "capacity" in changed:
        from .services_signups import event_waiting_promote

        event_waiting_promote(event=event)
    return bool(changed)


@transaction.atomic
def event_delete(*, event: Event) -> None:
    event.delete()
