"""Emergency mode's services and the check-in job: declaring (once), the check-in sent to
every resident who can receive messages (once, however often the job runs), answers,
follow-ups and the end, which cancels what was not sent yet."""

from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django_scopes import scope

from coordinator.models import OutboxMessage, Role
from messaging.models import LINK_PLACEHOLDER, Message
from tests import factories
from welfare import jobs
from welfare import services_emergency as services
from welfare.links import hash_of, url_of
from welfare.models import CheckIn, Emergency, EmergencyLog
from welfare.rules import VULNERABLE
from welfare.selectors_emergency import board_counts

pytestmark = pytest.mark.django_db


def declare(settlement, user, **extra):
    with scope(settlement=settlement.pk):
        return services.emergency_declare(
            settlement=settlement,
            user=user,
            kind=extra.get("kind", "fire"),
            title=extra.get("title", "Fire on the hill"),
            instructions=extra.get("instructions", "Gather at the school."),
        )


def send(settlement, emergency):
    with scope(settlement=settlement.pk):
        return jobs.check_ins_send(emergency_id=emergency.pk)


def test_declaring_logs_and_queues_the_job_after_commit(
    settlement, coordinator, django_capture_on_commit_callbacks
):
    with (
        mock.patch("coordinator.services.outbox.outbox_publish") as publish,
        django_capture_on_commit_callbacks(execute=True),
    ):
        emergency = declare(settlement, coordinator)
        publish.assert_not_called()
    with scope(settlement=settlement.pk):
        (job,) = OutboxMessage.objects.filter(job="welfare.check_ins_send")
        events = list(EmergencyLog.objects.values_list("event", "user"))
    assert job.kwargs == {"emergency_id": emergency.pk}
    assert job.settlement_id == settlement.pk
    publish.assert_called_once_with(message_id=job.pk)
    assert events == [("declared", coordinator.pk)]
    assert emergency.ended_at is None and emergency.declared_by == coordinator


def test_declaring_twice_fails(settlement, coordinator):
    declare(settlement, coordinator)
    with pytest.raises(ValidationError, match="already declared"):
        declare(settlement, coordinator, title="Again")
    with scope(settlement=settlement.pk):
        assert Emergency.objects.count() == 1


def test_a_race_is_decided_by_the_constraint(settlement, coordinator):
    declare(settlement, coordinator)
    # The other request's check found nothing open: the constraint refuses the row.
    with (
        mock.patch.object(services.Emergency.objects, "filter") as looked,
        pytest.raises(ValidationError, match="already declared"),
    ):
        looked.return_value.exists.return_value = False
        declare(settlement, coordinator, title="At the same moment")
    with scope(settlement=settlement.pk):
        assert Emergency.objects.count() == 1
        assert not Emergency.objects.filter(title="At the same moment").exists()


def test_the_constraint_holds_without_the_service(settlement, coordinator):
    factories.EmergencyFactory(settlement=settlement)
    with pytest.raises(IntegrityError):
        factories.EmergencyFactory(settlement=settlement)


def test_the_job_sends_once_to_everyone_who_can_receive(settlement, coordinator, other_settlement):
    hebrew = factories.ResidentFactory(settlement=settlement, preferred_language="he")
    english = factories.ResidentFactory(settlement=settlement)
    factories.ResidentFactory(settlement=settlement, consent_to_contact=False)
    factories.ResidentFactory(settlement=settlement, email="")
    factories.ResidentFactory(settlement=settlement, archived_at=factories.FIXED_NOW)
    factories.ResidentFactory(settlement=other_settlement)
    emergency = declare(settlement, coordinator, instructions="Gather at the school.")
    assert send(settlement, emergency) == 2
    assert send(settlement, emergency) == 0  # again: nothing new
    with scope(settlement=settlement.pk):
        rows = {c.resident_id: c for c in CheckIn.objects.filter(emergency=emergency)}
        sent = {m.resident_id: m for m in Message.objects.filter(kind="welfare-check-in")}
        queued = EmergencyLog.objects.filter(event="queued")
        assert [entry.detail for entry in queued] == ["2 check-in messages queued."]
    assert set(rows) == set(sent) == {hebrew.pk, english.pk}
    assert len({row.nonce for row in rows.values()}) == 2
    assert all(row.token_hash and row.nonce for row in rows.values())
    message = sent[english.pk]
    assert message.urgent is True
    assert message.dedupe_key == f"check-in:{emergency.pk}:{english.pk}"
    assert message.link_kind == "welfare-check-in" and message.link_ref == rows[english.pk].pk
    assert "Are you and your household safe? Do you need help?" in message.body
    assert "Gather at the school." in message.body and LINK_PLACEHOLDER in message.body
    assert sent[hebrew.pk].language == "he"


def test_the_link_in_the_message_opens_that_residents_check_in(settlement, coordinator):
    factories.ResidentFactory(settlement=settlement)
    emergency = declare(settlement, coordinator)
    send(settlement, emergency)
    with scope(settlement=settlement.pk):
        row = CheckIn.objects.get()
    url = url_of("welfare-check-in", settlement.slug, row.nonce)
    token = url.rstrip("/").rsplit("/", 1)[-1]
    assert hash_of(token) == row.token_hash


def test_the_job_works_in_chunks(settlement, coordinator, monkeypatch):
    monkeypatch.setattr(jobs, "CHUNK", 2)
    factories.ResidentFactory.create_batch(5, settlement=settlement)
    emergency = declare(settlement, coordinator)
    assert send(settlement, emergency) == 5
    with scope(settlement=settlement.pk):
        assert CheckIn.objects.count() == 5
        assert Message.objects.filter(kind="welfare-check-in").count() == 5


