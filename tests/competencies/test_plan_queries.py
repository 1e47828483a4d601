"""The development plan's pages run the same, exact number of queries whatever the data."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

# Every page: the session, the user, the user's memberships (the request's baseline).
# The model's version: the council's own (none here), then the base model (two queries).
PLAN = 9  # baseline, the model's version, its competencies, goals, activities, suggestions
GOAL_FORM = 7  # baseline, the goal with its competency, the model's version, competencies
ACTIVITY_CREATE = 4  # baseline, the goal
ACTIVITY_EDIT = 4  # baseline, the activity with its goal


def make_plan(coordinator, goals: int) -> None:
    cycle = factories.CycleFactory(owner=coordinator)
    for key in ("1.1", "3.2", "5.5"):
        factories.RatingFactory(cycle=cycle, competency=factories.competency(key), level=1)
    for n in range(goals):
        goal = factories.DevelopmentGoalFactory(
            owner=coordinator, status="reached" if n % 3 == 2 else "active"
        )
        factories.LearningActivityFactory.create_batch(3, goal=goal)


def assert_queries(client, django_assert_num_queries, url, expected):
    client.get(url)  # warm the session
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("goals", [1, 8])
def test_plan_queries_are_fixed(coordinator_client, coordinator, django_assert_num_queries, goals):
    make_plan(coordinator, goals)
    response = assert_queries(
        coordinator_client, django_assert_num_queries, reverse("competencies:plan"), PLAN
    )
    text = response.content.decode()
    assert text.count("competencies/plan/activities/") == goals * 3 * 2  # edit and delete
    assert "Add a goal for 1.1" in text


@pytest.mark.parametrize("goals", [1, 8])
def test_form_pages_queries_are_fixed(
    coordinator_client, coordinator, django_assert_num_queries, goals
):
    make_plan(coordinator, goals)
    goal = coordinator.development_goals.first()
    activity = goal.activities.first()
    for name, pk, expected in [
        ("goal_edit", goal.pk, GOAL_FORM),
        ("activity_create", goal.pk, ACTIVITY_CREATE),
        ("activity_edit", activity.pk, ACTIVITY_EDIT),
    ]:
        assert_queries(
            coordinator_client,
            django_assert_num_queries,
            reverse(f"competencies:{name}", args=[pk]),
            expected,
        )
