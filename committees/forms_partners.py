"""Forms of the directory of partners: validation only. The committees offered are the
settlement's own, so another settlement's id is an error."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelMultipleChoiceField

from coordinator.forms import limit_choices
from coordinator.models import Settlement

from .models import Committee, Partner

PHONE_CHARACTERS = frozenset("0123456789 +()-./")
NOTES_LENGTH = 20_000
FIELDS = ("name", "kind", "contact_person", "role", "phone", "email", "notes")


class PartnerForm(forms.Form):
    """A plain form, not a ModelForm: validating must not touch the stored partner, so the
    service sees what really changed."""

    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("For example: Regional council, welfare department"),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("Choose a kind")), *Partner.Kind.choices]
    )
    contact_person = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    role = forms.CharField(
        label=_("Role"),
        max_length=200,
        required=False,
        help_text=_("For example: social worker, head of department"),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    notes = forms.CharField(
        label=_("Notes"),
        max_length=NOTES_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Office hours, what they can help with, how they like to be reached."),
    )
    committees = SafeModelMultipleChoiceField(
        label=_("Committees"),
        queryset=Committee.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The committees this partner works with."),
    )

    def __init__(
        self, *args: Any, settlement: Settlement, partner: Partner | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.settlement = settlement
        choices = Committee.objects.filter(settlement=settlement).order_by("name", "pk")
        limit_choices(self, "committees", choices)
        committees = self.fields["committees"]
        # The boxes are rendered from one read of the committees (the field would read them
        # again for every use); validation still checks the posted ids against the database.
        committees.widget.choices = [(c.pk, c.name) for c in choices]
        self.has_committees = bool(committees.widget.choices)
        committees.error_messages["invalid_choice"] = _(
            "Choose committees of this settlement only."
        )
        committees.error_messages["invalid_pk_value"] = _("Choose committees from the list.")
        if partner is not None and not self.is_bound:
            self.initial.update({key: getattr(partner, key) for key in FIELDS})
            # Prefetched by the selector: no query.
            self.initial["committees"] = [c.pk for c in partner.committees.all()]

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Give the partner a name."))
        return name

    def clean_contact_person(self) -> str:
        return " ".join(self.cleaned_data.get("contact_person", "").split())

    def clean_role(self) -> str:
        return " ".join(self.cleaned_data.get("role", "").split())

    def clean_phone(self) -> str:
        phone: str = self.cleaned_data.get("phone", "").strip()
        if phone and (not set(phone) <= PHONE_CHARACTERS or not any(c.isdigit() for c in phone)):
            raise forms.ValidationError(_("Write the phone number with digits, spaces and + only."))
        return phone

    def clean_notes(self) -> str:
        notes: str = self.cleaned_data.get("notes", "")
        return notes.strip()

    def partner_data(self) -> dict[str, Any]:
        return {key: self.cleaned_data[key] for key in FIELDS}


class PartnerFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *Partner.Kind.choices],
    )
