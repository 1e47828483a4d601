"""The demo's volunteers (``manage.py seed_demo``): a list of skills, profiles for a dozen
residents and an opening of the first committee with two invitations. In the settlement's
language. Idempotent: a settlement with a volunteer profile is left as it is."""

import datetime as dt
import random

from django.db import transaction

from coordinator import clock
from coordinator.models import Resident, Settlement

from .models import Committee
from .models_volunteers import (
    Opening,
    OpeningInvitation,
    Skill,
    Slot,
    SpokenLanguage,
    VolunteerProfile,
)
from .services_volunteers import invitation_token
from .tokens import new_nonce, token_hash

SKILLS = {
    "en": ["First aid", "Driving", "Cooking", "Graphic design", "Tutoring", "Music"],
    "he": ["עזרה ראשונה", "נהיגה", "בישול", "עיצוב גרפי", "שיעורי עזר", "מוזיקה"],
    "sl": ["Prva pomoč", "Vožnja", "Kuhanje", "Grafično oblikovanje", "Inštrukcije", "Glasba"],
}
OPENING = {
    "en": ("Set-up team for the autumn festival", "Carry tables and decorate the hall."),
    "he": ("צוות הקמה לפסטיבל הסתיו", "סידור שולחנות וקישוט המועדון."),
    "sl": ("Ekipa za postavitev jesenskega praznika", "Prenašanje miz in okrasitev dvorane."),
}
PROFILES = 12


def seed(settlement: Settlement) -> None:
    if VolunteerProfile.objects.filter(settlement=settlement).exists():
        return
    residents = list(
        Resident.objects.filter(settlement=settlement, archived_at__isnull=True).order_by("pk")[
            :PROFILES
        ]
    )
    if not residents:
        return
    language = settlement.language if settlement.language in SKILLS else "en"
    rng = random.Random(settlement.pk)  # noqa: S311  (the same demo every time)
    now = clock.now()
    today = clock.today()
    slots = list(Slot.values)
    kinds = list(Committee.Kind.values)
    with transaction.atomic():
        skills = [
            Skill.objects.get_or_create(settlement=settlement, name=name)[0]
            for name in SKILLS[language]
        ]
        for n, resident in enumerate(residents):
            checked = n % 3 == 0
            profile = VolunteerProfile.objects.create(
                settlement=settlement,
                resident=resident,
                interests=sorted(set(rng.sample(kinds, k=2))),
                availability=sorted(set(rng.sample(slots, k=1 + n % 3))),
                languages=sorted({language, SpokenLanguage.ENGLISH.value}),
                hours_per_month=4 + 2 * (n % 4),
                background_check=VolunteerProfile.Check.VALID
                if checked
                else VolunteerProfile.Check.NONE,
                background_check_until=today + dt.timedelta(days=365) if checked else None,
                created_at=now,
            )
            profile.skills.set(rng.sample(skills, k=1 + n % 3))
        committee = Committee.objects.filter(settlement=settlement).order_by("pk").first()
        title, description = OPENING[language]
        opening = Opening.objects.create(
            settlement=settlement,
            committee=committee,
            title=title,
            description=description,
            area=committee.kind if committee else Committee.Kind.CULTURE,
            availability=[Slot.WEEKENDS.value],
            people_needed=3,
            created_at=now,
        )
        opening.skills.set(skills[:2])
        for resident in residents[:2]:
            nonce = new_nonce()
            OpeningInvitation.objects.create(
                settlement=settlement,
                opening=opening,
                resident=resident,
                nonce=nonce,
                token_hash=token_hash(invitation_token(nonce)),
                invited_at=now,
            )
