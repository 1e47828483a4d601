"""The classes services: sessions from the schedule (holidays and memorial evenings
skipped), registration with a waiting list for groups, promotion, cancelling a class and
the reminder before the first session."""

import datetime as dt
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.urls import resolve
from django_scopes import scope, scopes_disabled

from coordinator import clock
from events import services_classes as services
from events.models_classes import ClassParticipant, ClassRegistration, Course, CourseSession
from events.services_classes import ContactData, ParticipantData
from messaging.models import LINK_PLACEHOLDER, Message
from tests import factories

from .sent import as_sent

pytestmark = pytest.mark.django_db

CONFIRMED, WAITING, CANCELLED = "confirmed", "waiting", "cancelled"


@pytest.fixture
def hebrew(db):
    return factories.SettlementFactory(
        slug="kfar", language="he", time_zone="Asia/Jerusalem", name="Kfar"
    )


@pytest.fixture
def slovenian(db):
    return factories.SettlementFactory(
        slug="vas", language="sl", time_zone="Europe/Ljubljana", name="Vas"
    )


def course_in(settlement, **fields):
    committee = factories.CommitteeFactory(settlement=settlement)
    return factories.CourseFactory(committee=committee, **fields)


def make(course):
    with scope(settlement=course.settlement_id):
        return services.sessions_make(course=course)


def sessions(course) -> dict[dt.date, tuple[str, str]]:
    with scopes_disabled():
        return {s.date: (s.status, s.note) for s in CourseSession.objects.filter(course=course)}


# Sessions


def test_hanukkah_is_skipped_in_a_hebrew_settlement(hebrew):
    course = course_in(
        hebrew, weekdays=[1], starts_on=dt.date(2026, 12, 1), ends_on=dt.date(2026, 12, 22)
    )
    made = make(course)
    assert made == services.SessionsMade(created=3, skipped=1, removed=0)
    assert sessions(course) == {
        dt.date(2026, 12, 1): ("scheduled", ""),
        dt.date(2026, 12, 8): ("skipped", "holiday:chanukah"),
        dt.date(2026, 12, 15): ("scheduled", ""),
        dt.date(2026, 12, 22): ("scheduled", ""),
    }
    with scopes_disabled():
        first = CourseSession.objects.get(course=course, date=dt.date(2026, 12, 1))
    # 17:00 in Jerusalem in winter (UTC+2), stored in UTC.
    assert first.starts_at == dt.datetime(2026, 12, 1, 15, 0, tzinfo=dt.UTC)
    assert first.ends_at == dt.datetime(2026, 12, 1, 16, 0, tzinfo=dt.UTC)


def test_passover_and_the_seder_evening_are_skipped(hebrew):
    course = course_in(
        hebrew,
        weekdays=[2],
        start_time=dt.time(17, 30),
        end_time=dt.time(18, 30),
        starts_on=dt.date(2027, 4, 14),
        ends_on=dt.date(2027, 5, 5),
    )
    assert make(course) == services.SessionsMade(created=2, skipped=2, removed=0)
    assert sessions(course) == {
        dt.date(2027, 4, 14): ("scheduled", ""),
        dt.date(2027, 4, 21): ("skipped", "holiday:eve:pesach"),
        dt.date(2027, 4, 28): ("skipped", "holiday:pesach_vii"),
        dt.date(2027, 5, 5): ("scheduled", ""),
    }
    with scopes_disabled():
        first = CourseSession.objects.get(course=course, date=dt.date(2027, 4, 14))
    assert first.starts_at == dt.datetime(2027, 4, 14, 14, 30, tzinfo=dt.UTC)  # summer, UTC+3


def test_memorial_evenings_skip_evening_classes_only(hebrew):
    evening = course_in(
        hebrew,
        weekdays=[0],
        start_time=dt.time(18, 0),
        end_time=dt.time(19, 0),
        starts_on=dt.date(2027, 5, 3),
        ends_on=dt.date(2027, 5, 17),
    )
    morning = course_in(
        hebrew,
        weekdays=[0],
        start_time=dt.time(10, 0),
        end_time=dt.time(11, 0),
        starts_on=dt.date(2027, 5, 3),
        ends_on=dt.date(2027, 5, 17),
    )
    make(evening)
    make(morning)
    assert sessions(evening) == {
        dt.date(2027, 5, 3): ("skipped", "holiday:eve:yom_hashoah"),
        dt.date(2027, 5, 10): ("skipped", "holiday:eve:yom_hazikaron"),
        dt.date(2027, 5, 17): ("scheduled", ""),
    }
    assert {status for status, _note in sessions(morning).values()} == {"scheduled"}


