"""Forms of volunteers and openings: validation only. The skills and committees offered
are the settlement's own (and, for a chair, the committees they chair), so another
settlement's id is an error."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelChoiceField, SafeModelMultipleChoiceField

from coordinator.forms import limit_choices

from .models import Committee
from .models_volunteers import (
    Opening,
    OpeningInvitation,
    Skill,
    Slot,
    SpokenLanguage,
    VolunteerProfile,
)

SKILL_LENGTH = 80
NEW_SKILLS = 20  # new skills one form may add
NOTES_LENGTH = 20_000


def _skill_boxes(form: forms.Form, skills: QuerySet[Skill]) -> None:
    limit_choices(form, "skills", skills)
    field = form.fields["skills"]
    # Rendered from one read; validation still checks the posted ids against the database.
    field.widget.choices = [(s.pk, s.name) for s in skills]
    field.error_messages["invalid_choice"] = _("Choose skills of this settlement only.")
    field.error_messages["invalid_pk_value"] = _("Choose skills from the list.")


class VolunteerForm(forms.Form):
    skills = SafeModelMultipleChoiceField(
        label=_("Skills"),
        queryset=Skill.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    new_skills = forms.CharField(
        label=_("New skills, comma separated"),
        required=False,
        max_length=2000,
        help_text=_("For example: first aid, graphic design. Each is added to the list."),
    )
    interests = forms.MultipleChoiceField(
        label=_("Interested in"),
        choices=Committee.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    availability = forms.MultipleChoiceField(
        label=_("Free at"),
        choices=Slot.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=SpokenLanguage.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    hours_per_month = forms.IntegerField(
        label=_("Hours a month they can give"), min_value=0, max_value=200, initial=8
    )
    background_check = forms.ChoiceField(
        label=_("Background check"), choices=VolunteerProfile.Check.choices
    )
    background_check_until = forms.DateField(
        label=_("Check valid until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Required when the check is valid."),
    )
    active = forms.BooleanField(
        label=_("Active"),
        required=False,
        initial=True,
        help_text=_("Inactive volunteers are not suggested for openings."),
    )
    notes = forms.CharField(
        label=_("Notes"),
        max_length=NOTES_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    FIELDS = (
        "interests",
        "availability",
        "languages",
        "hours_per_month",
        "background_check",
        "background_check_until",
        "active",
        "notes",
    )

    def __init__(
        self,
        *args: Any,
        skills: QuerySet[Skill],
        profile: VolunteerProfile | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _skill_boxes(self, skills)
        if profile is not None and not self.is_bound:
            self.initial.update({key: getattr(profile, key) for key in self.FIELDS})
            self.initial["skills"] = [s.pk for s in profile.skills.all()]

    def clean_new_skills(self) -> list[str]:
        names: list[str] = []
        seen: set[str] = set()
        for part in self.cleaned_data.get("new_skills", "").split(","):
            name = " ".join(part.split())
            if not name or name.casefold() in seen:
                continue
            if len(name) > SKILL_LENGTH:
                raise forms.ValidationError(
                    _("A skill is at most %(max)s characters long.") % {"max": SKILL_LENGTH}
                )
            seen.add(name.casefold())
            names.append(name)
        if len(names) > NEW_SKILLS:
            raise forms.ValidationError(
                _("Add at most %(max)s new skills at once.") % {"max": NEW_SKILLS}
            )
        return names

    def clean_notes(self) -> str:
        notes: str = self.cleaned_data.get("notes", "")
        return notes.strip()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("background_check") == VolunteerProfile.Check.VALID and not data.get(
            "background_check_until"
        ):
            self.add_error(
                "background_check_until", _("Give the date until which the check is valid.")
            )
        return data

    def profile_data(self) -> dict[str, Any]:
        return {key: self.cleaned_data[key] for key in self.FIELDS}


class VolunteerFilterForm(forms.Form):
    q = forms.CharField(label=_("Search by name"), required=False, max_length=100)
    skill = SafeModelChoiceField(
        label=_("Skill"), queryset=Skill.objects.none(), required=False, empty_label=_("All skills")
    )
    slot = forms.ChoiceField(
        label=_("Free at"), required=False, choices=[("", _("Any time")), *Slot.choices]
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("All languages")), *SpokenLanguage.choices],
    )
    active = forms.ChoiceField(
        label=_("Active"),
        required=False,
        choices=[("", _("All")), ("yes", _("Active")), ("no", _("Inactive"))],
    )

    def __init__(self, *args: Any, skills: QuerySet[Skill], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "skill", skills)
        self.fields["skill"].widget.choices = [
            ("", _("All skills")),
            *[(s.pk, s.name) for s in skills],
        ]


class OpeningForm(forms.Form):
    title = forms.CharField(
        label=_("Role"),
        max_length=200,
        help_text=_("For example: driver for the seniors' club, set-up team for the festival"),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=NOTES_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the volunteer will do, where, and for how long."),
    )
    committee = SafeModelChoiceField(
        label=_("Committee"), queryset=Committee.objects.none(), required=False
    )
    area = forms.ChoiceField(label=_("Area"), choices=Committee.Kind.choices)
    skills = SafeModelMultipleChoiceField(
        label=_("Skills wanted"),
        queryset=Skill.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    availability = forms.MultipleChoiceField(
        label=_("When"),
        choices=Slot.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty if any time will do."),
    )
    language = forms.ChoiceField(
        label=_("Language needed"),
        required=False,
        choices=[("", _("No particular language")), *SpokenLanguage.choices],
    )
    needs_background_check = forms.BooleanField(
        label=_("Needs a background check"),
        required=False,
        help_text=_("For example when working with children."),
    )
    people_needed = forms.IntegerField(
        label=_("People needed"), min_value=1, max_value=500, initial=1
    )
    status = forms.ChoiceField(label=_("Status"), choices=Opening.Status.choices)

    FIELDS = (
        "title",
        "description",
        "committee",
        "area",
        "availability",
        "language",
        "needs_background_check",
        "people_needed",
        "status",
    )

    def __init__(
        self,
        *args: Any,
        committees: QuerySet[Committee],
        skills: QuerySet[Skill],
        committee_required: bool,
        opening: Opening | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "committee", committees)
        field = self.fields["committee"]
        field.required = committee_required
        rows = list(committees)
        field.widget.choices = [
            ("", _("Choose a committee") if committee_required else _("None: for the coordinator")),
            *[(c.pk, c.name) for c in rows],
        ]
        field.error_messages["invalid_choice"] = _("Choose one of your committees.")
        field.error_messages["required"] = _("Choose the committee that needs the volunteer.")
        _skill_boxes(self, skills)
        if opening is None:
            del self.fields["status"]
        elif not self.is_bound:
            self.initial.update({key: getattr(opening, key) for key in self.FIELDS})
            self.initial["committee"] = opening.committee_id
            self.initial["skills"] = [s.pk for s in opening.skills.all()]
        if not self.is_bound and opening is None and len(rows) == 1 and committee_required:
            self.initial["committee"] = rows[0].pk
            self.initial["area"] = rows[0].kind

    def clean_title(self) -> str:
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError(_("Name the role."))
        return title

    def clean_description(self) -> str:
        description: str = self.cleaned_data.get("description", "")
        return description.strip()

    def opening_data(self) -> dict[str, Any]:
        return {key: self.cleaned_data[key] for key in self.FIELDS if key in self.cleaned_data}


class OpeningFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *Opening.Status.choices]
    )
    committee = forms.TypedChoiceField(
        label=_("Committee"), required=False, coerce=int, empty_value=None, choices=[]
    )

    def __init__(self, *args: Any, committees: list[Committee], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["committee"].choices = [  # type: ignore[attr-defined]
            ("", _("All committees")),
            *[(c.pk, c.name) for c in committees],
        ]


class InviteForm(forms.Form):
    resident = forms.TypedMultipleChoiceField(
        label=_("Volunteers to invite"),
        coerce=int,
        choices=[],
        error_messages={
            "required": _("Choose at least one volunteer to invite."),
            "invalid_choice": _("Choose volunteers from the suggestions."),
        },
    )

    def __init__(self, *args: Any, choices: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["resident"].choices = [(pk, pk) for pk in choices]  # type: ignore[attr-defined]


class InvitationAnswerForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Answer"),
        choices=[
            (OpeningInvitation.Status.ACCEPTED, _("Accepted")),
            (OpeningInvitation.Status.DECLINED, _("Declined")),
        ],
        error_messages={"required": _("Choose the answer they gave.")},
    )


class PublicAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        choices=[("accept", _("Accept")), ("decline", _("Decline"))],
        error_messages={
            "required": _("Choose whether you accept or decline."),
            "invalid_choice": _("Choose whether you accept or decline."),
        },
    )
