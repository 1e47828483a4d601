"""Building surveys: a survey's settings, its sections and questions, the starter survey,
copies and deletion. Only a draft's questions change: once sent, what residents answered
must keep meaning what they read (a running survey's closing date and reminders may still
move)."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from coordinator import clock
from coordinator.models import AuditEvent, Language, Settlement
from coordinator.services.audit import audit_record

from .. import starter
from ..models import Option, Question, Section, Survey

Texts = dict[str, str]

COPY_SUFFIX: Texts = {"he": "(עותק)", "sl": "(kopija)", "en": "(copy)"}
CONDITION_KINDS = frozenset({Question.Kind.SINGLE, Question.Kind.MULTIPLE, Question.Kind.YES_NO})
YES_NO = ("yes", "no")
UP, DOWN = "up", "down"


class BuilderError(Exception):
    """A change the builder refuses; ``message`` is for the coordinator."""

    def __init__(self, message: Any) -> None:
        super().__init__(str(message))
        self.message = message


class SurveyLocked(BuilderError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "This survey has been sent; its questions can no longer change. "
                "Copy it to make a new version."
            )
        )


@dataclass(frozen=True)
class QuestionData:
    kind: str
    text: Texts
    required: bool = False
    help: Texts = field(default_factory=dict)
    options: list[Texts] = field(default_factory=list)
    scale_min: int = 1
    scale_max: int = 5
    scale_min_label: Texts = field(default_factory=dict)
    scale_max_label: Texts = field(default_factory=dict)
    number_min: int | None = None
    number_max: int | None = None
    condition_question: Question | None = None
    condition_value: str = ""


QUESTION_FIELDS = (
    "kind",
    "required",
    "text",
    "help",
    "scale_min",
    "scale_max",
    "scale_min_label",
    "scale_max_label",
    "number_min",
    "number_max",
    "condition_question",
    "condition_value",
)


def _texts(values: Texts, languages: Iterable[str]) -> Texts:
    """The non-empty texts of ``languages``."""
    return {code: values[code].strip() for code in languages if (values.get(code) or "").strip()}


def _lock_draft(survey: Survey) -> None:
    """Hold the survey's row for this transaction and refuse unless it is still a draft
    (a send in another request cannot slip in between)."""
    state = (
        Survey.objects.select_for_update()
        .filter(settlement_id=survey.settlement_id, pk=survey.pk)
        .values_list("state", flat=True)
        .first()
    )
    if state != Survey.State.DRAFT:
        raise SurveyLocked


def _normalise(data: QuestionData) -> dict[str, Any]:
    """The fields of a question as stored: what does not apply to its kind is reset."""
    values: dict[str, Any] = {
        "kind": data.kind,
        "required": data.required,
        "text": data.text,
        "help": data.help,
        "scale_min": 1,
        "scale_max": 5,
        "scale_min_label": {},
        "scale_max_label": {},
        "number_min": None,
        "number_max": None,
        "condition_question": data.condition_question,
        "condition_value": data.condition_value if data.condition_question else "",
    }
    if data.kind == Question.Kind.RATING:
        values.update(
            scale_min=data.scale_min,
            scale_max=data.scale_max,
            scale_min_label=data.scale_min_label,
            scale_max_label=data.scale_max_label,
        )
    elif data.kind == Question.Kind.NUMBER:
        values.update(number_min=data.number_min, number_max=data.number_max)
    return values


def _check_condition(survey: Survey, data: QuestionData) -> None:
    condition = data.condition_question
    if condition is None:
        return
    if condition.survey_id != survey.pk or condition.kind not in CONDITION_KINDS:
        raise BuilderError(_("A question can only depend on an earlier question of its survey."))


def _valid_values(question: Question) -> set[str]:
    if question.kind == Question.Kind.YES_NO:
        return set(YES_NO)
    if question.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        return {str(pk) for pk in question.options.values_list("pk", flat=True)}
    return set()


def _clear_stale_dependents(question: Question) -> int:
    """Forget the conditions on ``question`` that no longer name one of its answers."""
    dependents = Question.objects.filter(
        settlement_id=question.settlement_id, condition_question=question
    )
    return dependents.exclude(condition_value__in=_valid_values(question)).update(
        condition_question=None, condition_value=""
    )


def _renumber(items: Iterable[Section | Question]) -> None:
    for position, item in enumerate(items):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


def _set_options(question: Question, options: list[Texts]) -> None:
    """Labels change in place by line position; lines added make options, lines removed
    remove the last options (and the conditions that named them)."""
    existing = list(
        Option.objects.filter(settlement_id=question.settlement_id, question=question).order_by(
            "position", "id"
        )
    )
    for position, label in enumerate(options):
        if position < len(existing):
            option = existing[position]
            if option.label != label or option.position != position:
                option.label = label
                option.position = position
                option.save(update_fields=["label", "position"])
        else:
            Option.objects.create(
                settlement_id=question.settlement_id,
                question=question,
                position=position,
                label=label,
            )
    surplus = [option.pk for option in existing[len(options) :]]
    if surplus:
        Option.objects.filter(settlement_id=question.settlement_id, pk__in=surplus).delete()


# --- surveys -----------------------------------------------------------------------------


@transaction.atomic
def survey_create(
    *,
    settlement: Settlement,
    by: Any,
    languages: list[str],
    title: Texts,
    intro: Texts | None = None,
    anonymous: bool = True,
) -> Survey:
    if not languages or any(code not in Language.values for code in languages):
        raise BuilderError(_("Choose at least one language of the survey."))
    return Survey.objects.create(
        settlement=settlement,
        languages=list(languages),
        title=_texts(title, languages),
        intro=_texts(intro or {}, languages),
        anonymous=anonymous,
        created_by=by if getattr(by, "is_authenticated", False) else None,
        created_at=clock.now(),
    )


@transaction.atomic
def survey_update(
    *,
    survey: Survey,
    languages: list[str],
    title: Texts,
    intro: Texts,
    anonymous: bool,
    closes_on: dt.date | None,
    reminder_days: list[int],
) -> Survey:
    """Change a draft's settings. Texts of the languages it keeps stay as they are; a
    removed language's title and introduction go (its questions keep their texts)."""
    _lock_draft(survey)
    if not languages or any(code not in Language.values for code in languages):
        raise BuilderError(_("Choose at least one language of the survey."))
    values: dict[str, Any] = {
        "languages": list(languages),
        "title": _texts(title, languages),
        "intro": _texts(intro, languages),
        "anonymous": anonymous,
        "closes_on": closes_on,
        "reminder_days": sorted(set(reminder_days)),
    }
    changed = [name for name, value in values.items() if getattr(survey, name) != value]
    for name in changed:
        setattr(survey, name, values[name])
    if changed:
        survey.save(update_fields=changed)
    return survey


