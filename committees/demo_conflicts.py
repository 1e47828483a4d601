"""The demo's conflicts and their mediation (``manage.py seed_demo``): one in mediation
with two steps, one resolved. Described without names, in the settlement's language.
Idempotent: a settlement with a conflict is left as it is."""

import datetime as dt
from typing import Any

from django.db import transaction

from coordinator import clock
from coordinator.models import Settlement

from .models_community import Conflict, MediationStep

Kind = Conflict.Kind
Step = MediationStep.Kind

TEXTS: dict[str, dict[str, Any]] = {
    "en": {
        "mediation": (
            "Parking on the upper street",
            "Cars parked on the pavement block the way to the kindergarten in the morning.",
            "Two neighbouring households",
            [
                (Step.CONVERSATION, "Heard each household separately.", "Meet together"),
                (Step.JOINT_MEETING, "Both sides agreed to try marked spaces.", "Follow up"),
            ],
        ),
        "resolved": (
            "Evenings at the community hall",
            "Two groups wanted the hall on the same evening every week.",
            "The choir and the youth group",
            "The choir meets on Tuesdays, the youth on Thursdays.",
        ),
    },
    "he": {
        "mediation": (
            "חניה ברחוב העליון",
            "רכבים החונים על המדרכה חוסמים בבוקר את הדרך לגן הילדים.",
            "שני משקי בית שכנים",
            [
                (Step.CONVERSATION, "שיחה נפרדת עם כל משק בית.", "פגישה משותפת"),
                (Step.JOINT_MEETING, "שני הצדדים הסכימו לנסות מקומות חניה מסומנים.", "מעקב"),
            ],
        ),
        "resolved": (
            "ערבים במועדון",
            "שתי קבוצות רצו את המועדון באותו ערב בכל שבוע.",
            "המקהלה וקבוצת הנוער",
            "המקהלה נפגשת בימי שלישי, הנוער בימי חמישי.",
        ),
    },
    "sl": {
        "mediation": (
            "Parkiranje na zgornji ulici",
            "Avtomobili na pločniku zjutraj zapirajo pot do vrtca.",
            "Dve sosednji gospodinjstvi",
            [
                (Step.CONVERSATION, "Pogovor z vsakim gospodinjstvom posebej.", "Skupno srečanje"),
                (
                    Step.JOINT_MEETING,
                    "Obe strani bosta poskusili z označenimi mesti.",
                    "Preverjanje",
                ),
            ],
        ),
        "resolved": (
            "Večeri v dvorani",
            "Dve skupini sta želeli dvorano vsak teden na isti večer.",
            "Pevski zbor in mladinska skupina",
            "Zbor ima vaje ob torkih, mladi se srečujejo ob četrtkih.",
        ),
    },
}


def seed(settlement: Settlement) -> None:
    if Conflict.objects.filter(settlement=settlement).exists():
        return
    words = TEXTS.get(settlement.language, TEXTS["en"])
    now = clock.now()
    today = clock.today()
    with transaction.atomic():
        title, description, parties, steps = words["mediation"]
        conflict = Conflict.objects.create(
            settlement=settlement,
            title=title,
            kind=Kind.NEIGHBOURS,
            description=description,
            parties=parties,
            status=Conflict.Status.MEDIATION,
            opened_on=today - dt.timedelta(days=20),
        )
        for n, (kind, notes, next_step) in enumerate(steps):
            MediationStep.objects.create(
                settlement=settlement,
                conflict=conflict,
                date=today - dt.timedelta(days=14 - 7 * n),
                kind=kind,
                notes=notes,
                next_step=next_step,
                created_at=now,
            )
        title, description, parties, outcome = words["resolved"]
        Conflict.objects.create(
            settlement=settlement,
            title=title,
            kind=Kind.GROUPS,
            description=description,
            parties=parties,
            status=Conflict.Status.RESOLVED,
            opened_on=today - dt.timedelta(days=90),
            closed_on=today - dt.timedelta(days=60),
            outcome=outcome,
        )
