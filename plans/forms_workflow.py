"""Forms of the plan's way to approval and of its keeping through the year: validation
only."""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coordinator.forms import DateInput

from .models import Actual

APPROVE = "approve"
RETURN = "return"


class DecisionForm(forms.Form):
    """The secretary's or a board member's decision on a submitted plan."""

    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=[
            (APPROVE, _("Approve the plan")),
            (RETURN, _("Return it to the coordinator with comments")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether to approve the plan or return it.")},
    )
    comment = forms.CharField(
        label=_("Comments"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Needed when you return the plan: say what should change."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        comment = " ".join((data.get("comment") or "").split())
        if data.get("decision") == RETURN and not comment:
            self.add_error("comment", _("Say what should change when you return the plan."))
        return data

    @property
    def approve(self) -> bool:
        return bool(self.cleaned_data.get("decision") == APPROVE)


def _amount(label: Any, *, positive: bool) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        min_value=Decimal("0.01") if positive else None,
        max_digits=12,
        decimal_places=2,
        widget=forms.NumberInput(
            attrs={"step": "0.01", "inputmode": "decimal", **({"min": "0.01"} if positive else {})}
        ),
        error_messages={"min_value": _("The amount must be more than zero.")},
    )


class ActualForm(forms.Form):
    """Money spent or received against a budget line."""

    kind = forms.ChoiceField(
        label=_("Spent or received"), choices=Actual.Kind.choices, initial=Actual.Kind.EXPENSE
    )
    amount = _amount(_("Amount"), positive=True)
    on = forms.DateField(label=_("Date"), widget=DateInput())
    description = forms.CharField(label=_("What for"), required=False, max_length=300)


class MeasurementForm(forms.Form):
    """A reading of a target's indicator."""

    measured_on = forms.DateField(label=_("Measured on"), widget=DateInput())
    value = forms.DecimalField(
        label=_("Value"),
        max_digits=14,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=300)
