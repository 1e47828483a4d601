"""Reminders of learning activities: an e-mail to the coordinator a week (or less) before
an open activity's due date, once. The claim is an ``ActivityReminder`` row per activity
and due date, inserted in a savepoint in the same transaction as the outbox row of the
e-mail: a second run finds the claim taken and queues nothing; a new due date is a new
claim, so it is reminded again. Beat may run this as often as it likes.

These rows belong to a person, not to a settlement: no settlement scope is involved."""

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from coordinator import clock
from coordinator.models import Membership, Role
from coordinator.services.outbox import outbox_enqueue
from messaging.services import absolute_url

from .models import ActivityReminder, LearningActivity
from .selectors import text
from .services_plan import OPEN

REMIND_DAYS_BEFORE = 7
DEFAULT_LANGUAGE = "en"


def _claim(activity: LearningActivity, due_on: dt.date) -> bool:
    """Insert the reminder's claim; False if it was taken (it went out already)."""
    try:
        with transaction.atomic():
            ActivityReminder.objects.create(
                activity=activity, due_on=due_on, created_at=clock.now()
            )
    except IntegrityError:
        return False
    return True


def owner_languages(user_ids: set[int]) -> dict[int, str]:
    """Each user's language: that of the settlement of their first coordinator membership
    (one query). Users without one are missing: they read English."""
    languages: dict[int, str] = {}
    memberships = (
        Membership.objects.filter(
            user_id__in=user_ids, role=Role.COORDINATOR, settlement__isnull=False
        )
        .select_related("settlement")
        .order_by("user_id", "pk")
    )
    for membership in memberships:
        if membership.settlement is not None:
            languages.setdefault(membership.user_id, membership.settlement.language)
    return languages


def _render(language: str, context: dict[str, Any]) -> tuple[str, str]:
    with translation.override(language):
        context = {
            **context,
            "competency": text(context["activity"].goal.competency.text, language),
        }
        subject = render_to_string(
            "competencies/email/activity_reminder_subject.txt", context
        ).strip()
        body = render_to_string("competencies/email/activity_reminder.txt", context)
    return subject, body


@transaction.atomic
def learning_reminders_queue(*, today: dt.date) -> int:
    """Queue a reminder of each open learning activity due from ``today`` to a week ahead,
    to its owner, once per due date. Returns how many were queued now."""
    claimed = ActivityReminder.objects.filter(activity=OuterRef("pk"), due_on=OuterRef("due_on"))
    due = list(
        LearningActivity.objects.filter(
            status__in=OPEN,
            due_on__gte=today,
            due_on__lte=today + dt.timedelta(days=REMIND_DAYS_BEFORE),
        )
        .exclude(Exists(claimed))
        .exclude(goal__owner__email="")
        .select_related("goal__owner", "goal__competency")
        .order_by("due_on", "pk")
    )
    if not due:
        return 0
    languages = owner_languages({activity.goal.owner_id for activity in due})
    plan_url = absolute_url(reverse("competencies:plan"))
    queued = 0
    for activity in due:
        owner = activity.goal.owner
        if activity.due_on is None or not owner.email or not _claim(activity, activity.due_on):
            continue
        language = languages.get(owner.pk, DEFAULT_LANGUAGE)
        subject, body = _render(
            language,
            {
                "activity": activity,
                "owner": owner,
                "days": (activity.due_on - today).days,
                "url": f"{plan_url}#goal-{activity.goal_id}",
            },
        )
        outbox_enqueue(job="coordinator.email", subject=subject, body=body, to=[owner.email])
        queued += 1
    return queued
