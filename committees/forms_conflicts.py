"""Forms of conflicts and their mediation: validation only."""

import datetime as dt
from typing import Any

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from coordinator.forms import DateInput

from .models_community import Conflict, MediationStep
from .selectors_conflicts import ACTIVE, ALL, CLOSED_STATUSES

TEXT_LENGTH = 20_000
CONFLICT_FIELDS = (
    "title",
    "kind",
    "description",
    "parties",
    "status",
    "opened_on",
    "closed_on",
    "outcome",
)
STEP_FIELDS = ("date", "kind", "notes", "next_step")


def _one_line(value: str) -> str:
    return " ".join(value.split())


class ConflictForm(forms.Form):
    """A plain form, not a ModelForm: validating must not touch the stored conflict, so
    the service sees what really changed."""

    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("A short name without names of people, such as “Parking on the upper street”."),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("Choose a kind")), *Conflict.Kind.choices]
    )
    description = forms.CharField(
        label=_("What happened"),
        max_length=TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    parties = forms.CharField(
        label=_("Who is involved (without names)"),
        max_length=300,
        required=False,
        help_text=_("For example: two neighbouring families; the youth and the older residents."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=Conflict.Status.choices)
    opened_on = forms.DateField(label=_("Opened on"), widget=DateInput())
    closed_on = forms.DateField(
        label=_("Closed on"),
        required=False,
        widget=DateInput(),
        help_text=_("When it was resolved or closed without agreement."),
    )
    outcome = forms.CharField(
        label=_("Outcome"),
        max_length=TEXT_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was agreed, or why it was closed. Needed once it is resolved."),
    )

    def __init__(
        self,
        *args: Any,
        today: dt.date,
        conflict: Conflict | None = None,
        first_step_on: dt.date | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.first_step_on = first_step_on
        for name in ("opened_on", "closed_on"):
            self.fields[name].widget.attrs["max"] = today.isoformat()
        if conflict is not None and not self.is_bound:
            self.initial.update({key: getattr(conflict, key) for key in CONFLICT_FIELDS})
        elif not self.is_bound:
            self.initial.setdefault("opened_on", today)
            self.initial.setdefault("status", Conflict.Status.OPEN)

    def clean_title(self) -> str:
        title = _one_line(self.cleaned_data["title"])
        if not title:
            raise forms.ValidationError(_("Give the conflict a title."))
        return title

    def clean_description(self) -> str:
        description: str = self.cleaned_data["description"].strip()
        if not description:
            raise forms.ValidationError(_("Describe what happened."))
        return description

    def clean_parties(self) -> str:
        return _one_line(self.cleaned_data.get("parties", ""))

    def clean_outcome(self) -> str:
        outcome: str = self.cleaned_data.get("outcome", "")
        return outcome.strip()

    def clean_opened_on(self) -> dt.date:
        opened_on: dt.date = self.cleaned_data["opened_on"]
        if opened_on > self.today:
            raise forms.ValidationError(_("The conflict cannot open in the future."))
        if self.first_step_on is not None and opened_on > self.first_step_on:
            raise forms.ValidationError(
                _("The first mediation step was on %(date)s: the conflict opened on it or before.")
                % {"date": date_format(self.first_step_on)}
            )
        return opened_on

    def clean_closed_on(self) -> dt.date | None:
        closed_on: dt.date | None = self.cleaned_data.get("closed_on")
        if closed_on is not None and closed_on > self.today:
            raise forms.ValidationError(_("The closing date cannot be in the future."))
        return closed_on

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        status = data.get("status")
        if status in CLOSED_STATUSES:
            closed_on = data.get("closed_on")
            opened_on = data.get("opened_on")
            if closed_on is None and "closed_on" not in self.errors:
                self.add_error("closed_on", _("Give the date the conflict was closed."))
            elif closed_on is not None and opened_on is not None and closed_on < opened_on:
                self.add_error("closed_on", _("The conflict cannot close before it opened."))
            if status == Conflict.Status.RESOLVED and not data.get("outcome"):
                self.add_error("outcome", _("Write the outcome of a resolved conflict."))
        elif status:
            data["closed_on"] = None  # reopened: no closing date
        return data

    def conflict_data(self) -> dict[str, Any]:
        return {key: self.cleaned_data[key] for key in CONFLICT_FIELDS}


class StepForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    kind = forms.ChoiceField(
        label=_("Kind of step"), choices=[("", _("Choose a step")), *MediationStep.Kind.choices]
    )
    notes = forms.CharField(
        label=_("Notes"),
        max_length=TEXT_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was said and agreed, without names where you can."),
    )
    next_step = forms.CharField(label=_("Next step"), max_length=300, required=False)

    def __init__(
        self,
        *args: Any,
        conflict: Conflict,
        today: dt.date,
        step: MediationStep | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.conflict = conflict
        self.today = today
        attrs = self.fields["date"].widget.attrs
        attrs.update({"min": conflict.opened_on.isoformat(), "max": today.isoformat()})
        if step is not None and not self.is_bound:
            self.initial.update({key: getattr(step, key) for key in STEP_FIELDS})
        elif not self.is_bound:
            self.initial.setdefault("date", max(today, conflict.opened_on))

    def clean_date(self) -> dt.date:
        date: dt.date = self.cleaned_data["date"]
        if date < self.conflict.opened_on:
            raise forms.ValidationError(
                _("The conflict opened on %(date)s: a step cannot be before it.")
                % {"date": date_format(self.conflict.opened_on)}
            )
        if date > self.today:
            raise forms.ValidationError(
                _("Record steps once they have happened: not in the future.")
            )
        return date

    def clean_notes(self) -> str:
        notes: str = self.cleaned_data.get("notes", "")
        return notes.strip()

    def clean_next_step(self) -> str:
        return _one_line(self.cleaned_data.get("next_step", ""))

    def step_data(self) -> dict[str, Any]:
        return {key: self.cleaned_data[key] for key in STEP_FIELDS}


class ConflictFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            (ACTIVE, _("Open and in mediation")),
            (ALL, _("All")),
            *Conflict.Status.choices,
        ],
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *Conflict.Kind.choices],
    )
