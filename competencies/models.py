"""The community worker's competency model and what a coordinator does with it.

The model (``Framework``: areas and their competencies, each text in Slovenian as the
source has it, in Hebrew and in English) is data, loaded by a migration. A council adopts
it as it is or adds competencies of its own as a new version; assessments keep the
version they were made against.

A coordinator assesses themself in cycles (a rating on the scale of ``Level`` per
competency, a comment and evidence), may choose a mentor among the council's staff who
adds ratings of their own, keeps a development plan (goals per competency and learning
activities with due dates), and sees evidence drawn from their recorded work through the
council's table of ``EvidenceRule``.

These rows belong to a person, not to a settlement: they are not scoped by settlement but
read through selectors that filter by the owner (and the chosen mentor). A coordinator's
ratings are private to them and their mentor; the council sees aggregates only."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coordinator.models import Council


class Level(models.IntegerChoices):
    """The rating scale; ``LEVEL_DESCRIPTIONS`` says what each level means."""

    AWARE = 1, _("Aware")
    DEVELOPING = 2, _("Developing")
    CAPABLE = 3, _("Capable")
    ROLE_MODEL = 4, _("Role model")


LEVEL_DESCRIPTIONS = {
    Level.AWARE: _("I know what it means and why it matters, and have tried it a little."),
    Level.DEVELOPING: _("I do it with support or now and then; I am learning."),
    Level.CAPABLE: _("I do it well and on my own, in most situations."),
    Level.ROLE_MODEL: _("I do it in difficult situations and help others learn it."),
}


class Framework(models.Model):
    """A version of the competency model. The base model has no council; a council's own
    version copies the one it builds on and adds competencies."""

    council = models.ForeignKey(
        Council,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="competency_frameworks",
        verbose_name=_("council"),
    )
    version = models.PositiveSmallIntegerField(_("version"))
    name = models.CharField(_("name"), max_length=200)
    based_on = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"))

    class Meta:
        ordering = ["council_id", "version"]
        verbose_name = _("competency framework")
        verbose_name_plural = _("competency frameworks")
        constraints = [
            models.UniqueConstraint(
                fields=["council", "version"], name="framework_version_once_per_council"
            ),
            models.UniqueConstraint(
                fields=["version"],
                condition=models.Q(council__isnull=True),
                name="framework_base_version_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.version})"


class Area(models.Model):
    """One of the model's five areas: its number and title in each language."""

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="areas", verbose_name=_("framework")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    code = models.CharField(max_length=30)  # "building", "mobilisation", ...
    title = models.JSONField(_("title"), default=dict)  # {"sl": ..., "he": ..., "en": ...}

    class Meta:
        ordering = ["framework_id", "number"]
        verbose_name = _("competency area")
        verbose_name_plural = _("competency areas")
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="area_number_once")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title.get('en', '')}"


class Competency(models.Model):
    """A competency of an area. ``key`` ("2.3") stays the same across versions, so a
    competency's history runs across them; a council's own ones get keys of their own."""

    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, related_name="competencies", verbose_name=_("area")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    key = models.CharField(_("key"), max_length=20)
    text = models.JSONField(_("text"), default=dict)  # {"sl": ..., "he": ..., "en": ...}

    class Meta:
        ordering = ["area__number", "number"]
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")
        constraints = [
            models.UniqueConstraint(fields=["area", "number"], name="competency_number_once")
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.text.get('en', '')[:60]}"


