"""Forms of sending a survey: its audience, and hand-picking residents."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from committees.models import Committee
from coordinator.models import AgeGroup, Neighbourhood, Resident, Settlement, Tag

from .models import Survey


class AudienceForm(forms.Form):
    audience = forms.ChoiceField(
        label=_("Who is invited"), choices=Survey.Audience.choices, widget=forms.RadioSelect
    )
    age_groups = forms.MultipleChoiceField(
        label=_("Age groups"),
        choices=AgeGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    neighbourhoods: "forms.ModelMultipleChoiceField[Neighbourhood]" = (
        forms.ModelMultipleChoiceField(
            label=_("Neighbourhoods"),
            queryset=Neighbourhood.objects.none(),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
    )
    tags: "forms.ModelMultipleChoiceField[Tag]" = forms.ModelMultipleChoiceField(
        label=_("Tags"),
        queryset=Tag.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    committees: "forms.ModelMultipleChoiceField[Committee]" = forms.ModelMultipleChoiceField(
        label=_("Members of the committees"),
        queryset=Committee.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    NEEDS = {
        Survey.Audience.AGE_GROUP: ("age_groups", _("Choose at least one age group.")),
        Survey.Audience.NEIGHBOURHOOD: ("neighbourhoods", _("Choose at least one neighbourhood.")),
        Survey.Audience.TAG: ("tags", _("Choose at least one tag.")),
        Survey.Audience.COMMITTEE: ("committees", _("Choose at least one committee.")),
    }

    def __init__(self, *args: Any, settlement: Settlement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["neighbourhoods"].queryset = Neighbourhood.objects.filter(settlement=settlement)
        fields["tags"].queryset = Tag.objects.filter(settlement=settlement)
        fields["committees"].queryset = Committee.objects.filter(settlement=settlement)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        need = self.NEEDS.get(data.get("audience", ""))
        if need and not data.get(need[0]):
            self.add_error(need[0], need[1])
        return data


class PickForm(forms.Form):
    """Add residents to (or remove them from) a survey's hand-picked audience."""

    action = forms.ChoiceField(choices=[("add", "add"), ("remove", "remove")])
    residents: "forms.ModelMultipleChoiceField[Resident]" = forms.ModelMultipleChoiceField(
        label=_("Residents"), queryset=Resident.objects.none()
    )

    def __init__(self, *args: Any, settlement: Settlement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["residents"].queryset = Resident.objects.filter(
            settlement=settlement, archived_at__isnull=True
        )
        fields["residents"].error_messages["required"] = _("Choose at least one resident.")
