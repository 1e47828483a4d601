"""Forms of volunteer hours: validation only. The volunteers and committees offered are
those the user may choose, read once by the view; a posted id outside them is an error."""

import datetime as dt
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from coordinator import clock
from coordinator.models import Resident

from .models import Committee
from .selectors_hours import STATUS_TABS

MAX_HOURS = Decimal("24")
OLDEST_DAYS = 365  # hours older than a year are not logged any more
DESCRIPTION_LENGTH = 300
OTHER = "other"  # the volunteer's "other / for the coordinator"
MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def _hours_field() -> forms.DecimalField:
    return forms.DecimalField(
        label=_("Hours"),
        max_digits=4,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.25", "min": "0.25", "max": "24"}),
        help_text=_("For example 2.5 for two and a half hours."),
        error_messages={
            "invalid": _("Write the hours as a number, for example 2.5."),
            "max_decimal_places": _("Write at most two decimals."),
            "max_digits": _("Write at most 24 hours for one day."),
            "max_whole_digits": _("Write at most 24 hours for one day."),
        },
    )


def _date_field() -> forms.DateField:
    return forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a valid date.")},
    )


class _HoursForm(forms.Form):
    def clean_date(self) -> dt.date:
        date: dt.date = self.cleaned_data["date"]
        today = clock.today()
        if date > today:
            raise forms.ValidationError(_("The date cannot be in the future."))
        if date < today - dt.timedelta(days=OLDEST_DAYS):
            raise forms.ValidationError(_("Hours older than a year cannot be added."))
        return date

    def clean_hours(self) -> Decimal:
        hours: Decimal = self.cleaned_data["hours"]
        if hours <= 0:
            raise forms.ValidationError(_("Write more than 0 hours."))
        if hours > MAX_HOURS:
            raise forms.ValidationError(_("Write at most 24 hours for one day."))
        return hours

    def clean_description(self) -> str:
        return " ".join(self.cleaned_data.get("description", "").split())


class HoursLogForm(_HoursForm):
    """A chair or the coordinator logs a volunteer's hours."""

    resident = forms.TypedChoiceField(label=_("Volunteer"), coerce=int)
    committee = forms.TypedChoiceField(label=_("Committee"), coerce=int, empty_value=None)
    date = _date_field()
    hours = _hours_field()
    description = forms.CharField(
        label=_("What was done"), max_length=DESCRIPTION_LENGTH, required=False
    )

    def __init__(
        self,
        *args: Any,
        residents: Sequence[Resident],
        committees: Sequence[Committee],
        committee_required: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.residents = {r.pk: r for r in residents}
        self.committees = {c.pk: c for c in committees}
        resident = cast(forms.TypedChoiceField, self.fields["resident"])
        resident.choices = [
            ("", _("Choose a volunteer")),
            *((r.pk, f"{r.last_name} {r.first_name}") for r in residents),
        ]
        resident.error_messages["invalid_choice"] = _("Choose a volunteer from the list.")
        resident.error_messages["required"] = _("Choose the volunteer.")
        committee = cast(forms.TypedChoiceField, self.fields["committee"])
        committee.required = committee_required
        empty = _("Choose a committee") if committee_required else _("None (for the coordinator)")
        committee.choices = [("", empty), *((c.pk, c.name) for c in committees)]
        committee.error_messages["invalid_choice"] = _("Choose a committee from the list.")
        committee.error_messages["required"] = _("Choose the committee.")
        if not self.is_bound:
            self.initial.setdefault("date", clock.today())
            if len(committees) == 1 and committee_required:
                self.initial.setdefault("committee", committees[0].pk)

    def clean_resident(self) -> Resident:
        return self.residents[self.cleaned_data["resident"]]

    def clean_committee(self) -> Committee | None:
        pk = self.cleaned_data.get("committee")
        return None if pk is None else self.committees[pk]


class HoursReportForm(_HoursForm):
    """A volunteer reports their hours through their link."""

    date = _date_field()
    hours = _hours_field()
    committee = forms.ChoiceField(label=_("For"))
    description = forms.CharField(
        label=_("What did you do?"),
        max_length=DESCRIPTION_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, committees: Sequence[Committee], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.committees = {str(c.pk): c for c in committees}
        committee = cast(forms.ChoiceField, self.fields["committee"])
        committee.choices = [
            ("", _("Choose")),
            *((str(c.pk), c.name) for c in committees),
            (OTHER, _("Other / for the coordinator")),
        ]
        committee.error_messages["required"] = _("Choose whom the hours were for.")
        committee.error_messages["invalid_choice"] = _("Choose from the list.")
        if not self.is_bound:
            self.initial.setdefault("date", clock.today())
            if not committees:
                self.initial.setdefault("committee", OTHER)
            elif len(committees) == 1:
                self.initial.setdefault("committee", str(committees[0].pk))

    def chosen_committee(self) -> Committee | None:
        return self.committees.get(self.cleaned_data["committee"])


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Not approved"))],
        error_messages={
            "required": _("Choose whether to approve the hours."),
            "invalid_choice": _("Choose whether to approve the hours."),
        },
    )
    note = forms.CharField(
        label=_("Note to the volunteer"), max_length=DESCRIPTION_LENGTH, required=False
    )
    next = forms.CharField(required=False, max_length=2000)

    def clean_note(self) -> str:
        return " ".join(self.cleaned_data.get("note", "").split())


class HoursFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("pending", _("To confirm")),
            ("approved", _("Approved")),
            ("rejected", _("Not approved")),
            ("all", _("All")),
        ],
    )
    q = forms.CharField(label=_("Volunteer"), required=False, max_length=100)
    committee = forms.TypedChoiceField(
        label=_("Committee"), required=False, coerce=int, empty_value=None
    )
    month = forms.CharField(
        label=_("Month"),
        required=False,
        max_length=7,
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "2026-01"}),
    )

    def __init__(self, *args: Any, committees: Sequence[Committee], coordinator: bool, **kwargs):
        super().__init__(*args, **kwargs)
        committee = cast(forms.TypedChoiceField, self.fields["committee"])
        choices: list[tuple[Any, Any]] = [("", _("All committees"))]
        choices += [(c.pk, c.name) for c in committees]
        if coordinator:
            choices.append((0, _("No committee")))
        committee.choices = choices

    def clean_status(self) -> str:
        status: str = self.cleaned_data.get("status") or "pending"
        return status if status in STATUS_TABS else "pending"

    def clean_month(self) -> dt.date | None:
        value: str = self.cleaned_data.get("month", "").strip()
        if not value:
            return None
        match = MONTH.match(value)
        if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 1900:
            raise forms.ValidationError(_("Choose a month, for example 2026-03."))
        return dt.date(int(match.group(1)), int(match.group(2)), 1)


class YearForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args: Any, years: Sequence[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        year = cast(forms.TypedChoiceField, self.fields["year"])
        year.choices = [(y, str(y)) for y in years]


class LinkForm(forms.Form):
    action = forms.ChoiceField(
        required=False,
        choices=[("", ""), ("send", "send"), ("reset", "reset")],
    )
