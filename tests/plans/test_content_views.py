"""The pages that write the plan: the plans of the years, the vision, the plan's title, its
goals, targets, programmes, budget lines and funding. Every page answers, every form
saves valid input, answers invalid input with 400, and another settlement's objects (or a
chair, or council staff) with 404."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from coordinator.models import Role
from plans.models import (
    BudgetLine,
    FundingSource,
    Goal,
    Plan,
    PlanRevision,
    Programme,
    Target,
    Vision,
)
from tests import factories

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def plan(settlement):
    return factories.PlanFactory(settlement=settlement, year=2027, title="Plan of belonging")


@pytest.fixture
def goal(plan):
    return factories.GoalFactory(plan=plan, title="Young people belong")


@pytest.fixture
def target(goal):
    return factories.TargetFactory(goal=goal, indicator="Club members")


@pytest.fixture
def programme(goal):
    return factories.ProgrammeFactory(goal=goal, title="Youth club")


@pytest.fixture
def source(plan):
    return factories.FundingSourceFactory(plan=plan, name="Council budget")


@pytest.fixture
def line(programme, source):
    return factories.BudgetLineFactory(programme=programme, description="Hall hire", funding=source)


@pytest.fixture
def secretary_client(client, settlement):
    client.force_login(factories.member(settlement, Role.SECRETARY, username="secretary"))
    return client


def detail(plan, anchor=""):
    url = reverse("plans:detail", args=[plan.pk])
    return f"{url}#{anchor}" if anchor else url


# --- the plans of the years -------------------------------------------------------------------


def test_list_empty_invites_to_write_the_first_plan(coordinator_client):
    response = coordinator_client.get(reverse("plans:list"))
    assert response.status_code == 200
    assert "Write the first one" in text(response)
    assert 'name="year"' in text(response)
    assert 'value="2027"' in text(response)  # November: next year's plan


def test_list_default_year_before_september(coordinator_client, fixed_clock):
    fixed_clock.set_now(dt.datetime(2026, 3, 10, 10, tzinfo=dt.UTC))
    response = coordinator_client.get(reverse("plans:list"))
    assert 'value="2026"' in text(response)


def test_list_shows_plans_newest_first_with_budget(coordinator_client, plan, line, settlement):
    factories.PlanFactory(settlement=settlement, year=2026, status=Plan.Status.APPROVED)
    response = coordinator_client.get(reverse("plans:list"))
    body = text(response)
    assert body.index("2027") < body.index("2026")
    assert "1,000.00" in body
    assert "Approved" in body and "Draft" in body


def test_list_is_paged(coordinator_client, settlement):
    for year in range(2030, 2052):
        factories.PlanFactory(settlement=settlement, year=year)
    body = text(coordinator_client.get(reverse("plans:list")))
    assert "Page 1 of 2" in body
    assert "2051" in body and ">2031<" not in body


def test_create_plan(coordinator_client, settlement):
    response = coordinator_client.post(reverse("plans:list"), {"year": "2028", "title": "Ours"})
    with scopes_disabled():
        plan = Plan.objects.get(settlement=settlement, year=2028)
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:detail", args=[plan.pk])
    assert plan.title == "Ours"


def test_create_plan_for_a_year_that_has_one_is_400(coordinator_client, plan):
    response = coordinator_client.post(reverse("plans:list"), {"year": "2027"})
    assert response.status_code == 400
    assert "There is a plan for 2027 already." in text(response)


@pytest.mark.parametrize("year", ["", "1999", "2101", "soon"])
def test_create_plan_bad_year_is_400(coordinator_client, year):
    response = coordinator_client.post(reverse("plans:list"), {"year": year})
    assert response.status_code == 400
    with scopes_disabled():
        assert not Plan.objects.exists()


def test_secretary_reads_the_list_without_the_form(secretary_client, plan):
    response = secretary_client.get(reverse("plans:list"))
    assert response.status_code == 200
    assert "Plan of belonging" in text(response)
    assert 'name="year"' not in text(response)
    assert secretary_client.post(reverse("plans:list"), {"year": "2030"}).status_code == 404


def test_other_settlements_plans_are_not_listed(client, other_settlement_coordinator, plan):
    client.force_login(other_settlement_coordinator)
    assert "Plan of belonging" not in text(client.get(reverse("plans:list")))


@pytest.mark.parametrize("who", ["chair", "council_staff"])
def test_chair_and_council_staff_get_404(client, request, who, plan):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("plans:list")).status_code == 404
    assert client.get(reverse("plans:vision")).status_code == 404
    assert client.get(reverse("plans:funding", args=[plan.pk])).status_code == 404
    assert client.get(reverse("plans:goal_create", args=[plan.pk])).status_code == 404


# --- the vision -------------------------------------------------------------------------------


def test_vision_empty_state(coordinator_client):
    response = coordinator_client.get(reverse("plans:vision"))
    assert response.status_code == 200
    assert "no vision written yet" in text(response)


def test_vision_save_and_history(coordinator_client, settlement, coordinator, fixed_clock):
    url = reverse("plans:vision")
    response = coordinator_client.post(url, {"statement": "First words", "values": "Trust"})
    assert response.status_code == 302
    fixed_clock.set_now(factories.FIXED_NOW + dt.timedelta(minutes=5))
    coordinator_client.post(url, {"statement": "Second words", "values": "Trust"})
    with scopes_disabled():
        vision = Vision.objects.get(settlement=settlement)
    assert vision.statement == "Second words"
    body = text(coordinator_client.get(url))
    assert "Last revised by" in body and "coord" in body
    assert "Earlier versions" in body
    assert "First words" in body  # the earlier version, listed


def test_vision_empty_statement_is_400(coordinator_client, settlement):
    response = coordinator_client.post(reverse("plans:vision"), {"statement": "  ", "values": ""})
    assert response.status_code == 400
    assert "Write the vision before saving." in text(response)
    with scopes_disabled():
        assert not Vision.objects.filter(settlement=settlement).exists()


def test_secretary_reads_the_vision(secretary_client, settlement):
    factories.VisionFactory(settlement=settlement, statement="Belonging for all")
    response = secretary_client.get(reverse("plans:vision"))
    assert "Belonging for all" in text(response)
    assert 'name="statement"' not in text(response)
    post = secretary_client.post(reverse("plans:vision"), {"statement": "Mine"})
    assert post.status_code == 404


def test_vision_of_another_settlement_is_not_shown(
    client, other_settlement_coordinator, settlement
):
    factories.VisionFactory(settlement=settlement, statement="Home words")
    client.force_login(other_settlement_coordinator)
    assert "Home words" not in text(client.get(reverse("plans:vision")))


# --- the plan's title -------------------------------------------------------------------------


def test_plan_edit(coordinator_client, plan):
    url = reverse("plans:edit", args=[plan.pk])
    assert coordinator_client.get(url).status_code == 200
    response = coordinator_client.post(url, {"title": "Together"})
    assert response.status_code == 302
    assert response["Location"] == detail(plan)
    plan.refresh_from_db()
    assert plan.title == "Together"


def test_plan_edit_too_long_is_400(coordinator_client, plan):
    response = coordinator_client.post(reverse("plans:edit", args=[plan.pk]), {"title": "x" * 201})
    assert response.status_code == 400


# --- goals ------------------------------------------------------------------------------------


def test_goal_create(coordinator_client, plan, settlement):
    need = factories.NeedFactory(settlement=settlement, title="Nothing for teenagers")
    factories.NeedFactory(settlement=settlement, title="Set aside need", status="dropped")
    url = reverse("plans:goal_create", args=[plan.pk])
    page = text(coordinator_client.get(url))
    assert "Nothing for teenagers" in page and "Set aside need" not in page
    assert 'type="checkbox"' in page and 'name="age_groups" value="youth"' in page
    response = coordinator_client.post(
        url,
        {"title": "Teenagers belong", "needs": [need.pk], "age_groups": ["youth", "children"]},
    )
    with scopes_disabled():
        goal = Goal.objects.get(plan=plan)
        assert list(goal.needs.all()) == [need]
    assert response["Location"] == detail(plan, f"goal-{goal.pk}")
    assert goal.age_groups == ["children", "youth"]


def test_goal_create_without_title_is_400(coordinator_client, plan):
    response = coordinator_client.post(reverse("plans:goal_create", args=[plan.pk]), {"title": ""})
    assert response.status_code == 400
    assert "Nothing was saved" in text(response)


def test_goal_create_with_another_settlements_need_is_400(
    coordinator_client, plan, other_settlement
):
    with scopes_disabled():
        foreign = factories.NeedFactory(settlement=other_settlement)
    response = coordinator_client.post(
        reverse("plans:goal_create", args=[plan.pk]), {"title": "X", "needs": [foreign.pk]}
    )
    assert response.status_code == 400
    assert "not in this settlement" in text(response)


def test_goal_edit(coordinator_client, goal, plan):
    url = reverse("plans:goal_edit", args=[goal.pk])
    assert "Young people belong" in text(coordinator_client.get(url))
    response = coordinator_client.post(url, {"title": "All young people belong"})
    assert response["Location"] == detail(plan, f"goal-{goal.pk}")
    goal.refresh_from_db()
    assert goal.title == "All young people belong"


def test_goal_delete_names_what_goes_with_it(coordinator_client, goal, target, line, plan):
    url = reverse("plans:goal_delete", args=[goal.pk])
    body = text(coordinator_client.get(url))
    assert "1 target" in body and "1 programme" in body and "1 budget line" in body
    response = coordinator_client.post(url)
    assert response["Location"] == detail(plan, "goals")
    with scopes_disabled():
        assert not Goal.objects.filter(pk=goal.pk).exists()


def test_submitted_plan_form_is_disabled_and_refuses(coordinator_client, plan, goal):
    plan.status = Plan.Status.SUBMITTED
    plan.save()
    url = reverse("plans:goal_edit", args=[goal.pk])
    response = coordinator_client.get(url)
    assert response.status_code == 200
    assert "with the board for approval" in text(response)
    assert "disabled" in text(response)
    response = coordinator_client.post(url, {"title": "Changed"})
    assert response.status_code == 400
    goal.refresh_from_db()
    assert goal.title == "Young people belong"
    delete = coordinator_client.post(reverse("plans:goal_delete", args=[goal.pk]))
    assert delete.status_code == 400


def test_approved_plan_asks_why_and_records_a_revision(coordinator_client, plan, goal):
    plan.status = Plan.Status.APPROVED
    plan.save()
    url = reverse("plans:goal_edit", args=[goal.pk])
    body = text(coordinator_client.get(url))
    assert "This plan is approved: changes are kept as revisions." in body
    assert "Why this change?" in body
    response = coordinator_client.post(url, {"title": "New"})
    assert response.status_code == 400
    response = coordinator_client.post(url, {"title": "New", "reason": "Board asked"})
    assert response.status_code == 302
    with scopes_disabled():
        revision = PlanRevision.objects.get(plan=plan)
    assert revision.reason == "Board asked"
    assert "Young people belong" in revision.summary


def test_draft_form_has_no_reason_field(coordinator_client, goal):
    body = text(coordinator_client.get(reverse("plans:goal_edit", args=[goal.pk])))
    assert "Why this change?" not in body


# --- targets ----------------------------------------------------------------------------------


TARGET = {
    "indicator": "Teenagers at the club",
    "baseline": "5",
    "target_value": "30",
    "unit": "people",
    "how_measured": "Attendance",
}


def test_target_create_edit_delete(coordinator_client, goal, plan):
    url = reverse("plans:target_create", args=[goal.pk])
    assert coordinator_client.get(url).status_code == 200
    response = coordinator_client.post(url, TARGET)
    with scopes_disabled():
        target = Target.objects.get(goal=goal)
    assert response["Location"] == detail(plan, f"target-{target.pk}")
    edit = reverse("plans:target_edit", args=[target.pk])
    assert coordinator_client.get(edit).status_code == 200
    coordinator_client.post(edit, TARGET | {"target_value": "35"})
    target.refresh_from_db()
    assert target.target_value == Decimal("35.00")
    delete = reverse("plans:target_delete", args=[target.pk])
    assert coordinator_client.get(delete).status_code == 200
    assert coordinator_client.post(delete)["Location"] == detail(plan, f"goal-{goal.pk}")
    with scopes_disabled():
        assert not Target.objects.filter(pk=target.pk).exists()


def test_target_invalid_is_400(coordinator_client, goal):
    url = reverse("plans:target_create", args=[goal.pk])
    response = coordinator_client.post(url, TARGET | {"target_value": "lots"})
    assert response.status_code == 400
    with scopes_disabled():
        assert not Target.objects.filter(goal=goal).exists()


# --- programmes -------------------------------------------------------------------------------


def test_programme_create_with_links(coordinator_client, goal, plan, settlement):
    committee = factories.CommitteeFactory(settlement=settlement, name="Youth committee")
    event = factories.EventFactory(settlement=settlement, title={"en": "Summer party"})
    url = reverse("plans:programme_create", args=[goal.pk])
    body = text(coordinator_client.get(url))
    assert "Youth committee" in body and "Summer party" in body
    response = coordinator_client.post(
        url,
        {
            "title": "Club nights",
            "owner": committee.pk,
            "starts_on": "2027-01-01",
            "ends_on": "2027-06-30",
            "events": [event.pk],
        },
    )
    with scopes_disabled():
        programme = Programme.objects.get(goal=goal)
        assert list(programme.events.all()) == [event]
    assert response["Location"] == detail(plan, f"programme-{programme.pk}")
    assert programme.owner == committee


def test_programme_ends_before_it_starts_is_400(coordinator_client, goal):
    response = coordinator_client.post(
        reverse("plans:programme_create", args=[goal.pk]),
        {"title": "Club", "starts_on": "2027-06-01", "ends_on": "2027-01-01"},
    )
    assert response.status_code == 400
    assert "cannot end before it starts" in text(response)


def test_programme_with_another_settlements_committee_is_400(
    coordinator_client, goal, other_settlement
):
    with scopes_disabled():
        foreign = factories.CommitteeFactory(settlement=other_settlement)
    response = coordinator_client.post(
        reverse("plans:programme_create", args=[goal.pk]), {"title": "Club", "owner": foreign.pk}
    )
    assert response.status_code == 400


def test_programme_edit_and_delete(coordinator_client, programme, line, plan):
    edit = reverse("plans:programme_edit", args=[programme.pk])
    assert coordinator_client.get(edit).status_code == 200
    coordinator_client.post(edit, {"title": "Club evenings"})
    programme.refresh_from_db()
    assert programme.title == "Club evenings"
    delete = reverse("plans:programme_delete", args=[programme.pk])
    assert "1 budget line" in text(coordinator_client.get(delete))
    response = coordinator_client.post(delete)
    assert response["Location"] == detail(plan, f"goal-{programme.goal_id}")
    with scopes_disabled():
        assert not Programme.objects.filter(pk=programme.pk).exists()


# --- budget lines -----------------------------------------------------------------------------


def test_line_create_edit_delete(coordinator_client, programme, source, plan):
    url = reverse("plans:line_create", args=[programme.pk])
    assert "Council budget" in text(coordinator_client.get(url))
    response = coordinator_client.post(
        url,
        {
            "category": "venue",
            "description": "Hall",
            "planned_expense": "1200.50",
            "planned_income": "0",
            "funding": source.pk,
        },
    )
    with scopes_disabled():
        line = BudgetLine.objects.get(programme=programme)
    assert response["Location"] == detail(plan, f"line-{line.pk}")
    assert line.planned_expense == Decimal("1200.50")
    assert line.funding == source
    edit = reverse("plans:line_edit", args=[line.pk])
    assert coordinator_client.get(edit).status_code == 200
    coordinator_client.post(
        edit, {"category": "venue", "planned_expense": "900", "planned_income": "100"}
    )
    line.refresh_from_db()
    assert (line.planned_expense, line.planned_income) == (Decimal("900.00"), Decimal("100.00"))
    delete = reverse("plans:line_delete", args=[line.pk])
    assert coordinator_client.get(delete).status_code == 200
    assert coordinator_client.post(delete)["Location"] == detail(plan, f"programme-{programme.pk}")
    with scopes_disabled():
        assert not BudgetLine.objects.filter(pk=line.pk).exists()


@pytest.mark.parametrize(
    "data", [{"planned_expense": "-5", "planned_income": "0"}, {"planned_expense": "abc"}]
)
def test_line_bad_money_is_400(coordinator_client, programme, data):
    response = coordinator_client.post(
        reverse("plans:line_create", args=[programme.pk]), {"category": "venue", **data}
    )
    assert response.status_code == 400


def test_line_with_funding_of_another_plan_is_400(coordinator_client, programme, settlement):
    other = factories.FundingSourceFactory(plan=factories.PlanFactory(settlement=settlement))
    response = coordinator_client.post(
        reverse("plans:line_create", args=[programme.pk]),
        {"category": "venue", "planned_expense": "5", "planned_income": "0", "funding": other.pk},
    )
    assert response.status_code == 400
    assert "Choose a funding source of this plan." in text(response)


# --- funding ----------------------------------------------------------------------------------


FUNDING = {"kind": "grant", "name": "Youth grant", "amount": "3000", "status": "planned"}


def test_funding_page_shows_sources_and_what_is_still_to_raise(
    coordinator_client, plan, line, source
):
    source.status = FundingSource.Status.APPROVED
    source.save()
    factories.FundingSourceFactory(plan=plan, name="Hoped grant", amount=Decimal("200.00"))
    body = text(coordinator_client.get(reverse("plans:funding", args=[plan.pk])))
    assert "Council budget" in body and "Hoped grant" in body
    assert "Still to raise" in body
    assert "500.00" in body  # 1000 planned expense less 500 approved
    assert "Add a funding source" in body


def test_funding_add(coordinator_client, plan):
    url = reverse("plans:funding", args=[plan.pk])
    response = coordinator_client.post(url, FUNDING)
    assert response["Location"] == url
    with scopes_disabled():
        assert FundingSource.objects.get(plan=plan).amount == Decimal("3000.00")


def test_funding_add_negative_is_400(coordinator_client, plan):
    url = reverse("plans:funding", args=[plan.pk])
    response = coordinator_client.post(url, FUNDING | {"amount": "-1"})
    assert response.status_code == 400
    with scopes_disabled():
        assert not FundingSource.objects.filter(plan=plan).exists()


def test_secretary_reads_funding_without_forms(secretary_client, plan, source):
    url = reverse("plans:funding", args=[plan.pk])
    body = text(secretary_client.get(url))
    assert "Council budget" in body and "Add a funding source" not in body
    assert secretary_client.post(url, FUNDING).status_code == 404


def test_funding_edit_and_delete(coordinator_client, source, line, plan):
    edit = reverse("plans:funding_edit", args=[source.pk])
    assert coordinator_client.get(edit).status_code == 200
    coordinator_client.post(edit, FUNDING | {"name": "Council"})
    source.refresh_from_db()
    assert source.name == "Council"
    delete = reverse("plans:funding_delete", args=[source.pk])
    assert "left without a funding source" in text(coordinator_client.get(delete))
    assert coordinator_client.post(delete)["Location"] == reverse("plans:funding", args=[plan.pk])
    line.refresh_from_db()
    assert line.funding is None


def test_funding_status(coordinator_client, source, plan):
    plan.status = Plan.Status.APPROVED
    plan.save()
    url = reverse("plans:funding_status", args=[source.pk])
    response = coordinator_client.post(url, {"status": "requested", "on": "2026-11-20"})
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.status == "requested"
    assert source.requested_on == dt.date(2026, 11, 20)
    with scopes_disabled():
        assert not PlanRevision.objects.filter(plan=plan).exists()


@pytest.mark.parametrize("data", [{}, {"status": "requested"}, {"status": "won"}])
def test_funding_status_invalid_is_400(coordinator_client, source, data):
    response = coordinator_client.post(reverse("plans:funding_status", args=[source.pk]), data)
    assert response.status_code == 400
    source.refresh_from_db()
    assert source.status == "planned"


def test_funding_status_get_is_405(coordinator_client, source):
    response = coordinator_client.get(reverse("plans:funding_status", args=[source.pk]))
    assert response.status_code == 405


# --- another settlement -----------------------------------------------------------------------


@pytest.fixture
def foreign(other_settlement):
    with scopes_disabled():
        plan = factories.PlanFactory(settlement=other_settlement, year=2027)
        goal = factories.GoalFactory(plan=plan)
        programme = factories.ProgrammeFactory(goal=goal)
        source = factories.FundingSourceFactory(plan=plan)
        return {
            "plan": plan,
            "goal": goal,
            "target": factories.TargetFactory(goal=goal),
            "programme": programme,
            "line": factories.BudgetLineFactory(programme=programme),
            "source": source,
        }


@pytest.mark.parametrize(
    ("name", "obj"),
    [
        ("plans:edit", "plan"),
        ("plans:goal_create", "plan"),
        ("plans:funding", "plan"),
        ("plans:goal_edit", "goal"),
        ("plans:goal_delete", "goal"),
        ("plans:target_create", "goal"),
        ("plans:programme_create", "goal"),
        ("plans:target_edit", "target"),
        ("plans:target_delete", "target"),
        ("plans:programme_edit", "programme"),
        ("plans:programme_delete", "programme"),
        ("plans:line_create", "programme"),
        ("plans:line_edit", "line"),
        ("plans:line_delete", "line"),
        ("plans:funding_edit", "source"),
        ("plans:funding_delete", "source"),
    ],
)
def test_another_settlements_objects_are_404(coordinator_client, foreign, name, obj):
    url = reverse(name, args=[foreign[obj].pk])
    assert coordinator_client.get(url).status_code == 404
    assert coordinator_client.post(url, {"title": "x"}).status_code == 404


def test_another_settlements_funding_status_is_404(coordinator_client, foreign):
    url = reverse("plans:funding_status", args=[foreign["source"].pk])
    response = coordinator_client.post(url, {"status": "requested", "on": "2026-11-20"})
    assert response.status_code == 404
