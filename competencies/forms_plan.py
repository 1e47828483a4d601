"""Forms of the development plan: validation only; ``services_plan`` writes.

A goal's competency is chosen among the competencies of the model the coordinator's
council uses now, grouped by area; any other id is a form error."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coordinator.forms import DateInput

from .models import Competency, DevelopmentGoal, LearningActivity
from .selectors import text


def competency_label(competency: Competency, language: str) -> str:
    return f"{competency.key} {text(competency.text, language)}"


class GoalForm(forms.Form):
    competency = forms.TypedChoiceField(
        label=_("Competency"),
        coerce=int,
        help_text=_("The competency you want to grow in."),
    )
    goal = forms.CharField(
        label=_("Goal"),
        max_length=300,
        help_text=_("What you want to be able to do, in a sentence."),
        error_messages={"required": _("Write the goal in a sentence.")},
    )

    def __init__(
        self, *args: Any, competencies: list[Competency], language: str, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.competencies = {c.pk: c for c in competencies}
        groups: dict[int, tuple[str, list[tuple[int, str]]]] = {}
        for item in competencies:
            area = item.area
            title = f"{area.number}. {text(area.title, language)}"
            groups.setdefault(area.number, (title, []))[1].append(
                (item.pk, competency_label(item, language))
            )
        field: Any = self.fields["competency"]
        field.choices = [("", _("Choose a competency"))] + [
            (title, options) for _number, (title, options) in sorted(groups.items())
        ]
        field.error_messages["required"] = _("Choose the competency of the goal.")

    def clean_competency(self) -> Competency:
        value = self.cleaned_data["competency"]
        competency = self.competencies.get(value)
        if competency is None:
            raise forms.ValidationError(_("Choose one of the competencies in the list."))
        return competency


class GoalEditForm(GoalForm):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=DevelopmentGoal.Status.choices,
        help_text=_("Reached or set aside goals stay in your plan, below the active ones."),
    )


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=LearningActivity.Kind.choices)
    title = forms.CharField(
        label=_("Activity"),
        max_length=300,
        help_text=_("For example: the training day on mediation, or a book to read."),
        error_messages={"required": _("Write what you will do.")},
    )
    due_on = forms.DateField(
        label=_("Due date"),
        required=False,
        widget=DateInput(),
        help_text=_("Optional. You get an e-mail reminder a week before."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=LearningActivity.Status.choices)
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
