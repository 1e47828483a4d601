"""The rights of the people in the registry: a copy of everything held about them, and
erasure on request.

An erasure deletes the resident, every history row about them (with the tags of each
moment), their tag links, their household if they were its last member (with its history),
unconfirmed uploads of the settlement (they may hold the person's row), the admin's log
lines about them, and what other modules hold about them (``registry.personal_data``: a
named survey's answers, survey invitations, messages sent to them); audit events about
them lose their summary. What stays is one "erased"
event: who, when, the resident's former id and the reason category. It is the one write of
the product that removes rows of the audit trail, by design.
"""

from typing import Any

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from .. import clock, registry
from ..history import purge_history
from ..models import AuditEvent, ErasureReason, Household, ImportBatch, Resident
from ..selectors.audit import HISTORY_ACTIONS, history_rows_for, record_changes
from .audit import audit_record

RESIDENT = "resident"
EXPORT_FIELDS = (
    "first_name",
    "last_name",
    "birth_date",
    "email",
    "phone",
    "arrival_date",
    "preferred_language",
    "consent_to_contact",
    "archived_at",
    "created_at",
    "updated_at",
)


def _plain(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _history_of(resident: Resident) -> list[dict[str, Any]]:
    rows = history_rows_for(settlement=resident.settlement, model=Resident, pk=resident.pk)
    history = []
    for index, row in enumerate(rows):
        previous = rows[index - 1] if index else None
        history.append(
            {
                "at": row.history_date.isoformat(),
                "action": HISTORY_ACTIONS.get(row.history_type, AuditEvent.Action.CHANGED).value,
                "by": row.history_user.username if row.history_user else None,
                "changes": [
                    {"field": c.name, "before": c.before, "after": c.after}
                    for c in record_changes(Resident, row, previous)
                ],
            }
        )
    return history


def resident_data_export(*, resident: Resident, by: Any) -> dict[str, Any]:
    """Everything the registry holds about ``resident``, as plain data for a JSON file: the
    record, household, neighbourhood, tags, every recorded change (with who made it) and
    the audit events about them. No other person's data beyond the usernames of those who
    made changes. The export itself is recorded first, so it is listed too."""
    settlement = resident.settlement
    audit_record(
        action=AuditEvent.Action.EXPORTED,
        object_type=RESIDENT,
        object_id=resident.pk,
        settlement=settlement,
        actor=by,
        summary="personal data export",
    )
    household = resident.household
    events = AuditEvent.objects.filter(
        settlement=settlement, object_type=RESIDENT, object_id=resident.pk
    ).select_related("actor")
    return {
        "exported_at": clock.now().isoformat(),
        "exported_by": getattr(by, "username", None),
        "settlement": settlement.name,
        "resident": {
            "id": resident.pk,
            **{name: _plain(getattr(resident, name)) for name in EXPORT_FIELDS},
        },
        "household": (
            {"id": household.pk, "name": household.name, "address": household.address}
            if household
            else None
        ),
        "neighbourhood": resident.neighbourhood.name if resident.neighbourhood else None,
        "tags": sorted(tag.name for tag in resident.tags.all()),
        "history": _history_of(resident),
        # What the other modules hold (survey invitations and named answers, messages, ...).
        **{item.key: item.export(resident) for item in registry.personal_data},
        "audit_events": [
            {
                "at": event.created_at.isoformat(),
                "action": event.action,
                "by": event.actor.username if event.actor else None,
                "summary": event.summary,
            }
            for event in events.order_by("created_at", "pk")
        ],
    }


def _forget_admin_log(model: type[models.Model], pk: int) -> None:
    content_type = ContentType.objects.get_for_model(model)
    LogEntry.objects.filter(content_type=content_type, object_id=str(pk)).delete()


@transaction.atomic
def resident_erase(*, resident: Resident, by: Any, reason: str) -> AuditEvent:
    """Erase ``resident`` and every trace of them (see the module's docstring). One
    transaction: all of it happens, or none."""
    if reason not in ErasureReason.values:
        raise ValueError(f"unknown erasure reason {reason!r}")
    settlement = resident.settlement
    pk = resident.pk
    household_id = resident.household_id
    for item in registry.personal_data:
        if item.erase is not None:
            item.erase(resident)
    Resident.tags.through.objects.filter(resident_id=pk).delete()
    resident.delete()  # simple-history writes a last row for the deletion: purged next
    purge_history(Resident, pk)
    _forget_admin_log(Resident, pk)
    if (
        household_id is not None
        and not Resident.objects.filter(settlement=settlement, household_id=household_id).exists()
    ):
        household = Household.objects.filter(settlement=settlement, pk=household_id).first()
        if household is not None:
            household.delete()
        purge_history(Household, household_id)
        _forget_admin_log(Household, household_id)
    AuditEvent.objects.filter(settlement=settlement, object_type=RESIDENT, object_id=pk).update(
        summary=""
    )
    ImportBatch.objects.filter(settlement=settlement, applied_at__isnull=True).delete()
    return audit_record(
        action=AuditEvent.Action.ERASED,
        object_type=RESIDENT,
        object_id=pk,
        settlement=settlement,
        actor=by,
        summary=f"reason: {reason}",
    )