def test_slovenian_public_holidays_are_skipped(slovenian):
    course = course_in(
        slovenian,
        weekdays=[4, 5],
        starts_on=dt.date(2026, 12, 18),
        ends_on=dt.date(2027, 1, 9),
    )
    assert make(course) == services.SessionsMade(created=4, skipped=4, removed=0)
    skipped = {day: note for day, (status, note) in sessions(course).items() if status == "skipped"}
    assert skipped == {
        dt.date(2026, 12, 25): "holiday:si:2026-12-25",
        dt.date(2026, 12, 26): "holiday:si:2026-12-26",
        dt.date(2027, 1, 1): "holiday:si:2027-01-01",
        dt.date(2027, 1, 2): "holiday:si:2027-01-02",
    }
    with scopes_disabled():
        first = CourseSession.objects.get(course=course, date=dt.date(2026, 12, 18))
    assert first.starts_at == dt.datetime(2026, 12, 18, 16, 0, tzinfo=dt.UTC)  # UTC+1


def test_an_english_settlement_skips_nothing(settlement):
    course = course_in(
        settlement, weekdays=[4], starts_on=dt.date(2026, 12, 25), ends_on=dt.date(2027, 1, 1)
    )
    assert make(course) == services.SessionsMade(created=2, skipped=0, removed=0)


def test_making_again_creates_nothing(hebrew, django_assert_num_queries):
    course = course_in(hebrew)
    first = make(course)
    assert first.created + first.skipped == len(sessions(course)) > 0
    before = sessions(course)
    assert make(course) == services.SessionsMade(created=0, skipped=0, removed=0)
    assert sessions(course) == before


def test_new_schedule_keeps_hand_skips_and_attended_sessions(settlement):
    course = course_in(
        settlement, weekdays=[1], starts_on=dt.date(2026, 12, 1), ends_on=dt.date(2026, 12, 29)
    )
    make(course)
    with scopes_disabled():
        by_hand = CourseSession.objects.get(course=course, date=dt.date(2026, 12, 8))
        attended = CourseSession.objects.get(course=course, date=dt.date(2026, 12, 15))
        participant = factories.ClassParticipantFactory(registration__course=course)
        factories.SessionAttendanceFactory(session=attended, participant=participant)
    with scope(settlement=settlement.pk):
        services.session_skip(session=by_hand, skip=True, note="The hall is taken")
    with scopes_disabled():
        Course.objects.filter(pk=course.pk).update(weekdays=[3], start_time=dt.time(16, 0))
        course.refresh_from_db()
    made = make(course)
    assert made == services.SessionsMade(created=4, skipped=0, removed=3)
    kept = sessions(course)
    assert kept[dt.date(2026, 12, 8)] == ("skipped", "The hall is taken")
    assert dt.date(2026, 12, 15) in kept
    assert dt.date(2026, 12, 1) not in kept and dt.date(2026, 12, 22) not in kept
    with scopes_disabled():
        thursday = CourseSession.objects.get(course=course, date=dt.date(2026, 12, 3))
    assert thursday.starts_at == dt.datetime(2026, 12, 3, 16, 0, tzinfo=dt.UTC)


def test_past_sessions_stay_and_future_ones_move_with_the_hours(settlement):
    course = course_in(
        settlement, weekdays=[1], starts_on=dt.date(2026, 11, 3), ends_on=dt.date(2026, 12, 8)
    )
    make(course)
    with scopes_disabled():
        Course.objects.filter(pk=course.pk).update(
            start_time=dt.time(18, 0), end_time=dt.time(19, 0)
        )
        course.refresh_from_db()
    made = make(course)
    assert made.removed == 0
    with scopes_disabled():
        past = CourseSession.objects.get(course=course, date=dt.date(2026, 11, 17))
        future = CourseSession.objects.get(course=course, date=dt.date(2026, 12, 1))
    assert past.starts_at.hour == 17  # before today: as it was held
    assert future.starts_at == dt.datetime(2026, 12, 1, 18, 0, tzinfo=dt.UTC)


