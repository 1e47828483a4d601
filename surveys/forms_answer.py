"""The form a respondent fills in: built from a survey's questions, in one language.

Each question is one or more fields (a ranking has one per option). Conditional questions
count only when the earlier answer they depend on matches: a hidden question is neither
validated nor saved, so the page works the same with scripts off (every question shown)
and on (``static/js/survey.js`` hides them as the respondent answers).

``items()`` gives the template what it needs to draw each question by hand (fieldsets,
labels, errors next to the question, ids for the error summary); ``answers()`` gives the
service the values to store.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.utils.translation import gettext as _

from .i18n import text_in
from .models import Question, Survey
from .services.answering import AnswerValue

SHORT_TEXT_MAX = 300
LONG_TEXT_MAX = 5000
NUMBER_LIMIT = 2_000_000_000  # what the database column holds, with room to spare
YES, NO = "yes", "no"


@dataclass
class Choice:
    value: str
    label: str
    input_id: str
    checked: bool


@dataclass
class RankRow:
    label: str
    name: str
    input_id: str
    selected: str


@dataclass
class Item:
    """One question as the template draws it."""

    question: Question
    number: int
    text: str
    help: str
    name: str
    input_id: str  # the first input, where the error summary's link leads
    errors: list[str]
    choices: list[Choice] = field(default_factory=list)
    value: str = ""
    rank_rows: list[RankRow] = field(default_factory=list)
    ranks: list[str] = field(default_factory=list)
    min_label: str = ""
    max_label: str = ""
    number_min: int | None = None
    number_max: int | None = None
    max_length: int | None = None
    condition_name: str = ""
    condition_value: str = ""

    @property
    def kind(self) -> str:
        return str(self.question.kind)

    @property
    def required(self) -> bool:
        return self.question.required

    @property
    def is_group(self) -> bool:
        """Drawn as a fieldset with a legend (several inputs) rather than one label."""
        return self.kind not in (
            Question.Kind.NUMBER,
            Question.Kind.SHORT_TEXT,
            Question.Kind.LONG_TEXT,
        )

    @property
    def described_by(self) -> str:
        """The ids of the help, the scale's end labels and the errors, for aria-describedby."""
        ids = []
        if self.help:
            ids.append(f"{self.name}-help")
        if self.min_label or self.max_label:
            ids.append(f"{self.name}-scale")
        if self.errors:
            ids.append(f"{self.name}-error")
        return " ".join(ids)

    @property
    def is_radio_group(self) -> bool:
        return self.kind in (Question.Kind.SINGLE, Question.Kind.YES_NO, Question.Kind.RATING)


@dataclass
class SectionItems:
    title: str
    items: list[Item]


def field_name(question: Question) -> str:
    return f"q{question.pk}"


def rank_name(question: Question, option_pk: int) -> str:
    return f"q{question.pk}_o{option_pk}"


def number_message(question: Question) -> str:
    low, high = question.number_min, question.number_max
    if low is not None and high is not None:
        return _("Enter a whole number between %(min)d and %(max)d.") % {"min": low, "max": high}
    if low is not None:
        return _("Enter a whole number of at least %(min)d.") % {"min": low}
    if high is not None:
        return _("Enter a whole number of at most %(max)d.") % {"max": high}
    return _("Enter a whole number.")


