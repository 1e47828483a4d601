"""Audience, invitations, reminders and closing (services and the beat tasks)."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django_scopes import scope

from coordinator import clock
from coordinator.models import OutboxMessage
from coordinator.services.outbox import outbox_run_message
from messaging import services as messaging
from messaging.models import Message
from surveys import tasks, tokens
from surveys.models import Invitation, Survey
from surveys.services import dispatch
from tests import factories

ISRAEL = ZoneInfo("Asia/Jerusalem")


def survey_with_question(settlement, **kwargs):
    survey = factories.SurveyFactory(settlement=settlement, **kwargs)
    factories.QuestionFactory(section__survey=survey, section__settlement=settlement)
    return survey


def send_and_invite(survey, settlement, by=None):
    with scope(settlement=settlement.pk):
        dispatch.survey_send(survey=survey, settlement=settlement, by=by)
        job = OutboxMessage.objects.get(job="surveys.invite")
        assert outbox_run_message(message_id=job.pk) == "done"
        survey.refresh_from_db()
    return survey


# The audience


def test_audience_by_age_group(settlement):
    senior = factories.ResidentFactory.create(settlement=settlement, birth_date=dt.date(1950, 1, 1))
    factories.ResidentFactory.create(settlement=settlement, birth_date=dt.date(1990, 1, 1))
    factories.ResidentFactory.create(settlement=settlement, birth_date=None)
    survey = factories.SurveyFactory(
        settlement=settlement, audience=Survey.Audience.AGE_GROUP, audience_age_groups=["seniors"]
    )
    with scope(settlement=settlement.pk):
        residents = list(dispatch.audience_residents(survey=survey, settlement=settlement))
    assert residents == [senior]


def test_audience_by_neighbourhood_includes_the_households(settlement):
    hill = factories.NeighbourhoodFactory(settlement=settlement, name="Hill")
    direct = factories.ResidentFactory.create(settlement=settlement, neighbourhood=hill)
    household = factories.HouseholdFactory(settlement=settlement, neighbourhood=hill)
    via_home = factories.ResidentFactory.create(settlement=settlement, household=household)
    factories.ResidentFactory.create(settlement=settlement)
    survey = factories.SurveyFactory(settlement=settlement, audience=Survey.Audience.NEIGHBOURHOOD)
    survey.audience_neighbourhoods.add(hill)
    with scope(settlement=settlement.pk):
        found = set(dispatch.audience_residents(survey=survey, settlement=settlement))
    assert found == {direct, via_home}


def test_audience_by_tag_committee_and_hand_picked(settlement):
    tag = factories.TagFactory(settlement=settlement, name="new family")
    tagged = factories.ResidentFactory.create(settlement=settlement)
    tagged.tags.add(tag)
    committee = factories.CommitteeFactory(settlement=settlement)
    member = factories.CommitteeMemberFactory(committee=committee).resident
    factories.CommitteeMemberFactory(committee=committee, term_end=dt.date(2025, 1, 1))
    picked = factories.ResidentFactory.create(settlement=settlement)
    archived = factories.ResidentFactory.create(settlement=settlement, archived_at=clock.now())
    survey = factories.SurveyFactory(settlement=settlement)
    survey.audience_tags.add(tag)
    survey.audience_committees.add(committee)
    survey.audience_residents.add(picked, archived)
    expected = {
        Survey.Audience.TAG: {tagged},
        Survey.Audience.COMMITTEE: {member},
        Survey.Audience.PICKED: {picked},
    }
    with scope(settlement=settlement.pk):
        for kind, residents in expected.items():
            survey.audience = kind
            assert (
                set(dispatch.audience_residents(survey=survey, settlement=settlement)) == residents
            )


def test_audience_counts_in_one_query(settlement, django_assert_num_queries):
    factories.ResidentFactory.create_batch(3, settlement=settlement)
    factories.ResidentFactory.create_batch(2, settlement=settlement, email="")
    factories.ResidentFactory.create(settlement=settlement, consent_to_contact=False)
    factories.ResidentFactory.create(settlement=factories.SettlementFactory())
    survey = factories.SurveyFactory(settlement=settlement)
    with scope(settlement=settlement.pk), django_assert_num_queries(1):
        counts = dispatch.audience_counts(survey=survey, settlement=settlement)
    assert counts == dispatch.AudienceCounts(total=6, by_email=3, on_paper=2, no_consent=1)
    assert counts.invited == 5


# Sending and inviting


def test_send_refuses_a_survey_without_questions(settlement):
    survey = factories.SurveyFactory(settlement=settlement)
    with scope(settlement=settlement.pk), pytest.raises(dispatch.SendError):
        dispatch.survey_send(survey=survey, settlement=settlement, by=None)
    survey.refresh_from_db()
    assert survey.state == Survey.State.DRAFT


def test_invite_creates_one_invitation_each_and_is_idempotent(settlement):
    by_email = factories.ResidentFactory.create_batch(3, settlement=settlement)
    on_paper = factories.ResidentFactory.create(settlement=settlement, email="")
    factories.ResidentFactory.create(settlement=settlement, consent_to_contact=False)
    survey = send_and_invite(survey_with_question(settlement), settlement)
    assert survey.state == Survey.State.RUNNING and survey.share_token
    with scope(settlement=settlement.pk):
        assert dispatch.survey_invite(survey=survey, settlement=settlement) == 0  # again
        invitations = list(Invitation.objects.select_related("message"))
        assert len(invitations) == 4 and survey.invitation_count == 4
        assert {i.resident_id for i in invitations} == {r.pk for r in [*by_email, on_paper]}
        paper = next(i for i in invitations if i.resident_id == on_paper.pk)
        assert paper.channel == Invitation.Channel.PRINT and paper.message is None
        emailed = [i for i in invitations if i.channel == Invitation.Channel.EMAIL]
        assert all(i.message and i.message.state == Message.State.QUEUED for i in emailed)
        assert Message.objects.count() == 3
        messaging.messages_send_due(settlement=settlement)
    assert len(mail.outbox) == 3
    # Each e-mail carries its own link, which opens that invitation (and is stored nowhere).
    for sent in mail.outbox:
        link = next(line for line in sent.body.splitlines() if "/a/" in line)
        token = link.rsplit("/a/", 1)[1].strip("/")
        with scope(settlement=settlement.pk):
            invitation = Invitation.objects.get(token_hash=tokens.token_hash(token))
            assert invitation.resident.email == sent.to[0]
            assert not Message.objects.filter(body__contains=token).exists()


def test_each_resident_gets_the_survey_in_their_language(settlement):
    hebrew = factories.ResidentFactory.create(settlement=settlement, preferred_language="he")
    slovenian = factories.ResidentFactory.create(settlement=settlement, preferred_language="sl")
    survey = survey_with_question(
        settlement, languages=["en", "he"], title={"en": "Needs", "he": "צרכים"}
    )
    send_and_invite(survey, settlement)
    with scope(settlement=settlement.pk):
        assert Invitation.objects.get(resident=hebrew).language == "he"
        assert Invitation.objects.get(resident=slovenian).language == "en"  # settlement's
        assert Message.objects.get(resident=hebrew).subject == "צרכים"


# Reminders


def test_reminders_go_to_non_respondents_once_per_round(settlement):
    answered, waiting = factories.ResidentFactory.create_batch(2, settlement=settlement)
    survey = send_and_invite(survey_with_question(settlement, reminder_days=[3, 7]), settlement)
    with scope(settlement=settlement.pk):
        Invitation.objects.filter(resident=answered).update(answered=True)
    assert tasks.surveys_remind_due() == 0  # not yet
    clock.set_now(factories.FIXED_NOW + dt.timedelta(days=3, minutes=1))
    assert tasks.surveys_remind_due() == 1
    assert tasks.surveys_remind_due() == 0  # the same round, once
    clock.set_now(factories.FIXED_NOW + dt.timedelta(days=8))
    assert tasks.surveys_remind_due() == 1
    with scope(settlement=settlement.pk):
        reminders = Message.objects.filter(kind="surveys.reminder")
        assert [m.resident_id for m in reminders] == [waiting.pk, waiting.pk]
        survey.refresh_from_db()
        assert survey.reminders_done == 2


def test_a_reminder_for_someone_who_answered_meanwhile_is_cancelled(settlement):
    resident = factories.ResidentFactory.create(settlement=settlement)
    survey = send_and_invite(survey_with_question(settlement, reminder_days=[1]), settlement)
    with scope(settlement=settlement.pk):
        messaging.messages_send_due(settlement=settlement)
    clock.set_now(factories.FIXED_NOW + dt.timedelta(days=1, minutes=1))
    tasks.surveys_remind_due()
    with scope(settlement=settlement.pk):
        Invitation.objects.filter(resident=resident).update(answered=True)
        report = messaging.messages_send_due(settlement=settlement)
    assert (report.sent, report.cancelled) == (0, 1)
    assert len(mail.outbox) == 1  # the invitation only
    assert survey.pk


def test_a_reminder_due_on_friday_evening_goes_after_shabbat(db):
    """Hebrew-speaking settlement: a reminder due Friday 19:00 goes out on Saturday night,
    after nightfall; one due at 03:00 waits for the morning."""
    settlement = factories.SettlementFactory(
        language="he",
        time_zone="Asia/Jerusalem",
        latitude=Decimal("32.700000"),
        longitude=Decimal("35.300000"),
    )
    resident = factories.ResidentFactory.create(settlement=settlement, preferred_language="he")
    clock.set_now(dt.datetime(2026, 11, 24, 19, 0, tzinfo=ISRAEL))  # Tuesday
    survey = send_and_invite(
        survey_with_question(settlement, languages=["he"], title={"he": "סקר"}, reminder_days=[3]),
        settlement,
    )
    with scope(settlement=settlement.pk):
        messaging.messages_send_due(settlement=settlement)
    assert len(mail.outbox) == 1
    clock.set_now(dt.datetime(2026, 11, 27, 19, 5, tzinfo=ISRAEL))  # Friday, Shabbat began
    assert tasks.surveys_remind_due() == 1
    for hour, minute in [(19, 6), (23, 0)]:
        clock.set_now(dt.datetime(2026, 11, 27, hour, minute, tzinfo=ISRAEL))
        with scope(settlement=settlement.pk):
            messaging.messages_send_due(settlement=settlement)
    clock.set_now(dt.datetime(2026, 11, 28, 17, 0, tzinfo=ISRAEL))  # before nightfall
    with scope(settlement=settlement.pk):
        assert messaging.messages_send_due(settlement=settlement).sent == 0
        reminder = Message.objects.get(kind="surveys.reminder")
    assert reminder.held == Message.Hold.SHABBAT
    assert len(mail.outbox) == 1
    clock.set_now(dt.datetime(2026, 11, 28, 17, 20, tzinfo=ISRAEL))  # after nightfall
    with scope(settlement=settlement.pk):
        assert messaging.messages_send_due(settlement=settlement).sent == 1
        reminder.refresh_from_db()
    assert reminder.state == Message.State.SENT
    assert reminder.sent_at.astimezone(ISRAEL).date() == dt.date(2026, 11, 28)
    assert mail.outbox[-1].to == [resident.email]
    assert survey.pk


def test_a_reminder_due_at_three_in_the_morning_waits_for_eight(db):
    settlement = factories.SettlementFactory(language="sl", time_zone="Europe/Ljubljana")
    factories.ResidentFactory.create(settlement=settlement)
    tz = ZoneInfo("Europe/Ljubljana")
    clock.set_now(dt.datetime(2026, 11, 20, 3, 0, tzinfo=tz))
    send_and_invite(survey_with_question(settlement, reminder_days=[3]), settlement)
    with scope(settlement=settlement.pk):
        assert messaging.messages_send_due(settlement=settlement).sent == 0  # night
    clock.set_now(dt.datetime(2026, 11, 20, 8, 0, tzinfo=tz))
    with scope(settlement=settlement.pk):
        assert messaging.messages_send_due(settlement=settlement).sent == 1
    clock.set_now(dt.datetime(2026, 11, 23, 3, 0, tzinfo=tz))
    assert tasks.surveys_remind_due() == 1
    with scope(settlement=settlement.pk):
        assert messaging.messages_send_due(settlement=settlement).sent == 0
        held = Message.objects.get(kind="surveys.reminder")
        assert held.not_before == dt.datetime(2026, 11, 23, 8, 0, tzinfo=tz)
    clock.set_now(dt.datetime(2026, 11, 23, 8, 1, tzinfo=tz))
    with scope(settlement=settlement.pk):
        assert messaging.messages_send_due(settlement=settlement).sent == 1


# Closing


def test_close_erases_link_secrets_and_cancels_queued_messages(settlement):
    factories.ResidentFactory.create_batch(2, settlement=settlement)
    survey = send_and_invite(survey_with_question(settlement), settlement)
    with scope(settlement=settlement.pk):
        assert dispatch.survey_close(survey=survey, settlement=settlement)
        assert not dispatch.survey_close(survey=survey, settlement=settlement)
        assert not Invitation.objects.filter(token_hash__isnull=False).exists()
        assert not Invitation.objects.filter(nonce__isnull=False).exists()
        assert set(Message.objects.values_list("state", flat=True)) == {Message.State.CANCELLED}
        survey.refresh_from_db()
    assert survey.state == Survey.State.CLOSED and survey.share_token is None


def test_surveys_close_themselves_after_the_closing_day(settlement):
    settlement.time_zone = "Europe/Ljubljana"
    settlement.save()
    factories.ResidentFactory.create(settlement=settlement)
    survey = send_and_invite(
        survey_with_question(settlement, closes_on=dt.date(2026, 11, 30)), settlement
    )
    clock.set_now(dt.datetime(2026, 11, 30, 22, 59, tzinfo=dt.UTC))  # 23:59 in Ljubljana
    assert tasks.surveys_close_due() == 0
    clock.set_now(dt.datetime(2026, 11, 30, 23, 0, tzinfo=dt.UTC))  # midnight there
    assert tasks.surveys_close_due() == 1
    with scope(settlement=settlement.pk):
        survey.refresh_from_db()
    assert survey.state == Survey.State.CLOSED
