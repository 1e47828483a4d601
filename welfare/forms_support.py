"""Forms of community support: validation only, the services write. Every choice is limited
to the settlement's own rows, so another settlement's id is a form error."""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelChoiceField

from committees.models import Committee
from coordinator.forms import DateInput, limit_choices
from coordinator.models import Household, Resident, Settlement
from events.forms_signups import ContactForm

from .models import WelfareCase
from .models_support import FundRequest, SupportProgramme, SupportTask
from .services_support import DAILY, ONCE, REPEAT_MAX, WEEKLY


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%H:%M", **kwargs)


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = SupportProgramme
        fields = ["kind", "title", "description", "committee", "starts_on", "ends_on"]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "description": _("Volunteers read this on the sign-up link: do not name the family."),
        }
        field_classes = {"committee": SafeModelChoiceField}

    def __init__(
        self,
        *args: Any,
        settlement: Settlement,
        active: bool = False,
        chaired_by: Any = None,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        committees = Committee.objects.filter(settlement=settlement)
        if chaired_by is not None:  # a chair keeps the programme in their committees
            committees = committees.filter(chairs=chaired_by)
            self.fields["committee"].required = True
        limit_choices(self, "committee", committees)
        if not active:
            return
        self.fields["active"] = forms.BooleanField(
            label=_("Active (volunteers can sign up)"),
            required=False,
            initial=self.instance.active,
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The end date is before the start date."))
        return data


class TaskAddForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=SupportTask.Kind.choices)
    what = forms.CharField(
        label=_("What"),
        max_length=300,
        help_text=_("What the volunteer does, for example: a cooked dinner for four."),
    )
    on = forms.DateField(label=_("Date (the first one, if repeated)"), widget=DateInput())
    at = forms.TimeField(label=_("Time"), required=False, widget=TimeInput())
    where = forms.CharField(label=_("Where"), max_length=300, required=False)
    repeat = forms.ChoiceField(
        label=_("Repeat"),
        choices=[
            (ONCE, _("Just once")),
            (DAILY, _("Every day")),
            (WEEKLY, _("Every week")),
        ],
        initial=ONCE,
    )
    count = forms.IntegerField(
        label=_("How many times"),
        min_value=1,
        max_value=REPEAT_MAX,
        initial=1,
        help_text=_("For example 5 for five days of meals (at most 60)."),
    )


class TaskForm(forms.ModelForm):
    class Meta:
        model = SupportTask
        fields = [
            "kind",
            "what",
            "on",
            "at",
            "where",
            "status",
            "volunteer",
            "volunteer_name",
            "volunteer_email",
            "volunteer_phone",
        ]
        widgets = {"on": DateInput(), "at": TimeInput()}
        field_classes = {"volunteer": SafeModelChoiceField}
        labels = {
            "volunteer": _("Volunteer (a resident)"),
            "volunteer_name": _("Or the volunteer's name"),
            "volunteer_email": _("Volunteer's e-mail"),
            "volunteer_phone": _("Volunteer's phone"),
        }

    def __init__(self, *args: Any, settlement: Settlement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(
            self,
            "volunteer",
            Resident.objects.filter(settlement=settlement).order_by("first_name", "last_name"),
        )


class SignupForm(ContactForm):
    """A volunteer takes an open task: which one, and how to reach them (name, e-mail or
    phone, and the robots' trap, as for the events' sign-ups)."""

    field_order = ["task", "name", "email", "phone", "website"]

    task = forms.TypedChoiceField(label=_("Which one will you do?"), coerce=int)

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["task"]
        field.choices = choices
        field.widget = forms.RadioSelect(choices=choices)
        self.fields["email"].help_text = _("We send the link to your task to this address.")


class FundRequestForm(forms.Form):
    programme: Any = forms.ModelChoiceField(
        label=_("Fund"), queryset=SupportProgramme.objects.none()
    )
    household: Any = forms.ModelChoiceField(
        label=_("Household"), queryset=Household.objects.none(), required=False
    )
    case: Any = forms.ModelChoiceField(
        label=_("Or a welfare case"),
        queryset=WelfareCase.objects.none(),
        required=False,
        help_text=_("Only the cases you may open are listed."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=FundRequest.Kind.choices)
    amount = forms.DecimalField(
        label=_("Amount asked"),
        min_value=Decimal("0.01"),
        max_digits=10,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0.01", "inputmode": "decimal"}),
    )
    purpose = forms.CharField(label=_("What for"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(
        self, *args: Any, settlement: Settlement, cases: Any, funds: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "programme", funds)
        limit_choices(self, "household", Household.objects.filter(settlement=settlement))
        limit_choices(self, "case", cases)
        case_field: Any = self.fields["case"]
        case_field.label_from_instance = lambda case: _("Case #%(number)s") % {"number": case.pk}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("household") and not data.get("case") and not self.errors:
            raise forms.ValidationError(_("Choose the household or the case."))
        return data


class DecisionForm(forms.ModelForm):
    class Meta:
        model = FundRequest
        fields = ["decision", "amount_granted", "decided_on", "decision_note", "repaid_on"]
        widgets = {
            "decided_on": DateInput(),
            "repaid_on": DateInput(),
            "decision_note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.kind != FundRequest.Kind.LOAN:
            del self.fields["repaid_on"]
        self.fields["amount_granted"].widget.attrs.update(
            {"step": "0.01", "min": "0.01", "inputmode": "decimal"}
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        granted = data.get("amount_granted")
        if data.get("decision") == FundRequest.Decision.APPROVED:
            if granted is None:
                self.add_error("amount_granted", _("Give the amount given."))
            elif granted <= 0:
                self.add_error("amount_granted", _("The amount must be more than zero."))
        return data

    def service_data(self) -> dict[str, Any]:
        return dict(self.cleaned_data)
