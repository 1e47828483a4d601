"""Writing the classes programme's staff side: classes, seasons and instructors; the
attendance of a session and the payment status of a registration's participants.

(Registration, the waiting list, sessions and cancelling a class are in
``events.services_classes``.)"""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from coordinator import clock
from coordinator.models import Settlement
from coordinator.services.changes import check_same_settlement, fields_save

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
from .services_classes import SessionsMade, class_waiting_promote, sessions_make

COURSE_FIELDS = (
    "season",
    "title",
    "description",
    "instructor",
    "age_group",
    "committee",
    "weekdays",
    "start_time",
    "end_time",
    "starts_on",
    "ends_on",
    "place",
    "capacity",
    "min_participants",
    "fee",
    "fee_period",
    "status",
)
SEASON_FIELDS = ("name", "starts_on", "ends_on")
INSTRUCTOR_FIELDS = (
    "name",
    "organisation",
    "email",
    "phone",
    "rate",
    "rate_unit",
    "contract_from",
    "contract_until",
    "notes",
)


class CourseHasRegistrations(ValidationError):
    def __init__(self) -> None:
        super().__init__(
            _("This class has registrations, so it cannot be deleted. Cancel it instead."),
            code="has_registrations",
        )


class InstructorTeaches(ValidationError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "This instructor still teaches classes. Choose another instructor for "
                "those classes first."
            ),
            code="teaches",
        )


def _check_course(settlement_id: int, data: Mapping[str, Any]) -> None:
    linked = [data.get(key) for key in ("season", "instructor", "committee")]
    check_same_settlement(settlement_id, [obj for obj in linked if obj is not None], "link")


@transaction.atomic
def course_create(*, settlement: Settlement, data: Mapping[str, Any], by: Any) -> Course:
    _check_course(settlement.pk, data)
    return Course.objects.create(
        settlement=settlement,
        created_by=by if getattr(by, "is_authenticated", False) else None,
        created_at=clock.now(),
        **{key: data[key] for key in COURSE_FIELDS if key in data},
    )


@transaction.atomic
def course_update(*, course: Course, data: Mapping[str, Any]) -> bool:
    """Write what changed; whether anything did. More places move those waiting up, with
    a message to each (fewer places take no one's place away)."""
    _check_course(course.settlement_id, data)
    changed = fields_save(course, data, COURSE_FIELDS)
    if "capacity" in changed:
        class_waiting_promote(course=course)
    return bool(changed)


SCHEDULE_FIELDS = ("weekdays", "start_time", "end_time", "starts_on", "ends_on")


@transaction.atomic
def course_create_with_sessions(
    *, settlement: Settlement, data: Mapping[str, Any], by: Any
) -> tuple[Course, SessionsMade]:
    """A new class and the sessions of its schedule, together or not at all."""
    course = course_create(settlement=settlement, data=data, by=by)
    return course, sessions_make(course=course)


@transaction.atomic
def course_update_with_sessions(
    *, course: Course, data: Mapping[str, Any]
) -> tuple[bool, SessionsMade | None]:
    """Write what changed and, when the schedule changed, make the sessions follow it;
    whether anything changed, and what the sessions did (None: the schedule is the same)."""
    before = [getattr(course, key) for key in SCHEDULE_FIELDS]
    changed = course_update(course=course, data=data)
    if [getattr(course, key) for key in SCHEDULE_FIELDS] == before:
        return changed, None
    return changed, sessions_make(course=course)


@transaction.atomic
def course_delete(*, course: Course) -> None:
    """Delete a class nobody registered for (with its sessions); otherwise refuse: a class
    with registrations is cancelled, so the people in it are told."""
    locked = Course.objects.select_for_update().get(pk=course.pk, settlement=course.settlement_id)
    if ClassRegistration.objects.filter(course=locked).exists():
        raise CourseHasRegistrations()
    locked.delete()


@transaction.atomic
def season_create(*, settlement: Settlement, data: Mapping[str, Any]) -> Season:
    return Season.objects.create(
        settlement=settlement, **{key: data[key] for key in SEASON_FIELDS if key in data}
    )


@transaction.atomic
def season_update(*, season: Season, data: Mapping[str, Any]) -> bool:
    return bool(fields_save(season, data, SEASON_FIELDS))


@transaction.atomic
def instructor_create(*, settlement: Settlement, data: Mapping[str, Any]) -> Instructor:
    return Instructor.objects.create(
        settlement=settlement, **{key: data[key] for key in INSTRUCTOR_FIELDS if key in data}
    )


@transaction.atomic
def instructor_update(*, instructor: Instructor, data: Mapping[str, Any]) -> bool:
    return bool(fields_save(instructor, data, INSTRUCTOR_FIELDS))


@transaction.atomic
def instructor_delete(*, instructor: Instructor) -> None:
    """Delete an instructor who teaches no class; otherwise refuse."""
    if Course.objects.filter(settlement=instructor.settlement_id, instructor=instructor).exists():
        raise InstructorTeaches()
    instructor.delete()


@transaction.atomic
def attendance_save(*, session: CourseSession, present: set[int]) -> int:
    """Record who came to ``session``: a row for each confirmed participant of the class,
    present when their id is in ``present`` (other ids are ignored). Running it again with
    the same ids changes nothing. Returns how many were present."""
    participants = list(
        ClassParticipant.objects.filter(
            settlement=session.settlement_id,
            registration__course_id=session.course_id,
            registration__status=SignupStatus.CONFIRMED,
        ).values_list("pk", flat=True)
    )
    existing = {
        row.participant_id: row
        for row in SessionAttendance.objects.filter(session=session, participant__in=participants)
    }
    to_create, to_update = [], []
    for participant_id in participants:
        came = participant_id in present
        row = existing.get(participant_id)
        if row is None:
            to_create.append(
                SessionAttendance(
                    settlement_id=session.settlement_id,
                    session=session,
                    participant_id=participant_id,
                    present=came,
                )
            )
        elif row.present != came:
            row.present = came
            to_update.append(row)
    if to_create:
        SessionAttendance.objects.bulk_create(to_create)
    if to_update:
        SessionAttendance.objects.bulk_update(to_update, ["present"])
    return sum(1 for participant_id in participants if participant_id in present)


@transaction.atomic
def payments_save(*, registration: ClassRegistration, payments: Mapping[int, str]) -> int:
    """Set the payment status (paid, due, exempt) of the registration's participants by
    id; ids of other registrations and unknown statuses are ignored. Returns how many
    changed."""
    allowed = set(ClassParticipant.Payment.values)
    changed = []
    for participant in ClassParticipant.objects.filter(
        settlement=registration.settlement_id, registration=registration
    ):
        wanted = payments.get(participant.pk)
        if wanted in allowed and wanted != participant.payment:
            participant.payment = wanted
            changed.append(participant)
    if changed:
        ClassParticipant.objects.bulk_update(changed, ["payment"])
    return len(changed)
