"""The settlement's vision and its yearly society-and-community plan: goals that answer
needs of the needs register, measurable targets, programmes that carry them out, their
budget lines and the funding that pays for them.

Money is exact (Decimal, two places) in the settlement's one currency
(``Settlement.currency``). Totals are computed, never stored (see ``plans/totals.py``), so
they cannot drift from the lines they add up.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from committees.models import Committee, Partner
from coordinator.history import AuditedHistory
from coordinator.models import Neighbourhood, SettlementOwned, Tag
from surveys.models import Need


class Vision(SettlementOwned):
    """The settlement's vision statement and values, shown at the top of the plan; its
    history keeps every revision (who, when, what)."""

    statement = models.TextField(_("vision"))
    values = models.TextField(_("values"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"))

    history = AuditedHistory()

    class Meta:
        verbose_name = _("vision")
        verbose_name_plural = _("visions")
        constraints = [
            models.UniqueConstraint(fields=["settlement"], name="vision_one_per_settlement")
        ]

    def __str__(self) -> str:
        return self.statement[:80]


class Plan(SettlementOwned):
    """The plan of one year. Draft, then submitted; the secretary or a board member
    approves it (frozen: later changes are revisions) or returns it with comments."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned with comments")
        APPROVED = "approved", _("Approved")

    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decision_comment = models.TextField(_("comments"), blank=True)
    created_at = models.DateTimeField(_("created"))

    history = AuditedHistory()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("yearly plan")
        verbose_name_plural = _("yearly plans")
        constraints = [
            models.UniqueConstraint(fields=["settlement", "year"], name="plan_one_per_year"),
            models.CheckConstraint(
                condition=models.Q(year__gte=2000) & models.Q(year__lte=2100),
                name="plan_year_sensible",
            ),
        ]

    def __str__(self) -> str:
        return self.title or str(self.year)


