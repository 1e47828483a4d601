"""The one way out for messages: consent, dedupe, quiet hours, batches and claims."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scope

from coordinator import clock
from messaging import services
from messaging.models import LINK_PLACEHOLDER, Message
from tests import factories

ISRAEL = ZoneInfo("Asia/Jerusalem")
LJUBLJANA = ZoneInfo("Europe/Ljubljana")


@pytest.fixture
def hebrew_settlement(db):
    return factories.SettlementFactory(
        language="he",
        time_zone="Asia/Jerusalem",
        latitude=Decimal("32.700000"),
        longitude=Decimal("35.300000"),
    )


@pytest.fixture
def slovenian_settlement(db):
    return factories.SettlementFactory(language="sl", time_zone="Europe/Ljubljana")


def local(tz, *args):
    return dt.datetime(*args, tzinfo=tz)


def draft(resident, key="k", **kwargs):
    values = {"kind": "test", "subject": "Hi", "body": "Body", "dedupe_key": key, **kwargs}
    return services.Draft(resident=resident, **values)


# Quiet hours


def test_night_hours_hold_until_the_morning(slovenian_settlement):
    quiet = services.quiet_hours_at(slovenian_settlement, local(LJUBLJANA, 2026, 11, 24, 3, 0))
    assert quiet is not None
    assert quiet.reason == Message.Hold.NIGHT
    assert quiet.until == local(LJUBLJANA, 2026, 11, 24, 8, 0)


def test_late_evening_waits_for_the_next_morning(slovenian_settlement):
    quiet = services.quiet_hours_at(slovenian_settlement, local(LJUBLJANA, 2026, 11, 24, 22, 30))
    assert quiet is not None and quiet.until == local(LJUBLJANA, 2026, 11, 25, 8, 0)


def test_daytime_is_not_quiet(slovenian_settlement):
    assert services.quiet_hours_at(slovenian_settlement, local(LJUBLJANA, 2026, 11, 24, 12)) is None


def test_quiet_hours_are_the_settlements_own(slovenian_settlement):
    slovenian_settlement.quiet_from = dt.time(20, 0)
    slovenian_settlement.quiet_until = dt.time(9, 30)
    at_nine = services.quiet_hours_at(slovenian_settlement, local(LJUBLJANA, 2026, 11, 24, 9, 0))
    assert at_nine is not None and at_nine.until == local(LJUBLJANA, 2026, 11, 24, 9, 30)
    slovenian_settlement.quiet_from = slovenian_settlement.quiet_until = dt.time(0, 0)
    assert services.quiet_hours_at(slovenian_settlement, local(LJUBLJANA, 2026, 11, 24, 3)) is None


def test_slovenian_settlements_send_on_saturday(slovenian_settlement):
    assert services.quiet_hours_at(slovenian_settlement, local(LJUBLJANA, 2026, 11, 28, 12)) is None


def test_shabbat_holds_until_nightfall_on_saturday(hebrew_settlement):
    # Friday 27 November 2026, 19:00: after candle-lighting (16:16 at these coordinates).
    quiet = services.quiet_hours_at(hebrew_settlement, local(ISRAEL, 2026, 11, 27, 19, 0))
    assert quiet is not None
    assert quiet.reason == Message.Hold.SHABBAT
    ends = quiet.until.astimezone(ISRAEL)
    assert ends.date() == dt.date(2026, 11, 28)
    assert dt.time(17, 0) < ends.time() < dt.time(17, 30)  # nightfall, about 17:13


def test_friday_afternoon_before_candle_lighting_is_open(hebrew_settlement):
    assert services.quiet_hours_at(hebrew_settlement, local(ISRAEL, 2026, 11, 27, 15, 0)) is None


def test_night_before_shabbat_runs_into_shabbat(hebrew_settlement):
    # Friday 03:00 is night; 08:00 Friday is free again (Shabbat starts in the evening).
    quiet = services.quiet_hours_at(hebrew_settlement, local(ISRAEL, 2026, 11, 27, 3, 0))
    assert quiet is not None and quiet.until == local(ISRAEL, 2026, 11, 27, 8, 0)


def test_rosh_hashanah_next_to_shabbat_holds_all_three_days(hebrew_settlement):
    # 2026: Rosh Hashanah on Saturday 12 and Sunday 13 September, Shabbat before it.
    quiet = services.quiet_hours_at(hebrew_settlement, local(ISRAEL, 2026, 9, 12, 12, 0))
    assert quiet is not None
    assert quiet.until.astimezone(ISRAEL).date() == dt.date(2026, 9, 13)
    assert quiet.until.astimezone(ISRAEL).hour == 19


def test_yom_kippur_is_quiet(hebrew_settlement):
    quiet = services.quiet_hours_at(hebrew_settlement, local(ISRAEL, 2026, 9, 21, 12, 0))
    assert quiet is not None and quiet.reason == Message.Hold.SHABBAT


def test_a_weekday_holiday_that_is_not_a_rest_day_is_open(hebrew_settlement):
    # Hanukkah, 7 December 2026: no rest day, messages go out.
    assert services.quiet_hours_at(hebrew_settlement, local(ISRAEL, 2026, 12, 7, 12, 0)) is None


# Queueing


def test_queue_respects_consent_and_addresses(settlement):
    willing = factories.ResidentFactory.create(settlement=settlement)
    unwilling = factories.ResidentFactory.create(settlement=settlement, consent_to_contact=False)
    no_address = factories.ResidentFactory.create(settlement=settlement, email="")
    with scope(settlement=settlement.pk):
        created = services.messages_queue(
            settlement=settlement,
            drafts=[draft(r, key=str(r.pk)) for r in (willing, unwilling, no_address)],
        )
    assert [m.resident_id for m in created] == [willing.pk]
    assert created[0].language == willing.preferred_language


def test_someone_outside_the_registry_gets_the_messages_of_their_sign_up(settlement):
    with scope(settlement=settlement.pk):
        created = services.messages_queue(
            settlement=settlement,
            drafts=[
                draft(None, key="guest", address="guest@example.org", name="A Guest"),
                draft(None, key="nobody"),  # no address: nothing to send to
            ],
        )
        assert [(m.resident_id, m.to_address, m.to_name) for m in created] == [
            (None, "guest@example.org", "A Guest")
        ]
        assert created[0].language == settlement.language
        services.messages_send_due(settlement=settlement)
    assert [m.to for m in mail.outbox] == [["guest@example.org"]]


def test_an_address_given_for_a_sign_up_is_used_even_without_general_consent(settlement):
    """A resident who writes their address into a sign-up form asks for its messages."""
    resident = factories.ResidentFactory.create(settlement=settlement, consent_to_contact=False)
    with scope(settlement=settlement.pk):
        created = services.messages_queue(
            settlement=settlement,
            drafts=[draft(resident, address="given@example.org")],
        )
    assert [(m.resident_id, m.to_address) for m in created] == [(resident.pk, "given@example.org")]
    assert created[0].to_name == f"{resident.first_name} {resident.last_name}"


def test_queue_twice_with_the_same_key_queues_once(settlement):
    resident = factories.ResidentFactory.create(settlement=settlement)
    with scope(settlement=settlement.pk):
        services.messages_queue(settlement=settlement, drafts=[draft(resident)])
        again = services.messages_queue(settlement=settlement, drafts=[draft(resident)])
        assert again == []
        assert Message.objects.count() == 1


# Sending


def test_send_due_sends_each_once_and_records_it(settlement):
    residents = factories.ResidentFactory.create_batch(5, settlement=settlement)
    with scope(settlement=settlement.pk):
        services.messages_queue(
            settlement=settlement, drafts=[draft(r, key=str(r.pk)) for r in residents]
        )
        report = services.messages_send_due(settlement=settlement, batch_size=2)
        assert (report.sent, report.batches) == (5, 3)
        assert services.messages_send_due(settlement=settlement).sent == 0
        assert set(Message.objects.values_list("state", flat=True)) == {Message.State.SENT}
        assert Message.objects.filter(sent_at=clock.now()).count() == 5
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.email for r in residents)


def test_queries_grow_with_batches_not_messages(settlement):
    residents = factories.ResidentFactory.create_batch(40, settlement=settlement)
    with scope(settlement=settlement.pk):
        services.messages_queue(
            settlement=settlement, drafts=[draft(r, key=str(r.pk)) for r in residents]
        )
        with CaptureQueriesContext(connection) as queries:
            report = services.messages_send_due(settlement=settlement, batch_size=20)
    assert report.sent == 40
    # Daytime, so no hold query; per batch: pick, claim, read, outcome; one empty pick.
    assert len(queries) == 2 * 4 + 1


def test_messages_at_night_are_held_and_go_in_the_morning(slovenian_settlement):
    resident = factories.ResidentFactory.create(settlement=slovenian_settlement)
    clock.set_now(local(LJUBLJANA, 2026, 11, 24, 3, 0))
    with scope(settlement=slovenian_settlement.pk):
        services.messages_queue(settlement=slovenian_settlement, drafts=[draft(resident)])
        report = services.messages_send_due(settlement=slovenian_settlement)
        assert (report.held, report.sent) == (1, 0)
        held = Message.objects.get()
        assert held.held == Message.Hold.NIGHT
        assert held.not_before == local(LJUBLJANA, 2026, 11, 24, 8, 0)
        clock.set_now(local(LJUBLJANA, 2026, 11, 24, 7, 59))
        assert services.messages_send_due(settlement=slovenian_settlement).sent == 0
        clock.set_now(local(LJUBLJANA, 2026, 11, 24, 8, 0))
        assert services.messages_send_due(settlement=slovenian_settlement).sent == 1
    assert len(mail.outbox) == 1


def test_urgent_messages_ignore_quiet_hours(slovenian_settlement):
    resident = factories.ResidentFactory.create(settlement=slovenian_settlement)
    clock.set_now(local(LJUBLJANA, 2026, 11, 24, 3, 0))
    with scope(settlement=slovenian_settlement.pk):
        services.messages_queue(
            settlement=slovenian_settlement, drafts=[draft(resident)], urgent=True
        )
        assert services.messages_send_due(settlement=slovenian_settlement).sent == 1


def test_a_failed_address_fails_alone(settlement, monkeypatch):
    good, bad = factories.ResidentFactory.create_batch(2, settlement=settlement)
    original = services._email

    def email(row, link):
        if row.resident_id == bad.pk:
            raise ValueError("mailbox unavailable")
        return original(row, link)

    monkeypatch.setattr(services, "_email", email)
    with scope(settlement=settlement.pk):
        services.messages_queue(
            settlement=settlement, drafts=[draft(good, key="a"), draft(bad, key="b")]
        )
        report = services.messages_send_due(settlement=settlement)
        assert (report.sent, report.failed) == (1, 1)
        failed = Message.objects.get(resident=bad)
    assert failed.state == Message.State.FAILED
    assert "mailbox unavailable" in failed.error


def test_personal_links_are_made_at_sending_and_not_stored(settlement):
    resident = factories.ResidentFactory.create(settlement=settlement)
    services.register_link("test.link", lambda refs: {ref: f"https://x.test/{ref}" for ref in refs})
    with scope(settlement=settlement.pk):
        services.messages_queue(
            settlement=settlement,
            drafts=[
                draft(resident, body=f"Open {LINK_PLACEHOLDER}", link_kind="test.link", link_ref=7)
            ],
        )
        services.messages_send_due(settlement=settlement)
        stored = Message.objects.get()
    assert "https://x.test/7" in mail.outbox[0].body
    assert "x.test" not in stored.body


def test_a_message_no_longer_wanted_is_cancelled(settlement):
    resident = factories.ResidentFactory.create(settlement=settlement)
    services.register_link("test.gone", lambda refs: dict.fromkeys(refs))
    with scope(settlement=settlement.pk):
        services.messages_queue(
            settlement=settlement,
            drafts=[draft(resident, link_kind="test.gone", link_ref=1)],
        )
        report = services.messages_send_due(settlement=settlement)
        assert report.cancelled == 1
        assert Message.objects.get().state == Message.State.CANCELLED
    assert mail.outbox == []


def test_rows_left_sending_by_a_dead_sender_are_reported_not_resent(settlement, settings):
    settings.MESSAGING_CLAIM_SECONDS = 600
    message = factories.MessageFactory(
        settlement=settlement,
        state=Message.State.SENDING,
        claimed_at=factories.FIXED_NOW - dt.timedelta(minutes=11),
    )
    fresh = factories.MessageFactory(
        settlement=settlement,
        state=Message.State.SENDING,
        claimed_at=factories.FIXED_NOW - dt.timedelta(minutes=1),
    )
    with scope(settlement=settlement.pk):
        assert services.messages_sweep_interrupted(settlement=settlement) == 1
        assert services.messages_send_due(settlement=settlement).sent == 0
        message.refresh_from_db()
        fresh.refresh_from_db()
    assert message.state == Message.State.INTERRUPTED
    assert fresh.state == Message.State.SENDING
    assert mail.outbox == []


def test_the_coordinator_resolves_an_interrupted_message(settlement):
    message = factories.MessageFactory(settlement=settlement, state=Message.State.INTERRUPTED)
    with scope(settlement=settlement.pk):
        assert services.message_resolve(message=message, outcome="resend")
        assert not services.message_resolve(message=message, outcome="resend")
        assert services.messages_send_due(settlement=settlement).sent == 1
    with pytest.raises(ValueError):
        services.message_resolve(message=message, outcome="forget")


def test_claimed_rows_are_not_claimed_again(settlement):
    """Two senders: the second finds the first's batch claimed and sends nothing of it."""
    resident = factories.ResidentFactory.create(settlement=settlement)
    with scope(settlement=settlement.pk):
        services.messages_queue(settlement=settlement, drafts=[draft(resident)])
        Message.objects.update(state=Message.State.SENDING, claimed_at=clock.now())
        assert services.messages_send_due(settlement=settlement).sent == 0
    assert mail.outbox == []