class AnswerForm(forms.Form):
    """The answers to ``questions`` (of ``survey``, with their options prefetched), with
    every text in ``language``. Call it inside ``translation.override(language)`` so the
    error messages are in that language too."""

    def __init__(
        self,
        data: Any = None,
        *,
        survey: Survey,
        questions: Sequence[Question],
        language: str,
    ) -> None:
        super().__init__(data)
        self.survey = survey
        self.questions = list(questions)
        self.language = language
        self.by_pk = {question.pk: question for question in self.questions}
        self.names: dict[int, list[str]] = {}
        self.values: dict[int, Any] = {}
        for question in self.questions:
            self.names[question.pk] = self._add_fields(question)

    def text(self, value: dict[str, str] | None) -> str:
        return text_in(value, self.survey.languages, self.language)

    def _add_fields(self, question: Question) -> list[str]:
        kind = question.kind
        name = field_name(question)
        options = [(str(o.pk), self.text(o.label)) for o in question.options.all()]
        choose = _("Choose one of the options.")
        if kind == Question.Kind.SINGLE:
            self.fields[name] = forms.ChoiceField(
                required=False, choices=options, error_messages={"invalid_choice": choose}
            )
        elif kind == Question.Kind.MULTIPLE:
            self.fields[name] = forms.MultipleChoiceField(
                required=False,
                choices=options,
                error_messages={"invalid_choice": choose, "invalid_list": choose},
            )
        elif kind == Question.Kind.YES_NO:
            self.fields[name] = forms.ChoiceField(
                required=False,
                choices=[(YES, _("Yes")), (NO, _("No"))],
                error_messages={"invalid_choice": _("Answer yes or no.")},
            )
        elif kind == Question.Kind.RATING:
            scale = range(question.scale_min, question.scale_max + 1)
            message = _("Choose a value from %(min)d to %(max)d.") % {
                "min": question.scale_min,
                "max": question.scale_max,
            }
            self.fields[name] = forms.ChoiceField(
                required=False,
                choices=[(str(v), str(v)) for v in scale],
                error_messages={"invalid_choice": message},
            )
        elif kind == Question.Kind.NUMBER:
            self.fields[name] = forms.IntegerField(
                required=False, error_messages={"invalid": number_message(question)}
            )
        elif kind in (Question.Kind.SHORT_TEXT, Question.Kind.LONG_TEXT):
            limit = SHORT_TEXT_MAX if kind == Question.Kind.SHORT_TEXT else LONG_TEXT_MAX
            self.fields[name] = forms.CharField(
                required=False,
                max_length=limit,
                error_messages={
                    "max_length": _(
                        "Write at most %(limit_value)d characters (you wrote %(show_value)d)."
                    )
                },
            )
        elif kind == Question.Kind.RANKING:
            ranks = [("", "")] + [(str(n), str(n)) for n in range(1, len(options) + 1)]
            names = []
            for value, _label in options:
                each = rank_name(question, int(value))
                self.fields[each] = forms.ChoiceField(
                    required=False,
                    choices=ranks,
                    error_messages={"invalid_choice": _("Choose a rank from the list.")},
                )
                names.append(each)
            return names
        return [name]

    # --- validation -----------------------------------------------------------------------

    def is_shown(self, question: Question, seen: frozenset[int] = frozenset()) -> bool:
        """Whether ``question`` applies, given the answers so far (after cleaning)."""
        condition = self.by_pk.get(question.condition_question_id or 0)
        if condition is None or condition.pk in seen or condition.pk == question.pk:
            return True
        if not self.is_shown(condition, seen | {question.pk}):
            return False
        answer = self.cleaned_data.get(field_name(condition))
        wanted = question.condition_value
        if isinstance(answer, list):
            return wanted in answer
        return answer not in (None, "") and str(answer) == wanted

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for question in self.questions:
            names = self.names[question.pk]
            if not self.is_shown(question):
                # Not asked: whatever came for it is neither checked nor kept.
                for name in names:
                    self.errors.pop(name, None)
                    cleaned.pop(name, None)
                continue
            if any(name in self.errors for name in names):
                continue
            try:
                value = self._value(question, cleaned)
            except forms.ValidationError as error:
                self.add_error(names[0], error)
                continue
            if value in (None, "", [], {}):
                if question.required:
                    self.add_error(names[0], _("Please answer this question."))
                continue
            self.values[question.pk] = value
        return cleaned

    def _value(self, question: Question, cleaned: dict[str, Any]) -> Any:
        kind = question.kind
        raw = cleaned.get(field_name(question))
        if kind == Question.Kind.SINGLE:
            return int(raw) if raw else None
        if kind == Question.Kind.MULTIPLE:
            return [int(each) for each in raw or []]
        if kind == Question.Kind.YES_NO:
            return {YES: True, NO: False}.get(raw or "")
        if kind == Question.Kind.RATING:
            return int(raw) if raw else None
        if kind == Question.Kind.NUMBER:
            if raw is None:
                return None
            low = question.number_min if question.number_min is not None else -NUMBER_LIMIT
            high = question.number_max if question.number_max is not None else NUMBER_LIMIT
            if not low <= raw <= high:
                raise forms.ValidationError(number_message(question))
            return raw
        if kind == Question.Kind.RANKING:
            return self._ranks(question, cleaned)
        return (raw or "").strip()

    def _ranks(self, question: Question, cleaned: dict[str, Any]) -> dict[int, int]:
        given = {
            option.pk: int(cleaned[rank_name(question, option.pk)])
            for option in question.options.all()
            if cleaned.get(rank_name(question, option.pk))
        }
        if not given:
            return {}
        if len(given) < len(self.names[question.pk]):
            if question.required:
                raise forms.ValidationError(_("Give every option a rank."))
            raise forms.ValidationError(_("Give every option a rank, or leave them all empty."))
        if len(set(given.values())) < len(given):
            raise forms.ValidationError(_("Give each option a different rank."))
        return given

    def answers(self) -> list[AnswerValue]:
        """The values to store, for a valid form: only questions that were asked."""
        stored: list[AnswerValue] = []
        for question in self.questions:
            value = self.values.get(question.pk)
            if value is None:
                continue
            pk, kind = question.pk, question.kind
            if kind == Question.Kind.SINGLE:
                stored.append(AnswerValue(question_id=pk, option_id=value))
            elif kind == Question.Kind.MULTIPLE:
                stored += [AnswerValue(question_id=pk, option_id=option) for option in value]
            elif kind == Question.Kind.RANKING:
                stored += [
                    AnswerValue(question_id=pk, option_id=option, rank=rank)
                    for option, rank in sorted(value.items(), key=lambda each: each[1])
                ]
            elif kind in (Question.Kind.RATING, Question.Kind.NUMBER):
                stored.append(AnswerValue(question_id=pk, number=value))
            elif kind == Question.Kind.YES_NO:
                stored.append(AnswerValue(question_id=pk, flag=value))
            else:
                stored.append(AnswerValue(question_id=pk, text=value))
        return stored

    # --- drawing --------------------------------------------------------------------------

    def _raw(self, name: str) -> Any:
        return self[name].value() if self.is_bound else None

    def _errors_of(self, question: Question) -> list[str]:
        if not self.is_bound:
            return []
        messages: list[str] = []
        for name in self.names[question.pk]:
            messages += [str(message) for message in self.errors.get(name, [])]
        return messages

    def items(self) -> list[SectionItems]:
        """The questions by section, numbered, with what the template draws."""
        sections: list[SectionItems] = []
        current = None
        for number, question in enumerate(self.questions, start=1):
            if question.section_id != current:
                current = question.section_id
                sections.append(SectionItems(title=self.text(question.section.title), items=[]))
            sections[-1].items.append(self._item(question, number))
        return sections

    def _item(self, question: Question, number: int) -> Item:
        name = field_name(question)
        kind = question.kind
        condition = self.by_pk.get(question.condition_question_id or 0)
        item = Item(
            question=question,
            number=number,
            text=self.text(question.text),
            help=self.text(question.help),
            name=name,
            input_id=f"id_{name}",
            errors=self._errors_of(question),
            condition_name=field_name(condition) if condition else "",
            condition_value=question.condition_value if condition else "",
        )
        if kind == Question.Kind.RANKING:
            item.ranks = [str(n) for n in range(1, len(self.names[question.pk]) + 1)]
            for option in question.options.all():
                each = rank_name(question, option.pk)
                item.rank_rows.append(
                    RankRow(
                        label=self.text(option.label),
                        name=each,
                        input_id=f"id_{each}",
                        selected=str(self._raw(each) or ""),
                    )
                )
            if item.rank_rows:
                item.input_id = item.rank_rows[0].input_id
            return item
        raw = self._raw(name)
        if item.is_group:
            chosen = {str(each) for each in raw} if isinstance(raw, list) else {str(raw or "")}
            field_choices: Any = self.fields[name].choices  # type: ignore[attr-defined]
            item.choices = [
                Choice(
                    value=str(value),
                    label=str(label),
                    input_id=f"id_{name}_{index}",
                    checked=str(value) in chosen,
                )
                for index, (value, label) in enumerate(field_choices)
            ]
            if item.choices:
                item.input_id = item.choices[0].input_id
            if kind == Question.Kind.RATING:
                item.min_label = self.text(question.scale_min_label)
                item.max_label = self.text(question.scale_max_label)
            return item
        item.value = "" if raw is None else str(raw)
        if kind == Question.Kind.NUMBER:
            item.number_min, item.number_max = question.number_min, question.number_max
        else:
            item.max_length = SHORT_TEXT_MAX if kind == Question.Kind.SHORT_TEXT else LONG_TEXT_MAX
        return item

    def error_summary(self) -> list[tuple[str, str, str]]:
        """(question, message, id of its first input) for every question with an error."""
        summary = []
        for section in self.items():
            for item in section.items:
                for message in item.errors:
                    summary.append((item.text, message, item.input_id))
        return summary
