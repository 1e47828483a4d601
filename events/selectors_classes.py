"""Reading the classes programme. Every read takes the settlement and the viewer, finds
nothing elsewhere (404), and runs a fixed number of queries whatever the data.

Who sees what: everyone of the settlement sees the list of classes; a class's people
(registrations, attendance, payments) are for its keepers, the coordinator and the chair of
the class's committee; seasons and instructors are for the coordinator."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from committees.models import Committee
from committees.selectors import chaired_by
from coordinator import clock
from coordinator.clock import settlement_zone as settlement_zone
from coordinator.ids import id_or_404
from coordinator.models import Household, Language, Resident, Settlement
from surveys.i18n import text_in

from .holidays import closed_label
from .models_classes import (
    ClassParticipant,
    ClassRegistration,
    Course,
    CourseSession,
    Instructor,
    Season,
    SessionAttendance,
)
from .models_signups import SignupStatus
from .selectors import event_languages

VIEW = "events.view_classes"
MANAGE = "events.manage_classes"
CHANGE = "events.change_course"
CONTRACT_WARNING_DAYS = 30


@dataclass(frozen=True)
class CourseFilter:
    season: Season | None = None
    age_group: str = ""
    status: str = ""
    search: str = ""


def course_title(course: Course, settlement: Settlement, wanted: str = "") -> str:
    return text_in(course.title, event_languages(settlement), wanted)


def course_description(course: Course, settlement: Settlement, wanted: str = "") -> str:
    return text_in(course.description, event_languages(settlement), wanted)


def _places(status: str) -> Coalesce:
    """The places held by the class's registrations of ``status``, as a subquery (no join,
    so counts of two statuses never multiply each other)."""
    held = (
        ClassRegistration.objects.filter(course=OuterRef("pk"), status=status)
        .order_by()
        .values("course")
        .annotate(total=Sum("places"))
        .values("total")
    )
    return Coalesce(Subquery(held, output_field=IntegerField()), Value(0))


def _confirmed_participants() -> Coalesce:
    counted = (
        ClassParticipant.objects.filter(
            registration__course=OuterRef("pk"),
            registration__status=SignupStatus.CONFIRMED,
        )
        .order_by()
        .values("registration__course")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def with_counts(courses: QuerySet[Course]) -> QuerySet[Course]:
    """Annotate ``taken``, ``waiting`` (places) and ``participants`` (confirmed people)."""
    return courses.annotate(
        taken=_places(SignupStatus.CONFIRMED),
        waiting=_places(SignupStatus.WAITING),
        participants=_confirmed_participants(),
    )


def seasons_for(*, user: Any, settlement: Settlement) -> QuerySet[Season]:
    if not user.has_perm(VIEW, settlement):
        raise Http404
    return Season.objects.filter(settlement=settlement).order_by("-starts_on", "pk")


def current_season(seasons: list[Season], today: dt.date | None = None) -> Season | None:
    """The season running today; else the next to begin; else the latest."""
    today = today or clock.today()
    for season in seasons:
        if season.starts_on <= today <= season.ends_on:
            return season
    upcoming = [s for s in seasons if s.starts_on > today]
    if upcoming:
        return min(upcoming, key=lambda s: s.starts_on)
    return seasons[0] if seasons else None


def courses_for(*, user: Any, settlement: Settlement, filters: CourseFilter) -> QuerySet[Course]:
    """The season's classes with their counts, by schedule."""
    if not user.has_perm(VIEW, settlement):
        raise Http404
    courses = Course.objects.filter(settlement=settlement).select_related("instructor")
    if filters.season is not None:
        courses = courses.filter(season=filters.season)
    if filters.age_group:
        courses = courses.filter(age_group=filters.age_group)
    if filters.status:
        courses = courses.filter(status=filters.status)
    if filters.search:
        # Titles are JSON by language: search each language's text (not the keys).
        found = Q()
        for language in Language.values:
            found |= Q(**{f"title__{language}__icontains": filters.search})
        courses = courses.filter(found)
    return with_counts(courses).order_by("starts_on", "start_time", "pk")


def _keepers_only(user: Any, settlement: Settlement, obj: Any, course: Course) -> None:
    if course.committee is not None:
        chaired = getattr(obj, "chaired_by_user", None)
        if chaired is not None:
            course.committee.chaired_by_user = chaired  # type: ignore[attr-defined]
    if not user.has_perm(CHANGE, course):
        raise Http404


def course_get_for(*, user: Any, settlement: Settlement, pk: Any, perm: str = CHANGE) -> Course:
    """Fetch and authorise in one call: a class of the settlement that ``user`` keeps (or,
    for ``MANAGE``, that the coordinator runs); missing and forbidden are both 404."""
    if not user.has_perm(VIEW, settlement):
        raise Http404
    course = (
        with_counts(
            Course.objects.filter(settlement=settlement, pk=id_or_404(pk)).select_related(
                "season", "instructor", "committee"
            )
        )
        .annotate(chaired_by_user=chaired_by(user, "committee_id"))
        .first()
    )
    if course is None:
        raise Http404
    if perm == MANAGE:
        if not user.has_perm(MANAGE, settlement):
            raise Http404
    else:
        _keepers_only(user, settlement, course, course)
    return course


