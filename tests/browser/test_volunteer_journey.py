"""In a browser: the coordinator posts an opening, sees volunteers ranked by fit with the
reasons, invites two; one accepts through their personal link on a phone; the opening's
page shows it. axe-core on every page, at desktop and phone size."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from committees.models_volunteers import OpeningInvitation
from committees.services_volunteers import invitation_token
from coordinator.models import Role
from tests import factories

from .conftest import DESKTOP, PHONE, check_accessibility, screenshot
from .test_journeys import log_in


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_coordinator_invites_the_best_fits_and_one_accepts(new_page, viewport):
    settlement = factories.SettlementFactory(name="Kfar Hadar", currency="ILS")
    factories.member(settlement, Role.COORDINATOR, username="coordinator")
    factories.CommitteeFactory(settlement=settlement, name="Culture", kind="culture")
    driving = factories.SkillFactory(settlement=settlement, name="Driving")
    cooking = factories.SkillFactory(settlement=settlement, name="Cooking")

    def volunteer(first: str, skills, availability) -> None:
        resident = factories.ResidentFactory(
            settlement=settlement, first_name=first, last_name="Levi"
        )
        factories.VolunteerProfileFactory(
            resident=resident, skills=skills, availability=availability, interests=["culture"]
        )

    volunteer("Noa", [driving], ["weekends"])
    volunteer("Avi", [driving], ["weekday_mornings"])
    volunteer("Dana", [cooking], ["weekday_mornings"])

    page = new_page(viewport)
    log_in(page, "coordinator")
    page.goto(reverse("committees:volunteers"))
    expect(page.get_by_role("link", name="Noa Levi")).to_be_visible()
    check_accessibility(page, "volunteer list")
    assert fits_the_screen(page)

    page.goto(reverse("committees:openings"))
    check_accessibility(page, "openings, empty")
    page.get_by_role("link", name="Post an opening").first.click()
    check_accessibility(page, "opening form")
    assert fits_the_screen(page)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Nothing was saved.", exact=False)).to_be_visible()
    check_accessibility(page, "opening form with errors")
    page.locator("#id_title").fill("Driver for the autumn festival")
    page.locator("#id_committee").select_option(label="Culture")
    page.locator("#id_area").select_option("culture")
    page.get_by_label("Driving").check()
    page.get_by_label("Weekends").check()
    page.locator("#id_people_needed").fill("2")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_text("The opening was posted.")).to_be_visible()

    suggestions = page.locator("ol.list-group > li")
    expect(suggestions).to_have_count(3)
    expect(suggestions.nth(0)).to_contain_text("Noa Levi")
    expect(suggestions.nth(0)).to_contain_text("Matching skills: Driving")
    expect(suggestions.nth(0)).to_contain_text("Free at the time needed")
    expect(suggestions.nth(1)).to_contain_text("Avi Levi")
    expect(suggestions.nth(2)).to_contain_text("Dana Levi")
    check_accessibility(page, "opening with suggestions")
    assert fits_the_screen(page)
    screenshot(page, f"opening-suggestions-{viewport['width']}")

    page.get_by_label("Noa Levi").check()
    page.get_by_label("Avi Levi").check()
    page.get_by_role("button", name="Invite").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_text("2 volunteers were invited.", exact=False)).to_be_visible()
    expect(page.locator("ol.list-group > li")).to_have_count(1)
    check_accessibility(page, "opening with invitations")

    with scopes_disabled():
        invitation = OpeningInvitation.objects.get(resident__first_name="Noa")
    token = invitation_token(invitation.nonce)
    resident_page = new_page(PHONE)
    resident_page.goto(reverse("public:opening", args=[token]))
    expect(
        resident_page.get_by_role("heading", name="Driver for the autumn festival")
    ).to_be_visible()
    check_accessibility(resident_page, "the resident's invitation")
    assert fits_the_screen(resident_page)
    resident_page.get_by_role("button", name="Accept: I can help").click()
    resident_page.wait_for_load_state("networkidle")
    expect(resident_page.get_by_text("Thank you! You accepted.", exact=False)).to_be_visible()
    check_accessibility(resident_page, "the resident's answer")
    screenshot(resident_page, "opening-answer-phone")

    page.reload()
    row = page.locator("tr", has_text="Noa Levi")
    expect(row).to_contain_text("Accepted")
    expect(page.locator("tr", has_text="Avi Levi")).to_contain_text("Invited")
    check_accessibility(page, "opening with an answer")
