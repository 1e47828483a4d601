"""The demo's welfare and emergency data (``manage.py seed_demo``), in each settlement's
language: seven cases across the needs (assigned to the demo social worker, with notes, a
referral and support actions), a meal train with tasks over the next two weeks and its
shared link, the charity fund with two requests, the emergency team's roster, two council
contacts, two drills, four residents who need help, and one ended emergency with its
check-ins (safe, needing help, not heard from) and its log.

Idempotent: a settlement that has welfare cases is left as it is. The rows are written
directly, not through the services, so the demo sends no message and writes no access log.
The encrypted fields need the welfare key (``DEBUG=1`` makes ``var/welfare.key``)."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from committees.models import Committee
from coordinator import clock
from coordinator.models import Resident, Settlement

from . import links
from .models import (
    CaseNote,
    CheckIn,
    CouncilContact,
    Drill,
    Emergency,
    EmergencyLog,
    FundRequest,
    Referral,
    SupportProgramme,
    SupportTask,
    TeamMember,
    VulnerableResident,
    WelfareCase,
)
from .models_emergency import Function

# need categories, how it came to light, status, days ago opened, details, a note
CASES: dict[str, list[tuple[list[str], str, str, int, str, str]]] = {
    "en": [
        (
            ["food", "money"],
            "self",
            "open",
            150,
            "Behind on rent since the father lost his job.",
            "Food parcels weekly until he finds work.",
        ),
        (
            ["new_baby"],
            "neighbour",
            "open",
            20,
            "Twins born early; the mother is exhausted.",
            "Meal train started for three weeks.",
        ),
        (
            ["loneliness", "health"],
            "committee",
            "monitoring",
            120,
            "Widower living alone, rarely leaves the house.",
            "A volunteer visits on Tuesdays.",
        ),
        (
            ["bereavement"],
            "coordinator",
            "open",
            40,
            "The family lost their eldest son.",
            "Asked for quiet help: meals, no visits yet.",
        ),
        (
            ["care"],
            "social_worker",
            "open",
            90,
            "Caring for a mother with dementia, no respite.",
            "Referred to the council's elderly services.",
        ),
        (
            ["housing", "money"],
            "self",
            "monitoring",
            200,
            "Damp flat, landlord does not repair.",
            "Helped write a letter to the landlord.",
        ),
        (
            ["family"],
            "school",
            "open",
            60,
            "School worried about the children's wellbeing.",
            "The social worker meets the parents this week.",
        ),
    ],
    "he": [
        (
            ["food", "money"],
            "self",
            "open",
            150,
            "בפיגור בשכר הדירה מאז שהאב איבד את עבודתו.",
            "סלי מזון כל שבוע עד שימצא עבודה.",
        ),
        (
            ["new_baby"],
            "neighbour",
            "open",
            20,
            "תאומים נולדו מוקדם; האם מותשת.",
            "רכבת ארוחות לשלושה שבועות.",
        ),
        (
            ["loneliness", "health"],
            "committee",
            "monitoring",
            120,
            "אלמן שגר לבד ומעט יוצא מהבית.",
            "מתנדב מבקר בימי שלישי.",
        ),
        (
            ["bereavement"],
            "coordinator",
            "open",
            40,
            "המשפחה איבדה את בנה הבכור.",
            "ביקשו עזרה שקטה: ארוחות, בלי ביקורים בינתיים.",
        ),
        (
            ["care"],
            "social_worker",
            "open",
            90,
            "מטפלת באם עם דמנציה, בלי הפוגה.",
            "הופנתה לשירותים לאזרחים ותיקים במועצה.",
        ),
        (
            ["housing", "money"],
            "self",
            "monitoring",
            200,
            "דירה לחה, בעל הבית לא מתקן.",
            "עזרנו לכתוב מכתב לבעל הבית.",
        ),
        (
            ["family"],
            "school",
            "open",
            60,
            "בית הספר מודאג משלום הילדים.",
            "העובדת הסוציאלית נפגשת עם ההורים השבוע.",
        ),
    ],
    "sl": [
        (
            ["food", "money"],
            "self",
            "open",
            150,
            "Zamuja z najemnino, odkar je oče izgubil službo.",
            "Tedenski paketi hrane, dokler ne najde dela.",
        ),
        (
            ["new_baby"],
            "neighbour",
            "open",
            20,
            "Dvojčka sta se rodila prezgodaj; mati je izčrpana.",
            "Začeli smo vlak obrokov za tri tedne.",
        ),
        (
            ["loneliness", "health"],
            "committee",
            "monitoring",
            120,
            "Vdovec živi sam in redko zapusti hišo.",
            "Prostovoljec ga obišče ob torkih.",
        ),
        (
            ["bereavement"],
            "coordinator",
            "open",
            40,
            "Družina je izgubila najstarejšega sina.",
            "Prosili so za tiho pomoč: obroke, obiskov še ne.",
        ),
        (
            ["care"],
            "social_worker",
            "open",
            90,
            "Skrbi za mamo z demenco, brez oddiha.",
            "Napotena na občinske storitve za starejše.",
        ),
        (
            ["housing", "money"],
            "self",
            "monitoring",
            200,
            "Vlažno stanovanje, lastnik ga ne popravi.",
            "Pomagali smo napisati pismo lastniku.",
        ),
        (
            ["family"],
            "school",
            "open",
            60,
            "Šola je zaskrbljena za dobrobit otrok.",
            "Socialna delavka se ta teden sreča s starši.",
        ),
    ],
}

TEXTS: dict[str, dict[str, Any]] = {
    "en": {
        "referral": "Asked for an assessment of the family's income.",
        "meals": (
            "Meals for a new mother",
            "Cooked dinners for a family with newborn twins. Leave them at the door.",
        ),
        "meal": "A cooked dinner for five",
        "where": "Orchard Close",
        "fund": ("Charity fund", "Grants and small loans for families in a hard time."),
        "requests": ["Heating bills for the winter", "School books and shoes for three children"],
        "ride": "A ride to the hospital and back",
        "head": "Avery Hale",
        "deputy": "Jordan Price",
        "team": [
            ("logistics", "Morgan Reed"),
            ("medical", "Dr. Sam Patel"),
            ("information", "Riley Brooks"),
            ("population", "Casey Ward"),
        ],
        "contacts": [
            ("welfare", "Helen Moss", "Head of social services"),
            ("security", "Tom Fields", "Security officer"),
        ],
        "drills": [
            (
                "Evacuation drill",
                "The assembly point was too far for the elderly: we add a second one.",
            ),
            ("First aid training", "Twelve volunteers trained."),
        ],
        "needs": [
            "Walks with a frame; hard of hearing",
            "Wheelchair; lives on the first floor",
            "Needs oxygen at night",
            "A mother alone with three small children",
        ],
        "emergency": ("Storm and flooding", "Stay indoors; the community hall is open."),
        "help": "The cellar is flooded; the grandmother cannot walk down the stairs.",
        "youth": "Youth volunteers",
    },
    "he": {
        "referral": "ביקשנו הערכה של הכנסות המשפחה.",
        "meals": ("ארוחות ליולדת", "ארוחות ערב מבושלות למשפחה עם תאומים שנולדו. להשאיר ליד הדלת."),
        "meal": "ארוחת ערב מבושלת לחמישה",
        "where": "רחוב הזיתים",
        "fund": ("קופת גמ״ח", "מענקים והלוואות קטנות למשפחות בתקופה קשה."),
        "requests": ["חשבונות חימום לחורף", "ספרי לימוד ונעליים לשלושה ילדים"],
        "ride": "הסעה לבית החולים וחזרה",
        "head": "אבי הלוי",
        "deputy": "יעל פרץ",
        "team": [
            ("logistics", "משה רוזן"),
            ("medical", "ד״ר שרה כהן"),
            ("information", "רון לוי"),
            ("population", "מיכל דהן"),
        ],
        "contacts": [
            ("welfare", "חנה מזרחי", "מנהלת מחלקת הרווחה"),
            ("security", "יוסי ברק", "קב״ט המועצה"),
        ],
        "drills": [
            ("תרגיל פינוי", "נקודת הכינוס רחוקה מדי לוותיקים: נוסיף נקודה שנייה."),
            ("הדרכת עזרה ראשונה", "שנים עשר מתנדבים הודרכו."),
        ],
        "needs": [
            "הולך עם הליכון; כבד שמיעה",
            "כיסא גלגלים; גר בקומה ראשונה",
            "זקוק לחמצן בלילה",
            "אם לבד עם שלושה ילדים קטנים",
        ],
        "emergency": ("סערה והצפות", "להישאר בבתים; מועדון היישוב פתוח."),
        "help": "המרתף הוצף; הסבתא לא יכולה לרדת במדרגות.",
        "youth": "מתנדבי נוער",
    },
    "sl": {
        "referral": "Prosili smo za oceno dohodkov družine.",
        "meals": (
            "Obroki za mlado mamico",
            "Kuhane večerje za družino z novorojenima dvojčkoma. Pustite jih pred vrati.",
        ),
        "meal": "Kuhana večerja za pet oseb",
        "where": "Sadovnjaška ulica",
        "fund": ("Sklad za pomoč", "Pomoč in manjša posojila za družine v težkem obdobju."),
        "requests": ["Računi za ogrevanje pozimi", "Šolske knjige in čevlji za tri otroke"],
        "ride": "Prevoz v bolnišnico in nazaj",
        "head": "Andrej Novak",
        "deputy": "Maja Kovač",
        "team": [
            ("logistics", "Marko Horvat"),
            ("medical", "dr. Petra Zupan"),
            ("information", "Luka Krajnc"),
            ("population", "Nina Potočnik"),
        ],
        "contacts": [
            ("welfare", "Helena Mlakar", "Vodja socialne službe"),
            ("security", "Tomaž Golob", "Varnostni referent"),
        ],
        "drills": [
            ("Vaja evakuacije", "Zbirno mesto je za starejše predaleč: dodamo drugo."),
            ("Usposabljanje za prvo pomoč", "Usposobljenih je bilo dvanajst prostovoljcev."),
        ],
        "needs": [
            "Hodi s hoduljo; naglušen",
            "Invalidski voziček; živi v prvem nadstropju",
            "Ponoči potrebuje kisik",
            "Mati sama s tremi majhnimi otroki",
        ],
        "emergency": ("Neurje in poplave", "Ostanite doma; dvorana je odprta."),
        "help": "Klet je poplavljena; babica ne more po stopnicah.",
        "youth": "Mladi prostovoljci",
    },
}


def _user(username: str) -> Any:
    return get_user_model().objects.filter(username=username).first()


def seed(settlement: Settlement) -> None:
    if WelfareCase.objects.filter(settlement=settlement).exists():
        return
    residents = list(
        Resident.objects.filter(
            settlement=settlement, household__isnull=False, archived_at__isnull=True
        ).order_by("pk")[:40]
    )
    if len(residents) < 12:
        return
    language = settlement.language if settlement.language in TEXTS else "en"
    with transaction.atomic():
        _fill(settlement, language, residents)


def _fill(settlement: Settlement, language: str, residents: list[Resident]) -> None:
    texts = TEXTS[language]
    now = clock.now()
    today = clock.local_today(settlement)
    coordinator = _user(f"coordinator-{settlement.slug}")
    social = _user(f"social-{settlement.slug}")
    emergency_user = _user(f"emergency-{settlement.slug}")
    writer = social or coordinator
    households = list(dict.fromkeys(r.household_id for r in residents))
    cases = []
    for index, (needs, source, status, days, details, note) in enumerate(CASES[language]):
        opened = now - dt.timedelta(days=days)
        case = WelfareCase.objects.create(
            settlement=settlement,
            household_id=households[index % len(households)],
            categories=needs,
            need_details=details,
            came_to_light=source,
            consent_at=opened,
            consent_by=writer,
            social_worker=social,
            status=status,
            review_on=today + dt.timedelta(days=7 + 3 * index),
            opened_at=opened,
        )
        CaseNote.objects.create(
            settlement=settlement,
            case=case,
            text=note,
            written_by=writer,
            written_at=opened + dt.timedelta(days=2),
        )
        cases.append(case)
    # More families short of food and money, opened month by month: enough for the
    # dashboards to show these needs (numbers under five are hidden there).
    details = CASES[language][0][4]
    for month in range(6):
        opened = now - dt.timedelta(days=25 + 30 * month)
        WelfareCase.objects.create(
            settlement=settlement,
            household_id=households[(len(cases) + month) % len(households)],
            categories=["food", "money"] if month % 2 else ["food"],
            need_details=details,
            came_to_light=WelfareCase.Source.NEIGHBOUR,
            consent_at=opened,
            consent_by=writer,
            social_worker=social,
            review_on=today + dt.timedelta(days=14 + month),
            opened_at=opened,
        )
    Referral.objects.create(
        settlement=settlement,
        case=cases[4],
        service=Referral.Service.ELDERLY,
        referred_on=today - dt.timedelta(days=30),
        outcome=Referral.Outcome.ACCEPTED,
        outcome_on=today - dt.timedelta(days=12),
        note=texts["referral"],
    )
    Referral.objects.create(
        settlement=settlement,
        case=cases[0],
        service=Referral.Service.EMPLOYMENT,
        referred_on=today - dt.timedelta(days=20),
        note=texts["referral"],
    )
    committee = Committee.objects.filter(settlement=settlement).order_by("pk").first()
    title, description = texts["meals"]
    meals = SupportProgramme(
        settlement=settlement,
        kind=SupportProgramme.Kind.MEALS,
        title=title,
        description=description,
        committee=committee,
        starts_on=today,
        ends_on=today + dt.timedelta(days=14),
        created_at=now,
    )
    links.link_issue(meals, links.PROGRAMME)
    meals.save()
    for day in range(0, 14, 2):
        taken = day < 6
        SupportTask.objects.create(
            settlement=settlement,
            programme=meals,
            case=cases[1],
            kind=SupportTask.Kind.MEAL,
            what=texts["meal"],
            on=today + dt.timedelta(days=day),
            at=dt.time(18, 0),
            where=texts["where"],
            status=SupportTask.Status.TAKEN if taken else SupportTask.Status.OPEN,
            volunteer_name=residents[day].first_name if taken else "",
            taken_at=now - dt.timedelta(days=1) if taken else None,
            created_at=now,
        )
    SupportTask.objects.create(
        settlement=settlement,
        case=cases[2],
        kind=SupportTask.Kind.RIDE,
        what=texts["ride"],
        on=today - dt.timedelta(days=5),
        at=dt.time(9, 30),
        status=SupportTask.Status.DONE,
        volunteer_name=residents[1].first_name,
        taken_at=now - dt.timedelta(days=8),
        done_at=now - dt.timedelta(days=5),
        created_at=now - dt.timedelta(days=9),
    )
    fund_title, fund_description = texts["fund"]
    fund = SupportProgramme.objects.create(
        settlement=settlement,
        kind=SupportProgramme.Kind.FUND,
        title=fund_title,
        description=fund_description,
        created_at=now,
    )
    FundRequest.objects.create(
        settlement=settlement,
        programme=fund,
        case=cases[0],
        household_id=cases[0].household_id,
        amount=Decimal("1500.00"),
        purpose=texts["requests"][0],
        requested_on=today - dt.timedelta(days=10),
        decision=FundRequest.Decision.APPROVED,
        amount_granted=Decimal("1200.00"),
        decided_on=today - dt.timedelta(days=3),
    )
    FundRequest.objects.create(
        settlement=settlement,
        programme=fund,
        case=cases[6],
        household_id=cases[6].household_id,
        kind=FundRequest.Kind.LOAN,
        amount=Decimal("800.00"),
        purpose=texts["requests"][1],
        requested_on=today - dt.timedelta(days=2),
    )
    _team(settlement, texts, residents, emergency_user, coordinator, today, now)


def _team(
    settlement: Settlement,
    texts: dict[str, Any],
    residents: list[Resident],
    emergency_user: Any,
    coordinator: Any,
    today: dt.date,
    now: dt.datetime,
) -> None:
    trained = today - dt.timedelta(days=60)
    head = TeamMember.objects.create(
        settlement=settlement,
        function=Function.HEAD,
        name=texts["head"],
        phone="050-1000001",
        user=emergency_user,
        trained_on=trained,
    )
    members = [head]
    members.append(
        TeamMember.objects.create(
            settlement=settlement,
            function=Function.HEAD,
            deputy=True,
            name=texts["deputy"],
            phone="050-1000002",
            trained_on=trained,
        )
    )
    for number, (function, name) in enumerate(texts["team"], start=3):
        members.append(
            TeamMember.objects.create(
                settlement=settlement,
                function=function,
                name=name,
                phone=f"050-100000{number}",
                trained_on=trained,
            )
        )
    members.append(
        TeamMember.objects.create(
            settlement=settlement,
            function=Function.WELFARE,
            deputy=True,
            name=f"{residents[2].first_name} {residents[2].last_name}",
            resident=residents[2],
        )
    )
    for department, name, role in texts["contacts"]:
        CouncilContact.objects.create(
            settlement=settlement,
            department=department,
            name=name,
            role=role,
            phone="04-6000000" if department == "welfare" else "04-6000001",
        )
    for number, (title, notes) in enumerate(texts["drills"]):
        drill = Drill.objects.create(
            settlement=settlement,
            kind=Drill.Kind.DRILL if number == 0 else Drill.Kind.TRAINING,
            title=title,
            held_on=today - dt.timedelta(days=45 + 60 * number),
            notes=notes,
        )
        drill.attendees.set(members[: 4 + number])
    reasons = list(VulnerableResident.Reason)
    for number, needs in enumerate(texts["needs"]):
        VulnerableResident.objects.create(
            settlement=settlement,
            resident=residents[-1 - number],
            reason=reasons[number],
            needs=needs,
            buddy=members[number % len(members)],
        )
    title, instructions = texts["emergency"]
    declared = now - dt.timedelta(days=25)
    declarer = emergency_user or coordinator
    if declarer is None:
        return
    emergency = Emergency.objects.create(
        settlement=settlement,
        kind=Emergency.Kind.WEATHER,
        title=title,
        instructions=instructions,
        declared_at=declared,
        declared_by=declarer,
        ended_at=declared + dt.timedelta(hours=30),
        ended_by=declarer,
    )

    def log(event: str, hours: float, detail: str = "") -> None:
        EmergencyLog.objects.create(
            settlement=settlement,
            emergency=emergency,
            at=declared + dt.timedelta(hours=hours),
            user=declarer,
            event=event,
            detail=detail,
        )

    log(EmergencyLog.Event.DECLARED, 0)
    asked = residents[:16]
    log(EmergencyLog.Event.QUEUED, 0.1, str(len(asked)))
    for number, resident in enumerate(asked):
        check_in = CheckIn(settlement=settlement, emergency=emergency, resident=resident)
        links.link_issue(check_in, links.CHECK_IN)
        if number < 10:
            check_in.answer = CheckIn.Answer.SAFE
            check_in.answered_at = declared + dt.timedelta(minutes=10 + 7 * number)
        elif number < 12:
            check_in.answer = CheckIn.Answer.HELP
            check_in.help_note = texts["help"]
            check_in.answered_at = declared + dt.timedelta(minutes=40 + number)
            check_in.assigned_to = texts["head"]
            check_in.assigned_at = declared + dt.timedelta(hours=1)
            check_in.follow_up = CheckIn.FollowUp.REACHED
        elif number < 14:
            check_in.assigned_to = texts["youth"]
            check_in.assigned_at = declared + dt.timedelta(hours=2)
            check_in.follow_up = (
                CheckIn.FollowUp.REACHED if number == 12 else CheckIn.FollowUp.NOT_REACHED
            )
        check_in.save()
        if check_in.answered_at is not None:
            hours = (check_in.answered_at - declared).total_seconds() / 3600
            log(EmergencyLog.Event.ANSWERED, hours)
    log(EmergencyLog.Event.ASSIGNED, 1, texts["head"])
    log(EmergencyLog.Event.ASSIGNED, 2, texts["youth"])
    log(EmergencyLog.Event.FOLLOWED_UP, 3)
    log(EmergencyLog.Event.ENDED, 30)
