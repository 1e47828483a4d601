from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class ResolveForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("What happened?"),
        choices=[
            ("sent", _("It arrived: mark it as sent")),
            ("resend", _("It did not arrive: send it again")),
        ],
        widget=forms.RadioSelect,
    )


class QuietHoursForm(forms.Form):
    quiet_from = forms.TimeField(
        label=_("No messages from"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    quiet_until = forms.TimeField(
        label=_("until"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("quiet_from") and data.get("quiet_from") == data.get("quiet_until"):
            self.add_error(
                "quiet_until",
                _("The quiet hours must end at another time than they start."),
            )
        return data
