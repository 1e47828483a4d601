"""Exact query counts of the ideas and services lists, at two data sizes: the same number
whether the settlement has a handful or many pages of rows, each with many people."""

from typing import Any

import pytest
from django.urls import reverse

from coordinator.models import Role
from tests import factories

MAX_QUERIES = 12


def populate(settlement, chair, size: int) -> None:
    residents = factories.ResidentFactory.create_batch(max(4, size // 2), settlement=settlement)
    committees = [
        factories.CommitteeFactory(settlement=settlement, chairs=[chair]),
        factories.CommitteeFactory(settlement=settlement),
    ]
    statuses = ["new", "reviewing", "accepted", "in_progress", "done", "declined"]
    for n in range(size):
        initiative: Any = factories.InitiativeFactory(
            settlement=settlement,
            status=statuses[n % 6],
            committee=committees[n % 2],
            champion=residents[n % len(residents)],
        )
        initiative.volunteers.add(*residents[:3])
        service: Any = factories.CommunityServiceFactory(
            settlement=settlement, committee=committees[n % 2]
        )
        service.runners.add(*residents[n % 3 : n % 3 + 3])


PAGES = [
    ("committees:initiatives", {}),
    ("committees:initiatives", {"status": "all", "q": "Idea"}),
    ("committees:services", {}),
    ("committees:services", {"status": "active", "q": "Service"}),
]


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.CHAIR])
@pytest.mark.parametrize(("name", "params"), PAGES)
@pytest.mark.parametrize("size", [3, 60])
def test_lists_run_a_fixed_number_of_queries(
    client, settlement, django_assert_num_queries, role, name, params, size
):
    user = factories.member(settlement, role)
    chair = user if role == Role.CHAIR else factories.member(settlement, Role.CHAIR)
    populate(settlement, chair, size)
    client.force_login(user)
    client.get(reverse(name), params)  # warm up (session, caches)
    expected = EXPECTED[(name, role)]
    assert expected <= MAX_QUERIES
    with django_assert_num_queries(expected):
        response = client.get(reverse(name), params)
    assert response.status_code == 200
    with django_assert_num_queries(expected):
        client.get(reverse(name), params, headers={"HX-Request": "true"})


EXPECTED = {
    ("committees:initiatives", Role.COORDINATOR): 6,
    ("committees:initiatives", Role.CHAIR): 6,
    ("committees:services", Role.COORDINATOR): 6,
    ("committees:services", Role.CHAIR): 6,
}
