"""In a browser: a resident sends an idea from their phone and follows it; the coordinator
takes it from the list, gives it a champion and a committee, accepts it, then marks it done."""

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
def test_an_idea_from_a_phone_to_done(new_page):
    settlement = factories.SettlementFactory(name="Kfar Hadar", slug="kfar-hadar")
    factories.member(settlement, Role.COORDINATOR, username="coordinator")
    factories.CommitteeFactory(settlement=settlement, name="Culture")
    factories.ResidentFactory(settlement=settlement, first_name="Noa", last_name="Bar")

    phone = new_page(PHONE)
    phone.goto(reverse("public:idea_new", kwargs={"slug": "kfar-hadar"}))
    check_accessibility(phone, "public idea form")
    assert fits_the_screen(phone)
    phone.locator("#id_title").fill("A bench by the playground")
    phone.get_by_label("Describe it").fill("Parents wait standing; a shaded bench would help.")
    phone.get_by_label("Your name (optional)").fill("Dana")
    phone.get_by_role("button", name="Send my idea").click()
    phone.wait_for_load_state("networkidle")
    expect(phone.get_by_text("Keep this link to follow your idea")).to_be_visible()
    expect(phone.locator("h1")).to_have_text("A bench by the playground")
    status_url = phone.url
    check_accessibility(phone, "status page, new")
    assert fits_the_screen(phone)
    screenshot(phone, "idea-status-new")

    desk = new_page()
    log_in(desk, "coordinator")
    desk.goto(reverse("committees:initiatives"))
    check_accessibility(desk, "ideas list")
    desk.get_by_role("link", name="A bench by the playground").click()
    check_accessibility(desk, "idea detail")
    desk.get_by_role("link", name="Move the idea along").click()
    desk.get_by_label("Status").select_option("accepted")
    desk.get_by_label("Champion").select_option(label="Noa Bar")
    desk.get_by_label("Committee").select_option(label="Culture")
    desk.get_by_label("Answer to the resident").fill("We will build it in the spring.")
    check_accessibility(desk, "idea edit form")
    desk.get_by_role("button", name="Save").click()
    desk.wait_for_load_state("networkidle")
    expect(desk.locator("h1")).to_contain_text("Accepted")

    desk.get_by_role("link", name="Move the idea along").click()
    desk.get_by_label("Status").select_option("done")
    desk.get_by_label("Answer to the resident").fill("The bench is in place. Thank you!")
    desk.get_by_role("button", name="Save").click()
    desk.wait_for_load_state("networkidle")
    expect(desk.locator("h1")).to_contain_text("Done")

    phone.goto(status_url)
    expect(phone.get_by_text("The bench is in place. Thank you!")).to_be_visible()
    expect(phone.get_by_text("Your idea has been carried out.")).to_be_visible()
    assert "Noa" not in phone.content() and "Culture" not in phone.content()
    check_accessibility(phone, "status page, done")
    screenshot(phone, "idea-status-done")
