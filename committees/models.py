"""Committees of a settlement and their members. The committees issue adds work plans and
meetings."""

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

    class Meta:
        ordering = ["committee", "role", "id"]
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        constraints = [
            models.UniqueConstraint(fields=["committee", "resident"], name="committee_member_once")
        ]
