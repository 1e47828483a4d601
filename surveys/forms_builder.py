"""Forms of the survey builder: a survey's settings, a section, a question. Texts are asked
once per survey language (``title_he``, ``title_en`` ...); the forms only validate, the
services in ``surveys.services.builder`` write."""

import datetime as dt
import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coordinator import clock
from coordinator.forms import DateInput
from coordinator.models import Language

from .models import Question
from .services.builder import QuestionData

Texts = dict[str, str]

MAX_OPTIONS = 20
MIN_OPTIONS = 2
MAX_SCALE_POINTS = 11
MAX_REMINDERS = 5
MAX_REMINDER_DAY = 90
TITLE_LENGTH = 200
TEXT_LENGTH = 500
OPTION_LENGTH = 200


def language_label(code: str) -> str:
    return str(dict(Language.choices).get(code, code))


def text_attrs(code: str, **extra: Any) -> dict[str, Any]:
    """Inputs for a language are marked as such: screen readers and spell checkers follow,
    and Hebrew is typed right to left whatever the page's direction."""
    return {"lang": code, "dir": "rtl" if code == "he" else "ltr", **extra}


def option_lines(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


def _int_or(value: int | None, default: int) -> int:
    return default if value is None else value


def parse_reminder_days(value: str) -> list[int]:
    """ "3, 7" -> [3, 7]: positive whole days, at most five, sorted, each once."""
    parts = [part for part in re.split(r"[,;\s]+", value or "") if part]
    if any(not part.isdigit() for part in parts):
        raise forms.ValidationError(
            _("Write whole numbers of days separated by commas, for example: 3, 7."),
            code="invalid",
        )
    days = sorted({int(part) for part in parts})
    if any(day < 1 for day in days):
        raise forms.ValidationError(_("A reminder comes at least one day after sending."))
    if any(day > MAX_REMINDER_DAY for day in days):
        raise forms.ValidationError(
            _("A reminder comes at most %(days)d days after sending.") % {"days": MAX_REMINDER_DAY}
        )
    if len(days) > MAX_REMINDERS:
        raise forms.ValidationError(
            _("At most %(count)d reminders.") % {"count": MAX_REMINDERS}, code="too_many"
        )
    return days


class ScheduleFields(forms.Form):
    closes_on = forms.DateField(
        label=_("Closes after"),
        required=False,
        widget=DateInput(),
        help_text=_("The last day on which answers are accepted. Leave empty to close by hand."),
    )
    reminder_days = forms.CharField(
        label=_("Reminders after (days)"),
        required=False,
        max_length=60,
        help_text=_(
            "Residents who have not answered get a reminder this many days after sending. "
            "Separate the days with commas, for example: 3, 7 (up to five)."
        ),
    )

    def clean_closes_on(self) -> dt.date | None:
        closes_on: dt.date | None = self.cleaned_data.get("closes_on")
        if closes_on is not None and closes_on < clock.today():
            raise forms.ValidationError(_("The closing date cannot be in the past."))
        return closes_on

    def clean_reminder_days(self) -> list[int]:
        return parse_reminder_days(self.cleaned_data.get("reminder_days", ""))


class SurveyScheduleForm(ScheduleFields):
    """What may still change once a survey is running."""


class SurveyForm(ScheduleFields):
    """A survey's settings: its languages, title and introduction in each, anonymity and,
    when editing, closing date and reminders."""

    languages = forms.MultipleChoiceField(
        label=_("Languages of the survey"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Each resident gets the survey in their own language if it is one of these, "
            "otherwise in the first."
        ),
        error_messages={"required": _("Choose at least one language.")},
    )
    anonymous = forms.BooleanField(
        label=_("Anonymous survey"),
        required=False,
        initial=True,
        help_text=_(
            "Answers are not linked to anyone: nobody, you included, can see who answered "
            "what. Results are shown only for groups of five answers or more."
        ),
    )

    def __init__(
        self,
        *args: Any,
        current_languages: list[str] | None = None,
        with_schedule: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.current_languages = list(current_languages or [])
        if not with_schedule:
            del self.fields["closes_on"]
            del self.fields["reminder_days"]
        for code, name in Language.choices:
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title in %(language)s") % {"language": name},
                required=False,
                max_length=TITLE_LENGTH,
                widget=forms.TextInput(attrs=text_attrs(code)),
            )
            self.fields[f"intro_{code}"] = forms.CharField(
                label=_("Introduction in %(language)s") % {"language": name},
                required=False,
                max_length=3000,
                widget=forms.Textarea(attrs=text_attrs(code, rows=3)),
                help_text=_("Shown above the questions: why you ask, and how long it takes."),
            )

    def language_groups(self) -> list[tuple[str, str, list[forms.BoundField]]]:
        return [
            (code, str(name), [self[f"title_{code}"], self[f"intro_{code}"]])
            for code, name in Language.choices
        ]

    def clean_languages(self) -> list[str]:
        chosen = set(self.cleaned_data.get("languages") or [])
        kept = [code for code in self.current_languages if code in chosen]
        return kept + [code for code in Language.values if code in chosen and code not in kept]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        for code in data.get("languages") or []:
            if not (data.get(f"title_{code}") or "").strip():
                self.add_error(
                    f"title_{code}",
                    _("Write the title in %(language)s, or untick that language.")
                    % {"language": language_label(code)},
                )
        return data

    def texts(self, prefix: str) -> Texts:
        """The texts of the chosen languages (only call once the form is valid)."""
        return {
            code: self.cleaned_data.get(f"{prefix}_{code}", "").strip()
            for code in self.cleaned_data["languages"]
            if self.cleaned_data.get(f"{prefix}_{code}", "").strip()
        }

    @staticmethod
    def initial_for(survey: Any) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "languages": list(survey.languages),
            "anonymous": survey.anonymous,
            "closes_on": survey.closes_on,
            "reminder_days": ", ".join(str(day) for day in survey.reminder_days),
        }
        for code in Language.values:
            initial[f"title_{code}"] = survey.title.get(code, "")
            initial[f"intro_{code}"] = survey.intro.get(code, "")
        return initial


