"""Writing conflicts in the community and the steps of their mediation: the coordinator's
alone. Each write leaves an audit entry with the record's kind and id, never its content.
The forms refuse bad input first; the checks here guard against bugs."""

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction

from coordinator import clock
from coordinator.models import AuditEvent, Settlement
from coordinator.services.audit import audit_record, object_type_of
from coordinator.services.changes import fields_save

from .models_community import Conflict, MediationStep

CONFLICT_FIELDS = (
    "title",
    "kind",
    "description",
    "parties",
    "status",
    "opened_on",
    "closed_on",
    "outcome",
)
STEP_FIELDS = ("date", "kind", "notes", "next_step")
CLOSED = (Conflict.Status.RESOLVED, Conflict.Status.UNRESOLVED)


class InvalidConflict(ValueError):
    """A conflict closed without a date, resolved without an outcome, or a step outside
    the conflict's time: a bug, never user input (the forms refuse such values first)."""


def _audit(action: str, obj: Conflict | MediationStep, by: Any) -> None:
    audit_record(
        action=action,
        object_type=object_type_of(obj),
        object_id=obj.pk,
        settlement_id=obj.settlement_id,
        actor=by,
    )


def _conflict_data(data: Mapping[str, Any]) -> dict[str, Any]:
    """The fields, with the closing date cleared for an open conflict, and checked."""
    values = {key: data[key] for key in CONFLICT_FIELDS if key in data}
    status = values.get("status", Conflict.Status.OPEN)
    if status not in CLOSED:
        values["closed_on"] = None
    elif values.get("closed_on") is None:
        raise InvalidConflict("A closed conflict needs the date it closed.")
    closed_on: dt.date | None = values.get("closed_on")
    if closed_on is not None and closed_on < values["opened_on"]:
        raise InvalidConflict("The conflict closes before it opens.")
    if status == Conflict.Status.RESOLVED and not str(values.get("outcome", "")).strip():
        raise InvalidConflict("A resolved conflict needs its outcome.")
    return values


@transaction.atomic
def conflict_create(*, settlement: Settlement, data: Mapping[str, Any], by: Any) -> Conflict:
    conflict = Conflict.objects.create(
        settlement=settlement,
        created_by=by if getattr(by, "is_authenticated", False) else None,
        **_conflict_data(data),
    )
    _audit(AuditEvent.Action.CREATED, conflict, by)
    return conflict


@transaction.atomic
def conflict_update(*, conflict: Conflict, data: Mapping[str, Any], by: Any) -> bool:
    """Write what changed; whether anything did. Reopening clears the closing date."""
    values = _conflict_data(data)
    first = (
        MediationStep.objects.filter(settlement_id=conflict.settlement_id, conflict=conflict)
        .order_by("date")
        .values_list("date", flat=True)
        .first()
    )
    if first is not None and values["opened_on"] > first:
        raise InvalidConflict("The conflict opens after its first mediation step.")
    changed = fields_save(conflict, values, CONFLICT_FIELDS)
    if changed:
        _audit(AuditEvent.Action.CHANGED, conflict, by)
    return bool(changed)


@transaction.atomic
def conflict_delete(*, conflict: Conflict, by: Any) -> None:
    """Delete the conflict and its steps."""
    _audit(AuditEvent.Action.DELETED, conflict, by)
    conflict.delete()


def _check_step(conflict: Conflict, data: Mapping[str, Any]) -> None:
    date: dt.date = data["date"]
    if date < conflict.opened_on:
        raise InvalidConflict("The step is before the conflict opened.")
    if date > clock.today():
        raise InvalidConflict("The step is in the future.")


@transaction.atomic
def step_add(*, conflict: Conflict, data: Mapping[str, Any], by: Any) -> tuple[MediationStep, bool]:
    """Add a step; an open conflict is then in mediation. The step, and whether the
    conflict moved to mediation."""
    _check_step(conflict, data)
    step = MediationStep.objects.create(
        settlement_id=conflict.settlement_id,
        conflict=conflict,
        created_at=clock.now(),
        **{key: data[key] for key in STEP_FIELDS if key in data},
    )
    # A conditional update: two steps added at once move the conflict once.
    moved = bool(
        Conflict.objects.filter(
            settlement_id=conflict.settlement_id, pk=conflict.pk, status=Conflict.Status.OPEN
        ).update(status=Conflict.Status.MEDIATION)
    )
    if moved:
        conflict.status = Conflict.Status.MEDIATION
    _audit(AuditEvent.Action.CREATED, step, by)
    return step, moved


@transaction.atomic
def step_update(*, step: MediationStep, data: Mapping[str, Any], by: Any) -> bool:
    """Write what changed; whether anything did."""
    _check_step(step.conflict, {**{"date": step.date}, **data})
    changed = fields_save(step, data, STEP_FIELDS)
    if changed:
        _audit(AuditEvent.Action.CHANGED, step, by)
    return bool(changed)


@transaction.atomic
def step_delete(*, step: MediationStep, by: Any) -> None:
    """Delete the step; the conflict keeps its status."""
    _audit(AuditEvent.Action.DELETED, step, by)
    step.delete()
