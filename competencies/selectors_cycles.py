"""Reads of self-assessments. Every read starts from the person (the owner, or the mentor
for the mentor's page): nobody else's ratings are ever fetched."""

from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Avg,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from coordinator.models import Role, Settlement, User

from . import radar as radar_geometry
from .models import Area, Competency, Cycle, LearningActivity, Rating
from .selectors import text


def _competency_count() -> Subquery:
    return Subquery(
        Competency.objects.filter(area__framework_id=OuterRef("framework_id"))
        .order_by()
        .values("area__framework_id")
        .annotate(n=Count("pk"))
        .values("n")[:1],
        output_field=IntegerField(),
    )


def with_progress(cycles: QuerySet[Cycle]) -> QuerySet[Cycle]:
    """Each cycle with ``rated`` (competencies with the coordinator's level) and ``total``
    (competencies of its model), in the same query."""
    return cycles.annotate(
        rated=Count("ratings", filter=Q(ratings__level__isnull=False)),
        total=Coalesce(_competency_count(), Value(0)),
    ).order_by("-starts_on", "-id")


def cycles_of(user: Any) -> list[Cycle]:
    """The user's own self-assessments, newest first, with progress and mentor (one query)."""
    return list(with_progress(Cycle.objects.filter(owner=user).select_related("mentor")))


def open_cycle_of(user: Any) -> Cycle | None:
    """The newest open self-assessment of the user, with progress (one query)."""
    return with_progress(Cycle.objects.filter(owner=user, status=Cycle.Status.OPEN)).first()


def mentors_for(settlement: Settlement) -> QuerySet[User]:
    """Who may be chosen as a mentor: the staff of the settlement's council."""
    if not settlement.council_id:
        return User.objects.none()
    return (
        User.objects.filter(
            is_active=True,
            memberships__role=Role.COUNCIL_STAFF,
            memberships__council_id=settlement.council_id,
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def person_name(user: Any) -> str:
    return str(user.get_full_name() or user.get_username()) if user else ""


@dataclass(frozen=True)
class AreaRows:
    area: Area
    title: str
    rows: list[dict[str, Any]]  # per competency: competency, text, rating


def cycle_areas(cycle: Cycle, language: str) -> list[AreaRows]:
    """The competencies of the cycle's model grouped by area, each with its rating or
    None (two queries)."""
    ratings = {r.competency_id: r for r in Rating.objects.filter(cycle=cycle)}
    areas: dict[int, AreaRows] = {}
    for competency in (
        Competency.objects.filter(area__framework_id=cycle.framework_id)
        .select_related("area")
        .order_by("area__number", "number")
    ):
        area = competency.area
        if area.pk not in areas:
            areas[area.pk] = AreaRows(area, text(area.title, language), [])
        areas[area.pk].rows.append(
            {
                "competency": competency,
                "text": text(competency.text, language),
                "rating": ratings.get(competency.pk),
            }
        )
    return list(areas.values())


def radar_for(cycles: list[Cycle], language: str, rtl: bool) -> radar_geometry.Radar | None:
    """The radar of the newest cycle of ``cycles`` (newest first) with the one before it
    (two queries; none without cycles). An area's value is the average of its rated
    competencies; an area with none rated is None (drawn at 0)."""
    if not cycles:
        return None
    latest = cycles[0]
    previous = cycles[1] if len(cycles) > 1 else None
    ids = [c.pk for c in cycles[:2]]
    areas = list(Area.objects.filter(framework_id=latest.framework_id).order_by("number"))
    averages = {
        (row["cycle_id"], row["competency__area__number"]): row["average"]
        for row in Rating.objects.filter(cycle_id__in=ids, level__isnull=False)
        .order_by()
        .values("cycle_id", "competency__area__number")
        .annotate(average=Avg("level"))
    }
    numbers = [a.number for a in areas]
    if len(numbers) < 3:
        return None
    return radar_geometry.radar(
        [text(a.title, language) for a in areas],
        [averages.get((latest.pk, n)) for n in numbers],
        [averages.get((previous.pk, n)) for n in numbers] if previous else None,
        rtl=rtl,
    )


def competency_for_key(key: str, settlement: Settlement) -> Competency | None:
    """The competency ``key`` as the settlement's council's newest model has it, else as
    the base model has it (one query); None if neither knows it."""
    council_filter = Q(area__framework__council__isnull=True)
    if settlement.council_id:
        council_filter |= Q(area__framework__council_id=settlement.council_id)
    return (
        Competency.objects.filter(council_filter, key=key)
        .select_related("area")
        .order_by(
            F("area__framework__council_id").desc(nulls_last=True),
            "-area__framework__version",
        )
        .first()
    )


def history_of(user: Any, key: str) -> list[Rating]:
    """The user's own ratings of the competency ``key`` across their cycles, oldest first
    (one query)."""
    return list(
        Rating.objects.filter(cycle__owner=user, competency__key=key)
        .select_related("cycle")
        .order_by("cycle__starts_on", "cycle_id")
    )


def next_activity_of(user: Any) -> LearningActivity | None:
    """The user's next open learning activity by due date (undated ones last; one query)."""
    return (
        LearningActivity.objects.filter(
            goal__owner=user,
            status__in=[LearningActivity.Status.PLANNED, LearningActivity.Status.IN_PROGRESS],
        )
        .order_by(F("due_on").asc(nulls_last=True), "id")
        .first()
    )
