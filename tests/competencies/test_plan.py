"""The development plan: its services, its pages and forms, and that nobody but the owner
reaches a goal or an activity."""

import datetime as dt

import pytest
from django.urls import reverse

from competencies import services_plan
from competencies.models import Competency, DevelopmentGoal, Framework, LearningActivity
from coordinator.models import Role
from tests import factories

pytestmark = pytest.mark.django_db

PLAN = reverse("competencies:plan")
TODAY = dt.date(2026, 11, 23)  # the frozen clock


def url(name: str, pk: int) -> str:
    return reverse(f"competencies:{name}", args=[pk])


@pytest.fixture
def goal(coordinator):
    return factories.DevelopmentGoalFactory(owner=coordinator, goal="Lead a mediation")


@pytest.fixture
def activity(goal):
    return factories.LearningActivityFactory(goal=goal, title="Mediation course")


@pytest.fixture
def others_goal(other_settlement_coordinator):
    return factories.DevelopmentGoalFactory(owner=other_settlement_coordinator, goal="Theirs")


@pytest.fixture
def others_activity(others_goal):
    return factories.LearningActivityFactory(goal=others_goal, title="Their course")


# --- services --------------------------------------------------------------------------------


def test_goal_create_and_update(coordinator):
    goal = services_plan.goal_create(
        owner=coordinator, competency=factories.competency("3.1"), goal="Involve the young"
    )
    assert goal.owner == coordinator and goal.status == DevelopmentGoal.Status.ACTIVE
    assert goal.created_at == factories.FIXED_NOW
    services_plan.goal_update(
        goal=goal,
        competency=factories.competency("3.2"),
        text="Involve everyone",
        status=DevelopmentGoal.Status.REACHED,
    )
    goal.refresh_from_db()
    assert (goal.competency.key, goal.goal, goal.status) == ("3.2", "Involve everyone", "reached")


def test_goal_update_without_changes_writes_nothing(goal, django_assert_num_queries):
    with django_assert_num_queries(2):  # the savepoint of atomic and its release only
        services_plan.goal_update(
            goal=goal, competency=goal.competency, text=goal.goal, status=goal.status
        )


def test_goal_delete_takes_its_activities(goal, activity):
    services_plan.goal_delete(goal=goal)
    assert not DevelopmentGoal.objects.filter(pk=goal.pk).exists()
    assert not LearningActivity.objects.filter(pk=activity.pk).exists()


def test_activity_create_update_delete(goal):
    activity = services_plan.activity_create(
        goal=goal,
        kind=LearningActivity.Kind.FORUM,
        title="Coordinators' forum in March",
        due_on=dt.date(2027, 3, 1),
        status=LearningActivity.Status.PLANNED,
        notes="",
    )
    services_plan.activity_update(
        activity=activity, status=LearningActivity.Status.DONE, notes="Went well"
    )
    activity.refresh_from_db()
    assert (activity.status, activity.notes) == ("done", "Went well")
    with pytest.raises(TypeError):
        services_plan.activity_update(activity=activity, goal_id=1)
    services_plan.activity_delete(activity=activity)
    assert not LearningActivity.objects.filter(goal=goal).exists()


def test_plan_of_orders_goals_and_marks_overdue(coordinator):
    reached = factories.DevelopmentGoalFactory(owner=coordinator, status="reached")
    active = factories.DevelopmentGoalFactory(owner=coordinator)
    dropped = factories.DevelopmentGoalFactory(owner=coordinator, status="dropped")
    late = factories.LearningActivityFactory(goal=active, due_on=TODAY - dt.timedelta(days=1))
    done_late = factories.LearningActivityFactory(
        goal=active, due_on=TODAY - dt.timedelta(days=2), status="done"
    )
    undated = factories.LearningActivityFactory(goal=active, due_on=None)
    soon = factories.LearningActivityFactory(goal=active, due_on=TODAY)
    factories.DevelopmentGoalFactory()  # someone else's
    rows = services_plan.plan_of(owner=coordinator, today=TODAY)
    assert [row.goal for row in rows] == [active, reached, dropped]
    assert rows[0].activities == [done_late, late, soon, undated]
    assert rows[0].overdue == {late.pk}


