"""The writes of community support: rosters of tasks, a volunteer taking and giving back a
task, the fund's requests and decisions, and the case's trail of what changed."""

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.db import connection
from django_scopes import scope, scopes_disabled

from coordinator.models import Role
from messaging.models import Message
from tests import factories
from welfare import services_support as services
from welfare.links import PROGRAMME, TASK, hash_of
from welfare.models import CaseAccess
from welfare.models_support import FundRequest, SupportTask

NOW = factories.FIXED_NOW  # 2026-11-23 10:00 UTC


@pytest.fixture
def programme(settlement):
    return factories.SupportProgrammeFactory(settlement=settlement)


def test_a_meal_train_of_five_days(settlement, programme):
    with scope(settlement=settlement.pk):
        tasks = services.tasks_add(
            programme=programme,
            kind="meal",
            what="Dinner for four",
            on=dt.date(2026, 11, 24),
            at=dt.time(18, 0),
            where="Olive Street 3",
            repeat=services.DAILY,
            count=5,
        )
        rows = list(SupportTask.objects.filter(programme=programme).values_list("on", "status"))
    assert len(tasks) == 5
    assert rows == [(dt.date(2026, 11, 24 + n), "open") for n in range(5)]


def test_a_weekly_rides_roster_and_a_single_task(settlement, programme):
    weekly = services.repeat_dates(first=dt.date(2026, 12, 1), repeat=services.WEEKLY, count=3)
    assert weekly == [dt.date(2026, 12, 1), dt.date(2026, 12, 8), dt.date(2026, 12, 15)]
    assert services.repeat_dates(first=dt.date(2026, 12, 1), repeat=services.ONCE, count=9) == [
        dt.date(2026, 12, 1)
    ]
    with pytest.raises(ValueError, match="count"):
        services.repeat_dates(first=dt.date(2026, 12, 1), repeat=services.DAILY, count=61)


def test_a_volunteer_takes_an_open_task_and_gets_a_link(settlement, programme):
    task = factories.SupportTaskFactory(programme=programme, on=dt.date(2026, 11, 30))
    with scope(settlement=settlement.pk):
        taken, token = services.task_take(
            programme=programme, task_id=task.pk, name="Dana", email="dana@example.org"
        )
        assert Message.objects.filter(to_address="dana@example.org").count() == 1
    taken.refresh_from_db()
    assert taken.status == SupportTask.Status.TAKEN
    assert taken.volunteer_name == "Dana"
    assert taken.taken_at == NOW
    assert taken.token_hash == hash_of(token)


def test_taking_a_taken_task_fails_and_changes_nothing(settlement, programme):
    task = factories.SupportTaskFactory(
        programme=programme, status="taken", volunteer_name="First", taken_at=NOW
    )
    with scope(settlement=settlement.pk), pytest.raises(services.TaskTaken):
        services.task_take(programme=programme, task_id=task.pk, name="Second", phone="050")
    task.refresh_from_db()
    assert task.volunteer_name == "First"


def test_a_past_task_or_one_of_another_programme_cannot_be_taken(settlement, programme):
    past = factories.SupportTaskFactory(programme=programme, on=dt.date(2026, 11, 22))
    other = factories.SupportTaskFactory(
        programme=factories.SupportProgrammeFactory(settlement=settlement)
    )
    with scope(settlement=settlement.pk):
        for task in (past, other):
            with pytest.raises(services.TaskTaken):
                services.task_take(programme=programme, task_id=task.pk, name="X", phone="1")


def test_a_volunteer_needs_an_e_mail_or_a_phone(settlement, programme):
    task = factories.SupportTaskFactory(programme=programme)
    with scope(settlement=settlement.pk), pytest.raises(ValueError, match="phone"):
        services.task_take(programme=programme, task_id=task.pk, name="X")