@transaction.atomic
def survey_schedule(
    *, survey: Survey, closes_on: dt.date | None, reminder_days: list[int]
) -> Survey:
    """Move the closing date and the reminders, of a draft or of a running survey."""
    state = (
        Survey.objects.select_for_update()
        .filter(settlement_id=survey.settlement_id, pk=survey.pk)
        .values_list("state", flat=True)
        .first()
    )
    if state not in (Survey.State.DRAFT, Survey.State.RUNNING):
        raise BuilderError(_("This survey is closed; it can no longer change."))
    values: dict[str, Any] = {"closes_on": closes_on, "reminder_days": sorted(set(reminder_days))}
    changed = [name for name, value in values.items() if getattr(survey, name) != value]
    for name in changed:
        setattr(survey, name, values[name])
    if changed:
        survey.save(update_fields=changed)
    return survey


@transaction.atomic
def survey_from_starter(*, settlement: Settlement, by: Any) -> Survey:
    """A draft of the ready-made needs survey, in all three languages (the settlement's
    own first, so it is the one shown where a text is missing)."""
    languages = sorted(starter.LANGUAGES, key=lambda code: code != settlement.language)
    survey = survey_create(
        settlement=settlement,
        by=by,
        languages=languages,
        title=starter.TITLE,
        intro=starter.INTRO,
        anonymous=True,
    )
    made: dict[str, Question] = {}
    options_of: dict[str, list[Option]] = {}
    for section_position, part in enumerate(starter.SECTIONS):
        section = Section.objects.create(
            settlement=settlement, survey=survey, position=section_position, title=part.title
        )
        for position, item in enumerate(part.questions):
            condition: Question | None = None
            value = ""
            if item.shown_if is not None:
                key, answer = item.shown_if
                condition = made[key]
                value = str(options_of[key][answer].pk) if isinstance(answer, int) else answer
            question = Question.objects.create(
                settlement=settlement,
                survey=survey,
                section=section,
                position=position,
                kind=item.kind,
                required=item.required,
                text=dict(item.text),
                help=dict(item.help),
                scale_min=item.scale[0],
                scale_max=item.scale[1],
                scale_min_label=dict(item.scale_labels[0]) if item.scale_labels else {},
                scale_max_label=dict(item.scale_labels[1]) if item.scale_labels else {},
                number_min=item.number_range[0],
                number_max=item.number_range[1],
                condition_question=condition,
                condition_value=value,
            )
            made[item.key] = question
            options_of[item.key] = Option.objects.bulk_create(
                Option(settlement=settlement, question=question, position=n, label=dict(label))
                for n, label in enumerate(item.options)
            )
    return survey


