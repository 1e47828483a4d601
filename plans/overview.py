"""Everything about one plan that its page, its documents and its reports show, read in a
fixed number of queries whatever the plan's size (seven, see ``plan_overview``; six when
the plan was read ``with_vision``).

The plan's tree (goals, their targets and programmes, the programmes' budget lines) comes
with exact money totals at every level (``plans.totals``), each target's latest reading
and standing (``plans.progress``), the names of everything the plan links to (needs,
groups, partners, committees, events, classes), the funding and what is still to raise,
and the committees' work plans of the year under the programmes they serve."""

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import CharField, F, OuterRef, QuerySet, Subquery, TextField, Value
from django.db.models.functions import Cast

from committees.models import WorkPlanActivity
from events.selectors import event_languages
from surveys.i18n import text_in

from .models import (
    Actual,
    BudgetLine,
    FundingSource,
    Goal,
    Measurement,
    Plan,
    Programme,
    Target,
    Vision,
)
from .progress import Progress, Standing, on_track, progress, year_gone
from .totals import FundingPosition, LineRow, Totals, actual_sum, funding_position, plan_totals


@dataclass
class TargetView:
    target: Target
    progress: Progress
    measured_on: dt.date | None


@dataclass
class LineView:
    line: BudgetLine
    totals: Totals


@dataclass
class ProgrammeView:
    programme: Programme
    lines: list[LineView] = field(default_factory=list)
    totals: Totals = field(default_factory=Totals)
    partners: list[str] = field(default_factory=list)
    committees: list[str] = field(default_factory=list)
    events: list[tuple[int, str]] = field(default_factory=list)
    courses: list[tuple[int, str]] = field(default_factory=list)
    # The activities of the committees' work plans of the plan's year (the owner's and
    # the linked committees'), with their budget requests.
    activities: list[WorkPlanActivity] = field(default_factory=list)

    @property
    def requested(self) -> Decimal:
        return sum((a.budget_request for a in self.activities), Decimal("0.00"))


@dataclass
class GoalView:
    goal: Goal
    targets: list[TargetView] = field(default_factory=list)
    programmes: list[ProgrammeView] = field(default_factory=list)
    totals: Totals = field(default_factory=Totals)
    needs: list[tuple[int, str]] = field(default_factory=list)
    neighbourhoods: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


@dataclass
class Overview:
    plan: Plan
    vision: Vision | None
    goals: list[GoalView]
    totals: Totals
    funding: list[FundingSource]
    position: FundingPosition
    targets: int
    targets_on_track: int
    targets_measured: int
    year_gone: Decimal

    @property
    def programmes(self) -> int:
        return sum(len(g.programmes) for g in self.goals)


def _links(plan: Plan) -> "QuerySet[Any]":
    """One query: (kind, owner id, id, name) of everything the plan's goals and programmes
    link to. Titles in several languages come as JSON text."""
    sid = plan.settlement_id
    goal_through = Goal.needs.through.objects.filter(goal__plan=plan, goal__settlement_id=sid)
    programme = Programme.objects.filter(goal__plan=plan, settlement_id=sid)

    def rows(queryset: "QuerySet[Any]", kind: str, owner: str, pk: str, name: Any) -> Any:
        return queryset.annotate(
            k=Value(kind, output_field=CharField()),
            o=F(owner),
            i=F(pk),
            n=Cast(name, output_field=TextField()),
        ).values_list("k", "o", "i", "n")

    parts = [
        rows(goal_through, "need", "goal_id", "need_id", "need__title"),
        rows(
            Goal.neighbourhoods.through.objects.filter(goal__plan=plan, goal__settlement_id=sid),
            "neighbourhood",
            "goal_id",
            "neighbourhood_id",
            "neighbourhood__name",
        ),
        rows(
            Goal.tags.through.objects.filter(goal__plan=plan, goal__settlement_id=sid),
            "tag",
            "goal_id",
            "tag_id",
            "tag__name",
        ),
        rows(
            Programme.partners.through.objects.filter(programme__in=programme),
            "partner",
            "programme_id",
            "partner_id",
            "partner__name",
        ),
        rows(
            Programme.committees.through.objects.filter(programme__in=programme),
            "committee",
            "programme_id",
            "committee_id",
            "committee__name",
        ),
        rows(
            Programme.events.through.objects.filter(programme__in=programme),
            "event",
            "programme_id",
            "event_id",
            "event__title",
        ),
        rows(
            Programme.courses.through.objects.filter(programme__in=programme),
            "course",
            "programme_id",
            "course_id",
            "course__title",
        ),
    ]
    first, *rest = parts
    return first.union(*rest, all=True)