def session_get_for(*, user: Any, settlement: Settlement, pk: Any) -> CourseSession:
    if not user.has_perm(VIEW, settlement):
        raise Http404
    session = (
        CourseSession.objects.filter(settlement=settlement, pk=id_or_404(pk))
        .select_related("course__committee", "course__season")
        .annotate(chaired_by_user=chaired_by(user, "course__committee_id"))
        .first()
    )
    if session is None:
        raise Http404
    _keepers_only(user, settlement, session, session.course)
    return session


def registration_get_for(*, user: Any, settlement: Settlement, pk: Any) -> ClassRegistration:
    if not user.has_perm(VIEW, settlement):
        raise Http404
    registration = (
        ClassRegistration.objects.filter(settlement=settlement, pk=id_or_404(pk))
        .select_related("course__committee", "course__season")
        .annotate(chaired_by_user=chaired_by(user, "course__committee_id"))
        .prefetch_related(
            Prefetch("participants", ClassParticipant.objects.order_by("pk")),
        )
        .first()
    )
    if registration is None:
        raise Http404
    _keepers_only(user, settlement, registration, registration.course)
    return registration


def course_registrations(course: Course) -> list[ClassRegistration]:
    """Confirmed, then waiting (each in the order they came), then cancelled; with their
    participants. Two queries."""
    order: dict[str, int] = {
        SignupStatus.CONFIRMED: 0,
        SignupStatus.WAITING: 1,
        SignupStatus.CANCELLED: 2,
    }
    registrations = list(
        ClassRegistration.objects.filter(course=course)
        .prefetch_related(Prefetch("participants", ClassParticipant.objects.order_by("pk")))
        .order_by("created_at", "pk")
    )
    return sorted(registrations, key=lambda r: order.get(r.status, 3))


def registrations_to_tell(course: Course) -> int:
    """How many registrations (with a place or waiting) hear that the class is cancelled."""
    return (
        ClassRegistration.objects.filter(course=course)
        .exclude(status=SignupStatus.CANCELLED)
        .count()
    )


def upcoming_sessions(course: Course, limit: int = 20) -> list[CourseSession]:
    today = clock.today()
    return list(
        CourseSession.objects.filter(course=course, date__gte=today).order_by("date", "pk")[:limit]
    )


def confirmed_participants(course: Course) -> list[ClassParticipant]:
    return list(
        ClassParticipant.objects.filter(
            registration__course=course, registration__status=SignupStatus.CONFIRMED
        )
        .select_related("registration")
        .order_by("registration__created_at", "registration_id", "pk")
    )


def session_attendance(session: CourseSession) -> dict[int, bool]:
    """Participant id → present, for the attendance taken at ``session``."""
    return dict(
        SessionAttendance.objects.filter(session=session).values_list("participant_id", "present")
    )


def attendance_rate(course: Course) -> tuple[int, int]:
    """(present, recorded) over every session of the class so far."""
    counts = SessionAttendance.objects.filter(session__course=course).aggregate(
        present=Count("pk", filter=Q(present=True)), recorded=Count("pk")
    )
    return counts["present"] or 0, counts["recorded"] or 0


def instructors_for(*, user: Any, settlement: Settlement) -> QuerySet[Instructor]:
    if not user.has_perm(MANAGE, settlement):
        raise Http404
    return (
        Instructor.objects.filter(settlement=settlement)
        .annotate(classes=Count("courses", distinct=True))
        .order_by("name", "pk")
    )


def instructor_get_for(*, user: Any, settlement: Settlement, pk: Any) -> Instructor:
    instructor = instructors_for(user=user, settlement=settlement).filter(pk=id_or_404(pk)).first()
    if instructor is None:
        raise Http404
    return instructor


def contract_warning(instructor: Instructor, today: dt.date | None = None) -> str:
    """ "ended", "ending" (within 30 days) or ""."""
    today = today or clock.today()
    until = instructor.contract_until
    if until is None:
        return ""
    if until < today:
        return "ended"
    if until <= today + dt.timedelta(days=CONTRACT_WARNING_DAYS):
        return "ending"
    return ""


def seasons_with_counts(*, user: Any, settlement: Settlement) -> QuerySet[Season]:
    if not user.has_perm(MANAGE, settlement):
        raise Http404
    return (
        Season.objects.filter(settlement=settlement)
        .annotate(classes=Count("courses"))
        .order_by("-starts_on", "pk")
    )


def season_get_for(*, user: Any, settlement: Settlement, pk: Any) -> Season:
    season = seasons_with_counts(user=user, settlement=settlement).filter(pk=id_or_404(pk)).first()
    if season is None:
        raise Http404
    return season


def committees_for_course(*, settlement: Settlement) -> QuerySet[Committee]:
    return Committee.objects.filter(settlement=settlement).order_by("name", "pk")


def households_for(*, settlement: Settlement) -> QuerySet[Household]:
    return Household.objects.filter(settlement=settlement).order_by("name", "pk")


def household_residents(household: Household) -> QuerySet[Resident]:
    return Resident.objects.filter(
        settlement_id=household.settlement_id, household=household, archived_at__isnull=True
    ).order_by("birth_date", "first_name", "pk")


def holiday_name(note: str) -> str:
    """A skipped session's reason: "holiday:<key>" as the holiday's name, else the note."""
    if not note.startswith("holiday:"):
        return note
    key = note.removeprefix("holiday:")
    return closed_label(key) if key else note
