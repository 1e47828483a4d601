"""The yearly work plan of a committee: goals and activities with dates, a budget request
and a status; totals exact in Decimal; read by the board and the secretary, kept by the
coordinator and the committee's own chairs."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from django_scopes import scope
from hypothesis import given
from hypothesis import strategies as st

from committees import services_plans as services
from committees.models import WorkPlan, WorkPlanActivity, WorkPlanGoal
from committees.money import money
from committees.selectors_plans import Progress, progress_class
from coordinator.models import Role
from tests import factories

Status = WorkPlanActivity.Status
NBSP = "\u00a0"


def text(response) -> str:
    return response.content.decode()


def rows(settlement, model, **filters) -> list:
    with scope(settlement=settlement.pk):
        return list(model.objects.filter(**filters).order_by("pk"))


@pytest.fixture
def chair_b(settlement):
    return factories.member(settlement, Role.CHAIR, username="chair_b")


@pytest.fixture
def committee(settlement, chair):
    return factories.CommitteeFactory(settlement=settlement, name="Culture", chairs=[chair])


@pytest.fixture
def committee_b(settlement, chair_b):
    return factories.CommitteeFactory(settlement=settlement, name="Youth", chairs=[chair_b])


@pytest.fixture
def plan(committee):
    """Two goals (made in the reverse of their order) with seven activities."""
    plan = factories.WorkPlanFactory(committee=committee, year=2026, summary="A year of culture")
    library = factories.WorkPlanGoalFactory(work_plan=plan, title="Library corner", position=1)
    festival = factories.WorkPlanGoalFactory(work_plan=plan, title="Summer festival", position=0)
    activity = factories.WorkPlanActivityFactory
    activity(goal=festival, title="Posters", budget_request="0.10", status=Status.DONE)
    activity(goal=festival, title="Stage", budget_request="0.20", status=Status.PLANNED)
    activity(goal=festival, title="Fireworks", budget_request="1200.05", status=Status.CANCELLED)
    activity(goal=library, title="Shelves", budget_request="1000.00", status=Status.DONE)
    activity(goal=library, title="Books", budget_request="99.99", status=Status.IN_PROGRESS)
    activity(goal=library, title="Opening", budget_request="5.00", status=Status.POSTPONED)
    activity(
        goal=library,
        title="Reading club",
        budget_request=0,
        status=Status.PLANNED,
        starts_on=None,
        ends_on=None,
    )
    return {"plan": plan, "festival": festival, "library": library}


def plan_url(committee, **params) -> str:
    url = reverse("committees:work_plan", args=[committee.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def activity_post(**overrides):
    data = {
        "title": "Poetry evening",
        "starts_on": "2026-12-01",
        "ends_on": "2026-12-01",
        "budget_request": "350.50",
        "status": "planned",
        "notes": "In the club house",
    }
    data.update(overrides)
    return data


# --- the plan ------------------------------------------------------------------------------


def test_plan_shows_goals_in_order_with_exact_totals(coordinator_client, committee, plan):
    response = coordinator_client.get(plan_url(committee))
    assert response.status_code == 200
    view = response.context["plan"]
    assert view.year == 2026
    assert [g.goal.title for g in view.goals] == ["Summer festival", "Library corner"]
    festival, library = view.goals
    # Cancelled activities are not counted: 0.10 + 0.20, then 1000 + 99.99 + 5 + 0.
    assert festival.progress.budget == Decimal("0.30")
    assert library.progress.budget == Decimal("1104.99")
    assert view.progress.budget == Decimal("1105.29")
    assert isinstance(view.progress.budget, Decimal)
    assert (view.progress.done, view.progress.counted, view.progress.cancelled) == (2, 6, 1)
    assert view.progress.percent == 33 and view.progress.bar_class == "w-30"
    counts = {row.status: row.count for row in view.status_counts}
    assert counts == {"planned": 2, "in_progress": 1, "done": 2, "postponed": 1, "cancelled": 1}
    page = text(response)
    assert f"1,105.29{NBSP}€" in page
    assert f"1,200.05{NBSP}€" in page  # the cancelled activity's own amount is still shown
    # Each goal's total, in its footer.
    assert re.search(rf"Budget request: <span class=\"fw-semibold\">0.30{NBSP}€</span>", page)
    assert re.search(rf"Budget request: <span class=\"fw-semibold\">1,104.99{NBSP}€</span>", page)
    assert "2 of 6 done" in page and "1 cancelled, not counted" in page
    assert "A year of culture" in page
    assert 'class="progress-bar bg-success w-30"' in page
    assert 'aria-valuenow="33"' in page
    # Undated activities come last in their goal.
    assert [a.title for a in library.activities][-1] == "Reading club"
    assert "no dates yet" in page


def test_plan_in_shekels(coordinator_client, settlement, committee, plan):
    settlement.currency = "ILS"
    settlement.save()
    page = text(coordinator_client.get(plan_url(committee)))
    assert f"1,105.29{NBSP}₪" in page
    assert "€" not in page


def test_keepers_see_edit_controls(coordinator_client, client, chair, committee, plan):
    goal = plan["festival"]
    for user_client in (coordinator_client,):
        page = text(user_client.get(plan_url(committee)))
        assert reverse("committees:goal_edit", args=[goal.pk]) in page
        assert reverse("committees:activity_add", args=[goal.pk]) in page
    client.force_login(chair)
    page = text(client.get(plan_url(committee)))
    assert reverse("committees:goal_delete", args=[goal.pk]) in page


@pytest.mark.parametrize("role", [Role.BOARD, Role.SECRETARY])
def test_board_and_secretary_read_only(client, settlement, committee, plan, role):
    client.force_login(factories.member(settlement, role))
    response = client.get(plan_url(committee))
    page = text(response)
    assert response.status_code == 200
    assert "Summer festival" in page
    assert "/edit/" not in page and "/delete/" not in page and "/new/" not in page
    goal = plan["festival"]
    activity = rows(settlement, WorkPlanActivity, goal=goal)[0]
    for url in (
        reverse("committees:goal_add", args=[committee.pk]),
        reverse("committees:goal_edit", args=[goal.pk]),
        reverse("committees:goal_delete", args=[goal.pk]),
        reverse("committees:activity_add", args=[goal.pk]),
        reverse("committees:activity_edit", args=[activity.pk]),
        reverse("committees:activity_delete", args=[activity.pk]),
    ):
        assert client.get(url).status_code == 404, url
        assert client.post(url, activity_post(year="2026")).status_code == 404, url
    assert len(rows(settlement, WorkPlanActivity)) == 7
    assert len(rows(settlement, WorkPlanGoal)) == 2


def test_a_year_without_a_plan_invites_the_first_goal(coordinator_client, committee):
    response = coordinator_client.get(plan_url(committee, year=2027))
    assert response.status_code == 200
    page = text(response)
    assert "There is no work plan for 2027 yet." in page
    assert "Add the first goal" in page
    assert reverse("committees:goal_add", args=[committee.pk]) + "?year=2027" in page


def test_board_sees_the_empty_state_without_the_button(client, settlement, committee):
    client.force_login(factories.member(settlement, Role.BOARD))
    page = text(client.get(plan_url(committee)))
    assert "There is no work plan for 2026 yet." in page
    assert "Add the first goal" not in page


def test_years_offered_are_the_planned_ones_this_year_and_next(coordinator_client, committee):
    factories.WorkPlanFactory(committee=committee, year=2024)
    factories.WorkPlanFactory(committee=factories.CommitteeFactory(), year=2019)  # elsewhere
    response = coordinator_client.get(plan_url(committee))
    assert [year for year, _url in response.context["years"]] == [2024, 2026, 2027]
    assert plan_url(committee, year=2024) in text(response)
    older = coordinator_client.get(plan_url(committee, year=2024))
    assert older.context["year"] == 2024


@pytest.mark.parametrize("value", ["abc", "1800", "2999", "", "2026.5"])
def test_a_bad_year_shows_this_year(coordinator_client, committee, value):
    response = coordinator_client.get(
        reverse("committees:work_plan", args=[committee.pk]), {"year": value}
    )
    assert response.status_code == 200
    assert response.context["year"] == 2026


def test_plan_is_read_only_by_get(coordinator_client, committee):
    assert coordinator_client.post(plan_url(committee)).status_code == 405


# --- the summary on the committee's page ---------------------------------------------------


def test_committee_page_summarises_this_years_plan(coordinator_client, committee, plan):
    response = coordinator_client.get(reverse("committees:detail", args=[committee.pk]))
    summary = response.context["plan_summary"]
    assert (summary.goal_count, summary.done, summary.counted) == (2, 2, 6)
    assert summary.budget == Decimal("1105.29")
    page = text(response)
    assert "2 goals" in page and "2 of 6 activities done" in page
    assert f"1,105.29{NBSP}€" in page
    assert plan_url(committee, year=2026) in page
    assert reverse("committees:meetings") + f"?committee={committee.pk}" in page


def test_committee_page_without_a_plan(client, settlement, committee):
    client.force_login(factories.member(settlement, Role.BOARD))
    page = text(client.get(reverse("committees:detail", args=[committee.pk])))
    assert "No work plan for 2026 yet." in page
    assert "Open the work plan" in page


# --- goals ---------------------------------------------------------------------------------


def test_first_goal_creates_the_plan_of_the_year(coordinator_client, settlement, committee):
    url = reverse("committees:goal_add", args=[committee.pk])
    form = coordinator_client.get(url, {"year": 2027})
    assert form.status_code == 200
    assert form.context["form"].initial["year"] == 2027
    response = coordinator_client.post(url, {"title": "  Open a youth club  ", "year": "2027"})
    [plan] = rows(settlement, WorkPlan)
    [goal] = rows(settlement, WorkPlanGoal)
    assert (plan.committee_id, plan.year) == (committee.pk, 2027)
    assert (goal.work_plan_id, goal.title, goal.position) == (plan.pk, "Open a youth club", 0)
    assert response.status_code == 302
    assert response["Location"] == plan_url(committee, year=2027) + f"#goal-{goal.pk}"
    # The second goal of that year joins the same plan, at the end.
    coordinator_client.post(url, {"title": "Summer camp", "year": "2027"})
    assert len(rows(settlement, WorkPlan)) == 1
    assert [g.position for g in rows(settlement, WorkPlanGoal)] == [0, 1]


def test_goal_year_defaults_to_this_year(coordinator_client, committee):
    form = coordinator_client.get(reverse("committees:goal_add", args=[committee.pk]))
    assert form.context["form"].initial["year"] == 2026


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "", "year": "2026"}, "This field is required."),
        ({"title": "   ", "year": "2026"}, "This field is required."),
        ({"title": "Goal", "year": "1999"}, "The year cannot be before 2000."),
        ({"title": "Goal", "year": "2032"}, "at most 5 years ahead: up to 2031."),
        ({"title": "Goal", "year": "next"}, "Enter a whole number."),
        ({}, "This field is required."),
    ],
)
def test_bad_goals_are_refused(coordinator_client, settlement, committee, data, message):
    response = coordinator_client.post(reverse("committees:goal_add", args=[committee.pk]), data)
    assert response.status_code == 400
    assert message in text(response)
    assert rows(settlement, WorkPlan) == [] and rows(settlement, WorkPlanGoal) == []


def test_edit_a_goal_and_move_it_to_another_year(coordinator_client, settlement, committee, plan):
    goal = plan["festival"]
    url = reverse("committees:goal_edit", args=[goal.pk])
    form = coordinator_client.get(url)
    assert form.context["form"].initial == {"title": "Summer festival", "year": 2026}
    assert coordinator_client.post(url, {"title": "Festival", "year": "2026"}).status_code == 302
    assert rows(settlement, WorkPlanGoal, pk=goal.pk)[0].title == "Festival"
    response = coordinator_client.post(url, {"title": "Festival", "year": "2027"})
    assert response["Location"] == plan_url(committee, year=2027) + f"#goal-{goal.pk}"
    moved = rows(settlement, WorkPlanGoal, pk=goal.pk)[0]
    with scope(settlement=settlement.pk):
        assert moved.work_plan.year == 2027
        assert moved.activities.count() == 3  # its activities went with it
    assert len(rows(settlement, WorkPlan)) == 2


def test_edit_goal_refuses_bad_input(coordinator_client, settlement, plan):
    goal = plan["festival"]
    response = coordinator_client.post(
        reverse("committees:goal_edit", args=[goal.pk]), {"title": "", "year": "2026"}
    )
    assert response.status_code == 400
    assert rows(settlement, WorkPlanGoal, pk=goal.pk)[0].title == "Summer festival"


def test_delete_a_goal_lists_its_activities_first(coordinator_client, settlement, committee, plan):
    goal = plan["festival"]
    url = reverse("committees:goal_delete", args=[goal.pk])
    confirm = coordinator_client.get(url)
    page = text(confirm)
    assert confirm.status_code == 200
    assert "Its 3 activities are deleted with it:" in page
    for title in ("Posters", "Stage", "Fireworks"):
        assert title in page
    assert "Shelves" not in page
    response = coordinator_client.post(url)
    assert response.status_code == 302
    assert response["Location"] == plan_url(committee, year=2026)
    assert [g.title for g in rows(settlement, WorkPlanGoal)] == ["Library corner"]
    assert len(rows(settlement, WorkPlanActivity)) == 4
    assert len(rows(settlement, WorkPlan)) == 1  # the plan of the year stays


# --- activities ----------------------------------------------------------------------------


def test_add_an_activity(coordinator_client, settlement, committee, plan):
    goal = plan["festival"]
    url = reverse("committees:activity_add", args=[goal.pk])
    form = coordinator_client.get(url)
    assert form.status_code == 200
    assert "Budget request (EUR)" in text(form)
    assert 'inputmode="decimal"' in text(form)
    response = coordinator_client.post(url, activity_post())
    assert response.status_code == 302
    assert response["Location"] == plan_url(committee, year=2026) + f"#goal-{goal.pk}"
    [activity] = rows(settlement, WorkPlanActivity, title="Poetry evening")
    assert activity.goal_id == goal.pk
    assert activity.budget_request == Decimal("350.50")
    assert (activity.starts_on, activity.ends_on) == (dt.date(2026, 12, 1), dt.date(2026, 12, 1))
    assert (activity.status, activity.notes) == ("planned", "In the club house")


def test_an_activity_without_budget_or_dates(coordinator_client, settlement, plan):
    url = reverse("committees:activity_add", args=[plan["festival"].pk])
    data = activity_post(starts_on="", ends_on="", budget_request="", notes="")
    assert coordinator_client.post(url, data).status_code == 302
    [activity] = rows(settlement, WorkPlanActivity, title="Poetry evening")
    assert activity.budget_request == Decimal("0.00")
    assert activity.starts_on is None


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"starts_on": "2026-12-02", "ends_on": "2026-12-01"},
            "The activity cannot end before it starts.",
        ),
        ({"budget_request": "-1"}, "The budget request cannot be negative."),
        ({"budget_request": "10.005"}, "Give the amount with at most two decimals."),
        ({"budget_request": "ten"}, "Enter an amount, such as 1200 or 1200.50."),
        ({"budget_request": "NaN"}, "Enter an amount, such as 1200 or 1200.50."),
        ({"budget_request": "100000000000"}, "The budget request is too large."),
        ({"status": "finished"}, "Select a valid choice."),
        ({"title": ""}, "This field is required."),
        ({"starts_on": "2026-13-01"}, "Enter a valid date."),
    ],
)
def test_bad_activities_are_refused(coordinator_client, settlement, plan, overrides, message):
    url = reverse("committees:activity_add", args=[plan["festival"].pk])
    response = coordinator_client.post(url, activity_post(**overrides))
    assert response.status_code == 400
    assert message in text(response)
    assert "Nothing was saved." in text(response)
    assert rows(settlement, WorkPlanActivity, title="Poetry evening") == []
    assert len(rows(settlement, WorkPlanActivity)) == 7


def test_the_budget_in_slovenian_takes_a_decimal_comma(coordinator_client, settlement, plan):
    url = reverse("committees:activity_add", args=[plan["festival"].pk])
    response = coordinator_client.post(
        url, activity_post(budget_request="1200,50"), HTTP_ACCEPT_LANGUAGE="sl"
    )
    assert response.status_code == 302
    [activity] = rows(settlement, WorkPlanActivity, title="Poetry evening")
    assert activity.budget_request == Decimal("1200.50")


def test_edit_an_activity(coordinator_client, settlement, plan):
    activity = rows(settlement, WorkPlanActivity, title="Stage")[0]
    url = reverse("committees:activity_edit", args=[activity.pk])
    form = coordinator_client.get(url)
    assert form.status_code == 200
    assert form.context["form"].initial["budget_request"] == Decimal("0.20")
    response = coordinator_client.post(
        url, activity_post(title="Stage", status="done", budget_request="450")
    )
    assert response.status_code == 302
    stored = rows(settlement, WorkPlanActivity, pk=activity.pk)[0]
    assert (stored.status, stored.budget_request) == ("done", Decimal("450.00"))


def test_edit_activity_refuses_bad_input_and_changes_nothing(coordinator_client, settlement, plan):
    activity = rows(settlement, WorkPlanActivity, title="Stage")[0]
    response = coordinator_client.post(
        reverse("committees:activity_edit", args=[activity.pk]),
        activity_post(title="Stage", status="done", budget_request="-5"),
    )
    assert response.status_code == 400
    stored = rows(settlement, WorkPlanActivity, pk=activity.pk)[0]
    assert (stored.status, stored.budget_request) == ("planned", Decimal("0.20"))


def test_delete_an_activity(coordinator_client, settlement, committee, plan):
    activity = rows(settlement, WorkPlanActivity, title="Stage")[0]
    url = reverse("committees:activity_delete", args=[activity.pk])
    confirm = coordinator_client.get(url)
    assert confirm.status_code == 200
    assert "Delete the activity “Stage”?" in text(confirm)
    assert f"0.20{NBSP}€" in text(confirm)
    response = coordinator_client.post(url)
    assert response.status_code == 302
    assert response["Location"] == plan_url(committee, year=2026) + f"#goal-{plan['festival'].pk}"
    assert rows(settlement, WorkPlanActivity, title="Stage") == []


# --- one committee's chair and another's ---------------------------------------------------


def test_chair_keeps_their_own_plan(client, chair, settlement, committee, plan):
    client.force_login(chair)
    url = reverse("committees:activity_add", args=[plan["library"].pk])
    assert client.post(url, activity_post()).status_code == 302
    goal_url = reverse("committees:goal_add", args=[committee.pk])
    assert client.post(goal_url, {"title": "More", "year": "2026"}).status_code == 302
    assert len(rows(settlement, WorkPlanGoal)) == 3


def test_chair_of_another_committee_gets_404_everywhere(
    client, chair_b, settlement, committee, plan
):
    client.force_login(chair_b)
    goal = plan["festival"]
    activity = rows(settlement, WorkPlanActivity, title="Stage")[0]
    urls = [
        plan_url(committee),
        reverse("committees:goal_add", args=[committee.pk]),
        reverse("committees:goal_edit", args=[goal.pk]),
        reverse("committees:goal_delete", args=[goal.pk]),
        reverse("committees:activity_add", args=[goal.pk]),
        reverse("committees:activity_edit", args=[activity.pk]),
        reverse("committees:activity_delete", args=[activity.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    for url in urls[1:]:
        response = client.post(url, activity_post(year="2026", budget_request="1"))
        assert response.status_code == 404, url
    assert len(rows(settlement, WorkPlanGoal)) == 2
    assert len(rows(settlement, WorkPlanActivity)) == 7
    assert rows(settlement, WorkPlanActivity, pk=activity.pk)[0].budget_request == Decimal("0.20")


def test_another_settlements_goal_and_activity_are_404(coordinator_client, other_settlement):
    activity = factories.WorkPlanActivityFactory(
        goal__work_plan__committee__settlement=other_settlement
    )
    urls = [
        reverse("committees:goal_edit", args=[activity.goal_id]),
        reverse("committees:goal_delete", args=[activity.goal_id]),
        reverse("committees:activity_add", args=[activity.goal_id]),
        reverse("committees:activity_edit", args=[activity.pk]),
        reverse("committees:activity_delete", args=[activity.pk]),
    ]
    for url in urls:
        assert coordinator_client.get(url).status_code == 404
        assert coordinator_client.post(url, activity_post()).status_code == 404
    assert len(rows(other_settlement, WorkPlanActivity)) == 1


# --- services and money --------------------------------------------------------------------


def test_services_refuse_what_the_forms_refuse(settlement, plan):
    goal = plan["festival"]
    with scope(settlement=settlement.pk):
        with pytest.raises(services.InvalidActivity):
            services.activity_add(goal=goal, data={"title": "x", "budget_request": Decimal(-1)})
        with pytest.raises(services.InvalidActivity):
            services.activity_add(
                goal=goal,
                data={
                    "title": "x",
                    "starts_on": dt.date(2026, 2, 2),
                    "ends_on": dt.date(2026, 2, 1),
                },
            )
        activity = WorkPlanActivity.objects.filter(goal=goal).first()
        assert activity is not None
        assert services.activity_update(activity=activity, data={"title": activity.title}) is False
        with pytest.raises(services.InvalidActivity):
            services.activity_update(activity=activity, data={"ends_on": dt.date(2000, 1, 1)})
        assert services.goal_update(goal=goal, title=goal.title, year=2026) is False


def test_money_follows_the_language():
    # Explicit: an earlier test in the same worker may have left no language active.
    with translation.override("en"):
        assert money(Decimal("1234567.5"), "EUR") == f"1,234,567.50{NBSP}€"
    with translation.override("sl"):
        assert money(Decimal("1234567.5"), "EUR") == f"1.234.567,50{NBSP}€"
    with translation.override("he"):
        assert money(Decimal("0"), "ILS") == f"0.00{NBSP}₪"
        # Django gives Hebrew no grouping of thousands; ours groups them as Israelis do.
        assert money(Decimal("21700.75"), "ILS") == f"21,700.75{NBSP}₪"


amounts = st.decimals(min_value=0, max_value=Decimal("9999999999.99"), places=2)


@given(
    st.lists(st.tuples(amounts, st.sampled_from(Status.values)), max_size=40),
)
def test_progress_totals_are_exact(items):
    progress = Progress()
    for amount, status in items:
        progress.add(WorkPlanActivity(budget_request=amount, status=status))
    counted = [amount for amount, status in items if status != Status.CANCELLED]
    assert progress.budget == sum(counted, Decimal("0.00"))
    assert progress.counted == len(counted)
    assert progress.done == sum(1 for _a, status in items if status == Status.DONE)
    assert 0 <= progress.percent <= 100
    assert re.fullmatch(r"w-(\d+)", progress.bar_class)
    assert int(progress.bar_class[2:]) % 5 == 0


@given(amounts)
def test_money_keeps_every_cent(amount):
    shown = money(amount, "EUR")
    assert Decimal(shown.removesuffix(f"{NBSP}€").replace(",", "")) == amount


@pytest.mark.parametrize(
    ("percent", "css"),
    [(0, "w-0"), (4, "w-0"), (5, "w-5"), (33, "w-30"), (99, "w-95"), (100, "w-100")],
)
def test_progress_class(percent, css):
    assert progress_class(percent) == css


# --- the summary of a year's plan ----------------------------------------------------------


def summary_url(committee, year=None) -> str:
    url = reverse("committees:plan_summary", args=[committee.pk])
    return f"{url}?year={year}" if year is not None else url


def test_summary_form_shows_the_summary_of_the_year(coordinator_client, committee, plan):
    response = coordinator_client.get(summary_url(committee, 2026))
    assert response.status_code == 200
    page = text(response)
    assert "A year of culture" in page
    assert 'name="year" value="2026"' in page
    assert "<script>" not in page


def test_summary_year_defaults_to_this_year_and_a_get_creates_nothing(
    coordinator_client, settlement, committee
):
    response = coordinator_client.get(summary_url(committee))
    assert response.status_code == 200
    assert response.context["year"] == 2026
    assert rows(settlement, WorkPlan) == []


def test_saving_a_summary_creates_the_plan_of_the_year(coordinator_client, settlement, committee):
    response = coordinator_client.post(
        summary_url(committee, 2027), {"year": "2027", "summary": "  Two festivals.  "}
    )
    assert response.status_code == 302
    assert response.url == f"{reverse('committees:work_plan', args=[committee.pk])}?year=2027"
    [plan] = rows(settlement, WorkPlan)
    assert (plan.committee_id, plan.year, plan.summary) == (committee.pk, 2027, "Two festivals.")
    page = text(coordinator_client.get(response.url))
    assert "Two festivals." in page
    assert "Edit summary" in page


def test_an_empty_summary_clears_it(coordinator_client, settlement, committee, plan):
    response = coordinator_client.post(
        summary_url(committee, 2026), {"year": "2026", "summary": ""}
    )
    assert response.status_code == 302
    assert rows(settlement, WorkPlan)[0].summary == ""


def test_an_empty_summary_of_a_missing_plan_creates_nothing(
    coordinator_client, settlement, committee
):
    response = coordinator_client.post(summary_url(committee), {"year": "2026", "summary": ""})
    assert response.status_code == 302
    assert rows(settlement, WorkPlan) == []


def test_chair_writes_the_summary_of_their_committee(client, settlement, chair, committee, plan):
    client.force_login(chair)
    response = client.post(summary_url(committee, 2026), {"year": "2026", "summary": "Ours"})
    assert response.status_code == 302
    assert rows(settlement, WorkPlan)[0].summary == "Ours"


@pytest.mark.parametrize(
    "data",
    [{}, {"summary": "No year"}, {"year": "2040", "summary": "x"}, {"year": "soon"}],
)
def test_summary_refuses_bad_posts(coordinator_client, settlement, committee, plan, data):
    response = coordinator_client.post(summary_url(committee, 2026), data)
    assert response.status_code == 400
    assert "Nothing was saved." in text(response)
    assert rows(settlement, WorkPlan)[0].summary == "A year of culture"


def test_summary_too_long_is_refused(coordinator_client, settlement, committee, plan):
    response = coordinator_client.post(
        summary_url(committee, 2026), {"year": "2026", "summary": "x" * 5001}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["summary"]
    assert rows(settlement, WorkPlan)[0].summary == "A year of culture"


@pytest.mark.parametrize("year", ["2020", "2032", "soon", "-1", "99999999999999999999"])
def test_summary_of_a_year_out_of_range_is_404(coordinator_client, settlement, committee, year):
    assert coordinator_client.get(f"{summary_url(committee)}?year={year}").status_code == 404
    response = coordinator_client.post(
        f"{summary_url(committee)}?year={year}", {"year": "2026", "summary": "x"}
    )
    assert response.status_code == 404
    assert rows(settlement, WorkPlan) == []


def test_summary_years_are_five_back_and_five_ahead(coordinator_client, committee):
    assert coordinator_client.get(summary_url(committee, 2021)).status_code == 200
    assert coordinator_client.get(summary_url(committee, 2031)).status_code == 200


@pytest.mark.parametrize("role", [Role.SECRETARY, Role.BOARD])
def test_readers_cannot_write_the_summary(client, settlement, committee, plan, role):
    client.force_login(factories.member(settlement, role))
    assert client.get(summary_url(committee, 2026)).status_code == 404
    response = client.post(summary_url(committee, 2026), {"year": "2026", "summary": "x"})
    assert response.status_code == 404
    assert rows(settlement, WorkPlan)[0].summary == "A year of culture"
    page = text(client.get(reverse("committees:work_plan", args=[committee.pk])))
    assert "A year of culture" in page
    assert "Edit summary" not in page


def test_chair_of_another_committee_gets_404(client, settlement, committee_b, chair, plan):
    client.force_login(chair)
    assert client.get(summary_url(committee_b, 2026)).status_code == 404
    response = client.post(summary_url(committee_b, 2026), {"year": "2026", "summary": "x"})
    assert response.status_code == 404
    assert rows(settlement, WorkPlan, committee=committee_b) == []


def test_another_settlements_coordinator_gets_404(
    client, settlement, committee, plan, other_settlement_coordinator
):
    client.force_login(other_settlement_coordinator)
    response = client.post(summary_url(committee, 2026), {"year": "2026", "summary": "x"})
    assert response.status_code == 404
    assert rows(settlement, WorkPlan)[0].summary == "A year of culture"


def test_work_plan_links_to_the_summary_only_in_range(coordinator_client, committee, plan):
    page = text(coordinator_client.get(reverse("committees:work_plan", args=[committee.pk])))
    assert "Edit summary" in page
    assert summary_url(committee, 2026) in page
    empty = text(
        coordinator_client.get(f"{reverse('committees:work_plan', args=[committee.pk])}?year=2027")
    )
    assert "Write a summary of the year" in empty
    assert "Edit summary" not in empty
    old = text(
        coordinator_client.get(f"{reverse('committees:work_plan', args=[committee.pk])}?year=2015")
    )
    assert "plan/summary/" not in old
