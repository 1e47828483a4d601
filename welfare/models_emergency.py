"""The settlement's emergency team and emergency mode.

``TeamMember``: the roster by function, with deputies and contact details. ``Drill``:
trainings and drills held. ``CouncilContact``: who to call at the council (welfare,
security, the authority against violence, drugs and alcohol). ``VulnerableResident``:
residents who need help in an emergency; the team sees the list only while an emergency is
declared, the coordinator always. ``Emergency``: declared and ended, at most one open per
settlement. ``CheckIn``: the safety check-in sent to a resident in an emergency, their
one-tap answer, and who was sent to call or visit them.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coordinator.models import Resident, SettlementOwned

from .crypto import EncryptedTextField


class Function(models.TextChoices):
    HEAD = "head", _("Head of the team")
    WELFARE = "welfare", _("Welfare")
    LOGISTICS = "logistics", _("Logistics")
    INFORMATION = "information", _("Information")
    MEDICAL = "medical", _("Medical")
    EDUCATION = "education", _("Education")
    POPULATION = "population", _("Population")
    SECURITY = "security", _("Security")
    YOUTH = "youth", _("Youth volunteers")
    OTHER = "other", _("Other")


class TeamMember(SettlementOwned):
    function = models.CharField(_("function"), max_length=12, choices=Function.choices)
    deputy = models.BooleanField(_("deputy"), default=False)
    name = models.CharField(_("name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    # The member's account, if they log in (with the emergency-team role).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("account"),
    )
    resident = models.ForeignKey(
        Resident,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resident"),
    )
    trained_on = models.DateField(_("last trained"), null=True, blank=True)

    class Meta:
        ordering = ["function", "deputy", "name", "id"]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")

    def __str__(self) -> str:
        return self.name


class Drill(SettlementOwned):
    class Kind(models.TextChoices):
        TRAINING = "training", _("Training")
        DRILL = "drill", _("Drill")

    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.DRILL)
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("held on"))
    notes = models.TextField(_("what we learned"), blank=True)
    attendees = models.ManyToManyField(
        TeamMember, blank=True, related_name="drills", verbose_name=_("who took part")
    )

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("training or drill")
        verbose_name_plural = _("trainings and drills")

    def __str__(self) -> str:
        return self.title


class CouncilContact(SettlementOwned):
    class Department(models.TextChoices):
        WELFARE = "welfare", _("Welfare department")
        SECURITY = "security", _("Security department")
        VIOLENCE = "violence", _("Authority against violence, drugs and alcohol")
        HEALTH = "health", _("Health")
        CIVIL = "civil", _("Civil protection")
        OTHER = "other", _("Other")

    department = models.CharField(_("department"), max_length=10, choices=Department.choices)
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        ordering = ["department", "name", "id"]
        verbose_name = _("council contact")
        verbose_name_plural = _("council contacts")

    def __str__(self) -> str:
        return self.name


class VulnerableResident(SettlementOwned):
    """A resident who needs help in an emergency, and the team member who checks on them."""

    class Reason(models.TextChoices):
        ELDERLY_ALONE = "elderly_alone", _("Elderly, living alone")
        DISABILITY = "disability", _("Disability")
        MEDICAL = "medical", _("Medical needs")
        WELFARE = "welfare", _("Family with a welfare case")
        OTHER = "other", _("Other")

    resident = models.OneToOneField(
        Resident, on_delete=models.CASCADE, related_name="+", verbose_name=_("resident")
    )
    reason = models.CharField(_("why"), max_length=14, choices=Reason.choices)
    # What helpers must know (a wheelchair, oxygen): encrypted like a case's details.
    needs = EncryptedTextField(_("what they need"), blank=True)
    buddy = models.ForeignKey(
        TeamMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="vulnerable",
        verbose_name=_("checked by"),
    )

    class Meta:
        ordering = ["reason", "id"]
        verbose_name = _("resident who needs help in an emergency")
        verbose_name_plural = _("residents who need help in an emergency")

    def __str__(self) -> str:
        return str(self.resident_id)


class Emergency(SettlementOwned):
    class Kind(models.TextChoices):
        SECURITY = "security", _("Security")
        FIRE = "fire", _("Fire")
        WEATHER = "weather", _("Flood or storm")
        EARTHQUAKE = "earthquake", _("Earthquake")
        COMMUNITY = "community", _("Community crisis")
        OTHER = "other", _("Other")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("what is happening"), max_length=200)
    # Added to the check-in message (where to go, what to do); may be blank.
    instructions = models.TextField(_("instructions for residents"), blank=True)
    declared_at = models.DateTimeField(_("declared"))
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("declared by"),
    )
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ended by"),
    )

    class Meta:
        ordering = ["-declared_at", "-id"]
        verbose_name = _("emergency")
        verbose_name_plural = _("emergencies")
        constraints = [
            models.UniqueConstraint(
                fields=["settlement"],
                condition=models.Q(ended_at__isnull=True),
                name="one_open_emergency",
            )
        ]

    def __str__(self) -> str:
        return self.title


class CheckIn(SettlementOwned):
    """The safety check-in of one resident in one emergency."""

    class Answer(models.TextChoices):
        NONE = "", _("Not heard from")
        SAFE = "safe", _("Safe")
        HELP = "help", _("Needs help")

    class FollowUp(models.TextChoices):
        NONE = "", _("Nobody assigned")
        ASSIGNED = "assigned", _("Assigned")
        REACHED = "reached", _("Reached")
        NOT_REACHED = "not_reached", _("Could not reach")

    emergency = models.ForeignKey(
        Emergency, on_delete=models.CASCADE, related_name="check_ins", verbose_name=_("emergency")
    )
    resident = models.ForeignKey(
        Resident, on_delete=models.CASCADE, related_name="+", verbose_name=_("resident")
    )
    nonce = models.CharField(max_length=32, editable=False)
    token_hash = models.CharField(max_length=64, db_index=True, editable=False)
    answer = models.CharField(
        _("answer"), max_length=4, choices=Answer.choices, default=Answer.NONE, blank=True
    )
    help_note = models.CharField(_("what help"), max_length=500, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    # Who calls or visits them (a team member, a volunteer, a youth), and how it went.
    assigned_to = models.CharField(_("assigned to"), max_length=200, blank=True)
    assigned_at = models.DateTimeField(_("assigned"), null=True, blank=True)
    follow_up = models.CharField(
        _("follow-up"), max_length=12, choices=FollowUp.choices, default=FollowUp.NONE, blank=True
    )
    follow_up_note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("safety check-in")
        verbose_name_plural = _("safety check-ins")
        constraints = [
            models.UniqueConstraint(
                fields=["emergency", "resident"], name="one_check_in_per_resident"
            )
        ]

    def __str__(self) -> str:
        return f"{self.emergency_id}/{self.resident_id}"


class EmergencyLog(SettlementOwned):
    """What happened in an emergency, line by line: declared, sent, answered, assigned,
    ended. Written by the services, never edited."""

    emergency = models.ForeignKey(
        Emergency, on_delete=models.CASCADE, related_name="log", verbose_name=_("emergency")
    )
    at = models.DateTimeField(_("when"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )

    class Event(models.TextChoices):
        DECLARED = "declared", _("Emergency declared")
        QUEUED = "queued", _("Check-ins sent")
        ANSWERED = "answered", _("Check-in answered")
        ASSIGNED = "assigned", _("Follow-up assigned")
        FOLLOWED_UP = "followed_up", _("Follow-up recorded")
        ENDED = "ended", _("Emergency ended")

    event = models.CharField(_("what"), max_length=12, choices=Event.choices)
    detail = models.CharField(_("detail"), max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("emergency log entry")
        verbose_name_plural = _("emergency log")

    def __str__(self) -> str:
        return self.event
