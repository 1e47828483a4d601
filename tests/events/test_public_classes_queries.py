"""The public classes pages run the same, exact number of queries however many classes,
registrations and participants there are."""

import pytest
from django.urls import reverse

from committees.tokens import token_hash
from tests import factories

pytestmark = pytest.mark.django_db

# The settlement by its slug; the open classes with the places taken.
LIST_QUERIES = 2
# The settlement; the class with the places taken.
CLASS_QUERIES = 2
# The settlement; the registration (with its class) by its link; its participants; how
# many wait before it.
REGISTRATION_QUERIES = 4


@pytest.fixture
def village(db):
    return factories.SettlementFactory(slug="village", language="sl", time_zone="Europe/Ljubljana")


def make_classes(settlement, count: int) -> list:
    committee = factories.CommitteeFactory(settlement=settlement)
    courses = []
    for n in range(count):
        course = factories.CourseFactory(
            committee=committee,
            title={"en": f"Class {n}"},
            age_group=["children", "youth", "adults", "seniors", ""][n % 5],
            capacity=4,
            min_participants=1,
            weekdays=[n % 7, (n + 2) % 7],
        )
        for m in range(n % 4 + 1):
            registration = factories.ClassRegistrationFactory(
                course=course, places=2, status="confirmed" if m < 2 else "waiting"
            )
            factories.ClassParticipantFactory.create_batch(2, registration=registration)
        courses.append(course)
    return courses


def test_list_queries_do_not_grow(client, village, django_assert_num_queries):
    url = reverse("calendar:classes", kwargs={"slug": "village"})
    make_classes(village, 2)
    with django_assert_num_queries(LIST_QUERIES):
        assert client.get(url).status_code == 200
    make_classes(village, 30)
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(url, {"lang": "en"})
    assert response.status_code == 200
    assert "Class 29" in response.content.decode()


def test_class_page_queries_do_not_grow(client, village, django_assert_num_queries):
    [small] = make_classes(village, 1)
    with django_assert_num_queries(CLASS_QUERIES):
        assert (
            client.get(reverse("calendar:class_register", args=["village", small.pk])).status_code
            == 200
        )
    large = make_classes(village, 30)[-1]
    with django_assert_num_queries(CLASS_QUERIES):
        response = client.get(reverse("calendar:class_register", args=["village", large.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("status", ["confirmed", "waiting"])
def test_registration_page_queries_do_not_grow(client, village, django_assert_num_queries, status):
    for size, token in ((1, "a" * 43), (10, "b" * 43)):
        course = make_classes(village, 4)[-1]
        for _n in range(size):
            factories.ClassRegistrationFactory(course=course, status="waiting")
        registration = factories.ClassRegistrationFactory(
            course=course, status=status, places=size, token_hash=token_hash(token)
        )
        factories.ClassParticipantFactory.create_batch(size, registration=registration)
        url = reverse("calendar:class_registration", args=["village", token])
        expected = REGISTRATION_QUERIES - (0 if status == "waiting" else 1)
        with django_assert_num_queries(expected):
            response = client.get(url)
        assert response.status_code == 200