class Goal(SettlementOwned):
    """A goal of the plan: the needs it answers and the groups it serves."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="goals", verbose_name=_("plan")
    )
    title = models.CharField(_("goal"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    needs = models.ManyToManyField(
        Need, blank=True, related_name="goals", verbose_name=_("needs it answers")
    )
    # Groups it serves: age groups (codes of coordinator.models.AgeGroup; empty: everyone),
    # neighbourhoods and tags (new families).
    age_groups = models.JSONField(_("age groups"), default=list, blank=True)
    neighbourhoods: "models.ManyToManyField[Neighbourhood, Any]" = models.ManyToManyField(
        Neighbourhood, blank=True, related_name="+", verbose_name=_("neighbourhoods")
    )
    tags: "models.ManyToManyField[Tag, Any]" = models.ManyToManyField(
        Tag, blank=True, related_name="+", verbose_name=_("tags")
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.title


class Target(SettlementOwned):
    """A measurable target of a goal: from the baseline to the target value, in a unit,
    and how it is measured."""

    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, related_name="targets", verbose_name=_("goal")
    )
    indicator = models.CharField(_("indicator"), max_length=300)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2, default=0)
    target_value = models.DecimalField(_("target value"), max_digits=14, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    how_measured = models.CharField(_("how it is measured"), max_length=300, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self) -> str:
        return self.indicator


class Programme(SettlementOwned):
    """A programme or activity under a goal, with its owner (a committee, or the
    coordinator when none), dates and partners, and the events, classes and committees
    that carry it out."""

    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, related_name="programmes", verbose_name=_("goal")
    )
    title = models.CharField(_("programme"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        Committee,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_programmes",
        verbose_name=_("owner"),
    )
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    partners = models.ManyToManyField(
        Partner, blank=True, related_name="+", verbose_name=_("partners")
    )
    committees: "models.ManyToManyField[Committee, Any]" = models.ManyToManyField(
        Committee, blank=True, related_name="+", verbose_name=_("committees")
    )
    events: "models.ManyToManyField[Any, Any]" = models.ManyToManyField(
        "events.Event", blank=True, related_name="+", verbose_name=_("events")
    )
    courses: "models.ManyToManyField[Any, Any]" = models.ManyToManyField(
        "events.Course", blank=True, related_name="+", verbose_name=_("classes")
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="programme_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.title


class FundingSource(SettlementOwned):
    """Money for the plan: from the council, the settlement's budget, a grant, donations
    or participants' fees, with where it stands, so the coordinator sees what is still to
    raise."""

    class Kind(models.TextChoices):
        COUNCIL = "council", _("Regional council")
        SETTLEMENT = "settlement", _("Settlement budget")
        GRANT = "grant", _("Grant")
        DONATION = "donation", _("Donations")
        FEES = "fees", _("Participant fees")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        REQUESTED = "requested", _("Requested")
        APPROVED = "approved", _("Approved")
        RECEIVED = "received", _("Received")

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="funding", verbose_name=_("plan")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("source"), max_length=200)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    requested_on = models.DateField(_("requested on"), null=True, blank=True)
    decided_on = models.DateField(_("approved on"), null=True, blank=True)
    received_on = models.DateField(_("received on"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="funding_amount_not_negative"
            )
        ]

    def __str__(self) -> str:
        return self.name


class BudgetLine(SettlementOwned):
    """A line of a programme's budget: its category, planned expense and income, and the
    funding source that pays for it."""

    class Category(models.TextChoices):
        STAFF = "staff", _("Staff and instructors")
        ACTIVITIES = "activities", _("Activities")
        MATERIALS = "materials", _("Materials and equipment")
        MARKETING = "marketing", _("Publicity")
        VENUE = "venue", _("Venue")
        TRANSPORT = "transport", _("Transport")
        FOOD = "food", _("Food and hospitality")
        OTHER = "other", _("Other")

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="lines", verbose_name=_("programme")
    )
    category = models.CharField(
        _("category"), max_length=12, choices=Category.choices, default=Category.ACTIVITIES
    )
    description = models.CharField(_("description"), max_length=300, blank=True)
    planned_expense = models.DecimalField(
        _("planned expense"), default=0, max_digits=12, decimal_places=2
    )
    planned_income = models.DecimalField(
        _("planned income"), default=0, max_digits=12, decimal_places=2
    )
    funding = models.ForeignKey(
        FundingSource,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lines",
        verbose_name=_("funding source"),
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(planned_expense__gte=0) & models.Q(planned_income__gte=0),
                name="budget_line_money_not_negative",
            )
        ]

    def __str__(self) -> str:
        return self.description or self.get_category_display()


class PlanRevision(SettlementOwned):
    """A change to an approved plan: who made it, when and why, and what it changed. An
    approved plan is frozen; every later change goes through a revision."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("plan")
    )
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("made by"),
    )
    made_at = models.DateTimeField(_("made"))
    reason = models.TextField(_("why"))
    summary = models.TextField(_("what changed"))

    class Meta:
        ordering = ["-made_at", "-id"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")

    def __str__(self) -> str:
        return self.reason[:80]


class Actual(SettlementOwned):
    """Money actually spent or received against a budget line: entered by hand, or carried
    from an event's actual cost or a class's instructor cost and collected fees (then it
    names its source, and carrying again updates it instead of adding it twice)."""

    class Kind(models.TextChoices):
        EXPENSE = "expense", _("Expense")
        INCOME = "income", _("Income")

    line = models.ForeignKey(
        BudgetLine, on_delete=models.CASCADE, related_name="actuals", verbose_name=_("budget line")
    )
    kind = models.CharField(_("kind"), max_length=7, choices=Kind.choices, default=Kind.EXPENSE)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    on = models.DateField(_("date"))
    description = models.CharField(_("description"), max_length=300, blank=True)
    event = models.ForeignKey(
        "events.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("event"),
    )
    course = models.ForeignKey(
        "events.Course",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("class"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"))

    class Meta:
        ordering = ["-on", "-id"]
        verbose_name = _("actual")
        verbose_name_plural = _("actuals")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="actual_not_negative"),
            models.UniqueConstraint(
                fields=["line", "event", "kind"],
                condition=models.Q(event__isnull=False),
                name="actual_once_per_event",
            ),
            models.UniqueConstraint(
                fields=["line", "course", "kind"],
                condition=models.Q(course__isnull=False),
                name="actual_once_per_course",
            ),
        ]

    def __str__(self) -> str:
        return self.description or self.get_kind_display()


class Measurement(SettlementOwned):
    """A reading of a target's indicator on a day, so progress is seen over the year."""

    target = models.ForeignKey(
        Target, on_delete=models.CASCADE, related_name="measurements", verbose_name=_("target")
    )
    measured_on = models.DateField(_("measured on"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"))

    class Meta:
        ordering = ["measured_on", "id"]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")

    def __str__(self) -> str:
        return f"{self.measured_on}: {self.value}"


class BudgetWarning(SettlementOwned):
    """The claim that a line's warning at a threshold (90% or 100% of its planned expense)
    was queued: inserted in the transaction that queues the e-mail, so each goes once."""

    line = models.ForeignKey(BudgetLine, on_delete=models.CASCADE, related_name="warnings")
    threshold = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["line", "threshold"], name="budget_warning_once")
        ]
