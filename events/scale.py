"""Events and classes for the scale data set: a few events a month with registrations,
and each year a season of weekly classes with registrations, sessions and attendance."""

import datetime as dt
from decimal import Decimal

from coordinator.models import AgeGroup
from coordinator.scale import ScaleContext

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
)
from .models_signups import SignupStatus

EVENTS = [
    (Event.Kind.HOLIDAY, "Holiday celebration"),
    (Event.Kind.CULTURE, "Concert"),
    (Event.Kind.COMMUNITY, "Neighbours' evening"),
    (Event.Kind.SPORT, "Fun run"),
    (Event.Kind.CEREMONY, "Memorial ceremony"),
    (Event.Kind.CULTURE, "Film night"),
]
CLASSES = [
    ("Painting", AgeGroup.CHILDREN),
    ("Football", AgeGroup.CHILDREN),
    ("Drama", AgeGroup.YOUTH),
    ("Guitar", AgeGroup.YOUTH),
    ("Yoga", AgeGroup.ADULTS),
    ("Pilates", AgeGroup.ADULTS),
    ("Choir", AgeGroup.SENIORS),
    ("Gentle gym", AgeGroup.SENIORS),
]


def build(ctx: ScaleContext) -> None:
    _events(ctx)
    _classes(ctx)


def _events(ctx: ScaleContext) -> None:
    rng = ctx.rng("events")
    s = ctx.settlement
    committees = ctx.shared.get("committee_ids", [])
    days = (ctx.today - ctx.start).days + 60
    events = []
    for number in range(ctx.n(4 * ctx.months, minimum=5)):
        kind, title = rng.choice(EVENTS)
        # The first is ahead, so that every settlement's calendar (the small one's too)
        # shows an event.
        day = (
            ctx.today + dt.timedelta(days=rng.randint(1, 60))
            if number == 0
            else ctx.start + dt.timedelta(days=rng.randint(0, days))
        )
        starts = ctx.at(day, rng.choice([10, 17, 19]))
        past = starts < ctx.now
        capacity = rng.choice([None, 40, 80, 150])
        events.append(
            Event(
                settlement=s,
                title=ctx.text(title),
                kind=kind,
                status=Event.Status.PUBLISHED,
                starts_at=starts,
                ends_at=starts + dt.timedelta(hours=3),
                place="Community hall",
                committee_id=rng.choice(committees) if committees else None,
                planned_cost=Decimal(rng.randint(2, 40) * 100),
                actual_cost=Decimal(rng.randint(2, 40) * 100) if past else Decimal(0),
                signup_open=True,
                capacity=capacity,
                attendance=rng.randint(20, 200) if past else None,
                created_by=ctx.coordinator,
                created_at=starts - dt.timedelta(days=30),
            )
        )
    ctx.bulk(events)

    per_event = max(2, round(len(ctx.households) / 45))
    registrations = []
    for event in events:
        past = event.starts_at < ctx.now
        households = rng.sample(ctx.households, min(len(ctx.households), per_event))
        taken = 0
        for household_id in households:
            person = ctx.household_members[household_id][0]
            seats = rng.randint(1, 4)
            full = event.capacity is not None and taken + seats > event.capacity
            taken += 0 if full else seats
            registrations.append(
                EventRegistration(
                    settlement=s,
                    event=event,
                    name=person.name,
                    email=person.email,
                    language=person.language,
                    resident_id=person.pk,
                    seats=seats,
                    status=SignupStatus.WAITING if full else SignupStatus.CONFIRMED,
                    attended=(rng.random() < 0.85) if past and not full else None,
                    created_at=event.created_at + dt.timedelta(days=rng.randint(1, 28)),
                )
            )
    ctx.bulk(registrations)


