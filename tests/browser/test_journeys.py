"""Main journeys in a real browser: each role logs in and lands on its home page, pages
switch to Hebrew and read right to left, and axe-core finds no violation anywhere."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from coordinator.models import Role
from tests import factories

from .conftest import PHONE, check_accessibility, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"


@pytest.fixture
def village(db):
    council = factories.CouncilFactory(name="Valley Council")
    settlement = factories.SettlementFactory(council=council, name="Kfar Hadar", language="he")
    factories.SettlementFactory(council=council, name="Zgornja Lipa", language="sl")
    neighbourhood = factories.NeighbourhoodFactory(settlement=settlement, name="Hilltop")
    household = factories.HouseholdFactory(
        settlement=settlement, name="Cohen family", neighbourhood=neighbourhood
    )
    new_family = factories.TagFactory(settlement=settlement, name="new family")
    for index, born in enumerate([dt.date(1956, 11, 25), dt.date(1990, 3, 1), dt.date(2015, 6, 2)]):
        resident = factories.ResidentFactory(
            settlement=settlement,
            household=household,
            neighbourhood=neighbourhood,
            first_name=["Miriam", "Yael", "Noam"][index],
            last_name="Cohen",
            birth_date=born,
            arrival_date=dt.date(2026, 11, 25) if index == 1 else None,
        )
        resident.tags.add(new_family)
    users = {
        role: factories.member(settlement, role, username=role)
        for role in Role.values
        if role != Role.COUNCIL_STAFF
    }
    users[Role.COUNCIL_STAFF] = factories.council_staff(council, username="council")
    factories.CommitteeFactory(
        settlement=settlement, name="Culture committee", chairs=[users[Role.CHAIR]]
    )
    return settlement


def log_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state("networkidle")


LANDING = {
    # role: (username, text of the home page's main heading)
    Role.COORDINATOR: ("coordinator", "this week"),
    Role.CHAIR: ("chair", "Kfar Hadar"),
    Role.SOCIAL_WORKER: ("social_worker", "Kfar Hadar"),
    Role.SECRETARY: ("secretary", "Kfar Hadar"),
    Role.BOARD: ("board", "Kfar Hadar"),
    Role.EMERGENCY: ("emergency", "Kfar Hadar"),
    Role.COUNCIL_STAFF: ("council", "Valley Council"),
}


@pytest.mark.parametrize("role", list(LANDING))
def test_each_role_lands_on_its_home_and_reads_hebrew_right_to_left(new_page, village, role):
    username, heading = LANDING[role]
    page = new_page()
    log_in(page, username)
    assert page.url.endswith("/")
    assert heading in page.locator("h1").first.inner_text()
    if role == Role.CHAIR:
        assert "Culture committee" in page.get_by_role("region", name="My committees").inner_text()
    if role == Role.COUNCIL_STAFF:
        expect(page.get_by_role("row", name="Zgornja Lipa").first).to_be_visible()
    check_accessibility(page, f"home of {role} in English")
    screenshot(page, f"home-{role}-en")

    page.get_by_role("button", name="עברית").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "he"
    check_accessibility(page, f"home of {role} in Hebrew")
    screenshot(page, f"home-{role}-he")
    # The choice is remembered on the next page.
    page.goto("/accounts/password/")
    assert page.locator("html").get_attribute("dir") == "rtl"


def test_coordinator_finds_a_resident_on_a_phone(new_page, village):
    page = new_page(PHONE)
    log_in(page, "coordinator")
    screenshot(page, "home-coordinator-phone-en")
    page.goto("/residents/")
    check_accessibility(page, "resident list on a phone")
    page.get_by_label("Search").fill("Yael")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_load_state("networkidle")
    page.get_by_role("link", name="Cohen, Yael").click()
    assert "Yael Cohen" in page.locator("h1").inner_text()
    check_accessibility(page, "resident detail on a phone")
    page.get_by_role("link", name="Edit").click()
    page.get_by_label("Phone").fill("not a phone")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Write the phone number with digits")).to_be_visible()
    check_accessibility(page, "resident form with an error")
    page.goto("/residents/import/")
    check_accessibility(page, "import page")
    page.goto("/settlement/")
    check_accessibility(page, "settings page")
    page.goto("/households/")
    check_accessibility(page, "households list")
    screenshot(page, "households-phone-en")


def test_coordinator_home_in_hebrew_on_a_phone(new_page, village):
    page = new_page(PHONE)
    log_in(page, "coordinator")
    page.get_by_role("button", name="עברית").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("dir") == "rtl"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the page overflows sideways on a phone"
    check_accessibility(page, "coordinator home, Hebrew, phone")
    screenshot(page, "home-coordinator-phone-he")
