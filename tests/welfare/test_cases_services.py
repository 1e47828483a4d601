"""The writes of a welfare case: creating validates and logs, every change is logged by the
part it names (never the content), closing and reopening, notes, referrals and support
actions."""

import datetime as dt
from decimal import Decimal
from typing import Any
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scope

from coordinator.models import Role
from tests import factories
from welfare import services_cases as services
from welfare.models import CaseAccess, CaseNote, WelfareCase
from welfare.models_support import Referral, SupportTask

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_scope(settlement):
    with scope(settlement=settlement):
        yield


@pytest.fixture
def household(settlement):
    return factories.HouseholdFactory(settlement=settlement, name="The Levis")


@pytest.fixture
def worker(settlement):
    return factories.member(settlement, Role.SOCIAL_WORKER, username="worker")


def data(**extra) -> services.CaseData:
    values: dict[str, Any] = {
        "household": None,
        "resident": None,
        "categories": ["food", "money"],
        "need_details": "Lost his job in March",
        "came_to_light": WelfareCase.Source.NEIGHBOUR,
        "consent": True,
        "social_worker": None,
        "review_on": dt.date(2026, 12, 20),
    }
    values.update(extra)
    return services.CaseData(**values)


def trail_of(case) -> list[tuple[str, str]]:
    return [(e.action, e.what) for e in CaseAccess.objects.filter(case_id=case.pk).order_by("id")]


def test_a_case_is_created_with_consent_and_logged(
    settlement, coordinator, household, worker, in_scope
):
    case = services.case_create(
        settlement=settlement,
        user=coordinator,
        data=data(household=household, social_worker=worker),
    )
    case.refresh_from_db()
    assert case.status == WelfareCase.Status.OPEN
    assert case.categories == ["food", "money"]
    assert case.need_details == "Lost his job in March"
    assert case.consent_at == factories.FIXED_NOW
    assert case.consent_by == coordinator
    assert case.social_worker == worker
    assert case.opened_at == factories.FIXED_NOW
    assert trail_of(case) == [("changed", "created")]


def test_a_case_without_consent_records_none(settlement, coordinator, household, in_scope):
    case = services.case_create(
        settlement=settlement, user=coordinator, data=data(household=household, consent=False)
    )
    assert case.consent_at is None
    assert case.consent_by is None


def test_a_case_needs_someone_and_a_need(settlement, coordinator, household, in_scope):
    with pytest.raises(ValidationError) as error:
        services.case_create(settlement=settlement, user=coordinator, data=data())
    assert "household" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.case_create(
            settlement=settlement, user=coordinator, data=data(household=household, categories=[])
        )
    assert "categories" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.case_create(
            settlement=settlement,
            user=coordinator,
            data=data(household=household, categories=["space travel"]),
        )
    assert not WelfareCase.objects.exists()
    assert not CaseAccess.objects.exists()


def test_another_settlements_household_is_refused(settlement, other_settlement, coordinator):
    far = factories.HouseholdFactory(settlement=other_settlement)
    with scope(settlement=settlement), pytest.raises(ValidationError) as error:
        services.case_create(settlement=settlement, user=coordinator, data=data(household=far))
    assert "household" in error.value.message_dict


def test_a_change_is_logged_by_its_parts_never_its_content(
    settlement, coordinator, household, worker, in_scope
):
    case = services.case_create(
        settlement=settlement, user=coordinator, data=data(household=household)
    )
    changed = services.case_update(
        case=case,
        user=coordinator,
        data=data(
            household=household,
            need_details="A secret about the rent",
            social_worker=worker,
            status=WelfareCase.Status.MONITORING,
        ),
    )
    assert changed == ["details", "social worker", "status"]
    entries = CaseAccess.objects.filter(case_id=case.pk, action="changed").order_by("id")
    assert [e.what for e in entries] == ["created", "details, social worker, status"]
    assert not any("secret" in (e.what + e.reason) for e in entries)
    case.refresh_from_db()
    assert case.status == WelfareCase.Status.MONITORING
    assert case.closed_at is None


def test_nothing_changed_writes_nothing(settlement, coordinator, household, in_scope):
    case = services.case_create(
        settlement=settlement, user=coordinator, data=data(household=household)
    )
    assert services.case_update(case=case, user=coordinator, data=data(household=household)) == []
    assert trail_of(case) == [("changed", "created")]


def test_closing_sets_the_date_and_reopening_clears_it(
    settlement, coordinator, household, fixed_clock, in_scope
):
    case = services.case_create(
        settlement=settlement, user=coordinator, data=data(household=household)
    )
    services.case_update(
        case=case,
        user=coordinator,
        data=data(household=household, status=WelfareCase.Status.CLOSED),
    )
    case.refresh_from_db()
    assert case.status == WelfareCase.Status.CLOSED
    assert case.closed_at == factories.FIXED_NOW
    fixed_clock.set_now(factories.FIXED_NOW + dt.timedelta(days=3))
    services.case_update(case=case, user=coordinator, data=data(household=household, status="open"))
    case.refresh_from_db()
    assert case.closed_at is None
    assert trail_of(case)[-1] == ("changed", "status")


