"""Every write of the emergency team: the roster, the drills, the council contacts and the
list of residents who need help in an emergency. Each write is one transaction with its
audit entry (the kind of row and its id, never what a resident needs)."""

import datetime as dt
from typing import Any

from django.db import transaction

from coordinator.models import AuditEvent, Settlement
from coordinator.services.audit import audit_record

from .models import CouncilContact, Drill, TeamMember, VulnerableResident

MEMBER_FIELDS = ("function", "deputy", "name", "phone", "email", "user", "resident")
CONTACT_FIELDS = ("department", "name", "role", "phone", "email")
VULNERABLE_FIELDS = ("resident", "reason", "needs", "buddy")


def _audit(*, action: str, obj: Any, settlement: Settlement, by: Any, summary: str = "") -> None:
    audit_record(
        action=action,
        object_type=obj._meta.model_name,
        object_id=obj.pk,
        settlement=settlement,
        actor=by,
        summary=summary,
    )


def _save(
    *, obj: Any, fields: tuple[str, ...], data: dict[str, Any], settlement: Settlement, by: Any
) -> Any:
    """Create ``obj`` (no pk yet) or change the given fields; nothing when nothing changes.
    What changed is read against the stored row, not ``obj`` (a bound model form has
    already put the new values on it)."""
    model = type(obj)
    given = [name for name in fields if name in data]
    if obj.pk is None:
        changed = given
    else:
        attnames = {name: model._meta.get_field(name).attname for name in given}
        stored = model.objects.filter(pk=obj.pk).values(*attnames.values()).get()
        changed = [
            name
            for name in given
            if stored[attnames[name]] != getattr(data[name], "pk", data[name])
        ]
        if not changed:
            return obj
    creating = obj.pk is None
    for name in changed:
        setattr(obj, name, data[name])
    obj.settlement = settlement
    obj.save()
    _audit(
        action=AuditEvent.Action.CREATED if creating else AuditEvent.Action.CHANGED,
        obj=obj,
        settlement=settlement,
        by=by,
        summary="" if creating else ", ".join(changed),
    )
    return obj


def _delete(*, obj: Any, settlement: Settlement, by: Any) -> None:
    pk = obj.pk
    obj.delete()
    obj.pk = pk
    _audit(action=AuditEvent.Action.DELETED, obj=obj, settlement=settlement, by=by)


# --- the roster ----------------------------------------------------------------------------


@transaction.atomic
def member_save(
    *, settlement: Settlement, data: dict[str, Any], by: Any, member: TeamMember | None = None
) -> TeamMember:
    """Add a member to the roster (``member`` None) or change one."""
    result: TeamMember = _save(
        obj=member or TeamMember(), fields=MEMBER_FIELDS, data=data, settlement=settlement, by=by
    )
    return result


@transaction.atomic
def member_delete(*, settlement: Settlement, member: TeamMember, by: Any) -> None:
    """Take a member off the roster; the residents they checked on have nobody until the
    coordinator names someone else."""
    _delete(obj=member, settlement=settlement, by=by)


# --- drills --------------------------------------------------------------------------------


@transaction.atomic
def drill_add(
    *,
    settlement: Settlement,
    by: Any,
    kind: str,
    title: str,
    held_on: dt.date,
    notes: str = "",
    attendees: list[TeamMember] | None = None,
) -> Drill:
    """Record a training or drill held; each member who took part is trained as of its
    date, unless they already trained later."""
    drill = Drill.objects.create(
        settlement=settlement, kind=kind, title=title, held_on=held_on, notes=notes
    )
    people = [m for m in attendees or [] if m.settlement_id == settlement.pk]
    if people:
        drill.attendees.set(people)
        ids = [m.pk for m in people]
        TeamMember.objects.filter(
            settlement=settlement, pk__in=ids, trained_on__isnull=True
        ).update(trained_on=held_on)
        TeamMember.objects.filter(settlement=settlement, pk__in=ids, trained_on__lt=held_on).update(
            trained_on=held_on
        )
    _audit(action=AuditEvent.Action.CREATED, obj=drill, settlement=settlement, by=by)
    return drill


# --- council contacts ----------------------------------------------------------------------


@transaction.atomic
def contact_save(
    *,
    settlement: Settlement,
    data: dict[str, Any],
    by: Any,
    contact: CouncilContact | None = None,
) -> CouncilContact:
    result: CouncilContact = _save(
        obj=contact or CouncilContact(),
        fields=CONTACT_FIELDS,
        data=data,
        settlement=settlement,
        by=by,
    )
    return result


@transaction.atomic
def contact_delete(*, settlement: Settlement, contact: CouncilContact, by: Any) -> None:
    _delete(obj=contact, settlement=settlement, by=by)


# --- residents who need help ---------------------------------------------------------------


@transaction.atomic
def vulnerable_save(
    *,
    settlement: Settlement,
    data: dict[str, Any],
    by: Any,
    entry: VulnerableResident | None = None,
) -> VulnerableResident:
    """Put a resident on the list (``entry`` None) or change their entry. The audit entry
    names the fields changed, never what the resident needs."""
    result: VulnerableResident = _save(
        obj=entry or VulnerableResident(),
        fields=VULNERABLE_FIELDS,
        data=data,
        settlement=settlement,
        by=by,
    )
    return result


@transaction.atomic
def vulnerable_delete(*, settlement: Settlement, entry: VulnerableResident, by: Any) -> None:
    _delete(obj=entry, settlement=settlement, by=by)
