"""Confidential welfare cases. What a family needs and the notes on a
case are encrypted at rest (``welfare.crypto``); nothing of a case is kept in a history
table, and every read and change of a case goes to ``CaseAccess``, a log no user of the
product can edit or delete.
Referrals, support tasks and programmes are in ``models_support``; the emergency team and
emergency mode in ``models_emergency``."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coordinator.models import Council, Household, Resident, SettlementOwned

from .crypto import EncryptedTextField

DEFAULT_CLOSED_CASE_DAYS = 2 * 365  # a council may set its own


class NeedCategory(models.TextChoices):
    FOOD = "food", _("Food")
    MONEY = "money", _("Money and debts")
    HEALTH = "health", _("Health")
    CARE = "care", _("Care of a family member")
    LONELINESS = "loneliness", _("Loneliness")
    HOUSING = "housing", _("Housing")
    FAMILY = "family", _("Family crisis")
    BEREAVEMENT = "bereavement", _("Bereavement")
    NEW_BABY = "new_baby", _("New baby")
    OTHER = "other", _("Other")


class WelfareCase(SettlementOwned):
    """A household's or a resident's case: what they need (the details encrypted), how it
    came to light, their consent, the social worker responsible, its status and when it
    is reviewed next."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        MONITORING = "monitoring", _("Being followed")
        CLOSED = "closed", _("Closed")

    class Source(models.TextChoices):
        SELF = "self", _("They asked")
        NEIGHBOUR = "neighbour", _("A neighbour or friend")
        COMMITTEE = "committee", _("A committee or volunteer")
        SCHOOL = "school", _("School or kindergarten")
        SOCIAL_WORKER = "social_worker", _("The social worker")
        COORDINATOR = "coordinator", _("The coordinator noticed")
        OTHER = "other", _("Other")

    household = models.ForeignKey(
        Household,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("household"),
    )
    resident = models.ForeignKey(
        Resident,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resident"),
    )
    categories = models.JSONField(_("what they need"), default=list)
    need_details = EncryptedTextField(_("details"), blank=True)
    came_to_light = models.CharField(
        _("how it came to light"), max_length=15, choices=Source.choices, default=Source.OTHER
    )
    consent_at = models.DateTimeField(_("consent recorded"), null=True, blank=True)
    consent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("consent recorded by"),
    )
    social_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="welfare_cases",
        verbose_name=_("social worker"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    review_on = models.DateField(_("next review"), null=True, blank=True)
    opened_at = models.DateTimeField(_("opened"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-id"]
        verbose_name = _("welfare case")
        verbose_name_plural = _("welfare cases")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(household__isnull=False) | models.Q(resident__isnull=False),
                name="welfare_case_is_someones",
            )
        ]

    def __str__(self) -> str:
        return f"#{self.pk}"


class CaseNote(SettlementOwned):
    """A note on a case, encrypted."""

    case = models.ForeignKey(
        WelfareCase, on_delete=models.CASCADE, related_name="notes", verbose_name=_("case")
    )
    text = EncryptedTextField(_("note"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    written_at = models.DateTimeField(_("written"))

    class Meta:
        ordering = ["-written_at", "-id"]
        verbose_name = _("case note")
        verbose_name_plural = _("case notes")

    def __str__(self) -> str:
        return f"#{self.case_id} {self.written_at:%Y-%m-%d}"


class AppendOnly(Exception):
    """A row of the access log was to be changed or deleted: it cannot be."""


class CaseAccessQuerySet(models.QuerySet["CaseAccess"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnly("The case access log cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnly("The case access log is deleted only by its retention job.")

    def _purge(self) -> tuple[int, dict[str, int]]:
        """The retention job's own way out (entries past their keeping period)."""
        return super().delete()


class CaseAccess(models.Model):
    """Who opened, read or changed a case, when, and why: append-only. Kept apart from the
    case (its number, not a foreign key) so that it outlives the case's purge."""

    class Action(models.TextChoices):
        OPENED = "opened", _("Opened")
        READ = "read", _("Read")
        CHANGED = "changed", _("Changed")
        EXPORTED = "exported", _("Exported")
        ERASED = "erased", _("Erased")

    settlement_id = models.BigIntegerField(_("settlement"))
    case_id = models.BigIntegerField(_("case"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("by"),
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    what = models.CharField(_("what"), max_length=200, blank=True)  # a field's name, never data
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    at = models.DateTimeField(_("when"))

    objects = CaseAccessQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("case access")
        verbose_name_plural = _("case accesses")
        indexes = [models.Index(fields=["settlement_id", "case_id", "at"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} #{self.case_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnly("The case access log cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnly("The case access log is deleted only by its retention job.")


class WelfarePolicy(models.Model):
    """What a council sets for its settlements' welfare data: how long a closed case is
    kept before it is purged (leaving only anonymous counts)."""

    council = models.OneToOneField(
        Council, on_delete=models.CASCADE, related_name="welfare_policy", verbose_name=_("council")
    )
    closed_case_days = models.PositiveIntegerField(
        _("days a closed case is kept"), default=DEFAULT_CLOSED_CASE_DAYS
    )

    class Meta:
        verbose_name = _("welfare policy")
        verbose_name_plural = _("welfare policies")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closed_case_days__gte=30), name="welfare_keeps_a_month_at_least"
            )
        ]

    def __str__(self) -> str:
        return str(self.council)


class PurgedCases(SettlementOwned):
    """What is left of purged cases: how many of a year (the year each was opened) had
    each need, with nothing that names a household."""

    year = models.PositiveSmallIntegerField(_("year"))
    category = models.CharField(_("need"), max_length=15, choices=NeedCategory.choices)
    count = models.PositiveIntegerField(_("cases"), default=0)

    class Meta:
        verbose_name = _("purged cases")
        verbose_name_plural = _("purged cases")
        constraints = [
            models.UniqueConstraint(
                fields=["settlement", "year", "category"], name="purged_cases_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.category}: {self.count}"


# The rest of the app's models, so that Django finds them.
from .models_emergency import (  # noqa: E402
    CheckIn,
    CouncilContact,
    Drill,
    Emergency,
    EmergencyLog,
    TeamMember,
    VulnerableResident,
)
from .models_support import FundRequest, Referral, SupportProgramme, SupportTask  # noqa: E402

__all__ = [
    "AppendOnly",
    "CaseAccess",
    "CaseNote",
    "CheckIn",
    "CouncilContact",
    "Drill",
    "Emergency",
    "EmergencyLog",
    "FundRequest",
    "NeedCategory",
    "PurgedCases",
    "Referral",
    "SupportProgramme",
    "SupportTask",
    "TeamMember",
    "VulnerableResident",
    "WelfareCase",
    "WelfarePolicy",
]