def test_withdrawing_consent_clears_it(settlement, coordinator, household, in_scope):
    case = services.case_create(
        settlement=settlement, user=coordinator, data=data(household=household)
    )
    services.case_update(case=case, user=coordinator, data=data(household=household, consent=False))
    case.refresh_from_db()
    assert case.consent_at is None
    assert trail_of(case)[-1] == ("changed", "consent")


def test_a_note_is_kept_and_logged(settlement, coordinator, in_scope):
    case = factories.WelfareCaseFactory(household__settlement=settlement)
    note = services.note_add(case=case, user=coordinator, text="  Called the mother  ")
    assert CaseNote.objects.get(pk=note.pk).text == "Called the mother"
    assert trail_of(case) == [("changed", "note")]
    with pytest.raises(ValidationError):
        services.note_add(case=case, user=coordinator, text="   ")
    assert CaseNote.objects.count() == 1


def test_a_referral_and_its_outcome_are_logged(settlement, coordinator, in_scope):
    case = factories.WelfareCaseFactory(household__settlement=settlement)
    referral = services.referral_create(
        case=case,
        user=coordinator,
        service=Referral.Service.HOUSING,
        contact="Dana",
        referred_on=dt.date(2026, 11, 20),
        note="Rent arrears",
    )
    assert referral.created_by == coordinator
    assert services.referral_update(
        referral=referral,
        user=coordinator,
        outcome=Referral.Outcome.HELPED,
        outcome_on=dt.date(2026, 11, 22),
        note="Rent arrears",
    )
    referral.refresh_from_db()
    assert referral.outcome == Referral.Outcome.HELPED
    assert referral.outcome_on == dt.date(2026, 11, 22)
    assert trail_of(case) == [("changed", "referral"), ("changed", "referral")]
    # The same again changes nothing and writes nothing.
    assert not services.referral_update(
        referral=referral,
        user=coordinator,
        outcome=Referral.Outcome.HELPED,
        outcome_on=dt.date(2026, 11, 22),
        note="Rent arrears",
    )
    assert len(trail_of(case)) == 2


def action(**extra) -> services.ActionData:
    values: dict[str, Any] = {
        "kind": SupportTask.Kind.MEAL,
        "what": "A cooked dinner",
        "on": dt.date(2026, 11, 25),
        "at": dt.time(18, 0),
        "where": "Olive Street 3",
        "amount": None,
        "volunteer": None,
        "volunteer_name": "",
        "volunteer_email": "",
        "volunteer_phone": "",
    }
    values.update(extra)
    return services.ActionData(**values)


def test_a_support_action_with_a_named_volunteer(settlement, coordinator, in_scope):
    case = factories.WelfareCaseFactory(household__settlement=settlement)
    task, token = services.support_action_create(
        case=case, user=coordinator, data=action(volunteer_name="Ruth", volunteer_phone="050")
    )
    assert token == ""
    assert task.case == case
    assert task.status == SupportTask.Status.TAKEN
    assert trail_of(case) == [("changed", "support action")]


def test_a_loan_needs_an_amount(settlement, coordinator, in_scope):
    case = factories.WelfareCaseFactory(household__settlement=settlement)
    with pytest.raises(ValidationError) as error:
        services.support_action_create(
            case=case, user=coordinator, data=action(kind=SupportTask.Kind.LOAN)
        )
    assert "amount" in error.value.message_dict
    task, _ = services.support_action_create(
        case=case,
        user=coordinator,
        data=action(kind=SupportTask.Kind.LOAN, amount=Decimal("500")),
    )
    assert task.amount == Decimal("500")
    assert task.status == SupportTask.Status.OPEN


def test_sending_the_link_calls_the_task_link_service(settlement, coordinator, in_scope):
    case = factories.WelfareCaseFactory(household__settlement=settlement)
    volunteer = factories.ResidentFactory(settlement=settlement, email="ruth@example.org")
    with mock.patch.object(services, "task_link_send", return_value="tok") as send:
        task, token = services.support_action_create(
            case=case, user=coordinator, data=action(volunteer=volunteer), send_link=True
        )
    assert token == "tok"
    send.assert_called_once_with(task=task, settlement=case.settlement)


def test_sending_the_link_needs_an_address(settlement, coordinator, in_scope):
    case = factories.WelfareCaseFactory(household__settlement=settlement)
    with pytest.raises(ValidationError) as error:
        services.support_action_create(
            case=case, user=coordinator, data=action(volunteer_name="Ruth"), send_link=True
        )
    assert "send_link" in error.value.message_dict
    assert not SupportTask.objects.exists()
