"""The services of event sign-ups: places and the waiting list, promotion, shifts,
reminders, attendance and the feedback form."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scope

from coordinator import clock
from events import services_shifts as shift_services
from events import services_signups as services
from events import signups
from events.models import Event, EventRegistration, ShiftSignup
from events.selectors_signups import feedback_summary, signup_summary
from messaging.models import LINK_PLACEHOLDER, Message
from surveys.models import Question, Survey
from tests import factories

from .sent import as_sent

ContactData = signups.ContactData


@pytest.fixture
def event(settlement):
    committee = factories.CommitteeFactory(settlement=settlement)
    return factories.EventFactory(committee=committee, signup_open=True, capacity=4)


def sign(event, name, seats=1, email=None, language="en"):
    email = f"{name.lower()}@example.org" if email is None else email
    with scope(settlement=event.settlement_id):
        return services.event_signup(
            event=event, contact=ContactData(name=name, email=email, language=language), seats=seats
        )


def messages(settlement, **filters) -> list[Message]:
    """The queued messages, as they will be sent (see ``sent.as_sent``)."""
    with scope(settlement=settlement.pk):
        rows = Message.objects.filter(settlement=settlement, **filters).order_by("pk")
        return as_sent(rows)


def reload(row):
    with scope(settlement=row.settlement_id):
        row.refresh_from_db()
    return row


# --- sign-up and capacity -------------------------------------------------------------------


def test_places_then_waiting_list_and_a_smaller_group_still_fits(event):
    first, _ = sign(event, "Ana", seats=3)
    second, _ = sign(event, "Bor", seats=2)
    third, _ = sign(event, "Cene", seats=1)
    assert [first.status, second.status, third.status] == ["confirmed", "waiting", "confirmed"]
    with scope(settlement=event.settlement_id):
        summary = signup_summary(event)
    assert (summary.seats, summary.waiting, summary.free) == (4, 1, 0)


def test_no_limit_confirms_everyone(event):
    event.capacity = None
    event.save()
    rows = [sign(event, f"P{n}", seats=20)[0] for n in range(3)]
    assert {row.status for row in rows} == {"confirmed"}


def test_signup_gives_a_personal_link_that_finds_the_row(event):
    row, token = sign(event, "Ana")
    with scope(settlement=event.settlement_id):
        found = signups.by_token(EventRegistration.objects.all(), token)
    assert found == row
    assert row.token_hash and token not in row.token_hash


@pytest.mark.parametrize(
    "change, message",
    [
        ({"status": Event.Status.DRAFT}, "not open"),
        ({"signup_open": False}, "closed"),
        ({"starts_at": factories.FIXED_NOW - dt.timedelta(minutes=5)}, "started"),
    ],
)
def test_signup_refused_when_not_open(event, change, message):
    for key, value in change.items():
        setattr(event, key, value)
    event.ends_at = None
    event.save()
    with pytest.raises(ValidationError, match=message):
        sign(event, "Ana")
    with scope(settlement=event.settlement_id):
        assert not EventRegistration.objects.exists()


@pytest.mark.parametrize("seats", [0, 21])
def test_seats_out_of_range_refused(event, seats):
    with pytest.raises(ValidationError):
        sign(event, "Ana", seats=seats)


def test_confirmation_queued_to_a_non_resident_by_address(event, settlement):
    row, token = sign(event, "Guest", email="guest@example.org")
    [message] = messages(settlement)
    assert message.resident is None
    assert message.to_address == "guest@example.org"
    assert message.to_name == "Guest"
    assert message.dedupe_key == f"event-signup:{row.pk}"
    assert token in message.body
    assert LINK_PLACEHOLDER in message.stored and token not in message.stored


def test_resident_is_linked_by_email(event, settlement):
    resident = factories.ResidentFactory(settlement=settlement, email="maja@example.org")
    row, _ = sign(event, "Maja", email="MAJA@example.org")
    assert row.resident_id == resident.pk
    [message] = messages(settlement)
    assert message.resident_id == resident.pk


def test_no_email_no_message(event, settlement):
    sign(event, "Phone only", email="")
    assert messages(settlement) == []


def test_waiting_confirmation_says_waiting_list(event, settlement):
    sign(event, "Big", seats=4)
    row, _ = sign(event, "Late")
    assert row.status == "waiting"
    assert "waiting list" in messages(settlement, dedupe_key=f"event-signup:{row.pk}")[0].subject


def test_message_in_the_contacts_language(event, settlement):
    sign(event, "Noa", language="he")
    [message] = messages(settlement)
    assert message.language == "he"


# --- cancelling and promotion ---------------------------------------------------------------


def test_cancel_promotes_in_order_skipping_a_group_that_does_not_fit(event, settlement):
    full, _ = sign(event, "Full", seats=4)
    big, _ = sign(event, "Big", seats=3)
    group, _ = sign(event, "Group", seats=2)
    single, _ = sign(event, "Single", seats=1)
    with scope(settlement=settlement.pk):
        promoted = services.event_registration_cancel(registration=full)
    assert [row.name for row in promoted] == ["Big", "Single"]
    assert reload(big).status == "confirmed" and reload(big).promoted_at == factories.FIXED_NOW
    assert reload(group).status == "waiting"
    assert reload(single).status == "confirmed"
    keys = {m.dedupe_key for m in messages(settlement, kind="events.promoted")}
    assert keys == {f"event-promoted:{big.pk}", f"event-promoted:{single.pk}"}


def test_cancel_twice_changes_nothing_the_second_time(event, settlement):
    full, _ = sign(event, "Full", seats=4)
    waiting, _ = sign(event, "Waiting", seats=1)
    with scope(settlement=settlement.pk):
        assert len(services.event_registration_cancel(registration=full)) == 1
        assert services.event_registration_cancel(registration=full) == []
    assert reload(full).status == "cancelled"
    assert reload(waiting).status == "confirmed"
    assert len(messages(settlement, kind="events.promoted")) == 1


def test_nobody_moves_up_after_the_event_began(event, settlement):
    full, _ = sign(event, "Full", seats=4)
    waiting, _ = sign(event, "Waiting")
    clock.set_now(event.starts_at + dt.timedelta(minutes=1))
    with scope(settlement=settlement.pk):
        assert services.event_registration_cancel(registration=full) == []
    assert reload(waiting).status == "waiting"


# --- shifts ---------------------------------------------------------------------------------


def test_shift_full_is_refused(event, settlement):
    shift = factories.VolunteerShiftFactory(event=event, needed=1)
    with scope(settlement=settlement.pk):
        row, token = shift_services.shift_take(
            shift=shift, contact=ContactData(name="A", email="a@x.org")
        )
        with pytest.raises(ValidationError, match="full"):
            shift_services.shift_take(shift=shift, contact=ContactData(name="B"))
        assert ShiftSignup.objects.count() == 1
        assert shift_services.shift_signup_cancel(signup=row) is True
        assert shift_services.shift_signup_cancel(signup=row) is False
        shift_services.shift_take(shift=shift, contact=ContactData(name="B"))
    assert messages(settlement, dedupe_key=f"shift-signup:{row.pk}")[0].to_address == "a@x.org"


def test_shift_of_an_unpublished_event_is_refused(event, settlement):
    shift = factories.VolunteerShiftFactory(event=event)
    event.status = Event.Status.DRAFT
    event.save()
    with scope(settlement=settlement.pk), pytest.raises(ValidationError):
        shift_services.shift_take(shift=shift, contact=ContactData(name="B"))


@pytest.mark.parametrize(
    "starts, ends, needed, message",
    [
        (dt.timedelta(hours=-1), dt.timedelta(hours=-2), 1, "end after"),
        (dt.timedelta(days=-2), dt.timedelta(hours=1), 1, "within a day"),
        (dt.timedelta(hours=1), dt.timedelta(days=2), 1, "within a day"),
        (dt.timedelta(hours=0), dt.timedelta(hours=1), 0, "at least one"),
    ],
)
def test_shift_rules(event, settlement, starts, ends, needed, message):
    data = {
        "role": "Door",
        "starts_at": event.starts_at + starts,
        "ends_at": event.starts_at + ends,
        "needed": needed,
    }
    with scope(settlement=settlement.pk), pytest.raises(ValidationError, match=message):
        shift_services.shift_create(event=event, data=data)


def test_shift_update_cannot_need_fewer_than_taken(event, settlement):
    shift = factories.VolunteerShiftFactory(event=event, needed=2)
    factories.ShiftSignupFactory.create_batch(2, shift=shift)
    data = {"role": "Door", "starts_at": shift.starts_at, "ends_at": shift.ends_at, "needed": 1}
    with scope(settlement=settlement.pk):
        with pytest.raises(ValidationError, match="already took"):
            shift_services.shift_update(shift=shift, data=data)
        assert shift_services.shift_update(shift=shift, data=data | {"needed": 3}) is True
    reload(shift)
    assert (shift.role, shift.needed) == ("Door", 3)


# --- reminders ------------------------------------------------------------------------------


def test_reminders_for_tomorrow_in_the_settlements_zone_once(settlement):
    settlement.time_zone = "Asia/Jerusalem"  # UTC+2 in November; now is 23 Nov, 12:00 local
    settlement.save()
    committee = factories.CommitteeFactory(settlement=settlement)

    def event_at(hour_utc):
        return factories.EventFactory(
            committee=committee, starts_at=hour_utc, ends_at=None, signup_open=True
        )

    early = event_at(dt.datetime(2026, 11, 23, 22, 30, tzinfo=dt.UTC))  # 24 Nov 00:30 local
    late = event_at(dt.datetime(2026, 11, 24, 21, 30, tzinfo=dt.UTC))  # 24 Nov 23:30 local
    after = event_at(dt.datetime(2026, 11, 24, 22, 30, tzinfo=dt.UTC))  # 25 Nov 00:30 local
    with scope(settlement=settlement.pk):
        Event.objects.filter(pk__in=[early.pk, late.pk, after.pk]).update(capacity=1)
    early.capacity = late.capacity = after.capacity = 1
    came = factories.EventRegistrationFactory(event=early, email="early@example.org")
    factories.EventRegistrationFactory(event=early, status="waiting", email="wait@example.org")
    factories.EventRegistrationFactory(event=early, status="cancelled", email="gone@example.org")
    factories.EventRegistrationFactory(event=early, email="")
    late_row = factories.EventRegistrationFactory(event=late, email="late@example.org")
    signups.link_issue(late_row, signups.EVENT)
    late_row.save()
    factories.EventRegistrationFactory(event=after, email="after@example.org")
    shift = factories.VolunteerShiftFactory(event=late)
    helper = factories.ShiftSignupFactory(shift=shift, email="helper@example.org")
    factories.ShiftSignupFactory(
        shift=shift, email="quit@example.org", cancelled_at=factories.FIXED_NOW
    )
    with scope(settlement=settlement.pk):
        assert services.event_reminders_queue(settlement=settlement) == 3
        assert services.event_reminders_queue(settlement=settlement) == 0
    sent = messages(settlement)
    assert {m.to_address for m in sent} == {
        "early@example.org",
        "late@example.org",
        "helper@example.org",
    }
    keys = {m.dedupe_key for m in sent}
    assert f"event-reminder:{came.pk}" in keys and f"shift-reminder:{helper.pk}" in keys
    [late_message] = [m for m in sent if m.to_address == "late@example.org"]
    assert signups.link_of(late_row, signups.EVENT) in late_message.body
    assert "/p/home/signup/" in late_message.body
    assert "23:30" in late_message.body  # local time, not UTC


@pytest.mark.parametrize("people", [2, 12])
def test_reminders_take_the_same_queries_for_few_and_many_residents(
    settlement, people, django_assert_num_queries
):
    committee = factories.CommitteeFactory(settlement=settlement)
    tomorrow = factories.EventFactory(
        committee=committee, starts_at=factories.FIXED_NOW + dt.timedelta(days=1), ends_at=None
    )
    shift = factories.VolunteerShiftFactory(event=tomorrow)
    for n in range(people):  # sign-ups of residents: each message names its resident
        resident = factories.ResidentFactory(settlement=settlement, email=f"r{n}@example.org")
        factories.EventRegistrationFactory(event=tomorrow, resident=resident, email=resident.email)
        factories.ShiftSignupFactory(shift=shift, resident=resident, email=resident.email)
    with scope(settlement=settlement.pk), django_assert_num_queries(QUERIES_REMINDERS):
        assert services.event_reminders_queue(settlement=settlement) == 2 * people


QUERIES_REMINDERS = 7  # the events, the sign-ups with their residents, the keys, the rows


def test_reminder_in_hebrew_for_a_hebrew_contact(settlement):
    committee = factories.CommitteeFactory(settlement=settlement)
    tomorrow = factories.EventFactory(
        committee=committee, starts_at=factories.FIXED_NOW + dt.timedelta(days=1), ends_at=None
    )
    factories.EventRegistrationFactory(event=tomorrow, language="he", email="noa@example.org")
    with scope(settlement=settlement.pk):
        services.event_reminders_queue(settlement=settlement)
    [message] = messages(settlement)
    assert message.language == "he"


# --- attendance and feedback ----------------------------------------------------------------


@pytest.fixture
def past_event(event, settlement):
    clock.set_now(event.ends_at + dt.timedelta(hours=1))
    return event


def test_attendance_refused_before_the_event(event, settlement):
    with scope(settlement=settlement.pk), pytest.raises(ValidationError):
        services.attendance_save(event=event, came=set(), head_count=3)


def test_attendance_counts_the_places_of_those_who_came(past_event, settlement):
    a = factories.EventRegistrationFactory(event=past_event, seats=3)
    b = factories.EventRegistrationFactory(event=past_event, seats=2)
    waiting = factories.EventRegistrationFactory(event=past_event, status="waiting")
    with scope(settlement=settlement.pk):
        assert (
            services.attendance_save(event=past_event, came={a.pk, waiting.pk}, head_count=None)
            == 3
        )
        assert reload(a).attended is True and reload(b).attended is False
        assert reload(waiting).attended is None
        assert services.attendance_save(event=past_event, came={a.pk}, head_count=40) == 40
    assert reload(past_event).attendance == 40


def test_feedback_refused_before_the_end_and_before_attendance(event, settlement):
    with scope(settlement=settlement.pk), pytest.raises(ValidationError, match="over"):
        services.feedback_send(event=event, by=None)
    clock.set_now(event.ends_at + dt.timedelta(hours=1))
    with scope(settlement=settlement.pk), pytest.raises(ValidationError, match="attendance"):
        services.feedback_send(event=event, by=None)
    with scope(settlement=settlement.pk):
        assert not Survey.objects.exists()


def test_feedback_once_and_only_to_those_who_came(past_event, settlement):
    came = factories.EventRegistrationFactory(event=past_event, email="came@example.org")
    factories.EventRegistrationFactory(event=past_event, email="stayed@example.org")
    factories.EventRegistrationFactory(event=past_event, email="")
    no_mail = factories.EventRegistrationFactory(event=past_event, email="")
    with scope(settlement=settlement.pk):
        services.attendance_save(event=past_event, came={came.pk, no_mail.pk}, head_count=None)
        assert services.feedback_recipients(past_event) == 1
        assert services.feedback_send(event=past_event, by=None) == 1
        assert services.feedback_send(event=past_event, by=None) == 0
        [survey] = Survey.objects.all()
        questions = list(Question.objects.filter(survey=survey).order_by("position"))
    assert reload(past_event).feedback_survey_id == survey.pk
    assert survey.state == Survey.State.RUNNING and survey.anonymous and survey.share_token
    assert survey.closes_on == dt.date(2026, 12, 14)
    assert [q.kind for q in questions] == ["rating", "long_text", "long_text"]
    assert questions[0].text["en"] == "How was the event?"
    [message] = messages(settlement, kind="events.feedback")
    assert message.to_address == "came@example.org"
    assert message.dedupe_key == f"event-feedback:{came.pk}"
    assert survey.share_token in message.body


def test_feedback_summary_hides_fewer_than_five_answers(past_event, settlement):
    with scope(settlement=settlement.pk):
        services.attendance_save(event=past_event, came=set(), head_count=10)
        services.feedback_send(event=past_event, by=None)
        survey = Survey.objects.get()
        rating = Question.objects.get(survey=survey, kind="rating")
    for value in (5, 4, 4, 2):
        response = factories.ResponseFactory(survey=survey, via="shared")
        factories.AnswerFactory(response=response, question=rating, number=value)
    with scope(settlement=settlement.pk):
        Survey.objects.filter(pk=survey.pk).update(answer_count=4)
        hidden = feedback_summary(reload(past_event))
    assert hidden is not None and hidden.shown is False and hidden.average is None
    response = factories.ResponseFactory(survey=survey, via="shared")
    factories.AnswerFactory(response=response, question=rating, number=5)
    with scope(settlement=settlement.pk):
        Survey.objects.filter(pk=survey.pk).update(answer_count=5)
        shown = feedback_summary(reload(past_event))
    assert shown.shown and shown.average == 4.0
    assert shown.bars[0] == (5, 2, 40) and shown.bars[3] == (2, 1, 20)


def test_places_added_later_go_to_the_waiting_list_first(event, settlement):
    sign(event, "Full", seats=4)
    waiting, _ = sign(event, "Waiting", seats=2)
    event.capacity = 6
    event.save()
    newcomer, _ = sign(event, "Newcomer", seats=1)
    assert reload(waiting).status == "confirmed"
    assert newcomer.status == "waiting"
    with scope(settlement=settlement.pk):
        assert services.event_waiting_promote(event=event) == []


def test_more_places_move_the_waiting_list_up(event, settlement):
    from events.services import event_update

    sign(event, "Ana", seats=4)
    waiting, _token = sign(event, "Ben", seats=2)
    assert waiting.status == "waiting"
    with scope(settlement=settlement.pk):
        assert event_update(event=event, data={"capacity": 5}) is True
        assert reload(waiting).status == "waiting"  # one place more is not enough for two
        event_update(event=event, data={"capacity": None})  # no limit
        assert reload(waiting).status == "confirmed"
    assert [m.dedupe_key for m in messages(settlement, kind="events.promoted")] == [
        f"event-promoted:{waiting.pk}"
    ]
