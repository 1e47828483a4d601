"""Reminders of learning activities: a week (or less) before the due date, once per due
date, to the owner in their settlement's language."""

import datetime as dt

import pytest

from competencies.models import ActivityReminder
from competencies.services_reminders import learning_reminders_queue, owner_languages
from competencies.tasks import learning_reminders
from coordinator.models import OutboxMessage, Role
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 23)  # the frozen clock's date


def emails() -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(job="coordinator.email").order_by("pk"))


@pytest.fixture
def activity(coordinator):
    goal = factories.DevelopmentGoalFactory(owner=coordinator, goal="Lead a mediation")
    return factories.LearningActivityFactory(
        goal=goal, title="Mediation course", due_on=TODAY + dt.timedelta(days=7)
    )


def test_due_in_eight_days_nothing(activity):
    activity.due_on = TODAY + dt.timedelta(days=8)
    activity.save()
    assert learning_reminders_queue(today=TODAY) == 0
    assert emails() == [] and not ActivityReminder.objects.exists()


def test_due_in_seven_days_one_then_nothing(activity, coordinator):
    assert learning_reminders_queue(today=TODAY) == 1
    [email] = emails()
    assert email.kwargs["to"] == [coordinator.email]
    assert "Mediation course" in email.kwargs["subject"]
    body = email.kwargs["body"]
    assert "due in 7 days" in body and "Lead a mediation" in body
    assert f"/competencies/plan/#goal-{activity.goal_id}" in body
    assert ActivityReminder.objects.get().due_on == activity.due_on
    assert learning_reminders_queue(today=TODAY) == 0
    assert learning_reminders_queue(today=TODAY + dt.timedelta(days=3)) == 0
    assert len(emails()) == 1


def test_due_today_is_reminded(activity):
    activity.due_on = TODAY
    activity.save()
    assert learning_reminders_queue(today=TODAY) == 1
    assert "due today" in emails()[0].kwargs["body"]


def test_a_new_due_date_is_reminded_again(activity):
    assert learning_reminders_queue(today=TODAY) == 1
    activity.due_on = TODAY + dt.timedelta(days=5)
    activity.save()
    assert learning_reminders_queue(today=TODAY) == 1
    assert learning_reminders_queue(today=TODAY) == 0
    assert len(emails()) == 2
    assert ActivityReminder.objects.count() == 2


@pytest.mark.parametrize("status", ["done", "dropped"])
def test_done_or_dropped_nothing(activity, status):
    activity.status = status
    activity.save()
    assert learning_reminders_queue(today=TODAY) == 0
    assert emails() == []


def test_in_progress_is_reminded(activity):
    activity.status = "in_progress"
    activity.save()
    assert learning_reminders_queue(today=TODAY) == 1


def test_past_due_nothing(activity):
    activity.due_on = TODAY - dt.timedelta(days=1)
    activity.save()
    assert learning_reminders_queue(today=TODAY) == 0
    assert emails() == []


def test_without_a_date_nothing(activity):
    activity.due_on = None
    activity.save()
    assert learning_reminders_queue(today=TODAY) == 0


def test_no_email_address_nothing_and_no_claim(activity, coordinator):
    coordinator.email = ""
    coordinator.save()
    assert learning_reminders_queue(today=TODAY) == 0
    assert emails() == [] and not ActivityReminder.objects.exists()
    coordinator.email = "back@example.org"  # an address added later: reminded then
    coordinator.save()
    assert learning_reminders_queue(today=TODAY) == 1


def test_hebrew_owner_gets_hebrew_text(db):
    settlement = factories.SettlementFactory(language="he")
    owner = factories.member(settlement, Role.COORDINATOR, first_name="Dana")
    goal = factories.DevelopmentGoalFactory(owner=owner)
    factories.LearningActivityFactory(goal=goal, due_on=TODAY + dt.timedelta(days=2))
    assert learning_reminders_queue(today=TODAY) == 1
    body = emails()[0].kwargs["body"]
    assert "שלום" in body  # "Hello", in Hebrew
    assert factories.competency("2.2").text["he"] in body
    assert factories.competency("2.2").text["en"] not in body


def test_the_language_is_that_of_the_first_coordinator_membership(db):
    hebrew = factories.SettlementFactory(language="he")
    slovene = factories.SettlementFactory(language="sl")
    first = factories.member(slovene, Role.COORDINATOR)
    factories.MembershipFactory(user=first, role=Role.COORDINATOR, settlement=hebrew)
    chair_only = factories.member(hebrew, Role.CHAIR)
    lone = factories.UserFactory()
    assert owner_languages({first.pk, chair_only.pk, lone.pk}) == {first.pk: "sl"}


def test_without_a_membership_english(db):
    goal = factories.DevelopmentGoalFactory()  # an owner without a settlement
    factories.LearningActivityFactory(goal=goal, due_on=TODAY + dt.timedelta(days=1))
    assert learning_reminders_queue(today=TODAY) == 1
    assert "due tomorrow" in emails()[0].kwargs["body"]


def test_the_task_uses_the_clocks_date(activity, fixed_clock):
    fixed_clock.set_now(dt.datetime(2026, 11, 15, 10, 0, tzinfo=dt.UTC))  # 15 days before
    assert learning_reminders() == 0
    fixed_clock.set_now(dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC))
    assert learning_reminders() == 1
    assert learning_reminders() == 0
    assert len(emails()) == 1


def test_a_claim_taken_meanwhile_is_not_sent_again(activity):
    """Two rounds at once: the second one's insert fails in its savepoint, quietly."""
    from competencies.services_reminders import _claim

    assert _claim(activity, activity.due_on) is True
    assert _claim(activity, activity.due_on) is False
    assert ActivityReminder.objects.count() == 1
