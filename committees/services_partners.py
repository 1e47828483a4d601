"""Writing the directory of partners: the coordinator's contacts in the council's
departments, other coordinators and outside professionals."""

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction

from coordinator.models import Settlement

from .models import Committee, Partner

FIELDS = ("name", "kind", "contact_person", "role", "phone", "email", "notes")


class ForeignObject(ValueError):
    """An object of another settlement was handed to a write: a bug, never user input (the
    forms refuse such ids first)."""


def _check_committees(settlement_id: int, committees: Sequence[Committee]) -> None:
    if any(committee.settlement_id != settlement_id for committee in committees):
        raise ForeignObject("A committee belongs to another settlement.")


@transaction.atomic
def partner_create(
    *,
    settlement: Settlement,
    data: Mapping[str, Any],
    committees: Sequence[Committee] = (),
) -> Partner:
    _check_committees(settlement.pk, committees)
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
    changed = [key for key in FIELDS if key in data and getattr(partner, key) != data[key]]
    for key in changed:
        setattr(partner, key, data[key])
    if changed:
        partner.save(update_fields=changed)
    if committees is not None:
        _check_committees(partner.settlement_id, committees)
        wanted = {committee.pk for committee in committees}
        current = set(
            Partner.committees.through.objects.filter(partner_id=partner.pk).values_list(
                "committee_id", flat=True
            )
        )
        if wanted != current:
            partner.committees.set(list(committees))
            return True
    return bool(changed)


@transaction.atomic
def partner_delete(*, partner: Partner) -> None:
    """Delete the partner. Its meetings and committees stay; only their links to it go."""
    partner.delete()
