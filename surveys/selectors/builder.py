"""Reading surveys for the builder: the list, and a survey's sections and questions in order,
with what the builder page shows of each, in a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from coordinator.models import Language, Settlement

from ..i18n import text_in
from ..models import Option, Question, Section, Survey

YES_NO = ("yes", "no")
CONDITION_KINDS = frozenset({Question.Kind.SINGLE, Question.Kind.MULTIPLE, Question.Kind.YES_NO})
SHORTEN_AT = 60


def surveys_for_list(
    *, settlement: Settlement, query: str = "", state: str = ""
) -> QuerySet[Survey]:
    """The settlement's surveys, newest first; ``query`` is looked for in the title in
    every language (a JSON key lookup, so Hebrew matches on SQLite as on PostgreSQL)."""
    surveys = Survey.objects.filter(settlement=settlement)
    if state:
        surveys = surveys.filter(state=state)
    if query:
        matches = Q()
        for code in Language.values:
            matches |= Q(**{f"title__{code}__icontains": query})
        surveys = surveys.filter(matches)
    return surveys.order_by("-created_at", "-id")


def language_names(codes: list[str]) -> list[str]:
    labels = dict(Language.choices)
    return [str(labels.get(code, code)) for code in codes]


def shorten(text: str, limit: int = SHORTEN_AT) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def yes_no_label(value: str) -> str:
    return _("Yes") if value == "yes" else _("No")


@dataclass
class QuestionRow:
    question: Question
    number: int
    text: str
    options: list[str]
    condition: str = ""
    missing: list[str] = field(default_factory=list)
    first: bool = False
    last: bool = False


@dataclass
class SectionRow:
    section: Section
    title: str
    questions: list[QuestionRow]
    missing: list[str] = field(default_factory=list)


@dataclass
class Structure:
    """A survey's sections in order, each with its questions, numbered through the survey."""

    sections: list[SectionRow]
    language: str

    @property
    def questions(self) -> list[QuestionRow]:
        return [row for section in self.sections for row in section.questions]


def _missing(survey: Survey, *values: dict[str, str]) -> list[str]:
    """The survey languages in which the first of ``values`` is empty."""
    texts = values[0] if values else {}
    return language_names([code for code in survey.languages if not texts.get(code)])


def condition_label(
    question: Question, value: str, number: int, languages: list[str], language: str
) -> str:
    """ "Q3 “Would you volunteer?” is “Yes”" (or "includes" for a multiple choice)."""
    if value in YES_NO and question.kind == Question.Kind.YES_NO:
        answer = yes_no_label(value)
    else:
        answer = next(
            (
                text_in(option.label, languages, language)
                for option in question.options.all()
                if str(option.pk) == value
            ),
            "?",
        )
    params = {
        "number": number,
        "question": shorten(text_in(question.text, languages, language)),
        "answer": shorten(answer),
    }
    if question.kind == Question.Kind.MULTIPLE:
        return _("Q%(number)d “%(question)s” includes “%(answer)s”") % params
    return _("Q%(number)d “%(question)s” is “%(answer)s”") % params


def survey_structure(*, survey: Survey, language: str) -> Structure:
    """Three queries whatever the size: sections, their questions and the questions'
    options. A condition names a question of the same survey, so it is found among those."""
    sections = list(
        Section.objects.filter(settlement_id=survey.settlement_id, survey=survey)
        .order_by("position", "id")
        .prefetch_related(
            Prefetch(
                "questions",
                queryset=Question.objects.filter(settlement_id=survey.settlement_id)
                .prefetch_related(
                    Prefetch(
                        "options",
                        queryset=Option.objects.filter(settlement_id=survey.settlement_id).order_by(
                            "position", "id"
                        ),
                    )
                )
                .order_by("position", "id"),
            )
        )
    )
    languages = list(survey.languages)
    rows: list[SectionRow] = []
    by_pk: dict[int, QuestionRow] = {}
    number = 0
    for section in sections:
        questions = list(section.questions.all())
        section_row = SectionRow(
            section=section,
            title=text_in(section.title, languages, language),
            questions=[],
            missing=_missing(survey, section.title),
        )
        for index, question in enumerate(questions):
            number += 1
            options = list(question.options.all())
            missing_texts = [code for code in languages if not question.text.get(code)]
            missing_texts += [
                code
                for code in languages
                if any(not option.label.get(code) for option in options)
                and code not in missing_texts
            ]
            row = QuestionRow(
                question=question,
                number=number,
                text=text_in(question.text, languages, language),
                options=[text_in(option.label, languages, language) for option in options],
                missing=language_names(missing_texts),
                first=index == 0,
                last=index == len(questions) - 1,
            )
            by_pk[question.pk] = row
            section_row.questions.append(row)
        rows.append(section_row)
    for row in by_pk.values():
        depends_on = row.question.condition_question_id
        if depends_on and depends_on in by_pk:
            earlier = by_pk[depends_on]
            row.condition = condition_label(
                earlier.question, row.question.condition_value, earlier.number, languages, language
            )
    return Structure(sections=rows, language=language)


def condition_choices(
    *, structure: Structure, survey: Survey, before: Question | None = None, section: Section | None
) -> list[tuple[str, str]]:
    """What a question may depend on: an answer of a single-choice, multiple-choice or yes/no
    question that comes before it. ``before``: the question being edited; else a new question
    at the end of ``section``. Values are "<question id>:<option id or yes/no>"."""
    choices: list[tuple[str, str]] = []
    languages = list(survey.languages)
    for section_row in structure.sections:
        for row in section_row.questions:
            if before is not None and row.question.pk == before.pk:
                return choices
            question = row.question
            if question.kind in CONDITION_KINDS:
                values = (
                    list(YES_NO)
                    if question.kind == Question.Kind.YES_NO
                    else [str(option.pk) for option in question.options.all()]
                )
                for value in values:
                    choices.append(
                        (
                            f"{question.pk}:{value}",
                            condition_label(
                                question, value, row.number, languages, structure.language
                            ),
                        )
                    )
        if before is None and section is not None and section_row.section.pk == section.pk:
            return choices
    return choices


def dependents_of(*, question: Question) -> list[Question]:
    """The questions shown only after an answer to ``question``."""
    return list(
        Question.objects.filter(settlement_id=question.settlement_id, condition_question=question)
        .select_related("section")
        .order_by("section__position", "section_id", "position", "id")
    )
