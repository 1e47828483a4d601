"""The demo's volunteer hours (``manage.py seed_demo``): a few months of hours of the
committees' members, most approved by the committee's chair, some waiting to be confirmed,
and the milestones they reached. Idempotent: a settlement with hours is left as it is."""

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction

from coordinator import clock
from coordinator.models import Resident, Settlement

from .models import CommitteeMember
from .models_volunteers import VolunteerHours
from .services_hours import milestones_update

TEXTS = {
    "en": ["Set up the hall", "Drove neighbours to the clinic", "Cooked for the event"],
    "he": ["הכנת המועדון", "הסעת שכנים למרפאה", "בישול לאירוע"],
    "sl": ["Pripravili dvorano", "Sosede peljali k zdravniku", "Kuhali za prireditev"],
}
VOLUNTEERS = 8
ENTRIES = 6


def seed(settlement: Settlement) -> None:
    if VolunteerHours.objects.filter(settlement=settlement).exists():
        return
    members = list(
        CommitteeMember.objects.filter(settlement=settlement)
        .select_related("committee", "resident")
        .order_by("pk")[: VOLUNTEERS * 2]
    )
    if not members:
        return
    rng = random.Random(settlement.pk)  # noqa: S311 - demo data, not security
    texts = TEXTS.get(settlement.language, TEXTS["en"])
    today = clock.today()
    now = clock.now()
    seen: dict[int, Resident] = {}
    with transaction.atomic():
        for member in members[:VOLUNTEERS]:
            seen[member.resident_id] = member.resident
            for n in range(ENTRIES):
                pending = n == 0 and rng.random() < 0.5
                VolunteerHours.objects.create(
                    settlement=settlement,
                    resident=member.resident,
                    committee=member.committee,
                    date=today - dt.timedelta(days=3 + n * 17 + rng.randrange(5)),
                    hours=Decimal(rng.choice(["1.5", "2", "2.5", "3", "4"])),
                    description=rng.choice(texts),
                    source=VolunteerHours.Source.SELF if pending else VolunteerHours.Source.CHAIR,
                    status=(
                        VolunteerHours.Status.PENDING if pending else VolunteerHours.Status.APPROVED
                    ),
                    reviewed_at=None if pending else now,
                    created_at=now,
                )
        for resident in seen.values():
            milestones_update(resident=resident)