class Cycle(models.Model):
    """A self-assessment of a coordinator against one version of the model, over a
    period (the evidence of that period is shown with it). Ratings may be saved half done;
    a completed cycle is the coordinator's statement of where they stand."""

    class Status(models.TextChoices):
        OPEN = "open", _("In progress")
        COMPLETED = "completed", _("Completed")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="competency_cycles",
        verbose_name=_("coordinator"),
    )
    framework = models.ForeignKey(
        Framework, on_delete=models.PROTECT, related_name="cycles", verbose_name=_("framework")
    )
    title = models.CharField(_("title"), max_length=200)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentored_cycles",
        verbose_name=_("mentor"),
    )
    created_at = models.DateTimeField(_("created"))
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="cycle_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Rating(models.Model):
    """The coordinator's rating of one competency in a cycle, and their mentor's."""

    cycle = models.ForeignKey(
        Cycle, on_delete=models.CASCADE, related_name="ratings", verbose_name=_("self-assessment")
    )
    competency = models.ForeignKey(
        Competency, on_delete=models.PROTECT, related_name="+", verbose_name=_("competency")
    )
    level = models.PositiveSmallIntegerField(
        _("my rating"), choices=Level.choices, null=True, blank=True
    )
    comment = models.TextField(_("comment"), blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    mentor_level = models.PositiveSmallIntegerField(
        _("mentor's rating"), choices=Level.choices, null=True, blank=True
    )
    mentor_comment = models.TextField(_("mentor's comment"), blank=True)
    updated_at = models.DateTimeField(_("updated"))

    class Meta:
        ordering = ["competency__area__number", "competency__number"]
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "competency"], name="rating_once_per_cycle"),
            models.CheckConstraint(
                condition=models.Q(level__isnull=True) | models.Q(level__gte=1, level__lte=4),
                name="rating_level_on_the_scale",
            ),
            models.CheckConstraint(
                condition=models.Q(mentor_level__isnull=True)
                | models.Q(mentor_level__gte=1, mentor_level__lte=4),
                name="rating_mentor_level_on_the_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competency_id}: {self.level or '–'}"


class DevelopmentGoal(models.Model):
    """What the coordinator wants to grow in: a goal for a competency (its ``key``, so it
    outlives a new version of the model)."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        REACHED = "reached", _("Reached")
        DROPPED = "dropped", _("Set aside")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="development_goals",
        verbose_name=_("coordinator"),
    )
    competency = models.ForeignKey(
        Competency, on_delete=models.PROTECT, related_name="+", verbose_name=_("competency")
    )
    goal = models.CharField(_("goal"), max_length=300)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    created_at = models.DateTimeField(_("created"))

    class Meta:
        ordering = ["status", "id"]
        verbose_name = _("development goal")
        verbose_name_plural = _("development goals")

    def __str__(self) -> str:
        return self.goal


class LearningActivity(models.Model):
    """A step towards a development goal: a training, mentoring, the coordinators' forum,
    reading; with a due date (a reminder goes before it, once) and where it stands."""

    class Kind(models.TextChoices):
        TRAINING = "training", _("Training")
        MENTORING = "mentoring", _("Mentoring")
        FORUM = "forum", _("Coordinators' forum")
        READING = "reading", _("Reading")
        PRACTICE = "practice", _("Practice at work")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Set aside")

    goal = models.ForeignKey(
        DevelopmentGoal,
        on_delete=models.CASCADE,
        related_name="activities",
        verbose_name=_("development goal"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.TRAINING)
    title = models.CharField(_("activity"), max_length=300)
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("learning activity")
        verbose_name_plural = _("learning activities")

    def __str__(self) -> str:
        return self.title


class ActivityReminder(models.Model):
    """The claim that the reminder of an activity due on a day was queued: inserted with
    the e-mail, so each goes once (a new due date is a new reminder)."""

    activity = models.ForeignKey(LearningActivity, on_delete=models.CASCADE, related_name="+")
    due_on = models.DateField()
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["activity", "due_on"], name="activity_reminded_once")
        ]

    def __str__(self) -> str:
        return f"{self.activity_id} {self.due_on}"


class EvidenceRule(models.Model):
    """The council's table of which recorded work counts as evidence for which competency:
    a kind of activity of the product (``competencies.evidence`` lists them) and the key
    of a competency. Rows without a council are the default every council starts from."""

    council = models.ForeignKey(
        Council,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evidence_rules",
        verbose_name=_("council"),
    )
    source = models.CharField(_("recorded work"), max_length=50)
    competency_key = models.CharField(_("competency"), max_length=20)

    class Meta:
        ordering = ["source", "competency_key"]
        verbose_name = _("evidence rule")
        verbose_name_plural = _("evidence rules")
        constraints = [
            models.UniqueConstraint(
                fields=["council", "source", "competency_key"], name="evidence_rule_once"
            ),
            models.UniqueConstraint(
                fields=["source", "competency_key"],
                condition=models.Q(council__isnull=True),
                name="evidence_rule_default_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} → {self.competency_key}"
