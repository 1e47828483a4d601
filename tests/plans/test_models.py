"""The vision keeps every revision with who and when; a plan's goals hold the needs they
answer, and its programmes the events, classes and committees that carry them out."""

from django_scopes import scope

from coordinator import clock
from plans.models import Vision
from tests import factories


def test_the_vision_keeps_its_revisions(settlement, coordinator):
    with scope(settlement=settlement.pk):
        vision = Vision.objects.create(
            settlement=settlement,
            statement="A village where everyone belongs",
            updated_by=coordinator,
            updated_at=clock.now(),
        )
        vision.statement = "A village where everyone belongs and takes part"
        vision.save()
        revisions = list(vision.history.order_by("history_id").values_list("statement", flat=True))
    assert revisions == [
        "A village where everyone belongs",
        "A village where everyone belongs and takes part",
    ]


def test_goals_answer_needs_and_programmes_link_the_work(settlement):
    need = factories.NeedFactory(settlement=settlement, title="Nothing for teenagers")
    committee = factories.CommitteeFactory(settlement=settlement)
    goal = factories.GoalFactory(plan__settlement=settlement, age_groups=["youth"])
    goal.needs.add(need)
    programme = factories.ProgrammeFactory(goal=goal, owner=committee)
    event = factories.EventFactory(committee=committee)
    course = factories.CourseFactory(committee=committee)
    programme.events.add(event)
    programme.courses.add(course)
    with scope(settlement=settlement.pk):
        assert list(need.goals.all()) == [goal]
        assert list(committee.plan_programmes.all()) == [programme]
        assert list(programme.events.all()) == [event]
        assert list(programme.courses.all()) == [course]
