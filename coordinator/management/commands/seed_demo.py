"""Build the demo: one council, three settlements (Hebrew, Slovenian, English), about 300
residents each in households, a few committees, and one account per role.

Idempotent: running it again changes nothing that is already there."""

import datetime as dt
import random
from typing import Any

from django.db import transaction
from django_scopes import scope

from coordinator import clock, registry
from coordinator.management.base import ScopedCommand, local_only
from coordinator.models import (
    Council,
    Household,
    Language,
    Membership,
    Neighbourhood,
    Resident,
    Role,
    Settlement,
    Tag,
    User,
)
from coordinator.versions import versions_touch

DEMO_PASSWORD = "demo-community-2026"  # noqa: S105  (printed for the local demo only)

NAMES: dict[str, dict[str, Any]] = {
    "he": {
        "first": [
            "נועה",
            "תמר",
            "מאיה",
            "יעל",
            "שירה",
            "אביגיל",
            "רחל",
            "מיכל",
            "הדס",
            "אורית",
            "יוסי",
            "דוד",
            "אבי",
            "משה",
            "איתי",
            "עומר",
            "אריאל",
            "יונתן",
            "נדב",
            "רון",
            "אליה",
            "נטע",
            "עדי",
            "שחר",
            "גל",
            "טליה",
            "אסף",
            "אלון",
            "רותם",
            "ליאור",
        ],
        "last": [
            "כהן",
            "לוי",
            "מזרחי",
            "פרץ",
            "ביטון",
            "אברהם",
            "פרידמן",
            "שפירא",
            "אזולאי",
            "דהן",
            "חדד",
            "גבאי",
            "בן דוד",
            "אוחיון",
            "יוסף",
            "סויסה",
            "קליין",
            "רוזן",
            "ברק",
            "גולן",
            "שלום",
            "אלמוג",
            "הררי",
            "נחום",
            "וקנין",
        ],
        "neighbourhoods": ["הגבעה", "הוותיקה", "ההרחבה", "נווה אורנים"],
        "streets": ["הזית", "הרימון", "האלון", "התאנה", "הגפן", "השקד"],
        "household": "משפחת {last}",
        "tags": ["משפחה חדשה", "מתנדב/ת", "גר/ה לבד"],
    },
    "sl": {
        "first": [
            "Ana",
            "Maja",
            "Eva",
            "Nina",
            "Sara",
            "Petra",
            "Mojca",
            "Katja",
            "Urška",
            "Tina",
            "Luka",
            "Marko",
            "Jan",
            "Nejc",
            "Matej",
            "Gregor",
            "Tomaž",
            "Rok",
            "Žiga",
            "Miha",
            "Zala",
            "Lara",
            "Ema",
            "Filip",
            "Jaka",
            "Nika",
            "Tim",
            "Špela",
            "Alen",
            "Klara",
        ],
        "last": [
            "Novak",
            "Horvat",
            "Kovačič",
            "Krajnc",
            "Zupančič",
            "Potočnik",
            "Kovač",
            "Mlakar",
            "Kos",
            "Vidmar",
            "Golob",
            "Turk",
            "Božič",
            "Kralj",
            "Korošec",
            "Zupan",
            "Bizjak",
            "Hribar",
            "Kavčič",
            "Rozman",
            "Kastelic",
            "Oblak",
            "Petek",
        ],
        "neighbourhoods": ["Center", "Gorica", "Zgornja vas", "Spodnja vas"],
        "streets": ["Cesta na Brdo", "Vaška pot", "Lipova ulica", "Šolska ulica", "Gozdna pot"],
        "household": "Družina {last}",
        "tags": ["nova družina", "prostovoljec", "živi sam"],
    },
    "en": {
        "first": [
            "Olivia",
            "Emma",
            "Amelia",
            "Isla",
            "Ava",
            "Grace",
            "Freya",
            "Lily",
            "Ella",
            "Mia",
            "Oliver",
            "George",
            "Harry",
            "Noah",
            "Jack",
            "Leo",
            "Arthur",
            "Oscar",
            "Charlie",
            "Henry",
            "Thomas",
            "James",
            "Alfie",
            "Ruby",
            "Evie",
            "Sophie",
            "Daniel",
            "Sam",
        ],
        "last": [
            "Smith",
            "Jones",
            "Taylor",
            "Brown",
            "Williams",
            "Wilson",
            "Johnson",
            "Davies",
            "Robinson",
            "Wright",
            "Thompson",
            "Evans",
            "Walker",
            "White",
            "Roberts",
            "Green",
            "Hall",
            "Wood",
            "Jackson",
            "Clarke",
            "Hughes",
            "Edwards",
            "Turner",
        ],
        "neighbourhoods": ["Old Village", "Mill Lane", "Hillside", "Brookfield"],
        "streets": ["Church Road", "Mill Lane", "Station Road", "Orchard Close", "Green Lane"],
        "household": "The {last} family",
        "tags": ["new family", "volunteer", "lives alone"],
    },
}

