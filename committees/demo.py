"""The demo's committee work (``manage.py seed_demo``): members and a work plan for this
year on each committee, a fortnightly meeting series with minutes and action items, a board meeting,
and a few partners. In the settlement's language. Idempotent: a settlement with a
meeting is left as it is."""

import datetime as dt
import random
import uuid
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction

from coordinator import clock
from coordinator.models import Membership, Resident, Role, Settlement

from .models import (
    ActionItem,
    Committee,
    CommitteeMember,
    Meeting,
    MeetingAttendance,
    Partner,
    WorkPlan,
    WorkPlanActivity,
    WorkPlanGoal,
)

TEXTS: dict[str, dict[str, Any]] = {
    "en": {
        "goal": "Bring neighbours together",
        "activities": ["Autumn festival", "Monthly café evening", "Spring clean-up day"],
        "meeting": "Committee meeting",
        "board": "Monthly meeting with the board",
        "place": "Community hall",
        "agenda": "1. Last month\n2. The next event\n3. Budget",
        "minutes": "We went over last month's event and planned the next one.",
        "actions": ["Book the hall", "Ask for volunteers in the WhatsApp group"],
        "partners": [
            ("Council welfare department", "welfare", "Ruth Cohen", "Social worker"),
            ("Council culture and youth department", "culture_youth", "Avi Levi", "Director"),
            ("Community coordinator of Oakridge", "coordinator", "Maya Green", "Coordinator"),
        ],
    },
    "he": {
        "goal": "לחבר בין השכנים",
        "activities": ["פסטיבל סתיו", "ערב בית קפה חודשי", "יום ניקיון אביבי"],
        "meeting": "ישיבת ועדה",
        "board": "פגישה חודשית עם הוועד",
        "place": "מועדון היישוב",
        "agenda": "1. החודש שעבר\n2. האירוע הבא\n3. תקציב",
        "minutes": "סיכמנו את האירוע של החודש שעבר ותכננו את הבא.",
        "actions": ["להזמין את המועדון", "לבקש מתנדבים בקבוצת הווטסאפ"],
        "partners": [
            ("מחלקת הרווחה במועצה", "welfare", "רות כהן", "עובדת סוציאלית"),
            ("מחלקת תרבות ונוער במועצה", "culture_youth", "אבי לוי", "מנהל"),
            ("רכזת הקהילה של אלונים", "coordinator", "מאיה גרין", "רכזת קהילה"),
        ],
    },
    "sl": {
        "goal": "Povezati sosede",
        "activities": [
            "Jesenski praznik",
            "Mesečni kavarniški večer",
            "Spomladanska čistilna akcija",
        ],
        "meeting": "Seja odbora",
        "board": "Mesečni sestanek s svetom krajevne skupnosti",
        "place": "Dom krajanov",
        "agenda": "1. Pretekli mesec\n2. Naslednji dogodek\n3. Proračun",
        "minutes": "Pregledali smo pretekli dogodek in načrtovali naslednjega.",
        "actions": ["Rezervirati dvorano", "V skupini WhatsApp poprositi za prostovoljce"],
        "partners": [
            ("Center za socialno delo", "welfare", "Mojca Novak", "Socialna delavka"),
            ("Občinski oddelek za kulturo in mladino", "culture_youth", "Jure Kranjc", "Vodja"),
            ("Skupnostna delavka KS Dolina", "coordinator", "Ana Zupan", "Skupnostna delavka"),
        ],
    },
}


def seed(settlement: Settlement) -> None:
    if Meeting.objects.filter(settlement=settlement).exists():
        return
    words = TEXTS.get(settlement.language, TEXTS["en"])
    tz = ZoneInfo(settlement.time_zone)
    now = clock.now()
    today = now.astimezone(tz).date()
    coordinator = (
        Membership.objects.filter(settlement=settlement, role=Role.COORDINATOR)
        .select_related("user")
        .first()
    )
    staff = [coordinator.user] if coordinator else []
    residents = list(Resident.objects.filter(settlement=settlement, archived_at__isnull=True))
    rng = random.Random(settlement.pk)  # noqa: S311  (the same demo every time)
    with transaction.atomic():
        for committee in Committee.objects.filter(settlement=settlement):
            for n, resident in enumerate(rng.sample(residents, k=min(5, len(residents)))):
                CommitteeMember.objects.get_or_create(
                    settlement=settlement,
                    committee=committee,
                    resident=resident,
                    defaults={
                        "role": "chair" if n == 0 else "deputy" if n == 1 else "member",
                        "term_start": today - dt.timedelta(days=200),
                    },
                )
        partners = [
            Partner.objects.create(
                settlement=settlement, name=name, kind=kind, contact_person=person, role=role
            )
            for name, kind, person, role in words["partners"]
        ]
        for committee in Committee.objects.filter(settlement=settlement).prefetch_related(
            "members", "chairs"
        ):
            plan = WorkPlan.objects.create(
                settlement=settlement, committee=committee, year=today.year
            )
            goal = WorkPlanGoal.objects.create(
                settlement=settlement, work_plan=plan, title=words["goal"]
            )
            for n, title in enumerate(words["activities"]):
                WorkPlanActivity.objects.create(
                    settlement=settlement,
                    goal=goal,
                    title=title,
                    starts_on=today + dt.timedelta(days=30 * n - 30),
                    ends_on=today + dt.timedelta(days=30 * n - 29),
                    budget_request=Decimal(1500 + 500 * n),
                    status=["done", "in_progress", "planned"][n],
                )
            partners[1].committees.add(committee)
            series = uuid.uuid4()
            chair = next(iter(committee.chairs.all()), None)
            for week in (-4, -2, 2, 4):  # every other week, two past and two to come
                day = today + dt.timedelta(weeks=week)
                starts = dt.datetime.combine(day, dt.time(19, 0), tzinfo=tz)
                meeting = Meeting.objects.create(
                    settlement=settlement,
                    kind=Meeting.Kind.COMMITTEE,
                    committee=committee,
                    title=f"{words['meeting']}: {committee.name}",
                    starts_at=starts,
                    ends_at=starts + dt.timedelta(hours=1, minutes=30),
                    place=words["place"],
                    agenda=words["agenda"],
                    minutes=words["minutes"] if week < 0 else "",
                    series=series,
                    created_at=now,
                )
                meeting.users.set(staff)
                MeetingAttendance.objects.bulk_create(
                    MeetingAttendance(
                        settlement=settlement,
                        meeting=meeting,
                        resident=member.resident,
                        attended=True if week < 0 else None,
                    )
                    for member in committee.members.all()
                )
                if week == -2:
                    for n, title in enumerate(words["actions"]):
                        ActionItem.objects.create(
                            settlement=settlement,
                            meeting=meeting,
                            title=title,
                            owner=chair if n == 0 else (staff[0] if staff else None),
                            due_on=today - dt.timedelta(days=3)
                            if n == 0
                            else today + dt.timedelta(days=5),
                            created_at=now,
                        )
        board = Meeting.objects.create(
            settlement=settlement,
            kind=Meeting.Kind.BOARD,
            title=words["board"],
            starts_at=dt.datetime.combine(today + dt.timedelta(days=6), dt.time(20, 0), tzinfo=tz),
            place=words["place"],
            created_at=now,
        )
        board.users.set(staff)
        board.partners.add(partners[0])
