"""Validation of input only; the services do the writing."""

from typing import Any

from django import forms
from django.conf import settings as django_settings
from django.db.models import QuerySet
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelChoiceField, SafeModelMultipleChoiceField

from . import clock
from .models import (
    AgeGroup,
    ErasureReason,
    Household,
    Neighbourhood,
    Resident,
    Settlement,
    Tag,
    User,
)

BULK_MAX = 500  # residents changed by one bulk action: more than a few pages of the list


def limit_choices(form: forms.BaseForm, name: str, queryset: Any) -> None:
    """Offer only the given rows (always the settlement's own) in a choice field."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{name} is not a model choice field")
    field.queryset = queryset


class SharedChoices(BaseChoiceIterator):
    """The options of a select, read from a queryset that other selects of the same page
    iterate too: it runs once, on first use, and not at all if no select is rendered (an
    HTMX swap of the table). ``ModelChoiceField`` would query again for each select."""

    def __init__(self, queryset: QuerySet[Any], empty_label: Any) -> None:
        self.queryset = queryset
        self.empty_label = empty_label

    def __iter__(self) -> Any:
        yield ("", self.empty_label)
        for obj in self.queryset:
            yield (obj.pk, str(obj))


def share_choices(form: forms.BaseForm, name: str, queryset: QuerySet[Any]) -> None:
    """Validate ``name`` against ``queryset`` and render its options from that very object."""
    limit_choices(form, name, queryset)
    field = form.fields[name]
    widget: Any = field.widget
    widget.choices = SharedChoices(queryset, getattr(field, "empty_label", None))


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class ResidentForm(forms.ModelForm):
    new_tags = forms.CharField(
        label=_("New tags"),
        required=False,
        max_length=300,
        help_text=_("Separate tags with commas, for example: new family, volunteer"),
    )

    class Meta:
        model = Resident
        fields = [
            "first_name",
            "last_name",
            "birth_date",
            "household",
            "neighbourhood",
            "email",
            "phone",
            "arrival_date",
            "preferred_language",
            "consent_to_contact",
            "tags",
        ]
        field_classes = {
            "household": SafeModelChoiceField,
            "neighbourhood": SafeModelChoiceField,
            "tags": SafeModelMultipleChoiceField,
        }
        widgets = {
            "birth_date": DateInput(),
            "arrival_date": DateInput(),
            "tags": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, settlement: Settlement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.settlement = settlement
        limit_choices(self, "household", Household.objects.filter(settlement=settlement))
        limit_choices(self, "neighbourhood", Neighbourhood.objects.filter(settlement=settlement))
        limit_choices(self, "tags", Tag.objects.filter(settlement=settlement))
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        if not self.instance.pk:
            self.initial.setdefault("preferred_language", settlement.language)

    def clean_birth_date(self) -> Any:
        birth_date = self.cleaned_data.get("birth_date")
        if birth_date and birth_date > clock.today():
            raise forms.ValidationError(_("The birth date cannot be in the future."))
        if birth_date and birth_date.year < 1900:
            raise forms.ValidationError(_("The birth date cannot be before 1900."))
        return birth_date

    def clean_phone(self) -> str:
        phone: str = self.cleaned_data.get("phone", "").strip()
        allowed = set("0123456789 +()-./")
        if phone and not set(phone) <= allowed:
            raise forms.ValidationError(_("Write the phone number with digits, spaces and + only."))
        return phone

    def clean_new_tags(self) -> list[str]:
        names = [n.strip() for n in self.cleaned_data.get("new_tags", "").split(",") if n.strip()]
        if any(len(n) > 50 for n in names):
            raise forms.ValidationError(_("A tag can be at most 50 characters long."))
        return names


class HouseholdForm(forms.ModelForm):
    class Meta:
        model = Household
        fields = ["name", "address", "neighbourhood"]
        field_classes = {"neighbourhood": SafeModelChoiceField}

    def __init__(self, *args: Any, settlement: Settlement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.settlement = settlement
        limit_choices(self, "neighbourhood", Neighbourhood.objects.filter(settlement=settlement))

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        taken = Household.objects.filter(settlement=self.settlement, name__iexact=name)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("A household with this name already exists."))
        return name


class ResidentFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    age_group = forms.ChoiceField(
        label=_("Age group"), required=False, choices=[("", _("All ages")), *AgeGroup.choices]
    )
    neighbourhood = SafeModelChoiceField(
        label=_("Neighbourhood"),
        required=False,
        queryset=Neighbourhood.objects.none(),
        empty_label=_("All neighbourhoods"),
    )
    tag = SafeModelChoiceField(
        label=_("Tag"), required=False, queryset=Tag.objects.none(), empty_label=_("All tags")
    )
    archived = forms.BooleanField(label=_("Show archived residents"), required=False)

    def __init__(self, *args: Any, settlement: Settlement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "neighbourhood", Neighbourhood.objects.filter(settlement=settlement))
        # The bulk-action form of the list offers the same tags: one query for both.
        self.tag_options = Tag.objects.filter(settlement=settlement)
        share_choices(self, "tag", self.tag_options)


class IdListField(forms.Field):
    """Several ids from checkboxes of the same name."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "invalid": _("Select residents from the list."),
        "too_many": _("Select at most %(max)d residents at once."),
    }

    def to_python(self, value: Any) -> list[int]:
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        try:
            ids = sorted({int(v) for v in value})
        except (TypeError, ValueError) as error:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from error
        if len(ids) > BULK_MAX:
            raise forms.ValidationError(
                self.error_messages["too_many"], code="too_many", params={"max": BULK_MAX}
            )
        return ids


