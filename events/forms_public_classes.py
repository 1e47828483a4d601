"""The public forms of the classes programme: registering for a class (who signs up, and
the participants) and cancelling one's registration from the personal page. Validation
only; the views call the services."""

from typing import Any, cast

from django import forms
from django.forms import BaseFormSet, formset_factory
from django.utils.translation import gettext_lazy as _

from coordinator.models import AgeGroup

from .forms_signups import ContactForm
from .services_classes import MAX_PARTICIPANTS, ParticipantData

ROWS = 4  # participant rows shown at first; "more rows" shows MAX_PARTICIPANTS


def _squash(value: str) -> str:
    return " ".join(value.split())


class ClassContactForm(ContactForm):
    """Who signs up for a class: as for events, and their agreement that the details are
    kept to run the class."""

    consent = forms.BooleanField(
        label=_(
            "I agree that the settlement keeps these details to run the class and to write "
            "to me about it."
        ),
        error_messages={"required": _("Please agree, so that we can keep your registration.")},
    )
    field_order = ["name", "email", "phone", "consent", "website"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = _(
            "We send your place, or your place on the waiting list, to this address."
        )


class ParticipantForm(forms.Form):
    """One participant; an empty row is left out."""

    name = forms.CharField(label=_("Participant's name"), max_length=200, required=False)
    age_group = forms.ChoiceField(
        label=_("Age group"),
        required=False,
        choices=[("", _("Choose…")), *AgeGroup.choices],
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        name = _squash(data.get("name", ""))
        data["name"] = name
        if name and not data.get("age_group"):
            self.add_error("age_group", _("Choose the participant's age group."))
        if data.get("age_group") and not name:
            self.add_error("name", _("Write the participant's name."))
        return data


class BaseParticipantFormSet(BaseFormSet):
    def clean(self) -> None:
        super().clean()
        if any(form.errors for form in self.forms):
            return
        if not self.participants():
            raise forms.ValidationError(
                _("Write the name and age group of at least one participant.")
            )

    def participants(self) -> list[ParticipantData]:
        return [
            ParticipantData(
                name=form.cleaned_data["name"], age_group=form.cleaned_data["age_group"]
            )
            for form in self.forms
            if getattr(form, "cleaned_data", None) and form.cleaned_data.get("name")
        ]


def participant_formset(data: Any = None, *, rows: int = ROWS) -> BaseParticipantFormSet:
    """The participants' rows: ``rows`` empty ones (at most ``MAX_PARTICIPANTS``)."""
    formset_class = formset_factory(
        ParticipantForm,
        formset=BaseParticipantFormSet,
        extra=max(1, min(rows, MAX_PARTICIPANTS)),
        max_num=MAX_PARTICIPANTS,
        validate_max=True,
        absolute_max=MAX_PARTICIPANTS,
    )
    return cast(BaseParticipantFormSet, formset_class(data, prefix="people"))


class CancelForm(forms.Form):
    """The cancel button of the personal page; anything else is a bad request."""

    cancel = forms.TypedChoiceField(
        choices=[("1", _("Cancel my registration"))], coerce=str, widget=forms.HiddenInput
    )
