"""Evidence from the work itself: the product's recorded activities that count for the
competencies, through the council's table (``EvidenceRule``).

``SOURCES`` lists the kinds of recorded work: each has a key (the ``source`` of an
``EvidenceRule``), a label, and how to find its rows in a settlement over a period (the
model, its date, its title and the page it links to). ``evidence_for_cycle(cycle,
settlement)`` reads the council's rules (one query) and then every source the rules use in
ONE query (a UNION ALL of one part per source, each limited to its latest 30 rows), and
returns the items per competency key, by day.

Where a model has no date of its own: a partner has none, so the evidence is a meeting in
the period that a partner took part in; a committee member counts from the start of their
term (members recorded without one do not count).
"""

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Cast, Greatest, Left, TruncDate
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_scopes import scope

from coordinator import clock
from coordinator.models import Settlement

from .models import Cycle, EvidenceRule
from .selectors import text

PER_SOURCE = 30


@dataclass(frozen=True)
class EvidenceItem:
    source: str  # the kind of recorded work ("surveys.survey_sent")
    label: str  # that kind, as the reader reads it ("Survey sent")
    day: dt.date
    title: str
    url: str


@dataclass(frozen=True)
class Period:
    """The days of a cycle up to today, and the same as aware datetimes of the settlement."""

    first: dt.date
    last: dt.date
    start: dt.datetime  # the first day's midnight where the settlement is
    end: dt.datetime  # the midnight after the last day


@dataclass(frozen=True)
class Source:
    """A kind of recorded work. ``rows(settlement, period)`` is the query of its rows in the
    period, with the columns ``day`` (a date), ``title`` (text; JSON of the languages when
    ``json_title``) and ``link`` (the id the page's URL takes; 0 for a page without one)."""

    key: str
    label: str | Promise
    url_name: str
    rows: Callable[[Settlement, Period], QuerySet[Any]]
    json_title: bool = False
    order: str = "-day"


def _datetime_day(field: str, settlement: Settlement) -> TruncDate:
    return TruncDate(field, tzinfo=clock.settlement_zone(settlement))


def _in_period(field: str, period: Period, *, datetime: bool) -> Q:
    if datetime:
        return Q(**{f"{field}__gte": period.start, f"{field}__lt": period.end})
    return Q(**{f"{field}__range": (period.first, period.last)})


def _events(settlement: Settlement, period: Period) -> QuerySet[Any]:
    from events.models import Event

    return Event.objects.filter(
        _in_period("starts_at", period, datetime=True),
        settlement=settlement,
        status=Event.Status.PUBLISHED,
    ).annotate(
        day=_datetime_day("starts_at", settlement),
        title_text=Cast("title", models.TextField()),
        link=F("pk"),
    )


def _classes(settlement: Settlement, period: Period) -> QuerySet[Any]:
    """A class that ran during the period (not cancelled), on the day it started or the
    period's first day."""
    from events.models_classes import Course

    return (
        Course.objects.filter(
            settlement=settlement, starts_on__lte=period.last, ends_on__gte=period.first
        )
        .exclude(status=Course.Status.CANCELLED)
        .annotate(
            day=Greatest("starts_on", Value(period.first, output_field=models.DateField())),
            title_text=Cast("title", models.TextField()),
            link=F("pk"),
        )
    )


def _surveys(settlement: Settlement, period: Period) -> QuerySet[Any]:
    from surveys.models import Survey

    return Survey.objects.filter(
        _in_period("sent_at", period, datetime=True), settlement=settlement
    ).annotate(
        day=_datetime_day("sent_at", settlement),
        title_text=Cast("title", models.TextField()),
        link=F("pk"),
    )


def _mapping_meetings(settlement: Settlement, period: Period) -> QuerySet[Any]:
    from surveys.models import MappingRecord

    return MappingRecord.objects.filter(
        _in_period("held_on", period, datetime=False), settlement=settlement
    ).annotate(day=F("held_on"), title_text=F("title"), link=F("pk"))


def _needs(settlement: Settlement, period: Period) -> QuerySet[Any]:
    from surveys.models import Need

    return Need.objects.filter(
        _in_period("created_at", period, datetime=True), settlement=settlement
    ).annotate(day=_datetime_day("created_at", settlement), title_text=F("title"), link=F("pk"))


