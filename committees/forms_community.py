"""Forms of residents' initiatives and community services: validation only. Residents and
committees offered are the settlement's own, so another settlement's id is an error."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelChoiceField, SafeModelMultipleChoiceField

from coordinator.forms import limit_choices
from coordinator.models import Resident, Settlement

from .models import Committee
from .models_community import CommunityService, Initiative
from .selectors_community import ALL, OPEN, committee_choices, resident_choices

TEXT_LENGTH = 10_000
DECLINE_NEEDS_ANSWER = _(
    "To decline an idea, write the reason here: the resident reads it on their status page."
)
OTHER_SETTLEMENT_RESIDENT = _("Choose residents of this settlement from the list.")


def _squash(value: str) -> str:
    return " ".join(value.split())


def _residents_field(label: Any, help_text: Any = "") -> SafeModelMultipleChoiceField:
    return SafeModelMultipleChoiceField(
        label=label,
        queryset=Resident.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=help_text,
        error_messages={
            "invalid_choice": OTHER_SETTLEMENT_RESIDENT,
            "invalid_pk_value": OTHER_SETTLEMENT_RESIDENT,
        },
    )


def _resident_field(label: Any, help_text: Any = "") -> SafeModelChoiceField:
    return SafeModelChoiceField(
        label=label,
        queryset=Resident.objects.none(),
        required=False,
        empty_label=_("Nobody"),
        help_text=help_text,
        error_messages={"invalid_choice": _("Choose a resident of this settlement from the list.")},
    )


class InitiativeCreateForm(forms.Form):
    title = forms.CharField(label=_("The idea"), max_length=200)
    description = forms.CharField(
        label=_("Description"), max_length=TEXT_LENGTH, widget=forms.Textarea(attrs={"rows": 4})
    )
    resident = _resident_field(
        _("Suggested by a resident"), _("Or write the name and contact below.")
    )
    submitter_name = forms.CharField(
        label=_("Name of who suggested it"), max_length=200, required=False
    )
    submitter_contact = forms.CharField(
        label=_("Their phone or e-mail"), max_length=200, required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=Initiative.Status.choices, initial=Initiative.Status.NEW
    )
    answer = forms.CharField(
        label=_("Answer to the resident"),
        max_length=TEXT_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown on the idea's status page. Required to decline it."),
    )

    def __init__(self, *args: Any, settlement: Settlement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "resident", resident_choices(settlement=settlement))

    def clean_title(self) -> str:
        title = _squash(self.cleaned_data["title"])
        if not title:
            raise forms.ValidationError(_("Write the idea in a few words."))
        return title

    def clean_description(self) -> str:
        description: str = self.cleaned_data["description"].strip()
        if not description:
            raise forms.ValidationError(_("Describe the idea."))
        return description

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("resident") and (data.get("submitter_name") or data.get("submitter_contact")):
            self.add_error(
                "submitter_name",
                _("Choose a resident or write a name and contact, not both."),
            )
        if data.get("status") == Initiative.Status.DECLINED and not data.get("answer", "").strip():
            self.add_error("answer", DECLINE_NEEDS_ANSWER)
        return data


class InitiativeEditForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Initiative.Status.choices)
    champion = _resident_field(_("Champion"), _("The resident who carries the idea forward."))
    committee = SafeModelChoiceField(
        label=_("Committee"),
        queryset=Committee.objects.none(),
        required=False,
        empty_label=_("No committee"),
        error_messages={"invalid_choice": _("Choose a committee of this settlement.")},
    )
    volunteers = _residents_field(
        _("Volunteers"), _("Hold Ctrl (or ⌘) to choose several residents.")
    )
    answer = forms.CharField(
        label=_("Answer to the resident"),
        max_length=TEXT_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown on the idea's status page. Required to decline it."),
    )

    def __init__(
        self, *args: Any, settlement: Settlement, initiative: Initiative, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        residents = resident_choices(settlement=settlement)
        limit_choices(self, "champion", residents)
        limit_choices(self, "volunteers", residents)
        limit_choices(
            self, "committee", Committee.objects.filter(settlement=settlement).order_by("name")
        )
        if not self.is_bound:
            self.initial.update(
                {
                    "status": initiative.status,
                    "champion": initiative.champion_id,
                    "committee": initiative.committee_id,
                    "answer": initiative.answer,
                    "volunteers": [r.pk for r in initiative.volunteers.all()],
                }
            )

    def clean_answer(self) -> str:
        answer: str = self.cleaned_data.get("answer", "")
        return answer.strip()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status") == Initiative.Status.DECLINED and not data.get("answer"):
            self.add_error("answer", DECLINE_NEEDS_ANSWER)
        return data

    def initiative_data(self) -> dict[str, Any]:
        return {
            key: self.cleaned_data[key] for key in ("status", "champion", "committee", "answer")
        }


class InitiativeFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[(OPEN, _("Open ideas")), (ALL, _("All ideas")), *Initiative.Status.choices],
    )


class IdeaForm(forms.Form):
    """The public form. ``website`` is a trap for robots: people never see it."""

    title = forms.CharField(
        label=_("Your idea"),
        max_length=200,
        help_text=_("In a few words, for example: a bench by the playground."),
    )
    description = forms.CharField(
        label=_("Describe it"),
        max_length=TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What would you like to happen, and who would it help?"),
    )
    name = forms.CharField(
        label=_("Your name (optional)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact = forms.CharField(
        label=_("Phone or e-mail (optional)"),
        max_length=200,
        required=False,
        help_text=_("Only if you would like the coordinator to get back to you."),
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def clean_title(self) -> str:
        title = _squash(self.cleaned_data["title"])
        if not title:
            raise forms.ValidationError(_("Write your idea in a few words."))
        return title

    def clean_description(self) -> str:
        description: str = self.cleaned_data["description"].strip()
        if not description:
            raise forms.ValidationError(_("Tell us a little more about your idea."))
        return description

    def clean_name(self) -> str:
        return _squash(self.cleaned_data.get("name", ""))

    def clean_contact(self) -> str:
        return self.cleaned_data.get("contact", "").strip()

    @property
    def is_robot(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class ServiceForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=200, help_text=_("For example: the village library")
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("Choose a kind")), *CommunityService.Kind.choices]
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=TEXT_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    opening_hours = forms.CharField(
        label=_("Opening hours"),
        max_length=300,
        required=False,
        help_text=_("For example: Tuesdays 17:00–19:00"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=CommunityService.Status.choices,
        initial=CommunityService.Status.ACTIVE,
    )
    committee = SafeModelChoiceField(
        label=_("Committee"),
        queryset=Committee.objects.none(),
        required=False,
        empty_label=_("No committee"),
        error_messages={"invalid_choice": _("Choose one of the committees in the list.")},
    )
    runners = _residents_field(
        _("Run by"), _("The volunteers who run it. Hold Ctrl (or ⌘) to choose several.")
    )

    def __init__(
        self,
        *args: Any,
        settlement: Settlement,
        user: Any,
        service: CommunityService | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "committee", committee_choices(user=user, settlement=settlement))
        limit_choices(self, "runners", resident_choices(settlement=settlement))
        if not user.has_perm("committees.add_committee", settlement):
            # A chair keeps the service in a committee they chair.
            committee: Any = self.fields["committee"]
            committee.required = True
            committee.empty_label = None
            committee.error_messages["required"] = _("Choose the committee that runs it.")
        if service is not None and not self.is_bound:
            self.initial.update(
                {
                    "name": service.name,
                    "kind": service.kind,
                    "description": service.description,
                    "place": service.place,
                    "opening_hours": service.opening_hours,
                    "status": service.status,
                    "committee": service.committee_id,
                    "runners": [r.pk for r in service.runners.all()],
                }
            )

    def clean_name(self) -> str:
        name = _squash(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError(_("Give the service a name."))
        return name

    def clean_place(self) -> str:
        return _squash(self.cleaned_data.get("place", ""))

    def clean_opening_hours(self) -> str:
        return _squash(self.cleaned_data.get("opening_hours", ""))

    def clean_description(self) -> str:
        description: str = self.cleaned_data.get("description", "")
        return description.strip()

    def service_data(self) -> dict[str, Any]:
        keys = ("name", "kind", "description", "place", "opening_hours", "status", "committee")
        return {key: self.cleaned_data[key] for key in keys}


class ServiceFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *CommunityService.Status.choices],
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *CommunityService.Kind.choices],
    )
