from typing import Any

from django.db import transaction

from coordinator.models import Settlement
from coordinator.services.changes import fields_save, links_replace

from .models import Committee

FIELDS = ("name", "kind", "mandate")


@transaction.atomic
def committee_create(
    *, settlement: Settlement, data: dict[str, Any], chairs: Any = ()
) -> Committee:
    committee = Committee.objects.create(settlement=settlement, **{k: data[k] for k in FIELDS})
    committee.chairs.set(list(chairs))
    return committee


@transaction.atomic
def committee_update(
    *, committee: Committee, data: dict[str, Any], chairs: Any | None = None
) -> Committee:
    fields_save(committee, data, FIELDS)
    if chairs is not None:
        links_replace(committee, "chairs", list(chairs))
    return committee