def _title(raw: str, languages: list[str], language: str) -> str:
    try:
        value = json.loads(raw)
    except (TypeError, ValueError):
        return raw or ""
    if isinstance(value, dict):
        return text_in(value, languages, language)
    return str(value)


VISION_FIELDS = ("pk", "statement", "values")


def with_vision(plans: "QuerySet[Plan]") -> "QuerySet[Plan]":
    """``plans`` with their settlement's vision read in the same query, for
    ``plan_overview`` (which then needs no query of its own for it)."""
    vision = Vision.objects.filter(settlement_id=OuterRef("settlement_id"))
    return plans.annotate(
        **{f"vision_{name}": Subquery(vision.values(name)[:1]) for name in VISION_FIELDS}
    )


def vision_of(plan: Any) -> Vision | None:
    """The settlement's vision: from the plan if it was read ``with_vision``, else read."""
    if not hasattr(plan, "vision_pk"):
        return Vision.objects.filter(settlement_id=plan.settlement_id).first()
    if plan.vision_pk is None:
        return None
    return Vision(
        pk=plan.vision_pk,
        settlement_id=plan.settlement_id,
        statement=plan.vision_statement,
        values=plan.vision_values,
    )


def _goals_and_targets(sid: int, plan: Plan) -> tuple[list[Goal], list[Any]]:
    """The plan's goals in their order and their targets, each target with its latest
    reading (``latest_value``, ``latest_on``): one query, the goals joined to their
    targets (a goal without a target comes once, with none)."""
    latest = Measurement.objects.filter(target=OuterRef("targets__pk")).order_by(
        "-measured_on", "-id"
    )
    goal_fields = [f.attname for f in Goal._meta.concrete_fields]
    target_fields = [f.attname for f in Target._meta.concrete_fields]
    rows = (
        Goal.objects.filter(settlement_id=sid, plan=plan)
        .annotate(
            latest_value=Subquery(latest.values("value")[:1]),
            latest_on=Subquery(latest.values("measured_on")[:1]),
        )
        .order_by("position", "id", "targets__id")
        .values(
            *goal_fields,
            *(f"targets__{name}" for name in target_fields),
            "latest_value",
            "latest_on",
        )
    )
    goals: dict[int, Goal] = {}
    targets: list[Any] = []
    for row in rows:
        if row["id"] not in goals:
            goals[row["id"]] = Goal(**{name: row[name] for name in goal_fields})
        if row["targets__id"] is not None:
            target: Any = Target(**{name: row[f"targets__{name}"] for name in target_fields})
            target.latest_value = row["latest_value"]
            target.latest_on = row["latest_on"]
            targets.append(target)
    return list(goals.values()), targets


