"""In a browser, on a phone: the coordinator records a conflict (after one mistake), adds
a first mediation step, and the conflict is in mediation. Every page passes axe."""

import pytest
from playwright.sync_api import expect

from coordinator.models import Role
from tests import factories

from .conftest import PHONE, check_accessibility, screenshot
from .test_journeys import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_coordinator_records_a_conflict_and_its_mediation(new_page, db):
    settlement = factories.SettlementFactory(name="Kfar Hadar", time_zone="Asia/Jerusalem")
    factories.member(settlement, Role.COORDINATOR, username="coordinator")
    page = new_page(PHONE)
    log_in(page, "coordinator")
    page.goto("/committees/conflicts/")
    expect(page.get_by_text("Describe without names where you can.")).to_be_visible()
    check_accessibility(page, "no conflicts yet")
    page.get_by_role("link", name="Record a conflict").first.click()
    page.get_by_label("Title").fill("Parking on the upper street")
    page.get_by_label("Kind").select_option("neighbours")
    page.get_by_label("What happened").fill("Cars block the path to the kindergarten.")
    page.get_by_label("Who is involved (without names)").fill("Two neighbouring households")
    page.get_by_label("Status").select_option("resolved")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Give the date the conflict was closed.")).to_be_visible()
    check_accessibility(page, "conflict form with errors")
    page.get_by_label("Status").select_option("open")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("heading", name="Parking on the upper street")).to_be_visible()
    check_accessibility(page, "the conflict's page")

    page.get_by_label("Kind of step").select_option("conversation")
    page.get_by_label("Notes").fill("Heard one household.")
    page.get_by_label("Next step").fill("Meet both sides")
    page.get_by_role("button", name="Add the step").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_text("The conflict is now in mediation.")).to_be_visible()
    expect(page.get_by_text("Meet both sides")).to_be_visible()
    assert fits_the_screen(page), "the conflict's page overflows sideways on a phone"
    check_accessibility(page, "the conflict in mediation")
    screenshot(page, "conflict-phone-en")

    page.goto("/committees/conflicts/")
    expect(page.get_by_role("link", name="Parking on the upper street")).to_be_visible()
    assert fits_the_screen(page), "the conflict list overflows sideways on a phone"
    check_accessibility(page, "the conflict list")
