"""Forms of the records of meetings and of the needs register: validation only. Every
choice is limited to the settlement's own rows, so another settlement's id is an error."""

import datetime as dt
from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.choices import BaseChoiceIterator
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelChoiceField, SafeModelMultipleChoiceField

from coordinator import clock
from coordinator.forms import DateInput, limit_choices
from coordinator.models import AgeGroup, Neighbourhood, Resident, Settlement, Tag, User

from .i18n import text_in
from .models import MappingRecord, Need, Question
from .selectors import mapping as selectors

MAX_LINKED = 500  # residents, questions or records chosen in one form
FUTURE_DAYS = 366  # a meeting may be planned up to a year ahead
LABEL_LENGTH = 120

IMPACT_LEVELS = [
    (1, _("1 · Very small: a few people, a small difference")),
    (2, _("2 · Small: a small group, or a modest difference")),
    (3, _("3 · Medium: a group of residents, a clear difference")),
    (4, _("4 · Large: many residents, or a big difference to some")),
    (5, _("5 · Very large: much of the settlement, or a serious difference")),
]
URGENCY_LEVELS = [
    (1, _("1 · Can wait: a year or more")),
    (2, _("2 · This year")),
    (3, _("3 · Within a few months")),
    (4, _("4 · Within weeks")),
    (5, _("5 · Now: waiting does harm")),
]


def _age_group_field(label: Any) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=AgeGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


def _in_age_group_order(values: Iterable[str]) -> list[str]:
    chosen = set(values)
    return [value for value in AgeGroup.values if value in chosen]


