"""Forms of the classes programme's staff pages: validation only."""

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelChoiceField

from committees.models import Committee
from coordinator.forms import DateInput, limit_choices
from coordinator.models import AgeGroup, Household, Language, Resident

from .forms import TextsMixin, texts_initial
from .models_classes import ClassParticipant, Course, Instructor, Season

EXTRA_PEOPLE = 4  # rows for typed participants on the registration form


def _amount(label: Any, required: bool = True) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=Decimal(0),
        max_digits=10,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0", "inputmode": "decimal"}),
    )


class CourseFilterForm(forms.Form):
    season = forms.ChoiceField(label=_("Season"), required=False)
    age_group = forms.ChoiceField(
        label=_("For"), required=False, choices=[("", _("All ages")), *AgeGroup.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *Course.Status.choices]
    )
    q = forms.CharField(label=_("Search by title"), required=False, max_length=100)

    def __init__(self, *args: Any, seasons: list[Season], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["season"]
        field.choices = [(str(season.pk), season.name) for season in seasons]


class CourseForm(TextsMixin, forms.Form):
    """A class of the programme. Titles and descriptions (``title_he`` ...) are added for
    the settlement's languages."""

    season = SafeModelChoiceField(label=_("Season"), queryset=Season.objects.none())
    instructor = SafeModelChoiceField(
        label=_("Instructor"),
        queryset=Instructor.objects.none(),
        required=False,
        empty_label=_("Not chosen yet"),
    )
    age_group = forms.ChoiceField(
        label=_("For"), required=False, choices=[("", _("Everyone")), *AgeGroup.choices]
    )
    committee = SafeModelChoiceField(
        label=_("Committee"),
        queryset=Committee.objects.none(),
        required=False,
        empty_label=_("No committee"),
        help_text=_("The chair of this committee can see the registrations and take attendance."),
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Days of the week"),
        choices=[(str(day), name) for day, name in WEEKDAYS.items()],
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one day of the week.")},
    )
    start_time = forms.TimeField(
        label=_("From"), widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"})
    )
    end_time = forms.TimeField(
        label=_("Until"), widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"})
    )
    starts_on = forms.DateField(label=_("First week"), widget=DateInput())
    ends_on = forms.DateField(label=_("Last week"), widget=DateInput())
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=1000)
    min_participants = forms.IntegerField(
        label=_("Minimum to open"),
        min_value=0,
        max_value=1000,
        initial=0,
        help_text=_("The class opens only with at least this many participants."),
    )
    fee = _amount(_("Fee"))
    fee_period = forms.ChoiceField(label=_("Fee is"), choices=Course.FeePeriod.choices)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=Course.Status.choices,
        help_text=_("Only open classes are on the public page and take registrations."),
    )

    def __init__(
        self,
        *args: Any,
        languages: list[str],
        seasons: QuerySet[Season],
        instructors: QuerySet[Instructor],
        committees: QuerySet[Committee],
        course: Course | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.texts_add(languages, rows=3)
        limit_choices(self, "season", seasons)
        limit_choices(self, "instructor", instructors)
        limit_choices(self, "committee", committees)
        self.fields["season"].error_messages["invalid_choice"] = _("Choose a season from the list.")
        if course is not None and not self.is_bound:
            self.initial.update(course_initial(course))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.texts(data)[0]:
            raise forms.ValidationError(_("Give the class a title in at least one language."))
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The class must end after it starts."))
        first, last = data.get("starts_on"), data.get("ends_on")
        if first and last and last < first:
            self.add_error("ends_on", _("The last week cannot be before the first week."))
        season = data.get("season")
        if season and first and not season.starts_on <= first <= season.ends_on:
            self.add_error("starts_on", _("The first week must be within the season."))
        if season and last and not season.starts_on <= last <= season.ends_on:
            self.add_error("ends_on", _("The last week must be within the season."))
        capacity, minimum = data.get("capacity"), data.get("min_participants")
        if capacity is not None and minimum is not None and minimum > capacity:
            self.add_error(
                "min_participants", _("The minimum cannot be more than the number of places.")
            )
        return data

    def course_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        titles, descriptions = self.texts()
        return {
            "title": titles,
            "description": descriptions,
            "season": data["season"],
            "instructor": data.get("instructor"),
            "age_group": data.get("age_group", ""),
            "committee": data.get("committee"),
            "weekdays": sorted(set(data["weekdays"])),
            "start_time": data["start_time"],
            "end_time": data["end_time"],
            "starts_on": data["starts_on"],
            "ends_on": data["ends_on"],
            "place": " ".join(data.get("place", "").split()),
            "capacity": data["capacity"],
            "min_participants": data["min_participants"],
            "fee": data["fee"],
            "fee_period": data["fee_period"],
            "status": data["status"],
        }


def course_initial(course: Course) -> dict[str, Any]:
    initial: dict[str, Any] = {
        key: getattr(course, key)
        for key in (
            "age_group",
            "start_time",
            "end_time",
            "starts_on",
            "ends_on",
            "place",
            "capacity",
            "min_participants",
            "fee",
            "fee_period",
            "status",
        )
    }
    initial.update(
        season=course.season_id,
        instructor=course.instructor_id,
        committee=course.committee_id,
        weekdays=[str(day) for day in course.weekdays],
    )
    return initial | texts_initial(course.title, course.description)


class SeasonForm(forms.ModelForm):
    class Meta:
        model = Season
        fields = ["name", "starts_on", "ends_on"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}
        help_texts = {"name": _("For example 2026–27.")}

    def __init__(self, *args: Any, settlement: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.settlement = settlement

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        taken = Season.objects.filter(settlement=self.settlement, name__iexact=name)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("A season with this name already exists."))
        return name

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends <= starts:
            self.add_error("ends_on", _("The season must end after it starts."))
        return data

    def _post_clean(self) -> None:
        # Validation only: the model's own checks run in the service's write.
        pass


class InstructorForm(forms.ModelForm):
    class Meta:
        model = Instructor
        fields = [
            "name",
            "organisation",
            "email",
            "phone",
            "rate",
            "rate_unit",
            "contract_from",
            "contract_until",
            "notes",
        ]
        widgets = {
            "contract_from": DateInput(),
            "contract_until": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "rate": forms.NumberInput(attrs={"step": "0.01", "min": "0", "inputmode": "decimal"}),
        }

    def clean_rate(self) -> Decimal:
        rate: Decimal = self.cleaned_data["rate"]
        if rate < 0:
            raise forms.ValidationError(_("The rate cannot be negative."))
        return rate

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("contract_from"), data.get("contract_until")
        if start and end and end < start:
            self.add_error("contract_until", _("The contract cannot end before it starts."))
        return data

    def _post_clean(self) -> None:
        pass


class SessionSkipForm(forms.Form):
    skip = forms.TypedChoiceField(
        label=_("Skip"),
        choices=[("1", _("Skip this session")), ("0", _("Hold this session"))],
        coerce=lambda value: value == "1",
    )
    note = forms.CharField(label=_("Reason"), required=False, max_length=200)


class RegisterForm(forms.Form):
    """A registration taken by the coordinator or a chair: a household of the settlement
    (its residents ticked) or a typed contact, and typed participants."""

    household = SafeModelChoiceField(
        label=_("Household"),
        queryset=Household.objects.none(),
        required=False,
        empty_label=_("Not from the list"),
    )
    residents = forms.TypedMultipleChoiceField(
        label=_("Residents who take part"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    name = forms.CharField(
        label=_("Contact name"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use the household's contact."),
    )
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    language = forms.ChoiceField(label=_("Language for messages"), choices=Language.choices)

    def __init__(
        self,
        *args: Any,
        households: QuerySet[Household],
        residents: list[Resident],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "household", households)
        self.household_residents = residents
        field: Any = self.fields["residents"]
        field.choices = [(str(r.pk), r.full_name) for r in residents]
        for n in range(1, EXTRA_PEOPLE + 1):
            self.fields[f"person_{n}"] = forms.CharField(
                label=_("Participant %(n)d: name") % {"n": n}, max_length=200, required=False
            )
            self.fields[f"age_{n}"] = forms.ChoiceField(
                label=_("Participant %(n)d: age group") % {"n": n},
                required=False,
                choices=[("", "—"), *AgeGroup.choices],
            )

    def people_fields(self) -> list[tuple[Any, Any]]:
        return [(self[f"person_{n}"], self[f"age_{n}"]) for n in range(1, EXTRA_PEOPLE + 1)]

    def typed_people(self) -> list[tuple[str, str]]:
        data = self.cleaned_data
        people = []
        for n in range(1, EXTRA_PEOPLE + 1):
            name = " ".join(data.get(f"person_{n}", "").split())
            if name:
                people.append((name, data.get(f"age_{n}", "")))
        return people

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for n in range(1, EXTRA_PEOPLE + 1):
            if " ".join(data.get(f"person_{n}", "").split()) and not data.get(f"age_{n}"):
                self.add_error(f"age_{n}", _("Choose the participant's age group."))
        if not data.get("household") and not " ".join(data.get("name", "").split()):
            self.add_error("name", _("Choose a household or write the contact's name."))
        if not data.get("residents") and not self.typed_people():
            raise forms.ValidationError(_("Tick or write at least one participant."))
        return data


class PaymentsForm(forms.Form):
    """The payment status of each participant of a registration."""

    def __init__(self, *args: Any, participants: list[ClassParticipant], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.participants = participants
        for participant in participants:
            self.fields[f"payment_{participant.pk}"] = forms.ChoiceField(
                label=_("Payment of %(name)s") % {"name": participant.name},
                choices=ClassParticipant.Payment.choices,
                initial=participant.payment,
            )

    def rows(self) -> list[tuple[ClassParticipant, Any]]:
        return [(p, self[f"payment_{p.pk}"]) for p in self.participants]

    def payments(self) -> dict[int, str]:
        return {p.pk: self.cleaned_data[f"payment_{p.pk}"] for p in self.participants}
