"""What a case sets in motion, and the community's own answers.

``Referral``: a case sent to a council service, and what came of it. ``SupportTask``: one
piece of help on a date (a meal, a ride, a visit, a loan from the fund) with who did it.
It belongs to a case (a support action), to a community programme (a meal train, a rides
roster), or to both. A volunteer sees a task through a personal link, which shows what,
when and where and nothing of any case. ``SupportProgramme``: the welfare and chesed
committees' recurring programmes, with a shared link where volunteers take open tasks.
``FundRequest``: a request to the settlement's charity fund and its decision.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from committees.models import Committee
from coordinator.models import Household, Resident, SettlementOwned

from .crypto import EncryptedTextField
from .models import WelfareCase


class Referral(SettlementOwned):
    """A case referred to a council service (or another body), and its outcome."""

    class Service(models.TextChoices):
        SOCIAL = "social", _("Council social services")
        EMPLOYMENT = "employment", _("Employment and income support")
        HEALTH = "health", _("Health services")
        MENTAL = "mental", _("Mental health")
        HOUSING = "housing", _("Housing")
        EDUCATION = "education", _("Education and psychology service")
        VIOLENCE = "violence", _("Authority against violence, drugs and alcohol")
        ELDERLY = "elderly", _("Services for the elderly")
        OTHER = "other", _("Other")

    class Outcome(models.TextChoices):
        WAITING = "waiting", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted, help under way")
        HELPED = "helped", _("Helped")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    case = models.ForeignKey(
        WelfareCase, on_delete=models.CASCADE, related_name="referrals", verbose_name=_("case")
    )
    service = models.CharField(_("service"), max_length=12, choices=Service.choices)
    contact = models.CharField(_("contact person"), max_length=200, blank=True)
    referred_on = models.DateField(_("referred on"))
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.WAITING
    )
    outcome_on = models.DateField(_("outcome on"), null=True, blank=True)
    note = EncryptedTextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("referred by"),
    )

    class Meta:
        ordering = ["-referred_on", "-id"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")

    def __str__(self) -> str:
        return f"{self.get_service_display()} {self.referred_on}"


class SupportProgramme(SettlementOwned):
    """A recurring answer of the community: a meal train, a rides roster, visits, the
    charity fund."""

    class Kind(models.TextChoices):
        MEALS = "meals", _("Meal train")
        RIDES = "rides", _("Rides roster")
        VISITS = "visits", _("Volunteer visits")
        FUND = "fund", _("Charity fund")
        TALKS = "talks", _("Prevention talks and forum")
        OTHER = "other", _("Other")

    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    # Shown to volunteers on the shared link: it must not name a family.
    description = models.TextField(_("for volunteers"), blank=True)
    committee = models.ForeignKey(
        Committee,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("committee"),
    )
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)
    # The shared sign-up link (only its hash and nonce are stored); blank: no link.
    nonce = models.CharField(max_length=32, blank=True, editable=False)
    token_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    created_at = models.DateTimeField(_("created"))

    class Meta:
        ordering = ["-active", "title", "id"]
        verbose_name = _("support programme")
        verbose_name_plural = _("support programmes")

    def __str__(self) -> str:
        return self.title


class SupportTask(SettlementOwned):
    """One piece of help: what, when, where, and who did it. ``what`` and ``where`` are
    what the volunteer sees; nothing of the case is shown to them."""

    class Kind(models.TextChoices):
        MEAL = "meal", _("Meal")
        RIDE = "ride", _("Ride")
        VISIT = "visit", _("Visit")
        LOAN = "loan", _("Loan from the fund")
        GRANT = "grant", _("Grant from the fund")
        ERRAND = "errand", _("Errand or shopping")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        OPEN = "open", _("Needs a volunteer")
        TAKEN = "taken", _("Taken")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    case = models.ForeignKey(
        WelfareCase,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="support_tasks",
        verbose_name=_("case"),
    )
    programme = models.ForeignKey(
        SupportProgramme,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("programme"),
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    what = models.CharField(_("what"), max_length=300)
    on = models.DateField(_("date"))
    at = models.TimeField(_("time"), null=True, blank=True)
    where = models.CharField(_("where"), max_length=300, blank=True)
    amount = models.DecimalField(
        _("amount"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    volunteer = models.ForeignKey(
        Resident,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("volunteer"),
    )
    volunteer_name = models.CharField(_("done by"), max_length=200, blank=True)
    volunteer_email = models.EmailField(_("e-mail"), blank=True)
    volunteer_phone = models.CharField(_("phone"), max_length=40, blank=True)
    taken_at = models.DateTimeField(_("taken"), null=True, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    # The volunteer's personal link (only its hash and nonce are stored).
    nonce = models.CharField(max_length=32, blank=True, editable=False)
    token_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    created_at = models.DateTimeField(_("created"))

    class Meta:
        ordering = ["on", "at", "id"]
        verbose_name = _("support task")
        verbose_name_plural = _("support tasks")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(case__isnull=False) | models.Q(programme__isnull=False),
                name="support_task_belongs_somewhere",
            )
        ]

    def __str__(self) -> str:
        return f"{self.what} {self.on}"


class FundRequest(SettlementOwned):
    """A request to the charity fund, and its decision."""

    class Kind(models.TextChoices):
        GRANT = "grant", _("Grant")
        LOAN = "loan", _("Loan")

    class Decision(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    programme = models.ForeignKey(
        SupportProgramme,
        on_delete=models.PROTECT,
        related_name="fund_requests",
        verbose_name=_("fund"),
    )
    case = models.ForeignKey(
        WelfareCase,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="fund_requests",
        verbose_name=_("case"),
    )
    household = models.ForeignKey(
        Household,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("household"),
    )
    kind = models.CharField(_("kind"), max_length=5, choices=Kind.choices, default=Kind.GRANT)
    amount = models.DecimalField(_("amount asked"), max_digits=10, decimal_places=2)
    purpose = EncryptedTextField(_("what for"))
    requested_on = models.DateField(_("asked on"))
    decision = models.CharField(
        _("decision"), max_length=8, choices=Decision.choices, default=Decision.PENDING
    )
    amount_granted = models.DecimalField(
        _("amount given"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decision_note = EncryptedTextField(_("reason for the decision"), blank=True)
    repaid_on = models.DateField(_("repaid on"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_on", "-id"]
        verbose_name = _("fund request")
        verbose_name_plural = _("fund requests")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="fund_request_positive")
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.amount}"
