"""Forms of the events pages: validation only. Dates and times are entered in the
settlement's zone and handed on as aware UTC datetimes."""

import datetime as dt
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelChoiceField

from committees.models import Committee
from coordinator.forms import limit_choices
from coordinator.models import AgeGroup, Language

from .models import Event

TITLE_LENGTH = 200
DESCRIPTION_LENGTH = 10_000
MONEY_FIELDS = ("planned_cost", "actual_cost", "planned_income", "actual_income")
LANGUAGE_NAMES = dict(Language.choices)


def _money(label: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=Decimal(0),
        max_digits=12,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0", "inputmode": "decimal"}),
    )


class TextsMixin:
    """A title and a description per language (``title_he``, ``description_he`` ...), as
    events and classes have them."""

    languages: list[str]

    def texts_add(self, languages: list[str], rows: int) -> None:
        form: Any = self
        self.languages = languages
        for language in languages:
            name = LANGUAGE_NAMES.get(language, language)
            form.fields[f"title_{language}"] = forms.CharField(
                label=_("Title (%(language)s)") % {"language": name},
                max_length=TITLE_LENGTH,
                required=False,
            )
            form.fields[f"description_{language}"] = forms.CharField(
                label=_("Description (%(language)s)") % {"language": name},
                max_length=DESCRIPTION_LENGTH,
                required=False,
                widget=forms.Textarea(attrs={"rows": rows}),
            )

    def title_fields(self) -> list[tuple[Any, Any]]:
        form: Any = self
        return [(form[f"title_{lang}"], form[f"description_{lang}"]) for lang in self.languages]

    def texts(self, data: dict[str, Any] | None = None) -> tuple[dict[str, str], dict[str, str]]:
        """The titles and descriptions written, by language (empty ones left out)."""
        data = getattr(self, "cleaned_data", {}) if data is None else data
        titles = {
            lang: text
            for lang in self.languages
            if (text := " ".join(data.get(f"title_{lang}", "").split()))
        }
        descriptions = {
            lang: text
            for lang in self.languages
            if (text := data.get(f"description_{lang}", "").strip())
        }
        return titles, descriptions


def texts_initial(
    titles: dict[str, str] | None, descriptions: dict[str, str] | None
) -> dict[str, Any]:
    """The initial values of a ``TextsMixin`` form's fields."""
    initial = {f"title_{lang}": text for lang, text in (titles or {}).items()}
    initial |= {f"description_{lang}": text for lang, text in (descriptions or {}).items()}
    return initial


class EventForm(TextsMixin, forms.Form):
    """A plain form, not a ModelForm: validating must not touch the stored event. The
    title and description fields (``title_he`` ...) are added for the given languages."""

    kind = forms.ChoiceField(label=_("Kind"), choices=Event.Kind.choices)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=Event.Status.choices,
        help_text=_("Only published events are on the public calendar."),
    )
    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    starts = forms.TimeField(
        label=_("Starts"), widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"})
    )
    ends = forms.TimeField(
        label=_("Ends"),
        required=False,
        widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    age_groups = forms.MultipleChoiceField(
        label=_("For"),
        choices=AgeGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked for an event for everyone."),
    )
    committee = SafeModelChoiceField(
        label=_("Organising committee"),
        queryset=Committee.objects.none(),
        required=False,
        empty_label=_("No committee"),
    )
    planned_cost = _money(_("Planned cost"))
    actual_cost = _money(_("Actual cost"))
    planned_income = _money(_("Planned income"))
    actual_income = _money(_("Actual income"))
    signup_open = forms.BooleanField(
        label=_("Residents can sign up through the public link"), required=False
    )
    capacity = forms.IntegerField(
        label=_("Places"),
        required=False,
        min_value=1,
        max_value=100_000,
        help_text=_("Leave empty for no limit. When the places are taken, a waiting list opens."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(
        self,
        *args: Any,
        languages: list[str],
        zone: ZoneInfo,
        committees: QuerySet[Committee],
        committee_required: bool = False,
        event: Event | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.zone = zone
        self.texts_add(languages, rows=4)
        limit_choices(self, "committee", committees)
        field = self.fields["committee"]
        field.required = committee_required
        field.error_messages["invalid_choice"] = _("Choose a committee from the list.")
        if committee_required:
            field.empty_label = None  # type: ignore[attr-defined]
            field.help_text = _("You may choose a committee you chair.")
        if event is not None and not self.is_bound:
            self.initial.update(event_initial(event, zone))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.texts(data)[0]:
            raise forms.ValidationError(_("Give the event a title in at least one language."))
        date, starts, ends = data.get("date"), data.get("starts"), data.get("ends")
        if date and starts and ends and ends <= starts:
            self.add_error("ends", _("The event must end after it starts."))
        return data

    def event_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        starts_at = dt.datetime.combine(data["date"], data["starts"], tzinfo=self.zone)
        ends_at = (
            dt.datetime.combine(data["date"], data["ends"], tzinfo=self.zone)
            if data.get("ends")
            else None
        )
        titles, descriptions = self.texts()
        result: dict[str, Any] = {
            "title": titles,
            "description": descriptions,
            "kind": data["kind"],
            "status": data["status"],
            "starts_at": starts_at.astimezone(dt.UTC),
            "ends_at": ends_at.astimezone(dt.UTC) if ends_at else None,
            "place": " ".join(data.get("place", "").split()),
            "age_groups": [code for code in AgeGroup.values if code in data["age_groups"]],
            "committee": data.get("committee"),
            "signup_open": bool(data.get("signup_open")),
            "capacity": data.get("capacity"),
        }
        for key in MONEY_FIELDS:
            result[key] = data.get(key) or Decimal(0)
        return result


def event_initial(event: Event, zone: ZoneInfo) -> dict[str, Any]:
    start = event.starts_at.astimezone(zone)
    initial: dict[str, Any] = {
        "kind": event.kind,
        "status": event.status,
        "date": start.date(),
        "starts": start.time().replace(second=0, microsecond=0),
        "ends": event.ends_at.astimezone(zone).time().replace(second=0, microsecond=0)
        if event.ends_at
        else None,
        "place": event.place,
        "age_groups": list(event.age_groups),
        "committee": event.committee_id,
        "signup_open": event.signup_open,
        "capacity": event.capacity,
    }
    for key in MONEY_FIELDS:
        initial[key] = getattr(event, key)
    return initial | texts_initial(event.title, event.description)


class CalendarFilterForm(forms.Form):
    view = forms.ChoiceField(
        label=_("View"),
        required=False,
        choices=[("list", _("List")), ("week", _("Week")), ("month", _("Month"))],
    )
    month = forms.RegexField(label=_("Month"), required=False, regex=r"^\d{4}-\d{2}$")
    # Any day of the week to show.
    week = forms.DateField(label=_("Week"), required=False, input_formats=["%Y-%m-%d"])
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Event.Kind.choices]
    )
    age_group = forms.ChoiceField(
        label=_("For"), required=False, choices=[("", _("Everyone")), *AgeGroup.choices]
    )
