"""In a browser: residents sign up for an event on a phone in Slovenian until it is full and
the next one waits; a volunteer takes a shift; the coordinator cancels a registration from
the registrations page and the waiting one moves up; after the event the coordinator takes
attendance and sends the feedback form. axe-core checks every page."""

import datetime as dt

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from coordinator import clock
from coordinator.models import Role
from events.models import EventRegistration, ShiftSignup
from tests import factories

from .conftest import PHONE, check_accessibility, screenshot
from .test_journeys import log_in

SLUG = "zgornja-vas"


def sign_up(page, event_pk: int, name: str, seats: int) -> None:
    page.goto(reverse("calendar:event_signup", kwargs={"slug": SLUG, "pk": event_pk}))
    page.locator("#id_name").fill(name)
    page.locator("#id_email").fill(f"{name.split()[0].lower()}@example.org")
    page.locator("#id_seats").fill(str(seats))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("networkidle")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_residents_sign_up_and_volunteer_and_the_coordinator_runs_the_event(new_page):
    settlement = factories.SettlementFactory(
        name="Zgornja vas", slug=SLUG, language="sl", time_zone="Europe/Ljubljana"
    )
    factories.member(settlement, Role.COORDINATOR, username="coordinator")
    committee = factories.CommitteeFactory(settlement=settlement, name="Kultura")
    event = factories.EventFactory(
        committee=committee,
        title={"sl": "Miklavževanje", "en": "St Nicholas party"},
        signup_open=True,
        capacity=3,
    )
    factories.VolunteerShiftFactory(event=event, role="Pri vratih", needed=1)

    phone = new_page(PHONE)
    phone.goto(reverse("calendar:event", kwargs={"slug": SLUG, "pk": event.pk}))
    expect(phone.locator("html")).to_have_attribute("lang", "sl")
    check_accessibility(phone, "public event with sign-up, phone, Slovenian")
    sign_up(phone, event.pk, "Mojca Novak", 2)
    check_accessibility(phone, "personal sign-up page, Slovenian")
    screenshot(phone, "event-signup-sl-phone")
    sign_up(new_page(PHONE), event.pk, "Janez Kranjc", 1)  # the last place
    late = new_page(PHONE)
    late.goto(reverse("calendar:event_signup", kwargs={"slug": SLUG, "pk": event.pk}))
    check_accessibility(late, "full event's sign-up form")
    sign_up(late, event.pk, "Ana Zupan", 1)
    with scopes_disabled():
        statuses = dict(EventRegistration.objects.values_list("name", "status"))
    assert statuses == {
        "Mojca Novak": "confirmed",
        "Janez Kranjc": "confirmed",
        "Ana Zupan": "waiting",
    }

    helper = new_page(PHONE)
    helper.goto(reverse("calendar:event_volunteer", kwargs={"slug": SLUG, "pk": event.pk}))
    check_accessibility(helper, "volunteer shifts, phone")
    helper.locator("input[name=shift]").first.check()
    helper.locator("#id_name").fill("Luka Kos")
    helper.locator("#id_email").fill("luka@example.org")
    helper.locator("main form button[type=submit]").click()
    helper.wait_for_load_state("networkidle")
    check_accessibility(helper, "personal shift page")
    with scopes_disabled():
        assert list(ShiftSignup.objects.values_list("name", flat=True)) == ["Luka Kos"]

    desk = new_page()
    log_in(desk, "coordinator")
    desk.goto(reverse("events:detail", args=[event.pk]))
    check_accessibility(desk, "event page with its sign-up card")
    screenshot(desk, "event-detail-signups")
    desk.goto(reverse("events:shifts", args=[event.pk]))
    expect(desk.get_by_text("Luka Kos").first).to_be_visible()
    check_accessibility(desk, "shifts")
    desk.goto(reverse("events:registrations", args=[event.pk]))
    check_accessibility(desk, "registrations")
    desk.locator("tr:has-text('Janez Kranjc') form button[type=submit]").click()
    desk.wait_for_load_state("networkidle")
    with scopes_disabled():
        assert EventRegistration.objects.get(name="Ana Zupan").status == "confirmed"

    # The evening of the event: attendance, then the feedback form to those who came.
    clock.set_now(event.ends_at + dt.timedelta(hours=1))
    log_in(desk, "coordinator")  # a week later: the session has run out on the clock
    desk.goto(reverse("events:attendance", args=[event.pk]))
    check_accessibility(desk, "attendance")
    desk.locator("input[name=came]").first.check()
    desk.locator("main form button[type=submit]").click()
    desk.wait_for_load_state("networkidle")
    desk.goto(reverse("events:feedback", args=[event.pk]))
    check_accessibility(desk, "feedback confirmation")
    desk.locator("main form button[type=submit]").click()
    desk.wait_for_load_state("networkidle")
    with scopes_disabled():
        event.refresh_from_db()
    assert event.attendance is not None and event.feedback_survey_id is not None
