"""The plan page's goals, numbers and totals are kept in the cache (plans.views_detail):
read afresh after any change to what the page shows, by the reader's language and rights,
and by the day."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from coordinator import clock
from coordinator.models import Role
from coordinator.versions import versions_of
from plans.models import Vision
from plans.providers import PLAN_TOPIC
from tests import factories

from .test_detail_queries import PAGE_CACHED, make_plan

pytestmark = pytest.mark.django_db


def page(client, plan) -> str:
    return client.get(reverse("plans:detail", args=[plan.pk])).content.decode()


@pytest.fixture
def plan(settlement):
    with scopes_disabled():
        return make_plan(settlement, 5)


@pytest.fixture
def coordinator_client(client, settlement):
    client.force_login(factories.member(settlement, Role.COORDINATOR))
    return client


def test_a_new_budget_line_shows_at_once(
    coordinator_client, plan, django_capture_on_commit_callbacks
):
    page(coordinator_client, plan)
    with scopes_disabled():
        programme = plan.goals.first().programmes.first()
    with django_capture_on_commit_callbacks(execute=True), scopes_disabled():
        factories.BudgetLineFactory(
            programme=programme, description="Sound system for the fair", planned_expense=Decimal(7)
        )
    assert "Sound system for the fair" in page(coordinator_client, plan)


@pytest.mark.parametrize(
    "change",
    ["actual", "reading", "need renamed", "committee renamed", "event renamed", "link", "vision"],
)
def test_each_thing_the_page_shows_marks_it_stale_when_it_changes(
    settlement, other_settlement, plan, change, django_capture_on_commit_callbacks
):
    ids = [settlement.pk, other_settlement.pk]
    before = versions_of(PLAN_TOPIC, ids)
    with scopes_disabled():
        goal = plan.goals.first()
        programme = goal.programmes.first()
    with django_capture_on_commit_callbacks(execute=True), scopes_disabled():
        if change == "actual":
            factories.ActualFactory(line=programme.lines.first(), amount=Decimal(5))
        elif change == "reading":
            factories.MeasurementFactory(
                target=goal.targets.first(), measured_on=dt.date(2026, 11, 1)
            )
        elif change == "need renamed":
            need = goal.needs.first()
            need.title = "Renamed"
            need.save()
        elif change == "committee renamed":
            committee = programme.committees.first()
            committee.name = "Renamed"
            committee.save()
        elif change == "event renamed":
            event = programme.events.first()
            event.title = {"en": "Renamed"}
            event.save()
        elif change == "link":
            goal.tags.add(factories.TagFactory(settlement=settlement))
        else:
            vision = Vision.objects.get(settlement=settlement)
            vision.statement = "A new vision"
            vision.save()
    after = versions_of(PLAN_TOPIC, ids)
    assert after[settlement.pk] != before[settlement.pk]
    assert after[other_settlement.pk] == before[other_settlement.pk]


def test_the_board_never_gets_the_coordinators_edit_links(
    client, settlement, plan, django_assert_num_queries
):
    client.force_login(factories.member(settlement, Role.COORDINATOR))
    add_goal = reverse("plans:goal_create", args=[plan.pk])
    assert add_goal in page(client, plan)
    client.force_login(factories.member(settlement, Role.BOARD))
    url = reverse("plans:detail", args=[plan.pk])
    client.get(url)  # the session
    with django_assert_num_queries(PAGE_CACHED):
        client.get(url)
    board = page(client, plan)
    assert add_goal not in board
    assert "Goals" in board


def test_each_language_has_its_own_page(coordinator_client, plan):
    english = page(coordinator_client, plan)
    hebrew = coordinator_client.get(
        reverse("plans:detail", args=[plan.pk]), headers={"accept-language": "he"}
    ).content.decode()
    assert "Plan totals" in english
    assert "Plan totals" not in hebrew


def test_the_next_day_the_plan_is_read_again(client, settlement, plan, monkeypatch):
    from plans import views_detail

    read = []
    real = views_detail.plan_overview
    monkeypatch.setattr(
        views_detail, "plan_overview", lambda **kwargs: read.append(1) or real(**kwargs)
    )
    # A minute before midnight at the settlement, then a minute after.
    midnight = dt.datetime.combine(
        dt.date(2026, 11, 24), dt.time(0, 0), tzinfo=clock.settlement_zone(settlement)
    )
    clock.set_now(midnight - dt.timedelta(minutes=1))
    client.force_login(factories.member(settlement, Role.COORDINATOR))
    page(client, plan)
    page(client, plan)
    assert len(read) == 1
    clock.set_now(midnight + dt.timedelta(minutes=1))
    page(client, plan)
    assert len(read) == 2
