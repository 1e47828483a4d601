"""The shared core: councils, settlements, households, residents, and who may do what where."""

import datetime as dt
import uuid

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from . import clock
from .history import AuditedHistory


class Language(models.TextChoices):
    HEBREW = "he", _("Hebrew")
    SLOVENIAN = "sl", _("Slovenian")
    ENGLISH = "en", _("English")


class AgeGroup(models.TextChoices):
    CHILDREN = "children", _("Children")
    YOUTH = "youth", _("Youth")
    YOUNG_ADULTS = "young_adults", _("Young adults")
    ADULTS = "adults", _("Adults")
    SENIORS = "seniors", _("Seniors")


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Community coordinator")
    CHAIR = "chair", _("Committee chair")
    SOCIAL_WORKER = "social_worker", _("Social worker")
    SECRETARY = "secretary", _("Settlement secretary")
    BOARD = "board", _("Board member")
    EMERGENCY = "emergency", _("Emergency-team member")
    COUNCIL_STAFF = "council_staff", _("Council staff")


class User(AbstractUser):
    """A person who logs in. What they may do comes from their memberships."""

    # Never the password hash; and not the time of each login, which would add a row a day.
    history = AuditedHistory(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class Council(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("council")
        verbose_name_plural = _("councils")

    def __str__(self) -> str:
        return self.name


class Settlement(models.Model):
    """The tenant: everything a coordinator records belongs to one settlement."""

    class Currency(models.TextChoices):
        SHEKEL = "ILS", _("Shekel")
        EURO = "EUR", _("Euro")

    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, related_name="settlements", verbose_name=_("council")
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), unique=True)
    language = models.CharField(
        _("main language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC")
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.EURO
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    # Age groups are derived from birth dates; each number is the first age of its group.
    # No message to residents goes out between these hours (local time), unless urgent.
    quiet_from = models.TimeField(_("quiet hours from"), default=dt.time(22, 0))
    quiet_until = models.TimeField(_("quiet hours until"), default=dt.time(8, 0))
    youth_from = models.PositiveSmallIntegerField(_("youth from age"), default=13)
    young_adults_from = models.PositiveSmallIntegerField(_("young adults from age"), default=18)
    adults_from = models.PositiveSmallIntegerField(_("adults from age"), default=30)
    seniors_from = models.PositiveSmallIntegerField(_("seniors from age"), default=65)

    class Meta:
        ordering = ["name"]
        verbose_name = _("settlement")
        verbose_name_plural = _("settlements")
        constraints = [
            models.CheckConstraint(
                condition=Q(youth_from__gt=0)
                & Q(young_adults_from__gt=models.F("youth_from"))
                & Q(adults_from__gt=models.F("young_adults_from"))
                & Q(seniors_from__gt=models.F("adults_from")),
                name="settlement_age_groups_ascending",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        bounds = [self.youth_from, self.young_adults_from, self.adults_from, self.seniors_from]
        if None not in bounds and not (0 < bounds[0] < bounds[1] < bounds[2] < bounds[3]):
            raise ValidationError(
                _("Each age group must start at a higher age than the group before it.")
            )

    def age_group_starts(self) -> list[tuple[AgeGroup, int]]:
        """Each age group with the first age that belongs to it, youngest first."""
        return [
            (AgeGroup.CHILDREN, 0),
            (AgeGroup.YOUTH, self.youth_from),
            (AgeGroup.YOUNG_ADULTS, self.young_adults_from),
            (AgeGroup.ADULTS, self.adults_from),
            (AgeGroup.SENIORS, self.seniors_from),
        ]

    def age_group_of(self, birth_date: dt.date | None, today: dt.date) -> AgeGroup | None:
        if birth_date is None:
            return None
        age = age_on(birth_date, today)
        group = AgeGroup.CHILDREN
        for candidate, start in self.age_group_starts():
            if age >= start:
                group = candidate
        return group

    def birth_date_range(self, group: str, today: dt.date) -> tuple[dt.date | None, dt.date]:
        """Birth dates (after, up to and including) of the people who are in ``group`` today."""
        starts = dict(self.age_group_starts())
        order = [g for g, _start in self.age_group_starts()]
        position = order.index(AgeGroup(group))
        youngest_age = starts[order[position]]
        latest = years_before(today, youngest_age)
        if position + 1 < len(order):
            next_start = starts[order[position + 1]]
            return years_before(today, next_start), latest
        return None, latest


def years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year - years, day=28)


def age_on(birth_date: dt.date, today: dt.date) -> int:
    before_birthday = (today.month, today.day) < (birth_date.month, birth_date.day)
    return today.year - birth_date.year - int(before_birthday)


class Membership(models.Model):
    """One role of one user: in a settlement, or (council staff) in a council."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    settlement = models.ForeignKey(
        Settlement,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("settlement"),
    )
    council = models.ForeignKey(
        Council,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("council"),
    )

    history = AuditedHistory()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(role=Role.COUNCIL_STAFF, council__isnull=False, settlement__isnull=True)
                    | (
                        ~Q(role=Role.COUNCIL_STAFF)
                        & Q(council__isnull=True, settlement__isnull=False)
                    )
                ),
                name="membership_council_staff_has_council_others_settlement",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "settlement"],
                condition=Q(settlement__isnull=False),
                name="membership_unique_settlement_role",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "council"],
                condition=Q(council__isnull=False),
                name="membership_unique_council_role",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.settlement or self.council}"

    def clean(self) -> None:
        if self.role == Role.COUNCIL_STAFF and (self.council_id is None or self.settlement_id):
            raise ValidationError(_("Council staff belong to a council, not to a settlement."))
        if self.role != Role.COUNCIL_STAFF and (self.settlement_id is None or self.council_id):
            raise ValidationError(_("This role belongs to a settlement."))


class SettlementOwned(models.Model):
    """Base of every model that belongs to one settlement, guarded by django-scopes.

    ``objects`` raises ``ScopeError`` when used outside ``scope(settlement=...)``, so a query
    that forgets its settlement fails loudly instead of leaking another settlement's data.
    """

    settlement = models.ForeignKey(
        Settlement, on_delete=models.CASCADE, related_name="+", verbose_name=_("settlement")
    )

    objects = ScopedManager(settlement="settlement")

    class Meta:
        abstract = True


class Neighbourhood(SettlementOwned):
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")
        constraints = [
            models.UniqueConstraint(
                fields=["settlement", "name"], name="neighbourhood_unique_per_settlement"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Tag(SettlementOwned):
    name = models.CharField(_("name"), max_length=50)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        constraints = [
            models.UniqueConstraint(fields=["settlement", "name"], name="tag_unique_per_settlement")
        ]

    def __str__(self) -> str:
        return self.name


class Household(SettlementOwned):
    name = models.CharField(_("household name"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="households",
        verbose_name=_("neighbourhood"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = AuditedHistory()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("household")
        verbose_name_plural = _("households")
        constraints = [
            models.UniqueConstraint(
                fields=["settlement", "name"], name="household_unique_name_per_settlement"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Resident(SettlementOwned):
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    household = models.ForeignKey(
        Household,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="residents",
        verbose_name=_("household"),
    )
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="residents",
        verbose_name=_("neighbourhood"),
    )
    arrival_date = models.DateField(_("arrival date"), null=True, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    consent_to_contact = models.BooleanField(_("agrees to be contacted"), default=False)
    tags = models.ManyToManyField(Tag, blank=True, related_name="residents", verbose_name=_("tags"))
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # Each row keeps the tags of that moment too.
    history = AuditedHistory(m2m_fields=[tags])

    class Meta:
        ordering = ["last_name", "first_name", "pk"]
        verbose_name = _("resident")
        verbose_name_plural = _("residents")
        indexes = [
            models.Index(fields=["settlement", "last_name", "first_name"]),
            models.Index(fields=["settlement", "birth_date"]),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def has_contact(self) -> bool:
        return bool(self.email or self.phone)


class ImportBatch(SettlementOwned):
    """An uploaded registry file that passed validation and waits for the coordinator's
    confirmation. Its content is cleared once applied; stale batches are purged by beat."""

    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("uploaded by")
    )
    filename = models.CharField(_("file name"), max_length=255)
    file_format = models.CharField(_("format"), max_length=4)
    content = models.BinaryField(_("content"), editable=False)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    created_at = models.DateTimeField(_("uploaded"))
    applied_at = models.DateTimeField(_("imported"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return self.filename


class AuditEvent(models.Model):
    """What the history tables do not see: exports, imports, reads of sensitive records and
    erasures. The summary is short and never personal (no names, no search text).

    Reads are recorded for models that declare ``SENSITIVE = True`` (see
    ``coordinator.services.audit.record_read``). Rows are only ever added; the one change
    is an erasure blanking the summaries about the person it erased.
    """

    class Action(models.TextChoices):
        CREATED = "created", _("Created")
        CHANGED = "changed", _("Changed")
        DELETED = "deleted", _("Deleted")
        EXPORTED = "exported", _("Exported")
        READ = "read", _("Read")
        ERASED = "erased", _("Erased")
        IMPORTED = "imported", _("Imported")

    settlement = models.ForeignKey(
        Settlement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("settlement"),
    )
    actor = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    object_type = models.CharField(_("kind of record"), max_length=50)
    object_id = models.BigIntegerField(_("record id"), null=True, blank=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("when"), default=clock.now)

    objects = ScopedManager(settlement="settlement")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [
            models.Index(fields=["settlement", "created_at"]),
            models.Index(fields=["object_type", "object_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_type} {self.object_id or ''}".strip()


class ErasureReason(models.TextChoices):
    """Why a resident was erased: all an erasure keeps, with who and when."""

    REQUEST = "request", _("The person asked to be erased")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("The person withdrew their consent")
    NOT_NEEDED = "not_needed", _("The data is no longer needed (for example, they moved away)")
    UNLAWFUL = "unlawful", _("The data should not have been recorded")
    OTHER = "other", _("Another reason")


class OutboxMessage(models.Model):
    """Work a request or a task wants done later, recorded in the same transaction.

    The row is the truth; the broker only carries its id. A row is published after commit
    (with a short timeout, never blocking a request for long) and again by the relay if
    that failed, so nothing is lost while the broker is down. The worker claims the row
    before running it, so a message delivered twice runs once.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting to be handed to a worker")
        PUBLISHED = "published", _("Handed to a worker")
        RUNNING = "running", _("Running")
        RETRYING = "retrying", _("Failed, will retry")
        DONE = "done", _("Done")
        PARKED = "parked", _("Stopped: needs attention")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    job = models.CharField(_("job"), max_length=100)
    kwargs = models.JSONField(_("arguments"), default=dict)
    settlement_id = models.BigIntegerField(_("settlement"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"))
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    lease_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        indexes = [models.Index(fields=["state", "created_at"])]

    def __str__(self) -> str:
        return f"{self.job} ({self.get_state_display()})"


class WorkerProbe(models.Model):
    """The effect of the worker self-test job (``manage.py check_worker``): one row per
    run, so a probe that ran twice is seen at once."""

    key = models.CharField(max_length=64, db_index=True)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("worker probe")
        verbose_name_plural = _("worker probes")

    def __str__(self) -> str:
        return self.key
