"""Small pieces every app's write services share: writing only what changed, replacing a
many-to-many link only when it differs, and refusing another settlement's objects."""

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import models


class ForeignObject(ValueError):
    """An object of another settlement was handed to a write: a bug, never user input (the
    forms refuse such ids first)."""


def check_same_settlement(settlement_id: int, objects: Iterable[Any], what: str) -> None:
    """Refuse ``objects`` of another settlement than ``settlement_id``."""
    if any(obj.settlement_id != settlement_id for obj in objects):
        raise ForeignObject(f"A {what} belongs to another settlement.")


def fields_apply(obj: models.Model, data: Mapping[str, Any], fields: Sequence[str]) -> list[str]:
    """Set the ``fields`` that ``data`` changes on ``obj``; their names (nothing saved)."""
    changed = [key for key in fields if key in data and getattr(obj, key) != data[key]]
    for key in changed:
        setattr(obj, key, data[key])
    return changed


def fields_save(obj: models.Model, data: Mapping[str, Any], fields: Sequence[str]) -> list[str]:
    """``fields_apply``, then save just those columns (no query when nothing changed)."""
    changed = fields_apply(obj, data, fields)
    if changed:
        obj.save(update_fields=changed)
    return changed


def links_replace(obj: models.Model, name: str, objects: Sequence[models.Model]) -> bool:
    """Make the many-to-many ``name`` of ``obj`` exactly ``objects``; whether it changed
    (no write when it is already so, so history and signals see no false change)."""
    manager = getattr(obj, name)
    wanted = {item.pk for item in objects}
    if wanted == set(manager.values_list("pk", flat=True)):
        return False
    manager.set(list(objects))
    return True
