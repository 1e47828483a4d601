"""The demo's competencies (``manage.py seed_demo``): each demo coordinator has last year's
self-assessment completed, with the council's staff member as mentor and their ratings
too, and this year's half done; a development plan with two goals from the weakest
ratings and their learning activities, one due within the week (its reminder goes once
beat runs). Idempotent: a coordinator who has self-assessments is left as they are."""

import datetime as dt
import random
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from coordinator import clock
from coordinator.models import Role, Settlement

from .models import Competency, Cycle, DevelopmentGoal, Framework, LearningActivity, Rating
from .selectors import current_framework

TITLES = {
    "en": ("Self-assessment {year}", "Learning activity: {what}"),
    "he": ("הערכה עצמית {year}", "פעילות למידה: {what}"),
    "sl": ("Samoocena {year}", "Učna dejavnost: {what}"),
}
ACTIVITIES = {
    "en": (
        "Council training day on needs mapping",
        "Coordinators' forum",
        "Read: Asset-based community development",
    ),
    "he": (
        "יום השתלמות במועצה על מיפוי צרכים",
        "פורום רכזי הקהילה",
        "קריאה: פיתוח קהילה מבוסס נכסים",
    ),
    "sl": (
        "Usposabljanje na občini o ugotavljanju potreb",
        "Forum skupnostnih delavcev",
        "Branje: razvoj skupnosti na podlagi virov",
    ),
}
GOALS = {
    "en": "Grow in {what}",
    "he": "להתפתח ב{what}",
    "sl": "Rasti pri kompetenci {what}",
}


def seed(settlement: Settlement) -> None:
    users = get_user_model().objects.filter(
        memberships__settlement=settlement, memberships__role=Role.COORDINATOR
    )
    mentor = (
        get_user_model()
        .objects.filter(
            memberships__council=settlement.council, memberships__role=Role.COUNCIL_STAFF
        )
        .first()
    )
    framework = current_framework(settlement.council)
    competencies = [c for a in framework.areas.all() for c in a.competencies.all()]
    language = settlement.language if settlement.language in TITLES else "en"
    today = clock.local_today(settlement)
    now = clock.now()
    for user in users:
        if Cycle.objects.filter(owner=user).exists():
            continue
        rng = random.Random(user.pk)  # noqa: S311  (the same demo every time)
        with transaction.atomic():
            levels = _cycles(user, mentor, framework, competencies, language, today, now, rng)
            _plan(user, competencies, levels, language, today, now)


def _cycles(
    user: Any,
    mentor: Any,
    framework: Framework,
    competencies: list[Competency],
    language: str,
    today: dt.date,
    now: dt.datetime,
    rng: random.Random,
) -> dict[int, int]:
    title = TITLES[language][0]
    last = Cycle.objects.create(
        owner=user,
        framework=framework,
        title=title.format(year=today.year - 1),
        starts_on=dt.date(today.year - 1, 1, 1),
        ends_on=dt.date(today.year - 1, 12, 31),
        status=Cycle.Status.COMPLETED,
        mentor=mentor,
        created_at=now,
        completed_at=now,
    )
    current = Cycle.objects.create(
        owner=user,
        framework=framework,
        title=title.format(year=today.year),
        starts_on=dt.date(today.year, 1, 1),
        ends_on=dt.date(today.year, 12, 31),
        mentor=mentor,
        created_at=now,
    )
    levels: dict[int, int] = {}
    for n, competency in enumerate(competencies):
        before = rng.choice([1, 2, 2, 3, 3])
        levels[competency.pk] = before
        Rating.objects.create(
            cycle=last,
            competency=competency,
            level=before,
            mentor_level=min(4, before + rng.choice([0, 0, 1])) if mentor else None,
            updated_at=now,
        )
        if n < 18:  # this year's, half done
            Rating.objects.create(
                cycle=current,
                competency=competency,
                level=min(4, before + rng.choice([0, 1, 1])),
                updated_at=now,
            )
    return levels


def _plan(
    user: Any,
    competencies: list[Competency],
    levels: dict[int, int],
    language: str,
    today: dt.date,
    now: dt.datetime,
) -> None:
    weakest = sorted(competencies, key=lambda c: (levels[c.pk], c.pk))[:2]
    kinds = [
        LearningActivity.Kind.TRAINING,
        LearningActivity.Kind.FORUM,
        LearningActivity.Kind.READING,
    ]
    for n, competency in enumerate(weakest):
        goal = DevelopmentGoal.objects.create(
            owner=user,
            competency=competency,
            goal=GOALS[language].format(what=competency.key),
            created_at=now,
        )
        for m in range(2):
            index = (n + m) % 3
            LearningActivity.objects.create(
                goal=goal,
                kind=kinds[index],
                title=ACTIVITIES[language][index],
                due_on=today + dt.timedelta(days=5 + 30 * (n + m)),
                status=LearningActivity.Status.PLANNED,
            )