@pytest.mark.django_db(transaction=True)
def test_two_volunteers_at_once_only_one_takes_it():
    """Two requests take the same task in two connections at once: the row lock lets one
    through; the other waits, then finds the task taken."""
    with scopes_disabled():
        settlement = factories.SettlementFactory()
        programme = factories.SupportProgrammeFactory(settlement=settlement)
        task = factories.SupportTaskFactory(programme=programme)
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    results: list[str] = []
    barrier = threading.Barrier(2)

    def take(name: str) -> None:
        try:
            barrier.wait()
            with scope(settlement=settlement.pk):
                services.task_take(programme=programme, task_id=task.pk, name=name, phone="1")
            results.append("ok")
        except services.TaskTaken:
            results.append("taken")
        finally:
            connection.close()

    threads = [threading.Thread(target=take, args=(name,)) for name in ("A", "B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["ok", "taken"]


def test_giving_a_task_back_opens_it_and_kills_the_link(settlement, programme):
    task = factories.SupportTaskFactory(programme=programme)
    with scope(settlement=settlement.pk):
        task, token = services.task_take(
            programme=programme, task_id=task.pk, name="Dana", phone="050"
        )
        services.task_give_back(task=task)
    task.refresh_from_db()
    assert task.status == SupportTask.Status.OPEN
    assert (task.volunteer_name, task.volunteer_phone, task.taken_at) == ("", "", None)
    assert task.token_hash != hash_of(token)


def test_done_sets_when_once(settlement, programme):
    task = factories.SupportTaskFactory(programme=programme, status="taken")
    with scope(settlement=settlement.pk):
        services.task_done(task=task)
        services.task_done(task=task)
    task.refresh_from_db()
    assert (task.status, task.done_at) == ("done", NOW)


def test_changing_a_case_task_is_in_the_case_trail(settlement, coordinator):
    case = factories.WelfareCaseFactory(household__settlement=settlement)
    task = factories.SupportTaskFactory(case=case, programme=None)
    with scope(settlement=settlement.pk):
        services.task_update(task=task, data={"what": "A ride to the clinic"}, by=coordinator)
        services.task_update(task=task, data={"what": "A ride to the clinic"}, by=coordinator)
        entries = list(CaseAccess.objects.filter(case_id=case.pk).values_list("action", "what"))
    assert entries == [(CaseAccess.Action.CHANGED, "support action")]


def test_a_volunteer_given_to_an_open_task_takes_it(settlement, programme, coordinator):
    task = factories.SupportTaskFactory(programme=programme)
    with scope(settlement=settlement.pk):
        services.task_update(task=task, data={"volunteer_name": "Noa"}, by=coordinator)
    task.refresh_from_db()
    assert (task.status, task.taken_at) == ("taken", NOW)


def test_a_programme_link_is_new_each_time(settlement, programme):
    with scope(settlement=settlement.pk):
        first = services.programme_link_make(programme=programme)
        second = services.programme_link_make(programme=programme)
    programme.refresh_from_db()
    assert first != second
    assert programme.token_hash == hash_of(second)
    assert PROGRAMME != TASK


def test_a_fund_request_of_a_case_and_its_decision_are_in_the_trail(settlement):
    social_worker = factories.member(settlement, Role.SOCIAL_WORKER)
    case = factories.WelfareCaseFactory(household__settlement=settlement)
    fund = factories.SupportProgrammeFactory(settlement=settlement, kind="fund")
    with scope(settlement=settlement.pk):
        request = services.fund_request_create(
            programme=fund,
            kind="loan",
            amount=Decimal("800.00"),
            purpose="Heating",
            case=case,
            by=social_worker,
        )
        services.fund_request_decide(
            request=request,
            data={"decision": "approved", "amount_granted": Decimal("600.00"), "decided_on": None},
            by=social_worker,
        )
        whats = list(CaseAccess.objects.filter(case_id=case.pk).values_list("what", flat=True))
    request.refresh_from_db()
    assert request.household_id == case.household_id
    assert request.requested_on == dt.date(2026, 11, 23)
    assert (request.decision, request.amount_granted) == ("approved", Decimal("600.00"))
    assert (request.decided_on, request.decided_by) == (dt.date(2026, 11, 23), social_worker)
    assert whats == ["fund request", "fund request"]


def test_a_declined_request_keeps_no_amount_given(settlement, coordinator):
    request = factories.FundRequestFactory(
        programme__settlement=settlement, decision="approved", amount_granted=Decimal(5)
    )
    with scope(settlement=settlement.pk):
        services.fund_request_decide(
            request=request,
            data={"decision": "declined", "amount_granted": Decimal(5), "decided_on": None},
            by=coordinator,
        )
    request.refresh_from_db()
    assert request.decision == FundRequest.Decision.DECLINED
    assert request.amount_granted is None


def test_a_fund_request_must_ask_for_something(settlement, coordinator):
    fund = factories.SupportProgrammeFactory(settlement=settlement, kind="fund")
    with scope(settlement=settlement.pk), pytest.raises(ValueError, match="positive"):
        services.fund_request_create(
            programme=fund, kind="grant", amount=Decimal(0), purpose="x", by=coordinator
        )
