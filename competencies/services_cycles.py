"""Writes of a self-assessment: start one, save ratings (the coordinator's or the
mentor's, half done is fine), complete it."""

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from coordinator import clock

from .models import Competency, Cycle, Framework, Rating

OWNER_FIELDS = ("level", "comment", "evidence")
MENTOR_FIELDS = ("mentor_level", "mentor_comment")
LEVEL_FIELDS = ("level", "mentor_level")


class CycleCompleted(Exception):
    """The self-assessment is completed: the coordinator's ratings stay as they are."""


class RatingsMissing(Exception):
    """Not every competency is rated yet."""

    def __init__(self, missing: int) -> None:
        super().__init__(missing)
        self.missing = missing


@transaction.atomic
def cycle_create(
    *,
    owner: Any,
    framework: Framework,
    title: str,
    starts_on: dt.date,
    ends_on: dt.date,
    mentor: Any = None,
) -> Cycle:
    if ends_on < starts_on:
        raise ValidationError(_("The period must end on or after the day it starts."))
    if mentor is not None and mentor.pk == owner.pk:
        raise ValidationError(_("Choose someone else as your mentor."))
    return Cycle.objects.create(
        owner=owner,
        framework=framework,
        title=title.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        mentor=mentor,
        created_at=clock.now(),
    )


def _clean(field: str, value: Any) -> Any:
    if field in LEVEL_FIELDS:
        if value in (None, ""):
            return None
        try:
            level = int(value)
        except (TypeError, ValueError):
            level = 0
        if not 1 <= level <= 4:
            raise ValidationError(_("A rating is a level from 1 to 4."))
        return level
    return str(value or "").strip()


@transaction.atomic
def ratings_save(*, cycle: Cycle, user: Any, data: Mapping[int, Mapping[str, Any]]) -> int:
    """Save the ratings in ``data`` (competency id → the fields sent for it): the owner's
    level, comment and evidence, or the mentor's level and comment. Only the fields given
    change; a competency with nothing yet and nothing given gets no row. Returns how many
    ratings changed."""
    fields: tuple[str, ...]
    if user.pk == cycle.owner_id:
        fields = OWNER_FIELDS
        if cycle.status == Cycle.Status.COMPLETED:
            raise CycleCompleted
    elif cycle.mentor_id is not None and user.pk == cycle.mentor_id:
        fields = MENTOR_FIELDS
    else:
        raise PermissionDenied
    known = set(
        Competency.objects.filter(area__framework_id=cycle.framework_id).values_list(
            "pk", flat=True
        )
    )
    wanted: dict[int, dict[str, Any]] = {}
    for competency_id, values in data.items():
        if competency_id not in known:
            raise ValidationError(_("That competency is not in this self-assessment's model."))
        cleaned = {f: _clean(f, values[f]) for f in fields if f in values}
        if cleaned:
            wanted[competency_id] = cleaned
    if not wanted:
        return 0
    existing = {
        rating.competency_id: rating
        for rating in Rating.objects.select_for_update().filter(
            cycle=cycle, competency_id__in=wanted
        )
    }
    now = clock.now()
    created, changed = [], []
    for competency_id, values in wanted.items():
        rating = existing.get(competency_id)
        if rating is None:
            if not any(v not in (None, "") for v in values.values()):
                continue
            created.append(
                Rating(cycle=cycle, competency_id=competency_id, updated_at=now, **values)
            )
        elif any(getattr(rating, f) != v for f, v in values.items()):
            for f, v in values.items():
                setattr(rating, f, v)
            rating.updated_at = now
            changed.append(rating)
    Rating.objects.bulk_create(created)
    if changed:
        Rating.objects.bulk_update(changed, [*fields, "updated_at"])
    return len(created) + len(changed)


@transaction.atomic
def cycle_complete(*, cycle: Cycle, user: Any) -> bool:
    """Complete the owner's self-assessment once every competency is rated; False when it
    already was."""
    if user.pk != cycle.owner_id:
        raise PermissionDenied
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.status == Cycle.Status.COMPLETED:
        return False
    total = Competency.objects.filter(area__framework_id=cycle.framework_id).count()
    rated = Rating.objects.filter(cycle=cycle, level__isnull=False).count()
    if rated < total:
        raise RatingsMissing(total - rated)
    cycle.status = Cycle.Status.COMPLETED
    cycle.completed_at = clock.now()
    cycle.save(update_fields=["status", "completed_at"])
    return True