class ResidentBulkForm(forms.Form):
    """One action on the residents ticked in the list. The ids are only validated as
    numbers here; the service acts on those of the settlement and ignores the rest."""

    ARCHIVE = "archive"
    TAG = "tag"

    action = forms.ChoiceField(
        label=_("With the selected residents"),
        choices=[("", _("Choose an action")), (ARCHIVE, _("Archive")), (TAG, _("Add a tag"))],
    )
    tag = SafeModelChoiceField(
        label=_("Tag to add"),
        required=False,
        queryset=Tag.objects.none(),
        empty_label=_("Choose a tag"),
    )
    ids = IdListField(error_messages={"required": _("Select at least one resident.")})
    query = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        settlement: Settlement,
        tags: QuerySet[Tag] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        share_choices(
            self, "tag", tags if tags is not None else Tag.objects.filter(settlement=settlement)
        )

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if cleaned.get("action") == self.TAG and not cleaned.get("tag"):
            self.add_error("tag", _("Choose the tag to add."))
        return cleaned


class ResidentEraseForm(forms.Form):
    full_name = forms.CharField(
        label=_("The resident's full name"),
        max_length=201,
        help_text=_("Type the name exactly as shown above, to confirm."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    reason = forms.ChoiceField(
        label=_("Reason"), choices=ErasureReason.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, resident: Resident, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.resident = resident

    def clean_full_name(self) -> str:
        typed = " ".join(self.cleaned_data["full_name"].split()).casefold()
        if typed != " ".join(self.resident.full_name.split()).casefold():
            raise forms.ValidationError(_("The name does not match. Type it as shown above."))
        return typed


class AuditFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of record"), required=False)
    user = forms.ModelChoiceField(
        label=_("Changed by"),
        required=False,
        queryset=User.objects.none(),
        empty_label=_("Anyone"),
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Until"), required=False, widget=DateInput())

    def __init__(
        self, *args: Any, settlement: Settlement, kinds: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        kind: Any = self.fields["kind"]
        kind.choices = [("", _("Everything")), *kinds]
        limit_choices(
            self,
            "user",
            User.objects.filter(memberships__settlement=settlement).distinct().order_by("username"),
        )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("A CSV (UTF-8) or Excel .xlsx file with a header row."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > django_settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is too large: at most %(size)d MB."),
                params={"size": django_settings.IMPORT_MAX_BYTES // (1024 * 1024)},
            )
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a CSV or an Excel (.xlsx) file."))
        return upload


class AgeGroupsForm(forms.ModelForm):
    class Meta:
        model = Settlement
        fields = ["youth_from", "young_adults_from", "adults_from", "seniors_from"]

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        bounds = [cleaned.get(k) for k in self.Meta.fields]
        if None not in bounds and not (0 < bounds[0] < bounds[1] < bounds[2] < bounds[3]):  # type: ignore[operator]
            raise forms.ValidationError(
                _("Each age group must start at a higher age than the group before it.")
            )
        return cleaned


class NameForm(forms.Form):
    """Add a neighbourhood or a tag: a name unique within the settlement."""

    name = forms.CharField(label=_("Name"), max_length=50)

    def __init__(
        self,
        *args: Any,
        model: type[Neighbourhood] | type[Tag],
        settlement: Settlement,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.model = model
        self.settlement = settlement

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Write a name."))
        if self.model.objects.filter(settlement=self.settlement, name__iexact=name).exists():
            raise forms.ValidationError(_("This name is already in the list."))
        return name


class SettlementSwitchForm(forms.Form):
    settlement = forms.IntegerField()


def form_status(form: forms.BaseForm | None) -> int:
    """The status of a page showing ``form``: 400 when it was sent with errors, else 200."""
    return 400 if form is not None and form.is_bound and form.errors else 200