def test_session_skip_by_hand_and_back(settlement):
    session = factories.CourseSessionFactory(course=course_in(settlement))
    with scope(settlement=settlement.pk):
        services.session_skip(session=session, skip=True, note="  Teacher is ill ")
    session.refresh_from_db()
    assert (session.status, session.skipped_by_hand, session.note) == (
        "skipped",
        True,
        "Teacher is ill",
    )
    with scope(settlement=settlement.pk):
        services.session_skip(session=session, skip=False)
    session.refresh_from_db()
    assert (session.status, session.skipped_by_hand, session.note) == ("scheduled", False, "")


# Registration


def register(course, names, email="parent@example.org", name="Dana Parent", language="en"):
    participants = [ParticipantData(name=n, age_group="children") for n in names]
    with scope(settlement=course.settlement_id):
        return services.class_register(
            course=course,
            contact=ContactData(name=name, email=email, phone="050", language=language),
            participants=participants,
        )


def statuses(course) -> list[tuple[int, str]]:
    with scopes_disabled():
        return list(
            ClassRegistration.objects.filter(course=course)
            .order_by("created_at", "id")
            .values_list("places", "status")
        )


def messages(settlement) -> dict[str, Message]:
    """The queued messages by key, as they will be sent (see ``sent.as_sent``)."""
    with scope(settlement=settlement.pk):
        return {m.dedupe_key: m for m in as_sent(Message.objects.filter(settlement=settlement))}


def test_register_confirms_and_writes_with_the_personal_link(settlement):
    resident = factories.ResidentFactory(settlement=settlement, email="dana@example.org")
    course = course_in(settlement, capacity=5)
    registration, token = register(course, ["Ami", "Tal"], email="Dana@example.org")
    assert registration.status == CONFIRMED and registration.places == 2
    assert registration.resident == resident
    with scopes_disabled():
        kids = list(registration.participants.values_list("name", "payment"))
    assert kids == [("Ami", "due"), ("Tal", "due")]
    link = services.class_link(registration)
    assert link.endswith(f"/p/{settlement.slug}/registration/{token}/")
    match = resolve(urlsplit(link).path)
    assert match.view_name == "calendar:class_registration"
    message = messages(settlement)[f"class-signup:{registration.pk}"]
    assert message.to_address == "Dana@example.org"
    assert link in message.body and "confirmed" in message.body
    assert LINK_PLACEHOLDER in message.stored and token not in message.stored
    assert message.resident == resident


def test_the_link_is_put_in_at_sending_and_an_erased_sign_up_gets_no_message(settlement):
    from django.core import mail

    from messaging.services import messages_send_due

    course = course_in(settlement, capacity=5)
    kept, token = register(course, ["Ami"], email="kept@example.org")
    blanked, _token = register(course, ["Tal"], email="gone@example.org")
    with scope(settlement=settlement.pk):
        ClassRegistration.objects.filter(pk=blanked.pk).delete()
        report = messages_send_due(settlement=settlement)
    assert (report.sent, report.cancelled) == (1, 1)
    [sent] = mail.outbox
    assert sent.to == ["kept@example.org"] and token in sent.body


def test_free_class_is_exempt_and_a_guest_gets_the_message(settlement):
    course = course_in(settlement, fee=Decimal("0"))
    registration, _token = register(course, ["Ami"], email="guest@example.org")
    assert registration.resident is None
    with scopes_disabled():
        assert list(registration.participants.values_list("payment", flat=True)) == ["exempt"]
    message = messages(settlement)[f"class-signup:{registration.pk}"]
    assert (message.to_address, message.to_name) == ("guest@example.org", "Dana Parent")


def test_group_waits_together_and_a_smaller_one_may_still_fit(settlement):
    course = course_in(settlement, capacity=3, min_participants=1)
    register(course, ["A", "B"])
    waiting, _token = register(course, ["C", "D"])
    assert waiting.status == WAITING
    single, _token = register(course, ["E"])
    assert single.status == CONFIRMED
    assert statuses(course) == [(2, CONFIRMED), (2, WAITING), (1, CONFIRMED)]
    body = messages(settlement)[f"class-signup:{waiting.pk}"].body
    assert "waiting list" in body


