"""In a browser, on a phone: a chair adds a member to their committee and writes the
first goal and activity of the year's work plan; the board reads the plan."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from coordinator.models import Role
from tests import factories

from .conftest import PHONE, check_accessibility, screenshot
from .test_journeys import log_in


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_chair_keeps_members_and_the_work_plan_on_a_phone(new_page):
    settlement = factories.SettlementFactory(name="Kfar Hadar", currency="ILS")
    chair = factories.member(settlement, Role.CHAIR, username="chair")
    factories.member(settlement, Role.BOARD, username="board")
    committee = factories.CommitteeFactory(settlement=settlement, name="Culture", chairs=[chair])
    for first_name in ("Miriam", "Yael", "Noam"):
        factories.ResidentFactory(settlement=settlement, first_name=first_name, last_name="Cohen")
    factories.ResidentFactory.create_batch(40, settlement=settlement)

    page = new_page(PHONE)
    log_in(page, "chair")
    page.goto(reverse("committees:detail", args=[committee.pk]))
    check_accessibility(page, "committee page, empty")
    assert fits_the_screen(page)

    page.get_by_role("link", name="Add a member").click()
    # The picker searches as one types (HTMX) and offers radio buttons.
    page.get_by_label("Find the resident by name").fill("cohen")
    page.get_by_label("Yael Cohen").check()
    page.get_by_label("Role on the committee").select_option("deputy")
    check_accessibility(page, "member form with the picker")
    assert fits_the_screen(page)
    screenshot(page, "committee-member-form-phone")
    page.get_by_role("button", name="Add to the committee").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_text("Yael Cohen was added to the committee.")).to_be_visible()
    expect(page.get_by_text("current", exact=True)).to_be_visible()

    page.get_by_role("link", name="Start the work plan").click()
    expect(page.get_by_text("There is no work plan for 2026 yet.", exact=False)).to_be_visible()
    check_accessibility(page, "empty work plan")
    page.get_by_role("link", name="Add the first goal").click()
    page.get_by_label("Goal").fill("A summer festival")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state("networkidle")
    page.get_by_role("link", name="Add an activity").click()
    page.get_by_label("Activity").fill("Stage and sound")
    page.get_by_label("From").fill("2026-12-01")
    page.get_by_label("Until").fill("2026-11-30")
    page.get_by_label("Budget request (ILS)").fill("-5")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The activity cannot end before it starts.")).to_be_visible()
    expect(page.get_by_text("The budget request cannot be negative.")).to_be_visible()
    check_accessibility(page, "activity form with errors")
    assert fits_the_screen(page)
    page.get_by_label("Until").fill("2026-12-02")
    page.get_by_label("Budget request (ILS)").fill("1250.50")
    page.get_by_label("Status").select_option("done")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_text("1 of 1 done").first).to_be_visible()
    expect(page.get_by_text("1,250.50\u00a0₪").first).to_be_visible()
    check_accessibility(page, "work plan")
    assert fits_the_screen(page)
    screenshot(page, "committee-work-plan-phone")

    board = new_page(PHONE)
    log_in(board, "board")
    board.goto(reverse("committees:work_plan", args=[committee.pk]))
    expect(board.get_by_role("heading", name="A summer festival")).to_be_visible()
    expect(board.get_by_role("link", name="Add an activity")).to_have_count(0)
    check_accessibility(board, "work plan, read by the board")
    board.goto(reverse("committees:detail", args=[committee.pk]))
    expect(board.get_by_text("Yael Cohen")).to_be_visible()
    check_accessibility(board, "committee page, read by the board")
    screenshot(board, "committee-page-phone")
    assert fits_the_screen(board)
