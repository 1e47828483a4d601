"""Writes of the resident and household registry."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .. import clock
from ..history import bulk_update_recorded, m2m_unrecorded
from ..models import Household, Neighbourhood, Resident, Settlement, Tag
from .changes import fields_save

RESIDENT_FIELDS = (
    "first_name",
    "last_name",
    "birth_date",
    "email",
    "phone",
    "household",
    "neighbourhood",
    "arrival_date",
    "preferred_language",
    "consent_to_contact",
)


class DuplicateResident(Exception):
    """A resident with the same name and birth date is already in the registry."""

    message = _("A resident with this name and birth date is already in the registry.")


def resident_duplicate_exists(
    *,
    settlement: Settlement,
    first_name: str,
    last_name: str,
    birth_date: dt.date | None,
    exclude_pk: int | None = None,
) -> bool:
    duplicates = Resident.objects.filter(
        settlement=settlement,
        first_name__iexact=first_name.strip(),
        last_name__iexact=last_name.strip(),
        birth_date=birth_date,
        archived_at__isnull=True,
    )
    if exclude_pk is not None:
        duplicates = duplicates.exclude(pk=exclude_pk)
    return duplicates.exists()


def tags_get_or_create(*, settlement: Settlement, names: Iterable[str]) -> list[Tag]:
    wanted = {name.strip()[:50] for name in names if name.strip()}
    if not wanted:
        return []
    existing = {
        t.name.casefold(): t
        for t in Tag.objects.filter(settlement=settlement)
        if t.name.casefold() in {w.casefold() for w in wanted}
    }
    tags = []
    for name in sorted(wanted):
        tag = existing.get(name.casefold())
        if tag is None:
            tag = Tag.objects.create(settlement=settlement, name=name)
            existing[name.casefold()] = tag
        tags.append(tag)
    return tags


def _check_belongs(settlement: Settlement, data: dict[str, Any]) -> None:
    for key in ("household", "neighbourhood"):
        related = data.get(key)
        if related is not None and related.settlement_id != settlement.pk:
            raise ValueError(f"{key} belongs to another settlement")


@transaction.atomic
def resident_create(
    *,
    settlement: Settlement,
    data: dict[str, Any],
    tags: Iterable[Tag] = (),
    new_tags: Iterable[str] = (),
) -> Resident:
    _check_belongs(settlement, data)
    if resident_duplicate_exists(
        settlement=settlement,
        first_name=data["first_name"],
        last_name=data["last_name"],
        birth_date=data.get("birth_date"),
    ):
        raise DuplicateResident
    resident = Resident.objects.create(
        settlement=settlement, **{k: data[k] for k in RESIDENT_FIELDS if k in data}
    )
    all_tags = [t for t in tags if t.settlement_id == settlement.pk]
    all_tags += tags_get_or_create(settlement=settlement, names=new_tags)
    resident.tags.set(all_tags)
    return resident


@transaction.atomic
def resident_update(
    *,
    resident: Resident,
    data: dict[str, Any],
    tags: Iterable[Tag] | None = None,
    new_tags: Iterable[str] = (),
) -> Resident:
    settlement = resident.settlement
    _check_belongs(settlement, data)
    changed = [k for k in RESIDENT_FIELDS if k in data and getattr(resident, k) != data[k]]
    if changed and resident_duplicate_exists(
        settlement=settlement,
        first_name=data.get("first_name", resident.first_name),
        last_name=data.get("last_name", resident.last_name),
        birth_date=data.get("birth_date", resident.birth_date),
        exclude_pk=resident.pk,
    ):
        raise DuplicateResident
    for key in changed:
        setattr(resident, key, data[key])
    tags_changed = False
    if tags is not None or new_tags:
        wanted = [t for t in (tags if tags is not None else resident.tags.all())]
        wanted = [t for t in wanted if t.settlement_id == settlement.pk]
        wanted += tags_get_or_create(settlement=settlement, names=new_tags)
        if {t.pk for t in wanted} != {t.pk for t in resident.tags.all()}:
            tags_changed = True
            with m2m_unrecorded(resident):  # the save below records fields and tags at once
                resident.tags.set(wanted)
    if changed or tags_changed:
        resident.save(update_fields=[*changed, "updated_at"])
    return resident


@transaction.atomic
def resident_archive(*, resident: Resident) -> Resident:
    if resident.archived_at is None:
        resident.archived_at = clock.now()
        resident.save(update_fields=["archived_at", "updated_at"])
    return resident


@transaction.atomic
def residents_bulk_archive(*, settlement: Settlement, ids: Iterable[int], by: Any) -> int:
    """Archive the active residents of ``settlement`` among ``ids`` (ids of other settlements
    are ignored), each change recorded in the history. Returns how many were archived."""
    now = clock.now()
    residents = list(
        Resident.objects.filter(settlement=settlement, pk__in=list(ids), archived_at__isnull=True)
    )
    for resident in residents:
        resident.archived_at = now
        resident.updated_at = now
    bulk_update_recorded(residents, model=Resident, fields=["archived_at", "updated_at"], user=by)
    return len(residents)


@transaction.atomic
def residents_bulk_tag(*, settlement: Settlement, ids: Iterable[int], tag: Tag, by: Any) -> int:
    """Add ``tag`` to the residents of ``settlement`` among ``ids`` that lack it, each change
    recorded in the history with the resident's tags after it. Returns how many changed."""
    if tag.settlement_id != settlement.pk:
        raise ValueError("tag belongs to another settlement")
    through = Resident.tags.through
    candidates = Resident.objects.filter(settlement=settlement, pk__in=list(ids))
    residents = list(candidates.exclude(tags=tag))
    through.objects.bulk_create(through(resident_id=r.pk, tag_id=tag.pk) for r in residents)
    now = clock.now()
    for resident in residents:
        resident.updated_at = now
    bulk_update_recorded(residents, model=Resident, fields=["updated_at"], user=by)
    return len(residents)


