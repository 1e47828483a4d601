"""Reading the records of meetings and the needs register. Every read takes the settlement
and finds nothing elsewhere; list reads run a fixed number of queries whatever the data."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    CharField,
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from coordinator.ids import as_id, as_ids
from coordinator.models import AgeGroup, Neighbourhood, Resident, Role, Settlement, Tag, User

from ..models import MappingRecord, Need, Question, Survey

SEARCH_WORDS = 5  # words of a search that count; the rest are ignored
CANDIDATES = 20  # residents offered by one search of the participant picker

# Who may own a need: the people who plan and approve the settlement's work.
OWNER_ROLES = (Role.COORDINATOR, Role.SECRETARY, Role.BOARD, Role.CHAIR)
# Surveys whose questions can be evidence: those that have (or had) answers.
EVIDENCE_SURVEY_STATES = (Survey.State.RUNNING, Survey.State.CLOSED)


# --- priority ----------------------------------------------------------------------------

HIGH = "high"
MEDIUM = "medium"
LOW = "low"
# Priority (impact × urgency) ranges of each level, inclusive.
PRIORITY_LEVELS: dict[str, tuple[int, int]] = {HIGH: (15, 25), MEDIUM: (8, 14), LOW: (1, 7)}


def priority_level(priority: int) -> str:
    for level, (low, high) in PRIORITY_LEVELS.items():
        if low <= priority <= high:
            return level
    return LOW


# --- mapping records ---------------------------------------------------------------------


@dataclass(frozen=True)
class RecordFilter:
    query: str = ""
    kind: str = ""


def _count_of(through: Any, column: str) -> Any:
    """Rows of an M2M ``through`` table per row of the outer query, as a subquery (0 if
    none): counts that do not multiply each other's joins."""
    rows = (
        through.objects.filter(**{column: OuterRef("pk")})
        .order_by()
        .values(column)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def records_for(
    *, settlement: Settlement, filters: RecordFilter | None = None
) -> QuerySet[MappingRecord]:
    """The settlement's records, newest first, with how many named residents took part and
    how many needs cite each."""
    filters = filters or RecordFilter()
    records = MappingRecord.objects.filter(settlement=settlement)
    if filters.kind in MappingRecord.Kind.values:
        records = records.filter(kind=filters.kind)
    for word in filters.query.split()[:SEARCH_WORDS]:
        records = records.filter(
            Q(title__icontains=word) | Q(notes__icontains=word) | Q(findings__icontains=word)
        )
    return records.annotate(
        named_count=_count_of(MappingRecord.participants.through, "mappingrecord_id"),
        need_count=_count_of(Need.evidence_records.through, "mappingrecord_id"),
    ).order_by("-held_on", "-id")


def record_detail_get(*, settlement: Settlement, pk: int) -> MappingRecord:
    """One record with its named participants."""
    return get_object_or_404(
        MappingRecord.objects.filter(settlement=settlement).prefetch_related(
            Prefetch(
                "participants",
                queryset=Resident.objects.filter(settlement=settlement).order_by(
                    "last_name", "first_name", "pk"
                ),
            )
        ),
        pk=pk,
    )


def record_needs(*, settlement: Settlement, record: MappingRecord) -> QuerySet[Need]:
    """The needs that cite ``record``, highest priority first."""
    return Need.objects.filter(settlement=settlement, evidence_records=record).order_by(
        "-priority", "title", "id"
    )


def participant_choices(
    *, settlement: Settlement, record: MappingRecord | None = None
) -> QuerySet[Resident]:
    """Residents who may be named as taking part: the settlement's current residents, and
    those already named on ``record`` (even if archived since)."""
    allowed = Q(archived_at__isnull=True)
    if record is not None and record.pk:
        allowed |= Q(
            pk__in=record.participants.through.objects.filter(mappingrecord_id=record.pk).values(
                "resident_id"
            )
        )
    return Resident.objects.filter(allowed, settlement=settlement)


def participant_candidates(
    *,
    settlement: Settlement,
    query: str,
    chosen_ids: Iterable[int],
    record: MappingRecord | None = None,
) -> tuple[list[Resident], list[Resident]]:
    """The picker's lists: the chosen residents (only the settlement's) and up to
    ``CANDIDATES`` others whose name matches ``query``. Two queries at most."""
    choices = participant_choices(settlement=settlement, record=record)
    order = ("last_name", "first_name", "pk")
    ids = as_ids(chosen_ids)
    chosen = list(choices.filter(pk__in=ids).order_by(*order)) if ids else []
    words = query.split()[:SEARCH_WORDS]
    if not words:
        return chosen, []
    matches = choices.exclude(pk__in=[r.pk for r in chosen])
    for word in words:
        matches = matches.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    return chosen, list(matches.order_by(*order)[:CANDIDATES])


def records_for_choice(*, settlement: Settlement) -> QuerySet[MappingRecord]:
    return MappingRecord.objects.filter(settlement=settlement).order_by("-held_on", "-id")


# --- needs -------------------------------------------------------------------------------

ACTIVE_STATUSES = (Need.Status.OPEN, Need.Status.PLANNED, Need.Status.IN_PROGRESS)
ALL = "all"
SORTS = {
    "priority": ("-priority", "title", "id"),
    "newest": ("-created_at", "-id"),
    "title": ("title", "id"),
}


@dataclass(frozen=True)
class NeedFilter:
    query: str = ""
    # Empty: the needs still to be met (open, in the plan, being addressed); "all": every one.
    status: str = ""
    age_group: str = ""
    neighbourhood_id: int | None = None
    level: str = ""
    sort: str = "priority"
    statuses: tuple[str, ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        if self.status == ALL:
            statuses: tuple[str, ...] = ()
        elif self.status in Need.Status.values:
            statuses = (self.status,)
        else:
            statuses = tuple(ACTIVE_STATUSES)
        object.__setattr__(self, "statuses", statuses)


def _filtered_needs(settlement: Settlement, filters: NeedFilter) -> QuerySet[Need]:
    needs = Need.objects.filter(settlement=settlement)
    if filters.statuses:
        needs = needs.filter(status__in=filters.statuses)
    for word in filters.query.split()[:SEARCH_WORDS]:
        needs = needs.filter(Q(title__icontains=word) | Q(description__icontains=word))
    if filters.age_group in AgeGroup.values:
        # The JSON list as text holds the quoted value: works on SQLite and PostgreSQL
        # alike, and "adults" does not match "young_adults".
        needs = needs.filter(age_groups__icontains=f'"{filters.age_group}"')
    if filters.neighbourhood_id:
        needs = needs.filter(neighbourhoods__id=filters.neighbourhood_id)
    if filters.level in PRIORITY_LEVELS:
        low, high = PRIORITY_LEVELS[filters.level]
        needs = needs.filter(priority__gte=low, priority__lte=high)
    return needs


def needs_for(*, settlement: Settlement, filters: NeedFilter | None = None) -> QuerySet[Need]:
    """The register, filtered and sorted, with the groups and the evidence counts a list
    shows: four queries for a page (count, rows, neighbourhoods, tags)."""
    filters = filters or NeedFilter()
    order = SORTS.get(filters.sort, SORTS["priority"])
    return (
        _filtered_needs(settlement, filters)
        .select_related("owner")
        .prefetch_related(
            Prefetch("neighbourhoods", queryset=Neighbourhood.objects.order_by("name")),
            Prefetch("tags", queryset=Tag.objects.order_by("name")),
        )
        .annotate(
            question_count=_count_of(Need.evidence_questions.through, "need_id"),
            record_count=_count_of(Need.evidence_records.through, "need_id"),
        )
        .order_by(*order)
    )


def need_matrix(
    *, settlement: Settlement, filters: NeedFilter | None = None
) -> dict[tuple[int, int], int]:
    """How many of the filtered needs have each (impact, urgency): one query."""
    filters = filters or NeedFilter()
    rows = (
        _filtered_needs(settlement, filters)
        .order_by()
        .values("impact", "urgency")
        .annotate(n=Count("pk", distinct=True))
    )
    return {(row["impact"], row["urgency"]): row["n"] for row in rows}


def need_detail_get(*, settlement: Settlement, pk: int) -> Need:
    """One need with its groups, its evidence and its owner."""
    return get_object_or_404(
        Need.objects.filter(settlement=settlement)
        .select_related("owner")
        .prefetch_related(
            Prefetch("neighbourhoods", queryset=Neighbourhood.objects.order_by("name")),
            Prefetch("tags", queryset=Tag.objects.order_by("name")),
            Prefetch(
                "evidence_questions",
                queryset=Question.objects.filter(settlement=settlement)
                .select_related("survey", "section")
                .order_by("survey__created_at", "survey_id", "section__position", "position", "id"),
            ),
            Prefetch(
                "evidence_records",
                queryset=MappingRecord.objects.filter(settlement=settlement).order_by(
                    "-held_on", "-id"
                ),
            ),
        ),
        pk=pk,
    )


NEED_LINKS = {
    "neighbourhoods": "neighbourhood_id",
    "tags": "tag_id",
    "evidence_questions": "question_id",
    "evidence_records": "mappingrecord_id",
}


def need_link_ids(*, need: Need) -> dict[str, list[int]]:
    """The ids of everything ``need`` links to, by link: one query (a UNION of the four
    link tables)."""
    parts = [
        getattr(Need, name)
        .through.objects.filter(need_id=need.pk)
        .annotate(link=Value(name, output_field=CharField()))
        .values_list("link", column)
        for name, column in NEED_LINKS.items()
    ]
    ids: dict[str, list[int]] = {name: [] for name in NEED_LINKS}
    for name, pk in parts[0].union(*parts[1:], all=True):
        ids[name].append(pk)
    return {name: sorted(values) for name, values in ids.items()}


def evidence_question_choices(
    *, settlement: Settlement, need: Need | None = None
) -> QuerySet[Question]:
    """Questions that may be cited: those of running and closed surveys, and those a need
    already cites. With their survey, in survey order: one query."""
    allowed = Q(survey__state__in=EVIDENCE_SURVEY_STATES)
    if need is not None and need.pk:
        allowed |= Q(
            pk__in=Need.evidence_questions.through.objects.filter(need_id=need.pk).values(
                "question_id"
            )
        )
    return (
        Question.objects.filter(allowed, settlement=settlement)
        .select_related("survey", "section")
        .order_by("-survey__created_at", "-survey_id", "section__position", "position", "id")
    )


def owner_choices(*, settlement: Settlement, need: Need | None = None) -> QuerySet[User]:
    """People who may own a need: the settlement's coordinators, secretaries, board members
    and chairs, and whoever owns ``need`` already."""
    members = User.objects.filter(
        memberships__settlement=settlement, memberships__role__in=OWNER_ROLES, is_active=True
    ).values("pk")
    allowed = Q(pk__in=members)
    if need is not None and need.owner_id:
        allowed |= Q(pk=need.owner_id)
    return User.objects.filter(allowed).order_by("first_name", "last_name", "username")


def evidence_question_find(*, settlement: Settlement, pk: Any) -> Question | None:
    """The question ``pk`` if the settlement's needs may cite it, else None (a stale or
    foreign id in a link is ignored, never reported)."""
    number = as_id(pk)
    if number is None:
        return None
    return evidence_question_choices(settlement=settlement).filter(pk=number).first()


def record_find(*, settlement: Settlement, pk: Any) -> MappingRecord | None:
    """The record ``pk`` of the settlement, else None."""
    number = as_id(pk)
    if number is None:
        return None
    return MappingRecord.objects.filter(settlement=settlement, pk=number).first()