class SectionForm(forms.Form):
    """A section's title, in each language of its survey (at least one)."""

    def __init__(self, *args: Any, languages: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.languages = list(languages)
        for code in self.languages:
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title in %(language)s") % {"language": language_label(code)},
                required=False,
                max_length=TITLE_LENGTH,
                widget=forms.TextInput(attrs=text_attrs(code)),
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        if self.languages and not any(
            (data.get(f"title_{code}") or "").strip() for code in self.languages
        ):
            self.add_error(
                f"title_{self.languages[0]}",
                _("Write the section's title in at least one language."),
            )
        return data

    def title(self) -> Texts:
        return {
            code: self.cleaned_data[f"title_{code}"].strip()
            for code in self.languages
            if self.cleaned_data.get(f"title_{code}", "").strip()
        }


class QuestionForm(forms.Form):
    """A question: its kind, texts in every survey language, and what its kind needs
    (options, a scale, a range of numbers), and optionally the earlier answer it follows.

    ``conditions``: the allowed (value, label) pairs, value "<question id>:<answer>";
    ``candidates``: the questions they name, by id."""

    kind = forms.ChoiceField(label=_("Kind of question"), choices=Question.Kind.choices)
    required = forms.BooleanField(label=_("An answer is required"), required=False)
    condition = forms.ChoiceField(
        label=_("Show this question"),
        required=False,
        help_text=_("A question can depend on an answer to an earlier question of this survey."),
        error_messages={
            "invalid_choice": _("Choose an answer of an earlier question of this survey.")
        },
    )
    scale_min = forms.IntegerField(
        label=_("Scale from"), required=False, initial=1, min_value=-100, max_value=100
    )
    scale_max = forms.IntegerField(
        label=_("Scale to"), required=False, initial=5, min_value=-100, max_value=100
    )
    number_min = forms.IntegerField(label=_("Smallest number allowed"), required=False)
    number_max = forms.IntegerField(label=_("Largest number allowed"), required=False)

    def __init__(
        self,
        *args: Any,
        languages: list[str],
        conditions: list[tuple[str, str]],
        candidates: dict[int, Question],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.languages = list(languages)
        self.candidates = candidates
        condition: Any = self.fields["condition"]
        condition.choices = [("", _("Always"))] + [
            (value, _("Only if %(answer)s") % {"answer": label}) for value, label in conditions
        ]
        for code in self.languages:
            name = language_label(code)
            self.fields[f"text_{code}"] = forms.CharField(
                label=_("Question in %(language)s") % {"language": name},
                max_length=TEXT_LENGTH,
                widget=forms.TextInput(attrs=text_attrs(code)),
                error_messages={
                    "required": _("Write the question in %(language)s.") % {"language": name}
                },
            )
            self.fields[f"help_{code}"] = forms.CharField(
                label=_("Help text in %(language)s") % {"language": name},
                required=False,
                max_length=TEXT_LENGTH,
                widget=forms.TextInput(attrs=text_attrs(code)),
            )
            self.fields[f"options_{code}"] = forms.CharField(
                label=_("Options in %(language)s") % {"language": name},
                required=False,
                widget=forms.Textarea(attrs=text_attrs(code, rows=5)),
                help_text=_("One option a line, in the same order in every language."),
            )
            self.fields[f"scale_min_label_{code}"] = forms.CharField(
                label=_("Label of the lowest value in %(language)s") % {"language": name},
                required=False,
                max_length=100,
                widget=forms.TextInput(attrs=text_attrs(code)),
            )
            self.fields[f"scale_max_label_{code}"] = forms.CharField(
                label=_("Label of the highest value in %(language)s") % {"language": name},
                required=False,
                max_length=100,
                widget=forms.TextInput(attrs=text_attrs(code)),
            )

    # Groups of fields for the page, in order; the kinds each group is for.
    def text_groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [
            (language_label(code), [self[f"text_{code}"], self[f"help_{code}"]])
            for code in self.languages
        ]

    def option_fields(self) -> list[forms.BoundField]:
        return [self[f"options_{code}"] for code in self.languages]

    def scale_label_fields(self) -> list[forms.BoundField]:
        return [
            self[f"scale_{end}_label_{code}"] for code in self.languages for end in ("min", "max")
        ]

    @staticmethod
    def initial_for(question: Question, options: list[Any]) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "kind": question.kind,
            "required": question.required,
            "scale_min": question.scale_min,
            "scale_max": question.scale_max,
            "number_min": question.number_min,
            "number_max": question.number_max,
            "condition": (
                f"{question.condition_question_id}:{question.condition_value}"
                if question.condition_question_id
                else ""
            ),
        }
        for code in question.survey.languages:
            initial[f"text_{code}"] = question.text.get(code, "")
            initial[f"help_{code}"] = question.help.get(code, "")
            initial[f"options_{code}"] = "\n".join(option.label.get(code, "") for option in options)
            initial[f"scale_min_label_{code}"] = question.scale_min_label.get(code, "")
            initial[f"scale_max_label_{code}"] = question.scale_max_label.get(code, "")
        return initial

    def _clean_options(self, data: dict[str, Any]) -> None:
        lines = {code: option_lines(data.get(f"options_{code}", "")) for code in self.languages}
        counts = {code: len(found) for code, found in lines.items()}
        if len(set(counts.values())) > 1:
            summary = ", ".join(
                _("%(language)s: %(count)d") % {"language": language_label(code), "count": count}
                for code, count in counts.items()
            )
            for code in self.languages:
                self.add_error(
                    f"options_{code}",
                    _(
                        "Every language needs the same options, one a line, in the same order "
                        "(now %(counts)s)."
                    )
                    % {"counts": summary},
                )
            return
        count = next(iter(counts.values()), 0)
        for code in self.languages:
            if count < MIN_OPTIONS:
                self.add_error(
                    f"options_{code}",
                    _("Give at least %(count)d options, one a line.") % {"count": MIN_OPTIONS},
                )
            elif count > MAX_OPTIONS:
                self.add_error(
                    f"options_{code}",
                    _("At most %(count)d options.") % {"count": MAX_OPTIONS},
                )
            elif any(len(line) > OPTION_LENGTH for line in lines[code]):
                self.add_error(
                    f"options_{code}",
                    _("An option can be at most %(count)d characters long.")
                    % {"count": OPTION_LENGTH},
                )

    def _clean_scale(self, data: dict[str, Any]) -> None:
        low, high = data.get("scale_min"), data.get("scale_max")
        if "scale_min" in self.errors or "scale_max" in self.errors:
            return
        if low is None or high is None:
            self.add_error(
                "scale_min" if low is None else "scale_max",
                _("Give both ends of the scale, for example 1 and 5."),
            )
        elif low >= high:
            self.add_error(
                "scale_max", _("The highest value of the scale must be more than the lowest.")
            )
        elif high - low + 1 > MAX_SCALE_POINTS:
            self.add_error(
                "scale_max",
                _("A scale has at most %(count)d points, for example 0 to 10 or 1 to 5.")
                % {"count": MAX_SCALE_POINTS},
            )

    def _clean_condition(self, data: dict[str, Any]) -> None:
        data["condition_question"] = None
        data["condition_value"] = ""
        value = data.get("condition") or ""
        if not value:
            return
        pk, _sep, answer = value.partition(":")
        question = self.candidates.get(int(pk)) if pk.isdigit() else None
        if question is None or not answer:
            self.add_error(
                "condition", _("Choose an answer of an earlier question of this survey.")
            )
            return
        data["condition_question"] = question
        data["condition_value"] = answer

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        kind = data.get("kind")
        if kind in Question.CHOICE_KINDS:
            self._clean_options(data)
        elif kind == Question.Kind.RATING:
            self._clean_scale(data)
        elif kind == Question.Kind.NUMBER:
            low, high = data.get("number_min"), data.get("number_max")
            if low is not None and high is not None and low > high:
                self.add_error(
                    "number_max", _("The largest number cannot be less than the smallest.")
                )
        self._clean_condition(data)
        return data

    def _texts(self, prefix: str) -> Texts:
        return {
            code: self.cleaned_data.get(f"{prefix}_{code}", "").strip()
            for code in self.languages
            if self.cleaned_data.get(f"{prefix}_{code}", "").strip()
        }

    def question_data(self) -> QuestionData:
        data = self.cleaned_data
        kind = data["kind"]
        options: list[Texts] = []
        if kind in Question.CHOICE_KINDS:
            lines = {code: option_lines(data.get(f"options_{code}", "")) for code in self.languages}
            count = len(next(iter(lines.values()), []))
            options = [{code: lines[code][n] for code in self.languages} for n in range(count)]
        return QuestionData(
            kind=kind,
            required=data.get("required", False),
            text=self._texts("text"),
            help=self._texts("help"),
            options=options,
            scale_min=_int_or(data.get("scale_min"), 1),
            scale_max=_int_or(data.get("scale_max"), 5),
            scale_min_label=self._texts("scale_min_label"),
            scale_max_label=self._texts("scale_max_label"),
            number_min=data.get("number_min"),
            number_max=data.get("number_max"),
            condition_question=data["condition_question"],
            condition_value=data["condition_value"],
        )
