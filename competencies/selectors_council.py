"""Reads of the council's competency pages: the model as a council uses it, its versions,
its table of evidence, the self-assessments a staff member mentors, and the aggregates
across the council's coordinators (numbers over at least ``MIN_GROUP`` people, never a
name or one person's rating)."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Avg, Count, OuterRef, Q, QuerySet, Subquery

from coordinator.models import Council, Membership, Role

from .evidence import SOURCES
from .models import Area, Competency, Cycle, EvidenceRule, Framework, Rating
from .selectors import text

MIN_GROUP = 3  # the privacy rule: an aggregate covers at least three coordinators


@dataclass
class ShownCompetency:
    key: str
    text: str
    original: str  # the Slovenian source text, when the reader reads another language


@dataclass
class ShownArea:
    number: int
    title: str
    original: str
    competencies: list[ShownCompetency] = field(default_factory=list)


def framework_areas(framework: Framework, language: str) -> list[ShownArea]:
    """The areas and competencies of ``framework`` in ``language`` (two queries)."""
    areas: dict[int, ShownArea] = {}
    for area in Area.objects.filter(framework=framework).order_by("number"):
        areas[area.pk] = ShownArea(
            area.number,
            text(area.title, language),
            _original(area.title, language),
        )
    competencies = Competency.objects.filter(area__framework=framework).order_by(
        "area__number", "number"
    )
    for competency in competencies:
        areas[competency.area_id].competencies.append(
            ShownCompetency(
                competency.key,
                text(competency.text, language),
                _original(competency.text, language),
            )
        )
    return list(areas.values())


def _original(texts: dict[str, Any], language: str) -> str:
    sl = str(texts.get("sl", ""))
    return "" if language == "sl" or sl == text(texts, language) else sl


def versions_of(council: Council | None) -> list[Framework]:
    """The base model and the council's own versions, oldest first (one query)."""
    return list(
        Framework.objects.filter(Q(council=None) | Q(council=council)).order_by(
            "council_id", "version"
        )
        if council is not None
        else Framework.objects.filter(council=None).order_by("version")
    )


@dataclass
class ShownRule:
    pk: int
    source: str
    label: str
    competency_key: str
    competency_text: str


def council_rules(
    council: Council, framework: Framework, language: str
) -> tuple[list[ShownRule], bool]:
    """The council's table of evidence (its own rows, else the defaults) with the texts of
    the competencies of ``framework``; and whether the rows are the council's own (two
    queries)."""
    rows = list(
        EvidenceRule.objects.filter(Q(council=None) | Q(council=council)).order_by(
            "source", "competency_key"
        )
    )
    own = [rule for rule in rows if rule.council_id is not None]
    shown = own or [rule for rule in rows if rule.council_id is None]
    texts = {
        c.key: text(c.text, language)
        for c in Competency.objects.filter(area__framework=framework).only("key", "text")
    }
    return [
        ShownRule(
            rule.pk,
            rule.source,
            str(SOURCES[rule.source].label) if rule.source in SOURCES else rule.source,
            rule.competency_key,
            texts.get(rule.competency_key, ""),
        )
        for rule in shown
    ], bool(own)


def mentored_cycles(user: Any) -> QuerySet[Cycle]:
    """The self-assessments where ``user`` is the chosen mentor, with the number of
    competencies the coordinator has rated (one query)."""
    return (
        Cycle.objects.filter(mentor=user)
        .select_related("owner")
        .annotate(rated=Count("ratings", filter=Q(ratings__level__isnull=False)))
        .order_by("-starts_on", "-id")
    )


@dataclass
class Aggregate:
    key: str
    text: str
    area: int
    average: float | None  # None when fewer than MIN_GROUP coordinators rated it
    rated: int

    @property
    def shown(self) -> bool:
        return self.average is not None


@dataclass
class AreaAggregate:
    number: int
    title: str
    average: float | None
    rated: int
    width: int  # 0..100 in steps of 5, for the bar's w-* class


def _latest_completed(council: Council) -> QuerySet[Cycle]:
    """The latest completed self-assessment of each coordinator of the council's
    settlements (a subquery, not run on its own)."""
    latest = (
        Cycle.objects.filter(owner=OuterRef("owner"), status=Cycle.Status.COMPLETED)
        .order_by("-starts_on", "-id")
        .values("pk")[:1]
    )
    coordinators = Membership.objects.filter(role=Role.COORDINATOR, settlement__council=council)
    return Cycle.objects.filter(
        status=Cycle.Status.COMPLETED,
        owner__in=coordinators.values("user_id"),
        pk=Subquery(latest),
    )


def council_aggregates(
    council: Council, framework: Framework, language: str
) -> tuple[list[Aggregate], list[AreaAggregate]]:
    """Per competency of ``framework`` (by key) and per area: the average self-rating of
    each coordinator's latest completed self-assessment and how many coordinators rated
    it; weakest first, groups under ``MIN_GROUP`` without a number (four queries)."""
    cycles = _latest_completed(council)
    ratings = Rating.objects.filter(cycle__in=cycles.values("pk"), level__isnull=False)
    by_key = {
        row["competency__key"]: row
        for row in ratings.values("competency__key")
        .annotate(average=Avg("level"), rated=Count("cycle__owner", distinct=True))
        .order_by()
    }
    by_area = {
        row["competency__area__number"]: row
        for row in ratings.values("competency__area__number")
        .annotate(average=Avg("level"), rated=Count("cycle__owner", distinct=True))
        .order_by()
    }
    areas = framework_areas(framework, language)
    competencies: list[Aggregate] = []
    area_rows: list[AreaAggregate] = []
    for area in areas:
        row = by_area.get(area.number, {})
        rated = int(row.get("rated", 0))
        average = float(row["average"]) if row and rated >= MIN_GROUP else None
        area_rows.append(AreaAggregate(area.number, area.title, average, rated, _width(average)))
        for competency in area.competencies:
            row = by_key.get(competency.key, {})
            rated = int(row.get("rated", 0))
            competencies.append(
                Aggregate(
                    competency.key,
                    competency.text,
                    area.number,
                    float(row["average"]) if row and rated >= MIN_GROUP else None,
                    rated,
                )
            )
    competencies.sort(
        key=lambda a: (a.average is None, a.average if a.average is not None else 0, _order(a.key))
    )
    return competencies, area_rows


def _order(key: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else 0 for part in key.split("."))


def _width(average: float | None) -> int:
    """The bar of an average on the scale 1..4 as a percentage, to the nearest 5."""
    if average is None:
        return 0
    return max(0, min(100, round(average / 4 * 20) * 5))