def plan_overview(*, plan: Plan, today: dt.date, language: str, full: bool = True) -> Overview:
    """The whole plan for its page and documents, in seven queries (six when the plan was
    read ``with_vision``); four when not ``full``: then without the vision, the names of
    what the plan links to and the committees' work plans (for the workbook and the
    quarterly report, which show numbers)."""
    sid = plan.settlement_id
    languages = event_languages(plan.settlement)
    vision = vision_of(plan) if full else None  # 1, unless read with the plan
    goals, targets = _goals_and_targets(sid, plan)  # 2
    programmes = list(  # 3
        Programme.objects.filter(settlement_id=sid, goal__plan=plan).select_related("owner")
    )
    goals_of = {p.pk: p.goal_id for p in programmes}
    lines = {  # 4
        line.pk: line
        for line in BudgetLine.objects.filter(settlement_id=sid, programme__goal__plan=plan)
        .select_related("funding")
        .annotate(spent=actual_sum(Actual.Kind.EXPENSE), received=actual_sum(Actual.Kind.INCOME))
    }
    rows = [
        LineRow(
            goal_id=goals_of[line.programme_id],
            programme_id=line.programme_id,
            expense=line.planned_expense,
            income=line.planned_income,
            actual_expense=line.spent,
            actual_income=line.received,
            line_id=line.pk,
        )
        for line in lines.values()
    ]
    funding = list(FundingSource.objects.filter(settlement_id=sid, plan=plan))  # 5
    links = list(_links(plan)) if full else []  # 6
    committee_ids = {p.owner_id for p in programmes if p.owner_id}
    committee_ids |= {owner for kind, _o, owner, _n in links if kind == "committee"}
    linked: dict[int, set[int]] = defaultdict(set)
    for p in programmes:
        if p.owner_id:
            linked[p.pk].add(p.owner_id)
    for kind, owner, pk, _name in links:
        if kind == "committee":
            linked[owner].add(pk)
    activities = list(  # 7
        WorkPlanActivity.objects.filter(
            settlement_id=sid,
            goal__work_plan__committee_id__in=committee_ids,
            goal__work_plan__year=plan.year,
        )
        .select_related("goal__work_plan__committee")
        .order_by("goal__work_plan__committee__name", "goal__position", "starts_on", "pk")
        if committee_ids and full
        else []
    )
    return _assemble(
        plan=plan,
        vision=vision,
        goals=goals,
        targets=targets,
        programmes=programmes,
        lines=lines,
        rows=rows,
        funding=funding,
        links=links,
        linked=linked,
        activities=activities,
        gone=year_gone(plan.year, today),
        languages=languages,
        language=language,
    )


def _assemble(
    *,
    plan: Plan,
    vision: Vision | None,
    goals: list[Goal],
    targets: list[Any],
    programmes: list[Programme],
    lines: dict[int, Any],
    rows: list[LineRow],
    funding: list[FundingSource],
    links: list[tuple[str, int, int, str]],
    linked: dict[int, set[int]],
    activities: list[WorkPlanActivity],
    gone: Decimal,
    languages: list[str],
    language: str,
) -> Overview:
    goal_views = {g.pk: GoalView(goal=g) for g in goals}
    programme_views = {p.pk: ProgrammeView(programme=p) for p in programmes}
    for p in programmes:
        goal_views[p.goal_id].programmes.append(programme_views[p.pk])
    totals = plan_totals(rows)
    for row in sorted(rows, key=lambda r: r.line_id):
        line_totals = plan_totals([row]).whole
        programme_views[row.programme_id].lines.append(LineView(lines[row.line_id], line_totals))
    for pk, view in programme_views.items():
        view.totals = totals.programmes.get(pk, Totals())
    for pk, goal_view in goal_views.items():
        goal_view.totals = totals.goals.get(pk, Totals())
    on_track_count = measured = 0
    for t in targets:
        reading = progress(
            baseline=t.baseline,
            target_value=t.target_value,
            latest=t.latest_value,
            gone=gone,
        )
        if reading.standing != Standing.NOT_MEASURED:
            measured += 1
        on_track_count += on_track(reading.standing)
        goal_views[t.goal_id].targets.append(TargetView(t, reading, t.latest_on))
    for kind, owner, pk, name in sorted(links, key=lambda r: (r[0], r[1], str(r[3]))):
        text = _title(name, languages, language) if kind in ("event", "course") else name
        if kind == "need":
            goal_views[owner].needs.append((pk, text))
        elif kind == "neighbourhood":
            goal_views[owner].neighbourhoods.append(text)
        elif kind == "tag":
            goal_views[owner].tags.append(text)
        elif kind == "partner":
            programme_views[owner].partners.append(text)
        elif kind == "committee":
            programme_views[owner].committees.append(text)
        elif kind == "event":
            programme_views[owner].events.append((pk, text))
        elif kind == "course":
            programme_views[owner].courses.append((pk, text))
    by_committee: dict[int, list[WorkPlanActivity]] = defaultdict(list)
    for activity in activities:
        by_committee[activity.goal.work_plan.committee_id].append(activity)
    for pk, committees in linked.items():
        for committee_id in sorted(committees):
            programme_views[pk].activities.extend(by_committee.get(committee_id, []))
    return Overview(
        plan=plan,
        vision=vision,
        goals=list(goal_views.values()),
        totals=totals.whole,
        funding=funding,
        position=funding_position(((f.status, f.amount) for f in funding), totals),
        targets=len(targets),
        targets_on_track=on_track_count,
        targets_measured=measured,
        year_gone=gone,
    )