def test_message_is_in_the_contacts_language(hebrew):
    course = course_in(hebrew, title={"he": "חוג ציור", "en": "Drawing"})
    registration, _token = register(course, ["A"], language="en")
    message = messages(hebrew)[f"class-signup:{registration.pk}"]
    assert message.language == "en"
    assert "Drawing" in message.subject


def test_cancel_promotes_in_order_skipping_a_group_that_does_not_fit(settlement):
    course = course_in(settlement, capacity=3, min_participants=1)
    first, _t = register(course, ["A"])
    register(course, ["B", "C"])
    big, _t = register(course, ["D", "E", "F"])
    small, _t = register(course, ["G"])
    assert statuses(course)[2:] == [(3, WAITING), (1, WAITING)]
    with scope(settlement=settlement.pk):
        promoted = services.class_registration_cancel(registration=first)
    assert [row.pk for row in promoted] == [small.pk]
    assert first.status == CANCELLED and first.cancelled_at == clock.now()
    assert statuses(course) == [(1, CANCELLED), (2, CONFIRMED), (3, WAITING), (1, CONFIRMED)]
    with scopes_disabled():
        small.refresh_from_db()
        big.refresh_from_db()
    assert small.promoted_at == clock.now() and big.promoted_at is None
    sent = messages(settlement)
    assert f"class-promoted:{small.pk}" in sent
    assert f"class-promoted:{big.pk}" not in sent
    assert services.class_link(small) in sent[f"class-promoted:{small.pk}"].body


def test_cancelling_a_group_promotes_the_big_group(settlement):
    course = course_in(settlement, capacity=3, min_participants=1)
    pair, _t = register(course, ["A", "B"])
    register(course, ["C"])
    big, _t = register(course, ["D", "E"])
    with scope(settlement=settlement.pk):
        promoted = services.class_registration_cancel(registration=pair)
    assert [row.pk for row in promoted] == [big.pk]


def test_cancel_twice_does_nothing_the_second_time(settlement):
    course = course_in(settlement, capacity=1, min_participants=1)
    first, _t = register(course, ["A"])
    register(course, ["B"])
    register(course, ["C"])
    with scope(settlement=settlement.pk):
        assert len(services.class_registration_cancel(registration=first)) == 1
        count = len(messages(settlement))
        assert services.class_registration_cancel(registration=first) == []
    assert len(messages(settlement)) == count
    assert statuses(course) == [(1, CANCELLED), (1, CONFIRMED), (1, WAITING)]


def test_cancelling_a_waiting_registration_promotes_nobody(settlement):
    course = course_in(settlement, capacity=1, min_participants=1)
    register(course, ["A"])
    waiting, _t = register(course, ["B"])
    with scope(settlement=settlement.pk):
        assert services.class_registration_cancel(registration=waiting) == []
    assert statuses(course) == [(1, CONFIRMED), (1, CANCELLED)]


@pytest.mark.parametrize(
    ("names", "code"),
    [
        ([], "no_participants"),
        ([f"Kid {n}" for n in range(11)], "too_many"),
        (["Ami", "  "], "no_name"),
    ],
)
def test_register_refuses_bad_participants_and_writes_nothing(settlement, names, code):
    course = course_in(settlement, capacity=20, min_participants=1)
    with pytest.raises(services.RegistrationRefused) as error:
        register(course, names)
    assert error.value.code == code
    assert str(error.value.messages[0])
    assert statuses(course) == []
    assert messages(settlement) == {}


def test_register_refuses_a_closed_class(settlement):
    course = course_in(settlement, status=Course.Status.PLANNED)
    with pytest.raises(services.RegistrationRefused) as error:
        register(course, ["A"])
    assert error.value.code == "not_open"
    with scopes_disabled():
        assert not ClassParticipant.objects.exists()


def test_register_refuses_a_group_larger_than_the_class(settlement):
    course = course_in(settlement, capacity=2, min_participants=1)
    with pytest.raises(services.ClassFull):
        register(course, ["A", "B", "C"])
    assert statuses(course) == []


