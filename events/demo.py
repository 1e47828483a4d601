"""The demo's events and classes (``manage.py seed_demo``): in each settlement a few
published events this month and next (one with sign-up open, registrations, a waiting list
and volunteer shifts), a season of six classes for every age group with three instructors,
their sessions, registrations with payment statuses and some attendance. In the
settlement's language. Idempotent: a settlement that has the season is left as it is.

Registrations are written directly, not through the registration service, so the demo
queues no messages to the residents."""

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.db import transaction

from committees.models import Committee
from committees.tokens import link_token, new_nonce, token_hash
from coordinator import clock
from coordinator.models import AgeGroup, Resident, Settlement

from .models import (
    ClassParticipant,
    ClassRegistration,
    Course,
    CourseSession,
    Event,
    EventRegistration,
    Instructor,
    Season,
    SessionAttendance,
    ShiftSignup,
    VolunteerShift,
)
from .models_signups import SignupStatus
from .services_classes import sessions_make
from .signups import CLASS, EVENT, SHIFT

TEXTS: dict[str, dict[str, Any]] = {
    "en": {
        "events": [
            ("Autumn community evening", "community", "Community hall"),
            ("Lantern walk for families", "culture", "Village square"),
            ("Village football tournament", "sport", "Sports ground"),
            ("New year concert", "culture", "Community hall"),
        ],
        "shifts": ["Setting up", "At the door", "Kitchen"],
        "instructors": ["Dana Levi (music)", "Ana Novak (movement)", "Tom Green (art)"],
        "classes": [
            ("Little artists", AgeGroup.CHILDREN, 2, "Art room"),
            ("Junior football", AgeGroup.CHILDREN, 1, "Sports ground"),
            ("Youth band", AgeGroup.YOUTH, 0, "Music room"),
            ("Photography club", AgeGroup.YOUNG_ADULTS, 2, "Club house"),
            ("Pilates", AgeGroup.ADULTS, 1, "Community hall"),
            ("Seniors' choir", AgeGroup.SENIORS, 0, "Community hall"),
        ],
    },
    "he": {
        "events": [
            ("ערב קהילה סתווי", "community", "מועדון"),
            ("תהלוכת פנסים למשפחות", "culture", "כיכר היישוב"),
            ("טורניר כדורגל יישובי", "sport", "מגרש הספורט"),
            ("קונצרט חורף", "culture", "מועדון"),
        ],
        "shifts": ["הקמה", "בכניסה", "מטבח"],
        "instructors": ["דנה לוי (מוזיקה)", "מיכל כהן (תנועה)", "יואב שגיא (אמנות)"],
        "classes": [
            ("אמנים קטנים", AgeGroup.CHILDREN, 2, "חדר יצירה"),
            ("כדורגל לילדים", AgeGroup.CHILDREN, 1, "מגרש הספורט"),
            ("להקת נוער", AgeGroup.YOUTH, 0, "חדר מוזיקה"),
            ("חוג צילום", AgeGroup.YOUNG_ADULTS, 2, "מועדון"),
            ("פילאטיס", AgeGroup.ADULTS, 1, "מועדון"),
            ("מקהלת הגיל השלישי", AgeGroup.SENIORS, 0, "מועדון"),
        ],
    },
    "sl": {
        "events": [
            ("Jesenski večer skupnosti", "community", "Dom krajanov"),
            ("Pohod z lučkami za družine", "culture", "Vaški trg"),
            ("Vaški nogometni turnir", "sport", "Igrišče"),
            ("Novoletni koncert", "culture", "Dom krajanov"),
        ],
        "shifts": ["Postavljanje", "Pri vhodu", "Kuhinja"],
        "instructors": ["Ana Novak (glasba)", "Maja Kralj (gibanje)", "Luka Zupan (likovno)"],
        "classes": [
            ("Mali umetniki", AgeGroup.CHILDREN, 2, "Likovna soba"),
            ("Nogomet za otroke", AgeGroup.CHILDREN, 1, "Igrišče"),
            ("Mladinski bend", AgeGroup.YOUTH, 0, "Glasbena soba"),
            ("Fotografski krožek", AgeGroup.YOUNG_ADULTS, 2, "Klubski prostor"),
            ("Pilates", AgeGroup.ADULTS, 1, "Dom krajanov"),
            ("Pevski zbor starejših", AgeGroup.SENIORS, 0, "Dom krajanov"),
        ],
    },
}
# Rates (per session, per hour, per month) and the classes' fees by instructor.
RATES = [
    (Decimal("180.00"), Instructor.RateUnit.SESSION),
    (Decimal("120.00"), Instructor.RateUnit.HOUR),
    (Decimal("1400.00"), Instructor.RateUnit.MONTH),
]
SHORT = 3  # the class short of its minimum
FULL = 0  # the class full, with a waiting list


