"""Volunteers: a profile on a resident (skills, interests, availability, languages, a
background check), openings a committee or the coordinator needs filled, invitations to
them, hours given, and the milestones those hours reach."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coordinator.models import Resident, SettlementOwned

from .models import Committee


class Slot(models.TextChoices):
    """When a volunteer is free, and when an opening needs someone."""

    WEEKDAY_MORNINGS = "weekday_mornings", _("Weekday mornings")
    WEEKDAY_AFTERNOONS = "weekday_afternoons", _("Weekday afternoons")
    WEEKDAY_EVENINGS = "weekday_evenings", _("Weekday evenings")
    WEEKENDS = "weekends", _("Weekends")


class SpokenLanguage(models.TextChoices):
    HEBREW = "he", _("Hebrew")
    SLOVENIAN = "sl", _("Slovenian")
    ENGLISH = "en", _("English")
    ARABIC = "ar", _("Arabic")
    RUSSIAN = "ru", _("Russian")
    AMHARIC = "am", _("Amharic")
    FRENCH = "fr", _("French")
    SPANISH = "es", _("Spanish")
    CROATIAN = "hr", _("Croatian")
    SERBIAN = "sr", _("Serbian")
    ITALIAN = "it", _("Italian")
    HUNGARIAN = "hu", _("Hungarian")
    GERMAN = "de", _("German")


class Skill(SettlementOwned):
    """A word of the settlement's own list of talents: "first aid", "graphic design"."""

    name = models.CharField(_("skill"), max_length=80)

    class Meta:
        ordering = ["name"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        constraints = [
            models.UniqueConstraint(fields=["settlement", "name"], name="skill_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class VolunteerProfile(SettlementOwned):
    class Check(models.TextChoices):
        NONE = "none", _("Not done")
        REQUESTED = "requested", _("Requested")
        VALID = "valid", _("Valid")
        EXPIRED = "expired", _("Expired")

    resident = models.OneToOneField(
        Resident,
        on_delete=models.CASCADE,
        related_name="volunteer_profile",
        verbose_name=_("resident"),
    )
    skills: "models.ManyToManyField[Skill, Any]" = models.ManyToManyField(
        Skill, blank=True, related_name="volunteers", verbose_name=_("skills")
    )
    # Areas from Committee.Kind ("culture", "youth", ...), as a list of codes.
    interests = models.JSONField(_("interests"), default=list, blank=True)
    # Slot codes, as a list.
    availability = models.JSONField(_("availability"), default=list, blank=True)
    # SpokenLanguage codes, as a list.
    languages = models.JSONField(_("languages"), default=list, blank=True)
    hours_per_month = models.PositiveSmallIntegerField(_("hours a month they can give"), default=8)
    background_check = models.CharField(
        _("background check"), max_length=10, choices=Check.choices, default=Check.NONE
    )
    background_check_until = models.DateField(_("check valid until"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)
    notes = models.TextField(_("notes"), blank=True)
    # The personal link for reporting hours: an HMAC of the nonce under the secret key;
    # only its SHA-256 is stored (see committees/tokens.py).
    hours_nonce = models.CharField(max_length=32, blank=True, editable=False)
    hours_token_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    created_at = models.DateTimeField(_("created"))

    class Meta:
        ordering = ["resident__last_name", "resident__first_name", "id"]
        verbose_name = _("volunteer profile")
        verbose_name_plural = _("volunteer profiles")

    def __str__(self) -> str:
        return str(self.resident)


class Opening(SettlementOwned):
    """A role a committee (or the coordinator, with no committee) needs filled."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        FILLED = "filled", _("Filled")
        CLOSED = "closed", _("Closed")

    title = models.CharField(_("role"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    committee = models.ForeignKey(
        Committee,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="openings",
        verbose_name=_("committee"),
    )
    area = models.CharField(
        _("area"), max_length=20, choices=Committee.Kind.choices, default=Committee.Kind.OTHER
    )
    skills: "models.ManyToManyField[Skill, Any]" = models.ManyToManyField(
        Skill, blank=True, related_name="openings", verbose_name=_("skills wanted")
    )
    availability = models.JSONField(_("when"), default=list, blank=True)
    language = models.CharField(
        _("language needed"), max_length=2, choices=SpokenLanguage.choices, blank=True
    )
    needs_background_check = models.BooleanField(_("needs a background check"), default=False)
    people_needed = models.PositiveSmallIntegerField(_("people needed"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"))

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("opening")
        verbose_name_plural = _("openings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(people_needed__gte=1), name="opening_needs_someone"
            )
        ]

    def __str__(self) -> str:
        return self.title


class OpeningInvitation(SettlementOwned):
    """A resident invited to an opening, and their answer (through their link, or recorded
    by the coordinator after a phone call)."""

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    opening = models.ForeignKey(Opening, on_delete=models.CASCADE, related_name="invitations")
    resident = models.ForeignKey(
        Resident,
        on_delete=models.CASCADE,
        related_name="opening_invitations",
        verbose_name=_("resident"),
    )
    status = models.CharField(
        _("answer"), max_length=10, choices=Status.choices, default=Status.INVITED
    )
    nonce = models.CharField(max_length=32, blank=True, editable=False)
    token_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    invited_at = models.DateTimeField(_("invited"))
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["-invited_at", "-id"]
        verbose_name = _("invitation to an opening")
        verbose_name_plural = _("invitations to openings")
        constraints = [
            models.UniqueConstraint(fields=["opening", "resident"], name="opening_invited_once")
        ]


class VolunteerHours(SettlementOwned):
    """Hours a resident gave: reported by them through their link (waiting for the chair),
    or logged by their chair or the coordinator (approved as they are logged)."""

    class Source(models.TextChoices):
        SELF = "self", _("Reported by the volunteer")
        CHAIR = "chair", _("Logged by the chair")
        COORDINATOR = "coordinator", _("Logged by the coordinator")

    class Status(models.TextChoices):
        PENDING = "pending", _("To confirm")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Not approved")

    resident = models.ForeignKey(
        Resident,
        on_delete=models.CASCADE,
        related_name="volunteer_hours",
        verbose_name=_("volunteer"),
    )
    # The committee the hours were given for; none: for the coordinator (who approves).
    committee = models.ForeignKey(
        Committee,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="volunteer_hours",
        verbose_name=_("committee"),
    )
    opening = models.ForeignKey(
        Opening,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hours",
        verbose_name=_("opening"),
    )
    date = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=2)
    description = models.CharField(_("what was done"), max_length=300, blank=True)
    source = models.CharField(_("source"), max_length=12, choices=Source.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_note = models.CharField(_("note to the volunteer"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"))

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("volunteer hours")
        verbose_name_plural = _("volunteer hours")
        indexes = [models.Index(fields=["settlement", "status", "committee"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours__gt=0) & models.Q(hours__lte=24),
                name="volunteer_hours_in_a_day",
            )
        ]


class VolunteerMilestone(SettlementOwned):
    """A resident reached ``hours`` approved hours in all (10, 50, 100, ...)."""

    resident = models.ForeignKey(
        Resident, on_delete=models.CASCADE, related_name="volunteer_milestones"
    )
    hours = models.PositiveIntegerField(_("hours"))
    reached_on = models.DateField(_("reached on"))

    class Meta:
        ordering = ["-reached_on", "-hours"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [models.UniqueConstraint(fields=["resident", "hours"], name="milestone_once")]
