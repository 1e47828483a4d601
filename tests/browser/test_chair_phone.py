"""In a browser, on a phone: a committee chair opens the home page, sees their committee,
its next meeting and an overdue action item, and ticks the item done."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from coordinator.models import Role
from tests import factories

from .conftest import PHONE, check_accessibility, screenshot
from .test_journeys import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TODAY = dt.date(2026, 11, 23)


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.fixture
def culture_committee(db):
    settlement = factories.SettlementFactory(name="Kfar Hadar", time_zone="Asia/Jerusalem")
    chair = factories.member(settlement, Role.CHAIR, username="chair")
    committee = factories.CommitteeFactory(
        settlement=settlement, name="Culture committee", chairs=[chair]
    )
    for first_name in ("Miriam", "Yael", "Noam"):
        factories.CommitteeMemberFactory(
            committee=committee,
            resident=factories.ResidentFactory(
                settlement=settlement, first_name=first_name, last_name="Cohen"
            ),
        )
    last = factories.MeetingFactory(
        committee=committee,
        title="November meeting",
        starts_at=dt.datetime(2026, 11, 10, 17, 0, tzinfo=dt.UTC),
        ends_at=None,
    )
    factories.MeetingFactory(
        committee=committee,
        title="Hanukkah planning",
        starts_at=dt.datetime(2026, 11, 26, 17, 0, tzinfo=dt.UTC),  # 19:00 in Jerusalem
        ends_at=None,
    )
    factories.ActionItemFactory(
        meeting=last, owner=chair, title="Book the community hall", due_on=TODAY - dt.timedelta(3)
    )
    factories.ActionItemFactory(
        meeting=last,
        owner=chair,
        title="Ask the council for chairs",
        due_on=TODAY + dt.timedelta(5),
    )
    return committee


def test_a_chair_updates_their_committee_from_a_phone(new_page, culture_committee):
    page = new_page(PHONE)
    log_in(page, "chair")
    committees = page.get_by_role("region", name="My committees")
    expect(committees.get_by_role("link", name="Culture committee")).to_be_visible()
    expect(committees.get_by_text("3 members")).to_be_visible()
    expect(committees.get_by_role("link", name="Hanukkah planning")).to_be_visible()
    actions = page.get_by_role("region", name="My action items")
    expect(actions.get_by_role("heading", name="Overdue (1)")).to_be_visible()
    expect(actions.get_by_text("Book the community hall", exact=True)).to_be_visible()
    expect(actions.get_by_text("Ask the council for chairs", exact=True)).to_be_visible()
    assert fits_the_screen(page), "the home page overflows sideways on a phone"
    check_accessibility(page, "chair's home on a phone")
    screenshot(page, "home-chair-phone-en")

    actions.get_by_role("button", name=re.compile("Mark done.*Book the community hall")).click()
    page.wait_for_load_state("networkidle")
    expect(page).to_have_url(re.compile(r"^http://[^/]+/$"))  # back on the home page
    expect(page.get_by_text("“Book the community hall” is done.")).to_be_visible()
    actions = page.get_by_role("region", name="My action items")
    expect(actions.get_by_text("Book the community hall", exact=True)).to_have_count(0)
    expect(actions.get_by_role("heading", name="Overdue (1)")).to_have_count(0)
    expect(actions.get_by_text("Ask the council for chairs", exact=True)).to_be_visible()
    assert fits_the_screen(page)
    check_accessibility(page, "chair's home after ticking an item done")
    screenshot(page, "home-chair-phone-done-en")


def test_the_directory_of_partners_on_a_phone(new_page, culture_committee):
    """The coordinator adds a partner (after one mistake); the chair finds them and calls."""
    settlement = culture_committee.settlement
    factories.member(settlement, Role.COORDINATOR, username="coordinator")
    page = new_page(PHONE)
    log_in(page, "coordinator")
    page.goto("/committees/partners/")
    check_accessibility(page, "no partners yet")
    page.get_by_role("link", name="Add a partner").first.click()
    page.get_by_label("Name").fill("Council welfare department")
    page.get_by_label("Kind").select_option("welfare")
    page.get_by_label("Contact person").fill("Ruth Ben-David")
    page.get_by_label("Phone").fill("call me")
    page.get_by_label("Culture committee").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Write the phone number with digits")).to_be_visible()
    check_accessibility(page, "partner form with an error")
    page.get_by_label("Phone").fill("+972 4 555 1234")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("heading", name="Council welfare department")).to_be_visible()
    check_accessibility(page, "partner detail")

    chair = new_page(PHONE)
    log_in(chair, "chair")
    chair.get_by_role("region", name="My committees").get_by_role("link", name="Partners").click()
    chair.get_by_label("Search").fill("ruth")
    chair.get_by_role("button", name="Filter").click()
    chair.wait_for_load_state("networkidle")
    expect(chair.get_by_role("link", name="+972 4 555 1234")).to_have_attribute(
        "href", "tel:+97245551234"
    )
    assert fits_the_screen(chair), "the partner list overflows sideways on a phone"
    check_accessibility(chair, "partner list on a phone")
    screenshot(chair, "partners-phone-en")
