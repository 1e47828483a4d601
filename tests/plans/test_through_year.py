"""Keeping the plan through the year: money spent and received against a budget line (by
hand, or carried from its programme's events and classes, once), and readings of targets.
Allowed at any status of the plan: it is not a change of the plan."""

import datetime as dt
from decimal import Decimal
from unittest import mock

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scope

from coordinator.models import AuditEvent, OutboxMessage, Role
from plans import services_through_year as services
from plans.models import Actual, Measurement, Plan
from plans.views_through_year import bar
from tests import factories


def text(response) -> str:
    return response.content.decode()


def notes(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def line(settlement):
    plan = factories.PlanFactory(
        settlement=settlement, year=2026, title="Plan 2026", status=Plan.Status.SUBMITTED
    )
    programme = factories.ProgrammeFactory(goal__plan=plan, title="Youth club")
    return factories.BudgetLineFactory(
        programme=programme,
        description="Hall hire",
        planned_expense=Decimal("1000.00"),
        planned_income=Decimal("400.00"),
    )


@pytest.fixture
def target(settlement):
    plan = factories.PlanFactory(settlement=settlement, year=2026, title="Plan 2026")
    return factories.TargetFactory(
        goal__plan=plan,
        goal__title="Seniors are less alone",
        indicator="Seniors at the weekly club",
        baseline=Decimal("10"),
        target_value=Decimal("50"),
    )


@pytest.fixture
def board_client(client, settlement):
    client.force_login(factories.member(settlement, Role.BOARD, username="board"))
    return client


def actuals_of(line) -> list[tuple[str, Decimal, dt.date, int | None, int | None]]:
    with scope(settlement=line.settlement_id):
        return sorted(
            Actual.objects.filter(line=line).values_list(
                "kind", "amount", "on", "event_id", "course_id"
            ),
            key=str,
        )


# --- services ----------------------------------------------------------------------------


def test_an_amount_is_recorded_and_the_budget_checked_after_commit(
    settlement, line, coordinator, django_capture_on_commit_callbacks
):
    with (
        mock.patch("coordinator.services.outbox.outbox_publish") as publish,
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        scope(settlement=settlement.pk),
    ):
        actual = services.actual_add(
            line=line,
            user=coordinator,
            kind=Actual.Kind.EXPENSE,
            amount=Decimal("250.50"),
            on=dt.date(2026, 11, 20),
            description="  Deposit   for the hall ",
        )
        publish.assert_not_called()  # not before commit
        (job,) = OutboxMessage.objects.filter(job="plans.budget_check")
    assert job.kwargs == {"line_id": line.pk} and job.settlement_id == settlement.pk
    # After the commit: the outbox publishes the check; the council's summary goes stale.
    assert len(callbacks) == 2
    publish.assert_called_once_with(message_id=job.pk)
    assert actual.description == "Deposit for the hall"
    assert actual.recorded_by == coordinator
    with scope(settlement=settlement.pk):
        assert AuditEvent.objects.filter(object_type="plan actual", object_id=actual.pk).exists()


@pytest.mark.parametrize("amount", [Decimal("0"), Decimal("-5"), Decimal("1.005")])
def test_an_amount_must_be_positive_cents(settlement, line, coordinator, amount):
    with scope(settlement=settlement.pk), pytest.raises(ValidationError):
        services.actual_add(
            line=line,
            user=coordinator,
            kind=Actual.Kind.EXPENSE,
            amount=amount,
            on=dt.date(2026, 11, 20),
        )
    assert actuals_of(line) == []


def test_an_amount_is_removed(settlement, line, coordinator):
    actual = factories.ActualFactory(line=line)
    with scope(settlement=settlement.pk):
        services.actual_delete(actual=actual, user=coordinator)
    assert actuals_of(line) == []


@pytest.fixture
def linked(settlement, line):
    """An event with its actual cost and a class with two sessions held, one skipped, one
    to come, two participants who paid, one who owes and one exempt."""
    settlement.time_zone = "Asia/Jerusalem"
    settlement.save()
    committee = factories.CommitteeFactory(settlement=settlement)
    event = factories.EventFactory(
        committee=committee,
        title={"en": "Hanukkah party"},
        starts_at=dt.datetime(2026, 11, 10, 23, 30, tzinfo=dt.UTC),  # 11 Nov in Israel
        actual_cost=Decimal("320.00"),
    )
    free = factories.EventFactory(committee=committee, actual_cost=Decimal("0"))
    course = factories.CourseFactory(
        committee=committee,
        title={"en": "Pottery"},
        fee=Decimal("120.00"),  # a month, December to January: 240 each
        instructor__rate=Decimal("150.00"),
    )
    for day, status in [(3, "scheduled"), (10, "scheduled"), (17, "skipped"), (24, "scheduled")]:
        start = dt.datetime(2026, 11, day, 15, 0, tzinfo=dt.UTC)
        factories.CourseSessionFactory(
            course=course,
            date=start.date(),
            starts_at=start,
            ends_at=start + dt.timedelta(hours=1),
            status=status,
        )
    for payment in ["paid", "paid", "due", "exempt"]:
        factories.ClassParticipantFactory(registration__course=course, payment=payment)
    factories.ClassParticipantFactory(
        registration__course=course, registration__status="waiting", payment="paid"
    )
    line.programme.events.add(event, free)
    line.programme.courses.add(course)
    return event, course


def test_carrying_brings_event_costs_and_class_pay_and_fees(
    settlement, line, linked, coordinator, django_capture_on_commit_callbacks
):
    event, course = linked
    with (
        mock.patch("coordinator.services.outbox.outbox_publish") as check,
        django_capture_on_commit_callbacks(execute=True),
        scope(settlement=settlement.pk),
    ):
        written = services.carry(line=line, user=coordinator)
    assert written == 3
    assert actuals_of(line) == sorted(
        [
            ("expense", Decimal("320.00"), dt.date(2026, 11, 11), event.pk, None),
            ("expense", Decimal("300.00"), course.starts_on, None, course.pk),  # 2 held × 150
            ("income", Decimal("480.00"), course.starts_on, None, course.pk),  # 2 paid × 240
        ],
        key=str,
    )
    check.assert_called_once()  # one check of the line's budget for the whole carry
    with scope(settlement=settlement.pk):
        assert OutboxMessage.objects.filter(job="plans.budget_check").count() == 1
        assert set(Actual.objects.filter(line=line).values_list("description", flat=True)) == {
            "Hanukkah party",
            "Pottery",
        }


def test_carrying_twice_changes_nothing(settlement, line, linked, coordinator):
    with scope(settlement=settlement.pk):
        services.carry(line=line, user=coordinator)
        before = actuals_of(line)
        assert services.carry(line=line, user=coordinator) == 0
    assert actuals_of(line) == before
    assert len(before) == 3


def test_carrying_again_updates_and_removes(settlement, line, linked, coordinator):
    event, course = linked
    with scope(settlement=settlement.pk):
        services.carry(line=line, user=coordinator)
        event.actual_cost = Decimal("350.00")
        event.save()
        course.registrations.all().delete()  # nobody paid after all
        assert services.carry(line=line, user=coordinator) == 2
    rows = actuals_of(line)
    assert ("expense", Decimal("350.00"), dt.date(2026, 11, 11), event.pk, None) in rows
    assert [r for r in rows if r[0] == "income"] == []
    assert len(rows) == 2


def test_carrying_leaves_hand_entries_alone(settlement, line, linked, coordinator):
    factories.ActualFactory(line=line, amount=Decimal("99.00"), description="By hand")
    with scope(settlement=settlement.pk):
        services.carry(line=line, user=coordinator)
        services.carry(line=line, user=coordinator)
    rows = actuals_of(line)
    assert len(rows) == 4
    assert ("expense", Decimal("99.00"), dt.date(2026, 11, 1), None, None) in rows


def test_with_nothing_linked_there_is_nothing_to_carry(settlement, line, coordinator):
    with scope(settlement=settlement.pk):
        assert services.carry(line=line, user=coordinator) == 0
    assert actuals_of(line) == []


def test_a_reading_is_recorded_and_removed(settlement, target, coordinator):
    with scope(settlement=settlement.pk):
        reading = services.measurement_add(
            target=target,
            user=coordinator,
            measured_on=dt.date(2026, 6, 1),
            value=Decimal("30"),
            note=" half   way ",
        )
        assert reading.note == "half way"
        assert reading.recorded_by == coordinator
        services.measurement_delete(measurement=reading, user=coordinator)
        assert not Measurement.objects.filter(target=target).exists()


@pytest.mark.parametrize(
    ("share", "width"),
    [(None, "w-0"), (Decimal("0"), "w-0"), (Decimal("47.4"), "w-45"), (Decimal("130"), "w-100")],
)
def test_bars_are_widths_in_steps_of_five(share, width):
    assert bar(share) == width


# --- the actuals page --------------------------------------------------------------------


def test_the_actuals_page_shows_plan_against_actual(coordinator_client, line):
    factories.ActualFactory(line=line, amount=Decimal("925.00"), description="Hall, autumn")
    factories.ActualFactory(line=line, amount=Decimal("100.00"), kind="income")
    response = coordinator_client.get(reverse("plans:actuals", args=[line.pk]))
    assert response.status_code == 200
    body = text(response)
    assert "Hall, autumn" in body
    assert "925.00\u00a0€" in body
    assert "92.5%" in body  # of the planned expense
    assert "25.0%" in body  # of the planned income
    assert "nearly used up" in body
    assert 'name="amount"' in body
    assert reverse("plans:carry", args=[line.pk]) in body


def test_the_board_reads_the_actuals_but_does_not_add(board_client, line):
    factories.ActualFactory(line=line, description="Hall, autumn")
    url = reverse("plans:actuals", args=[line.pk])
    response = board_client.get(url)
    assert response.status_code == 200
    assert "Hall, autumn" in text(response)
    assert 'name="amount"' not in text(response)
    assert board_client.post(url, {"kind": "expense", "amount": "5"}).status_code == 404
    assert actuals_of(line) != [] and len(actuals_of(line)) == 1


def test_the_coordinator_records_an_amount_on_a_submitted_plan(coordinator_client, line):
    response = coordinator_client.post(
        reverse("plans:actuals", args=[line.pk]),
        {"kind": "expense", "amount": "150.25", "on": "2026-11-20", "description": "Chairs"},
    )
    assert response.status_code == 302
    assert response.url == reverse("plans:actuals", args=[line.pk])
    assert actuals_of(line) == [("expense", Decimal("150.25"), dt.date(2026, 11, 20), None, None)]


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"kind": "expense", "amount": "0", "on": "2026-11-20"}, "more than zero"),
        ({"kind": "expense", "amount": "-3", "on": "2026-11-20"}, "more than zero"),
        ({"kind": "expense", "amount": "12", "on": ""}, "This field is required."),
        ({"kind": "gift", "amount": "12", "on": "2026-11-20"}, "Select a valid choice"),
        ({}, "This field is required."),
    ],
)
def test_a_wrong_amount_is_refused(coordinator_client, line, data, error):
    response = coordinator_client.post(reverse("plans:actuals", args=[line.pk]), data)
    assert response.status_code == 400
    assert error in text(response)
    assert "Nothing was saved" in text(response)
    assert actuals_of(line) == []