def _partners(settlement: Settlement, period: Period) -> QuerySet[Any]:
    """A partner has no date of its own: a meeting in the period that it took part in."""
    from committees.models import Meeting

    through = Meeting.partners.through
    return through.objects.filter(
        _in_period("meeting__starts_at", period, datetime=True),
        meeting__settlement=settlement,
    ).annotate(
        day=_datetime_day("meeting__starts_at", settlement),
        title_text=F("partner__name"),
        link=F("partner_id"),
    )


def _initiatives(settlement: Settlement, period: Period) -> QuerySet[Any]:
    from committees.models_community import Initiative

    return (
        Initiative.objects.filter(
            _in_period("created_at", period, datetime=True), settlement=settlement
        )
        .exclude(status=Initiative.Status.DECLINED)
        .annotate(day=_datetime_day("created_at", settlement), title_text=F("title"), link=F("pk"))
    )


def _meetings(settlement: Settlement, period: Period) -> QuerySet[Any]:
    from committees.models import Meeting

    return Meeting.objects.filter(
        _in_period("starts_at", period, datetime=True), settlement=settlement
    ).annotate(day=_datetime_day("starts_at", settlement), title_text=F("title"), link=F("pk"))


def _members(settlement: Settlement, period: Period) -> QuerySet[Any]:
    """A member who joined a committee: the committee's name, never the resident's."""
    from committees.models import CommitteeMember

    return CommitteeMember.objects.filter(
        _in_period("term_start", period, datetime=False), settlement=settlement
    ).annotate(day=F("term_start"), title_text=F("committee__name"), link=F("committee_id"))


def _mediation(settlement: Settlement, period: Period) -> QuerySet[Any]:
    from committees.models_community import MediationStep

    return MediationStep.objects.filter(
        _in_period("date", period, datetime=False), settlement=settlement
    ).annotate(day=F("date"), title_text=F("conflict__title"), link=F("conflict_id"))


def _plans(settlement: Settlement, period: Period) -> QuerySet[Any]:
    """A yearly plan written in the period, with targets to measure."""
    from plans.models import Plan, Target

    return (
        Plan.objects.filter(_in_period("created_at", period, datetime=True), settlement=settlement)
        .filter(Exists(Target.objects.filter(goal__plan=OuterRef("pk"))))
        .annotate(
            day=_datetime_day("created_at", settlement),
            title_text=Cast("year", models.TextField()),
            link=F("pk"),
        )
    )


def _funding(settlement: Settlement, period: Period) -> QuerySet[Any]:
    from plans.models import FundingSource

    return FundingSource.objects.filter(
        _in_period("requested_on", period, datetime=False), settlement=settlement
    ).annotate(day=F("requested_on"), title_text=F("name"), link=F("plan_id"))


def _vision(settlement: Settlement, period: Period) -> QuerySet[Any]:
    """Each saved version of the settlement's vision (its history)."""
    from plans.models import Vision

    history = Vision.history.model
    return history.objects.filter(
        _in_period("history_date", period, datetime=True), settlement_id=settlement.pk
    ).annotate(
        day=_datetime_day("history_date", settlement),
        title_text=Left("statement", 80),
        link=Value(0, output_field=models.BigIntegerField()),
    )


def _measurements(settlement: Settlement, period: Period) -> QuerySet[Any]:
    from plans.models import Measurement

    return Measurement.objects.filter(
        _in_period("measured_on", period, datetime=False), settlement=settlement
    ).annotate(day=F("measured_on"), title_text=F("target__indicator"), link=F("target_id"))


SOURCES: dict[str, Source] = {
    source.key: source
    for source in (
        Source("events.event_held", _("Event held"), "events:detail", _events, json_title=True),
        Source("events.class_run", _("Class run"), "classes:detail", _classes, json_title=True),
        Source(
            "surveys.meeting_held",
            _("Meeting with residents on their needs"),
            "surveys:record_detail",
            _mapping_meetings,
        ),
        Source("surveys.survey_sent", _("Survey sent"), "surveys:detail", _surveys, True),
        Source("surveys.need_recorded", _("Need recorded"), "surveys:need_detail", _needs),
        Source(
            "committees.partner_added",
            _("Partner taking part in a meeting"),
            "committees:partner_detail",
            _partners,
        ),
        Source(
            "committees.initiative_taken",
            _("Residents' idea taken up"),
            "committees:initiative_detail",
            _initiatives,
        ),
        Source(
            "committees.meeting_held",
            _("Meeting held"),
            "committees:meeting_detail",
            _meetings,
        ),
        Source(
            "committees.member_joined",
            _("New committee member"),
            "committees:detail",
            _members,
        ),
        Source(
            "committees.mediation_step",
            _("Mediation step"),
            "committees:conflict_detail",
            _mediation,
        ),
        Source("plans.plan_written", _("Yearly plan with targets"), "plans:detail", _plans),
        Source("plans.funding_sought", _("Funding requested"), "plans:funding", _funding),
        Source("plans.vision_revised", _("Vision written or revised"), "plans:vision", _vision),
        Source(
            "plans.targets_measured",
            _("Target measured"),
            "plans:measurements",
            _measurements,
        ),
    )
}


