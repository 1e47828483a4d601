"""The forms of the case pages: validation of input only (the services write)."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from coordinator.models import Household, Resident, Settlement, User

from . import selectors_cases as selectors
from .models import NeedCategory, WelfareCase
from .models_support import Referral, SupportTask
from .services_cases import ActionData, CaseData
from .trail import REASON_MAX


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%H:%M")


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are you opening this case?"),
        max_length=REASON_MAX,
        help_text=_("A short reason. The other person who may open the case can read it."),
    )


class CaseForm(forms.Form):
    household: "forms.ModelChoiceField[Household]" = forms.ModelChoiceField(
        label=_("Household"), queryset=None, required=False, empty_label=_("(none)")
    )
    resident: "forms.ModelChoiceField[Resident]" = forms.ModelChoiceField(
        label=_("Resident"),
        queryset=None,
        required=False,
        empty_label=_("(none)"),
        help_text=_("Choose the household, the resident, or both."),
    )
    categories = forms.MultipleChoiceField(
        label=_("What they need"),
        choices=NeedCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one need.")},
    )
    need_details = forms.CharField(
        label=_("Details"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Kept encrypted. Write only what is needed to help."),
    )
    came_to_light = forms.ChoiceField(
        label=_("How it came to light"),
        choices=WelfareCase.Source.choices,
        initial=WelfareCase.Source.OTHER,
    )
    consent = forms.BooleanField(label=_("The family agreed that we keep this"), required=False)
    social_worker: "forms.ModelChoiceField[User]" = forms.ModelChoiceField(
        label=_("Social worker"), queryset=None, required=False, empty_label=_("(not yet)")
    )
    review_on = forms.DateField(label=_("Next review"), required=False, widget=DateInput())

    def __init__(self, *args: Any, settlement: Settlement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["household"].queryset = selectors.households_of(settlement)  # type: ignore[attr-defined]
        self.fields["resident"].queryset = selectors.residents_of(settlement)  # type: ignore[attr-defined]
        self.fields["social_worker"].queryset = selectors.social_workers(settlement)  # type: ignore[attr-defined]
        self.fields["resident"].label_from_instance = (  # type: ignore[attr-defined]
            lambda r: f"{r.first_name} {r.last_name}"
        )
        self.fields["social_worker"].label_from_instance = (  # type: ignore[attr-defined]
            lambda u: u.get_full_name() or u.username
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            not data.get("household")
            and not data.get("resident")
            and not self.has_error("household")
        ):
            self.add_error("household", _("Choose the household or the resident the case is for."))
        return data

    def case_data(self) -> CaseData:
        data = self.cleaned_data
        return CaseData(
            household=data["household"],
            resident=data["resident"],
            categories=list(data["categories"]),
            need_details=data["need_details"],
            came_to_light=data["came_to_light"],
            consent=data["consent"],
            social_worker=data["social_worker"],
            review_on=data["review_on"],
            status=data.get("status") or WelfareCase.Status.OPEN,
        )

    @staticmethod
    def initial_of(case: WelfareCase) -> dict[str, Any]:
        return {
            "household": case.household_id,
            "resident": case.resident_id,
            "categories": list(case.categories),
            "need_details": case.need_details,
            "came_to_light": case.came_to_light,
            "consent": case.consent_at is not None,
            "social_worker": case.social_worker_id,
            "review_on": case.review_on,
            "status": case.status,
        }


class CaseEditForm(CaseForm):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=WelfareCase.Status.choices,
        help_text=_("Closing a case records when it was closed; closed cases are purged later."),
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("New note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        help_text=_("Kept encrypted."),
    )


class ReferralForm(forms.Form):
    service = forms.ChoiceField(label=_("Service"), choices=Referral.Service.choices)
    contact = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    referred_on = forms.DateField(label=_("Referred on"), widget=DateInput())
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept encrypted."),
    )


class ReferralOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Referral.Outcome.choices)
    outcome_on = forms.DateField(label=_("Outcome on"), required=False, widget=DateInput())
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept encrypted."),
    )


class SupportActionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=SupportTask.Kind.choices)
    what = forms.CharField(
        label=_("What"),
        max_length=300,
        help_text=_("The volunteer sees this: do not name the family's problem."),
    )
    on = forms.DateField(label=_("Date"), widget=DateInput())
    at = forms.TimeField(label=_("Time"), required=False, widget=TimeInput())
    where = forms.CharField(label=_("Where"), max_length=300, required=False)
    amount = forms.DecimalField(
        label=_("Amount"),
        required=False,
        min_value=0,
        max_digits=10,
        decimal_places=2,
        help_text=_("For a loan or a grant from the fund."),
    )
    volunteer: "forms.ModelChoiceField[Resident]" = forms.ModelChoiceField(
        label=_("Volunteer (a resident)"),
        queryset=None,
        required=False,
        empty_label=_("(someone else, or nobody yet)"),
    )
    volunteer_name = forms.CharField(
        label=_("Or the volunteer's name"), max_length=200, required=False
    )
    volunteer_email = forms.EmailField(label=_("Their e-mail"), required=False)
    volunteer_phone = forms.CharField(label=_("Their phone"), max_length=40, required=False)
    send_link = forms.BooleanField(label=_("Send the volunteer their task link"), required=False)

    def __init__(self, *args: Any, settlement: Settlement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["volunteer"].queryset = selectors.residents_of(settlement)  # type: ignore[attr-defined]
        self.fields["volunteer"].label_from_instance = (  # type: ignore[attr-defined]
            lambda r: f"{r.first_name} {r.last_name}"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        if kind in (SupportTask.Kind.LOAN, SupportTask.Kind.GRANT) and not data.get("amount"):
            self.add_error("amount", _("Give the amount of the loan or grant."))
        return data

    def action_data(self) -> ActionData:
        data = self.cleaned_data
        return ActionData(
            kind=data["kind"],
            what=data["what"],
            on=data["on"],
            at=data["at"],
            where=data["where"],
            amount=data["amount"],
            volunteer=data["volunteer"],
            volunteer_name=data["volunteer_name"],
            volunteer_email=data["volunteer_email"],
            volunteer_phone=data["volunteer_phone"],
        )


def add_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """A service's ``ValidationError`` onto ``form``'s fields (or the form)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        for message in error.messages:
            form.add_error(None, message)
