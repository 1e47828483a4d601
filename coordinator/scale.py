"""A council-sized data set for the benchmarks (``manage.py seed_scale``).

``scale_build`` makes one council with ``settlements`` big settlements and one small one
(``small_share`` of everything), with households, residents in every age group, the
accounts of each role, and whatever each domain app adds through its registered scale
builder (``registry.register_scale``). Rows are made with ``bulk_create`` in batches,
never one ``save()`` each, so history tables stay empty for this data. The same arguments
give the same names and counts: every random choice comes from ``random.Random`` seeded
from the seed, the settlement and the builder.
"""

import datetime as dt
import random
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django_scopes import scopes_disabled

from . import clock, registry
from .models import (
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

PASSWORD = "scale-bench-2026"  # noqa: S105  (benchmark data only, never production)
BATCH = 2000
M = TypeVar("M", bound=models.Model)

# language, time zone, currency: the settlements take these in turn.
LOCALES = [
    (Language.HEBREW, "Asia/Jerusalem", "ILS"),
    (Language.SLOVENIAN, "Europe/Ljubljana", "EUR"),
    (Language.ENGLISH, "Europe/London", "EUR"),
]
SETTLEMENT_NAMES = {
    "he": ["כפר", "נווה", "גבעת", "רמת", "עין", "מעלה", "בית", "שדה"],
    "sl": ["Zgornja", "Spodnja", "Nova", "Stara", "Velika", "Mala", "Gorenja", "Dolnja"],
    "en": ["Upper", "Lower", "New", "Old", "Great", "Little", "North", "South"],
}
SETTLEMENT_WORDS = {
    "he": ["הדר", "אורנים", "שקד", "תמר", "רימון", "אלון", "גפן", "זית", "ברוש", "דקל"],
    "sl": ["Lipa", "Vas", "Gora", "Reka", "Polje", "Dolina", "Brda", "Loka", "Breg", "Log"],
    "en": ["Meadow", "Brook", "Hill", "Ford", "Field", "Dale", "Wood", "Stone", "Marsh", "Vale"],
}
# Extra first and last names, so that 1,500 residents are not 750 name pairs repeated.
MORE_FIRST = {
    "he": ["אורי", "בני", "גילה", "דינה", "הילה", "ורד", "זיו", "חנה", "טל", "ירון"],
    "sl": ["Alenka", "Boštjan", "Cvetka", "Darko", "Erik", "Franci", "Gaja", "Hana", "Igor"],
    "en": ["Alice", "Ben", "Chloe", "Daniel", "Ella", "Finn", "Grace", "Harry", "Isla", "Jack"],
}
MORE_LAST = {
    "he": ["אשכנזי", "בר", "גלעד", "דגן", "הלוי", "ויס", "זהבי", "חזן", "טל", "ינאי"],
    "sl": ["Novak", "Horvat", "Kovačič", "Krajnc", "Zupančič", "Potočnik", "Kos", "Vidmar"],
    "en": ["Smith", "Jones", "Taylor", "Brown", "Wilson", "Evans", "Thomas", "Roberts", "Walker"],
}
SETTLEMENT_ROLES = [
    # account key, role
    ("chair", Role.CHAIR),
    ("secretary", Role.SECRETARY),
    ("board", Role.BOARD),
    ("social_worker", Role.SOCIAL_WORKER),
    ("emergency", Role.EMERGENCY),
]


@dataclass(frozen=True)
class ResidentRow:
    """What a builder needs to know of a resident without loading it."""

    pk: int
    first_name: str
    last_name: str
    birth_date: dt.date
    age: int
    household_id: int
    email: str
    language: str
    consent: bool

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass
class ScaleContext:
    """One settlement being built: its residents and accounts, the shared clock, and the
    helpers builders use to make rows."""

    settlement: Settlement
    seed: int
    index: int
    share: float
    years: int
    now: dt.datetime
    residents: list[ResidentRow]
    households: list[int]
    household_members: dict[int, list[ResidentRow]]
    neighbourhoods: list[int]
    tags: list[int]
    users: dict[str, User]
    counts: Counter[str]
    shared: dict[str, Any] = field(default_factory=dict)

    @property
    def today(self) -> dt.date:
        return self.now.date()

    @property
    def start(self) -> dt.date:
        """The first day of the data: ``years`` years back from today."""
        return self.today - dt.timedelta(days=365 * self.years)

    @property
    def months(self) -> int:
        return 12 * self.years

    @property
    def language(self) -> str:
        return self.settlement.language

    @property
    def coordinator(self) -> User:
        return self.users["coordinator"]

    def rng(self, name: str) -> random.Random:
        """A random generator of its own for one builder, so adding or changing a builder
        does not change what the others make."""
        return random.Random(f"{self.seed}:{self.index}:{name}")  # noqa: S311  (test data)

    def n(self, full: float, minimum: int = 3) -> int:
        """How many of something this settlement gets: ``full`` for a big settlement, its
        share for the small one, and at least ``minimum``."""
        return max(minimum, round(full * self.share))

    def text(self, en: str, **others: str) -> dict[str, str]:
        """A JSON text in the settlement's language (English when no other is given)."""
        return {self.language: others.get(self.language, en)}

    def at(self, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=dt.UTC)

    def bulk(self, objs: Iterable[M]) -> list[M]:
        """Insert ``objs`` in batches (their primary keys are set) and count them."""
        rows = list(objs)
        if not rows:
            return rows
        model = type(rows[0])
        made = model._default_manager.bulk_create(rows, batch_size=BATCH)
        self.counts[model._meta.label] += len(made)
        return made

    def bulk_m2m(self, through: type[models.Model], objs: Iterable[models.Model]) -> None:
        rows = list(objs)
        if rows:
            through._default_manager.bulk_create(rows, batch_size=BATCH)
            self.counts[through._meta.label] += len(rows)


@dataclass
class ScaleWorld:
    council: Council
    settlements: list[Settlement]
    small: Settlement
    password: str
    accounts: dict[str, str]
    counts: dict[str, int]
    seconds: float = 0.0


def scale_build(
    *,
    settlements: int,
    residents_per_settlement: int,
    years: int,
    seed: int = 1,
    small_share: float = 0.01,
) -> ScaleWorld:
    """Build the council. Identifiers (slugs, usernames) get a suffix when a council of
    the same seed exists already; names and counts depend on the arguments only."""
    if settlements < 1 or residents_per_settlement < 1 or years < 1:
        raise ValueError("settlements, residents and years must be at least 1")
    started = time.monotonic()
    counts: Counter[str] = Counter()
    now = clock.now()
    password = make_password(PASSWORD)
    # One transaction: a build that fails leaves nothing behind.
    with scopes_disabled(), transaction.atomic():
        council, prefix = _make_council(seed, counts)
        staff = _make_users(
            [(f"{prefix}-council", "Council", "Staff")], password, counts, "council"
        )[0]
        Membership.objects.create(user=staff, role=Role.COUNCIL_STAFF, council=council)
        counts[Membership._meta.label] += 1
        made = _make_settlements(council, prefix, seed, settlements, counts)
        accounts = {"council_staff": staff.username}
        for index, settlement in enumerate(made):
            big = index < settlements
            share = 1.0 if big else small_share
            residents = (
                residents_per_settlement
                if big
                else max(min(12, residents_per_settlement), round(residents_per_settlement * share))
            )
            roles = ["coordinator"]
            if index == 0:
                roles += [key for key, _role in SETTLEMENT_ROLES]
            ctx = _build_core(
                settlement=settlement,
                seed=seed,
                index=index,
                share=share,
                years=years,
                now=now,
                residents=residents,
                roles=roles,
                password=password,
                counts=counts,
            )
            for builder in registry.scale_builders:
                builder(ctx)
            if index == 0:
                accounts.update({key: user.username for key, user in ctx.users.items()})
            if not big:
                accounts["small_coordinator"] = ctx.coordinator.username
    return ScaleWorld(
        council=council,
        settlements=made[:settlements],
        small=made[-1],
        password=PASSWORD,
        accounts=accounts,
        counts=dict(sorted(counts.items())),
        seconds=time.monotonic() - started,
    )


def _make_council(seed: int, counts: Counter[str]) -> tuple[Council, str]:
    base = f"scale-{seed}"
    slug, number = base, 1
    while Council.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    council = Council.objects.create(name=f"Scale Regional Council {seed}", slug=slug)
    counts[Council._meta.label] += 1
    return council, slug


def _make_settlements(
    council: Council, prefix: str, seed: int, count: int, counts: Counter[str]
) -> list[Settlement]:
    rng = random.Random(f"{seed}:settlements")  # noqa: S311  (test data)
    rows = []
    for index in range(count + 1):
        language, zone, currency = LOCALES[index % len(LOCALES)]
        small = index == count
        name = (
            f"{rng.choice(SETTLEMENT_NAMES[language])} {rng.choice(SETTLEMENT_WORDS[language])}"
            f" {index + 1}"
        )
        rows.append(
            Settlement(
                council=council,
                name=f"{name} (small)" if small else name,
                slug=f"{prefix}-small" if small else f"{prefix}-{index + 1:03d}",
                language=language,
                time_zone=zone,
                currency=currency,
            )
        )
    made = Settlement.objects.bulk_create(rows)
    counts[Settlement._meta.label] += len(made)
    return made


def _make_users(
    people: Sequence[tuple[str, str, str]], password: str, counts: Counter[str], domain: str
) -> list[User]:
    rows = [
        User(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@{domain}.example.org",
            password=password,
        )
        for username, first, last in people
    ]
    made = User.objects.bulk_create(rows)
    counts[User._meta.label] += len(made)
    return made


def _build_core(
    *,
    settlement: Settlement,
    seed: int,
    index: int,
    share: float,
    years: int,
    now: dt.datetime,
    residents: int,
    roles: list[str],
    password: str,
    counts: Counter[str],
) -> ScaleContext:
    from .management.commands.seed_demo import NAMES, demo_phone

    words = NAMES[settlement.language]
    first_names = words["first"] + MORE_FIRST[settlement.language]
    last_names = words["last"] + MORE_LAST[settlement.language]
    rng = random.Random(f"{seed}:{index}:core")  # noqa: S311  (test data)
    today = now.date()
    ctx = ScaleContext(
        settlement=settlement,
        seed=seed,
        index=index,
        share=share,
        years=years,
        now=now,
        residents=[],
        households=[],
        household_members={},
        neighbourhoods=[],
        tags=[],
        users={},
        counts=counts,
    )
    hoods = ctx.bulk(
        Neighbourhood(settlement=settlement, name=name) for name in words["neighbourhoods"]
    )
    ctx.neighbourhoods = [h.pk for h in hoods]
    tags = ctx.bulk(Tag(settlement=settlement, name=name) for name in words["tags"])
    ctx.tags = [t.pk for t in tags]

    # Households first (their sizes decide the residents), then the residents in them.
    plans: list[tuple[Household, list[tuple[str, int, bool]], bool, str]] = []
    used: set[str] = set()
    planned = 0
    while planned < residents:
        last = rng.choice(last_names)
        address = f"{rng.choice(words['streets'])} {rng.randint(1, 120)}"
        name = words["household"].format(last=last)
        if name in used:
            name = f"{name}, {address}"
        if name in used:
            name = f"{name} ({len(used) + 1})"
        used.add(name)
        size = min(rng.choice([1, 2, 2, 3, 4, 4, 5, 6]), residents - planned)
        adults = min(size, rng.choice([1, 2, 2]))
        members = []
        for member in range(size):
            if member < adults:
                age = rng.randint(19, 94) if size <= 2 else rng.randint(26, 58)
            else:
                age = rng.randint(0, 24)
            members.append((rng.choice(first_names), age, member < adults))
        household = Household(
            settlement=settlement,
            name=name,
            address=address,
            neighbourhood_id=rng.choice(ctx.neighbourhoods),
        )
        plans.append((household, members, rng.random() < 0.08, last))
        planned += size
    ctx.bulk(plan[0] for plan in plans)
    ctx.households = [plan[0].pk for plan in plans]

    people: list[Resident] = []
    details: list[tuple[Resident, int, bool, bool, bool]] = []
    others = [code for code in Language.values if code != settlement.language]
    for number, (household, members, new_family, last) in enumerate(plans):
        arrival = today - dt.timedelta(days=rng.randint(10, 300)) if new_family else None
        for member, (first, age, adult) in enumerate(members):
            birth = today - dt.timedelta(days=age * 365 + rng.randint(0, 364))
            has_email = rng.random() < (0.85 if adult else 0.3 if age >= 13 else 0.0)
            language = rng.choice(others) if rng.random() < 0.1 else settlement.language
            resident = Resident(
                settlement=settlement,
                household_id=household.pk,
                neighbourhood_id=household.neighbourhood_id,
                first_name=first,
                last_name=last,
                birth_date=birth,
                email=f"{settlement.slug}.{number}.{member}@example.org" if has_email else "",
                phone=demo_phone(rng, settlement.language) if adult else "",
                arrival_date=arrival,
                preferred_language=language,
                consent_to_contact=has_email and rng.random() < 0.85,
            )
            people.append(resident)
            details.append((resident, age, adult, new_family, len(members) == 1))
    ctx.bulk(people)
    through = Resident.tags.through
    links = []
    for resident, age, adult, new_family, alone in details:
        if new_family:
            links.append(through(resident_id=resident.pk, tag_id=ctx.tags[0]))
        if adult and rng.random() < 0.15:
            links.append(through(resident_id=resident.pk, tag_id=ctx.tags[1]))
        if alone and age >= 70:
            links.append(through(resident_id=resident.pk, tag_id=ctx.tags[2]))
        row = ResidentRow(
            pk=resident.pk,
            first_name=resident.first_name,
            last_name=resident.last_name,
            birth_date=resident.birth_date or today,
            age=age,
            household_id=resident.household_id or 0,
            email=resident.email,
            language=resident.preferred_language,
            consent=resident.consent_to_contact,
        )
        ctx.residents.append(row)
        ctx.household_members.setdefault(row.household_id, []).append(row)
    ctx.bulk_m2m(through, links)

    users = _make_users(
        [(f"{settlement.slug}-{key}", key.replace("_", " ").title(), "Scale") for key in roles],
        password,
        counts,
        settlement.slug,
    )
    ctx.users = dict(zip(roles, users, strict=True))
    role_of = dict(SETTLEMENT_ROLES) | {"coordinator": Role.COORDINATOR}
    ctx.bulk(
        Membership(user=user, role=role_of[key], settlement=settlement)
        for key, user in ctx.users.items()
    )
    return ctx
