"""The emergency team's pages run the same, exact number of queries whatever the data:
a few rows, or more than a page of them."""

import datetime as dt

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from coordinator.models import Role
from tests import factories

pytestmark = pytest.mark.django_db

# Every page: the session, the user, the user's memberships (the request's baseline, 3).
TEAM = 6  # baseline, the roster with accounts and residents, the form's accounts, residents
TEAM_READER = 5  # baseline, the roster; the emergency check for the tab
DRILLS = 7  # baseline, count, the page of drills, their attendees, the form's roster
DRILLS_READER = 7  # baseline, the emergency check for the tab, count, the page, attendees
CONTACTS = 4  # baseline, the contacts
CONTACTS_READER = 5  # baseline, the contacts; the emergency check for the tab
VULNERABLE = 9  # baseline, open emergency, count, page, families, form's residents, roster
VULNERABLE_DURING = 10  # the same, and the read recorded in the audit trail
VULNERABLE_TEAM = 9  # baseline, emergency (rule), open emergency, audit, count, page, families


@pytest.fixture
def team_user(settlement):
    return factories.member(settlement, Role.EMERGENCY, username="teamer")


def assert_queries(client, django_assert_num_queries, url, expected):
    client.get(url)  # warm the session and caches
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
    return response


def make_team(settlement, count):
    user = factories.member(settlement, Role.EMERGENCY)
    for n in range(count):
        factories.TeamMemberFactory(
            settlement=settlement,
            function=("head", "welfare", "medical")[n % 3],
            deputy=n % 2 == 1,
            user=user if n == 0 else None,
            resident=factories.ResidentFactory(settlement=settlement) if n % 4 == 0 else None,
        )


@pytest.mark.parametrize("count", [3, 40])
def test_roster(coordinator_client, settlement, django_assert_num_queries, count):
    make_team(settlement, count)
    response = assert_queries(
        coordinator_client, django_assert_num_queries, reverse("welfare:team"), TEAM
    )
    assert response.content.decode().count('id="member-') == count


@pytest.mark.parametrize("count", [3, 40])
def test_roster_for_a_member(client, team_user, settlement, django_assert_num_queries, count):
    client.force_login(team_user)
    make_team(settlement, count)
    assert_queries(client, django_assert_num_queries, reverse("welfare:team"), TEAM_READER)


def make_drills(settlement, count):
    members = [factories.TeamMemberFactory(settlement=settlement) for _ in range(3)]
    for n in range(count):
        drill = factories.DrillFactory(
            settlement=settlement, held_on=dt.date(2026, 1, 1) + dt.timedelta(days=n)
        )
        with scopes_disabled():
            drill.attendees.set(members[: n % 3 + 1])


@pytest.mark.parametrize("count", [2, 30])
def test_drills(coordinator_client, settlement, django_assert_num_queries, count):
    make_drills(settlement, count)
    response = assert_queries(
        coordinator_client, django_assert_num_queries, reverse("welfare:drills"), DRILLS
    )
    assert response.content.decode().count('id="drill-') == min(count, 25)


@pytest.mark.parametrize("count", [2, 30])
def test_drills_for_a_member(client, team_user, settlement, django_assert_num_queries, count):
    client.force_login(team_user)
    make_drills(settlement, count)
    assert_queries(client, django_assert_num_queries, reverse("welfare:drills"), DRILLS_READER)


@pytest.mark.parametrize("count", [2, 30])
def test_contacts(
    coordinator_client, client, team_user, settlement, django_assert_num_queries, count
):
    for n in range(count):
        factories.CouncilContactFactory(
            settlement=settlement, department=("welfare", "security", "violence")[n % 3]
        )
    response = assert_queries(
        coordinator_client, django_assert_num_queries, reverse("welfare:contacts"), CONTACTS
    )
    assert response.content.decode().count('id="contact-') == count
    client.force_login(team_user)
    assert_queries(client, django_assert_num_queries, reverse("welfare:contacts"), CONTACTS_READER)


def make_list(settlement, count):
    buddy = factories.TeamMemberFactory(settlement=settlement)
    for n in range(count):
        household = factories.HouseholdFactory(settlement=settlement)
        factories.VulnerableResidentFactory(
            resident=factories.ResidentFactory(settlement=settlement, household=household),
            buddy=buddy if n % 2 else None,
        )
        if n % 3 == 0:
            factories.WelfareCaseFactory(household=household)


@pytest.mark.parametrize("count", [3, 30])
def test_vulnerable(coordinator_client, settlement, django_assert_num_queries, count):
    make_list(settlement, count)
    response = assert_queries(
        coordinator_client, django_assert_num_queries, reverse("welfare:vulnerable"), VULNERABLE
    )
    assert response.content.decode().count('<tr id="vulnerable-') == min(count, 25)


@pytest.mark.parametrize("count", [3, 30])
def test_vulnerable_during_an_emergency(
    coordinator_client, client, team_user, coordinator, settlement, django_assert_num_queries, count
):
    make_list(settlement, count)
    factories.EmergencyFactory(settlement=settlement, declared_by=coordinator, ended_at=None)
    assert_queries(
        coordinator_client,
        django_assert_num_queries,
        reverse("welfare:vulnerable"),
        VULNERABLE_DURING,
    )
    client.force_login(team_user)
    assert_queries(
        client, django_assert_num_queries, reverse("welfare:vulnerable"), VULNERABLE_TEAM
    )