SETTLEMENTS = [
    # slug, name, language, time zone, currency, latitude, longitude
    ("kfar-hadar", "כפר הדר", Language.HEBREW, "Asia/Jerusalem", "ILS", "32.60000", "35.30000"),
    (
        "zgornja-lipa",
        "Zgornja Lipa",
        Language.SLOVENIAN,
        "Europe/Ljubljana",
        "EUR",
        "46.05000",
        "14.50000",
    ),
    (
        "meadowbrook",
        "Meadowbrook",
        Language.ENGLISH,
        "Europe/London",
        "EUR",
        "51.50000",
        "-0.12000",
    ),
]

ROLE_ACCOUNTS = [
    # username suffix, role, first name, last name
    ("coordinator", Role.COORDINATOR, "Dana", "Coordinator"),
    ("chair", Role.CHAIR, "Chen", "Chair"),
    ("social", Role.SOCIAL_WORKER, "Sivan", "Social Worker"),
    ("secretary", Role.SECRETARY, "Shai", "Secretary"),
    ("board", Role.BOARD, "Bar", "Board Member"),
    ("emergency", Role.EMERGENCY, "Eden", "Emergency Team"),
]

COMMITTEES = {
    "he": [("ועדת תרבות", "culture"), ("ועדת קליטה", "absorption"), ("ועדת נוער", "youth")],
    "sl": [
        ("Odbor za kulturo", "culture"),
        ("Odbor za vključevanje novih družin", "absorption"),
        ("Mladinski odbor", "youth"),
    ],
    "en": [
        ("Culture committee", "culture"),
        ("Absorption committee", "absorption"),
        ("Youth committee", "youth"),
    ],
}

RESIDENTS_PER_SETTLEMENT = 300


def demo_phone(rng: random.Random, language: str) -> str:
    if language == Language.HEBREW:
        return f"05{rng.randint(0, 9)}-{rng.randint(1000000, 9999999)}"
    if language == Language.SLOVENIAN:
        return f"+386 4{rng.randint(0, 9)} {rng.randint(100, 999)} {rng.randint(100, 999)}"
    return f"07{rng.randint(100, 999)} {rng.randint(100000, 999999)}"