def test_an_amount_is_removed_from_the_page(coordinator_client, line):
    actual = factories.ActualFactory(line=line)
    response = coordinator_client.post(reverse("plans:actual_delete", args=[actual.pk]))
    assert response.status_code == 302
    assert response.url == reverse("plans:actuals", args=[line.pk])
    assert actuals_of(line) == []


def test_the_carry_button_says_what_it_did(coordinator_client, line, linked):
    url = reverse("plans:carry", args=[line.pk])
    response = coordinator_client.post(url, follow=True)
    assert response.redirect_chain == [(reverse("plans:actuals", args=[line.pk]), 302)]
    assert "3 amounts carried from events and classes." in text(response)
    response = coordinator_client.post(url, follow=True)
    assert "Nothing to carry: the amounts are up to date." in text(response)
    assert "amounts carried" not in text(response)


def test_another_settlements_money_is_not_reached(coordinator_client, other_settlement):
    far = factories.ActualFactory(line__programme__goal__plan__settlement=other_settlement)
    assert coordinator_client.get(reverse("plans:actuals", args=[far.line_id])).status_code == 404
    assert (
        coordinator_client.post(
            reverse("plans:actuals", args=[far.line_id]),
            {"kind": "expense", "amount": "5", "on": "2026-11-20"},
        ).status_code
        == 404
    )
    assert coordinator_client.post(reverse("plans:carry", args=[far.line_id])).status_code == 404
    assert coordinator_client.post(reverse("plans:actual_delete", args=[far.pk])).status_code == 404
    with scope(settlement=other_settlement.pk):
        assert Actual.objects.filter(pk=far.pk).exists()


