"""Forms of sign-ups and volunteer shifts: validation only. Times are entered in the
settlement's zone and handed on as aware UTC datetimes."""

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelChoiceField

from .models import EventRegistration, VolunteerShift
from .models_signups import SignupStatus
from .services_signups import MAX_SEATS
from .signups import ContactData


def _squash(value: str) -> str:
    return " ".join(value.split())


class ContactForm(forms.Form):
    """Who signs up: a name and a way to reach them."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
        help_text=_("We send your link and a reminder the day before to this address."),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "dir": "ltr"}),
    )
    # A trap for robots: people never see it.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    needs_contact = True

    def clean_name(self) -> str:
        name = _squash(self.cleaned_data.get("name", ""))
        if not name:
            raise forms.ValidationError(_("Please write your name."))
        return name

    def clean_phone(self) -> str:
        return _squash(self.cleaned_data.get("phone", ""))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            self.needs_contact
            and "email" not in self.errors
            and not data.get("email")
            and not data.get("phone")
        ):
            self.add_error("email", _("Give an e-mail address or a phone number to reach you."))
        return data

    @property
    def is_robot(self) -> bool:
        return bool(self.cleaned_data.get("website"))

    def contact(self, language: str) -> ContactData:
        data = self.cleaned_data
        return ContactData(
            name=data["name"],
            email=data.get("email", ""),
            phone=data.get("phone", ""),
            language=language,
        )


class SignupForm(ContactForm):
    seats = forms.IntegerField(
        label=_("How many people are coming (you included)?"),
        min_value=1,
        max_value=MAX_SEATS,
        initial=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class RegistrationAddForm(SignupForm):
    """The coordinator or chair signs up someone who phoned."""

    needs_contact = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["website"]
        self.fields["name"].label = _("Name")
        self.fields["seats"].label = _("Number of people")
        self.fields["email"].help_text = _(
            "Optional: they will get their link and a reminder the day before."
        )


class VolunteerForm(ContactForm):
    shift = SafeModelChoiceField(
        label=_("Shift"),
        queryset=VolunteerShift.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Choose a shift."),
            "invalid_choice": _("This shift is full or no longer exists. Please choose another."),
        },
    )

    def __init__(self, *args: Any, shifts: QuerySet[VolunteerShift], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["shift"]
        field.queryset = shifts  # type: ignore[attr-defined]
        field.label_from_instance = lambda shift: getattr(shift, "label", str(shift))  # type: ignore[attr-defined]


class ShiftForm(forms.Form):
    role = forms.CharField(
        label=_("Job"),
        max_length=120,
        help_text=_("For example: setting up, at the door, in the kitchen."),
    )
    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    starts = forms.TimeField(
        label=_("Starts"), widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"})
    )
    ends = forms.TimeField(
        label=_("Ends"), widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"})
    )
    needed = forms.IntegerField(
        label=_("People needed"),
        min_value=1,
        max_value=500,
        initial=2,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(
        self, *args: Any, zone: ZoneInfo, shift: VolunteerShift | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.zone = zone
        if shift is not None and not self.is_bound:
            starts = shift.starts_at.astimezone(zone)
            self.initial.update(
                {
                    "role": shift.role,
                    "date": starts.date(),
                    "starts": starts.time().replace(second=0, microsecond=0),
                    "ends": shift.ends_at.astimezone(zone).time().replace(second=0, microsecond=0),
                    "needed": shift.needed,
                }
            )

    def clean_role(self) -> str:
        role = _squash(self.cleaned_data.get("role", ""))
        if not role:
            raise forms.ValidationError(_("Name the job, for example: at the door."))
        return role

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts"), data.get("ends")
        if starts and ends and ends <= starts:
            self.add_error("ends", _("The shift must end after it starts."))
        return data

    def shift_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        starts = dt.datetime.combine(data["date"], data["starts"], tzinfo=self.zone)
        ends = dt.datetime.combine(data["date"], data["ends"], tzinfo=self.zone)
        return {
            "role": data["role"],
            "starts_at": starts.astimezone(dt.UTC),
            "ends_at": ends.astimezone(dt.UTC),
            "needed": data["needed"],
        }


class AttendanceForm(forms.Form):
    came = forms.MultipleChoiceField(
        label=_("Who came"), required=False, widget=forms.CheckboxSelectMultiple
    )
    head_count = forms.IntegerField(
        label=_("How many people came in all"),
        required=False,
        min_value=0,
        max_value=100_000,
        help_text=_("Leave empty to count the places of those ticked above."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args: Any, registrations: list[EventRegistration], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.registrations = registrations
        self.fields["came"].choices = [  # type: ignore[attr-defined]
            (str(row.pk), f"{row.name} ({row.seats})") for row in registrations
        ]
        if not self.is_bound:
            self.initial["came"] = [str(row.pk) for row in registrations if row.attended]

    def came_ids(self) -> set[int]:
        return {int(pk) for pk in self.cleaned_data.get("came", [])}


class RegistrationSearchForm(forms.Form):
    q = forms.CharField(label=_("Search by name"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Show"), required=False, choices=SignupStatus.choices, widget=forms.HiddenInput
    )