@transaction.atomic
def resident_restore(*, resident: Resident) -> Resident:
    if resident.archived_at is not None:
        if resident_duplicate_exists(
            settlement=resident.settlement,
            first_name=resident.first_name,
            last_name=resident.last_name,
            birth_date=resident.birth_date,
            exclude_pk=resident.pk,
        ):
            raise DuplicateResident
        resident.archived_at = None
        resident.save(update_fields=["archived_at", "updated_at"])
    return resident


@transaction.atomic
def household_create(*, settlement: Settlement, data: dict[str, Any]) -> Household:
    _check_belongs(settlement, data)
    return Household.objects.create(
        settlement=settlement,
        name=data["name"],
        address=data.get("address", ""),
        neighbourhood=data.get("neighbourhood"),
    )


@transaction.atomic
def household_update(*, household: Household, data: dict[str, Any]) -> Household:
    _check_belongs(household.settlement, data)
    fields_save(household, data, ("name", "address", "neighbourhood"))
    return household


@transaction.atomic
def settlement_age_groups_update(*, settlement: Settlement, data: dict[str, int]) -> Settlement:
    fields = ("youth_from", "young_adults_from", "adults_from", "seniors_from")
    changed = [k for k in fields if k in data and getattr(settlement, k) != data[k]]
    for key in changed:
        setattr(settlement, key, data[key])
    if changed:
        settlement.full_clean()
        settlement.save(update_fields=changed)
    return settlement


@transaction.atomic
def neighbourhood_add(*, settlement: Settlement, name: str) -> Neighbourhood:
    existing = Neighbourhood.objects.filter(
        settlement=settlement, name__iexact=name.strip()
    ).first()
    return existing or Neighbourhood.objects.create(settlement=settlement, name=name.strip())


@transaction.atomic
def neighbourhood_remove(*, neighbourhood: Neighbourhood, by: Any = None) -> None:
    """Remove a neighbourhood; its residents and households keep everything else. Their
    link is cleared here, recorded in their history, not by the database's SET NULL."""
    residents = list(Resident.objects.filter(neighbourhood=neighbourhood))
    households = list(Household.objects.filter(neighbourhood=neighbourhood))
    now = clock.now()
    for resident in residents:
        resident.neighbourhood = None
        resident.updated_at = now
    for household in households:
        household.neighbourhood = None
    bulk_update_recorded(residents, model=Resident, fields=["neighbourhood", "updated_at"], user=by)
    bulk_update_recorded(households, model=Household, fields=["neighbourhood"], user=by)
    neighbourhood.delete()


@transaction.atomic
def tag_add(*, settlement: Settlement, name: str) -> Tag:
    return tags_get_or_create(settlement=settlement, names=[name])[0]


@transaction.atomic
def tag_remove(*, tag: Tag, by: Any = None) -> None:
    """Remove a tag from the settlement; each resident who had it gets a history row with
    the tags left."""
    residents = list(Resident.objects.filter(tags=tag))
    Resident.tags.through.objects.filter(tag=tag).delete()
    now = clock.now()
    for resident in residents:
        resident.updated_at = now
    bulk_update_recorded(residents, model=Resident, fields=["updated_at"], user=by)
    tag.delete()
