"""Forms of meetings, minutes and action items: validation only. Every choice is limited to
the settlement's own rows (and a chair's to the committees they chair), so another
settlement's or committee's id is an error."""

import datetime as dt
from typing import Any

from django import forms
from django.core.validators import URLValidator
from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelChoiceField, SafeModelMultipleChoiceField

from coordinator.forms import DateInput, limit_choices, share_choices
from coordinator.models import Resident, User

from .models import Committee, Meeting, MeetingAttendance, Partner
from .selectors_meetings import PAST, UPCOMING
from .services_meetings import (
    MAX_OCCURRENCES,
    NewActionItem,
    Repeats,
    occurrence_dates,
    one_year_after,
)

YEARS_AHEAD = 5  # how far ahead a meeting or a due date may be
EARLIEST = dt.date(2000, 1, 1)
NEW_ACTION_ROWS = 3  # empty action-item rows on the minutes page
CAME, DID_NOT_COME = "yes", "no"


def user_label(user: Any) -> str:
    return str(user.get_full_name() or user.get_username())


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%H:%M", **kwargs)


class UserChoiceField(SafeModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return user_label(obj)


class UsersField(SafeModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return user_label(obj)


def _check_day(day: dt.date, today: dt.date) -> None:
    if day < EARLIEST:
        raise forms.ValidationError(
            _("The date cannot be before %(date)s."),
            params={"date": date_format(EARLIEST, "SHORT_DATE_FORMAT")},
        )
    try:
        latest = today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:  # 29 February
        latest = today.replace(year=today.year + YEARS_AHEAD, day=28)
    if day > latest:
        raise forms.ValidationError(
            _("The date can be at most %(years)d years from today."), params={"years": YEARS_AHEAD}
        )


# --- meetings ------------------------------------------------------------------------------


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of meeting"), choices=Meeting.Kind.choices)
    committee = SafeModelChoiceField(
        label=_("Committee"),
        queryset=Committee.objects.none(),
        required=False,
        empty_label=_("No committee (a meeting with office holders)"),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("For example: Culture committee, planning the Hanukkah party"),
    )
    date = forms.DateField(label=_("Date"), widget=DateInput())
    start_time = forms.TimeField(label=_("Starts at"), widget=TimeInput())
    end_time = forms.TimeField(label=_("Ends at"), required=False, widget=TimeInput())
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    video_link = forms.URLField(
        label=_("Video link"),
        required=False,
        max_length=200,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("A Zoom, Teams or Meet link, if people join online."),
    )
    agenda = forms.CharField(
        label=_("Agenda"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    users = UsersField(
        label=_("Staff taking part"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Colleagues with a role in the settlement: the secretary, board members …"),
    )
    partners = SafeModelMultipleChoiceField(
        label=_("Partners taking part"),
        queryset=Partner.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    repeats = forms.ChoiceField(
        label=_("Repeats"), choices=Repeats.choices, required=False, initial=Repeats.NONE
    )
    until = forms.DateField(
        label=_("Last date of the series"),
        required=False,
        widget=DateInput(),
    )
    invited = SafeModelMultipleChoiceField(
        label=_("Residents invited"),
        queryset=Resident.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The committee's members are invited when the meeting is arranged. "
            "Moving the meeting to another committee invites that committee's members instead."
        ),
    )

    def __init__(
        self,
        *args: Any,
        committees: QuerySet[Committee],
        users: QuerySet[User],
        partners: QuerySet[Partner],
        can_office: bool,
        today: dt.date,
        invitable: QuerySet[Resident] | None = None,
        repeatable: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.can_office = can_office
        self.today = today
        limit_choices(self, "committee", committees)
        limit_choices(self, "users", users)
        limit_choices(self, "partners", partners)
        self.fields["committee"].error_messages["invalid_choice"] = _(
            "Choose one of the committees in the list."
        )
        for name in ("users", "partners"):
            self.fields[name].error_messages["invalid_choice"] = _(
                "One of the chosen items is not in this settlement. Choose again from the list."
            )
        if not can_office:
            # Chairs arrange their committees' meetings only; the choice stays validated
            # against every kind, to explain a refused one.
            kind: Any = self.fields["kind"]
            kind.widget.choices = [(Meeting.Kind.COMMITTEE, Meeting.Kind.COMMITTEE.label)]
            self.fields["committee"].required = True
            self.fields["committee"].empty_label = None  # type: ignore[attr-defined]
        if invitable is None:
            del self.fields["invited"]
        else:
            limit_choices(self, "invited", invitable)
        if repeatable:
            self.fields["until"].help_text = gettext(
                "At most a year after the first meeting, and at most %(max)d meetings."
            ) % {"max": MAX_OCCURRENCES}
        else:
            del self.fields["repeats"]
            del self.fields["until"]
        if not self.is_bound and "kind" not in self.initial:
            self.initial["kind"] = Meeting.Kind.COMMITTEE

    def clean_title(self) -> str:
        title: str = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("Give the meeting a title."))
        return title

    def clean_date(self) -> dt.date:
        day: dt.date = self.cleaned_data["date"]
        _check_day(day, self.today)
        return day

    def clean_repeats(self) -> str:
        return self.cleaned_data.get("repeats") or Repeats.NONE

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self._clean_kind(data)
        start, end = data.get("start_time"), data.get("end_time")
        if start is not None and end is not None and end <= start:
            self.add_error("end_time", _("The meeting must end after it starts."))
        if "repeats" in self.fields:
            self._clean_recurrence(data)
        return data

    def _clean_kind(self, data: dict[str, Any]) -> None:
        kind, committee = data.get("kind"), data.get("committee")
        if not kind:
            return
        if kind == Meeting.Kind.COMMITTEE:
            if committee is None and "committee" not in self.errors:
                self.add_error("committee", _("Choose the committee that meets."))
        elif not self.can_office:
            self.add_error(
                "kind",
                _(
                    "Only the coordinator arranges meetings with office holders. "
                    "Choose “Committee meeting”."
                ),
            )
        elif committee is not None:
            self.add_error(
                "committee",
                _(
                    "Only a committee meeting belongs to a committee: leave the committee "
                    "empty, or choose “Committee meeting”."
                ),
            )

    def _clean_recurrence(self, data: dict[str, Any]) -> None:
        repeats, until, first = data.get("repeats"), data.get("until"), data.get("date")
        if "repeats" in self.errors:
            return
        if repeats == Repeats.NONE:
            if until is not None:
                self.add_error(
                    "until",
                    _("Choose how the meeting repeats, or leave the last date empty."),
                )
            return
        if until is None:
            if "until" not in self.errors:
                self.add_error("until", _("Give the date of the last meeting of the series."))
            return
        if first is None:
            return
        if until <= first:
            self.add_error("until", _("The series must end after the first meeting."))
            return
        latest = one_year_after(first)
        if until > latest:
            self.add_error(
                "until",
                _("A series can last at most a year: choose a date until %(date)s.")
                % {"date": date_format(latest, "SHORT_DATE_FORMAT")},
            )
            return
        count = len(occurrence_dates(first=first, repeats=str(repeats), until=until))
        if count > MAX_OCCURRENCES:
            self.add_error(
                "until",
                _(
                    "That makes more than %(max)d meetings; at most %(max)d can be arranged "
                    "at once. Choose an earlier last date."
                )
                % {"max": MAX_OCCURRENCES},
            )

    def meeting_data(self) -> dict[str, Any]:
        keys = (
            "kind",
            "committee",
            "title",
            "date",
            "start_time",
            "end_time",
            "place",
            "video_link",
            "agenda",
        )
        return {key: self.cleaned_data.get(key) for key in keys}


def meeting_initial(meeting: Meeting, local_start: dt.datetime, local_end: Any) -> dict[str, Any]:
    """The form's values for an existing meeting, its times on the settlement's clocks."""
    return {
        "kind": meeting.kind,
        "committee": meeting.committee_id,
        "title": meeting.title,
        "date": local_start.date(),
        "start_time": local_start.time().replace(second=0, microsecond=0),
        "end_time": local_end.time().replace(second=0, microsecond=0) if local_end else None,
        "place": meeting.place,
        "video_link": meeting.video_link,
        "agenda": meeting.agenda,
    }


class MeetingFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    committee = SafeModelChoiceField(
        label=_("Committee"),
        queryset=Committee.objects.none(),
        required=False,
        empty_label=_("All committees"),
    )
    kind = forms.ChoiceField(
        label=_("Kind of meeting"),
        required=False,
        choices=[("", _("All kinds")), *Meeting.Kind.choices],
    )
    when = forms.ChoiceField(
        required=False,
        choices=[(UPCOMING, _("Upcoming")), (PAST, _("Past"))],
        widget=forms.HiddenInput,
    )

    def __init__(self, *args: Any, committees: QuerySet[Committee], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        share_choices(self, "committee", committees)


# --- minutes -------------------------------------------------------------------------------


class MinutesForm(forms.Form):
    """The minutes, decisions and who came. ``version`` is the fingerprint of what the page
    showed: the view compares it with what is saved now."""

    minutes = forms.CharField(
        label=_("Minutes"),
        required=False,
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    decisions = forms.CharField(
        label=_("Decisions"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    version = forms.CharField(
        widget=forms.HiddenInput,
        max_length=64,
        error_messages={
            "required": _(
                "The form arrived incomplete, so nothing was saved. Open the minutes page "
                "again and save from there."
            )
        },
    )

    def __init__(self, *args: Any, attendance: list[MeetingAttendance], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.attendance = attendance
        choices = [(CAME, _("Came")), (DID_NOT_COME, _("Did not come")), ("", _("Not recorded"))]
        for row in attendance:
            self.fields[self.attendance_field(row)] = forms.ChoiceField(
                label=row.resident.full_name,
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
            )
            if row.attended is not None:
                self.initial.setdefault(
                    self.attendance_field(row), CAME if row.attended else DID_NOT_COME
                )

    @staticmethod
    def attendance_field(row: MeetingAttendance) -> str:
        return f"came_{row.pk}"

    def attendance_rows(self) -> list[tuple[MeetingAttendance, Any]]:
        """Each invited resident with the bound field of their attendance."""
        return [(row, self[self.attendance_field(row)]) for row in self.attendance]

    def attendance_data(self) -> dict[int, bool | None]:
        answers = {CAME: True, DID_NOT_COME: False}
        return {
            row.pk: answers.get(self.cleaned_data.get(self.attendance_field(row)) or "")
            for row in self.attendance
        }


class ActionRowForm(forms.Form):
    """One new action item on the minutes page: all empty is ignored."""

    title = forms.CharField(label=_("Action item"), required=False, max_length=300)
    owner = UserChoiceField(
        label=_("Owner"), queryset=User.objects.none(), required=False, empty_label=_("Choose")
    )
    due_on = forms.DateField(label=_("Due"), required=False, widget=DateInput())

    def __init__(self, *args: Any, owners: QuerySet[User], today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        share_choices(self, "owner", owners)
        self.fields["owner"].error_messages["invalid_choice"] = _("Choose the owner from the list.")

    def clean_title(self) -> str:
        return str(self.cleaned_data.get("title") or "").strip()

    def clean_due_on(self) -> dt.date | None:
        due: dt.date | None = self.cleaned_data.get("due_on")
        if due is not None:
            _check_day(due, self.today)
        return due

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        title, owner, due = data.get("title"), data.get("owner"), data.get("due_on")
        if not title:
            if (owner is not None or due is not None) and "title" not in self.errors:
                self.add_error("title", _("Give the action item a title, or clear this row."))
            return data
        if owner is None and "owner" not in self.errors:
            self.add_error("owner", _("Choose who will do it."))
        if due is None and "due_on" not in self.errors:
            self.add_error("due_on", _("Give a due date."))
        return data

    def item(self) -> NewActionItem | None:
        data = self.cleaned_data
        if not data.get("title"):
            return None
        return NewActionItem(title=data["title"], owner=data["owner"], due_on=data["due_on"])


# --- action items --------------------------------------------------------------------------


class ActionItemForm(forms.Form):
    title = forms.CharField(label=_("Action item"), max_length=300)
    owner = UserChoiceField(
        label=_("Owner"),
        queryset=User.objects.none(),
        empty_label=_("Choose"),
        help_text=_("Someone with a role in the settlement. They can tick it done."),
    )
    due_on = forms.DateField(
        label=_("Due"),
        widget=DateInput(),
        help_text=_("A past date is fine when recording what was agreed earlier."),
    )
    done = forms.BooleanField(label=_("Done"), required=False)

    def __init__(
        self, *args: Any, owners: QuerySet[User], today: dt.date, editing: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        limit_choices(self, "owner", owners)
        self.fields["owner"].error_messages["invalid_choice"] = _("Choose the owner from the list.")
        if not editing:
            del self.fields["done"]

    def clean_title(self) -> str:
        title: str = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("Give the action item a title."))
        return title

    def clean_due_on(self) -> dt.date:
        due: dt.date = self.cleaned_data["due_on"]
        _check_day(due, self.today)
        return due
