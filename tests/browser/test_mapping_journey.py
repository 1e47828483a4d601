"""In a browser: a coordinator records a house meeting and makes a need from it."""

import datetime as dt

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from coordinator.models import Role
from tests import factories

from .conftest import PHONE, check_accessibility, screenshot
from .test_journeys import log_in

TODAY = dt.date(2026, 11, 23)


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_house_meeting_becomes_a_need(new_page):
    settlement = factories.SettlementFactory(name="Kfar Hadar")
    factories.member(settlement, Role.COORDINATOR, username="coordinator")
    secretary = factories.member(settlement, Role.SECRETARY, username="secretary")
    factories.NeighbourhoodFactory(settlement=settlement, name="North hill")
    for first_name in ("Miriam", "Yael", "Noam"):
        factories.ResidentFactory(settlement=settlement, first_name=first_name, last_name="Cohen")
    factories.ResidentFactory(settlement=settlement, first_name="Dana", last_name="Levi")
    page = new_page()
    log_in(page, "coordinator")
    page.goto(reverse("surveys:records"))
    check_accessibility(page, "no records yet")
    page.get_by_role("link", name="Record a meeting").first.click()
    page.get_by_label("Method").select_option("house_meeting")
    page.get_by_label("Title").fill("Coffee at the Cohens'")
    page.get_by_label("Seniors").check()
    page.get_by_label("Number of participants").fill("8")
    page.get_by_label("Findings").fill("Seniors want a weekly coffee morning.")
    # The picker searches as one types (HTMX) and keeps the ticked residents.
    page.get_by_label("Residents taking part: find by name").fill("cohen")
    page.get_by_label("Yael Cohen").check()
    page.get_by_label("Residents taking part: find by name").fill("levi")
    page.get_by_label("Dana Levi").check()
    assert page.get_by_label("Yael Cohen").is_checked()
    check_accessibility(page, "record form with the picker")
    screenshot(page, "record-form")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text().startswith("Coffee at the Cohens'")
    expect(page.get_by_role("link", name="Dana Levi")).to_be_visible()
    check_accessibility(page, "record detail")

    page.get_by_role("link", name="Record a need from this meeting").click()
    page.locator("#id_title").fill("A weekly coffee morning")
    assert page.get_by_label("Seniors").is_checked()  # from the meeting
    page.get_by_label("5 · Very large").check()
    page.get_by_label("4 · Within weeks").check()
    page.get_by_label("Owner").select_option(str(secretary.pk))
    check_accessibility(page, "need form")
    screenshot(page, "need-form")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_text("Impact 5 × urgency 4 = 20: high.")).to_be_visible()
    check_accessibility(page, "need detail")
    page.get_by_role("link", name="Needs register").click()
    expect(page.get_by_role("table", name="Needs", exact=True)).to_be_visible()
    check_accessibility(page, "needs register")

    phone = new_page(PHONE)
    log_in(phone, "coordinator")
    for url in (
        reverse("surveys:needs"),
        reverse("surveys:records"),
        reverse("surveys:need_create"),
    ):
        phone.goto(url)
        assert fits_the_screen(phone), f"{url} overflows sideways on a phone"
    phone.goto(reverse("surveys:needs"))
    screenshot(phone, "needs-register-phone")
