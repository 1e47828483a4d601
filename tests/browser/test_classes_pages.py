"""In a browser, in Hebrew and in English: every staff page of the classes programme and
of an event's sign-ups passes axe-core, and none is wider than a phone's screen. The
coordinator takes attendance of a session on a phone."""

import datetime as dt

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled
from playwright.sync_api import expect

from coordinator.models import Role
from events import services_classes
from events.models import SessionAttendance
from tests import factories

from .conftest import PHONE, check_accessibility, screenshot
from .test_journeys import log_in


def programme(settlement):
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
        title={"he": "חוג ציור", "en": "Drawing"},
        starts_on=dt.date(2026, 11, 1),
    )
    with scope(settlement=settlement.pk):
        services_classes.sessions_make(course=course)
    registration = factories.ClassRegistrationFactory(course=course, name="Dana Levi")
    factories.ClassParticipantFactory(registration=registration, name="Noa Levi")
    event = factories.EventFactory(committee=committee, signup_open=True, capacity=40)
    factories.EventRegistrationFactory(event=event, name="Avi Cohen")
    factories.VolunteerShiftFactory(event=event, role="Kitchen")
    with scopes_disabled():
        past = course.sessions.filter(date__lt=dt.date(2026, 11, 23)).last()
    return course, registration, event, past


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["he", "en"])
def test_every_classes_and_sign_up_page_is_accessible(new_page, language):
    settlement = factories.SettlementFactory(
        name="Kfar Hadar", slug="kfar-hadar", language="he", time_zone="Asia/Jerusalem"
    )
    factories.member(settlement, Role.COORDINATOR, username="coordinator")
    course, registration, event, past = programme(settlement)
    instructor = course.instructor
    pages = {
        "week": reverse("events:calendar") + "?view=week&week=2026-11-30",
        "classes": reverse("classes:list"),
        "class form": reverse("classes:create"),
        "class": reverse("classes:detail", args=[course.pk]),
        "class edit": reverse("classes:edit", args=[course.pk]),
        "class cancel": reverse("classes:cancel", args=[course.pk]),
        "register": reverse("classes:register", args=[course.pk]),
        "registration": reverse("classes:registration", args=[registration.pk]),
        "session": reverse("classes:session", args=[past.pk]),
        "seasons": reverse("classes:seasons"),
        "instructors": reverse("classes:instructors"),
        "instructor": reverse("classes:instructor_edit", args=[instructor.pk]),
        "reports": reverse("classes:reports"),
        "registrations": reverse("events:registrations", args=[event.pk]),
        "add a registration": reverse("events:registration_add", args=[event.pk]),
        "shifts": reverse("events:shifts", args=[event.pk]),
        "attendance": reverse("events:attendance", args=[event.pk]),
    }
    names = {"he": "עברית", "en": "English"}
    for viewport in (None, PHONE):
        page = new_page(viewport)
        log_in(page, "coordinator")
        if language != "en":
            page.get_by_role("button", name=names[language]).click()
            page.wait_for_load_state("networkidle")
            expect(page.locator("html")).to_have_attribute("dir", "rtl")
        for label, url in pages.items():
            page.goto(url)
            expect(page.locator("h1")).to_be_visible()
            check_accessibility(page, f"{label} ({language}, {'phone' if viewport else 'desktop'})")
            wide = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
            assert not wide, f"{label} is wider than the screen ({language})"
        if viewport and language == "he":
            screenshot(page, "attendance-he-phone")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_attendance_of_a_session_is_taken_on_a_phone(new_page):
    settlement = factories.SettlementFactory(name="Meadowbrook", slug="meadowbrook")
    factories.member(settlement, Role.COORDINATOR, username="coordinator")
    course, registration, _event, past = programme(settlement)
    phone = new_page(PHONE)
    log_in(phone, "coordinator")
    phone.goto(reverse("classes:session", args=[past.pk]))
    phone.get_by_label("Noa Levi").check()
    phone.get_by_role("button", name="Save attendance").click()
    phone.wait_for_load_state("networkidle")
    with scopes_disabled():
        marks = list(SessionAttendance.objects.values_list("participant__name", "present"))
    assert marks == [("Noa Levi", True)]
    check_accessibility(phone, "session after attendance")
    screenshot(phone, "class-session-en-phone")
