"""The classes programme (chugim): a season of weekly classes, each with an outside
instructor, sessions made from its weekly schedule (holidays skipped), registrations of one
or more members of a household with a waiting list, attendance and payment status.

Money is exact (Decimal) in the settlement's currency. Places are counted from the
registrations that hold them; a registration takes its places under a lock on the class
row, so two people taking the last place at once cannot both get it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from committees.models import Committee
from coordinator.models import AgeGroup, Household, Resident, SettlementOwned

from .models_signups import Contact, SignupStatus


class Season(SettlementOwned):
    """A year of the programme, for example 2026–27."""

    name = models.CharField(_("name"), max_length=60)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))

    class Meta:
        ordering = ["-starts_on", "id"]
        verbose_name = _("season")
        verbose_name_plural = _("seasons")
        constraints = [
            models.UniqueConstraint(fields=["settlement", "name"], name="season_name_unique"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gt=models.F("starts_on")),
                name="season_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Instructor(SettlementOwned):
    """An outside provider who teaches classes, with their terms."""

    class RateUnit(models.TextChoices):
        SESSION = "session", _("per session")
        HOUR = "hour", _("per hour")
        MONTH = "month", _("per month")

    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    rate = models.DecimalField(_("rate"), max_digits=10, decimal_places=2, default=0)
    rate_unit = models.CharField(
        _("rate is"), max_length=8, choices=RateUnit.choices, default=RateUnit.SESSION
    )
    contract_from = models.DateField(_("contract from"), null=True, blank=True)
    contract_until = models.DateField(_("contract until"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("instructor")
        verbose_name_plural = _("instructors")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rate__gte=0), name="instructor_rate_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(contract_until__isnull=True)
                | models.Q(contract_from__isnull=True)
                | models.Q(contract_until__gte=models.F("contract_from")),
                name="instructor_contract_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Course(SettlementOwned):
    """A class of the programme ("class" is a Python word, so the model is a course)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        OPEN = "open", _("Open for registration")
        CANCELLED = "cancelled", _("Cancelled")

    class FeePeriod(models.TextChoices):
        MONTH = "month", _("per month")
        SEASON = "season", _("per season")

    season = models.ForeignKey(
        Season, on_delete=models.PROTECT, related_name="courses", verbose_name=_("season")
    )
    # {"he": "...", "sl": "...", "en": "..."}, as for events.
    title = models.JSONField(_("title"), default=dict)
    description = models.JSONField(_("description"), default=dict, blank=True)
    instructor = models.ForeignKey(
        Instructor,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="courses",
        verbose_name=_("instructor"),
    )
    age_group = models.CharField(_("for"), max_length=12, choices=AgeGroup.choices, blank=True)
    committee = models.ForeignKey(
        Committee,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="courses",
        verbose_name=_("committee"),
    )
    # Weekly schedule: days of the week (0 Monday .. 6 Sunday) at one time of day.
    weekdays = models.JSONField(_("days"), default=list)
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("until"))
    starts_on = models.DateField(_("first week"))
    ends_on = models.DateField(_("last week"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("places"))
    min_participants = models.PositiveIntegerField(_("minimum to open"), default=0)
    fee = models.DecimalField(_("fee"), max_digits=10, decimal_places=2, default=0)
    fee_period = models.CharField(
        _("fee is"), max_length=6, choices=FeePeriod.choices, default=FeePeriod.MONTH
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"))

    class Meta:
        ordering = ["starts_on", "start_time", "id"]
        verbose_name = _("class")
        verbose_name_plural = _("classes")
        indexes = [models.Index(fields=["settlement", "status"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="course_has_places"),
            models.CheckConstraint(
                condition=models.Q(min_participants__lte=models.F("capacity")),
                name="course_minimum_within_places",
            ),
            models.CheckConstraint(
                condition=models.Q(end_time__gt=models.F("start_time")),
                name="course_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="course_last_week_after_first",
            ),
            models.CheckConstraint(condition=models.Q(fee__gte=0), name="course_fee_positive"),
        ]

    def __str__(self) -> str:
        return next(iter(self.title.values()), "") if self.title else ""


class CourseSession(SettlementOwned):
    """One meeting of a class, made from its schedule. Dates that fall on a holiday are
    kept as skipped with the holiday's name, so the coordinator sees why a week is
    missing; the coordinator can skip others by hand, or bring a skipped one back."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        SKIPPED = "skipped", _("Skipped")

    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("class")
    )
    date = models.DateField(_("date"))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED
    )
    # Why it is skipped: a holiday's key ("holiday:hanukkah") or the coordinator's words.
    note = models.CharField(_("note"), max_length=200, blank=True)
    skipped_by_hand = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        indexes = [models.Index(fields=["settlement", "starts_at"])]
        constraints = [
            models.UniqueConstraint(fields=["course", "date"], name="session_one_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.course} {self.date:%Y-%m-%d}"


class ClassRegistration(Contact):
    """One sign-up for a class: one or more members of a household (a parent signing up
    two children) who get places together or wait together."""

    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("class")
    )
    household = models.ForeignKey(
        Household,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("household"),
    )
    # How many participants: the places this registration holds or waits for.
    places = models.PositiveSmallIntegerField(_("places"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=SignupStatus.choices, default=SignupStatus.CONFIRMED
    )
    promoted_at = models.DateTimeField(_("moved up from the waiting list"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("class registration")
        verbose_name_plural = _("class registrations")
        indexes = [models.Index(fields=["course", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(places__gte=1) & models.Q(places__lte=10),
                name="class_registration_places_1_to_10",
            )
        ]


class ClassParticipant(SettlementOwned):
    """A person who takes part, and where their payment stands (no payment gateway)."""

    class Payment(models.TextChoices):
        DUE = "due", _("Due")
        PAID = "paid", _("Paid")
        EXEMPT = "exempt", _("Exempt")

    registration = models.ForeignKey(
        ClassRegistration,
        on_delete=models.CASCADE,
        related_name="participants",
        verbose_name=_("registration"),
    )
    name = models.CharField(_("name"), max_length=200)
    resident = models.ForeignKey(
        Resident,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resident"),
    )
    age_group = models.CharField(_("age group"), max_length=12, choices=AgeGroup.choices)
    payment = models.CharField(
        _("payment"), max_length=8, choices=Payment.choices, default=Payment.DUE
    )

    class Meta:
        ordering = ["registration", "id"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return self.name


class SessionAttendance(SettlementOwned):
    session = models.ForeignKey(
        CourseSession,
        on_delete=models.CASCADE,
        related_name="attendance",
        verbose_name=_("session"),
    )
    participant = models.ForeignKey(
        ClassParticipant,
        on_delete=models.CASCADE,
        related_name="attendance",
        verbose_name=_("participant"),
    )
    present = models.BooleanField(_("present"), default=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "participant"], name="attendance_once_per_session"
            )
        ]