def season_name(today: dt.date) -> tuple[str, dt.date, dt.date]:
    """The school year holding ``today``: "2026–27", 1 September to 30 June."""
    year = today.year if today.month >= 9 else today.year - 1
    return f"{year}–{(year + 1) % 100:02d}", dt.date(year, 9, 1), dt.date(year + 1, 6, 30)


def seed(settlement: Settlement) -> None:
    zone = clock.settlement_zone(settlement)
    now = clock.now()
    today = now.astimezone(zone).date()
    name, starts_on, ends_on = season_name(today)
    if Season.objects.filter(settlement=settlement, name=name).exists():
        return
    words = TEXTS.get(settlement.language, TEXTS["en"])
    language = settlement.language if settlement.language in TEXTS else "en"
    rng = random.Random(settlement.pk)  # noqa: S311  (the same demo every time)
    residents = list(
        Resident.objects.filter(settlement=settlement, archived_at__isnull=True).order_by("pk")
    )
    committee = Committee.objects.filter(settlement=settlement).order_by("pk").first()
    with transaction.atomic():
        _events(settlement, words, language, committee, residents, rng, now, zone)
        season = Season.objects.create(
            settlement=settlement, name=name, starts_on=starts_on, ends_on=ends_on
        )
        courses = _classes(settlement, words, language, committee, season, today, now)
    for course in courses:
        sessions_make(course=course)
    with transaction.atomic():
        _people(settlement, courses, residents, rng, today, now)


def _at(day: dt.date, hour: int, zone: Any) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=zone).astimezone(dt.UTC)


def _contact(resident: Resident, purpose: str) -> dict[str, Any]:
    """A sign-up's contact fields, with a personal link of its own (as the services give)."""
    nonce = new_nonce()
    return {
        "name": resident.full_name,
        "email": resident.email,
        "phone": resident.phone,
        "language": resident.preferred_language or "en",
        "resident": resident,
        "nonce": nonce,
        "token_hash": token_hash(link_token(purpose, nonce)),
    }


def _events(
    settlement: Settlement,
    words: dict[str, Any],
    language: str,
    committee: Committee | None,
    residents: list[Resident],
    rng: random.Random,
    now: dt.datetime,
    zone: Any,
) -> None:
    today = now.astimezone(zone).date()
    for n, (title, kind, place) in enumerate(words["events"]):
        day = today + dt.timedelta(days=(4, 11, 24, 38)[n])
        starts = _at(day, 18, zone)
        event = Event.objects.create(
            settlement=settlement,
            title={language: title},
            kind=kind,
            status=Event.Status.PUBLISHED,
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=3),
            place=place,
            committee=committee,
            planned_cost=Decimal(1500 + 500 * n),
            signup_open=n == 0,
            capacity=20 if n == 0 else None,
            created_at=now,
        )
        if n != 0:
            continue
        # The first: its places taken, two families waiting, and shifts for volunteers.
        people = rng.sample(residents, k=min(12, len(residents)))
        taken = 0
        for resident in people:
            seats = rng.choice((1, 2, 2, 3))
            status = SignupStatus.CONFIRMED if taken + seats <= 20 else SignupStatus.WAITING
            taken += seats if status == SignupStatus.CONFIRMED else 0
            EventRegistration.objects.create(
                settlement=settlement,
                event=event,
                seats=seats,
                status=status,
                created_at=now - dt.timedelta(hours=len(people)),
                **_contact(resident, EVENT),
            )
        helpers = iter(rng.sample(residents, k=min(4, len(residents))))
        for k, role in enumerate(words["shifts"]):
            shift = VolunteerShift.objects.create(
                settlement=settlement,
                event=event,
                role=role,
                starts_at=starts - dt.timedelta(hours=2) + dt.timedelta(hours=2 * k),
                ends_at=starts + dt.timedelta(hours=2 * k),
                needed=2,
            )
            for _n in range((2, 1, 0)[k]):  # the door and the kitchen still need people
                helper = next(helpers, None)
                if helper is not None:
                    ShiftSignup.objects.create(
                        settlement=settlement,
                        shift=shift,
                        created_at=now,
                        **_contact(helper, SHIFT),
                    )


