"""In a browser, on a phone: a volunteer opens their hours link and reports 3 hours; their
committee's chair logs in, sees them under "Hours to confirm" on the home page and approves
them; the volunteer's page then shows them approved and the 10-hour milestone crossed.
axe-core checks every page."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from committees.tokens import link_token, token_hash
from coordinator.models import Role
from tests import factories

from .conftest import PHONE, check_accessibility, screenshot
from .test_journeys import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NONCE = "b" * 32


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.fixture
def volunteer(db):
    settlement = factories.SettlementFactory(name="Kfar Hadar", time_zone="Asia/Jerusalem")
    chair = factories.member(settlement, Role.CHAIR, username="chair")
    committee = factories.CommitteeFactory(
        settlement=settlement, name="Culture committee", chairs=[chair]
    )
    resident = factories.ResidentFactory(
        settlement=settlement, first_name="Miriam", last_name="Cohen"
    )
    factories.CommitteeMemberFactory(committee=committee, resident=resident)
    factories.VolunteerProfileFactory(
        resident=resident,
        hours_nonce=NONCE,
        hours_token_hash=token_hash(link_token("hours", NONCE)),
    )
    factories.VolunteerHoursFactory(
        committee=committee,
        resident=resident,
        hours=Decimal("8"),
        date=dt.date(2026, 11, 2),
        status="approved",
        description="Autumn festival",
    )
    return resident


def test_a_volunteer_reports_hours_and_the_chair_approves_them(new_page, volunteer):
    page = new_page(PHONE)
    page.goto(f"/v/h/{link_token('hours', NONCE)}/")
    expect(page.get_by_role("heading", name="My volunteer hours")).to_be_visible()
    expect(page.get_by_text("2 more to reach 10 hours.")).to_be_visible()
    assert fits_the_screen(page), "the volunteer's page overflows sideways on a phone"
    check_accessibility(page, "volunteer's hours page")
    form = page.get_by_role("region", name="Report hours")
    form.get_by_label("Date").fill("2026-11-22")
    form.get_by_role("spinbutton", name=re.compile("^Hours")).fill("3")
    form.get_by_label("For").select_option(label="Culture committee")
    form.get_by_label("What did you do?").fill("Hung the Hanukkah lights")
    form.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Thank you! Your 3 hours were sent for confirmation.")).to_be_visible()
    reported = page.get_by_role("listitem").filter(has_text="Hung the Hanukkah lights")
    expect(reported.get_by_text("To confirm", exact=True)).to_be_visible()
    check_accessibility(page, "volunteer's page after reporting")
    screenshot(page, "hours-volunteer-phone-en")

    chair = new_page(PHONE)
    log_in(chair, "chair")
    panel = chair.get_by_role("region", name=re.compile("Hours to confirm"))
    expect(panel.get_by_text("Miriam Cohen", exact=True)).to_be_visible()
    assert fits_the_screen(chair), "the chair's home overflows sideways on a phone"
    check_accessibility(chair, "chair's home with hours to confirm")
    screenshot(chair, "hours-chair-home-phone-en")
    panel.get_by_role("button", name=re.compile("Approve.*Miriam Cohen")).click()
    chair.wait_for_load_state("networkidle")
    expect(chair).to_have_url(re.compile(r"^http://[^/]+/$"))
    expect(chair.get_by_text("The hours of Miriam Cohen were approved.")).to_be_visible()
    expect(chair.get_by_text("Miriam Cohen has reached 10 volunteer hours")).to_be_visible()
    expect(chair.get_by_text("No hours are waiting for you.")).to_be_visible()
    check_accessibility(chair, "chair's home after approving")

    chair.goto("/committees/hours/?status=approved")
    expect(chair.get_by_text("Miriam Cohen reached 10 hours")).to_be_visible()
    assert fits_the_screen(chair), "the hours list overflows sideways on a phone"
    check_accessibility(chair, "hours list on a phone")

    page.reload()
    reported = page.get_by_role("listitem").filter(has_text="Hung the Hanukkah lights")
    expect(reported.get_by_text("Approved", exact=True)).to_be_visible()
    expect(page.get_by_text("10 hours reached")).to_be_visible()
    expect(page.get_by_text("Approved hours in all: 11.")).to_be_visible()
    check_accessibility(page, "volunteer's page after approval")


def test_the_coordinators_hours_pages_are_accessible(new_page, volunteer):
    coordinator = factories.member(volunteer.settlement, Role.COORDINATOR, username="coord")
    assert coordinator.pk
    page = new_page()
    log_in(page, "coord")
    page.goto("/committees/hours/new/")
    expect(page.get_by_role("heading", name="Log volunteer hours")).to_be_visible()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Nothing was saved.")).to_be_visible()
    check_accessibility(page, "log hours with errors")

    page.goto("/committees/volunteers/thanks/")
    expect(page.get_by_role("cell", name="Miriam Cohen", exact=True)).to_be_visible()
    check_accessibility(page, "volunteers to thank")
    page.get_by_role("link", name=re.compile("Letter.*Miriam Cohen")).click()
    expect(page.get_by_role("heading", name="Thank you!")).to_be_visible()
    check_accessibility(page, "thank-you letter")
    screenshot(page, "hours-thank-you-letter-en")

    profile = volunteer.volunteer_profile
    page.goto(f"/committees/volunteers/{profile.pk}/hours-link/")
    expect(page.get_by_role("img", name="QR code of the personal link")).to_be_visible()
    check_accessibility(page, "hours link page")

    phone = new_page(PHONE)
    log_in(phone, "coord")
    phone.goto("/committees/hours/?status=all")
    assert fits_the_screen(phone), "the hours list overflows sideways on a phone"
    check_accessibility(phone, "coordinator's hours list on a phone")
