"""Forms of the yearly work plans: goals and activities. Validation only."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coordinator import clock
from coordinator.forms import DateInput

from .models import WorkPlanActivity
from .selectors_plans import MIN_YEAR, max_year

MAX_BUDGET = Decimal("9999999999.99")  # what the column holds (12 digits, 2 decimals)


class GoalForm(forms.Form):
    title = forms.CharField(
        label=_("Goal"),
        max_length=200,
        help_text=_("What the committee wants to achieve this year, in one line."),
    )
    year = forms.IntegerField(label=_("Year of the plan"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = clock.today()
        field = self.fields["year"]
        field.widget.attrs.update({"min": MIN_YEAR, "max": max_year(today)})
        self.latest = max_year(today)

    def clean_title(self) -> str:
        title: str = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("Name the goal."))
        return title

    def clean_year(self) -> int:
        year: int = self.cleaned_data["year"]
        if year < MIN_YEAR:
            raise forms.ValidationError(
                _("The year cannot be before %(year)d.") % {"year": MIN_YEAR}
            )
        if year > self.latest:
            raise forms.ValidationError(
                _("A plan can be made at most %(years)d years ahead: up to %(latest)d.")
                % {"years": self.latest - clock.today().year, "latest": self.latest}
            )
        return year


class ActivityForm(forms.Form):
    title = forms.CharField(label=_("Activity"), max_length=200)
    starts_on = forms.DateField(label=_("From"), required=False, widget=DateInput())
    ends_on = forms.DateField(
        label=_("Until"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty for a one-day activity or an open end."),
    )
    budget_request = forms.DecimalField(
        label=_("Budget request"),
        required=False,
        min_value=Decimal("0"),
        max_value=MAX_BUDGET,
        max_digits=12,
        decimal_places=2,
        localize=True,
        help_text=_("In the settlement's currency, with at most two decimals. Empty: none."),
        error_messages={
            "invalid": _("Enter an amount, such as 1200 or 1200.50."),
            "min_value": _("The budget request cannot be negative."),
            "max_value": _("The budget request is too large."),
            "max_digits": _("The budget request is too large."),
            "max_decimal_places": _("Give the amount with at most two decimals."),
            "max_whole_digits": _("The budget request is too large."),
        },
    )
    status = forms.ChoiceField(label=_("Status"), choices=WorkPlanActivity.Status.choices)
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, currency: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["budget_request"].widget.attrs.update({"inputmode": "decimal"})
        if currency:
            self.fields["budget_request"].label = _("Budget request (%(currency)s)") % {
                "currency": currency
            }
        if not self.is_bound:
            self.initial.setdefault("status", WorkPlanActivity.Status.PLANNED)

    def clean_title(self) -> str:
        title: str = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("Name the activity."))
        return title

    def clean_budget_request(self) -> Decimal:
        amount: Decimal | None = self.cleaned_data.get("budget_request")
        return Decimal("0.00") if amount is None else amount

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts_on: dt.date | None = data.get("starts_on")
        ends_on: dt.date | None = data.get("ends_on")
        if starts_on is not None and ends_on is not None and ends_on < starts_on:
            self.add_error("ends_on", _("The activity cannot end before it starts."))
        return data

    def activity_data(self) -> dict[str, Any]:
        keys = ("title", "starts_on", "ends_on", "budget_request", "status", "notes")
        return {key: self.cleaned_data[key] for key in keys}


def activity_initial(activity: WorkPlanActivity) -> dict[str, Any]:
    return {
        "title": activity.title,
        "starts_on": activity.starts_on,
        "ends_on": activity.ends_on,
        "budget_request": activity.budget_request,
        "status": activity.status,
        "notes": activity.notes,
    }


SUMMARY_LENGTH = 5_000
SUMMARY_YEARS = 5  # the summary of a plan up to five years back or ahead


def summary_years(today: dt.date) -> tuple[int, int]:
    """The first and last year whose plan's summary may be written."""
    return today.year - SUMMARY_YEARS, today.year + SUMMARY_YEARS


class PlanSummaryForm(forms.Form):
    """The few lines at the top of a year's plan. An empty summary is valid (it clears the
    text); the year, a hidden field, must be posted, so an empty POST is refused."""

    year = forms.IntegerField(widget=forms.HiddenInput)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=SUMMARY_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "A few lines on what the committee wants to do this year and why. "
            "Leave empty to remove it."
        ),
    )

    def __init__(self, *args: Any, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.first, self.last = summary_years(today)

    def clean_year(self) -> int:
        year: int = self.cleaned_data["year"]
        if not self.first <= year <= self.last:
            raise forms.ValidationError(
                _("Choose a year from %(first)d to %(last)d.")
                % {"first": self.first, "last": self.last}
            )
        return year

    def clean_summary(self) -> str:
        summary: str = self.cleaned_data.get("summary", "")
        return summary.strip()
