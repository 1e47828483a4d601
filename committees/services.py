from typing import Any

from django.db import transaction

from coordinator.models import Settlement

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
    changed = [k for k in FIELDS if k in data and getattr(committee, k) != data[k]]
    for key in changed:
        setattr(committee, key, data[key])
    if changed:
        committee.save(update_fields=changed)
    if chairs is not None:
        wanted = {u.pk for u in chairs}
        if wanted != {u.pk for u in committee.chairs.all()}:
            committee.chairs.set(list(chairs))
    return committee