@transaction.atomic
def survey_copy(*, survey: Survey, by: Any) -> Survey:
    """A new draft with everything ``survey`` asks and whom it asks: sections, questions,
    options and conditions (pointing at the copies), languages, anonymity, introduction,
    reminders and audience. Not its invitations, answers, link or dates."""
    settlement_id = survey.settlement_id
    copy = Survey.objects.create(
        settlement_id=settlement_id,
        title={
            code: f"{text} {COPY_SUFFIX.get(code, COPY_SUFFIX['en'])}"
            for code, text in survey.title.items()
        },
        intro=dict(survey.intro),
        languages=list(survey.languages),
        anonymous=survey.anonymous,
        audience=survey.audience,
        audience_age_groups=list(survey.audience_age_groups),
        reminder_days=list(survey.reminder_days),
        copied_from=survey,
        created_by=by if getattr(by, "is_authenticated", False) else None,
        created_at=clock.now(),
    )
    copy.audience_neighbourhoods.set(survey.audience_neighbourhoods.all())
    copy.audience_tags.set(survey.audience_tags.all())
    copy.audience_committees.set(survey.audience_committees.all())
    copy.audience_residents.set(survey.audience_residents.all())

    sections = list(
        Section.objects.filter(settlement_id=settlement_id, survey=survey).order_by(
            "position", "id"
        )
    )
    new_sections = Section.objects.bulk_create(
        Section(
            settlement_id=settlement_id, survey=copy, position=section.position, title=section.title
        )
        for section in sections
    )
    section_map = {old.pk: new for old, new in zip(sections, new_sections, strict=True)}

    questions = list(
        Question.objects.filter(settlement_id=settlement_id, survey=survey).order_by(
            "section__position", "section_id", "position", "id"
        )
    )
    new_questions = Question.objects.bulk_create(
        Question(
            settlement_id=settlement_id,
            survey=copy,
            section=section_map[question.section_id],
            **{
                name: getattr(question, name)
                for name in QUESTION_FIELDS
                if name not in ("condition_question", "condition_value")
            },
            position=question.position,
        )
        for question in questions
    )
    question_map = {old.pk: new for old, new in zip(questions, new_questions, strict=True)}

    options = list(
        Option.objects.filter(settlement_id=settlement_id, question__survey=survey).order_by(
            "question_id", "position", "id"
        )
    )
    new_options = Option.objects.bulk_create(
        Option(
            settlement_id=settlement_id,
            question=question_map[option.question_id],
            position=option.position,
            label=option.label,
        )
        for option in options
    )
    option_map = {str(old.pk): str(new.pk) for old, new in zip(options, new_options, strict=True)}

    kinds = {question.pk: question.kind for question in questions}
    conditioned = []
    for old in questions:
        if old.condition_question_id not in question_map:
            continue
        value = (
            old.condition_value
            if kinds[old.condition_question_id] == Question.Kind.YES_NO
            else option_map.get(old.condition_value, "")
        )
        if value:
            new = question_map[old.pk]
            new.condition_question = question_map[old.condition_question_id]
            new.condition_value = value
            conditioned.append(new)
    Question.objects.bulk_update(conditioned, ["condition_question", "condition_value"])
    return copy


@transaction.atomic
def survey_delete(*, survey: Survey, by: Any = None) -> None:
    """Delete a draft with its sections and questions. A sent survey is never deleted:
    its answers are evidence of needs."""
    state = (
        Survey.objects.select_for_update()
        .filter(settlement_id=survey.settlement_id, pk=survey.pk)
        .values_list("state", flat=True)
        .first()
    )
    if state != Survey.State.DRAFT:
        raise BuilderError(
            _("A survey that has been sent cannot be deleted: its answers are kept.")
        )
    survey_id = survey.pk
    survey.delete()
    audit_record(
        action=AuditEvent.Action.DELETED,
        object_type="survey",
        object_id=survey_id,
        settlement_id=survey.settlement_id,
        actor=by,
        summary="draft survey",
    )


