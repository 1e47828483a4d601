"""Forms of a committee's members: validation only. The resident is one of the
settlement's current residents; another settlement's id is an error."""

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelChoiceField

from coordinator import clock
from coordinator.forms import DateInput, limit_choices
from coordinator.models import Resident, Settlement

from .models import Committee, CommitteeMember
from .selectors_members import resident_choices


class TermFields(forms.Form):
    role = forms.ChoiceField(label=_("Role on the committee"), choices=CommitteeMember.Role.choices)
    term_start = forms.DateField(
        label=_("Term from"), required=False, widget=DateInput(), help_text=_("Optional.")
    )
    term_end = forms.DateField(
        label=_("Term until"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty if the term has no set end."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start: dt.date | None = data.get("term_start")
        end: dt.date | None = data.get("term_end")
        if start is not None and end is not None and end < start:
            self.add_error("term_end", _("The term cannot end before it starts."))
        return data

    def term_data(self) -> dict[str, Any]:
        return {key: self.cleaned_data[key] for key in ("role", "term_start", "term_end")}


class MemberAddForm(TermFields):
    resident = SafeModelChoiceField(
        label=_("Resident"),
        queryset=Resident.objects.none(),
        widget=forms.RadioSelect,  # never rendered as is: the picker shows a few
        error_messages={
            "required": _("Choose the resident who joins the committee."),
            "invalid_choice": _("Choose a current resident of this settlement from the list."),
        },
    )

    field_order = ["resident", "role", "term_start", "term_end"]

    def __init__(
        self, *args: Any, settlement: Settlement, committee: Committee, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.committee = committee
        limit_choices(self, "resident", resident_choices(settlement=settlement))
        if not self.is_bound:
            self.initial.setdefault("role", CommitteeMember.Role.MEMBER)
            self.initial.setdefault("term_start", clock.today())

    def clean_resident(self) -> Resident:
        resident: Resident = self.cleaned_data["resident"]
        if CommitteeMember.objects.filter(
            settlement_id=self.committee.settlement_id, committee=self.committee, resident=resident
        ).exists():
            raise forms.ValidationError(
                _("%(name)s is already on this committee. Edit their role or term instead.")
                % {"name": resident.full_name},
                code="already_member",
            )
        return resident


class MemberEditForm(TermFields):
    pass


def member_initial(member: CommitteeMember) -> dict[str, Any]:
    return {"role": member.role, "term_start": member.term_start, "term_end": member.term_end}
