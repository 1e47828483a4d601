"""Who comes to an event and who helps run it: registrations through the public link
(with a waiting list when places run out) and volunteer shifts residents take through a
link.

A person who signs up is often not in the registry (a guest, a new family), so a
registration keeps its own name and contact details; when the e-mail matches a resident
of the settlement the registration is linked to them. Personal links (to cancel, to see
one's place) are HMAC tokens of which only the hash is stored, as for surveys.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from coordinator.models import Language, Resident, SettlementOwned


class SignupStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Has a place")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Contact(SettlementOwned):
    """Who signed up: a name, an address to write to, their language, the resident they
    are (when known), and the hash of their personal link."""

    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    resident = models.ForeignKey(
        Resident,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resident"),
    )
    # The personal link is ``committees.tokens.link_token(purpose, nonce)``; only its hash
    # is looked up, and the nonce alone (without the server's key) yields no link.
    nonce = models.CharField(max_length=32, blank=True, editable=False)
    token_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    created_at = models.DateTimeField(_("signed up"))
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name


class EventRegistration(Contact):
    """A place (or places: a family comes together) at an event."""

    event = models.ForeignKey(
        "events.Event",
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("event"),
    )
    seats = models.PositiveSmallIntegerField(_("people"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=SignupStatus.choices, default=SignupStatus.CONFIRMED
    )
    promoted_at = models.DateTimeField(_("moved up from the waiting list"), null=True, blank=True)
    # Whether they came; None until the attendance is taken.
    attended = models.BooleanField(_("came"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("event registration")
        verbose_name_plural = _("event registrations")
        indexes = [models.Index(fields=["event", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(seats__gte=1) & models.Q(seats__lte=20),
                name="event_registration_seats_1_to_20",
            )
        ]


class VolunteerShift(SettlementOwned):
    """A job at an event (setting up, the door, the kitchen) at a time, for so many
    people."""

    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="shifts", verbose_name=_("event")
    )
    role = models.CharField(_("role"), max_length=120)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    needed = models.PositiveSmallIntegerField(_("people needed"), default=1)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("volunteer shift")
        verbose_name_plural = _("volunteer shifts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="shift_ends_after_it_starts",
            ),
            models.CheckConstraint(condition=models.Q(needed__gte=1), name="shift_needs_someone"),
        ]

    def __str__(self) -> str:
        return self.role


class ShiftSignup(Contact):
    """A resident who took a shift through the event's volunteer link."""

    shift = models.ForeignKey(
        VolunteerShift, on_delete=models.CASCADE, related_name="signups", verbose_name=_("shift")
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("shift volunteer")
        verbose_name_plural = _("shift volunteers")
        indexes = [models.Index(fields=["shift", "cancelled_at"])]
