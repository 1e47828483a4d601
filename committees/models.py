"""Committees of a settlement: their members, yearly work plans and meetings (with minutes,
attendance and action items), and the directory of partners the coordinator works with."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coordinator.history import AuditedHistory
from coordinator.models import Resident, SettlementOwned


class Committee(SettlementOwned):
    class Kind(models.TextChoices):
        CULTURE = "culture", _("Culture")
        ABSORPTION = "absorption", _("Absorption of new families")
        YOUTH = "youth", _("Youth")
        WELFARE = "welfare", _("Welfare and chesed")
        EMERGENCY = "emergency", _("Emergency team")
        EDUCATION = "education", _("Education")
        SPORT = "sport", _("Sport")
        ENVIRONMENT = "environment", _("Environment")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    mandate = models.TextField(_("mandate"), blank=True)
    chairs = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="chaired_committees",
        verbose_name=_("chairs"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    # Each row keeps the chairs of that moment too.
    history = AuditedHistory(m2m_fields=[chairs])

    class Meta:
        ordering = ["name"]
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        constraints = [
            models.UniqueConstraint(fields=["settlement", "name"], name="committee_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class CommitteeMember(SettlementOwned):
    """A resident serving on a committee, in a role, for a term (open-ended if no end)."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        DEPUTY = "deputy", _("Deputy")
        MEMBER = "member", _("Member")

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="members")
    resident = models.ForeignKey(
        Resident,
        on_delete=models.CASCADE,
        related_name="committee_memberships",
        verbose_name=_("resident"),
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    term_start = models.DateField(_("from"), null=True, blank=True)
    term_end = models.DateField(_("until"), null=True, blank=True)

    history = AuditedHistory()

    class Meta:
        ordering = ["committee", "role", "id"]
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        constraints = [
            models.UniqueConstraint(fields=["committee", "resident"], name="committee_member_once")
        ]


class WorkPlan(SettlementOwned):
    """A committee's plan for one year: goals, and activities under them."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="work_plans")
    year = models.PositiveSmallIntegerField(_("year"))
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")
        constraints = [
            models.UniqueConstraint(fields=["committee", "year"], name="work_plan_once_a_year")
        ]


class WorkPlanGoal(SettlementOwned):
    work_plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("goal"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")


class WorkPlanActivity(SettlementOwned):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        POSTPONED = "postponed", _("Postponed")
        CANCELLED = "cancelled", _("Cancelled")

    goal = models.ForeignKey(WorkPlanGoal, on_delete=models.CASCADE, related_name="activities")
    title = models.CharField(_("activity"), max_length=200)
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    # In the settlement's currency; exact (Decimal), never a float.
    budget_request = models.DecimalField(
        _("budget request"), max_digits=12, decimal_places=2, default=0
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["starts_on", "id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(budget_request__gte=0), name="activity_budget_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="activity_ends_after_it_starts",
            ),
        ]


class Partner(SettlementOwned):
    """Someone the coordinator works with: a council department, another coordinator, an
    outside professional or organisation."""

    class Kind(models.TextChoices):
        WELFARE = "welfare", _("Council: welfare department")
        SECURITY = "security", _("Council: security department")
        CULTURE_YOUTH = "culture_youth", _("Council: culture and youth department")
        EDUCATION = "education", _("Council: education department")
        SETTLEMENTS = "settlements", _("Council: settlements department")
        COORDINATOR = "coordinator", _("Another community coordinator")
        PROFESSIONAL = "professional", _("Outside professional")
        ORGANISATION = "organisation", _("Organisation")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    committees: "models.ManyToManyField[Committee, Any]" = models.ManyToManyField(
        Committee, blank=True, related_name="partners", verbose_name=_("committees")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self) -> str:
        return self.name


class Meeting(SettlementOwned):
    """A meeting of a committee, or with office holders (secretary, board, ...)."""

    class Kind(models.TextChoices):
        COMMITTEE = "committee", _("Committee meeting")
        SECRETARY = "secretary", _("With the settlement secretary")
        BOARD = "board", _("With the board")
        CULTURE_CHAIR = "culture_chair", _("With the culture chair")
        YOUTH = "youth", _("With the youth coordinator")
        COUNCIL = "council", _("With a council department")
        FORUM = "forum", _("Coordinators' forum")
        OTHER = "other", _("Other")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    committee = models.ForeignKey(
        Committee,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("committee"),
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    video_link = models.URLField(_("video link"), blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    decisions = models.TextField(_("decisions"), blank=True)
    # Meetings made from one recurrence share a series id (every other Tuesday, ...).
    series = models.UUIDField(null=True, blank=True, editable=False, db_index=True)
    attendees: "models.ManyToManyField[Resident, Any]" = models.ManyToManyField(
        Resident,
        blank=True,
        related_name="meetings",
        through="MeetingAttendance",
        verbose_name=_("attendees"),
    )
    users: "models.ManyToManyField[Any, Any]" = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="meetings",
        verbose_name=_("staff taking part"),
    )
    partners: "models.ManyToManyField[Partner, Any]" = models.ManyToManyField(
        Partner, blank=True, related_name="meetings", verbose_name=_("partners")
    )
    created_at = models.DateTimeField(_("created"))

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["settlement", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return self.title


class MeetingAttendance(SettlementOwned):
    """A resident invited to a meeting, and whether they came (None: not recorded yet)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="+")
    attended = models.BooleanField(_("attended"), null=True, blank=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "resident"], name="attendance_once")
        ]


class ActionItem(SettlementOwned):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="action_items")
    title = models.CharField(_("action item"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"))

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        indexes = [models.Index(fields=["settlement", "owner", "done_at", "due_on"])]

    def __str__(self) -> str:
        return self.title


class StaffNotice(SettlementOwned):
    """A reminder or digest e-mailed to a staff account (a user, not a resident: residents'
    messages go through ``messaging``). Its key is inserted in the transaction that queues
    the e-mail, so the same notice is never queued twice."""

    key = models.CharField(max_length=200)
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["settlement", "key"], name="staff_notice_once")
        ]


# Volunteers, initiatives, conflicts and services live in modules of their own.
from .models_community import *  # noqa: E402, F403
from .models_volunteers import *  # noqa: E402, F403
