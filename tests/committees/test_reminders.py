"""Meeting reminders the day before, and the weekly digest of overdue action items: each
goes out once, whatever how often beat runs."""

import datetime as dt

import pytest
from django_scopes import scope

from committees import tasks
from committees.models import MeetingAttendance, StaffNotice
from coordinator import clock
from coordinator.models import OutboxMessage, Role
from messaging.models import Message
from tests import factories


@pytest.fixture
def meeting(settlement):
    committee = factories.CommitteeFactory(settlement=settlement)
    meeting = factories.MeetingFactory(
        committee=committee,
        title="Culture committee",
        starts_at=dt.datetime(2026, 11, 24, 18, 0, tzinfo=dt.UTC),  # tomorrow
        ends_at=dt.datetime(2026, 11, 24, 19, 0, tzinfo=dt.UTC),
    )
    for resident in factories.ResidentFactory.create_batch(2, settlement=settlement):
        MeetingAttendance.objects.create(meeting=meeting, settlement=settlement, resident=resident)
    no_consent = factories.ResidentFactory.create(settlement=settlement, consent_to_contact=False)
    MeetingAttendance.objects.create(meeting=meeting, settlement=settlement, resident=no_consent)
    meeting.users.add(factories.member(settlement, Role.COORDINATOR, email="coord@example.org"))
    return meeting


def test_tomorrows_meeting_is_reminded_once(settlement, meeting):
    assert tasks.meeting_reminders() == 3  # two residents (one without consent), one user
    assert tasks.meeting_reminders() == 0
    with scope(settlement=settlement.pk):
        reminders = Message.objects.filter(kind="committees.meeting_reminder")
        assert reminders.count() == 2
        assert "Culture committee" in reminders.first().subject
    emails = OutboxMessage.objects.filter(job="coordinator.email")
    assert [e.kwargs["to"] for e in emails] == [["coord@example.org"]]


def test_meetings_after_tomorrow_are_not_reminded_yet(settlement, meeting):
    meeting.starts_at = dt.datetime(2026, 11, 25, 18, 0, tzinfo=dt.UTC)
    meeting.ends_at = None
    meeting.save()
    assert tasks.meeting_reminders() == 0
    clock.set_now(dt.datetime(2026, 11, 24, 6, 0, tzinfo=dt.UTC))
    assert tasks.meeting_reminders() == 3


def test_tomorrow_is_the_settlements_tomorrow(settlement, meeting):
    settlement.time_zone = "Asia/Jerusalem"
    settlement.save()
    # 23:30 UTC on the 23rd is already the 24th in Israel: the meeting is today there.
    clock.set_now(dt.datetime(2026, 11, 23, 23, 30, tzinfo=dt.UTC))
    assert tasks.meeting_reminders() == 0


@pytest.fixture
def overdue(settlement):
    owner = factories.member(settlement, Role.CHAIR, email="chair@example.org")
    other = factories.member(settlement, Role.SECRETARY, email="sec@example.org")
    meeting = factories.MeetingFactory(committee=factories.CommitteeFactory(settlement=settlement))
    factories.ActionItemFactory(meeting=meeting, owner=owner, due_on=dt.date(2026, 11, 20))
    factories.ActionItemFactory(meeting=meeting, owner=owner, due_on=dt.date(2026, 11, 10))
    factories.ActionItemFactory(meeting=meeting, owner=other, due_on=dt.date(2026, 12, 20))
    factories.ActionItemFactory(
        meeting=meeting, owner=other, due_on=dt.date(2026, 11, 1), done_at=factories.FIXED_NOW
    )
    return owner


def test_the_digest_goes_on_monday_morning_once_a_week(settlement, overdue):
    # 23 November 2026 is a Monday; the fixed clock stands at 10:00.
    assert tasks.action_item_digest() == 1
    assert tasks.action_item_digest() == 0
    email = OutboxMessage.objects.get(job="coordinator.email")
    assert email.kwargs["to"] == ["chair@example.org"]
    assert "2 overdue action items" in email.kwargs["subject"]
    clock.set_now(dt.datetime(2026, 11, 24, 10, 0, tzinfo=dt.UTC))  # Tuesday
    assert tasks.action_item_digest() == 0
    clock.set_now(dt.datetime(2026, 11, 30, 7, 59, tzinfo=dt.UTC))  # next Monday, too early
    assert tasks.action_item_digest() == 0
    clock.set_now(dt.datetime(2026, 11, 30, 8, 0, tzinfo=dt.UTC))
    assert tasks.action_item_digest() == 1
    with scope(settlement=settlement.pk):
        assert StaffNotice.objects.count() == 2


def test_an_owner_who_left_the_settlement_gets_no_digest(settlement, overdue):
    overdue.memberships.all().delete()
    assert tasks.action_item_digest() == 0
