"""Needs mapping: surveys and their invitations and answers, records of the other mapping
methods (house meetings, focus groups, steering team, interviews), and the needs register.

Texts a respondent reads are stored per language as JSON objects ({"he": ..., "en": ...});
``surveys.i18n.text_in`` picks the respondent's language.

Anonymity is a property of the schema: ``Response`` and ``Answer`` have no column that
names a resident, an invitation, a device or a time, and random (UUID) keys, so neither
their keys nor their order can be matched to the invitations. A named survey's answers are
tied to their resident by a separate ``ResponseAuthor`` row, which anonymous surveys never
have.
"""

import uuid
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from committees.models import Committee
from coordinator.models import Language, Neighbourhood, Resident, SettlementOwned, Tag
from messaging.models import Message


class Survey(SettlementOwned):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        RUNNING = "running", _("Running")
        CLOSED = "closed", _("Closed")

    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("Everyone")
        AGE_GROUP = "age_group", _("By age group")
        NEIGHBOURHOOD = "neighbourhood", _("By neighbourhood")
        TAG = "tag", _("By tag")
        COMMITTEE = "committee", _("Committee members")
        PICKED = "picked", _("A hand-picked list")

    title = models.JSONField(_("title"), default=dict)
    intro = models.JSONField(_("introduction"), default=dict, blank=True)
    languages = models.JSONField(_("languages"), default=list)
    anonymous = models.BooleanField(_("anonymous"), default=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE
    )
    audience_age_groups = models.JSONField(_("age groups"), default=list, blank=True)
    audience_neighbourhoods = models.ManyToManyField(
        Neighbourhood, blank=True, related_name="+", verbose_name=_("neighbourhoods")
    )
    audience_tags: "models.ManyToManyField[Tag, Any]" = models.ManyToManyField(
        Tag, blank=True, related_name="+", verbose_name=_("tags")
    )
    audience_committees: "models.ManyToManyField[Committee, Any]" = models.ManyToManyField(
        Committee, blank=True, related_name="+", verbose_name=_("committees")
    )
    audience_residents: "models.ManyToManyField[Resident, Any]" = models.ManyToManyField(
        Resident, blank=True, related_name="+", verbose_name=_("hand-picked residents")
    )
    closes_on = models.DateField(_("closes after"), null=True, blank=True)
    # Days after sending on which those who have not answered are reminded, e.g. [3, 7].
    reminder_days = models.JSONField(_("reminders after (days)"), default=list, blank=True)
    reminders_done = models.PositiveSmallIntegerField(_("reminder rounds sent"), default=0)
    # The shared link (for a WhatsApp group): public by design, and dead once closed.
    share_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    invitation_count = models.PositiveIntegerField(_("invited"), default=0)
    answer_count = models.PositiveIntegerField(_("answers"), default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def __str__(self) -> str:
        from .i18n import text_in

        return text_in(self.title, self.languages)


class Section(SettlementOwned):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.JSONField(_("title"), default=dict, blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")


class Question(SettlementOwned):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        RATING = "rating", _("Rating scale")
        NUMBER = "number", _("Number")
        SHORT_TEXT = "short_text", _("Short text")
        LONG_TEXT = "long_text", _("Long text")
        RANKING = "ranking", _("Ranking of options")
        YES_NO = "yes_no", _("Yes or no")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind of question"), max_length=12, choices=Kind.choices)
    required = models.BooleanField(_("required"), default=False)
    text = models.JSONField(_("question"), default=dict)
    help = models.JSONField(_("help text"), default=dict, blank=True)
    scale_min = models.SmallIntegerField(_("scale from"), default=1)
    scale_max = models.SmallIntegerField(_("scale to"), default=5)
    scale_min_label = models.JSONField(_("label of the lowest value"), default=dict, blank=True)
    scale_max_label = models.JSONField(_("label of the highest value"), default=dict, blank=True)
    number_min = models.IntegerField(_("smallest number"), null=True, blank=True)
    number_max = models.IntegerField(_("largest number"), null=True, blank=True)
    # Shown only when an earlier question was answered with this option (or yes/no).
    condition_question = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dependents",
        verbose_name=_("show only if the answer to"),
    )
    condition_value = models.CharField(_("was"), max_length=20, blank=True)

    CHOICE_KINDS = frozenset({Kind.SINGLE, Kind.MULTIPLE, Kind.RANKING})

    class Meta:
        ordering = ["section__position", "position", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        from .i18n import text_in

        return text_in(self.text, self.survey.languages if self.survey_id else [])


class Option(SettlementOwned):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    label = models.JSONField(_("option"), default=dict)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("option")
        verbose_name_plural = _("options")


class Invitation(SettlementOwned):
    """One resident's personal link to a survey. The link's secret is never stored: the
    token is an HMAC of ``nonce`` under the server's secret key, and only its SHA-256 is
    kept for looking it up. Both are erased when the survey closes."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        PRINT = "print", _("Printed sheet")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    resident = models.ForeignKey(
        Resident, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("resident")
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    channel = models.CharField(_("channel"), max_length=5, choices=Channel.choices)
    nonce = models.CharField(max_length=32, null=True, blank=True, editable=False)  # noqa: DJ001
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    message = models.ForeignKey(
        Message, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    opened = models.BooleanField(_("opened"), default=False)
    answered = models.BooleanField(_("answered"), default=False)
    # Times only for named surveys: in an anonymous one they could be matched to answers.
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["survey", "resident"], name="invitation_once")
        ]
        indexes = [models.Index(fields=["survey", "answered"])]


class Response(SettlementOwned):
    """One set of answers. Deliberately without any link to a person, a device or a time."""

    class Via(models.TextChoices):
        PERSONAL = "personal", _("Personal link")
        SHARED = "shared", _("Shared link")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    via = models.CharField(_("answered through"), max_length=8, choices=Via.choices)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")


class ResponseAuthor(SettlementOwned):
    """Who answered, for named surveys only."""

    response = models.OneToOneField(
        Response, on_delete=models.CASCADE, primary_key=True, related_name="author"
    )
    resident = models.ForeignKey(
        Resident, on_delete=models.CASCADE, related_name="survey_responses"
    )
    submitted_at = models.DateTimeField(_("answered"))

    class Meta:
        verbose_name = _("author of a response")
        verbose_name_plural = _("authors of responses")


class Answer(SettlementOwned):
    """One value of a response: a chosen option (one row per option of a multiple choice;
    with ``rank`` for a ranking), a number (rating, number), a yes/no, or a text."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    option = models.ForeignKey(
        Option, on_delete=models.CASCADE, null=True, blank=True, related_name="answers"
    )
    rank = models.PositiveSmallIntegerField(null=True, blank=True)
    number = models.IntegerField(null=True, blank=True)
    flag = models.BooleanField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes = [models.Index(fields=["question", "option"])]


class MappingRecord(SettlementOwned):
    """A needs-mapping method other than a survey: what happened and what was found."""

    class Kind(models.TextChoices):
        HOUSE_MEETING = "house_meeting", _("House meeting")
        FOCUS_GROUP = "focus_group", _("Focus group")
        STEERING_TEAM = "steering_team", _("Steering-team session")
        INTERVIEW = "interview", _("Interview or talk")
        OTHER = "other", _("Other")

    kind = models.CharField(_("method"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"))
    age_groups = models.JSONField(_("age groups taking part"), default=list, blank=True)
    participant_count = models.PositiveIntegerField(
        _("number of participants"), null=True, blank=True
    )
    participants = models.ManyToManyField(
        Resident,
        blank=True,
        related_name="mapping_records",
        verbose_name=_("residents taking part"),
    )
    notes = models.TextField(_("notes"), blank=True)
    findings = models.TextField(_("findings"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"))

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("mapping record")
        verbose_name_plural = _("mapping records")

    def __str__(self) -> str:
        return self.title


class Need(SettlementOwned):
    """A need found by any mapping method: what the yearly plan is built from."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        PLANNED = "planned", _("In the plan")
        IN_PROGRESS = "in_progress", _("Being addressed")
        MET = "met", _("Met")
        DROPPED = "dropped", _("Set aside")

    SCALE = [MinValueValidator(1), MaxValueValidator(5)]

    title = models.CharField(_("need"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    age_groups = models.JSONField(_("age groups"), default=list, blank=True)
    neighbourhoods = models.ManyToManyField(
        Neighbourhood, blank=True, related_name="needs", verbose_name=_("neighbourhoods")
    )
    tags: "models.ManyToManyField[Tag, Any]" = models.ManyToManyField(
        Tag, blank=True, related_name="needs", verbose_name=_("tags")
    )
    evidence_questions: "models.ManyToManyField[Question, Any]" = models.ManyToManyField(
        Question, blank=True, related_name="needs", verbose_name=_("survey questions")
    )
    evidence_records: "models.ManyToManyField[MappingRecord, Any]" = models.ManyToManyField(
        MappingRecord, blank=True, related_name="needs", verbose_name=_("meetings and talks")
    )
    evidence_note = models.TextField(_("other evidence"), blank=True)
    impact = models.PositiveSmallIntegerField(_("impact (1–5)"), default=3, validators=SCALE)
    urgency = models.PositiveSmallIntegerField(_("urgency (1–5)"), default=3, validators=SCALE)
    priority = models.GeneratedField(
        expression=F("impact") * F("urgency"),
        output_field=models.PositiveSmallIntegerField(),
        db_persist=True,
        verbose_name=_("priority"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(_("created"))
    updated_at = models.DateTimeField(_("updated"))

    class Meta:
        ordering = ["-priority", "title"]
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(impact__gte=1, impact__lte=5, urgency__gte=1, urgency__lte=5),
                name="need_scales_1_to_5",
            )
        ]

    def __str__(self) -> str:
        return self.title
