"""The issue's journey, in a browser: a coordinator builds this year's plan with two goals
drawn from two needs of the register, prices a programme under each with budget lines and
submits it; a board member approves it; the council's home shows it approved. The plan's
page is then looked at in Hebrew on a phone. axe-core checks every page on the way."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from coordinator.models import Role
from plans.models import BudgetLine, Plan
from tests import factories

from .conftest import PHONE, check_accessibility, screenshot
from .test_journeys import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def save(page) -> None:
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state("networkidle")


def add_goal(page, title: str, need: str, group: str) -> None:
    page.get_by_role("link", name="Add a goal").first.click()
    page.wait_for_load_state("networkidle")
    check_accessibility(page, "goal form")
    page.locator("#id_title").fill(title)
    page.get_by_label(need).check()
    page.get_by_label(group, exact=True).check()
    save(page)
    expect(page.get_by_role("heading", name=title)).to_be_visible()


def add_programme(page, goal_title: str, title: str, lines: list[tuple[str, str]]) -> None:
    goal = page.locator("article[id^=goal-]").filter(
        has=page.get_by_role("heading", name=goal_title)
    )
    goal.get_by_role("link", name="Add a programme").click()
    page.wait_for_load_state("networkidle")
    page.locator("#id_title").fill(title)
    save(page)
    for description, expense in lines:
        programme = page.locator("[id^=programme-]:not(h1,h2,h3,h4,h5,h6)").filter(
            has=page.get_by_role("heading", name=title)
        )
        programme.get_by_role("link", name="Add a budget line").click()
        page.wait_for_load_state("networkidle")
        page.locator("#id_description").fill(description)
        page.locator("#id_planned_expense").fill(expense)
        save(page)


def test_a_plan_from_two_needs_to_the_councils_home(new_page):
    council = factories.CouncilFactory(name="Valley Council")
    settlement = factories.SettlementFactory(
        council=council, name="Kfar Hadar", slug="kfar-hadar", language="he", currency="ILS"
    )
    factories.member(settlement, Role.COORDINATOR, username="coordinator")
    factories.member(settlement, Role.BOARD, username="board")
    factories.council_staff(council, username="council")
    factories.NeedFactory(settlement=settlement, title="Seniors living alone")
    factories.NeedFactory(settlement=settlement, title="Nowhere for teenagers to meet")

    page = new_page()
    log_in(page, "coordinator")
    page.goto(reverse("plans:list") + "?lang=en")
    check_accessibility(page, "plans list, empty")
    page.locator("#id_year").fill("2026")
    page.locator("#id_title").fill("Community plan 2026")
    page.get_by_role("button", name="Create the plan").click()
    page.wait_for_load_state("networkidle")
    check_accessibility(page, "new plan's page")

    add_goal(page, "No senior is lonely", "Seniors living alone", "Seniors")
    add_goal(page, "Young people have a place", "Nowhere for teenagers to meet", "Youth")
    add_programme(page, "No senior is lonely", "Visiting volunteers", [("Training", "1200.50")])
    add_programme(
        page,
        "Young people have a place",
        "Youth club",
        [("Instructor", "18000"), ("Equipment", "2500.25")],
    )
    expect(page.get_by_text("21,700.75").first).to_be_visible()  # the plan's expense
    young = page.locator("article[id^=goal-]").filter(has_text="Young people have a place")
    expect(young).to_contain_text("20,500.25")  # its own programme's lines
    check_accessibility(page, "plan page with goals and budget")
    screenshot(page, "plan-en-desktop")
    with scopes_disabled():
        assert BudgetLine.objects.filter(programme__goal__plan__settlement=settlement).count() == 3

    page.get_by_role("button", name="Submit to the board").click()
    page.wait_for_load_state("networkidle")
    with scopes_disabled():
        plan = Plan.objects.get(settlement=settlement, year=2026)
        assert plan.status == Plan.Status.SUBMITTED
        assert sum(
            BudgetLine.objects.filter(programme__goal__plan=plan).values_list(
                "planned_expense", flat=True
            ),
            Decimal(0),
        ) == Decimal("21700.75")
    expect(page.get_by_role("link", name="Add a goal")).to_have_count(0)  # frozen for now

    board = new_page()
    log_in(board, "board")
    board.goto(reverse("plans:detail", args=[plan.pk]) + "?lang=en")
    board.get_by_role("link", name="Approve or return").click()
    board.wait_for_load_state("networkidle")
    check_accessibility(board, "the board's decision page")
    board.get_by_label("Approve the plan").check()
    board.get_by_role("button", name="Record the decision").click()
    board.wait_for_load_state("networkidle")
    with scopes_disabled():
        plan.refresh_from_db()
    assert plan.status == Plan.Status.APPROVED
    check_accessibility(board, "approved plan")

    staff = new_page()
    log_in(staff, "council")
    staff.goto("/?lang=en")
    plans = staff.locator("#council-plans-title").locator("xpath=..")
    row = plans.get_by_role("row").filter(has_text="Kfar Hadar")
    expect(row).to_contain_text("Approved")
    check_accessibility(staff, "council home with the plans")
    screenshot(staff, "council-plans-en-desktop")

    # The coordinator reads the approved plan in Hebrew on a phone: right to left, no overflow.
    phone = new_page(PHONE)
    log_in(phone, "coordinator")
    phone.get_by_role("button", name="עברית").click()
    phone.wait_for_load_state("networkidle")
    phone.goto(reverse("plans:detail", args=[plan.pk]))
    expect(phone.locator("html")).to_have_attribute("dir", "rtl")
    check_accessibility(phone, "plan page, Hebrew, phone")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(phone, "plan-he-phone")