def test_an_ended_emergency_sends_nothing(settlement, coordinator):
    factories.ResidentFactory(settlement=settlement)
    emergency = declare(settlement, coordinator)
    with scope(settlement=settlement.pk):
        services.emergency_end(settlement=settlement, emergency=emergency, user=coordinator)
    assert send(settlement, emergency) == 0
    with scope(settlement=settlement.pk):
        assert not CheckIn.objects.exists() and not Message.objects.exists()


def test_ending_cancels_what_was_not_sent_and_closes_the_teams_access(settlement, coordinator):
    team = factories.member(settlement, Role.EMERGENCY, username="team")
    factories.ResidentFactory.create_batch(2, settlement=settlement)
    emergency = declare(settlement, coordinator)
    send(settlement, emergency)
    # Another emergency's check-in (its key starts alike) stays queued.
    other = factories.MessageFactory(
        settlement=settlement, kind="welfare-check-in", dedupe_key=f"check-in:{emergency.pk}0:1"
    )
    with scope(settlement=settlement.pk):
        first = Message.objects.filter(kind="welfare-check-in").exclude(pk=other.pk).first()
        Message.objects.filter(pk=first.pk).update(state=Message.State.SENT)
        assert team.has_perm(VULNERABLE, settlement)
        assert services.emergency_end(settlement=settlement, emergency=emergency, user=coordinator)
        assert not team.has_perm(VULNERABLE, settlement)  # at once, in the same request
        states = sorted(
            Message.objects.filter(kind="welfare-check-in")
            .exclude(pk=other.pk)
            .values_list("state")
        )
        assert states == [("cancelled",), ("sent",)]
        other.refresh_from_db()
        assert other.state == Message.State.QUEUED
        assert EmergencyLog.objects.filter(event="ended", user=coordinator).count() == 1
        # Ending again changes nothing.
        assert not services.emergency_end(
            settlement=settlement, emergency=emergency, user=coordinator
        )
        assert EmergencyLog.objects.filter(event="ended").count() == 1
    emergency.refresh_from_db()
    assert emergency.ended_at == factories.FIXED_NOW and emergency.ended_by == coordinator


def _check_in(settlement, coordinator):
    emergency = factories.EmergencyFactory(settlement=settlement, declared_by=coordinator)
    return factories.CheckInFactory(emergency=emergency)


def test_answering_and_changing_the_answer(settlement, coordinator, fixed_clock):
    row = _check_in(settlement, coordinator)
    with scope(settlement=settlement.pk):
        services.check_in_answer(check_in=row, answer="help", help_note=" Water, please ")
        row.refresh_from_db()
        assert (row.answer, row.help_note) == ("help", "Water, please")
        assert board_counts(emergency=row.emergency)["help"] == 1
        later = factories.FIXED_NOW.replace(hour=11)
        fixed_clock.set_now(later)
        services.check_in_answer(check_in=row, answer="safe", help_note="ignored")
        row.refresh_from_db()
        assert (row.answer, row.help_note, row.answered_at) == ("safe", "", later)
        counts = board_counts(emergency=row.emergency)
        assert EmergencyLog.objects.filter(event="answered").count() == 2
    assert (counts["safe"], counts["help"], counts["silent"], counts["sent"]) == (1, 0, 0, 1)


def test_no_answer_after_the_end(settlement, coordinator):
    row = _check_in(settlement, coordinator)
    with scope(settlement=settlement.pk):
        Emergency.objects.filter(pk=row.emergency_id).update(ended_at=factories.FIXED_NOW)
        with pytest.raises(ValidationError, match="over"):
            services.check_in_answer(check_in=row, answer="safe")
        with pytest.raises(ValidationError, match="over"):
            services.check_in_follow_up(
                check_in=row, user=coordinator, assigned_to="Dana", follow_up=""
            )
        row.refresh_from_db()
    assert row.answer == "" and row.assigned_to == ""


def test_a_nonsense_answer_is_refused(settlement, coordinator):
    row = _check_in(settlement, coordinator)
    with scope(settlement=settlement.pk), pytest.raises(ValidationError):
        services.check_in_answer(check_in=row, answer="maybe")


def test_follow_up_assigns_then_records_how_it_went(settlement, coordinator):
    row = _check_in(settlement, coordinator)
    with scope(settlement=settlement.pk):
        assert services.check_in_follow_up(
            check_in=row, user=coordinator, assigned_to=" Youth: Noa ", follow_up=""
        )
        row.refresh_from_db()
        assert (row.assigned_to, row.follow_up) == ("Youth: Noa", "assigned")
        assert row.assigned_at == factories.FIXED_NOW
        assert not services.check_in_follow_up(
            check_in=row, user=coordinator, assigned_to="Youth: Noa", follow_up="assigned"
        )
        assert services.check_in_follow_up(
            check_in=row,
            user=coordinator,
            assigned_to="Youth: Noa",
            follow_up="reached",
            note="All fine",
        )
        row.refresh_from_db()
        events = list(EmergencyLog.objects.order_by("id").values_list("event", flat=True))
        counts = board_counts(emergency=row.emergency)
    assert (row.follow_up, row.follow_up_note) == ("reached", "All fine")
    assert events == ["assigned", "followed_up"]
    assert (counts["assigned"], counts["reached"]) == (1, 1)
