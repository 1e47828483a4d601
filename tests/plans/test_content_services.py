"""Writing the plan's content: each kind of write, the refusal of a plan that is with the
board, the revision an approved plan records (its summary and reason), none on a draft,
and another settlement's objects refused."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scope, scopes_disabled

from coordinator.models import AuditEvent
from coordinator.services.changes import ForeignObject
from plans import services_content as content
from plans.models import BudgetLine, FundingSource, Goal, Plan, PlanRevision, Programme, Target
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(settlement):
    return factories.PlanFactory(settlement=settlement, year=2027)


@pytest.fixture
def approved(settlement):
    return factories.PlanFactory(settlement=settlement, year=2028, status=Plan.Status.APPROVED)


@pytest.fixture
def submitted(settlement):
    return factories.PlanFactory(settlement=settlement, year=2029, status=Plan.Status.SUBMITTED)


@pytest.fixture
def in_scope(settlement):
    with scope(settlement=settlement):
        yield


def revisions(plan) -> list[PlanRevision]:
    with scopes_disabled():
        return list(PlanRevision.objects.filter(plan=plan).order_by("id"))


def goal_data(**extra):
    return {
        "title": "Young people belong",
        "description": "",
        "age_groups": [],
        "needs": [],
        "neighbourhoods": [],
        "tags": [],
    } | extra


# --- goals ------------------------------------------------------------------------------------


def test_goal_create_puts_it_last_and_links_needs(settlement, plan, coordinator, in_scope):
    first = factories.GoalFactory(plan=plan, position=4)
    need = factories.NeedFactory(settlement=settlement)
    hood = factories.NeighbourhoodFactory(settlement=settlement)
    goal = content.goal_save(
        plan=plan,
        user=coordinator,
        data=goal_data(needs=[need], neighbourhoods=[hood], age_groups=["youth"]),
    )
    goal.refresh_from_db()
    assert goal.position == first.position + 1
    assert list(goal.needs.all()) == [need]
    assert list(goal.neighbourhoods.all()) == [hood]
    assert goal.age_groups == ["youth"]
    assert revisions(plan) == []  # a draft records no revision
    assert AuditEvent.objects.filter(object_type="plan_goal", object_id=goal.pk).exists()


def test_first_goal_has_position_zero(plan, coordinator, in_scope):
    goal = content.goal_save(plan=plan, user=coordinator, data=goal_data())
    assert goal.position == 0


def test_goal_update_on_a_draft_writes_without_revision(plan, coordinator, in_scope):
    goal = factories.GoalFactory(plan=plan, title="Old")
    content.goal_save(plan=plan, goal=goal, user=coordinator, data=goal_data(title="New"))
    goal.refresh_from_db()
    assert goal.title == "New"
    assert revisions(plan) == []


def test_submitted_plan_refuses_every_write(submitted, coordinator, in_scope):
    goal = factories.GoalFactory(plan=submitted, title="Kept")
    with pytest.raises(ValidationError) as error:
        content.goal_save(plan=submitted, goal=goal, user=coordinator, data=goal_data(title="X"))
    assert error.value.code == "submitted"
    with pytest.raises(ValidationError):
        content.goal_save(plan=submitted, user=coordinator, data=goal_data())
    with pytest.raises(ValidationError):
        content.goal_delete(goal=goal, user=coordinator)
    with pytest.raises(ValidationError):
        content.plan_title_save(plan=submitted, user=coordinator, title="New title")
    # even a save that changes nothing is refused while the board decides
    with pytest.raises(ValidationError):
        content.goal_save(plan=submitted, goal=goal, user=coordinator, data=goal_data(title="Kept"))
    goal.refresh_from_db()
    assert goal.title == "Kept"
    assert Goal.objects.filter(plan=submitted).count() == 1


def test_approved_plan_needs_a_reason(approved, coordinator, in_scope):
    goal = factories.GoalFactory(plan=approved, title="Old")
    with pytest.raises(ValidationError) as error:
        content.goal_save(plan=approved, goal=goal, user=coordinator, data=goal_data(title="New"))
    assert error.value.code == "reason"
    goal.refresh_from_db()
    assert goal.title == "Old"
    assert revisions(approved) == []


def test_approved_plan_records_one_revision_naming_the_change(
    settlement, approved, coordinator, in_scope
):
    goal = factories.GoalFactory(plan=approved, title="Old")
    need = factories.NeedFactory(settlement=settlement)
    content.goal_save(
        plan=approved,
        goal=goal,
        user=coordinator,
        data=goal_data(title="New", needs=[need]),
        reason="The board asked for it",
    )
    [revision] = revisions(approved)
    assert revision.reason == "The board asked for it"
    assert revision.made_by == coordinator
    assert revision.summary.startswith("Goal “Old”: goal: Old → New")
    assert "needs it answers" in revision.summary


def test_approved_plan_no_change_records_nothing(approved, coordinator, in_scope):
    goal = factories.GoalFactory(plan=approved, title="Same")
    content.goal_save(plan=approved, goal=goal, user=coordinator, data=goal_data(title="Same"))
    assert revisions(approved) == []


def test_goal_delete_on_approved_plan_is_a_revision(approved, coordinator, in_scope):
    goal = factories.GoalFactory(plan=approved, title="Gone")
    factories.TargetFactory(goal=goal)
    programme = factories.ProgrammeFactory(goal=goal)
    factories.BudgetLineFactory(programme=programme)
    with pytest.raises(ValidationError):
        content.goal_delete(goal=goal, user=coordinator)
    content.goal_delete(goal=goal, user=coordinator, reason="Merged into another goal")
    assert not Goal.objects.filter(pk=goal.pk).exists()
    [revision] = revisions(approved)
    assert revision.summary.startswith("Goal “Gone”: deleted")
    assert "1 targets, 1 programmes and 1 budget lines" in revision.summary


def test_goal_refuses_another_settlements_need(plan, coordinator, other_settlement):
    with scopes_disabled():
        foreign = factories.NeedFactory(settlement=other_settlement)
    with scope(settlement=plan.settlement), pytest.raises(ForeignObject):
        content.goal_save(plan=plan, user=coordinator, data=goal_data(needs=[foreign]))
    with scopes_disabled():
        assert not Goal.objects.filter(plan=plan).exists()


def test_goal_refuses_unknown_age_group(plan, coordinator, in_scope):
    with pytest.raises(ValidationError):
        content.goal_save(plan=plan, user=coordinator, data=goal_data(age_groups=["martians"]))


# --- targets ----------------------------------------------------------------------------------


def target_data(**extra):
    return {
        "indicator": "Young people at the club",
        "baseline": Decimal("10"),
        "target_value": Decimal("40"),
        "unit": "people",
        "how_measured": "Attendance list",
    } | extra


def test_target_create_update_delete(plan, coordinator, in_scope):
    goal = factories.GoalFactory(plan=plan)
    target = content.target_save(goal=goal, user=coordinator, data=target_data())
    assert Target.objects.get(pk=target.pk).target_value == Decimal("40.00")
    content.target_save(
        goal=goal, target=target, user=coordinator, data=target_data(target_value=Decimal("45"))
    )
    assert Target.objects.get(pk=target.pk).target_value == Decimal("45.00")
    content.target_delete(target=target, user=coordinator)
    assert not Target.objects.filter(pk=target.pk).exists()


def test_target_change_on_approved_plan_shows_before_and_after(approved, coordinator, in_scope):
    goal = factories.GoalFactory(plan=approved)
    target = factories.TargetFactory(goal=goal, indicator="Club", target_value=Decimal("50.00"))
    content.target_save(
        goal=goal,
        target=target,
        user=coordinator,
        data=target_data(
            indicator="Club", baseline=target.baseline, unit="people", target_value=Decimal("60")
        ),
        reason="More came than we hoped",
    )
    [revision] = revisions(approved)
    assert "target value: 50.00 → 60" in revision.summary
    assert "how it is measured: — → Attendance list" in revision.summary


def test_target_of_another_goal_is_refused(plan, coordinator, in_scope):
    target = factories.TargetFactory(goal=factories.GoalFactory(plan=plan))
    other_goal = factories.GoalFactory(plan=plan)
    with pytest.raises(ForeignObject):
        content.target_save(goal=other_goal, target=target, user=coordinator, data=target_data())


# --- programmes -------------------------------------------------------------------------------


def programme_data(**extra):
    return {
        "title": "Youth club",
        "description": "",
        "owner": None,
        "starts_on": dt.date(2027, 1, 1),
        "ends_on": dt.date(2027, 12, 31),
        "partners": [],
        "committees": [],
        "events": [],
        "courses": [],
    } | extra


def test_programme_create_with_links(settlement, plan, coordinator, in_scope):
    goal = factories.GoalFactory(plan=plan)
    committee = factories.CommitteeFactory(settlement=settlement)
    partner = factories.PartnerFactory(settlement=settlement)
    event = factories.EventFactory(settlement=settlement)
    programme = content.programme_save(
        goal=goal,
        user=coordinator,
        data=programme_data(
            owner=committee, partners=[partner], committees=[committee], events=[event]
        ),
    )
    programme.refresh_from_db()
    assert programme.owner == committee
    assert list(programme.partners.all()) == [partner]
    assert list(programme.committees.all()) == [committee]
    assert list(programme.events.all()) == [event]


def test_programme_dates_in_order(plan, coordinator, in_scope):
    goal = factories.GoalFactory(plan=plan)
    with pytest.raises(ValidationError):
        content.programme_save(
            goal=goal,
            user=coordinator,
            data=programme_data(starts_on=dt.date(2027, 5, 1), ends_on=dt.date(2027, 4, 1)),
        )
    assert not Programme.objects.filter(goal=goal).exists()


def test_programme_refuses_another_settlements_committee(plan, coordinator, other_settlement):
    with scopes_disabled():
        foreign = factories.CommitteeFactory(settlement=other_settlement)
    with scope(settlement=plan.settlement):
        goal = factories.GoalFactory(plan=plan)
        with pytest.raises(ForeignObject):
            content.programme_save(goal=goal, user=coordinator, data=programme_data(owner=foreign))
        with pytest.raises(ForeignObject):
            content.programme_save(
                goal=goal, user=coordinator, data=programme_data(committees=[foreign])
            )
        assert not Programme.objects.filter(goal=goal).exists()


def test_programme_link_change_on_approved_plan_names_the_field(
    settlement, approved, coordinator, in_scope
):
    programme = factories.ProgrammeFactory(goal=factories.GoalFactory(plan=approved), title="Club")
    partner = factories.PartnerFactory(settlement=settlement)
    content.programme_save(
        goal=programme.goal,
        programme=programme,
        user=coordinator,
        data={"partners": [partner]},
        reason="A new partner joined",
    )
    [revision] = revisions(approved)
    assert revision.summary == "Programme “Club”: changed: partners"


def test_programme_delete_on_draft(plan, coordinator, in_scope):
    programme = factories.ProgrammeFactory(goal=factories.GoalFactory(plan=plan))
    factories.BudgetLineFactory(programme=programme)
    content.programme_delete(programme=programme, user=coordinator)
    assert not Programme.objects.filter(pk=programme.pk).exists()
    assert not BudgetLine.objects.filter(programme_id=programme.pk).exists()


# --- budget lines -----------------------------------------------------------------------------


def line_data(**extra):
    return {
        "category": BudgetLine.Category.VENUE,
        "description": "Hall hire",
        "planned_expense": Decimal("1000.00"),
        "planned_income": Decimal("0.00"),
        "funding": None,
    } | extra


def test_line_create_with_funding_of_the_plan(plan, coordinator, in_scope):
    programme = factories.ProgrammeFactory(goal=factories.GoalFactory(plan=plan))
    source = factories.FundingSourceFactory(plan=plan)
    line = content.line_save(programme=programme, user=coordinator, data=line_data(funding=source))
    line.refresh_from_db()
    assert line.funding == source
    assert line.planned_expense == Decimal("1000.00")


def test_line_refuses_funding_of_another_plan(settlement, plan, coordinator, in_scope):
    programme = factories.ProgrammeFactory(goal=factories.GoalFactory(plan=plan))
    other_plan = factories.PlanFactory(settlement=settlement, year=2030)
    source = factories.FundingSourceFactory(plan=other_plan)
    with pytest.raises(ForeignObject):
        content.line_save(programme=programme, user=coordinator, data=line_data(funding=source))
    assert not BudgetLine.objects.filter(programme=programme).exists()


def test_line_refuses_negative_money(plan, coordinator, in_scope):
    programme = factories.ProgrammeFactory(goal=factories.GoalFactory(plan=plan))
    with pytest.raises(ValidationError):
        content.line_save(
            programme=programme,
            user=coordinator,
            data=line_data(planned_expense=Decimal("-1.00")),
        )


def test_line_change_on_approved_plan(approved, coordinator, in_scope):
    programme = factories.ProgrammeFactory(goal=factories.GoalFactory(plan=approved))
    line = factories.BudgetLineFactory(programme=programme, description="Hall hire")
    content.line_save(
        programme=programme,
        line=line,
        user=coordinator,
        data=line_data(category=line.category, planned_expense=Decimal("1200.00")),
        reason="The hall costs more",
    )
    [revision] = revisions(approved)
    assert "planned expense: 1000.00 → 1200.00" in revision.summary
    assert revision.summary.startswith("Budget line “Hall hire”")
    assert BudgetLine.objects.get(pk=line.pk).planned_expense == Decimal("1200.00")


def test_line_delete_on_approved_plan(approved, coordinator, in_scope):
    line = factories.BudgetLineFactory(
        programme=factories.ProgrammeFactory(goal=factories.GoalFactory(plan=approved)),
        description="Snacks",
    )
    content.line_delete(line=line, user=coordinator, reason="Not needed")
    [revision] = revisions(approved)
    assert revision.summary == "Budget line “Snacks”: deleted"


# --- funding ----------------------------------------------------------------------------------


def funding_data(**extra):
    return {
        "kind": FundingSource.Kind.GRANT,
        "name": "Ministry grant",
        "amount": Decimal("5000.00"),
        "status": FundingSource.Status.PLANNED,
        "requested_on": None,
        "decided_on": None,
        "received_on": None,
    } | extra


def test_funding_create_and_update(plan, coordinator, in_scope):
    source = content.funding_save(plan=plan, user=coordinator, data=funding_data())
    content.funding_save(
        plan=plan, source=source, user=coordinator, data=funding_data(amount=Decimal("6000"))
    )
    assert FundingSource.objects.get(pk=source.pk).amount == Decimal("6000.00")


def test_funding_delete_leaves_lines_without_source(approved, coordinator, in_scope):
    source = factories.FundingSourceFactory(plan=approved, name="Grant")
    line = factories.BudgetLineFactory(
        programme=factories.ProgrammeFactory(goal=factories.GoalFactory(plan=approved)),
        funding=source,
    )
    content.funding_delete(source=source, user=coordinator, reason="The grant was refused")
    line.refresh_from_db()
    assert line.funding is None
    [revision] = revisions(approved)
    assert "Funding source “Grant”: deleted" in revision.summary
    assert "1 budget lines left without a source" in revision.summary


def test_funding_status_is_not_a_plan_change(approved, submitted, coordinator, in_scope):
    for plan in (approved, submitted):
        source = factories.FundingSourceFactory(plan=plan)
        content.funding_status_set(
            source=source,
            user=coordinator,
            status=FundingSource.Status.RECEIVED,
            on=dt.date(2026, 11, 20),
        )
        source.refresh_from_db()
        assert source.status == FundingSource.Status.RECEIVED
        assert source.received_on == dt.date(2026, 11, 20)
    assert revisions(approved) == []


def test_funding_status_needs_its_date(plan, coordinator, in_scope):
    source = factories.FundingSourceFactory(plan=plan)
    with pytest.raises(ValidationError):
        content.funding_status_set(
            source=source, user=coordinator, status=FundingSource.Status.REQUESTED, on=None
        )
    source.refresh_from_db()
    assert source.status == FundingSource.Status.PLANNED


# --- the plan's title -------------------------------------------------------------------------


def test_plan_title_on_approved_plan(approved, coordinator, in_scope):
    with pytest.raises(ValidationError):
        content.plan_title_save(plan=approved, user=coordinator, title="  Growing   together ")
    approved.refresh_from_db()
    assert approved.title == ""  # refused without a reason, not saved
    content.plan_title_save(
        plan=approved, user=coordinator, title="Growing together", reason="A clearer title"
    )
    approved.refresh_from_db()
    assert approved.title == "Growing together"
    [revision] = revisions(approved)
    assert revision.summary == "Yearly plan “2028”: title: — → Growing together"