def test_actuals_are_paged_by_twenty_newest_first(coordinator_client, line):
    for n in range(22):
        factories.ActualFactory(
            line=line, on=dt.date(2026, 1, 1) + dt.timedelta(days=n), description=f"Row {n:02d}"
        )
    body = text(coordinator_client.get(reverse("plans:actuals", args=[line.pk])))
    assert body.index("Row 21") < body.index("Row 20")
    assert "Row 01" not in body
    assert "Page 1 of 2" in body


ACTUALS = 6  # baseline (3), the line with its sums and plan, the count, the page


def test_the_actuals_page_queries_are_fixed(coordinator_client, line, django_assert_num_queries):
    url = reverse("plans:actuals", args=[line.pk])
    factories.ActualFactory(line=line)
    coordinator_client.get(url)
    with django_assert_num_queries(ACTUALS):
        assert coordinator_client.get(url).status_code == 200
    for _n in range(40):
        factories.ActualFactory(line=line)
    with django_assert_num_queries(ACTUALS):
        assert coordinator_client.get(url).status_code == 200


# --- the readings of a target ------------------------------------------------------------


def test_the_readings_page_shows_progress_over_time(coordinator_client, target):
    factories.MeasurementFactory(target=target, measured_on=dt.date(2026, 3, 1), value=20)
    factories.MeasurementFactory(
        target=target, measured_on=dt.date(2026, 9, 1), value=30, note="After the summer"
    )
    response = coordinator_client.get(reverse("plans:measurements", args=[target.pk]))
    assert response.status_code == 200
    body = text(response)
    assert "Seniors at the weekly club" in body
    assert "After the summer" in body
    assert "25% · on track" in body  # 20: a quarter of the way, in early March
    assert "50% · behind" in body  # 30: half way, with two thirds of the year gone
    assert "progress-bar w-25" in body and "progress-bar w-50" in body
    assert body.index("2026") >= 0 and body.index("25%") < body.index("50%")  # oldest first
    assert 'style="' not in body


