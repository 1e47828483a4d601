"""In a browser: the coordinator makes a meal train of five days and its sign-up link; a
volunteer on a phone opens the link, takes a meal, sees what, when and where on their task
page and marks it done; the programme's page shows it done. axe-core on every page."""

from urllib.parse import urlsplit

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
def test_a_meal_train_from_making_to_done(new_page):
    settlement = factories.SettlementFactory(name="Kfar Hadar", currency="ILS")
    factories.member(settlement, Role.COORDINATOR, username="coordinator")
    factories.CommitteeFactory(settlement=settlement, name="Chesed", kind="welfare")

    page = new_page()
    log_in(page, "coordinator")
    page.goto(reverse("welfare:programmes"))
    expect(page.get_by_text("No support programmes yet.", exact=False)).to_be_visible()
    check_accessibility(page, "programmes, empty")
    page.get_by_role("button", name="Add the programme").click()
    expect(page.get_by_text("Nothing was saved.", exact=False)).to_be_visible()
    check_accessibility(page, "programme form with errors")
    page.locator("#id_kind").select_option("meals")
    page.locator("#id_title").fill("Meals after a birth")
    page.locator("#id_description").fill("Cooked dinners for a family of four, no nuts.")
    page.locator("#id_committee").select_option(label="Chesed")
    page.get_by_role("button", name="Add the programme").click()
    expect(page.get_by_role("heading", name="Meals after a birth")).to_be_visible()
    check_accessibility(page, "programme, no tasks")

    page.locator("#id_kind").select_option("meal")
    page.locator("#id_what").fill("Dinner for four")
    page.locator("#id_on").fill("2026-11-24")
    page.locator("#id_at").fill("18:00")
    page.locator("#id_where").fill("Olive Street 3")
    page.locator("#id_repeat").select_option("daily")
    page.locator("#id_count").fill("5")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_text("5 tasks were added.")).to_be_visible()
    expect(page.locator("tbody tr")).to_have_count(5)
    page.get_by_role("button", name="Make the sign-up link").click()
    expect(page.get_by_text("The sign-up link was made.", exact=False)).to_be_visible()
    check_accessibility(page, "programme with tasks and link")
    link = page.locator("#programme-link").input_value()
    assert "/help/" in link

    volunteer = new_page(PHONE)
    volunteer.goto(urlsplit(link).path)  # the same link, on the test server
    expect(volunteer.get_by_role("heading", name="Meals after a birth")).to_be_visible()
    expect(volunteer.get_by_text("Olive Street 3")).to_have_count(0)  # not where, yet
    check_accessibility(volunteer, "sign-up page")
    screenshot(volunteer, "welfare-signup-phone")
    assert fits_the_screen(volunteer)
    volunteer.get_by_role("button", name="I'll do it").click()
    expect(volunteer.get_by_text("You have not signed up yet.", exact=False)).to_be_visible()
    check_accessibility(volunteer, "sign-up page with errors")
    volunteer.get_by_role("radio").nth(1).check()
    volunteer.get_by_label("Your name").fill("Dana Cohen")
    volunteer.get_by_label("Phone").fill("050-1234567")
    volunteer.get_by_role("button", name="I'll do it").click()
    expect(volunteer.get_by_role("heading", name="Your task")).to_be_visible()
    expect(volunteer.get_by_text("Dinner for four")).to_be_visible()
    expect(volunteer.get_by_text("Olive Street 3")).to_be_visible()
    expect(volunteer.get_by_text("25 November 2026", exact=False)).to_be_visible()
    check_accessibility(volunteer, "the volunteer's task")
    assert fits_the_screen(volunteer)
    volunteer.get_by_role("button", name="Done").click()
    expect(volunteer.get_by_text("Done. Thank you for helping!")).to_be_visible()
    check_accessibility(volunteer, "the task done")
    screenshot(volunteer, "welfare-task-done-phone")

    page.goto(page.url.split("#")[0])
    row = page.locator("tbody tr").nth(1)
    expect(row).to_contain_text("Done")
    expect(row).to_contain_text("Dana Cohen")
    expect(page.locator("tbody tr").nth(0)).to_contain_text("Needs a volunteer")
    check_accessibility(page, "programme with a task done")
    screenshot(page, "welfare-programme-desktop")

    page.goto(reverse("welfare:fund"))
    check_accessibility(page, "the charity fund, empty")
