"""Events of the settlement: holidays, ceremonies, culture and community gatherings, on
its calendar, its public page and its calendar feed."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from committees.models import Committee
from coordinator.models import SettlementOwned


class Event(SettlementOwned):
    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Holiday")
        CEREMONY = "ceremony", _("Ceremony")
        CULTURE = "culture", _("Culture")
        COMMUNITY = "community", _("Community")
        SPORT = "sport", _("Sport")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    # {"he": "...", "sl": "...", "en": "..."}: one or more of the settlement's languages.
    title = models.JSONField(_("title"), default=dict)
    description = models.JSONField(_("description"), default=dict, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.OTHER)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    # Codes of coordinator.models.AgeGroup; empty: everyone.
    age_groups = models.JSONField(_("for"), default=list, blank=True)
    committee = models.ForeignKey(
        Committee,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("organising committee"),
    )
    # In the settlement's currency; exact.
    planned_cost = models.DecimalField(
        _("planned cost"), max_digits=12, decimal_places=2, default=0
    )
    actual_cost = models.DecimalField(_("actual cost"), max_digits=12, decimal_places=2, default=0)
    planned_income = models.DecimalField(
        _("planned income"), max_digits=12, decimal_places=2, default=0
    )
    actual_income = models.DecimalField(
        _("actual income"), max_digits=12, decimal_places=2, default=0
    )
    # Sign-up through the public link: open or not, and how many places (None: no limit).
    signup_open = models.BooleanField(_("residents can sign up"), default=False)
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    # Counted after the event; None until counted.
    attendance = models.PositiveIntegerField(_("people who came"), null=True, blank=True)
    # The short feedback survey sent to those who came (surveys app), once made.
    feedback_survey = models.OneToOneField(
        "surveys.Survey",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback_for_event",
        editable=False,
    )
    # The holiday suggestion this event was made from ("2026:hanukkah"); "" for others.
    holiday_key = models.CharField(max_length=60, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"))

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["settlement", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gt=models.F("starts_at")),
                name="event_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(planned_cost__gte=0)
                & models.Q(actual_cost__gte=0)
                & models.Q(planned_income__gte=0)
                & models.Q(actual_income__gte=0),
                name="event_money_not_negative",
            ),
            models.UniqueConstraint(
                fields=["settlement", "holiday_key"],
                condition=~models.Q(holiday_key=""),
                name="event_one_per_holiday",
            ),
        ]

    def __str__(self) -> str:
        return next(iter(self.title.values()), "") if self.title else ""


from .models_classes import (  # noqa: E402
    ClassParticipant,
    ClassRegistration,
    Course,
    CourseSession,
    Instructor,
    Season,
    SessionAttendance,
)
from .models_signups import EventRegistration, ShiftSignup, VolunteerShift  # noqa: E402

__all__ = [
    "ClassParticipant",
    "ClassRegistration",
    "Course",
    "CourseSession",
    "Event",
    "EventRegistration",
    "Instructor",
    "Season",
    "SessionAttendance",
    "ShiftSignup",
    "VolunteerShift",
]