def test_suggestions_are_the_lowest_of_the_newest_cycle(coordinator):
    old = factories.CycleFactory(owner=coordinator, starts_on=dt.date(2025, 1, 1))
    factories.RatingFactory(cycle=old, competency=factories.competency("1.2"), level=1)
    new = factories.CycleFactory(owner=coordinator, starts_on=dt.date(2026, 1, 1))
    factories.RatingFactory(cycle=new, competency=factories.competency("4.1"), level=2)
    factories.RatingFactory(cycle=new, competency=factories.competency("5.3"), level=1)
    factories.RatingFactory(cycle=new, competency=factories.competency("2.1"), level=3)
    factories.RatingFactory(cycle=new, competency=factories.competency("2.4"), level=None)
    keys = [r.competency.key for r in services_plan.suggested_ratings(owner=coordinator)]
    assert keys == ["5.3", "4.1"]


def test_next_activity(coordinator, goal, django_assert_num_queries):
    assert services_plan.next_activity(coordinator) is None
    undated = factories.LearningActivityFactory(goal=goal, due_on=None)
    assert services_plan.next_activity(coordinator) == undated
    later = factories.LearningActivityFactory(goal=goal, due_on=dt.date(2027, 1, 1))
    sooner = factories.LearningActivityFactory(goal=goal, due_on=dt.date(2026, 12, 1))
    factories.LearningActivityFactory(goal=goal, due_on=dt.date(2026, 11, 1), status="done")
    dropped_goal = factories.DevelopmentGoalFactory(owner=coordinator, status="dropped")
    factories.LearningActivityFactory(goal=dropped_goal, due_on=dt.date(2026, 11, 25))
    factories.LearningActivityFactory(due_on=dt.date(2026, 11, 24))  # someone else's
    with django_assert_num_queries(1):
        found = services_plan.next_activity(coordinator)
        assert found is not None and found.goal.goal == goal.goal
    assert found == sooner and found != later


# --- the plan page ---------------------------------------------------------------------------


def test_empty_plan_explains_itself(coordinator_client):
    response = coordinator_client.get(PLAN)
    assert response.status_code == 200
    text = response.content.decode()
    assert "A development plan is your own list" in text
    assert "Choose a competency" in text
    assert "<optgroup" in text and "1.1 " in text


def test_plan_shows_goals_activities_and_overdue(coordinator_client, coordinator, goal):
    factories.LearningActivityFactory(
        goal=goal,
        title="Read the handbook",
        kind="reading",
        due_on=TODAY - dt.timedelta(days=3),
        notes="Chapter 4",
    )
    factories.LearningActivityFactory(goal=goal, title="Forum", due_on=dt.date(2026, 12, 10))
    factories.DevelopmentGoalFactory(owner=coordinator, goal="An old goal", status="reached")
    text = coordinator_client.get(PLAN).content.decode()
    assert "Lead a mediation" in text and "Read the handbook" in text and "Chapter 4" in text
    assert text.count("Overdue") == 1
    assert text.index("Active goals") < text.index("Goals reached") < text.index("An old goal")
    assert "2.2 " in text  # the goal's competency, by key
    assert "A development plan is your own list" not in text


def test_plan_shows_competencies_in_the_readers_language(coordinator_client, goal):
    competency = factories.competency("2.2")
    text = coordinator_client.get(PLAN, HTTP_ACCEPT_LANGUAGE="he").content.decode()
    assert competency.text["he"] in text
    assert competency.text["en"] not in text


def test_plan_does_not_show_other_peoples_goals(coordinator_client, others_activity):
    text = coordinator_client.get(PLAN).content.decode()
    assert "Theirs" not in text and "Their course" not in text