def test_a_reading_is_added(coordinator_client, target):
    response = coordinator_client.post(
        reverse("plans:measurements", args=[target.pk]),
        {"measured_on": "2026-11-20", "value": "42.5", "note": "Club count"},
    )
    assert response.status_code == 302
    with scope(settlement=target.settlement_id):
        reading = Measurement.objects.get(target=target)
    assert (reading.measured_on, reading.value, reading.note) == (
        dt.date(2026, 11, 20),
        Decimal("42.50"),
        "Club count",
    )


@pytest.mark.parametrize(
    "data", [{}, {"measured_on": "2026-11-20", "value": "lots"}, {"value": "3"}]
)
def test_a_wrong_reading_is_refused(coordinator_client, target, data):
    response = coordinator_client.post(reverse("plans:measurements", args=[target.pk]), data)
    assert response.status_code == 400
    assert "Nothing was saved" in text(response)
    with scope(settlement=target.settlement_id):
        assert not Measurement.objects.filter(target=target).exists()


def test_the_board_reads_readings_but_does_not_add(board_client, target):
    factories.MeasurementFactory(target=target, note="Autumn count")
    url = reverse("plans:measurements", args=[target.pk])
    response = board_client.get(url)
    assert "Autumn count" in text(response)
    assert 'name="value"' not in text(response)
    data = {"measured_on": "2026-11-20", "value": "4"}
    assert board_client.post(url, data).status_code == 404


def test_a_reading_is_removed(coordinator_client, target):
    reading = factories.MeasurementFactory(target=target)
    response = coordinator_client.post(reverse("plans:measurement_delete", args=[reading.pk]))
    assert response.status_code == 302
    assert response.url == reverse("plans:measurements", args=[target.pk])
    with scope(settlement=target.settlement_id):
        assert not Measurement.objects.filter(pk=reading.pk).exists()


def test_another_settlements_readings_are_not_reached(coordinator_client, other_settlement):
    far = factories.MeasurementFactory(target__goal__plan__settlement=other_settlement)
    url = reverse("plans:measurements", args=[far.target_id])
    assert coordinator_client.get(url).status_code == 404
    assert (
        coordinator_client.post(url, {"measured_on": "2026-11-20", "value": "4"}).status_code == 404
    )
    delete = reverse("plans:measurement_delete", args=[far.pk])
    assert coordinator_client.post(delete).status_code == 404
    with scope(settlement=other_settlement.pk):
        assert Measurement.objects.filter(pk=far.pk).count() == 1


MEASUREMENTS = 5  # baseline (3), the target with its goal and plan, the readings


def test_the_readings_page_queries_are_fixed(coordinator_client, target, django_assert_num_queries):
    url = reverse("plans:measurements", args=[target.pk])
    factories.MeasurementFactory(target=target)
    coordinator_client.get(url)
    with django_assert_num_queries(MEASUREMENTS):
        assert coordinator_client.get(url).status_code == 200
    for n in range(40):
        factories.MeasurementFactory(target=target, measured_on=dt.date(2026, 1, 1 + n % 28))
    with django_assert_num_queries(MEASUREMENTS):
        assert coordinator_client.get(url).status_code == 200
