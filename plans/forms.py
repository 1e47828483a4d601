"""Forms of the plan's pages: validation only; the services in ``services_content`` write.

Every content form knows its plan: on an approved plan it asks why (the change is kept
as a revision); on a plan that is with the board it refuses, whatever is sent. Every
choice is limited to the settlement's own rows (and funding to the plan's own sources),
so another settlement's id is a form error."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelChoiceField, SafeModelMultipleChoiceField

from committees.models import Committee, Partner
from coordinator import clock
from coordinator.forms import DateInput, limit_choices
from coordinator.models import AgeGroup, Neighbourhood, Settlement, Tag
from events.models import Event
from events.models_classes import Course
from events.selectors import event_title
from events.selectors_classes import course_title
from surveys.models import Need

from .models import BudgetLine, FundingSource, Goal, Plan, Programme, Target

SUBMITTED_ERROR = _("The plan is with the board for approval. It can be changed once they decide.")
YEAR_MIN, YEAR_MAX = 2000, 2100


def _amount(label: Any, required: bool = True) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=Decimal(0),
        max_digits=12,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0", "inputmode": "decimal"}),
    )


def _number(label: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        max_digits=14,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )


def next_plan_year(today: dt.date) -> int:
    """The year a new plan is most likely for: next year from September on."""
    return today.year + 1 if today.month >= 9 else today.year


class SharedRows:
    """Rows that the options of several widgets are read from, with one query: the
    committees that may own a programme and those that take part in it are the same."""

    def __init__(self, queryset: QuerySet[Any]) -> None:
        self.queryset = queryset
        self.rows: list[tuple[Any, str]] | None = None

    def options(self) -> list[tuple[Any, str]]:
        if self.rows is None:
            self.rows = [(obj.pk, str(obj)) for obj in self.queryset]
        return self.rows


class SharedChoices(BaseChoiceIterator):
    def __init__(self, shared: SharedRows, empty_label: Any = None) -> None:
        self.shared = shared
        self.empty_label = empty_label

    def __iter__(self) -> Any:
        if self.empty_label is not None:
            yield ("", self.empty_label)
        yield from self.shared.options()


class LinkedField(SafeModelMultipleChoiceField):
    """Several of the settlement's rows; ids of other settlements are an error."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("queryset", Need.objects.none())
        super().__init__(*args, **kwargs)
        self.error_messages.update(
            {
                "invalid_choice": _(
                    "One of the chosen items is not in this settlement. Choose again from the list."
                ),
                "invalid_pk_value": _("Choose from the list."),
            }
        )


