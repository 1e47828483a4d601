"""The plan's way to approval: the coordinator submits it; only the secretary or a board
member approves it or returns it (with comments); an approved plan changes only with a
reason, and each such change is a revision shown on the revisions page."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django_scopes import scope

from coordinator import clock
from coordinator.models import Role
from plans import services
from plans.models import BudgetLine, Plan, PlanRevision
from tests import factories


def text(response) -> str:
    return response.content.decode()


def notes(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def secretary(settlement):
    return factories.member(settlement, Role.SECRETARY, username="secretary", first_name="Sara")


@pytest.fixture
def board_member(settlement):
    return factories.member(settlement, Role.BOARD, username="board", first_name="Boaz")


@pytest.fixture
def draft(settlement):
    plan = factories.PlanFactory(settlement=settlement, year=2027, title="Plan 2027")
    goal = factories.GoalFactory(plan=plan, title="Teenagers have a place")
    youth = factories.CommitteeFactory(settlement=settlement, name="Youth")
    programme = factories.ProgrammeFactory(goal=goal, title="Youth club", owner=youth)
    factories.BudgetLineFactory(
        programme=programme,
        description="Hall hire",
        planned_expense=Decimal("1200.00"),
        planned_income=Decimal("200.00"),
    )
    factories.FundingSourceFactory(plan=plan, amount=Decimal("300.00"), status="approved")
    return plan


@pytest.fixture
def submitted(draft):
    draft.status = Plan.Status.SUBMITTED
    draft.submitted_at = clock.now()
    draft.save()
    return draft


def reload(plan: Plan) -> Plan:
    with scope(settlement=plan.settlement_id):
        return Plan.objects.get(pk=plan.pk)


# --- submitting --------------------------------------------------------------------------


def test_the_coordinator_submits_a_draft(coordinator_client, draft):
    response = coordinator_client.post(reverse("plans:submit", args=[draft.pk]))
    assert response.status_code == 302
    assert response.url == reverse("plans:detail", args=[draft.pk])
    plan = reload(draft)
    assert plan.status == Plan.Status.SUBMITTED
    assert plan.submitted_at == clock.now()
    assert "The plan was sent to the board" in notes(response)[0]


def test_a_plan_without_goals_is_not_submitted_and_says_why(coordinator_client, settlement):
    plan = factories.PlanFactory(settlement=settlement, year=2028)
    response = coordinator_client.post(reverse("plans:submit", args=[plan.pk]))
    assert response.status_code == 302
    assert reload(plan).status == Plan.Status.DRAFT
    assert notes(response) == ["Add at least one goal before submitting the plan."]


def test_a_submitted_plan_is_not_submitted_again(coordinator_client, submitted):
    response = coordinator_client.post(reverse("plans:submit", args=[submitted.pk]))
    assert response.status_code == 302
    assert notes(response) == ["Only a draft or a returned plan can be submitted."]


def test_submit_is_post_only_and_for_the_coordinator(client, secretary, coordinator, draft):
    client.force_login(coordinator)
    assert client.get(reverse("plans:submit", args=[draft.pk])).status_code == 405
    client.force_login(secretary)
    assert client.post(reverse("plans:submit", args=[draft.pk])).status_code == 404
    assert reload(draft).status == Plan.Status.DRAFT


def test_another_settlements_plan_cannot_be_submitted(coordinator_client, other_settlement):
    far = factories.GoalFactory(plan__settlement=other_settlement).plan
    response = coordinator_client.post(reverse("plans:submit", args=[far.pk]))
    assert response.status_code == 404
    assert reload(far).status == Plan.Status.DRAFT


# --- deciding ----------------------------------------------------------------------------


def test_the_decision_page_sums_up_the_plan(client, secretary, submitted):
    client.force_login(secretary)
    response = client.get(reverse("plans:decide", args=[submitted.pk]))
    assert response.status_code == 200
    body = text(response)
    assert "Teenagers have a place" in body
    assert "1,200.00\u00a0€" in body  # planned expense
    assert "1,000.00\u00a0€" in body  # cost to the settlement (1200 less 200 income)
    assert "700.00\u00a0€" in body  # still to raise: 1000 less 300 secured
    assert 'name="decision"' in body


def test_the_secretary_approves(client, secretary, submitted):
    client.force_login(secretary)
    response = client.post(
        reverse("plans:decide", args=[submitted.pk]), {"decision": "approve", "comment": ""}
    )
    assert response.status_code == 302
    assert response.url == reverse("plans:detail", args=[submitted.pk])
    plan = reload(submitted)
    assert plan.status == Plan.Status.APPROVED
    assert plan.decided_by == secretary
    assert plan.decided_at == clock.now()


def test_a_board_member_returns_it_with_comments(client, board_member, submitted):
    client.force_login(board_member)
    response = client.post(
        reverse("plans:decide", args=[submitted.pk]),
        {"decision": "return", "comment": "Price the youth club again."},
    )
    assert response.status_code == 302
    plan = reload(submitted)
    assert plan.status == Plan.Status.RETURNED
    assert plan.decision_comment == "Price the youth club again."
    assert plan.decided_by == board_member


def test_returning_needs_a_comment(client, board_member, submitted):
    client.force_login(board_member)
    response = client.post(
        reverse("plans:decide", args=[submitted.pk]), {"decision": "return", "comment": "  "}
    )
    assert response.status_code == 400
    assert "Say what should change when you return the plan." in text(response)
    assert reload(submitted).status == Plan.Status.SUBMITTED


def test_an_empty_decision_is_refused(client, secretary, submitted):
    client.force_login(secretary)
    response = client.post(reverse("plans:decide", args=[submitted.pk]), {})
    assert response.status_code == 400
    assert "Choose whether to approve the plan or return it." in text(response)
    assert reload(submitted).status == Plan.Status.SUBMITTED


def test_the_service_refuses_a_return_without_comment(settlement, secretary, submitted):
    with scope(settlement=settlement.pk), pytest.raises(ValidationError):
        services.plan_decide(plan=submitted, user=secretary, approve=False, comment=" ")
    assert reload(submitted).status == Plan.Status.SUBMITTED


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.CHAIR, Role.SOCIAL_WORKER, "staff"])
def test_only_the_secretary_or_the_board_decide(client, settlement, submitted, role):
    if role == "staff":
        user = factories.council_staff(settlement.council)
    else:
        user = factories.member(settlement, role)
    client.force_login(user)
    url = reverse("plans:decide", args=[submitted.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"decision": "approve"}).status_code == 404
    assert reload(submitted).status == Plan.Status.SUBMITTED


def test_a_plan_not_submitted_has_nothing_to_decide(client, secretary, draft):
    client.force_login(secretary)
    url = reverse("plans:decide", args=[draft.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert "There is nothing to decide" in text(response)
    assert 'name="decision"' not in text(response)
    response = client.post(url, {"decision": "approve"})
    assert response.status_code == 400
    assert reload(draft).status == Plan.Status.DRAFT


def test_another_settlements_plan_is_not_decided_here(client, secretary, other_settlement):
    far = factories.PlanFactory(settlement=other_settlement, status=Plan.Status.SUBMITTED)
    client.force_login(secretary)
    url = reverse("plans:decide", args=[far.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"decision": "approve"}).status_code == 404
    assert reload(far).status == Plan.Status.SUBMITTED


# Baseline (session, user, memberships), the plan, its overview (7, with the committees'
# work plans since the programme has an owner).
DECIDE = 11


def test_the_decision_page_queries_are_fixed(
    client, secretary, submitted, django_assert_num_queries
):
    client.force_login(secretary)
    url = reverse("plans:decide", args=[submitted.pk])
    client.get(url)
    with django_assert_num_queries(DECIDE):
        assert client.get(url).status_code == 200
    for n in range(15):
        goal = factories.GoalFactory(plan=submitted, title=f"More {n}")
        programme = factories.ProgrammeFactory(goal=goal)
        factories.BudgetLineFactory(programme=programme)
        factories.TargetFactory(goal=goal)
    with django_assert_num_queries(DECIDE):
        assert client.get(url).status_code == 200


# --- an approved plan: changes are revisions --------------------------------------------


@transaction.atomic
def line_reprice(*, line: BudgetLine, user, amount: Decimal, reason: str = "") -> None:
    """A small write of the plan's content, as the plan's forms do it."""
    plan = line.programme.goal.plan
    services.plan_change(
        plan,
        user=user,
        reason=reason,
        summary=services.describe(
            "Budget line",
            str(line),
            {"planned expense": (line.planned_expense, amount)},
        ),
    )
    line.planned_expense = amount
    line.save(update_fields=["planned_expense"])


@pytest.fixture
def approved(submitted, secretary):
    with scope(settlement=submitted.settlement_id):
        return services.plan_decide(plan=submitted, user=secretary, approve=True)


def the_line(plan: Plan) -> BudgetLine:
    with scope(settlement=plan.settlement_id):
        return BudgetLine.objects.select_related("programme__goal__plan").get(
            programme__goal__plan=plan
        )


def test_an_approved_plan_does_not_change_without_a_reason(approved, coordinator):
    line = the_line(approved)
    with scope(settlement=approved.settlement_id):
        with pytest.raises(ValidationError) as raised:
            line_reprice(line=line, user=coordinator, amount=Decimal("900.00"), reason="  ")
        assert raised.value.code == "reason"
        assert PlanRevision.objects.filter(plan=approved).count() == 0
    assert the_line(approved).planned_expense == Decimal("1200.00")


def test_a_submitted_plan_does_not_change_at_all(submitted, coordinator):
    line = the_line(submitted)
    with scope(settlement=submitted.settlement_id):
        with pytest.raises(ValidationError) as raised:
            line_reprice(line=line, user=coordinator, amount=Decimal("900.00"), reason="Why")
    assert raised.value.code == "submitted"
    assert the_line(submitted).planned_expense == Decimal("1200.00")


def test_a_change_with_a_reason_is_a_revision_on_the_revisions_page(
    client, approved, coordinator, board_member
):
    line = the_line(approved)
    with scope(settlement=approved.settlement_id):
        line_reprice(
            line=line, user=coordinator, amount=Decimal("900.00"), reason="The grant shrank"
        )
    assert the_line(approved).planned_expense == Decimal("900.00")
    client.force_login(board_member)
    response = client.get(reverse("plans:revisions", args=[approved.pk]))
    assert response.status_code == 200
    body = text(response)
    assert "The grant shrank" in body
    assert "Budget line “Hall hire”: planned expense: 1200.00 → 900.00" in body
    assert "coord" in body  # who
    assert "Decided by Sara" in body  # the decision, by the secretary


def test_revisions_are_newest_first_and_paged_by_twenty(
    coordinator_client, approved, django_assert_num_queries
):
    import datetime as dt

    for n in range(22):
        factories.PlanRevisionFactory(
            plan=approved,
            reason=f"Reason number {n:02d}",
            made_at=clock.now() + dt.timedelta(minutes=n),
        )
    url = reverse("plans:revisions", args=[approved.pk])
    body = text(coordinator_client.get(url))
    assert body.index("Reason number 21") < body.index("Reason number 20")
    assert "Reason number 01" not in body
    assert "Page 1 of 2" in body
    second = text(coordinator_client.get(url, {"page": 2}))
    assert "Reason number 01" in second and "Reason number 00" in second


def test_the_revisions_page_says_when_there_are_none(coordinator_client, draft):
    response = coordinator_client.get(reverse("plans:revisions", args=[draft.pk]))
    assert response.status_code == 200
    assert "No revisions" in text(response)
    assert "The board has not decided on this plan yet." in text(response)


def test_another_settlements_revisions_are_not_shown(coordinator_client, other_settlement):
    far = factories.PlanRevisionFactory(plan__settlement=other_settlement).plan
    assert coordinator_client.get(reverse("plans:revisions", args=[far.pk])).status_code == 404


REVISIONS = 6  # baseline (3), the plan, the count, the page of revisions


def test_the_revisions_page_queries_are_fixed(
    coordinator_client, approved, django_assert_num_queries
):
    url = reverse("plans:revisions", args=[approved.pk])
    factories.PlanRevisionFactory(plan=approved)
    coordinator_client.get(url)
    with django_assert_num_queries(REVISIONS):
        assert coordinator_client.get(url).status_code == 200
    for _n in range(30):
        factories.PlanRevisionFactory(plan=approved, made_by=factories.UserFactory())
    with django_assert_num_queries(REVISIONS):
        assert coordinator_client.get(url).status_code == 200


# --- the status panel of the plan page ---------------------------------------------------


def panel(plan: Plan, *, can_change=False, can_decide=False, revisions_count=0) -> str:
    with scope(settlement=plan.settlement_id):
        plan = Plan.objects.select_related("decided_by").get(pk=plan.pk)
        return render_to_string(
            "plans/_decision.html",
            {
                "plan": plan,
                "can_change": can_change,
                "can_decide": can_decide,
                "revisions_count": revisions_count,
            },
        )


def test_the_panel_offers_submitting_a_draft_to_its_coordinator(draft):
    html = panel(draft, can_change=True)
    assert "Submit to the board" in html
    assert reverse("plans:submit", args=[draft.pk]) in html
    assert "Submit to the board" not in panel(draft)


def test_the_panel_shows_the_boards_comments_on_a_returned_plan(submitted, board_member):
    with scope(settlement=submitted.settlement_id):
        services.plan_decide(
            plan=submitted, user=board_member, approve=False, comment="Add the seniors"
        )
    html = panel(submitted, can_change=True)
    assert "Add the seniors" in html
    assert "Returned by Boaz" in html
    assert "Submit to the board" in html


def test_the_panel_of_a_submitted_plan_links_deciders_to_the_decision(submitted):
    assert "With the board since" in panel(submitted)
    assert reverse("plans:decide", args=[submitted.pk]) not in panel(submitted)
    assert reverse("plans:decide", args=[submitted.pk]) in panel(submitted, can_decide=True)


def test_the_panel_of_an_approved_plan_counts_its_revisions(approved):
    html = panel(approved, revisions_count=3)
    assert "Approved by Sara" in html
    assert "3 revisions since approval" in html
    assert reverse("plans:revisions", args=[approved.pk]) in html
    assert "kept as a revision" in html
