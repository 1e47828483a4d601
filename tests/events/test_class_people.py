"""The staff-side writes of the classes programme: classes, seasons, instructors,
attendance and payments."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from coordinator.services.changes import ForeignObject
from events import services_class_people as services
from events.models_classes import (
    ClassParticipant,
    Course,
    CourseSession,
    Instructor,
    Season,
    SessionAttendance,
)
from events.selectors_classes import contract_warning, current_season, holiday_name
from tests import factories


@pytest.fixture
def course(settlement):
    committee = factories.CommitteeFactory(settlement=settlement)
    return factories.CourseFactory(committee=committee)


def course_data(settlement, **overrides):
    season = factories.SeasonFactory(settlement=settlement)
    data = {
        "season": season,
        "title": {"en": "Pottery"},
        "description": {},
        "instructor": None,
        "age_group": "adults",
        "committee": None,
        "weekdays": [0, 2],
        "start_time": dt.time(18, 0),
        "end_time": dt.time(19, 30),
        "starts_on": dt.date(2026, 12, 7),
        "ends_on": dt.date(2027, 2, 28),
        "place": "Studio",
        "capacity": 10,
        "min_participants": 4,
        "fee": Decimal("150.00"),
        "fee_period": "month",
        "status": "open",
    }
    data.update(overrides)
    return data


def test_course_create_stores_the_class(settlement, coordinator, unscoped):
    course = services.course_create(
        settlement=settlement, data=course_data(settlement), by=coordinator
    )
    stored = Course.objects.get(pk=course.pk)
    assert stored.title == {"en": "Pottery"}
    assert stored.weekdays == [0, 2]
    assert stored.fee == Decimal("150.00")
    assert stored.created_by == coordinator
    assert stored.created_at == factories.FIXED_NOW


def test_course_create_refuses_another_settlements_season(
    settlement, other_settlement, coordinator, unscoped
):
    data = course_data(settlement, season=factories.SeasonFactory(settlement=other_settlement))
    with pytest.raises(ForeignObject):
        services.course_create(settlement=settlement, data=data, by=coordinator)
    assert not Course.objects.exists()


def test_course_update_writes_only_changes(course, unscoped):
    assert services.course_update(course=course, data={"capacity": 20}) is True
    assert services.course_update(course=course, data={"capacity": 20}) is False
    assert Course.objects.get(pk=course.pk).capacity == 20


def test_course_delete_removes_a_class_without_registrations(course, unscoped):
    factories.CourseSessionFactory(course=course)
    services.course_delete(course=course)
    assert not Course.objects.filter(pk=course.pk).exists()
    assert not CourseSession.objects.exists()


def test_course_delete_refuses_a_class_with_registrations(course, unscoped):
    factories.ClassRegistrationFactory(course=course, status="cancelled")
    with pytest.raises(services.CourseHasRegistrations) as refused:
        services.course_delete(course=course)
    assert "Cancel it instead" in refused.value.messages[0]
    assert Course.objects.filter(pk=course.pk).exists()


def test_season_create_and_update(settlement, unscoped):
    season = services.season_create(
        settlement=settlement,
        data={"name": "2027–28", "starts_on": dt.date(2027, 9, 1), "ends_on": dt.date(2028, 6, 30)},
    )
    assert services.season_update(season=season, data={"name": "2027/28"}) is True
    assert Season.objects.get(pk=season.pk).name == "2027/28"


def test_instructor_create_update_and_delete(settlement, unscoped):
    instructor = services.instructor_create(
        settlement=settlement, data={"name": "Dana", "rate": Decimal("200"), "rate_unit": "hour"}
    )
    assert services.instructor_update(instructor=instructor, data={"rate": Decimal("210")})
    assert Instructor.objects.get(pk=instructor.pk).rate == Decimal("210")
    services.instructor_delete(instructor=instructor)
    assert not Instructor.objects.filter(pk=instructor.pk).exists()


def test_instructor_who_teaches_is_not_deleted(course, unscoped):
    with pytest.raises(ValidationError):
        services.instructor_delete(instructor=course.instructor)
    assert Instructor.objects.filter(pk=course.instructor_id).exists()


def test_attendance_save_writes_a_row_per_confirmed_participant(course, unscoped):
    session = factories.CourseSessionFactory(course=course)
    first = factories.ClassParticipantFactory(registration__course=course)
    second = factories.ClassParticipantFactory(registration__course=course)
    waiting = factories.ClassParticipantFactory(
        registration__course=course, registration__status="waiting"
    )
    came = services.attendance_save(session=session, present={first.pk, waiting.pk, 999_999})
    rows = dict(
        SessionAttendance.objects.filter(session=session).values_list("participant_id", "present")
    )
    assert came == 1
    assert rows == {first.pk: True, second.pk: False}


def test_attendance_save_is_idempotent_and_corrects(course, unscoped):
    session = factories.CourseSessionFactory(course=course)
    first = factories.ClassParticipantFactory(registration__course=course)
    services.attendance_save(session=session, present={first.pk})
    services.attendance_save(session=session, present={first.pk})
    assert SessionAttendance.objects.filter(session=session).count() == 1
    services.attendance_save(session=session, present=set())
    assert SessionAttendance.objects.get(session=session).present is False


def test_attendance_save_ignores_participants_of_other_classes(course, settlement, unscoped):
    session = factories.CourseSessionFactory(course=course)
    stranger = factories.ClassParticipantFactory(
        registration__course=factories.CourseFactory(committee=course.committee)
    )
    assert services.attendance_save(session=session, present={stranger.pk}) == 0
    assert not SessionAttendance.objects.exists()


def test_payments_save_changes_only_the_registrations_participants(course, unscoped):
    registration = factories.ClassRegistrationFactory(course=course, places=2)
    child = factories.ClassParticipantFactory(registration=registration)
    sibling = factories.ClassParticipantFactory(registration=registration)
    stranger = factories.ClassParticipantFactory(registration__course=course)
    changed = services.payments_save(
        registration=registration,
        payments={child.pk: "paid", sibling.pk: "nonsense", stranger.pk: "exempt"},
    )
    assert changed == 1
    payments = dict(ClassParticipant.objects.values_list("pk", "payment"))
    assert payments == {child.pk: "paid", sibling.pk: "due", stranger.pk: "due"}
    assert services.payments_save(registration=registration, payments={child.pk: "paid"}) == 0


def test_current_season_prefers_the_running_one(settlement):
    past = factories.SeasonFactory.build(
        starts_on=dt.date(2025, 9, 1), ends_on=dt.date(2026, 6, 30)
    )
    running = factories.SeasonFactory.build(
        starts_on=dt.date(2026, 9, 1), ends_on=dt.date(2027, 6, 30)
    )
    following = factories.SeasonFactory.build(
        starts_on=dt.date(2027, 9, 1), ends_on=dt.date(2028, 6, 30)
    )
    assert current_season([following, running, past]) is running
    assert current_season([following, past]) is following
    assert current_season([past]) is past
    assert current_season([]) is None


def test_contract_warning():
    today = dt.date(2026, 11, 23)
    ended = Instructor(contract_until=dt.date(2026, 11, 1))
    ending = Instructor(contract_until=dt.date(2026, 12, 20))
    later = Instructor(contract_until=dt.date(2027, 6, 30))
    assert contract_warning(ended, today) == "ended"
    assert contract_warning(ending, today) == "ending"
    assert contract_warning(later, today) == ""
    assert contract_warning(Instructor(), today) == ""


def test_holiday_name_reads_the_holidays_key():
    assert holiday_name("holiday:chanukah") == "Hanukkah"
    assert holiday_name("Instructor is ill") == "Instructor is ill"
    assert holiday_name("holiday:eve:yom_hazikaron").startswith("Evening before")


def test_more_places_move_those_waiting_up(course, unscoped):
    services.course_update(course=course, data={"capacity": 5, "min_participants": 3})
    first = factories.ClassRegistrationFactory(course=course, places=5)
    waiting = factories.ClassRegistrationFactory(course=course, places=2, status="waiting")
    assert services.course_update(course=course, data={"capacity": 6})
    waiting.refresh_from_db()
    assert waiting.status == "waiting"  # one more place is not enough for two
    services.course_update(course=course, data={"capacity": 7})
    waiting.refresh_from_db()
    first.refresh_from_db()
    assert (first.status, waiting.status) == ("confirmed", "confirmed")
    assert waiting.promoted_at is not None


def test_a_new_class_comes_with_its_sessions(settlement, coordinator, unscoped):
    data = course_data(settlement)
    course, made = services.course_create_with_sessions(
        settlement=settlement, data=data, by=coordinator
    )
    assert made.created + made.skipped == CourseSession.objects.filter(course=course).count() > 0


def test_sessions_follow_a_changed_schedule_only(course, unscoped):
    _changed, remade = services.course_update_with_sessions(course=course, data={"capacity": 11})
    assert remade is None  # the schedule is the same: the sessions are left alone
    changed, remade = services.course_update_with_sessions(course=course, data={"weekdays": [2]})
    assert changed and remade is not None and remade.created > 0
    assert set(
        CourseSession.objects.filter(course=course).values_list("date__week_day", flat=True)
    ) == {4}  # Wednesdays (Sunday is 1)
