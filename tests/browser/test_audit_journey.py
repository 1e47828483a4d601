"""The coordinator archives residents in bulk, finds it in the audit trail, and erases a
resident on request; axe-core finds no violation on the way."""

import datetime as dt

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from coordinator.models import AuditEvent, Resident, Role
from tests import factories

from .conftest import PHONE, check_accessibility, screenshot
from .test_journeys import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def village(db):
    settlement = factories.SettlementFactory(name="Kfar Hadar")
    household = factories.HouseholdFactory(settlement=settlement, name="Cohen family")
    factories.TagFactory(settlement=settlement, name="new family")
    for index, first_name in enumerate(["Miriam", "Yael", "Noam", "Dana"]):
        factories.ResidentFactory(
            settlement=settlement,
            household=household if index < 3 else None,
            first_name=first_name,
            last_name="Cohen" if index < 3 else "Levi",
            birth_date=dt.date(1970 + index * 10, 3, 1),
        )
    factories.member(settlement, Role.COORDINATOR, username="coordinator")
    return settlement


def test_bulk_archive_then_the_trail_then_an_erasure(new_page, village):
    page = new_page()
    log_in(page, "coordinator")
    page.goto("/residents/")
    check_accessibility(page, "resident list with checkboxes")
    # The "select every resident" box is shown by the script and ticks them all.
    page.get_by_label("Select every resident on this page").check()
    assert page.get_by_label("Select Dana Levi").is_checked()
    page.get_by_label("Select Dana Levi").uncheck()
    page.get_by_label("With the selected residents").select_option("archive")
    page.get_by_role("button", name="Apply to the selected").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_text("3 residents were archived.")).to_be_visible()
    with scopes_disabled():
        assert Resident.objects.filter(archived_at__isnull=True).count() == 1

    page.locator("#account-menu").click()  # settings-like pages: the account menu
    page.get_by_role("link", name="Audit trail").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "Audit trail"
    check_accessibility(page, "audit trail")
    page.get_by_label("Kind of record").select_option("resident")
    page.get_by_label("Changed by").select_option(label="coordinator")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("row").count() == 4  # the header and three archivings
    page.get_by_role("link", name="Details").first.click()
    check_accessibility(page, "one change of the trail")
    expect(page.get_by_role("table", name="Changes, field by field")).to_be_visible()
    screenshot(page, "audit-detail-en")

    page.goto("/residents/")
    page.get_by_role("link", name="Levi, Dana").click()
    page.get_by_role("link", name="Erase").click()
    check_accessibility(page, "erasure confirmation")
    page.get_by_label("The resident's full name").fill("Dana Cohen")
    page.get_by_label("The person asked to be erased").check()
    page.get_by_role("button", name="Erase for good").click()
    expect(page.get_by_text("The name does not match.")).to_be_visible()
    check_accessibility(page, "erasure confirmation with an error")
    page.get_by_label("The resident's full name").fill("Dana Levi")
    page.get_by_role("button", name="Erase for good").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_text("personal data was erased")).to_be_visible()
    with scopes_disabled():
        assert not Resident.objects.filter(first_name="Dana").exists()
        assert AuditEvent.objects.filter(action="erased").count() == 1


def test_the_trail_in_hebrew_on_a_phone(new_page, village):
    page = new_page(PHONE)
    log_in(page, "coordinator")
    page.get_by_role("button", name="עברית").click()
    page.wait_for_load_state("networkidle")
    page.goto("/audit/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the trail overflows sideways on a phone"
    check_accessibility(page, "audit trail, Hebrew, phone")