def test_plan_suggests_low_ratings_without_an_active_goal(coordinator_client, coordinator):
    cycle = factories.CycleFactory(owner=coordinator)
    factories.RatingFactory(cycle=cycle, competency=factories.competency("4.1"), level=1)
    factories.RatingFactory(cycle=cycle, competency=factories.competency("2.2"), level=1)
    factories.DevelopmentGoalFactory(owner=coordinator)  # 2.2 is planned already
    text = coordinator_client.get(PLAN).content.decode()
    assert "Competencies you might work on" in text
    assert "Add a goal for 4.1" in text and "Add a goal for 2.2" not in text


def test_suggestion_link_preselects_the_competency(coordinator_client):
    pk = factories.competency("4.1").pk
    text = coordinator_client.get(PLAN, {"competency": pk}).content.decode()
    assert f'value="{pk}" selected' in text


def test_add_a_goal(coordinator_client, coordinator):
    competency = factories.competency("5.1")
    response = coordinator_client.post(PLAN, {"competency": competency.pk, "goal": "Lead"})
    goal = DevelopmentGoal.objects.get(owner=coordinator)
    assert response.status_code == 302 and response.url == f"{PLAN}#goal-{goal.pk}"
    assert (goal.competency, goal.goal) == (competency, "Lead")


@pytest.mark.parametrize(
    "data, error",
    [
        ({}, "Choose the competency of the goal."),
        ({"competency": "", "goal": "x"}, "Choose the competency of the goal."),
        ({"competency": "999999", "goal": "x"}, "Select a valid choice."),
        ({"competency": "1", "goal": ""}, "Write the goal in a sentence."),
    ],
)
def test_add_a_goal_invalid(coordinator_client, coordinator, data, error):
    if data.get("competency") == "1":
        data = {**data, "competency": factories.competency("1.1").pk}
    response = coordinator_client.post(PLAN, data)
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not DevelopmentGoal.objects.filter(owner=coordinator).exists()


def test_goals_are_set_against_the_councils_current_model(
    coordinator_client, coordinator, settlement
):
    own = Framework.objects.create(
        council=settlement.council, version=2, name="Ours", created_at=factories.FIXED_NOW
    )
    area = own.areas.create(number=6, code="ours", title={"en": "Our own area"})
    ours = Competency.objects.create(area=area, number=1, key="6.1", text={"en": "Our own"})
    page = coordinator_client.get(PLAN).content.decode()
    assert "6.1 Our own" in page and "1.1 " not in page
    response = coordinator_client.post(
        PLAN, {"competency": factories.competency("1.1").pk, "goal": "x"}
    )
    assert response.status_code == 400
    assert coordinator_client.post(PLAN, {"competency": ours.pk, "goal": "x"}).status_code == 302
    assert DevelopmentGoal.objects.get(owner=coordinator).competency == ours


# --- goal and activity pages -----------------------------------------------------------------