def _classes(ctx: ScaleContext) -> None:
    rng = ctx.rng("classes")
    s = ctx.settlement
    instructors = ctx.bulk(
        Instructor(
            settlement=s,
            name=f"Instructor {number + 1}",
            organisation="Classes Ltd",
            rate=Decimal(rng.randint(15, 40) * 10),
        )
        for number in range(ctx.n(6, minimum=2))
    )
    by_group: dict[str, list] = {}
    for resident in ctx.residents:
        group = s.age_group_of(resident.birth_date, ctx.today)
        if group is not None:
            by_group.setdefault(group, []).append(resident)

    first_year = ctx.start.year if ctx.start.month < 9 else ctx.start.year + 1
    seasons = ctx.bulk(
        Season(
            settlement=s,
            name=f"{year - 1}-{year % 100:02d}",
            starts_on=dt.date(year - 1, 9, 1),
            ends_on=dt.date(year, 6, 30),
        )
        for year in range(first_year, ctx.today.year + 2)
        if dt.date(year - 1, 9, 1) <= ctx.today + dt.timedelta(days=120)
    )
    per_season = ctx.n(len(CLASSES), minimum=2)
    courses = []
    for season in seasons:
        for number in range(per_season):
            title, group = CLASSES[number % len(CLASSES)]
            start = rng.choice([16, 17, 18, 19])
            courses.append(
                Course(
                    settlement=s,
                    season=season,
                    title=ctx.text(title),
                    instructor=rng.choice(instructors),
                    age_group=group,
                    weekdays=[rng.randint(0, 4)],
                    start_time=dt.time(start),
                    end_time=dt.time(start + 1),
                    starts_on=season.starts_on,
                    ends_on=season.ends_on,
                    place="Studio",
                    capacity=rng.choice([12, 15, 20]),
                    fee=Decimal(rng.randint(10, 30) * 10),
                    status=Course.Status.OPEN,
                    created_by=ctx.coordinator,
                    created_at=ctx.at(season.starts_on - dt.timedelta(days=60), 9),
                )
            )
    ctx.bulk(courses)

    sessions: dict[int, list[CourseSession]] = {}
    rows = []
    for course in courses:
        day = course.starts_on + dt.timedelta(
            days=(course.weekdays[0] - course.starts_on.weekday()) % 7
        )
        while day <= course.ends_on:
            starts = ctx.at(day, course.start_time.hour)
            session = CourseSession(
                settlement=s,
                course=course,
                date=day,
                starts_at=starts,
                ends_at=starts + dt.timedelta(hours=1),
            )
            rows.append(session)
            sessions.setdefault(course.pk, []).append(session)
            day += dt.timedelta(days=7)
    ctx.bulk(rows)

    registrations = []
    people = []
    for course in courses:
        pool = by_group.get(course.age_group, [])
        picked = rng.sample(pool, min(len(pool), course.capacity - rng.randint(0, 3)))
        for resident in picked:
            registration = ClassRegistration(
                settlement=s,
                course=course,
                household_id=resident.household_id,
                name=resident.name,
                email=resident.email,
                language=resident.language,
                resident_id=resident.pk,
                created_at=course.created_at + dt.timedelta(days=rng.randint(1, 50)),
            )
            registrations.append(registration)
            people.append((registration, resident))
    ctx.bulk(registrations)
    participants = ctx.bulk(
        ClassParticipant(
            settlement=s,
            registration=registration,
            name=resident.name,
            resident_id=resident.pk,
            age_group=registration.course.age_group,
            payment=rng.choice(
                [ClassParticipant.Payment.PAID] * 4 + [ClassParticipant.Payment.DUE]
            ),
        )
        for registration, resident in people
    )

    attendance = []
    for participant in participants:
        for session in sessions.get(participant.registration.course_id, []):
            if session.starts_at >= ctx.now:
                break
            attendance.append(
                SessionAttendance(
                    settlement=s,
                    session=session,
                    participant=participant,
                    present=rng.random() < 0.85,
                )
            )
    ctx.bulk(attendance)