class Command(ScopedCommand):
    help = "Create the demo council, settlements, residents and one account per role."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--residents", type=int, default=RESIDENTS_PER_SETTLEMENT)

    def handle(self, *args: Any, **options: Any) -> None:
        local_only("seed_demo")
        council, _created = Council.objects.get_or_create(
            slug="demo-council", defaults={"name": "Demo Regional Council"}
        )
        # Council staff first: the apps' demo data may name them (a coordinator's mentor).
        staff = self.account("council", "Carmel", "Council Staff")
        Membership.objects.get_or_create(user=staff, role=Role.COUNCIL_STAFF, council=council)
        logins = []
        for index, (slug, name, language, tz, currency, lat, lon) in enumerate(SETTLEMENTS):
            settlement, _created = Settlement.objects.get_or_create(
                slug=slug,
                defaults={
                    "council": council,
                    "name": name,
                    "language": language,
                    "time_zone": tz,
                    "currency": currency,
                    "latitude": lat,
                    "longitude": lon,
                },
            )
            with scope(settlement=settlement.pk), transaction.atomic():
                self.seed_settlement(settlement, options["residents"], seed=index)
                logins += self.seed_accounts(settlement)
            with scope(settlement=settlement.pk):
                for seeder in registry.demo_seeders:  # surveys, needs, ...: each app's own
                    seeder(settlement)
            # Some seeders insert in bulk, which sends no signals: mark the cache stale here.
            versions_touch(settlement.pk)
        logins.append(("council", str(Role.COUNCIL_STAFF.label), council.name))
        self.stdout.write(
            self.style.SUCCESS("Demo data is ready. Log in at http://127.0.0.1:8000/")
        )
        self.stdout.write(f"Password for every demo account: {DEMO_PASSWORD}")
        for username, role, where in logins:
            self.stdout.write(f"  {username:<26} {role:<24} {where}")

    def account(self, username: str, first: str, last: str) -> User:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@example.org"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        return user

    def seed_accounts(self, settlement: Settlement) -> list[tuple[str, str, str]]:
        from committees.models import Committee

        logins = []
        for suffix, role, first, last in ROLE_ACCOUNTS:
            username = f"{suffix}-{settlement.slug}"
            user = self.account(username, first, last)
            Membership.objects.get_or_create(user=user, role=role, settlement=settlement)
            logins.append((username, str(role.label), settlement.name))
            if role == Role.CHAIR:
                first_committee = (
                    Committee.objects.filter(settlement=settlement).order_by("pk").first()
                )
                if first_committee is not None:
                    first_committee.chairs.add(user)
        return logins

    def seed_settlement(self, settlement: Settlement, count: int, seed: int) -> None:
        from committees.models import Committee

        words = NAMES[settlement.language]
        for committee_name, kind in COMMITTEES[settlement.language]:
            Committee.objects.get_or_create(
                settlement=settlement, name=committee_name, defaults={"kind": kind}
            )
        tags = [
            Tag.objects.get_or_create(settlement=settlement, name=name)[0] for name in words["tags"]
        ]
        neighbourhoods = [
            Neighbourhood.objects.get_or_create(settlement=settlement, name=name)[0]
            for name in words["neighbourhoods"]
        ]
        if Resident.objects.filter(settlement=settlement).exists():
            return
        rng = random.Random(seed)  # the same demo every time
        today = clock.today()
        created = 0
        number = 0
        used_names: set[str] = set()
        while created < count:
            number += 1
            last = rng.choice(words["last"])
            neighbourhood = rng.choice(neighbourhoods)
            address = f"{rng.choice(words['streets'])} {rng.randint(1, 60)}"
            name = words["household"].format(last=last)
            if name in used_names:
                name = f"{name}, {address}"
            if name in used_names:
                name = f"{name} ({number})"
            used_names.add(name)
            household = Household.objects.create(
                settlement=settlement, name=name, address=address, neighbourhood=neighbourhood
            )
            new_family = rng.random() < 0.08
            arrival = today - dt.timedelta(days=rng.randint(10, 300)) if new_family else None
            size = rng.choice([1, 2, 2, 3, 4, 4, 5, 6])
            adults = min(size, rng.choice([1, 2, 2]))
            for member in range(size):
                if member < adults:
                    age = rng.randint(22, 92) if size <= 2 else rng.randint(28, 55)
                else:
                    age = rng.randint(0, 20)
                birth = today - dt.timedelta(days=age * 365 + rng.randint(0, 364))
                first = rng.choice(words["first"])
                phone = demo_phone(rng, settlement.language)
                has_email = member < adults and rng.random() < 0.8
                resident = Resident.objects.create(
                    settlement=settlement,
                    household=household,
                    neighbourhood=neighbourhood,
                    first_name=first,
                    last_name=last,
                    birth_date=birth,
                    email=f"{settlement.slug}.{number}.{member}@example.org" if has_email else "",
                    phone=phone if member < adults and rng.random() < 0.9 else "",
                    arrival_date=arrival,
                    preferred_language=settlement.language,
                    consent_to_contact=member < adults and rng.random() < 0.85,
                )
                resident_tags = []
                if new_family:
                    resident_tags.append(tags[0])
                if member < adults and rng.random() < 0.15:
                    resident_tags.append(tags[1])
                if size == 1 and age >= 70:
                    resident_tags.append(tags[2])
                if resident_tags:
                    resident.tags.set(resident_tags)
                created += 1
                if created >= count:
                    break
