"""In a browser: the coordinator turns a holiday suggestion into an event, publishes it and
finds it on the calendar; a resident sees it on the settlement's public page on a phone, in
Hebrew. axe-core checks every page."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from coordinator.models import Role
from tests import factories

from .conftest import PHONE, check_accessibility, screenshot
from .test_journeys import log_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_holiday_becomes_a_published_event_on_the_public_page(new_page):
    settlement = factories.SettlementFactory(
        name="Kfar Hadar", slug="kfar-hadar", language="he", time_zone="Asia/Jerusalem"
    )
    factories.member(settlement, Role.COORDINATOR, username="coordinator")

    desk = new_page()
    log_in(desk, "coordinator")
    desk.goto(reverse("events:holidays"))
    check_accessibility(desk, "holiday suggestions")
    desk.locator("form:has(input[name=key][value='2026:chanukah']) button[type=submit]").click()
    desk.wait_for_load_state("networkidle")
    check_accessibility(desk, "event form")
    desk.locator("#id_status").select_option("published")
    desk.locator("main form button[type=submit]").last.click()
    desk.wait_for_load_state("networkidle")
    check_accessibility(desk, "event detail")
    desk.goto(reverse("events:calendar") + "?view=month&month=2026-12")
    check_accessibility(desk, "calendar month")
    desk.goto(reverse("events:calendar"))
    check_accessibility(desk, "calendar list")
    screenshot(desk, "events-calendar")

    phone = new_page(PHONE)
    phone.goto(reverse("calendar:events", kwargs={"slug": "kfar-hadar"}) + "?lang=he")
    expect(phone.locator("html")).to_have_attribute("dir", "rtl")
    expect(phone.get_by_text("חנוכה").first).to_be_visible()
    check_accessibility(phone, "public events, phone, Hebrew")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(phone, "events-public-he-phone")
