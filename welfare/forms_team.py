"""Forms of the emergency team's pages: validation only; ``services_team`` writes.

Every choice is limited to the settlement's own rows (accounts with the emergency-team
role, current residents, the roster), so another settlement's id is a form error."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelChoiceField, SafeModelMultipleChoiceField

from committees.selectors_members import resident_choices
from coordinator import clock
from coordinator.forms import DateInput, limit_choices
from coordinator.models import Resident, Settlement, User

from .models import CouncilContact, Drill, TeamMember, VulnerableResident
from .selectors_team import team_accounts, team_members

NOT_OURS = _("Choose one from the list.")


class TeamMemberForm(forms.ModelForm):
    user = SafeModelChoiceField(
        label=_("Account"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Only users of this settlement with the emergency-team role are listed."),
        error_messages={"invalid_choice": NOT_OURS},
    )
    resident = SafeModelChoiceField(
        label=_("Resident"),
        queryset=Resident.objects.none(),
        required=False,
        help_text=_("Optional."),
        error_messages={"invalid_choice": NOT_OURS},
    )

    class Meta:
        model = TeamMember
        fields = ["function", "deputy", "name", "phone", "email", "user", "resident"]
        labels = {"deputy": _("Deputy (not the lead of this function)")}
        error_messages = {"name": {"required": _("Write the member's name.")}}

    def __init__(self, *args: Any, settlement: Settlement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "user", team_accounts(settlement=settlement))
        limit_choices(self, "resident", resident_choices(settlement=settlement))
        self.fields["phone"].widget.attrs.update({"type": "tel", "autocomplete": "off"})

    def data_for_service(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class DrillForm(forms.ModelForm):
    attendees = SafeModelMultipleChoiceField(
        label=_("Who took part"),
        queryset=TeamMember.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": NOT_OURS, "invalid_pk_value": NOT_OURS},
    )

    class Meta:
        model = Drill
        fields = ["kind", "title", "held_on", "attendees", "notes"]
        widgets = {"held_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "title": {"required": _("Write what the training or drill was.")},
            "held_on": {"required": _("Write the date it was held.")},
        }

    def __init__(self, *args: Any, settlement: Settlement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.settlement = settlement
        limit_choices(self, "attendees", team_members(settlement=settlement))
        if not self.is_bound:
            self.initial.setdefault("held_on", clock.local_today(settlement))

    def clean_held_on(self) -> Any:
        held_on = self.cleaned_data["held_on"]
        if held_on > clock.local_today(self.settlement):
            raise forms.ValidationError(
                _("Record a training or drill once it has been held: the date is in the future.")
            )
        return held_on


class CouncilContactForm(forms.ModelForm):
    class Meta:
        model = CouncilContact
        fields = ["department", "name", "role", "phone", "email"]
        error_messages = {
            "name": {"required": _("Write the contact's name.")},
            "phone": {"required": _("Write a phone number to call.")},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phone"].widget.attrs.update({"type": "tel"})

    def data_for_service(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class VulnerableForm(forms.ModelForm):
    resident = SafeModelChoiceField(
        label=_("Resident"),
        queryset=Resident.objects.none(),
        error_messages={
            "required": _("Choose the resident."),
            "invalid_choice": _("Choose a current resident of this settlement from the list."),
        },
    )
    buddy = SafeModelChoiceField(
        label=_("Checked by"),
        queryset=TeamMember.objects.none(),
        required=False,
        help_text=_("The team member who calls or visits them in an emergency."),
        error_messages={"invalid_choice": NOT_OURS},
    )

    class Meta:
        model = VulnerableResident
        fields = ["resident", "reason", "needs", "buddy"]
        widgets = {"needs": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "needs": _(
                "What helpers must know, for example a wheelchair or oxygen. Kept encrypted."
            )
        }

    def __init__(self, *args: Any, settlement: Settlement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.settlement = settlement
        limit_choices(self, "resident", resident_choices(settlement=settlement))
        limit_choices(self, "buddy", team_members(settlement=settlement))

    def clean_resident(self) -> Resident:
        resident: Resident = self.cleaned_data["resident"]
        taken = VulnerableResident.objects.filter(settlement=self.settlement, resident=resident)
        if self.instance.pk is not None:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                _("%(name)s is already on the list. Edit their entry instead.")
                % {"name": resident.full_name}
            )
        return resident

    def validate_unique(self) -> None:
        """``clean_resident`` says it in plain words."""

    def data_for_service(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class VulnerableFilterForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why"),
        required=False,
        choices=[("", _("All reasons")), *VulnerableResident.Reason.choices],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    q = forms.CharField(label=_("Name"), required=False, max_length=100)


class ConfirmDeleteForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, delete it"),
        error_messages={"required": _("Tick the box to confirm.")},
    )
