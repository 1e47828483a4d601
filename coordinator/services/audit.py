"""The audit events: what the history tables do not see.

django-simple-history records every change of the audited models (residents, households,
memberships, committees, users). An ``AuditEvent`` records the rest: who exported or
imported how many rows, who read a sensitive record, and that an erasure happened.

Reads of sensitive records
--------------------------
A model is sensitive when it says so: ``SENSITIVE = True`` as a class attribute (welfare
cases will). The selector that fetches and authorises one such record calls
``record_read(user=..., obj=...)`` after the check, and the read is one ``AuditEvent``
(action "read", the record's kind and id, no content). For any other model
``record_read`` does nothing and costs no query, so a selector may call it
unconditionally: ``resident_get_for`` does, and residents become read-logged the day
``Resident.SENSITIVE`` is set. We chose a class attribute over a registry or a setting:
whether a record is sensitive is a property of the data, it sits next to the fields it
protects, and it cannot differ between installations by accident.
"""

from typing import Any

from django.db import models

from .. import clock
from ..models import AuditEvent, Settlement

SUMMARY_LENGTH = 300


def is_sensitive(obj: Any) -> bool:
    """Whether reads of ``obj`` (an instance or a model class) are recorded."""
    model = obj if isinstance(obj, type) else type(obj)
    return bool(getattr(model, "SENSITIVE", False))


def object_type_of(obj: models.Model | type[models.Model]) -> str:
    return obj._meta.model_name or ""


def audit_record(
    *,
    action: str,
    object_type: str,
    settlement: Settlement | None = None,
    settlement_id: int | None = None,
    actor: Any = None,
    object_id: int | None = None,
    summary: str = "",
) -> AuditEvent:
    """Add one event to the trail. One INSERT, no transaction of its own: it commits or
    rolls back with the write it describes."""
    return AuditEvent.objects.create(
        settlement_id=settlement.pk if settlement is not None else settlement_id,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=object_type,
        object_id=object_id,
        summary=summary[:SUMMARY_LENGTH],
        created_at=clock.now(),
    )


def record_read(*, user: Any, obj: models.Model) -> AuditEvent | None:
    """Record that ``user`` read ``obj``, if ``obj`` is of a sensitive model."""
    if not is_sensitive(obj):
        return None
    return audit_record(
        action=AuditEvent.Action.READ,
        object_type=object_type_of(obj),
        object_id=obj.pk,
        settlement_id=getattr(obj, "settlement_id", None),
        actor=user,
    )
