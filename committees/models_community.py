"""Residents' initiatives, conflicts and their mediation, and community services run by
volunteers."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coordinator.models import Resident, SettlementOwned

from .models import Committee


class Initiative(SettlementOwned):
    """A resident's idea, from the public form or entered by the coordinator, on its way to
    done or declined. ``answer`` is what the resident reads on their status page."""

    class Source(models.TextChoices):
        PUBLIC = "public", _("Public form")
        COORDINATOR = "coordinator", _("Entered by the coordinator")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        REVIEWING = "reviewing", _("Being reviewed")
        ACCEPTED = "accepted", _("Accepted")
        IN_PROGRESS = "in_progress", _("Under way")
        DONE = "done", _("Done")
        DECLINED = "declined", _("Declined")

    title = models.CharField(_("idea"), max_length=200)
    description = models.TextField(_("description"))
    submitter_name = models.CharField(_("name of who suggested it"), max_length=200, blank=True)
    submitter_contact = models.CharField(_("phone or e-mail"), max_length=200, blank=True)
    resident = models.ForeignKey(
        Resident,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiatives",
        verbose_name=_("suggested by"),
    )
    source = models.CharField(_("came in through"), max_length=12, choices=Source.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NEW
    )
    champion = models.ForeignKey(
        Resident,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="championed_initiatives",
        verbose_name=_("champion"),
    )
    committee = models.ForeignKey(
        Committee,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiatives",
        verbose_name=_("committee"),
    )
    volunteers: "models.ManyToManyField[Resident, Any]" = models.ManyToManyField(
        Resident, blank=True, related_name="initiatives_helped", verbose_name=_("volunteers")
    )
    answer = models.TextField(_("answer to the resident"), blank=True)
    # The status page's link: an HMAC of the nonce; only its SHA-256 is stored.
    nonce = models.CharField(max_length=32, blank=True, editable=False)
    token_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    created_at = models.DateTimeField(_("received"))
    status_changed_at = models.DateTimeField(_("status changed"))

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        indexes = [models.Index(fields=["settlement", "status"])]

    def __str__(self) -> str:
        return self.title


class Conflict(SettlementOwned):
    """A conflict in the community, described without names where possible. The
    coordinator's alone; every read is recorded in the audit trail."""

    SENSITIVE = True

    class Kind(models.TextChoices):
        NEIGHBOURS = "neighbours", _("Between neighbours")
        GROUPS = "groups", _("Between groups")
        COMMITTEE = "committee", _("In a committee")
        PUBLIC_SPACE = "public_space", _("Over a public space or service")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        MEDIATION = "mediation", _("In mediation")
        RESOLVED = "resolved", _("Resolved")
        UNRESOLVED = "unresolved", _("Closed without agreement")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("what happened"))
    parties = models.CharField(_("who is involved (without names)"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = _("conflict")
        verbose_name_plural = _("conflicts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True)
                | models.Q(closed_on__gte=models.F("opened_on")),
                name="conflict_closes_after_it_opens",
            )
        ]

    def __str__(self) -> str:
        return self.title


class MediationStep(SettlementOwned):
    SENSITIVE = True

    class Kind(models.TextChoices):
        CONVERSATION = "conversation", _("Conversation with one side")
        JOINT_MEETING = "joint_meeting", _("Meeting of both sides")
        MEDIATION = "mediation", _("Mediation session")
        REFERRAL = "referral", _("Referral to a professional")
        FOLLOW_UP = "follow_up", _("Follow-up")

    conflict = models.ForeignKey(Conflict, on_delete=models.CASCADE, related_name="steps")
    date = models.DateField(_("date"))
    kind = models.CharField(_("step"), max_length=20, choices=Kind.choices)
    notes = models.TextField(_("notes"), blank=True)
    next_step = models.CharField(_("next step"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"))

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("mediation step")
        verbose_name_plural = _("mediation steps")


class CommunityService(SettlementOwned):
    """A service the community runs with volunteers: a library, a toy library, an
    after-school club."""

    class Kind(models.TextChoices):
        LIBRARY = "library", _("Library")
        TOY_LIBRARY = "toy_library", _("Toy library")
        AFTER_SCHOOL = "after_school", _("After-school club")
        SECOND_HAND = "second_hand", _("Second-hand exchange")
        LOAN = "loan", _("Equipment loans")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ACTIVE = "active", _("Open")
        PAUSED = "paused", _("Paused")
        CLOSED = "closed", _("Closed")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    committee = models.ForeignKey(
        Committee,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="services",
        verbose_name=_("committee"),
    )
    runners: "models.ManyToManyField[Resident, Any]" = models.ManyToManyField(
        Resident, blank=True, related_name="services_run", verbose_name=_("run by")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("community service")
        verbose_name_plural = _("community services")
        constraints = [
            models.UniqueConstraint(fields=["settlement", "name"], name="service_unique_name")
        ]

    def __str__(self) -> str:
        return self.name
