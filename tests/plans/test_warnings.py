"""The coordinators are warned when a budget line's spending reaches 90% and then 100% of
its planned expense: each once per line, one e-mail to each coordinator, in the
settlement's language, through the outbox."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import translation
from django_scopes import scope, scopes_disabled

from coordinator.models import OutboxMessage, Role
from plans import services_through_year
from plans.jobs import budget_check
from plans.models import Actual, BudgetWarning
from plans.services_warnings import budget_warnings_queue, thresholds_reached
from plans.tasks import budget_warnings
from tests import factories


@pytest.fixture
def coordinator(settlement):
    return factories.member(
        settlement, Role.COORDINATOR, username="coord", email="coord@example.org"
    )


@pytest.fixture
def line(settlement, coordinator):
    programme = factories.ProgrammeFactory(
        goal__plan__settlement=settlement, goal__plan__year=2026, title="Youth club"
    )
    return factories.BudgetLineFactory(
        programme=programme, description="Hall hire", planned_expense=Decimal("1000.00")
    )


def spend(line, amount: str, kind: str = Actual.Kind.EXPENSE) -> None:
    factories.ActualFactory(line=line, amount=Decimal(amount), kind=kind)


def run(settlement) -> int:
    with scope(settlement=settlement.pk):
        return budget_warnings_queue(settlement=settlement)


def emails() -> list[dict]:
    with scopes_disabled():
        return [
            m.kwargs
            for m in OutboxMessage.objects.filter(job="coordinator.email").order_by("created_at")
        ]


def claims(line) -> list[int]:
    with scopes_disabled():
        return sorted(BudgetWarning.objects.filter(line=line).values_list("threshold", flat=True))


@pytest.mark.parametrize(
    ("spent", "planned", "reached"),
    [
        ("899.99", "1000", []),
        ("900", "1000", [90]),
        ("999.99", "1000", [90]),
        ("1000", "1000", [90, 100]),
        ("5", "0", []),
        ("0.09", "0.10", [90]),
    ],
)
def test_thresholds_are_exact(spent, planned, reached):
    assert thresholds_reached(Decimal(spent), Decimal(planned)) == reached


def test_89_percent_warns_nobody(settlement, line):
    spend(line, "890.00")
    spend(line, "500.00", kind=Actual.Kind.INCOME)  # income does not count
    assert run(settlement) == 0
    assert emails() == []
    assert claims(line) == []


def test_90_then_95_then_100_percent_warn_twice_in_all(settlement, line):
    spend(line, "900.00")
    assert run(settlement) == 1
    (first,) = emails()
    assert first["to"] == ["coord@example.org"]
    assert "90%" in first["subject"] and "Hall hire" in first["subject"]
    assert "Youth club" in first["body"]
    assert "1,000.00\u00a0€" in first["body"]  # planned
    assert "900.00\u00a0€" in first["body"]  # spent
    assert "Used: 90.0%" in first["body"]
    assert f"/plans/lines/{line.pk}/actuals/" in first["body"]

    spend(line, "50.00")  # 95%
    assert run(settlement) == 0
    assert len(emails()) == 1

    spend(line, "60.00")  # 101%
    assert run(settlement) == 1
    second = emails()[1]
    assert "Budget used up" in second["subject"]
    assert "has reached its planned expense" in second["body"]
    assert claims(line) == [90, 100]

    assert run(settlement) == 0  # beat again: nothing
    assert len(emails()) == 2


def test_reaching_both_at_once_sends_only_the_100_percent_warning(settlement, line):
    spend(line, "1200.00")
    assert run(settlement) == 1
    (only,) = emails()
    assert "Budget used up" in only["subject"]
    assert claims(line) == [90, 100]
    assert run(settlement) == 0


def test_each_coordinator_is_warned_and_others_are_not(settlement, line, coordinator):
    factories.member(settlement, Role.COORDINATOR, username="c2", email="second@example.org")
    factories.member(settlement, Role.COORDINATOR, username="c3", email="")  # no address
    factories.member(settlement, Role.BOARD, username="b", email="board@example.org")
    spend(line, "950.00")
    assert run(settlement) == 2
    assert sorted(e["to"][0] for e in emails()) == ["coord@example.org", "second@example.org"]


def test_another_settlement_is_unaffected(settlement, other_settlement, line):
    factories.member(other_settlement, Role.COORDINATOR, username="far", email="far@example.org")
    far = factories.BudgetLineFactory(
        programme__goal__plan__settlement=other_settlement, planned_expense=Decimal("100.00")
    )
    spend(far, "100.00")
    spend(line, "950.00")
    assert run(settlement) == 1
    assert [e["to"] for e in emails()] == [["coord@example.org"]]
    assert claims(far) == []
    assert run(other_settlement) == 1
    assert [e["to"] for e in emails()][-1] == ["far@example.org"]


def test_a_line_with_nothing_planned_never_warns(settlement, line):
    nothing = factories.BudgetLineFactory(programme=line.programme, planned_expense=Decimal("0.00"))
    spend(nothing, "10.00")
    assert run(settlement) == 0
    assert claims(nothing) == []


def test_the_warning_is_in_the_settlements_language(line, settlement):
    settlement.language = "sl"
    settlement.save()
    spend(line, "950.00")
    translation.activate("en")  # the caller's language does not matter
    assert run(settlement) == 1
    (email,) = emails()
    assert "1.000,00\u00a0€" in email["body"]  # Slovenian numbers
    assert "950,00\u00a0€" in email["body"]
    assert "95,0 %" in email["body"]
    assert translation.get_language() == "en"


def test_the_beat_task_warns_every_settlement(settlement, other_settlement, line):
    factories.member(other_settlement, Role.COORDINATOR, username="far", email="far@example.org")
    far = factories.BudgetLineFactory(
        programme__goal__plan__settlement=other_settlement, planned_expense=Decimal("100.00")
    )
    spend(far, "95.00")
    spend(line, "1000.00")
    assert budget_warnings() == 2
    assert budget_warnings() == 0
    assert sorted(e["to"][0] for e in emails()) == ["coord@example.org", "far@example.org"]


def test_the_line_job_checks_only_its_line(settlement, line):
    other = factories.BudgetLineFactory(programme=line.programme, planned_expense=Decimal("10"))
    spend(other, "10.00")
    spend(line, "920.00")
    with scope(settlement=settlement.pk):
        budget_check(line_id=line.pk)
        assert claims(line) == [90] and claims(other) == []
        assert len(emails()) == 1
        budget_check(line_id=line.pk)  # run again (a retry): nothing more
        budget_check(line_id=999999)  # a line deleted meanwhile
    assert len(emails()) == 1


def test_recording_money_warns_after_commit_once(
    settlement, line, coordinator, django_capture_on_commit_callbacks
):
    with scope(settlement=settlement.pk):
        for amount in ("600.00", "300.00", "50.00"):
            with django_capture_on_commit_callbacks(execute=True):
                services_through_year.actual_add(
                    line=line,
                    user=coordinator,
                    kind=Actual.Kind.EXPENSE,
                    amount=Decimal(amount),
                    on=dt.date(2026, 11, 20),
                )
    assert len(emails()) == 1  # at 90%, not again at 95%
    assert [m.to for m in mail.outbox] == [["coord@example.org"]]
    assert "90%" in mail.outbox[0].subject