def test_a_mail_server_that_is_down_leaves_the_messages_queued(settlement, monkeypatch):
    resident = factories.ResidentFactory.create(settlement=settlement)

    class Down:
        def open(self):
            raise ConnectionRefusedError("no SMTP server")

    monkeypatch.setattr(services, "get_connection", lambda **kwargs: Down())
    with scope(settlement=settlement.pk):
        services.messages_queue(settlement=settlement, drafts=[draft(resident)])
        with pytest.raises(ConnectionRefusedError):
            services.messages_send_due(settlement=settlement)
        message = Message.objects.get()
    assert message.state == Message.State.QUEUED and message.claim is None


def test_a_failure_before_sending_gives_the_batch_back(settlement, monkeypatch):
    resident = factories.ResidentFactory.create(settlement=settlement)

    def broken(refs):
        raise RuntimeError("database went away")

    services.register_link("test.broken", broken)
    with scope(settlement=settlement.pk):
        services.messages_queue(
            settlement=settlement, drafts=[draft(resident, link_kind="test.broken", link_ref=1)]
        )
        with pytest.raises(RuntimeError):
            services.messages_send_due(settlement=settlement)
        assert Message.objects.get().state == Message.State.QUEUED
    assert mail.outbox == []


def test_explanations_are_in_the_readers_language(settlement):
    from django.utils import translation

    message = factories.MessageFactory(settlement=settlement, state=Message.State.INTERRUPTED)
    with translation.override("he"):
        assert any("\u0590" <= char <= "\u05ff" for char in message.explanation)
    failed = factories.MessageFactory(settlement=settlement, state="failed", error="550 no")
    assert failed.explanation == "550 no"
