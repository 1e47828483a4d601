"""The issue's journey, in a browser: a coordinator of a Slovenian local community rates
themself against the competency model in Slovenian, saving half-way and completing it;
their self-assessment shows the evidence drawn from a survey and a committee recorded
earlier; their page shows the radar chart of the five areas. Then the page in Hebrew on
a phone. axe-core checks every page on the way."""

import datetime as dt

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from competencies.models import Cycle, Rating
from coordinator.models import Role
from tests import factories

from .conftest import PHONE, check_accessibility, screenshot
from .test_journeys import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_self_assessment_in_slovenian_with_evidence_and_the_radar(new_page):
    council = factories.CouncilFactory(name="Občina Dolina")
    settlement = factories.SettlementFactory(
        council=council, name="Zgornja Lipa", slug="zgornja-lipa", language="sl", currency="EUR"
    )
    factories.member(settlement, Role.COORDINATOR, username="coordinator")
    factories.council_staff(council, username="mentor", first_name="Mojca", last_name="Mentor")
    # Recorded earlier this year: a needs survey sent, a resident joining a committee.
    factories.SurveyFactory(
        settlement=settlement,
        title={"sl": "Potrebe starejših 2026"},
        languages=["sl"],
        state="running",
        sent_at=dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC),
    )
    committee = factories.CommitteeFactory(settlement=settlement, name="Odbor za kulturo")
    factories.CommitteeMemberFactory(committee=committee, term_start=dt.date(2026, 4, 1))

    page = new_page()
    log_in(page, "coordinator")
    page.get_by_role("button", name="Slovenščina").click()
    page.wait_for_load_state("networkidle")
    page.goto(reverse("competencies:home"))
    expect(page.locator("html")).to_have_attribute("lang", "sl")
    check_accessibility(page, "competencies, no self-assessment yet, Slovenian")
    page.locator("#id_mentor").select_option(label="Mojca Mentor")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")
    check_accessibility(page, "a new self-assessment, Slovenian")
    expect(page.get_by_text("Vzpostavlja dober stik s skupnostjo")).to_be_visible()

    # The evidence of the period: the survey under recognising needs (2.2), the new
    # committee member under recognising talents (5.2).
    expect(page.get_by_role("link", name="Potrebe starejših 2026").first).to_be_visible()
    expect(page.get_by_role("link", name="Odbor za kulturo").first).to_be_visible()

    # Half-way first: the first area, saved.
    radios = page.locator("input[type=radio][name^='level-']")
    for name in sorted(set(radios.evaluate_all("rs => rs.map(r => r.name)")))[:3]:
        page.locator(f"input[type=radio][name='{name}'][value='3']").check()
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")
    with scopes_disabled():
        cycle = Cycle.objects.get(owner__username="coordinator")
        assert Rating.objects.filter(cycle=cycle, level__isnull=False).count() == 3

    # Then every competency, and complete it.
    names = sorted(set(radios.evaluate_all("rs => rs.map(r => r.name)")))
    assert len(names) == 28
    for n, name in enumerate(names):
        page.locator(f"input[type=radio][name='{name}'][value='{1 + n % 4}']").check()
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")
    check_accessibility(page, "a rated self-assessment, Slovenian")
    page.locator("form[action$='/complete/'] button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    with scopes_disabled():
        cycle.refresh_from_db()
    assert cycle.status == Cycle.Status.COMPLETED

    page.goto(reverse("competencies:home"))
    radar = page.locator("svg[role=img]").first
    expect(radar).to_be_visible()
    assert radar.locator("polygon").count() >= 2  # the rings and this cycle's shape
    check_accessibility(page, "competencies with the radar, Slovenian")
    screenshot(page, "competencies-sl-desktop")

    phone = new_page(PHONE)
    log_in(phone, "coordinator")
    phone.get_by_role("button", name="עברית").click()
    phone.wait_for_load_state("networkidle")
    phone.goto(reverse("competencies:cycle", args=[cycle.pk]))
    expect(phone.locator("html")).to_have_attribute("dir", "rtl")
    check_accessibility(phone, "a self-assessment, Hebrew, phone")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(phone, "competencies-cycle-he-phone")
