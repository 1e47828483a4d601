from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coordinator.forms import limit_choices
from coordinator.models import Role, Settlement, User

from .models import Committee


class CommitteeForm(forms.ModelForm):
    chairs = forms.ModelMultipleChoiceField(
        label=_("Chairs"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("People with the committee-chair role in this settlement."),
    )

    class Meta:
        model = Committee
        fields = ["name", "kind", "mandate"]

    def __init__(
        self, *args: Any, settlement: Settlement, can_set_chairs: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.settlement = settlement
        if can_set_chairs:
            limit_choices(
                self,
                "chairs",
                User.objects.filter(
                    memberships__settlement=settlement, memberships__role=Role.CHAIR, is_active=True
                ).order_by("first_name", "last_name", "username"),
            )
            if self.instance.pk:
                self.initial["chairs"] = list(self.instance.chairs.all())
        else:
            del self.fields["chairs"]

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        taken = Committee.objects.filter(settlement=self.settlement, name__iexact=name)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("A committee with this name already exists."))
        return name