def _classes(
    settlement: Settlement,
    words: dict[str, Any],
    language: str,
    committee: Committee | None,
    season: Season,
    today: dt.date,
    now: dt.datetime,
) -> list[Course]:
    instructors = [
        Instructor.objects.create(
            settlement=settlement,
            name=name,
            email=f"instructor{n + 1}@example.org",
            rate=rate,
            rate_unit=unit,
            contract_from=season.starts_on,
            contract_until=season.ends_on,
        )
        for n, (name, (rate, unit)) in enumerate(zip(words["instructors"], RATES, strict=True))
    ]
    first_week = max(season.starts_on, today - dt.timedelta(days=42))
    courses = []
    for n, (title, group, teacher, place) in enumerate(words["classes"]):
        starts = today + dt.timedelta(days=7) if n == SHORT else first_week
        courses.append(
            Course.objects.create(
                settlement=settlement,
                season=season,
                title={language: title},
                instructor=instructors[teacher],
                age_group=group,
                committee=committee,
                weekdays=[n % 5],
                start_time=dt.time(16 + n % 4, 0),
                end_time=dt.time(17 + n % 4, 0),
                starts_on=starts,
                ends_on=season.ends_on,
                place=place,
                capacity=8 if n == FULL else 15,
                min_participants=6,
                fee=Decimal("150.00") if n % 2 else Decimal("900.00"),
                fee_period=Course.FeePeriod.MONTH if n % 2 else Course.FeePeriod.SEASON,
                status=Course.Status.OPEN,
                created_at=now,
            )
        )
    return courses


def _people(
    settlement: Settlement,
    courses: list[Course],
    residents: list[Resident],
    rng: random.Random,
    today: dt.date,
    now: dt.datetime,
) -> None:
    by_group: dict[str, list[Resident]] = {}
    for resident in residents:
        group = settlement.age_group_of(resident.birth_date, today)
        if group is not None:
            by_group.setdefault(group.value, []).append(resident)
    for n, course in enumerate(courses):
        wanted = 10 if n == FULL else 3 if n == SHORT else rng.randint(7, 12)
        pool = by_group.get(course.age_group, [])
        people = rng.sample(pool, k=min(wanted, len(pool)))
        taken = 0
        participants = []
        for k, person in enumerate(people):
            status = SignupStatus.CONFIRMED if taken < course.capacity else SignupStatus.WAITING
            taken += 1
            registration = ClassRegistration.objects.create(
                settlement=settlement,
                course=course,
                household=person.household,
                places=1,
                status=status,
                created_at=now - dt.timedelta(days=30, minutes=k),
                **_contact(person, CLASS),
            )
            participant = ClassParticipant.objects.create(
                settlement=settlement,
                registration=registration,
                name=person.full_name,
                resident=person,
                age_group=course.age_group,
                payment=rng.choice(
                    (ClassParticipant.Payment.PAID,) * 3
                    + (ClassParticipant.Payment.DUE, ClassParticipant.Payment.EXEMPT)
                ),
            )
            if status == SignupStatus.CONFIRMED:
                participants.append(participant)
        past = CourseSession.objects.filter(
            course=course, status=CourseSession.Status.SCHEDULED, starts_at__lt=now
        ).order_by("starts_at")
        for session in list(past)[:-1]:  # the last one's attendance is still to be taken
            SessionAttendance.objects.bulk_create(
                SessionAttendance(
                    settlement=settlement,
                    session=session,
                    participant=participant,
                    present=rng.random() < 0.8,
                )
                for participant in participants
            )
