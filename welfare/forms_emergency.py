"""Forms of emergency mode: declaring, a follow-up on the board, a resident's answer."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CheckIn, Emergency


class DeclareForm(forms.Form):
    kind = forms.ChoiceField(label=_("What kind of emergency"), choices=Emergency.Kind.choices)
    title = forms.CharField(
        label=_("What is happening"),
        max_length=200,
        help_text=_("One short line, for example: Storm, roads closed."),
    )
    instructions = forms.CharField(
        label=_("Instructions for residents (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Added to the check-in message: where to go, what to do."),
    )
    confirm = forms.BooleanField(
        label=_("Send the safety check-in to every resident with contact details now"),
        error_messages={"required": _("Tick this box to confirm that the check-in goes out.")},
    )


class FollowUpForm(forms.Form):
    assigned_to = forms.CharField(
        label=_("Who calls or visits"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"list": "helper-names", "autocomplete": "off"}),
    )
    follow_up = forms.ChoiceField(
        label=_("Follow-up"), choices=CheckIn.FollowUp.choices, required=False
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("assigned_to", "").strip() and not data.get("follow_up"):
            raise forms.ValidationError(_("Write who calls or visits, or choose how it went."))
        return data


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        choices=[(CheckIn.Answer.SAFE, _("We are safe")), (CheckIn.Answer.HELP, _("We need help"))]
    )
    help_note = forms.CharField(label=_("What help do you need?"), max_length=500, required=False)
