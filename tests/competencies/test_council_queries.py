"""Each council competency page runs the same number of queries for little and much data."""

import pytest
from django.urls import reverse

from competencies import services_council
from competencies.models import Cycle
from coordinator.models import Role
from tests import factories

# The request's own three (session, user, memberships) and the page's.
FRAMEWORK_QUERIES = 3 + 4  # current version, the versions, areas, competencies
RULES_QUERIES = 3 + 5  # current version, areas, competencies (the select), rules, texts
MENTORING_QUERIES = 3 + 1  # the cycles with their coordinators and rated counts
COUNCIL_QUERIES = 3 + 5  # current version, areas, competencies, two aggregates


def some_data(settlement, council, staff, size):
    """The council's own version of the model and its own evidence table, and ``size``
    coordinators with a completed self-assessment mentored by ``staff`` (and as many own
    competencies and rows, up to three)."""
    services_council.framework_competency_add(council=council, area_number=1, texts={"en": "Own"})
    services_council.evidence_rule_add(
        council=council, source="surveys.survey_sent", competency_key="1.4"
    )
    for n in range(size):
        owner = factories.member(settlement, Role.COORDINATOR)
        cycle = factories.CycleFactory(owner=owner, mentor=staff, status=Cycle.Status.COMPLETED)
        for key in ("1.1", "2.2", "5.8"):
            factories.RatingFactory(cycle=cycle, competency=factories.competency(key), level=2)
        if n < 3:
            services_council.framework_competency_add(
                council=council, area_number=n + 2, texts={"en": f"Own {n}"}
            )
            services_council.evidence_rule_add(
                council=council, source="surveys.survey_sent", competency_key=f"{n + 2}.1"
            )


@pytest.mark.parametrize("size", [0, 1, 12])
@pytest.mark.parametrize(
    ("name", "queries"),
    [
        ("competencies:framework", FRAMEWORK_QUERIES),
        ("competencies:evidence_rules", RULES_QUERIES),
        ("competencies:mentoring", MENTORING_QUERIES),
        ("competencies:council", COUNCIL_QUERIES),
    ],
)
def test_council_pages_run_a_fixed_number_of_queries(
    client, settlement, council_staff, name, queries, size, django_assert_num_queries
):
    some_data(settlement, settlement.council, council_staff, size)
    client.force_login(council_staff)
    with django_assert_num_queries(queries):
        response = client.get(reverse(name))
    assert response.status_code == 200
    assert queries <= 12


@pytest.mark.parametrize("size", [0, 12])
def test_the_model_page_of_a_coordinator_runs_a_fixed_number_of_queries(
    client, settlement, coordinator, council_staff, size, django_assert_num_queries
):
    some_data(settlement, settlement.council, council_staff, size)
    client.force_login(coordinator)
    with django_assert_num_queries(FRAMEWORK_QUERIES):
        response = client.get(reverse("competencies:framework"))
    assert response.status_code == 200


def test_a_council_on_the_base_model_costs_one_query_more(
    client, council_staff, django_assert_num_queries
):
    """``current_framework`` looks for the council's own version first, then the base."""
    client.force_login(council_staff)
    with django_assert_num_queries(COUNCIL_QUERIES + 1):
        response = client.get(reverse("competencies:council"))
    assert response.status_code == 200
