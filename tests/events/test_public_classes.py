"""The public classes pages: the open classes by age group, a class's page with its
registration form, and the personal page of a registration. No login, the settlement's
language unless ?lang=, nothing personal of others."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from committees.tokens import token_hash
from events.models_classes import ClassParticipant, ClassRegistration, Course
from messaging.models import Message
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def village(db):
    return factories.SettlementFactory(
        slug="village", language="sl", time_zone="Europe/Ljubljana", currency="EUR"
    )


@pytest.fixture
def kfar(db):
    return factories.SettlementFactory(slug="kfar", language="he", time_zone="Asia/Jerusalem")


def course_in(settlement, **fields):
    committee = factories.CommitteeFactory(settlement=settlement)
    fields.setdefault("min_participants", 1)
    return factories.CourseFactory(committee=committee, **fields)


def list_url(slug="village", **params):
    return reverse("calendar:classes", kwargs={"slug": slug})


def page_url(course):
    return reverse(
        "calendar:class_register", kwargs={"slug": course.settlement.slug, "pk": course.pk}
    )


def registration_url(settlement, token):
    return reverse("calendar:class_registration", kwargs={"slug": settlement.slug, "token": token})


def form_data(**overrides):
    data = {
        "name": "Dana Parent",
        "email": "dana@example.org",
        "phone": "",
        "consent": "on",
        "website": "",
        "people-TOTAL_FORMS": "4",
        "people-INITIAL_FORMS": "0",
        "people-MIN_NUM_FORMS": "0",
        "people-MAX_NUM_FORMS": "10",
        "people-0-name": "Ami",
        "people-0-age_group": "children",
        "people-1-name": "Tal",
        "people-1-age_group": "youth",
    }
    for n in range(2, 4):
        data.setdefault(f"people-{n}-name", "")
        data.setdefault(f"people-{n}-age_group", "")
    data.update(overrides)
    return data


def registrations(course):
    with scopes_disabled():
        return list(ClassRegistration.objects.filter(course=course).order_by("pk"))


# The list


def test_lists_open_classes_by_age_group_with_places_left(client, village, other_settlement):
    kids = course_in(village, title={"sl": "Risanje", "en": "Drawing"}, capacity=3, weekdays=[1, 3])
    factories.ClassRegistrationFactory(course=kids, places=2, name="Secret Parent")
    course_in(village, title={"en": "Yoga"}, age_group="seniors", capacity=1, fee=Decimal("0"))
    full = course_in(village, title={"en": "Chess"}, age_group="seniors", capacity=1)
    factories.ClassRegistrationFactory(course=full, places=1)
    course_in(village, title={"en": "Planned"}, status=Course.Status.PLANNED)
    course_in(village, title={"en": "Called off"}, status=Course.Status.CANCELLED)
    course_in(
        village,
        title={"en": "Last year"},
        starts_on=dt.date(2025, 9, 1),
        ends_on=dt.date(2026, 6, 30),
    )
    course_in(other_settlement, title={"en": "Elsewhere"})
    response = client.get(list_url(), {"lang": "en"})
    body = response.content.decode()
    assert response.status_code == 200
    assert body.index("Children") < body.index("Drawing") < body.index("Seniors")
    assert body.index("Seniors") < body.index("Yoga") and body.index("Seniors") < body.index(
        "Chess"
    )
    assert "1 place left" in body and "Full: waiting list" in body and "Free" in body
    assert "Tuesday, Thursday, 17:00–18:00" in body
    assert "120.00\u00a0€ per month" in body
    for hidden in ("Planned", "Called off", "Last year", "Elsewhere", "Secret Parent"):
        assert hidden not in body


def test_list_speaks_the_settlements_language_and_rtl_hebrew(client, kfar):
    course_in(kfar, title={"he": "ציור", "en": "Drawing"})
    body = client.get(list_url("kfar")).content.decode()
    assert 'lang="he"' in body and 'dir="rtl"' in body and "ציור" in body
    body = client.get(list_url("kfar"), {"lang": "en"}).content.decode()
    assert 'dir="ltr"' in body and "Drawing" in body


def test_unknown_settlement_is_404(client, village):
    assert client.get(list_url("nowhere")).status_code == 404


def test_events_page_links_to_the_classes(client, village):
    body = client.get(reverse("calendar:events", kwargs={"slug": "village"})).content.decode()
    assert list_url() in body


# A class's page and registration


def test_class_page_shows_the_form(client, village):
    course = course_in(village, title={"en": "Drawing"})
    response = client.get(page_url(course), {"lang": "en"})
    body = response.content.decode()
    assert response.status_code == 200
    assert (
        "Drawing" in body and 'name="people-3-name"' in body and 'name="people-4-name"' not in body
    )
    assert "The class is full" not in body
    more = client.get(page_url(course), {"lang": "en", "rows": "10"}).content.decode()
    assert 'name="people-9-name"' in more


def test_full_class_warns_before_registering(client, village):
    course = course_in(village, capacity=1, min_participants=1)
    factories.ClassRegistrationFactory(course=course)
    body = client.get(page_url(course), {"lang": "en"}).content.decode()
    assert "The class is full: you will be on the waiting list" in body


@pytest.mark.parametrize("status", [Course.Status.PLANNED, Course.Status.CANCELLED])
def test_class_not_open_is_404(client, village, status):
    course = course_in(village, status=status)
    assert client.get(page_url(course)).status_code == 404
    assert client.post(page_url(course), form_data()).status_code == 404


def test_another_settlements_class_is_404(client, village, other_settlement):
    course = course_in(other_settlement)
    url = reverse("calendar:class_register", kwargs={"slug": "village", "pk": course.pk})
    assert client.get(url).status_code == 404
    assert client.post(url, form_data()).status_code == 404
    assert registrations(course) == []


def test_register_two_children_lands_on_the_personal_page(client, village):
    course = course_in(village, title={"en": "Drawing"})
    response = client.post(page_url(course) + "?lang=en", form_data())
    assert response.status_code == 302
    [row] = registrations(course)
    assert (row.name, row.email, row.places, row.status, row.language) == (
        "Dana Parent",
        "dana@example.org",
        2,
        "confirmed",
        "en",
    )
    with scopes_disabled():
        assert list(row.participants.values_list("name", "age_group")) == [
            ("Ami", "children"),
            ("Tal", "youth"),
        ]
        assert Message.objects.filter(dedupe_key=f"class-signup:{row.pk}").exists()
    page = client.get(response["Location"])
    body = page.content.decode()
    assert page.status_code == 200
    assert "You have 2 places in this class." in body and "Ami" in body and "Drawing" in body
    assert "no-store" in page["Cache-Control"]


def test_register_when_full_waits(client, village):
    course = course_in(village, capacity=2, min_participants=1)
    factories.ClassRegistrationFactory(course=course, places=1)
    response = client.post(page_url(course) + "?lang=en", form_data())
    assert response.status_code == 302
    assert registrations(course)[-1].status == "waiting"
    body = client.get(response["Location"]).content.decode()
    assert "waiting list: number 1" in body


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({}, "This field is required."),
        (form_data(name=" "), "This field is required."),
        (form_data(consent=""), "Please agree"),
        (form_data(email="", phone=""), "Give an e-mail address or a phone number"),
        (form_data(email="not-an-address"), "Enter a valid email address."),
        (
            form_data(**{"people-0-name": "", "people-1-name": "", "people-1-age_group": ""}),
            "Write the participant",
        ),
        (form_data(**{"people-1-age_group": ""}), "Choose the participant"),
        (
            form_data(
                **{
                    "people-0-name": "",
                    "people-0-age_group": "",
                    "people-1-name": "",
                    "people-1-age_group": "",
                }
            ),
            "at least one participant",
        ),
        (form_data(**{"people-TOTAL_FORMS": "11"}), "Please submit at most 10 forms."),
    ],
)
def test_bad_registration_is_400_and_writes_nothing(client, village, data, error):
    course = course_in(village)
    response = client.post(page_url(course) + "?lang=en", data)
    assert response.status_code == 400
    assert error in response.content.decode()
    assert registrations(course) == []


def test_group_larger_than_the_class_is_refused_in_words(client, village):
    course = course_in(village, capacity=1, min_participants=1)
    response = client.post(page_url(course) + "?lang=en", form_data())
    assert response.status_code == 400
    assert "The class has only 1 place:" in response.content.decode()
    assert registrations(course) == []


def test_robot_filling_the_trap_registers_nothing(client, village):
    course = course_in(village)
    response = client.post(page_url(course), form_data(website="http://spam.example"))
    assert response.status_code == 302
    assert registrations(course) == []


# The personal page


def registered(client, course, **overrides):
    response = client.post(page_url(course) + "?lang=en", form_data(**overrides))
    assert response.status_code == 302
    return response["Location"]


def test_bad_token_is_404(client, village):
    course = course_in(village)
    registered(client, course)
    assert client.get(registration_url(village, "x" * 43)).status_code == 404
    assert client.post(registration_url(village, "x" * 43), {"cancel": "1"}).status_code == 404


def test_token_of_another_settlement_is_404(client, village, other_settlement):
    course = course_in(village)
    location = registered(client, course)
    token = location.split("/registration/")[1].split("/")[0]
    assert client.get(registration_url(other_settlement, token)).status_code == 404


def test_cancel_promotes_the_one_waiting(client, village):
    course = course_in(village, capacity=2, min_participants=1)
    first = registered(client, course, email="first@example.org")
    second = registered(client, course, email="second@example.org")
    assert [row.status for row in registrations(course)] == ["confirmed", "waiting"]
    response = client.post(first, {"cancel": "1"})
    assert response.status_code == 302
    assert [row.status for row in registrations(course)] == ["cancelled", "confirmed"]
    body = client.get(first).content.decode()
    assert "This registration is cancelled." in body and "Cancel my registration" not in body
    assert "You have 2 places" in client.get(second).content.decode()
    with scopes_disabled():
        promoted = registrations(course)[1]
        assert Message.objects.filter(dedupe_key=f"class-promoted:{promoted.pk}").exists()
    # Cancelling again changes nothing.
    assert client.post(first, {"cancel": "1"}).status_code == 302
    assert [row.status for row in registrations(course)] == ["cancelled", "confirmed"]


def test_empty_post_on_the_personal_page_is_400(client, village):
    course = course_in(village)
    location = registered(client, course)
    response = client.post(location, {})
    assert response.status_code == 400
    assert "Nothing was changed" in response.content.decode()
    assert registrations(course)[0].status == "confirmed"


def test_personal_page_shows_nothing_of_others(client, village):
    course = course_in(village, capacity=5)
    factories.ClassParticipantFactory(
        registration=factories.ClassRegistrationFactory(course=course, name="Other Parent"),
        name="Other Child",
    )
    location = registered(client, course)
    body = client.get(location).content.decode()
    assert "Other Parent" not in body and "Other Child" not in body
    assert "places left" not in body


def test_personal_page_of_a_cancelled_class(client, village):
    course = course_in(village)
    location = registered(client, course)
    with scopes_disabled():
        Course.objects.filter(pk=course.pk).update(status=Course.Status.CANCELLED)
    body = client.get(location).content.decode()
    assert "This class is cancelled" in body and "Cancel my registration" not in body


def test_personal_page_in_the_registrations_language(client, kfar):
    course = course_in(kfar, title={"he": "ציור", "en": "Drawing"})
    registration = factories.ClassRegistrationFactory(
        course=course, language="he", token_hash=token_hash("t" * 43)
    )
    factories.ClassParticipantFactory(registration=registration, name="Noa")
    body = client.get(registration_url(kfar, "t" * 43)).content.decode()
    assert 'lang="he"' in body and "ציור" in body and "Noa" in body
    body = client.get(registration_url(kfar, "t" * 43), {"lang": "en"}).content.decode()
    assert 'lang="en"' in body and "Drawing" in body
    with scopes_disabled():
        assert ClassParticipant.objects.filter(registration=registration).count() == 1
