"""The self-assessment pages run the same, exact number of queries whatever the data."""

import datetime as dt

import pytest
from django.urls import reverse

from competencies.models import Competency
from tests import factories

pytestmark = pytest.mark.django_db

# Every page: the session, the user, the user's memberships (the request's baseline).
BASELINE = 3
HOME = (
    BASELINE + 4
)  # the cycles with progress, the mentors to choose, the radar's areas and averages
# The cycle with owner and mentor, the competencies with areas, ratings; then the evidence
# of the period: the council's rules and one query over every source they use.
CYCLE = BASELINE + 3 + 2
CYCLE_MENTOR = BASELINE + 3  # the same for the mentor's page
HISTORY = BASELINE + 2  # the competency with its area, the ratings with their cycles
HOME_PANEL = BASELINE + 2  # the open cycle with progress, the next activity
MAX_QUERIES = 12


def make_cycles(owner, count: int, ratings: int, mentor=None) -> list:
    competencies = list(Competency.objects.filter(area__framework=factories.base_framework()))
    cycles = []
    for n in range(count):
        cycle = factories.CycleFactory(
            owner=owner,
            mentor=mentor,
            starts_on=dt.date(2020 + n, 1, 1),
            ends_on=dt.date(2020 + n, 12, 31),
        )
        for competency in competencies[:ratings]:
            factories.RatingFactory(
                cycle=cycle, competency=competency, level=1 + n % 4, mentor_level=2
            )
        goal = factories.DevelopmentGoalFactory(owner=owner)
        factories.LearningActivityFactory(goal=goal, due_on=dt.date(2026, 12, 1 + n))
        cycles.append(cycle)
    return cycles


def assert_queries(client, django_assert_num_queries, url, expected):
    assert expected <= MAX_QUERIES
    client.get(url)  # warm the session and caches
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("count", [1, 6])
def test_home(coordinator_client, coordinator, django_assert_num_queries, count):
    make_cycles(coordinator, count, 5)
    response = assert_queries(
        coordinator_client, django_assert_num_queries, reverse("competencies:home"), HOME
    )
    assert len(response.context["cycles"]) == count


@pytest.mark.parametrize("ratings", [0, 28])
def test_cycle(
    coordinator_client, coordinator, settlement, mentor_staff, django_assert_num_queries, ratings
):
    (cycle,) = make_cycles(coordinator, 1, ratings, mentor=mentor_staff)
    response = assert_queries(
        coordinator_client,
        django_assert_num_queries,
        reverse("competencies:cycle", args=[cycle.pk]),
        CYCLE,
    )
    assert response.context["rated"] == ratings


@pytest.mark.parametrize("ratings", [0, 28])
def test_cycle_mentor(client, coordinator, mentor_staff, django_assert_num_queries, ratings):
    (cycle,) = make_cycles(coordinator, 1, ratings, mentor=mentor_staff)
    client.force_login(mentor_staff)
    response = assert_queries(
        client,
        django_assert_num_queries,
        reverse("competencies:cycle_mentor", args=[cycle.pk]),
        CYCLE_MENTOR,
    )
    assert response.context["mentor_rated"] == ratings


@pytest.mark.parametrize("count", [1, 6])
def test_history(coordinator_client, coordinator, django_assert_num_queries, count):
    make_cycles(coordinator, count, 28)
    response = assert_queries(
        coordinator_client,
        django_assert_num_queries,
        reverse("competencies:history", args=["1.1"]),
        HISTORY,
    )
    assert len(response.context["ratings"]) == count


@pytest.mark.parametrize("count", [1, 6])
def test_home_panel(coordinator_client, coordinator, django_assert_num_queries, count):
    make_cycles(coordinator, count, 3)
    response = assert_queries(
        coordinator_client,
        django_assert_num_queries,
        reverse("competencies:home_panel"),
        HOME_PANEL,
    )
    assert response.context["activity"] is not None


@pytest.fixture
def mentor_staff(council_staff):
    return council_staff
