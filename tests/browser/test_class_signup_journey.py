"""The issue's journey, in a browser: residents sign up for a class from the public page on
a phone-sized screen in Hebrew; the class fills, the next resident is wait-listed, and a
cancellation moves them up. The coordinator then sees it on the class's page. axe-core
checks every page."""

import datetime as dt

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from coordinator.models import Role
from events.models import ClassRegistration
from tests import factories

from .conftest import PHONE, check_accessibility, screenshot
from .test_journeys import log_in


def sign_up(page, slug: str, course_pk: int, who: str, children: list[str]) -> str:
    """Fill the class's public form in Hebrew and send it; the personal page's URL."""
    page.goto(reverse("calendar:classes", kwargs={"slug": slug}) + "?lang=he")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.locator(f"a[href*='/classes/{course_pk}/']").first.click()
    page.wait_for_load_state("networkidle")
    page.locator("#id_name").fill(who)
    page.locator("#id_email").fill(f"{who.split()[0].lower()}@example.org")
    for n, child in enumerate(children):
        page.locator(f"#id_people-{n}-name").fill(child)
        page.locator(f"#id_people-{n}-age_group").select_option("children")
    page.locator("#id_consent").check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    return page.url


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_class_fills_on_a_phone_and_a_cancellation_moves_the_next_one_up(new_page):
    settlement = factories.SettlementFactory(
        name="Kfar Hadar", slug="kfar-hadar", language="he", time_zone="Asia/Jerusalem"
    )
    factories.member(settlement, Role.COORDINATOR, username="coordinator")
    committee = factories.CommitteeFactory(settlement=settlement, name="Culture")
    season = factories.SeasonFactory(
        settlement=settlement,
        name="2026–27",
        starts_on=dt.date(2026, 9, 1),
        ends_on=dt.date(2027, 6, 30),
    )
    course = factories.CourseFactory(
        committee=committee,
        season=season,
        title={"he": "חוג קרמיקה", "en": "Pottery"},
        capacity=3,
        min_participants=2,
    )

    phone = new_page(PHONE)
    phone.goto(reverse("calendar:classes", kwargs={"slug": "kfar-hadar"}) + "?lang=he")
    expect(phone.get_by_text("חוג קרמיקה").first).to_be_visible()
    check_accessibility(phone, "public classes, phone, Hebrew")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(phone, "classes-public-he-phone")

    # A parent signs up two children: two of the three places.
    first = sign_up(phone, "kfar-hadar", course.pk, "Dana Levi", ["Noa", "Omer"])
    expect(phone.locator("[role=status] .alert-success")).to_be_visible()
    check_accessibility(phone, "personal registration page, Hebrew")
    screenshot(phone, "class-registration-he-phone")

    # The last place goes to the next resident: the class is full.
    second_phone = new_page(PHONE)
    sign_up(second_phone, "kfar-hadar", course.pk, "Avi Cohen", ["Yael"])
    expect(second_phone.locator("[role=status] .alert-success")).to_be_visible()

    # The next resident sees that the class is full and is wait-listed.
    third_phone = new_page(PHONE)
    third_phone.goto(
        reverse("calendar:class_register", kwargs={"slug": "kfar-hadar", "pk": course.pk})
        + "?lang=he"
    )
    expect(third_phone.locator("main .alert-warning").first).to_be_visible()
    check_accessibility(third_phone, "full class's form, Hebrew")
    third = sign_up(third_phone, "kfar-hadar", course.pk, "Rina Mor", ["Tamar"])
    expect(third_phone.locator("[role=status] .alert-warning")).to_be_visible()
    with scopes_disabled():
        statuses = dict(ClassRegistration.objects.values_list("name", "status"))
    assert statuses == {"Dana Levi": "confirmed", "Avi Cohen": "confirmed", "Rina Mor": "waiting"}

    # The first family cancels from its own link: Rina moves up.
    phone.goto(first)
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_load_state("networkidle")
    expect(phone.locator("[role=status] .alert-secondary")).to_be_visible()
    third_phone.goto(third)
    expect(third_phone.locator("[role=status] .alert-success")).to_be_visible()
    with scopes_disabled():
        moved = ClassRegistration.objects.get(name="Rina Mor")
    assert moved.status == "confirmed" and moved.promoted_at is not None

    # The coordinator sees the class as it now stands.
    desk = new_page()
    log_in(desk, "coordinator")
    desk.locator("#nav-events").click()  # the bar's menu of events and classes
    check_accessibility(desk, "the bar's menu, open")
    desk.get_by_role("link", name="Classes", exact=True).click()
    desk.wait_for_load_state("networkidle")
    expect(desk.get_by_text("Pottery").first).to_be_visible()
    check_accessibility(desk, "classes list")
    desk.goto(reverse("classes:detail", args=[course.pk]))
    expect(desk.get_by_text("Rina Mor").first).to_be_visible()
    check_accessibility(desk, "class detail")
    screenshot(desk, "class-detail")
