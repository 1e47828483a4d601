"""The issue's emergency journey, in a browser: the coordinator declares an emergency on a
desktop; the safety check-in goes out; two residents answer on their phones through their
links (one is safe, one needs help); the live board updates by itself; the coordinator
assigns a volunteer to a household that did not answer, and the board shows it. axe-core
checks every page on the way."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from coordinator.models import Role
from tests import factories
from welfare.models import CheckIn

from .conftest import PHONE, check_accessibility, screenshot
from .test_journeys import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LINK = re.compile(r"https?://\S+/p/[\w-]+/safe/[\w-]+/")


def link_of(address: str) -> str:
    (message,) = [m for m in mail.outbox if m.to == [address]]
    found = LINK.search(str(message.body))
    assert found is not None, message.body
    return urlsplit(found.group(0)).path


def test_an_emergency_from_declaration_to_follow_up(new_page):
    settlement = factories.SettlementFactory(name="Kfar Hadar", slug="kfar-hadar", language="en")
    factories.member(settlement, Role.COORDINATOR, username="coordinator")
    factories.TeamMemberFactory(settlement=settlement, name="Youth Noa", function="youth")
    people = {}
    for first, last in (("Ruth", "Levi"), ("David", "Mizrahi"), ("Esther", "Senior")):
        household = factories.HouseholdFactory(settlement=settlement, name=f"{last} family")
        people[first] = factories.ResidentFactory(
            settlement=settlement,
            household=household,
            first_name=first,
            last_name=last,
            email=f"{first.lower()}@example.org",
        )

    page = new_page()
    log_in(page, "coordinator")
    page.goto(reverse("welfare:emergency"))
    check_accessibility(page, "emergency page")
    page.get_by_label("What kind of emergency").select_option("weather")
    page.get_by_label("What is happening").fill("Flooding on the low road")
    page.get_by_label("Instructions for residents (optional)").fill("Stay on the upper floors.")
    page.get_by_label("Send the safety check-in to every resident with contact details now").check()
    page.get_by_role("button", name="Declare the emergency").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("heading", name="Live board: Flooding on the low road")).to_be_visible()
    expect(page.locator("[data-count=sent]")).to_have_text("3")
    expect(page.locator("[data-count=silent]")).to_have_text("3")
    check_accessibility(page, "live board")
    assert sorted(m.to[0] for m in mail.outbox) == [
        "david@example.org",
        "esther@example.org",
        "ruth@example.org",
    ]

    for first, button in (("Ruth", "We are safe"), ("David", "We need help")):
        phone = new_page(PHONE)
        phone.goto(link_of(f"{first.lower()}@example.org"))
        expect(
            phone.get_by_text("Are you and your household safe? Do you need help?")
        ).to_be_visible()
        check_accessibility(phone, f"check-in of {first}")
        if first == "David":
            phone.get_by_label("What help do you need? (optional)").fill("Medicine from town")
        phone.get_by_role("button", name=button).click()
        phone.wait_for_load_state("networkidle")
        expect(phone.get_by_role("status")).to_contain_text("Thank you.")
        check_accessibility(phone, f"check-in of {first}, answered")
        screenshot(phone, f"emergency-check-in-{first.lower()}-phone")

    # The board refreshes itself (every 10 s).
    expect(page.locator("[data-count=safe]")).to_have_text("1", timeout=20000)
    expect(page.locator("[data-count=help]")).to_have_text("1")
    expect(page.locator("[data-count=silent]")).to_have_text("1")
    expect(page.locator("#board-live")).to_contain_text("Medicine from town")

    with scopes_disabled():
        esther = CheckIn.objects.get(resident=people["Esther"])
    row = page.locator(f"#check-in-{esther.pk}")
    expect(row).to_contain_text("Senior family")
    row.get_by_text("Assign someone").click()
    row.get_by_label("Who calls or visits").fill("Youth Noa")
    row.get_by_role("button", name="Save").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator(f"#check-in-{esther.pk}")).to_contain_text("Youth Noa · Assigned")
    expect(page.locator("[data-count=assigned]")).to_have_text("1")
    check_accessibility(page, "live board with a follow-up")
    screenshot(page, "emergency-board-desktop")
    with scopes_disabled():
        esther.refresh_from_db()
    assert (esther.assigned_to, esther.follow_up) == ("Youth Noa", "assigned")
