"""Forms of self-assessments: validation only; ``services_cycles`` writes."""

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coordinator.forms import DateInput
from coordinator.models import Settlement

from .models import LEVEL_DESCRIPTIONS, Level, Rating
from .selectors_cycles import mentors_for, person_name

TEXT_MAX = 4000


class MentorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return person_name(obj)


class CycleForm(forms.Form):
    """A new self-assessment: its title, its period and, if wished, a mentor."""

    title = forms.CharField(label=_("Title"), max_length=200)
    starts_on = forms.DateField(label=_("From"), widget=DateInput())
    ends_on = forms.DateField(label=_("Until"), widget=DateInput())
    mentor = MentorChoiceField(
        label=_("Mentor (optional)"),
        queryset=None,
        required=False,
        empty_label=_("No mentor for now"),
        help_text=_(
            "Someone on the council's staff who adds their own rating. Only you and your "
            "mentor see your ratings."
        ),
    )

    def __init__(self, *args: Any, settlement: Settlement, today: dt.date, **kwargs: Any):
        kwargs.setdefault(
            "initial",
            {
                "title": _("Self-assessment %(year)s") % {"year": today.year},
                "starts_on": dt.date(today.year, 1, 1),
                "ends_on": dt.date(today.year, 12, 31),
            },
        )
        super().__init__(*args, **kwargs)
        field: Any = self.fields["mentor"]
        field.queryset = mentors_for(settlement)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The period must end on or after the day it starts."))
        return data


def level_choices() -> list[tuple[str, Any]]:
    return [("", _("Not rated yet"))] + [(str(level.value), level.label) for level in Level]


def level_descriptions() -> dict[str, Any]:
    return {str(level.value): LEVEL_DESCRIPTIONS[level] for level in Level}


class RatingsForm(forms.Form):
    """One self-assessment's ratings, prefixed per competency (``level-12``, ``comment-12``
    …): the owner's level, comment and evidence, or the mentor's level and comment. Every
    field is optional: saving half done is normal. Only the fields sent are saved."""

    def __init__(
        self,
        data: Any = None,
        *,
        ratings: dict[int, Rating | None],
        mentor: bool = False,
        disabled: bool = False,
    ) -> None:
        super().__init__(data)
        self.competency_ids = list(ratings)
        self.names = (
            ("mentor_level", "mentor_comment") if mentor else ("level", "comment", "evidence")
        )
        for competency_id, rating in ratings.items():
            for name in self.names:
                key = f"{name}-{competency_id}"
                value = getattr(rating, name) if rating is not None else None
                if name.endswith("level"):
                    field: forms.Field = forms.TypedChoiceField(
                        label=_("Level"),
                        choices=level_choices(),
                        coerce=int,
                        empty_value=None,
                        required=False,
                        widget=forms.RadioSelect,
                    )
                    initial: Any = "" if value is None else str(value)
                else:
                    field = forms.CharField(
                        label=_("Evidence") if name == "evidence" else _("Comment"),
                        required=False,
                        max_length=TEXT_MAX,
                        widget=forms.Textarea(attrs={"rows": 2}),
                        help_text=_("What you did that shows it: an example, a date, a place.")
                        if name == "evidence"
                        else "",
                    )
                    initial = value or ""
                field.initial = initial
                field.disabled = disabled
                self.fields[key] = field

    def field_of(self, name: str, competency_id: int) -> forms.BoundField:
        return self[f"{name}-{competency_id}"]

    def data_for_service(self) -> dict[int, dict[str, Any]]:
        """Competency id → the fields that were sent for it, cleaned."""
        result: dict[int, dict[str, Any]] = {}
        for competency_id in self.competency_ids:
            values = {
                name: self.cleaned_data[f"{name}-{competency_id}"]
                for name in self.names
                if f"{name}-{competency_id}" in self.data
            }
            if values:
                result[competency_id] = values
        return result
