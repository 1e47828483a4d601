"""In a browser, on a phone: a committee chair records the minutes of today's meeting (who
came, what was said, two action items with owners and due dates), and each owner then
finds their item on their home page under "My action items".

The live server runs in this process, so the clock stands where the suite's ``fixed_clock``
put it: Monday 23 November 2026, 10:00 UTC (12:00 in Jerusalem)."""

import datetime as dt
import re

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from committees.models import ActionItem, Meeting, MeetingAttendance
from coordinator.models import Role
from tests import factories

from .conftest import PHONE, check_accessibility, screenshot
from .test_journeys import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.fixture
def meeting(db):
    settlement = factories.SettlementFactory(name="Kfar Hadar", time_zone="Asia/Jerusalem")
    chair = factories.member(settlement, Role.CHAIR, username="chair")
    factories.member(settlement, Role.COORDINATOR, username="coordinator")
    factories.member(settlement, Role.SECRETARY, username="secretary")
    committee = factories.CommitteeFactory(
        settlement=settlement, name="Culture committee", chairs=[chair]
    )
    meeting = factories.MeetingFactory(
        committee=committee,
        title="Hanukkah planning",
        starts_at=dt.datetime(2026, 11, 23, 8, 0, tzinfo=dt.UTC),  # 10:00 in Jerusalem, today
        ends_at=dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC),
    )
    with scopes_disabled():
        for first_name in ("Miriam", "Yael"):
            resident = factories.ResidentFactory(
                settlement=settlement, first_name=first_name, last_name="Cohen"
            )
            factories.CommitteeMemberFactory(committee=committee, resident=resident)
            MeetingAttendance.objects.create(
                settlement=settlement, meeting=meeting, resident=resident
            )
    return meeting


def test_a_chair_records_minutes_and_the_owners_see_their_items(new_page, meeting):
    page = new_page(PHONE)
    log_in(page, "chair")
    page.goto(f"/committees/meetings/{meeting.pk}/")
    page.get_by_role("link", name="Minutes and attendance").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("heading", name="Minutes and attendance")).to_be_visible()
    assert fits_the_screen(page), "the minutes page overflows sideways on a phone"
    check_accessibility(page, "the minutes page on a phone")

    page.get_by_role("group", name="Miriam Cohen").get_by_text("Came", exact=True).click()
    page.get_by_role("group", name="Yael Cohen").get_by_text("Did not come", exact=True).click()
    page.get_by_label("Minutes", exact=True).fill("We chose the date of the candle lighting.")
    page.get_by_label("Decisions").fill("The party is on 14 December in the community hall.")
    first = page.get_by_role("group", name="New action item 1")
    first.get_by_label("Action item").fill("Book the community hall")
    first.get_by_label("Owner").select_option(label="coordinator")
    first.get_by_label("Due").fill("2026-11-30")
    second = page.get_by_role("group", name="New action item 2")
    second.get_by_label("Action item").fill("Order doughnuts")
    second.get_by_label("Owner").select_option(label="secretary")
    second.get_by_label("Due").fill("2026-12-02")
    screenshot(page, "minutes-chair-phone-en")
    page.get_by_role("button", name="Save the minutes").click()
    page.wait_for_load_state("networkidle")

    expect(page).to_have_url(re.compile(rf"/committees/meetings/{meeting.pk}/$"))
    expect(page.get_by_text("The minutes were saved.")).to_be_visible()
    expect(page.get_by_role("cell", name="Book the community hall", exact=True)).to_be_visible()
    expect(page.get_by_role("cell", name="Order doughnuts", exact=True)).to_be_visible()
    assert fits_the_screen(page), "the meeting page overflows sideways on a phone"
    check_accessibility(page, "the meeting after the minutes")
    with scopes_disabled():
        saved = Meeting.objects.get(pk=meeting.pk)
        items = {
            item.title: (item.owner.username, item.due_on)
            for item in ActionItem.objects.filter(meeting=meeting).select_related("owner")
        }
        came = dict(
            MeetingAttendance.objects.filter(meeting=meeting).values_list(
                "resident__first_name", "attended"
            )
        )
    assert saved.minutes == "We chose the date of the candle lighting."
    assert came == {"Miriam": True, "Yael": False}
    assert items == {
        "Book the community hall": ("coordinator", dt.date(2026, 11, 30)),
        "Order doughnuts": ("secretary", dt.date(2026, 12, 2)),
    }

    for username, mine, theirs in (
        ("coordinator", "Book the community hall", "Order doughnuts"),
        ("secretary", "Order doughnuts", "Book the community hall"),
    ):
        owner = new_page(PHONE)
        log_in(owner, username)
        actions = owner.get_by_role("region", name="My action items")
        expect(actions.get_by_text(mine, exact=True)).to_be_visible()
        expect(actions.get_by_text(theirs, exact=True)).to_have_count(0)
        assert fits_the_screen(owner), f"{username}'s home overflows sideways on a phone"
        check_accessibility(owner, f"{username}'s home with their action item")
        screenshot(owner, f"home-{username}-action-item-phone-en")