def test_goal_edit(coordinator_client, goal):
    page = coordinator_client.get(url("goal_edit", goal.pk))
    assert page.status_code == 200 and "Lead a mediation" in page.content.decode()
    competency = factories.competency("5.8")
    response = coordinator_client.post(
        url("goal_edit", goal.pk),
        {"competency": competency.pk, "goal": "Chair the forum", "status": "reached"},
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert (goal.competency, goal.goal, goal.status) == (competency, "Chair the forum", "reached")


def test_goal_edit_invalid(coordinator_client, goal):
    response = coordinator_client.post(
        url("goal_edit", goal.pk),
        {"competency": goal.competency_id, "goal": "", "status": "nonsense"},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Write the goal in a sentence." in text and "Select a valid choice." in text
    goal.refresh_from_db()
    assert goal.goal == "Lead a mediation"


def test_goal_delete(coordinator_client, goal, activity):
    response = coordinator_client.post(url("goal_delete", goal.pk))
    assert response.status_code == 302 and response.url == PLAN
    assert not DevelopmentGoal.objects.filter(pk=goal.pk).exists()
    assert coordinator_client.get(url("goal_delete", goal.pk)).status_code == 405


def test_activity_create(coordinator_client, goal):
    page = coordinator_client.get(url("activity_create", goal.pk))
    assert page.status_code == 200 and "For the goal: Lead a mediation" in page.content.decode()
    response = coordinator_client.post(
        url("activity_create", goal.pk),
        {
            "kind": "mentoring",
            "title": "Talk to my mentor",
            "due_on": "2026-12-15",
            "status": "planned",
            "notes": "",
        },
    )
    assert response.status_code == 302 and response.url == f"{PLAN}#goal-{goal.pk}"
    activity = LearningActivity.objects.get(goal=goal)
    assert (activity.kind, activity.due_on) == ("mentoring", dt.date(2026, 12, 15))


def test_activity_create_without_a_date(coordinator_client, goal):
    response = coordinator_client.post(
        url("activity_create", goal.pk),
        {"kind": "reading", "title": "A book", "due_on": "", "status": "planned"},
    )
    assert response.status_code == 302
    assert LearningActivity.objects.get(goal=goal).due_on is None


def test_activity_create_invalid(coordinator_client, goal):
    response = coordinator_client.post(
        url("activity_create", goal.pk),
        {"kind": "party", "title": "", "due_on": "someday", "status": "planned"},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Write what you will do." in text and "Enter a valid date." in text
    assert not LearningActivity.objects.filter(goal=goal).exists()


def test_activity_edit(coordinator_client, activity):
    page = coordinator_client.get(url("activity_edit", activity.pk))
    assert page.status_code == 200 and "Mediation course" in page.content.decode()
    response = coordinator_client.post(
        url("activity_edit", activity.pk),
        {"kind": "training", "title": "Mediation course", "due_on": "", "status": "done"},
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.status, activity.due_on) == ("done", None)


def test_activity_edit_invalid(coordinator_client, activity):
    response = coordinator_client.post(url("activity_edit", activity.pk), {})
    assert response.status_code == 400
    activity.refresh_from_db()
    assert activity.title == "Mediation course"


def test_activity_delete(coordinator_client, activity):
    response = coordinator_client.post(url("activity_delete", activity.pk))
    assert response.status_code == 302 and response.url == f"{PLAN}#goal-{activity.goal_id}"
    assert not LearningActivity.objects.filter(pk=activity.pk).exists()


# --- nobody else -----------------------------------------------------------------------------

OBJECT_PAGES = [
    ("goal_edit", "goal", ["get", "post"]),
    ("goal_delete", "goal", ["post"]),
    ("activity_create", "goal", ["get", "post"]),
    ("activity_edit", "activity", ["get", "post"]),
    ("activity_delete", "activity", ["post"]),
]


@pytest.mark.parametrize("name, kind, methods", OBJECT_PAGES)
def test_another_coordinators_goal_or_activity_is_404(
    coordinator_client, others_activity, name, kind, methods
):
    pk = others_activity.goal_id if kind == "goal" else others_activity.pk
    for method in methods:
        response = getattr(coordinator_client, method)(url(name, pk), {"title": "x"})
        assert response.status_code == 404
    others_activity.refresh_from_db()
    assert others_activity.title == "Their course"
    assert DevelopmentGoal.objects.filter(pk=others_activity.goal_id).exists()


def test_a_coordinator_of_the_same_settlement_cannot_reach_mine(client, settlement, activity):
    client.force_login(factories.member(settlement, Role.COORDINATOR, username="colleague"))
    assert client.get(url("goal_edit", activity.goal_id)).status_code == 404
    assert client.post(url("activity_delete", activity.pk)).status_code == 404
    assert "Lead a mediation" not in client.get(PLAN).content.decode()
    assert LearningActivity.objects.filter(pk=activity.pk).exists()


@pytest.mark.parametrize("who", ["chair", "council_staff"])
def test_chair_and_council_staff_get_404(client, request, who, activity):
    client.force_login(request.getfixturevalue(who))
    assert client.get(PLAN).status_code == 404
    assert client.get(url("goal_edit", activity.goal_id)).status_code == 404
    assert client.get(url("activity_edit", activity.pk)).status_code == 404
    assert client.post(url("goal_delete", activity.goal_id)).status_code == 404
    assert DevelopmentGoal.objects.filter(pk=activity.goal_id).exists()