def source_choices() -> list[tuple[str, str]]:
    """The kinds of recorded work, for a select, in the reader's language."""
    return [(key, str(source.label)) for key, source in SOURCES.items()]


def period_of(cycle: Cycle, settlement: Settlement) -> Period | None:
    """The cycle's days up to today where the settlement is (None if it starts later)."""
    last = min(cycle.ends_on, clock.local_today(settlement))
    if last < cycle.starts_on:
        return None
    zone = clock.settlement_zone(settlement)
    return Period(
        first=cycle.starts_on,
        last=last,
        start=dt.datetime.combine(cycle.starts_on, dt.time(0), tzinfo=zone),
        end=dt.datetime.combine(last + dt.timedelta(days=1), dt.time(0), tzinfo=zone),
    )


def rules_for(council_id: int | None) -> list[tuple[str, str]]:
    """The council's table of evidence: its own rows if it has any, else the defaults (one
    query). Pairs of (source, competency key)."""
    rows = list(
        EvidenceRule.objects.filter(Q(council=None) | Q(council_id=council_id))
        .values_list("council_id", "source", "competency_key")
        .order_by("source", "competency_key")
    )
    own = [(source, key) for council, source, key in rows if council is not None]
    if council_id is not None and own:
        return own
    return [(source, key) for council, source, key in rows if council is None]


def _part(source: Source, settlement: Settlement, period: Period) -> QuerySet[Any]:
    """A source's latest rows in the period (at most ``PER_SOURCE``), as the union's
    columns (kind, day, title, link)."""
    latest = source.rows(settlement, period).order_by(source.order, "-pk").values("pk")
    return (
        source.rows(settlement, period)
        .filter(pk__in=latest[:PER_SOURCE])
        .annotate(evidence_kind=Value(source.key, output_field=models.CharField()))
        .values_list("evidence_kind", "day", "title_text", "link")
        .order_by()
    )


def evidence_rows(
    settlement: Settlement, period: Period, keys: list[str]
) -> list[tuple[str, dt.date, str, int]]:
    """The rows of the sources ``keys`` in the period: ONE query (a UNION ALL)."""
    with scope(settlement=settlement.pk):
        parts = [_part(SOURCES[key], settlement, period) for key in keys if key in SOURCES]
        if not parts:
            return []
        query = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
        return [(kind, _as_date(day), title, link) for kind, day, title, link in query]


def _as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    return value


def _title(source: Source, value: Any, language: str) -> str:
    if not source.json_title:
        return str(value or "")
    try:
        texts = json.loads(value) if isinstance(value, str) else value
    except ValueError:
        return str(value)
    return text(texts, language) if isinstance(texts, dict) else str(texts)


def evidence_for_cycle(cycle: Cycle, settlement: Settlement) -> dict[str, list[EvidenceItem]]:
    """The evidence of the cycle's period in ``settlement``, per competency key, by day
    (two queries: the council's rules and the rows of every source they use)."""
    rules = rules_for(settlement.council_id)
    period = period_of(cycle, settlement)
    if period is None or not rules:
        return {}
    used = sorted({source for source, _key in rules})
    language = get_language() or "en"
    items: dict[str, list[EvidenceItem]] = {}
    for kind, day, title, link in evidence_rows(settlement, period, used):
        source = SOURCES[kind]
        url = reverse(source.url_name, args=[link]) if link else reverse(source.url_name)
        items.setdefault(kind, []).append(
            EvidenceItem(kind, str(source.label), day, _title(source, title, language), url)
        )
    result: dict[str, list[EvidenceItem]] = {}
    for source_key, competency_key in rules:
        result.setdefault(competency_key, []).extend(items.get(source_key, []))
    for key in result:
        result[key].sort(key=lambda item: (item.day, item.title))
    return {key: found for key, found in result.items() if found}