class LinkedField(SafeModelMultipleChoiceField):
    """Several of the settlement's rows; ids of other settlements are an error."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.error_messages.update(
            {
                "invalid_choice": _(
                    "One of the chosen items is not in this settlement. Choose again from the list."
                ),
                "invalid_pk_value": _("Choose from the list."),
                "too_many": _("Choose at most %(max)d."),
            }
        )

    def clean(self, value: Any) -> Any:
        if value and not isinstance(value, str) and len(value) > MAX_LINKED:
            raise forms.ValidationError(
                self.error_messages["too_many"], code="too_many", params={"max": MAX_LINKED}
            )
        return super().clean(value)


# --- mapping records ---------------------------------------------------------------------


class RecordForm(forms.Form):
    kind = forms.ChoiceField(label=_("Method"), choices=MappingRecord.Kind.choices)
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("For example: House meeting at the Cohens', young families"),
    )
    held_on = forms.DateField(label=_("Date"), widget=DateInput())
    age_groups = _age_group_field(_("Age groups taking part"))
    participant_count = forms.IntegerField(
        label=_("Number of participants"),
        required=False,
        min_value=0,
        max_value=100_000,
        help_text=_("Everyone who took part, named below or not."),
    )
    participants = LinkedField(
        label=_("Residents taking part"),
        queryset=Resident.objects.none(),
        widget=forms.CheckboxSelectMultiple,  # never rendered as is: the picker shows a few
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "What was discussed, who said what (without naming anyone who asked not to be named)."
        ),
    )
    findings = forms.CharField(
        label=_("Findings"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The needs, wishes and ideas that came up."),
    )

    def __init__(
        self,
        *args: Any,
        settlement: Settlement,
        record: MappingRecord | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.settlement = settlement
        limit_choices(
            self,
            "participants",
            selectors.participant_choices(settlement=settlement, record=record),
        )
        self.fields["participants"].error_messages["invalid_choice"] = _(
            "Choose residents of this settlement only."
        )
        if record is None and not self.is_bound:
            self.initial.setdefault("held_on", clock.today())

    def clean_held_on(self) -> dt.date:
        held_on: dt.date = self.cleaned_data["held_on"]
        if held_on > clock.today() + dt.timedelta(days=FUTURE_DAYS):
            raise forms.ValidationError(_("The date can be at most a year from today."))
        if held_on.year < 1900:
            raise forms.ValidationError(_("The date cannot be before 1900."))
        return held_on

    def clean_title(self) -> str:
        title: str = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("Give the record a title."))
        return title

    def clean_age_groups(self) -> list[str]:
        return _in_age_group_order(self.cleaned_data.get("age_groups", []))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        count = data.get("participant_count")
        named = data.get("participants")
        no_errors_there = (
            "participant_count" not in self.errors and "participants" not in self.errors
        )
        if no_errors_there and count is None and not named:
            raise forms.ValidationError(
                _("Give the number of participants, or name the residents who took part."),
                code="no_participants",
            )
        if count is not None and named and count < len(named):
            self.add_error(
                "participant_count",
                _("The number of participants is smaller than the %(named)d residents named.")
                % {"named": len(named)},
            )
        return data

    def record_data(self) -> dict[str, Any]:
        keys = ("kind", "title", "held_on", "age_groups", "participant_count", "notes", "findings")
        return {key: self.cleaned_data[key] for key in keys}


class RecordFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Method"),
        required=False,
        choices=[("", _("All methods")), *MappingRecord.Kind.choices],
    )


# --- needs -------------------------------------------------------------------------------


class QuestionsField(LinkedField):
    """Survey questions, shown grouped by survey, from one query of the questions."""

    def label_from_instance(self, obj: Any) -> str:
        return _short(text_in(obj.text, obj.survey.languages, get_language() or ""))


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= LABEL_LENGTH else text[: LABEL_LENGTH - 1] + "…"


class GroupedQuestions(BaseChoiceIterator):
    """The options of the questions select, grouped by survey: the questions are read once,
    on first use (and not at all if the select is not rendered)."""

    def __init__(self, field: QuestionsField, queryset: QuerySet[Question]) -> None:
        self.field = field
        self.queryset = queryset

    def __iter__(self) -> Any:
        groups: dict[int, tuple[str, list[tuple[int, str]]]] = {}
        language = get_language() or ""
        for question in self.queryset:
            survey = question.survey
            title = _short(text_in(survey.title, survey.languages, language))
            group = groups.setdefault(survey.pk, (title, []))
            group[1].append((question.pk, self.field.label_from_instance(question)))
        yield from groups.values()


class RecordsField(LinkedField):
    def label_from_instance(self, obj: Any) -> str:
        day = date_format(obj.held_on, "SHORT_DATE_FORMAT")
        return f"{day} · {obj.get_kind_display()} · {obj.title}"


class OwnerField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.get_username())


class NeedForm(forms.Form):
    title = forms.CharField(label=_("Need"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    age_groups = _age_group_field(_("Age groups it concerns"))
    neighbourhoods = LinkedField(
        label=_("Neighbourhoods it concerns"),
        queryset=Neighbourhood.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    tags = LinkedField(
        label=_("Groups (tags) it concerns"),
        queryset=Tag.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The tags of the registry, such as “new families” or “volunteers”."),
    )
    evidence_questions = QuestionsField(
        label=_("Survey questions"),
        queryset=Question.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_(
            "Questions of running and closed surveys whose answers show this need. "
            "Hold Ctrl (Cmd on a Mac) to choose more than one."
        ),
    )
    evidence_records = RecordsField(
        label=_("Meetings and talks"),
        queryset=MappingRecord.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Hold Ctrl (Cmd on a Mac) to choose more than one."),
    )
    evidence_note = forms.CharField(
        label=_("Other evidence"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: figures from the council, a letter from residents."),
    )
    impact = forms.TypedChoiceField(
        label=_("Impact"),
        coerce=int,
        choices=IMPACT_LEVELS,
        widget=forms.RadioSelect,
        help_text=_("How many people it touches, and how much it matters to them."),
    )
    urgency = forms.TypedChoiceField(
        label=_("Urgency"),
        coerce=int,
        choices=URGENCY_LEVELS,
        widget=forms.RadioSelect,
        help_text=_("How soon something must be done."),
    )
    owner = OwnerField(
        label=_("Owner"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("No owner yet"),
        help_text=_(
            "Who takes care of it: the coordinator, the secretary, a board member or a chair."
        ),
    )
    status = forms.ChoiceField(label=_("Status"), choices=Need.Status.choices)

    def __init__(
        self, *args: Any, settlement: Settlement, need: Need | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.settlement = settlement
        limit_choices(self, "neighbourhoods", Neighbourhood.objects.filter(settlement=settlement))
        limit_choices(self, "tags", Tag.objects.filter(settlement=settlement))
        questions = selectors.evidence_question_choices(settlement=settlement, need=need)
        limit_choices(self, "evidence_questions", questions)
        field = cast(QuestionsField, self.fields["evidence_questions"])
        field.widget.choices = GroupedQuestions(field, questions)
        limit_choices(self, "evidence_records", selectors.records_for_choice(settlement=settlement))
        limit_choices(self, "owner", selectors.owner_choices(settlement=settlement, need=need))
        self.fields["owner"].error_messages["invalid_choice"] = _("Choose the owner from the list.")
        if not self.is_bound and need is None:
            self.initial.setdefault("impact", 3)
            self.initial.setdefault("urgency", 3)
            self.initial.setdefault("status", Need.Status.OPEN)

    def clean_title(self) -> str:
        title: str = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("Name the need."))
        return title

    def clean_age_groups(self) -> list[str]:
        return _in_age_group_order(self.cleaned_data.get("age_groups", []))

    def need_data(self) -> dict[str, Any]:
        keys = (
            "title",
            "description",
            "age_groups",
            "evidence_note",
            "impact",
            "urgency",
            "owner",
            "status",
        )
        return {key: self.cleaned_data[key] for key in keys}

    def need_links(self) -> dict[str, list[Any]]:
        keys = ("neighbourhoods", "tags", "evidence_questions", "evidence_records")
        return {key: list(self.cleaned_data[key]) for key in keys}


def need_initial(need: Need) -> dict[str, Any]:
    """The form's values for an existing need (its links read in one query)."""
    return {
        "title": need.title,
        "description": need.description,
        "age_groups": list(need.age_groups),
        **selectors.need_link_ids(need=need),
        "evidence_note": need.evidence_note,
        "impact": need.impact,
        "urgency": need.urgency,
        "owner": need.owner_id,
        "status": need.status,
    }


class NeedFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Still to be met")),
            (selectors.ALL, _("All statuses")),
            *Need.Status.choices,
        ],
    )
    age_group = forms.ChoiceField(
        label=_("Age group"), required=False, choices=[("", _("All ages")), *AgeGroup.choices]
    )
    neighbourhood = SafeModelChoiceField(
        label=_("Neighbourhood"),
        required=False,
        queryset=Neighbourhood.objects.none(),
        empty_label=_("All neighbourhoods"),
    )
    level = forms.ChoiceField(
        label=_("Priority"),
        required=False,
        choices=[
            ("", _("All priorities")),
            (selectors.HIGH, _("High (15–25)")),
            (selectors.MEDIUM, _("Medium (8–14)")),
            (selectors.LOW, _("Low (1–7)")),
        ],
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("priority", _("Priority")), ("newest", _("Newest")), ("title", _("Title"))],
    )

    def __init__(self, *args: Any, settlement: Settlement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "neighbourhood", Neighbourhood.objects.filter(settlement=settlement))

    def filters(self) -> selectors.NeedFilter:
        """The filter the form asks for; a bad value drops only its own filter."""
        if not self.is_bound:
            return selectors.NeedFilter()
        self.is_valid()
        data = self.cleaned_data
        neighbourhood = data.get("neighbourhood")
        return selectors.NeedFilter(
            query=data.get("q", ""),
            status=data.get("status", ""),
            age_group=data.get("age_group", ""),
            neighbourhood_id=neighbourhood.pk if neighbourhood else None,
            level=data.get("level", ""),
            sort=data.get("sort") or "priority",
        )
