"""A welfare case in a browser: the coordinator creates a case for a household, adds a
note and a referral; the assigned social worker logs in, is asked why they open the case,
gives a reason and reads the note; the coordinator then reads that reason on the case's
trail. axe-core checks every page on the way."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from coordinator.models import Role
from tests import factories
from welfare.models import CaseAccess, WelfareCase

from .conftest import PHONE, check_accessibility, screenshot
from .test_journeys import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOTE = "Spoke with the mother; she asked for help with the rent"
REASON = "Preparing the home visit on Sunday"


def submit(page) -> None:
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state("networkidle")


def test_a_case_from_the_coordinator_to_the_social_worker(new_page):
    settlement = factories.SettlementFactory(name="Kfar Hadar", slug="kfar-hadar")
    factories.member(settlement, Role.COORDINATOR, username="coordinator")
    factories.member(
        settlement, Role.SOCIAL_WORKER, username="worker", first_name="Noa", last_name="Social"
    )
    factories.HouseholdFactory(settlement=settlement, name="The Levi family")

    page = new_page()
    log_in(page, "coordinator")
    page.goto(reverse("welfare:cases") + "?lang=en")
    check_accessibility(page, "cases, empty")
    expect(page.get_by_text("No cases yet")).to_be_visible()
    page.get_by_role("link", name="New case").click()
    page.wait_for_load_state("networkidle")
    check_accessibility(page, "new case form")
    page.get_by_label("Household").select_option(label="The Levi family")
    page.get_by_label("Food").check()
    page.get_by_label("Money and debts").check()
    page.get_by_label("Details").fill("The father lost his job in March")
    page.get_by_label("The family agreed that we keep this").check()
    page.get_by_label("Social worker").select_option(label="Noa Social")
    submit(page)
    expect(page.get_by_text("The father lost his job in March")).to_be_visible()
    check_accessibility(page, "the case's page")

    page.get_by_label("New note").fill(NOTE)
    page.get_by_role("button", name="Add the note").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_text(NOTE)).to_be_visible()

    page.get_by_role("link", name="New referral").click()
    page.wait_for_load_state("networkidle")
    check_accessibility(page, "referral form")
    page.get_by_label("Service").select_option(label="Housing")
    page.get_by_label("Contact person").fill("Dana at the council")
    submit(page)
    expect(page.get_by_role("cell", name="Dana at the council")).to_be_visible()
    screenshot(page, "welfare-case-coordinator")

    with scopes_disabled():
        case = WelfareCase.objects.get()

    worker_page = new_page(PHONE)
    log_in(worker_page, "worker")
    worker_page.goto(reverse("welfare:cases") + "?lang=en")
    check_accessibility(worker_page, "the social worker's cases")
    worker_page.get_by_role("link", name=f"#{case.pk}").click()
    worker_page.wait_for_load_state("networkidle")
    expect(worker_page.get_by_label("Why are you opening this case?")).to_be_visible()
    expect(worker_page.get_by_text(NOTE)).to_have_count(0)
    check_accessibility(worker_page, "the reason form")
    worker_page.get_by_role("button", name="Open the case").click()  # empty: asked again
    worker_page.wait_for_load_state("networkidle")
    expect(worker_page.get_by_text("This field is required.").first).to_be_visible()
    worker_page.get_by_label("Why are you opening this case?").fill(REASON)
    worker_page.get_by_role("button", name="Open the case").click()
    worker_page.wait_for_load_state("networkidle")
    expect(worker_page.get_by_text(NOTE)).to_be_visible()
    check_accessibility(worker_page, "the case on a phone")
    screenshot(worker_page, "welfare-case-social-worker")

    page.goto(reverse("welfare:case_access", args=[case.pk]) + "?lang=en")
    check_accessibility(page, "the case's trail")
    row = page.get_by_role("row").filter(has_text=REASON)
    expect(row).to_contain_text("Noa Social")
    page.goto(reverse("welfare:access_log") + "?lang=en")
    check_accessibility(page, "who opened each case")
    expect(page.get_by_text(REASON)).to_be_visible()

    with scopes_disabled():
        actions = set(CaseAccess.objects.filter(case_id=case.pk).values_list("action", flat=True))
    assert actions == {"opened", "read", "changed"}
