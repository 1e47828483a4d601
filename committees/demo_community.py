"""The demo's residents' ideas and community services (``manage.py seed_demo``), in the
settlement's language. Idempotent: a settlement with a service or an idea is left as it is."""

import datetime as dt
from typing import Any

from django.db import transaction

from coordinator import clock
from coordinator.models import Resident, Settlement

from .models import Committee
from .models_community import CommunityService, Initiative
from .tokens import link_token, new_nonce, token_hash

TEXTS: dict[str, dict[str, Any]] = {
    "en": {
        "services": [
            ("Village library", "library", "Community hall", "Tuesdays 17:00-19:00", "active"),
            ("Toy library", "toy_library", "Kindergarten", "Fridays 10:00-12:00", "active"),
            ("After-school club", "after_school", "Youth club", "Sun-Thu 13:00-16:00", "paused"),
        ],
        "ideas": [
            (
                "A bench by the playground",
                "Parents wait standing; a shaded bench would help.",
                "accepted",
                "",
            ),
            (
                "A community garden",
                "The empty plot by the water tower could grow vegetables.",
                "new",
                "",
            ),
            (
                "Night lights on the path",
                "The path to the bus stop is dark in winter.",
                "declined",
                "The council is already lighting the path this winter.",
            ),
        ],
    },
    "he": {
        "services": [
            ("ספריית היישוב", "library", "מועדון היישוב", "ימי שלישי 17:00-19:00", "active"),
            ("משחקייה", "toy_library", "גן הילדים", "ימי שישי 10:00-12:00", "active"),
            ("מועדונית", "after_school", "מועדון הנוער", "א'-ה' 13:00-16:00", "paused"),
        ],
        "ideas": [
            ("ספסל ליד גן המשחקים", "ההורים מחכים בעמידה; ספסל מוצל יעזור.", "accepted", ""),
            ("גינה קהילתית", "אפשר לגדל ירקות במגרש הריק ליד מגדל המים.", "new", ""),
            (
                "תאורה בשביל",
                "השביל לתחנת האוטובוס חשוך בחורף.",
                "declined",
                "המועצה כבר מתקינה תאורה בשביל בחורף הזה.",
            ),
        ],
    },
    "sl": {
        "services": [
            ("Vaška knjižnica", "library", "Dom krajanov", "Torki 17:00-19:00", "active"),
            ("Igroteka", "toy_library", "Vrtec", "Petki 10:00-12:00", "active"),
            ("Popoldanski klub", "after_school", "Mladinski klub", "Pon-pet 13:00-16:00", "paused"),
        ],
        "ideas": [
            ("Klop ob igrišču", "Starši čakajo stoje; klop v senci bi pomagala.", "accepted", ""),
            (
                "Skupnostni vrt",
                "Na praznem zemljišču ob vodnem stolpu bi lahko gojili zelenjavo.",
                "new",
                "",
            ),
            (
                "Luči ob poti",
                "Pot do avtobusne postaje je pozimi temna.",
                "declined",
                "Občina pot osvetljuje že to zimo.",
            ),
        ],
    },
}


def seed(settlement: Settlement) -> None:
    if (
        CommunityService.objects.filter(settlement=settlement).exists()
        or Initiative.objects.filter(settlement=settlement).exists()
    ):
        return
    words = TEXTS.get(settlement.language, TEXTS["en"])
    residents = list(
        Resident.objects.filter(settlement=settlement, archived_at__isnull=True).order_by("pk")[:6]
    )
    committee = Committee.objects.filter(settlement=settlement).order_by("pk").first()
    now = clock.now()
    with transaction.atomic():
        for n, (name, kind, place, hours, status) in enumerate(words["services"]):
            service = CommunityService.objects.create(
                settlement=settlement,
                name=name,
                kind=kind,
                place=place,
                opening_hours=hours,
                status=status,
                committee=committee,
            )
            if residents:
                service.runners.set(residents[n % len(residents) : n % len(residents) + 2])
        for n, (title, description, status, answer) in enumerate(words["ideas"]):
            nonce = new_nonce()
            received = now - dt.timedelta(days=20 - 7 * n)
            initiative = Initiative.objects.create(
                settlement=settlement,
                title=title,
                description=description,
                source=Initiative.Source.PUBLIC,
                status=status,
                answer=answer,
                resident=residents[n] if len(residents) > n else None,
                champion=residents[-1] if residents and status == "accepted" else None,
                committee=committee if status == "accepted" else None,
                nonce=nonce,
                token_hash=token_hash(link_token("initiative", nonce)),
                created_at=received,
                status_changed_at=received + dt.timedelta(days=2) if status != "new" else received,
            )
            if status == "accepted" and residents:
                initiative.volunteers.set(residents[:2])
