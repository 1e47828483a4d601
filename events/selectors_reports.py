"""The classes programme's reports for a season: who takes part against who lives in the
settlement, by age group; each class's income against its instructor's cost; attendance.

Everything is counted in the database in a fixed number of queries (the seasons, the
participants by age group, the residents by age group, the classes with their counts);
money is exact (``Decimal``)."""

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Exists, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from coordinator import clock
from coordinator.models import AgeGroup, Settlement
from coordinator.selectors import resident_totals
from surveys.i18n import text_in

from .models import ClassParticipant, Course, CourseSession, Instructor, Season, SessionAttendance
from .models_signups import SignupStatus
from .selectors import event_languages

CENT = Decimal("0.01")
PERCENT = Decimal("0.1")


def seasons_of(settlement: Settlement) -> list[Season]:
    return list(Season.objects.filter(settlement=settlement).order_by("-starts_on", "pk"))


def season_current(seasons: list[Season], today: dt.date) -> Season | None:
    """The season running today; else the latest that has started; else the first one."""
    for season in seasons:
        if season.starts_on <= today <= season.ends_on:
            return season
    started = [s for s in seasons if s.starts_on <= today]
    return started[0] if started else (seasons[-1] if seasons else None)


def share(part: int, whole: int) -> Decimal | None:
    """``part`` of ``whole`` in per cent, to one decimal; None when there is no whole."""
    if not whole:
        return None
    return (Decimal(100) * part / whole).quantize(PERCENT, rounding=ROUND_HALF_UP)


# --- a) participation by age group -------------------------------------------------------


@dataclass(frozen=True)
class AgeRow:
    group: str
    label: str
    participants: int
    residents: int
    share: Decimal | None  # of the group's residents who take part, per cent
    below_average: bool
    bar: str  # a w-N class: the share against the largest share


@dataclass(frozen=True)
class AgeReport:
    rows: list[AgeRow]
    participants: int
    residents: int
    average: Decimal | None


def age_comparison(participants: dict[str, int], residents: dict[str, int]) -> AgeReport:
    """Participants and residents per age group, the share of each group taking part and
    whether it is under the programme's average share (residents of a known age)."""
    labels = dict(AgeGroup.choices)
    total_participants = sum(participants.get(g.value, 0) for g in AgeGroup)
    total_residents = sum(residents.get(g.value, 0) for g in AgeGroup)
    average = share(total_participants, total_residents)
    shares = {
        g.value: share(participants.get(g.value, 0), residents.get(g.value, 0)) for g in AgeGroup
    }
    largest = max((s for s in shares.values() if s is not None), default=Decimal(0))
    rows = []
    for group in AgeGroup:
        value = shares[group.value]
        width = 0 if value is None or not largest else round(value * 20 / largest) * 5
        rows.append(
            AgeRow(
                group=group.value,
                label=str(labels[group.value]),
                participants=participants.get(group.value, 0),
                residents=residents.get(group.value, 0),
                share=value,
                below_average=value is not None and average is not None and value < average,
                bar=f"w-{min(100, int(width))}",
            )
        )
    return AgeReport(rows, total_participants, total_residents, average)


def participants_by_age_group(settlement: Settlement, season: Season) -> dict[str, int]:
    """Participants of confirmed registrations in the season's classes not cancelled."""
    rows = (
        ClassParticipant.objects.filter(
            settlement=settlement,
            registration__status=SignupStatus.CONFIRMED,
            registration__course__season=season,
        )
        .exclude(registration__course__status=Course.Status.CANCELLED)
        .order_by()
        .values("age_group")
        .annotate(n=Count("pk"))
        .values_list("age_group", "n")
    )
    return dict(rows)


# --- b) money and c) attendance per class ------------------------------------------------


def months_touched(start: dt.date, end: dt.date) -> int:
    """Calendar months from ``start``'s to ``end``'s, both counted."""
    if end < start:
        return 0
    return (end.year - start.year) * 12 + end.month - start.month + 1


