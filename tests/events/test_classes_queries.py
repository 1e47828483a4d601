"""The classes programme's staff pages run the same, exact number of queries whatever the
data: the list, a class's page, a session, the seasons and the instructors."""

import datetime as dt

import pytest
from django.urls import reverse

from tests import factories

# Every page: the session, the user, the user's memberships (the request's baseline).


@pytest.fixture
def culture(settlement, chair):
    return factories.CommitteeFactory(settlement=settlement, name="Culture", chairs=[chair])


@pytest.fixture
def season(settlement):
    return factories.SeasonFactory(settlement=settlement, name="2026–27")


def make_classes(committee, season, count: int) -> None:
    for n in range(count):
        course = factories.CourseFactory(
            committee=committee,
            season=season,
            title={"en": f"Class {n}"},
            instructor=factories.InstructorFactory(settlement=committee.settlement)
            if n % 2
            else None,
        )
        registration = factories.ClassRegistrationFactory(course=course, places=2)
        factories.ClassParticipantFactory.create_batch(2, registration=registration)
        factories.ClassRegistrationFactory(course=course, status="waiting")


def make_registrations(course, count: int) -> None:
    for n in range(count):
        registration = factories.ClassRegistrationFactory(
            course=course,
            status="waiting" if n % 4 == 0 else "confirmed",
            created_at=factories.FIXED_NOW + dt.timedelta(minutes=n),
        )
        factories.ClassParticipantFactory(registration=registration)


def make_sessions(course, count: int, start: int = 0) -> None:
    for n in range(start, start + count):
        day = dt.date(2026, 12, 1) + dt.timedelta(days=n)
        factories.CourseSessionFactory(
            course=course,
            date=day,
            starts_at=dt.datetime.combine(day, dt.time(15), tzinfo=dt.UTC),
            ends_at=dt.datetime.combine(day, dt.time(16), tzinfo=dt.UTC),
            status="skipped" if n % 5 == 0 else "scheduled",
            note="holiday:chanukah" if n % 5 == 0 else "",
        )


def assert_queries(client, django_assert_num_queries, url, expected, params=None):
    client.get(url, params or {})  # warm the session and caches
    with django_assert_num_queries(expected):
        response = client.get(url, params or {})
    assert response.status_code == 200


LIST = 6  # baseline, seasons, count, the page of classes with their counts


@pytest.mark.parametrize("params", [{}, {"age_group": "children", "status": "open", "q": "cl"}])
@pytest.mark.parametrize("who", ["coordinator", "chair"])
def test_list_queries_are_fixed(
    client, coordinator, chair, culture, season, django_assert_num_queries, params, who
):
    client.force_login(coordinator if who == "coordinator" else chair)
    url = reverse("classes:list")
    make_classes(culture, season, 3)
    assert_queries(client, django_assert_num_queries, url, LIST, params)
    make_classes(culture, season, 57)  # 60: beyond one page
    assert_queries(client, django_assert_num_queries, url, LIST, params)


DETAIL = 7  # baseline, class, registrations, participants, upcoming sessions


@pytest.mark.parametrize("who", ["coordinator", "chair"])
def test_detail_queries_are_fixed(
    client, coordinator, chair, culture, season, django_assert_num_queries, who
):
    client.force_login(coordinator if who == "coordinator" else chair)
    course = factories.CourseFactory(committee=culture, season=season)
    url = reverse("classes:detail", args=[course.pk])
    make_registrations(course, 5)
    make_sessions(course, 3)
    assert_queries(client, django_assert_num_queries, url, DETAIL)
    make_registrations(course, 75)  # 80
    make_sessions(course, 30, start=3)
    assert_queries(client, django_assert_num_queries, url, DETAIL)


SESSION = 7  # baseline, session, participants, attendance, attendance rate


@pytest.mark.parametrize("who", ["coordinator", "chair"])
def test_session_queries_are_fixed(
    client, coordinator, chair, culture, season, django_assert_num_queries, who
):
    client.force_login(coordinator if who == "coordinator" else chair)
    course = factories.CourseFactory(committee=culture, season=season)
    session = factories.CourseSessionFactory(course=course)
    url = reverse("classes:session", args=[session.pk])
    make_registrations(course, 3)
    assert_queries(client, django_assert_num_queries, url, SESSION)
    make_registrations(course, 40)
    assert_queries(client, django_assert_num_queries, url, SESSION)


SEASONS = 4  # baseline, the seasons with their class counts


def test_seasons_queries_are_fixed(
    client, coordinator, culture, season, settlement, django_assert_num_queries
):
    client.force_login(coordinator)
    url = reverse("classes:seasons")
    make_classes(culture, season, 2)
    assert_queries(client, django_assert_num_queries, url, SEASONS)
    for year in range(2000, 2030):
        other = factories.SeasonFactory(
            settlement=settlement,
            name=f"{year}",
            starts_on=dt.date(year, 9, 1),
            ends_on=dt.date(year + 1, 6, 30),
        )
        make_classes(culture, other, 1)
    assert_queries(client, django_assert_num_queries, url, SEASONS)


INSTRUCTORS = 4  # baseline, the instructors with their class counts


def test_instructors_queries_are_fixed(
    client, coordinator, culture, season, settlement, django_assert_num_queries
):
    client.force_login(coordinator)
    url = reverse("classes:instructors")
    make_classes(culture, season, 2)
    assert_queries(client, django_assert_num_queries, url, INSTRUCTORS)
    for n in range(40):
        factories.InstructorFactory(
            settlement=settlement, contract_until=dt.date(2026, 12, 1) + dt.timedelta(days=n)
        )
    make_classes(culture, season, 10)
    assert_queries(client, django_assert_num_queries, url, INSTRUCTORS)