def test_register_refuses_without_a_contact_name(settlement):
    course = course_in(settlement)
    with pytest.raises(services.RegistrationRefused):
        register(course, ["A"], name=" ")


def test_course_cancel_tells_everyone_registered_or_waiting(settlement):
    course = course_in(settlement, capacity=1, min_participants=1)
    confirmed, _t = register(course, ["A"], email="a@example.org")
    waiting, _t = register(course, ["B"], email="b@example.org")
    gone, _t = register(course, ["C"], email="c@example.org")
    with scope(settlement=settlement.pk):
        services.class_registration_cancel(registration=gone)
        assert services.course_cancel(course=course) == 2
        assert services.course_cancel(course=course) == 0
    course.refresh_from_db()
    assert course.status == Course.Status.CANCELLED and course.cancelled_at == clock.now()
    sent = messages(settlement)
    assert {key for key in sent if key.startswith("class-cancelled:")} == {
        f"class-cancelled:{confirmed.pk}",
        f"class-cancelled:{waiting.pk}",
    }
    assert services.class_link(waiting) in sent[f"class-cancelled:{waiting.pk}"].body
    with pytest.raises(services.RegistrationRefused):
        register(course, ["D"])


# Reminders


def reminders(settlement) -> int:
    with scope(settlement=settlement.pk):
        return services.class_reminders_queue(settlement=settlement)


def test_reminder_the_day_before_the_first_session_once(hebrew):
    # Now is 23 Nov 2026 12:00 in Jerusalem: tomorrow is Tuesday 24 Nov.
    course = course_in(
        hebrew, weekdays=[1], starts_on=dt.date(2026, 11, 24), ends_on=dt.date(2026, 12, 29)
    )
    make(course)
    later = course_in(
        hebrew, weekdays=[1], starts_on=dt.date(2026, 12, 1), ends_on=dt.date(2026, 12, 29)
    )
    make(later)
    one, _t = register(course, ["A"], email="one@example.org")
    factories.ClassRegistrationFactory(course=course, status=WAITING)
    register(later, ["B"], email="two@example.org")
    assert reminders(hebrew) == 1
    sent = [key for key in messages(hebrew) if key.startswith("class-reminder:")]
    assert sent == [f"class-reminder:{one.pk}"]
    body = messages(hebrew)[f"class-reminder:{one.pk}"].body
    assert "17:00" in body and services.class_link(one) in body
    assert reminders(hebrew) == 0


@pytest.mark.parametrize("people", [2, 12])
def test_class_reminders_take_the_same_queries_for_few_and_many_residents(
    hebrew, people, django_assert_num_queries
):
    course = course_in(
        hebrew, weekdays=[1], starts_on=dt.date(2026, 11, 24), ends_on=dt.date(2026, 12, 29)
    )
    make(course)
    for n in range(people):  # registrations of residents: each message names its resident
        resident = factories.ResidentFactory(settlement=hebrew, email=f"r{n}@example.org")
        factories.ClassRegistrationFactory(course=course, resident=resident, email=resident.email)
    with django_assert_num_queries(CLASS_REMINDER_QUERIES):
        assert reminders(hebrew) == people


CLASS_REMINDER_QUERIES = 6  # the sessions, the registrations with their residents, the keys...


def test_no_reminder_when_tomorrows_session_is_skipped(settlement):
    course = course_in(
        settlement, weekdays=[1], starts_on=dt.date(2026, 11, 24), ends_on=dt.date(2026, 12, 29)
    )
    make(course)
    with scopes_disabled():
        session = CourseSession.objects.get(course=course, date=dt.date(2026, 11, 24))
    with scope(settlement=settlement.pk):
        services.session_skip(session=session, skip=True, note="No hall")
    register(course, ["A"])
    assert reminders(settlement) == 0


def test_no_reminder_for_a_cancelled_class(settlement):
    course = course_in(
        settlement, weekdays=[1], starts_on=dt.date(2026, 11, 24), ends_on=dt.date(2026, 12, 29)
    )
    make(course)
    register(course, ["A"])
    with scope(settlement=settlement.pk):
        services.course_cancel(course=course)
    assert reminders(settlement) == 0
