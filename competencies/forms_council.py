"""The council's forms: a competency of its own, and a row of its table of evidence."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from .selectors_council import ShownArea

TEXT_MAX = 500


class OwnCompetencyForm(forms.Form):
    area = forms.TypedChoiceField(label=_("Area"), coerce=int)
    text_sl = forms.CharField(
        label=_("The competency in Slovenian"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    text_he = forms.CharField(
        label=_("The competency in Hebrew"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "rtl", "lang": "he"}),
    )
    text_en = forms.CharField(
        label=_("The competency in English"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2, "lang": "en"}),
    )

    def __init__(self, *args: Any, areas: list[ShownArea], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["area"]).choices = [
            ("", "—"),
            *((area.number, f"{area.number}. {area.title}") for area in areas),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any((data.get(f"text_{code}") or "").strip() for code in ("sl", "he", "en")):
            raise forms.ValidationError(_("Write the competency in at least one language."))
        return data

    def texts(self) -> dict[str, str]:
        return {code: self.cleaned_data[f"text_{code}"] for code in ("sl", "he", "en")}


class EvidenceRuleForm(forms.Form):
    source = forms.ChoiceField(label=_("Recorded work"))
    competency_key = forms.ChoiceField(label=_("Counts for the competency"))

    def __init__(
        self,
        *args: Any,
        sources: list[tuple[str, str]],
        competencies: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["source"]).choices = [("", "—"), *sources]
        cast(forms.ChoiceField, self.fields["competency_key"]).choices = [("", "—"), *competencies]


class RemoveRuleForm(forms.Form):
    remove = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