def course_hours(course: Course) -> Decimal:
    """The length of one session in hours (exact for whole minutes)."""
    start = dt.datetime.combine(dt.date(2000, 1, 1), course.start_time)
    end = dt.datetime.combine(dt.date(2000, 1, 1), course.end_time)
    return Decimal(int((end - start).total_seconds()) // 60) / 60


def fee_per_participant(course: Course) -> Decimal:
    """What one participant pays for the whole class."""
    if course.fee_period == Course.FeePeriod.MONTH:
        return course.fee * months_touched(course.starts_on, course.ends_on)
    return course.fee


def instructor_cost(course: Course, instructor: Instructor | None, sessions: int) -> Decimal:
    """The instructor's fee for the class: by the sessions held (skipped ones are not
    paid), by their hours, or by the months the class runs."""
    if instructor is None:
        return Decimal(0)
    if instructor.rate_unit == Instructor.RateUnit.SESSION:
        cost = instructor.rate * sessions
    elif instructor.rate_unit == Instructor.RateUnit.HOUR:
        cost = instructor.rate * course_hours(course) * sessions
    else:
        cost = instructor.rate * months_touched(course.starts_on, course.ends_on)
    return cost.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ClassRow:
    course: Course
    title: str
    instructor: str
    participants: int
    paying: int
    paid: int
    expected: Decimal
    collected: Decimal
    sessions: int
    cost: Decimal
    balance: Decimal  # expected income less the instructor's cost
    marks: int
    present: int
    attendance: Decimal | None  # present among the marks of past sessions, per cent
    past_sessions: int
    untaken: int  # past sessions without any attendance taken


@dataclass(frozen=True)
class MoneyTotals:
    expected: Decimal
    collected: Decimal
    cost: Decimal
    balance: Decimal


def related_count(queryset: QuerySet[Any], link: str) -> Any:
    """The number of rows of ``queryset`` whose ``link`` is the outer row: a subquery to
    annotate with (zero, not null, when there are none)."""
    return Coalesce(
        Subquery(
            queryset.filter(**{link: OuterRef("pk")})
            .order_by()
            .values(link)
            .annotate(n=Count("pk"))
            .values("n"),
            output_field=IntegerField(),
        ),
        0,
    )


def classes_of_season(settlement: Settlement, season: Season, now: dt.datetime) -> QuerySet[Course]:
    """The season's classes not cancelled, each with its counts (one query)."""
    participants = ClassParticipant.objects.filter(registration__status=SignupStatus.CONFIRMED)
    scheduled = CourseSession.objects.filter(status=CourseSession.Status.SCHEDULED)
    past = scheduled.filter(starts_at__lt=now)
    marks = SessionAttendance.objects.filter(
        session__status=CourseSession.Status.SCHEDULED, session__starts_at__lt=now
    )
    return (
        Course.objects.filter(settlement=settlement, season=season)
        .exclude(status=Course.Status.CANCELLED)
        .select_related("instructor")
        .annotate(
            n_participants=related_count(participants, "registration__course"),
            n_paying=related_count(
                participants.exclude(payment=ClassParticipant.Payment.EXEMPT),
                "registration__course",
            ),
            n_paid=related_count(
                participants.filter(payment=ClassParticipant.Payment.PAID), "registration__course"
            ),
            n_sessions=related_count(scheduled, "course"),
            n_past=related_count(past, "course"),
            n_untaken=related_count(
                past.filter(~Exists(SessionAttendance.objects.filter(session=OuterRef("pk")))),
                "course",
            ),
            n_marks=related_count(marks, "session__course"),
            n_present=related_count(marks.filter(present=True), "session__course"),
        )
        .order_by("starts_on", "start_time", "pk")
    )


def class_rows(settlement: Settlement, courses: QuerySet[Course], language: str) -> list[ClassRow]:
    languages = event_languages(settlement)
    rows = []
    for course in courses:
        each = fee_per_participant(course)
        expected = (each * course.n_paying).quantize(CENT)  # type: ignore[attr-defined]
        collected = (each * course.n_paid).quantize(CENT)  # type: ignore[attr-defined]
        cost = instructor_cost(course, course.instructor, course.n_sessions)  # type: ignore[attr-defined]
        rows.append(
            ClassRow(
                course=course,
                title=text_in(course.title, languages, language),
                instructor=course.instructor.name if course.instructor else "",
                participants=course.n_participants,  # type: ignore[attr-defined]
                paying=course.n_paying,  # type: ignore[attr-defined]
                paid=course.n_paid,  # type: ignore[attr-defined]
                expected=expected,
                collected=collected,
                sessions=course.n_sessions,  # type: ignore[attr-defined]
                cost=cost,
                balance=expected - cost,
                marks=course.n_marks,  # type: ignore[attr-defined]
                present=course.n_present,  # type: ignore[attr-defined]
                attendance=share(course.n_present, course.n_marks),  # type: ignore[attr-defined]
                past_sessions=course.n_past,  # type: ignore[attr-defined]
                untaken=course.n_untaken,  # type: ignore[attr-defined]
            )
        )
    return rows


def money_totals(rows: list[ClassRow]) -> MoneyTotals:
    expected = sum((r.expected for r in rows), Decimal(0))
    collected = sum((r.collected for r in rows), Decimal(0))
    cost = sum((r.cost for r in rows), Decimal(0))
    return MoneyTotals(expected, collected, cost, expected - cost)


@dataclass(frozen=True)
class Reports:
    seasons: list[Season]
    season: Season | None
    ages: AgeReport | None
    classes: list[ClassRow]
    totals: MoneyTotals | None


def reports_for(*, settlement: Settlement, season_id: int | None, language: str) -> Reports:
    """The three reports for the chosen season (the current one by default). Four
    queries: the seasons, participants by age group, residents by age group, classes."""
    seasons = seasons_of(settlement)
    season = next((s for s in seasons if s.pk == season_id), None) if season_id else None
    season = season or season_current(seasons, clock.today())
    if season is None:
        return Reports(seasons, None, None, [], None)
    residents = resident_totals(settlement=settlement)
    ages = age_comparison(
        participants_by_age_group(settlement, season),
        {g.value: residents[g.value] for g in AgeGroup},
    )
    rows = class_rows(settlement, classes_of_season(settlement, season, clock.now()), language)
    return Reports(seasons, season, ages, rows, money_totals(rows))