# --- sections ----------------------------------------------------------------------------


@transaction.atomic
def section_create(*, survey: Survey, title: Texts) -> Section:
    _lock_draft(survey)
    last = Section.objects.filter(settlement_id=survey.settlement_id, survey=survey).aggregate(
        last=Max("position")
    )["last"]
    return Section.objects.create(
        settlement_id=survey.settlement_id,
        survey=survey,
        position=0 if last is None else last + 1,
        title=_texts(title, title.keys()),
    )


@transaction.atomic
def section_update(*, section: Section, title: Texts) -> Section:
    _lock_draft(section.survey)
    texts = _texts(title, title.keys())
    if texts != section.title:
        section.title = texts
        section.save(update_fields=["title"])
    return section


@transaction.atomic
def section_delete(*, section: Section) -> None:
    """Delete a section with its questions; questions elsewhere that depended on one of
    them are shown to everyone from now on."""
    survey = section.survey
    _lock_draft(survey)
    Question.objects.filter(
        settlement_id=section.settlement_id, condition_question__section=section
    ).exclude(section=section).update(condition_question=None, condition_value="")
    section.delete()
    _renumber(
        Section.objects.filter(settlement_id=survey.settlement_id, survey=survey).order_by(
            "position", "id"
        )
    )


# --- questions ---------------------------------------------------------------------------


@transaction.atomic
def question_create(*, section: Section, data: QuestionData) -> Question:
    """A new question, last in its section."""
    survey = section.survey
    _lock_draft(survey)
    _check_condition(survey, data)
    last = Question.objects.filter(settlement_id=section.settlement_id, section=section).aggregate(
        last=Max("position")
    )["last"]
    question = Question.objects.create(
        settlement_id=section.settlement_id,
        survey=survey,
        section=section,
        position=0 if last is None else last + 1,
        **_normalise(data),
    )
    if data.kind in Question.CHOICE_KINDS:
        _set_options(question, data.options)
    return question


@transaction.atomic
def question_update(*, question: Question, data: QuestionData) -> Question:
    survey = question.survey
    _lock_draft(survey)
    _check_condition(survey, data)
    if data.condition_question is not None and data.condition_question.pk == question.pk:
        raise BuilderError(_("A question cannot depend on itself."))
    values = _normalise(data)
    changed = [name for name, value in values.items() if getattr(question, name) != value]
    for name in changed:
        setattr(question, name, values[name])
    if changed:
        question.save(update_fields=changed)
    _set_options(question, data.options if data.kind in Question.CHOICE_KINDS else [])
    _clear_stale_dependents(question)
    return question


@transaction.atomic
def question_delete(*, question: Question) -> None:
    """Delete a question; those shown only after an answer to it are shown to everyone."""
    _lock_draft(question.survey)
    Question.objects.filter(
        settlement_id=question.settlement_id, condition_question=question
    ).update(condition_question=None, condition_value="")
    section = question.section
    question.delete()
    _renumber(
        Question.objects.filter(settlement_id=section.settlement_id, section=section).order_by(
            "position", "id"
        )
    )


@transaction.atomic
def question_move(*, question: Question, direction: str) -> bool:
    """Swap ``question`` with its neighbour in its section. False if it is already at that
    end. A question never moves above the question it depends on, nor below one that
    depends on it."""
    if direction not in (UP, DOWN):
        raise BuilderError(_("Choose whether to move the question up or down."))
    _lock_draft(question.survey)
    siblings = list(
        Question.objects.filter(
            settlement_id=question.settlement_id, section_id=question.section_id
        ).order_by("position", "id")
    )
    index = next(n for n, sibling in enumerate(siblings) if sibling.pk == question.pk)
    other = index - 1 if direction == UP else index + 1
    if other < 0 or other >= len(siblings):
        return False
    first, second = sorted((index, other))
    if siblings[second].condition_question_id == siblings[first].pk:
        raise BuilderError(
            _("A question cannot move above the question whose answer it depends on.")
        )
    siblings[first], siblings[second] = siblings[second], siblings[first]
    _renumber(siblings)
    return True