class TitledField(LinkedField):
    """Events or classes, named in the reader's language."""

    def __init__(self, *args: Any, settlement: Settlement | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.settlement = settlement

    def label_from_instance(self, obj: Any) -> str:
        title = event_title if isinstance(obj, Event) else course_title
        if self.settlement is None:
            return str(obj.pk)
        return title(obj, self.settlement, get_language() or "")


class PlanCreateForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=YEAR_MIN, max_value=YEAR_MAX)
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Optional, for example: Growing together"),
    )

    def __init__(self, *args: Any, settlement: Settlement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("year", next_plan_year(clock.local_today(settlement)))


class VisionForm(forms.Form):
    statement = forms.CharField(
        label=_("Vision"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Where the settlement wants to be in a few years, in a few sentences."),
        error_messages={"required": _("Write the vision before saving.")},
    )
    values = forms.CharField(
        label=_("Values"),
        max_length=10_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What guides the work, for example: belonging, mutual help, openness."),
    )

    def clean_statement(self) -> str:
        statement: str = self.cleaned_data["statement"].strip()
        if not statement:
            raise forms.ValidationError(_("Write the vision before saving."))
        return statement

    def clean_values(self) -> str:
        return str(self.cleaned_data.get("values", "")).strip()


class PlanContentForm(forms.ModelForm):
    """A form that changes the plan. On an approved plan it asks why; on a submitted one it
    refuses (and on a page, shows itself disabled)."""

    def __init__(self, *args: Any, plan: Plan, settlement: Settlement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.settlement = settlement
        if plan.status == Plan.Status.APPROVED:
            self.fields["reason"] = forms.CharField(
                label=_("Why this change?"),
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("The plan is approved: the change is kept as a revision."),
                error_messages={"required": _("Say why you change the approved plan.")},
            )
        if plan.status == Plan.Status.SUBMITTED and not self.is_bound:
            for field in self.fields.values():
                field.disabled = True

    @property
    def locked(self) -> bool:
        return self.plan.status == Plan.Status.SUBMITTED

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.locked:
            raise forms.ValidationError(SUBMITTED_ERROR, code="submitted")
        return data

    @property
    def reason(self) -> str:
        return str(self.cleaned_data.get("reason", ""))

    def data_for_service(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self._meta.fields or ()}


class ReasonForm(forms.Form):
    """Deleting something of the plan: on an approved plan, why."""

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        if plan.status == Plan.Status.APPROVED:
            self.fields["reason"] = forms.CharField(
                label=_("Why this change?"),
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("The plan is approved: the change is kept as a revision."),
                error_messages={"required": _("Say why you change the approved plan.")},
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.plan.status == Plan.Status.SUBMITTED:
            raise forms.ValidationError(SUBMITTED_ERROR, code="submitted")
        return data

    @property
    def reason(self) -> str:
        return str(self.cleaned_data.get("reason", ""))


class PlanTitleForm(PlanContentForm):
    class Meta:
        model = Plan
        fields = ["title"]
        help_texts = {"title": _("Optional, for example: Growing together")}

    def clean_title(self) -> str:
        return " ".join(str(self.cleaned_data.get("title", "")).split())


class GoalForm(PlanContentForm):
    age_groups = forms.MultipleChoiceField(
        label=_("Age groups it serves"),
        choices=AgeGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty when the goal is for everyone."),
    )
    needs = LinkedField(
        label=_("Needs it answers"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("From the needs register."),
    )
    neighbourhoods = LinkedField(
        label=_("Neighbourhoods it serves"), widget=forms.CheckboxSelectMultiple
    )
    tags = LinkedField(
        label=_("Groups it serves"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The tags of the registry, such as “new families”."),
    )

    class Meta:
        model = Goal
        fields = ["title", "description", "needs", "age_groups", "neighbourhoods", "tags"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        labels = {"title": _("Goal")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        settlement = self.settlement
        linked = self.instance.pk and Q(goals=self.instance)
        needs = Need.objects.filter(settlement=settlement).exclude(
            status__in=[Need.Status.MET, Need.Status.DROPPED]
        )
        if linked:
            needs = Need.objects.filter(settlement=settlement).filter(
                ~Q(status__in=[Need.Status.MET, Need.Status.DROPPED]) | linked
            )
        limit_choices(self, "needs", needs.distinct().order_by("title"))
        limit_choices(self, "neighbourhoods", Neighbourhood.objects.filter(settlement=settlement))
        limit_choices(self, "tags", Tag.objects.filter(settlement=settlement))

    def clean_title(self) -> str:
        title = " ".join(str(self.cleaned_data.get("title", "")).split())
        if not title:
            raise forms.ValidationError(_("Name the goal."))
        return title

    def clean_age_groups(self) -> list[str]:
        chosen = set(self.cleaned_data.get("age_groups", []))
        return [value for value in AgeGroup.values if value in chosen]


class TargetForm(PlanContentForm):
    baseline = _number(_("Baseline"))
    target_value = _number(_("Target value"))

    class Meta:
        model = Target
        fields = ["indicator", "baseline", "target_value", "unit", "how_measured"]
        help_texts = {
            "indicator": _("What is counted, for example: young people at the youth club."),
            "baseline": _("Where it stands now."),
            "unit": _("For example: people, meetings, per cent."),
            "how_measured": _("For example: the attendance list of each meeting."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.pk is None:
            self.initial.setdefault("baseline", Decimal("0"))

    def clean_indicator(self) -> str:
        indicator = " ".join(str(self.cleaned_data.get("indicator", "")).split())
        if not indicator:
            raise forms.ValidationError(_("Say what is measured."))
        return indicator


class ProgrammeForm(PlanContentForm):
    owner = SafeModelChoiceField(
        label=_("Owner"),
        queryset=Committee.objects.none(),
        required=False,
        empty_label=_("The coordinator"),
        help_text=_("The committee that runs it; or the coordinator."),
    )
    partners = LinkedField(label=_("Partners"), widget=forms.CheckboxSelectMultiple)
    committees = LinkedField(label=_("Committees taking part"), widget=forms.CheckboxSelectMultiple)
    events = TitledField(
        label=_("Events that carry it out"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Hold Ctrl (Cmd on a Mac) to choose more than one."),
    )
    courses = TitledField(
        label=_("Classes that carry it out"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Hold Ctrl (Cmd on a Mac) to choose more than one."),
    )

    class Meta:
        model = Programme
        fields = [
            "title",
            "description",
            "owner",
            "starts_on",
            "ends_on",
            "partners",
            "committees",
            "events",
            "courses",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "starts_on": DateInput(),
            "ends_on": DateInput(),
        }
        labels = {"title": _("Programme or activity")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        settlement = self.settlement
        committees = Committee.objects.filter(settlement=settlement).order_by("name")
        limit_choices(self, "owner", committees)
        self.fields["owner"].error_messages["invalid_choice"] = _("Choose the owner from the list.")
        limit_choices(self, "partners", Partner.objects.filter(settlement=settlement))
        limit_choices(self, "committees", committees)
        shared = SharedRows(committees)
        owner: Any = self.fields["owner"]
        owner.widget.choices = SharedChoices(shared, owner.empty_label)
        self.fields["committees"].widget.choices = SharedChoices(shared)
        limit_choices(
            self, "events", Event.objects.filter(settlement=settlement).order_by("-starts_at")
        )
        limit_choices(self, "courses", Course.objects.filter(settlement=settlement).order_by("-id"))
        for name in ("events", "courses"):
            field: Any = self.fields[name]
            field.settlement = settlement

    def clean_title(self) -> str:
        title = " ".join(str(self.cleaned_data.get("title", "")).split())
        if not title:
            raise forms.ValidationError(_("Name the programme."))
        return title

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The programme cannot end before it starts."))
        return data


class LineForm(PlanContentForm):
    planned_expense = _amount(_("Planned expense"))
    planned_income = _amount(_("Planned income"))
    funding = SafeModelChoiceField(
        label=_("Funding source"),
        queryset=FundingSource.objects.none(),
        required=False,
        empty_label=_("Not chosen yet"),
    )

    class Meta:
        model = BudgetLine
        fields = ["category", "description", "planned_expense", "planned_income", "funding"]
        help_texts = {"planned_income": _("Participant fees or sales, if any.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(
            self,
            "funding",
            FundingSource.objects.filter(settlement=self.settlement, plan=self.plan),
        )
        self.fields["funding"].error_messages["invalid_choice"] = _(
            "Choose a funding source of this plan."
        )
        if not self.is_bound and self.instance.pk is None:
            self.initial.setdefault("planned_income", Decimal("0"))

    def clean_description(self) -> str:
        return " ".join(str(self.cleaned_data.get("description", "")).split())


class FundingForm(PlanContentForm):
    amount = _amount(_("Amount"))

    class Meta:
        model = FundingSource
        fields = ["kind", "name", "amount", "status", "requested_on", "decided_on", "received_on"]
        widgets = {
            "requested_on": DateInput(),
            "decided_on": DateInput(),
            "received_on": DateInput(),
        }
        help_texts = {"name": _("For example: Ministry grant for youth, or Regional council.")}

    def clean_name(self) -> str:
        name = " ".join(str(self.cleaned_data.get("name", "")).split())
        if not name:
            raise forms.ValidationError(_("Name the source."))
        return name


class FundingStatusForm(forms.Form):
    """Where a source stands, and the day it got there. Not a change of the plan."""

    status = forms.ChoiceField(label=_("Status"), choices=FundingSource.Status.choices)
    on = forms.DateField(label=_("On"), required=False, widget=DateInput())

    def __init__(self, *args: Any, source: FundingSource | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if source is not None:
            self.fields["status"].widget.attrs["id"] = f"id_status_{source.pk}"
            self.fields["on"].widget.attrs["id"] = f"id_on_{source.pk}"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        status = data.get("status")
        if status and status != FundingSource.Status.PLANNED and not data.get("on"):
            self.add_error("on", _("Give the date of this step."))
        return data
