"""The coordinator's journey: from the ready-made needs survey to invitations sent to every
resident over 65, then the printed sheet for the one without e-mail, in a real browser,
with axe-core on every page."""

import datetime as dt

import pytest
from django.core import mail
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from coordinator.models import Role
from surveys.models import Invitation, Survey
from tests import factories

from .conftest import PHONE, check_accessibility, screenshot
from .test_journeys import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def village(db):
    settlement = factories.SettlementFactory(name="Meadowbrook", language="en")
    for n, (born, email) in enumerate(
        [
            (dt.date(1950, 3, 1), "ruth@example.org"),
            (dt.date(1948, 7, 9), "david@example.org"),
            (dt.date(1955, 1, 20), ""),  # a senior without e-mail: a printed sheet
            (dt.date(1990, 5, 5), "young@example.org"),
        ]
    ):
        factories.ResidentFactory(
            settlement=settlement,
            first_name=["Ruth", "David", "Esther", "Young"][n],
            last_name="Senior" if n < 3 else "Adult",
            birth_date=born,
            email=email,
        )
    factories.member(settlement, Role.COORDINATOR, username="coordinator")
    return settlement


def test_a_new_coordinator_sends_the_needs_survey_to_everyone_over_65(new_page, village):
    page = new_page()
    log_in(page, "coordinator")
    page.get_by_role("link", name="Surveys").first.click()
    check_accessibility(page, "survey list, empty")
    page.get_by_role("button", name="Start from the ready-made needs survey").first.click()
    page.wait_for_load_state("networkidle")
    check_accessibility(page, "the starter survey's builder")
    screenshot(page, "survey-builder-en")

    page.get_by_role("link", name="Audience").first.click()
    page.get_by_label("By age group").check()
    page.get_by_label("Seniors").check()
    page.get_by_role("button", name="Save the audience").click()
    page.wait_for_load_state("networkidle")
    check_accessibility(page, "audience")
    expect(page.get_by_text("will be invited")).to_be_visible()

    page.get_by_role("link", name="Next: send").click()
    check_accessibility(page, "send")
    page.get_by_role("button", name="Send to 3 residents").click()
    page.wait_for_load_state("networkidle")
    check_accessibility(page, "invitations")
    screenshot(page, "survey-invitations-en")

    # Celery runs eagerly in tests: the invitations exist and both e-mails went out.
    with scopes_disabled():
        survey = Survey.objects.get(state=Survey.State.RUNNING)
        invited = Invitation.objects.filter(survey=survey).select_related("resident")
        assert sorted(i.resident.first_name for i in invited) == ["David", "Esther", "Ruth"]
    assert sorted(m.to[0] for m in mail.outbox) == ["david@example.org", "ruth@example.org"]

    page.reload()
    expect(page.get_by_text("Sent").first).to_be_visible()
    page.get_by_role("link", name="Printed sheets").click()
    expect(page.get_by_text("For Esther Senior")).to_be_visible()
    assert page.locator("img[alt='QR code of the personal link']").count() == 1
    check_accessibility(page, "printed sheets")

    phone = new_page(PHONE)
    log_in(phone, "coordinator")
    phone.goto(f"/surveys/{survey.pk}/share/")
    check_accessibility(phone, "shared link on a phone")
    screenshot(phone, "survey-share-phone-en")
