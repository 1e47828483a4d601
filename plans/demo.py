"""The demo's yearly plans (``manage.py seed_demo``): in each settlement a vision, the plan
of this year approved by the board in January, with two goals drawn from the needs
register, targets with readings, programmes carried out by the committees, budget lines
with what was spent so far (one line near its limit) and funding in every status; and
next year's plan as a draft to go on with. In the settlement's language. Idempotent: a
settlement that has this year's plan is left as it is.

The rows are written directly, not through the services, so the demo records no
revisions and queues no warnings of its own (beat sends them, once, when it runs)."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from committees.models import Committee, Partner
from coordinator import clock
from coordinator.models import AgeGroup, Settlement
from events.models import Course, Event
from surveys.models import Need

from .models import (
    Actual,
    BudgetLine,
    FundingSource,
    Goal,
    Measurement,
    Plan,
    Programme,
    Target,
    Vision,
)

TEXTS: dict[str, dict[str, Any]] = {
    "en": {
        "vision": "A village where every family, old and new, belongs, helps and is helped.",
        "values": "Belonging · mutual help · openness to newcomers · care for our elders",
        "title": "Community plan {year}",
        "goals": [
            (
                "Young people have a place of their own",
                "Evening activity and a youth club run with the young people themselves.",
                [AgeGroup.YOUTH.value],
                ("Young people taking part every week", "40", "65", "young people"),
                ("Youth club", "Three evenings a week in the renovated club room."),
            ),
            (
                "No senior is lonely",
                "Regular visits, a weekly meeting and help with errands for seniors living alone.",
                [AgeGroup.SENIORS.value],
                ("Seniors visited at least twice a month", "12", "45", "seniors"),
                ("Visiting volunteers", "Pairs of volunteers visit seniors who live alone."),
            ),
        ],
        "lines": ["Instructor", "Equipment", "Volunteers' training", "Transport"],
        "funding": [
            ("Regional council: community budget", "council"),
            ("Settlement budget", "settlement"),
            ("Foundation grant for seniors", "grant"),
            ("Participants' fees", "fees"),
        ],
        "note": "Count at the end of the month",
        "next_goal": "New families settle in well",
    },
    "he": {
        "vision": "יישוב שבו כל משפחה, ותיקה וחדשה, שייכת, עוזרת ונעזרת.",
        "values": "שייכות · ערבות הדדית · פתיחות לחדשים · דאגה לוותיקים",
        "title": "תוכנית קהילתית {year}",
        "goals": [
            (
                "לבני הנוער יש מקום משלהם",
                "פעילות ערב ומועדון נוער שמנוהל יחד עם בני הנוער עצמם.",
                [AgeGroup.YOUTH.value],
                ("בני נוער שמשתתפים מדי שבוע", "40", "65", "בני נוער"),
                ("מועדון הנוער", "שלושה ערבים בשבוע במועדון המשופץ."),
            ),
            (
                "אף ותיק לא בודד",
                "ביקורים קבועים, מפגש שבועי ועזרה בסידורים לוותיקים שגרים לבד.",
                [AgeGroup.SENIORS.value],
                ("ותיקים שמבוקרים לפחות פעמיים בחודש", "12", "45", "ותיקים"),
                ("מתנדבים מבקרים", "זוגות מתנדבים מבקרים ותיקים שגרים לבד."),
            ),
        ],
        "lines": ["מדריך", "ציוד", "הכשרת מתנדבים", "הסעות"],
        "funding": [
            ("המועצה האזורית: תקציב קהילה", "council"),
            ("תקציב היישוב", "settlement"),
            ("מענק קרן לוותיקים", "grant"),
            ("דמי השתתפות", "fees"),
        ],
        "note": "ספירה בסוף החודש",
        "next_goal": "משפחות חדשות נקלטות היטב",
    },
    "sl": {
        "vision": "Kraj, kjer vsaka družina, stara in nova, pripada, pomaga in dobi pomoč.",
        "values": "Pripadnost · medsebojna pomoč · odprtost za nove · skrb za starejše",
        "title": "Načrt skupnosti {year}",
        "goals": [
            (
                "Mladi imajo svoj prostor",
                "Večerne dejavnosti in mladinski klub, ki ga vodijo mladi sami.",
                [AgeGroup.YOUTH.value],
                ("Mladi, ki sodelujejo vsak teden", "40", "65", "mladih"),
                ("Mladinski klub", "Trije večeri na teden v prenovljenem klubskem prostoru."),
            ),
            (
                "Noben starejši ni osamljen",
                "Redni obiski, tedensko srečanje in pomoč pri opravkih za starejše, "
                "ki živijo sami.",
                [AgeGroup.SENIORS.value],
                ("Starejši, obiskani vsaj dvakrat na mesec", "12", "45", "starejših"),
                (
                    "Prostovoljci na obisku",
                    "Pari prostovoljcev obiskujejo starejše, ki živijo sami.",
                ),
            ),
        ],
        "lines": ["Mentor", "Oprema", "Usposabljanje prostovoljcev", "Prevozi"],
        "funding": [
            ("Občina: sredstva za skupnost", "council"),
            ("Proračun krajevne skupnosti", "settlement"),
            ("Donacija sklada za starejše", "grant"),
            ("Prispevki udeležencev", "fees"),
        ],
        "note": "Štetje ob koncu meseca",
        "next_goal": "Nove družine se dobro vključijo",
    },
}


def seed(settlement: Settlement) -> None:
    today = clock.local_today(settlement)
    year = today.year
    if Plan.objects.filter(settlement=settlement, year=year).exists():
        return
    if not Need.objects.filter(settlement=settlement).exists():
        from surveys.demo import seed as needs_seed  # the plan is built from the needs

        needs_seed(settlement)
    words = TEXTS.get(settlement.language, TEXTS["en"])
    now = clock.now()
    user_model = get_user_model()
    coordinator = user_model.objects.filter(
        memberships__settlement=settlement, memberships__role="coordinator"
    ).first()
    board = user_model.objects.filter(
        memberships__settlement=settlement, memberships__role="board"
    ).first()
    with transaction.atomic():
        Vision.objects.get_or_create(
            settlement=settlement,
            defaults={
                "statement": words["vision"],
                "values": words["values"],
                "updated_by": coordinator,
                "updated_at": now,
            },
        )
        plan = Plan.objects.create(
            settlement=settlement,
            year=year,
            title=words["title"].format(year=year),
            status=Plan.Status.APPROVED,
            submitted_at=dt.datetime(year, 1, 10, 9, tzinfo=dt.UTC),
            decided_at=dt.datetime(year, 1, 20, 18, tzinfo=dt.UTC),
            decided_by=board,
            created_at=dt.datetime(year, 1, 3, 9, tzinfo=dt.UTC),
        )
        _fill(settlement, plan, words, coordinator, today, now)
        Plan.objects.create(
            settlement=settlement,
            year=year + 1,
            title=words["title"].format(year=year + 1),
            created_at=now,
        ).goals.create(settlement=settlement, title=words["next_goal"])


def _fill(
    settlement: Settlement, plan: Plan, words: dict[str, Any], user: Any, today: dt.date, now: Any
) -> None:
    needs = list(Need.objects.filter(settlement=settlement).order_by("pk")[:2])
    committees = list(Committee.objects.filter(settlement=settlement).order_by("pk"))
    partner = Partner.objects.filter(settlement=settlement).order_by("pk").first()
    events = list(Event.objects.filter(settlement=settlement).order_by("starts_at")[:2])
    course = Course.objects.filter(settlement=settlement).order_by("pk").first()
    sources = [
        FundingSource.objects.create(
            settlement=settlement,
            plan=plan,
            kind=kind,
            name=name,
            amount=amount,
            status=status,
            requested_on=dt.date(plan.year, 1, 15) if status != "planned" else None,
            decided_on=dt.date(plan.year, 3, 1) if status in ("approved", "received") else None,
            received_on=dt.date(plan.year, 4, 1) if status == "received" else None,
        )
        for (name, kind), amount, status in zip(
            words["funding"],
            (Decimal("42000.00"), Decimal("18000.00"), Decimal("15000.00"), Decimal("6000.00")),
            ("received", "approved", "requested", "planned"),
            strict=True,
        )
    ]
    for n, (title, description, ages, target, programme) in enumerate(words["goals"]):
        goal = Goal.objects.create(
            settlement=settlement,
            plan=plan,
            title=title,
            description=description,
            age_groups=ages,
            position=n,
        )
        if n < len(needs):
            goal.needs.add(needs[n])
        indicator, baseline, wanted, unit = target
        target_row = Target.objects.create(
            settlement=settlement,
            goal=goal,
            indicator=indicator,
            baseline=Decimal(baseline),
            target_value=Decimal(wanted),
            unit=unit,
            how_measured=words["note"],
        )
        readings = (
            ((3, "44"), (6, "52"), (9, "58"), (11, "62"))
            if n == 0
            else ((3, "16"), (6, "22"), (9, "27"))
        )
        for month, value in readings:
            if dt.date(plan.year, month, 28) > today:
                continue  # no reading from the future
            Measurement.objects.create(
                settlement=settlement,
                target=target_row,
                measured_on=dt.date(plan.year, month, 28),
                value=Decimal(value),
                note=words["note"],
                recorded_by=user,
                recorded_at=now,
            )
        owner = committees[2 if n == 0 else 1] if len(committees) > 2 else None
        item = Programme.objects.create(
            settlement=settlement,
            goal=goal,
            title=programme[0],
            description=programme[1],
            owner=owner,
            starts_on=dt.date(plan.year, 1, 1),
            ends_on=dt.date(plan.year, 12, 31),
        )
        if partner is not None:
            item.partners.add(partner)
        if n == 0:
            item.events.add(*events)
            if course is not None:
                item.courses.add(course)
        for m, (expense, income, spent) in enumerate(
            (("24000", "6000", "21900"), ("8000", "0", "3100"))
            if n == 0
            else (("9000", "0", "6200"), ("12000", "0", "8700"))
        ):
            line = BudgetLine.objects.create(
                settlement=settlement,
                programme=item,
                category="staff" if m == 0 else ("materials" if n == 0 else "transport"),
                description=words["lines"][2 * n + m],
                planned_expense=Decimal(expense),
                planned_income=Decimal(income),
                funding=sources[m if n == 0 else 2 + m],
            )
            Actual.objects.create(
                settlement=settlement,
                line=line,
                kind=Actual.Kind.EXPENSE,
                amount=Decimal(spent),
                on=min(today, dt.date(plan.year, 10, 31)),
                recorded_by=user,
                recorded_at=now,
            )
