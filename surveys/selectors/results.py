"""Reading a survey's answers: the questions to answer, the results page, the list of
text answers and the export.

Every page here runs a fixed number of queries whatever the number of questions and
answers: answers are counted with one ``GROUP BY`` over the whole survey, never per
question.

The anonymity rule: in an anonymous survey no result is shown for a group of fewer than
``MIN_GROUP`` answers: neither the survey as a whole, nor a question that fewer people
answered. Breakdowns (named surveys only) show only groups of at least ``MIN_GROUP``.
"""

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import (
    Avg,
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber, TruncDate
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from coordinator.models import AgeGroup, Settlement

from ..i18n import text_in
from ..models import Answer, Invitation, Option, Question, Response, ResponseAuthor, Survey

MIN_GROUP = 5
TEXT_PREVIEW = 5
NUMBER_BINS = 5
BREAKDOWNS = ("age_group", "neighbourhood")
TEXT_KINDS = frozenset({Question.Kind.SHORT_TEXT, Question.Kind.LONG_TEXT})
BREAKDOWN_KINDS = frozenset(
    {Question.Kind.SINGLE, Question.Kind.MULTIPLE, Question.Kind.YES_NO, Question.Kind.RATING}
)


def survey_questions(*, survey: Survey) -> list[Question]:
    """The survey's questions in order, with their section and options (three queries)."""
    options = Option.objects.filter(settlement_id=survey.settlement_id).order_by("position", "id")
    return list(
        Question.objects.filter(settlement_id=survey.settlement_id, survey=survey)
        .select_related("section")
        .prefetch_related(Prefetch("options", queryset=options))
    )


# --- The results page -----------------------------------------------------------------------


@dataclass
class Bar:
    label: str
    count: int
    percent: int

    @property
    def width(self) -> str:
        """The CSS class of the bar's width, to the nearest 5% (see static/css/app.css)."""
        return f"w-{min(100, max(0, 5 * round(self.percent / 5)))}"


@dataclass
class RankedOption:
    label: str
    mean_rank: float
    count: int


@dataclass
class NumberSummary:
    count: int
    minimum: int
    mean: float
    median: float
    maximum: int
    bins: list[Bar]


@dataclass
class BreakdownRow:
    label: str
    respondents: int
    percents: list[int]


@dataclass
class Breakdown:
    columns: list[str]
    rows: list[BreakdownRow]
    hidden_groups: int


@dataclass
class QuestionResult:
    question: Question
    text: str
    respondents: int
    hidden: bool = False  # too few answers to show in an anonymous survey
    bars: list[Bar] = field(default_factory=list)
    mean: float | None = None
    median: float | None = None
    numbers: NumberSummary | None = None
    ranking: list[RankedOption] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    breakdown: Breakdown | None = None

    @property
    def kind(self) -> str:
        return str(self.question.kind)

    @property
    def more_texts(self) -> bool:
        return self.respondents > len(self.texts)


@dataclass
class SurveyResults:
    survey: Survey
    invited: int
    answered_invitations: int
    responses: int
    via_shared: int
    shown: bool
    questions: list[QuestionResult]
    per_day: list[tuple[dt.date, int]]
    by: str

    @property
    def response_rate(self) -> int | None:
        if not self.invited:
            return None
        return round(100 * self.answered_invitations / self.invited)


def _count_of(queryset: QuerySet[Any]) -> Coalesce:
    """A correlated ``COUNT`` of ``queryset`` (filtered on ``survey=OuterRef("pk")``)."""
    counted = queryset.order_by().values("survey").annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def survey_with_counts(*, settlement: Settlement, pk: int) -> Survey:
    """The survey with its numbers of answered invitations, responses and responses through
    the shared link, in one query; 404 outside ``settlement``."""
    responses = Response.objects.filter(settlement=settlement, survey=OuterRef("pk"))
    surveys = Survey.objects.filter(settlement=settlement).annotate(
        answered_invitations=_count_of(
            Invitation.objects.filter(settlement=settlement, survey=OuterRef("pk"), answered=True)
        ),
        response_total=_count_of(responses),
        shared_total=_count_of(responses.filter(via=Response.Via.SHARED)),
    )
    return get_object_or_404(surveys, pk=pk)


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def _median(counts: Mapping[int, int]) -> float:
    """The median of values given as {value: how many times}."""
    total = sum(counts.values())
    ordered = sorted(counts.items())

    def nth(n: int) -> int:  # the n-th value, from 0
        seen = 0
        for value, count in ordered:
            seen += count
            if n < seen:
                return value
        return ordered[-1][0]

    if total % 2:
        return float(nth(total // 2))
    return (nth(total // 2 - 1) + nth(total // 2)) / 2


def _mean(counts: Mapping[int, int]) -> float:
    total = sum(counts.values())
    return sum(value * count for value, count in counts.items()) / total if total else 0.0


def _number_summary(counts: Mapping[int, int]) -> NumberSummary | None:
    total = sum(counts.values())
    if not total:
        return None
    low, high = min(counts), max(counts)
    width = max(1, math.ceil((high - low + 1) / NUMBER_BINS))
    bins: list[Bar] = []
    start = low
    while start <= high:
        end = min(high, start + width - 1)
        count = sum(n for value, n in counts.items() if start <= value <= end)
        label = str(start) if start == end else f"{start}–{end}"
        bins.append(Bar(label=label, count=count, percent=_percent(count, total)))
        start = end + 1
    return NumberSummary(
        count=total,
        minimum=low,
        mean=round(_mean(counts), 1),
        median=_median(counts),
        maximum=high,
        bins=bins,
    )


@dataclass
class _Tally:
    """The answers to one question, counted."""

    options: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    ranks: dict[int, float] = field(default_factory=dict)
    numbers: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    flags: dict[bool, int] = field(default_factory=lambda: defaultdict(int))


def _tallies(survey: Survey) -> dict[int, _Tally]:
    """Every non-text answer of the survey, counted by question and value: one query."""
    rows = (
        Answer.objects.filter(settlement_id=survey.settlement_id, question__survey=survey)
        .filter(Q(option__isnull=False) | Q(number__isnull=False) | Q(flag__isnull=False))
        .values("question_id", "option_id", "number", "flag")
        .annotate(n=Count("pk"), mean_rank=Avg("rank"))
        .order_by()
    )
    tallies: dict[int, _Tally] = defaultdict(_Tally)
    for row in rows:
        tally = tallies[row["question_id"]]
        if row["option_id"] is not None:
            tally.options[row["option_id"]] += row["n"]
            if row["mean_rank"] is not None:
                tally.ranks[row["option_id"]] = float(row["mean_rank"])
        elif row["number"] is not None:
            tally.numbers[row["number"]] += row["n"]
        elif row["flag"] is not None:
            tally.flags[row["flag"]] += row["n"]
    return tallies


def _text_previews(survey: Survey) -> dict[int, list[str]]:
    """The first few text answers of each question (in the random order of their keys):
    one query, with a window function."""
    rows = (
        Answer.objects.filter(settlement_id=survey.settlement_id, question__survey=survey)
        .exclude(text="")
        .annotate(row=Window(RowNumber(), partition_by=[F("question_id")], order_by=F("id").asc()))
        .filter(row__lte=TEXT_PREVIEW)
        .order_by("question_id", "row")
        .values_list("question_id", "text")
    )
    texts: dict[int, list[str]] = defaultdict(list)
    for question_id, text in rows:
        texts[question_id].append(text)
    return texts


def _per_day(survey: Survey) -> list[tuple[dt.date, int]]:
    """Answers per day, from the authors of a named survey's responses (one query)."""
    rows = (
        ResponseAuthor.objects.filter(settlement_id=survey.settlement_id, response__survey=survey)
        .annotate(day=TruncDate("submitted_at"))
        .values("day")
        .annotate(n=Count("pk"))
        .order_by("day")
    )
    return [(row["day"], row["n"]) for row in rows]


def _group_label(by: str, key: Any, settlement: Settlement, today: dt.date) -> str:
    if by == "age_group":
        group = settlement.age_group_of(key, today) if key else None
        return str(AgeGroup(group).label) if group else _("Age not known")
    return str(key) if key else _("No neighbourhood")


def _breakdowns(
    survey: Survey, settlement: Settlement, by: str, today: dt.date
) -> tuple[dict[tuple[int, str], dict[Any, int]], dict[tuple[int, str], int]]:
    """For a named survey, the answers of each question counted by group of residents
    (two queries): {(question, group): {value: count}} and {(question, group): respondents}.
    Values are option ids, numbers or yes/no."""
    resident = "response__author__resident__"
    key = (
        F(resident + "birth_date")
        if by == "age_group"
        else Coalesce(
            F(resident + "neighbourhood__name"), F(resident + "household__neighbourhood__name")
        )
    )
    answers = Answer.objects.filter(
        settlement_id=survey.settlement_id,
        question__survey=survey,
        question__kind__in=BREAKDOWN_KINDS,
        response__author__isnull=False,
    ).annotate(group_key=key)
    counts: dict[tuple[int, str], dict[Any, int]] = defaultdict(lambda: defaultdict(int))
    rows = (
        answers.values("question_id", "option_id", "number", "flag", "group_key")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        group = _group_label(by, row["group_key"], settlement, today)
        value = next(row[k] for k in ("option_id", "number", "flag") if row[k] is not None)
        counts[(row["question_id"], group)][value] += row["n"]
    respondents: dict[tuple[int, str], int] = defaultdict(int)
    rows = (
        answers.values("question_id", "group_key")
        .annotate(n=Count("response_id", distinct=True))
        .order_by()
    )
    for row in rows:
        group = _group_label(by, row["group_key"], settlement, today)
        # Each response has one resident, so one group: the sums do not count anyone twice.
        respondents[(row["question_id"], group)] += row["n"]
    return counts, respondents


def _columns(question: Question, labels: Mapping[int, str]) -> list[tuple[Any, str]]:
    """The values of a question a breakdown has a column for: (value, heading)."""
    if question.kind == Question.Kind.YES_NO:
        return [(True, _("Yes")), (False, _("No"))]
    if question.kind == Question.Kind.RATING:
        return [(v, str(v)) for v in range(question.scale_min, question.scale_max + 1)]
    return [(option.pk, labels[option.pk]) for option in question.options.all()]


def _breakdown(
    question: Question,
    labels: Mapping[int, str],
    counts: Mapping[tuple[int, str], Mapping[Any, int]],
    respondents: Mapping[tuple[int, str], int],
) -> Breakdown:
    columns = _columns(question, labels)
    groups = sorted(group for (question_id, group) in respondents if question_id == question.pk)
    rows, hidden = [], 0
    for group in groups:
        people = respondents[(question.pk, group)]
        if people < MIN_GROUP:
            hidden += 1
            continue
        values = counts.get((question.pk, group), {})
        percents = [_percent(values.get(value, 0), people) for value, _label in columns]
        rows.append(BreakdownRow(label=group, respondents=people, percents=percents))
    return Breakdown(columns=[label for _value, label in columns], rows=rows, hidden_groups=hidden)


def _question_result(
    question: Question,
    survey: Survey,
    language: str,
    tally: _Tally,
    texts: list[str],
) -> QuestionResult:
    languages = survey.languages
    result = QuestionResult(
        question=question,
        text=text_in(question.text, languages, language),
        respondents=getattr(question, "respondents", 0),
    )
    if survey.anonymous and result.respondents < MIN_GROUP:
        result.hidden = True
        return result
    people = result.respondents
    kind = question.kind
    if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        result.bars = [
            Bar(
                label=text_in(option.label, languages, language),
                count=tally.options.get(option.pk, 0),
                percent=_percent(tally.options.get(option.pk, 0), people),
            )
            for option in question.options.all()
        ]
    elif kind == Question.Kind.YES_NO:
        result.bars = [
            Bar(
                label=label,
                count=tally.flags.get(flag, 0),
                percent=_percent(tally.flags.get(flag, 0), people),
            )
            for flag, label in ((True, _("Yes")), (False, _("No")))
        ]
    elif kind == Question.Kind.RATING:
        result.bars = [
            Bar(
                label=str(value),
                count=tally.numbers.get(value, 0),
                percent=_percent(tally.numbers.get(value, 0), people),
            )
            for value in range(question.scale_min, question.scale_max + 1)
        ]
        if tally.numbers:
            result.mean = round(_mean(tally.numbers), 1)
            result.median = _median(tally.numbers)
    elif kind == Question.Kind.NUMBER:
        result.numbers = _number_summary(tally.numbers)
    elif kind == Question.Kind.RANKING:
        ranked = [
            RankedOption(
                label=text_in(option.label, languages, language),
                mean_rank=round(tally.ranks[option.pk], 2),
                count=tally.options.get(option.pk, 0),
            )
            for option in question.options.all()
            if option.pk in tally.ranks
        ]
        result.ranking = sorted(ranked, key=lambda each: each.mean_rank)
    else:
        result.texts = texts
    return result


def survey_results(
    *, settlement: Settlement, pk: int, language: str, by: str, today: dt.date
) -> SurveyResults:
    """Everything the results page shows, in a fixed number of queries: 1 when too few
    answered an anonymous survey; else 6 (7 for a named survey, 9 with a breakdown)."""
    survey = survey_with_counts(settlement=settlement, pk=pk)
    responses: int = getattr(survey, "response_total", 0)
    shown = not survey.anonymous or responses >= MIN_GROUP
    by = by if by in BREAKDOWNS and not survey.anonymous else ""
    results = SurveyResults(
        survey=survey,
        invited=survey.invitation_count,
        answered_invitations=getattr(survey, "answered_invitations", 0),
        responses=responses,
        via_shared=getattr(survey, "shared_total", 0),
        shown=shown,
        questions=[],
        per_day=[],
        by=by,
    )
    if not shown:
        return results
    options = Option.objects.filter(settlement=settlement).order_by("position", "id")
    questions = list(
        Question.objects.filter(settlement=settlement, survey=survey)
        .select_related("section")
        .prefetch_related(Prefetch("options", queryset=options))
        .annotate(respondents=Count("answers__response", distinct=True))
    )
    tallies = _tallies(survey)
    texts = _text_previews(survey)
    counts: Mapping[tuple[int, str], Mapping[Any, int]] = {}
    respondents: Mapping[tuple[int, str], int] = {}
    if not survey.anonymous:
        results.per_day = _per_day(survey)
        if by:
            counts, respondents = _breakdowns(survey, settlement, by, today)
    for question in questions:
        result = _question_result(
            question, survey, language, tallies.get(question.pk, _Tally()), texts[question.pk]
        )
        if by and question.kind in BREAKDOWN_KINDS and not result.hidden:
            labels = {
                o.pk: text_in(o.label, survey.languages, language) for o in question.options.all()
            }
            result.breakdown = _breakdown(question, labels, counts, respondents)
        results.questions.append(result)
    return results


# --- The text answers of one question -------------------------------------------------------


@dataclass
class TextAnswers:
    question: Question
    text: str
    total: int
    hidden: bool
    page: Page[str] | None


def text_answers_for(
    *,
    settlement: Settlement,
    pk: int,
    query: str,
    page_number: str | None,
    language: str,
    per_page: int,
) -> TextAnswers:
    """The text answers of a text question, searched and a page at a time (four queries);
    in an anonymous survey none while fewer than ``MIN_GROUP`` answered it."""
    question: Question = get_object_or_404(
        Question.objects.filter(settlement=settlement, kind__in=TEXT_KINDS).select_related(
            "survey"
        ),
        pk=pk,
    )
    answers = Answer.objects.filter(settlement=settlement, question=question).exclude(text="")
    total = answers.count()
    survey = question.survey
    result = TextAnswers(
        question=question,
        text=text_in(question.text, survey.languages, language),
        total=total,
        hidden=survey.anonymous and total < MIN_GROUP,
        page=None,
    )
    if result.hidden:
        return result
    if query:
        answers = answers.filter(text__icontains=query)
    texts = answers.order_by("id").values_list("text", flat=True)
    result.page = Paginator(texts, per_page).get_page(page_number)
    return result


# --- The export ------------------------------------------------------------------------------


def _cell(question: Question, values: list[dict[str, Any]], labels: Mapping[int, str]) -> str:
    kind = question.kind
    if not values:
        return ""
    if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        order = {option.pk: n for n, option in enumerate(question.options.all())}
        chosen = sorted((v["option_id"] for v in values), key=lambda pk: order.get(pk, 0))
        return "; ".join(labels.get(pk, "") for pk in chosen)
    if kind == Question.Kind.RANKING:
        ranked = sorted(values, key=lambda v: v["rank"] or 0)
        return " > ".join(labels.get(v["option_id"], "") for v in ranked)
    if kind in (Question.Kind.RATING, Question.Kind.NUMBER):
        return str(values[0]["number"])
    if kind == Question.Kind.YES_NO:
        return _("Yes") if values[0]["flag"] else _("No")
    return str(values[0]["text"])


def results_table(*, survey: Survey, language: str) -> tuple[list[str], list[list[str]]]:
    """The answers as a table: one row per response, one column per question (and the
    resident's name first in a named survey). Rows in the order of the responses' random
    keys, never in the order they came in. An anonymous survey with fewer than
    ``MIN_GROUP`` responses gives the headers only. Five queries."""
    languages = survey.languages
    questions = survey_questions(survey=survey)
    headers = [text_in(q.text, languages, language) for q in questions]
    if not survey.anonymous:
        headers = [_("First name"), _("Last name"), *headers]
    responses = list(
        Response.objects.filter(settlement_id=survey.settlement_id, survey=survey)
        .select_related("author__resident")
        .order_by("id")
    )
    if survey.anonymous and len(responses) < MIN_GROUP:
        return headers, []
    labels = {
        option.pk: text_in(option.label, languages, language)
        for question in questions
        for option in question.options.all()
    }
    values: dict[Any, dict[int, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    answers = (
        Answer.objects.filter(settlement_id=survey.settlement_id, response__survey=survey)
        .order_by("response_id", "question_id", "rank")
        .values("response_id", "question_id", "option_id", "rank", "number", "flag", "text")
    )
    for answer in answers:
        values[answer["response_id"]][answer["question_id"]].append(dict(answer))
    rows = []
    for response in responses:
        row = [_cell(q, values[response.pk][q.pk], labels) for q in questions]
        if not survey.anonymous:
            author = getattr(response, "author", None)
            resident = author.resident if author is not None else None
            row = [
                resident.first_name if resident else "",
                resident.last_name if resident else "",
                *row,
            ]
        rows.append(row)
    return headers, rows
