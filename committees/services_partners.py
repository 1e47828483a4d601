"""Writing the directory of partners: the coordinator's contacts in the council's
departments, other coordinators and outside professionals."""

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction

from coordinator.models import Settlement
from coordinator.services.changes import ForeignObject as ForeignObject  # raised here
from coordinator.services.changes import (
    check_same_settlement,
    fields_save,
    links_replace,
)

from .models import Committee, Partner

FIELDS = ("name", "kind", "contact_person", "role", "phone", "email", "notes")


@transaction.atomic
def partner_create(
    *,
    settlement: Settlement,
    data: Mapping[str, Any],
    committees: Sequence[Committee] = (),
) -> Partner:
    check_same_settlement(settlement.pk, committees, "committee")
    partner = Partner.objects.create(
        settlement=settlement, **{key: data[key] for key in FIELDS if key in data}
    )
    if committees:
        partner.committees.set(list(committees))
    return partner


@transaction.atomic
def partner_update(
    *,
    partner: Partner,
    data: Mapping[str, Any],
    committees: Sequence[Committee] | None = None,
) -> bool:
    """Write what changed; whether anything did. ``committees`` None leaves them as they are."""
    if committees is not None:
        check_same_settlement(partner.settlement_id, committees, "committee")
    changed = fields_save(partner, data, FIELDS)
    linked = committees is not None and links_replace(partner, "committees", committees)
    return bool(changed) or linked


@transaction.atomic
def partner_delete(*, partner: Partner) -> None:
    """Delete the partner. Its meetings and committees stay; only their links to it go."""
    partner.delete()
