"""Forms of the two-factor pages: validation of what was typed only; the codes are checked
by the services in ``coordinator.two_factor``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .two_factor import TOTP_DIGITS, normalise_code

CODE_ATTRS = {
    "autocomplete": "one-time-code",
    "autocapitalize": "none",
    "spellcheck": "false",
    "autofocus": True,
}


class TwoFactorCodeForm(forms.Form):
    """The step after the password: a code from the app, or a recovery code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("The 6-digit code from your authenticator app, or one of your recovery codes."),
        widget=forms.TextInput(attrs=CODE_ATTRS),
    )

    def clean_code(self) -> str:
        return normalise_code(self.cleaned_data["code"])


class TotpSetupForm(forms.Form):
    """The first code of a newly set up app, which proves it works."""

    code = forms.CharField(
        label=_("Code from the app"),
        max_length=16,
        help_text=_("The 6 digits the app shows now."),
        widget=forms.TextInput(attrs={**CODE_ATTRS, "inputmode": "numeric"}),
    )

    def clean_code(self) -> str:
        code = normalise_code(self.cleaned_data["code"])
        if not (code.isdigit() and len(code) == TOTP_DIGITS):
            raise forms.ValidationError(_("Write the 6 digits the app shows."))
        return code
