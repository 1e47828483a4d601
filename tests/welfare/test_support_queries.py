"""Each page of community support runs the same, exact number of queries whatever the
amount of data, within one page of the list and beyond it (the lists paginate)."""

import pytest
from django.urls import reverse
from django_scopes import scope

from coordinator.models import Role
from tests import factories
from welfare import services_support as services
from welfare.selectors_support import PAGE_SIZE

MAX_QUERIES = 12
BASELINE = 3  # the session, the user, the user's memberships


def _programmes(settlement, committee, count):
    rows = [
        factories.SupportProgrammeFactory(settlement=settlement, committee=committee)
        for _ in range(count)
    ]
    for programme in rows[:3]:
        factories.SupportTaskFactory.create_batch(2, programme=programme)
    return rows


@pytest.mark.parametrize("count", [2, PAGE_SIZE + 5])
@pytest.mark.parametrize(
    ("role", "queries"),
    [
        # + the count and the page, the committees of the form
        (Role.COORDINATOR, BASELINE + 3),
        # + the count and the page (no form)
        (Role.CHAIR, BASELINE + 2),
    ],
)
def test_the_programmes_page(client, settlement, django_assert_num_queries, count, role, queries):
    user = factories.member(settlement, role)
    committee = factories.CommitteeFactory(settlement=settlement)
    committee.chairs.add(user)
    _programmes(settlement, committee, count)
    client.force_login(user)
    url = reverse("welfare:programmes")
    client.get(url)
    assert queries <= MAX_QUERIES
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert len(response.context["page"].object_list) == min(count, PAGE_SIZE)


@pytest.mark.parametrize("count", [2, PAGE_SIZE + 5])
@pytest.mark.parametrize(
    ("role", "queries"),
    [
        # + the programme, the count and the page of tasks
        (Role.COORDINATOR, BASELINE + 3),
        # + the chair's committee check
        (Role.CHAIR, BASELINE + 4),
    ],
)
def test_the_programme_page(client, settlement, django_assert_num_queries, count, role, queries):
    user = factories.member(settlement, role)
    committee = factories.CommitteeFactory(settlement=settlement)
    committee.chairs.add(user)
    programme = factories.SupportProgrammeFactory(settlement=settlement, committee=committee)
    resident = factories.ResidentFactory(settlement=settlement)
    factories.SupportTaskFactory.create_batch(count, programme=programme, volunteer=resident)
    with scope(settlement=settlement.pk):
        services.programme_link_make(programme=programme)
    client.force_login(user)
    url = reverse("welfare:programme", args=[programme.pk])
    client.get(url)
    assert queries <= MAX_QUERIES
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert len(response.context["page"].object_list) == min(count, PAGE_SIZE)
    assert response.context["qr"]


@pytest.mark.parametrize("residents", [1, 30])
def test_the_programme_edit_and_task_pages(
    coordinator_client, settlement, django_assert_num_queries, residents
):
    programme = factories.SupportProgrammeFactory(settlement=settlement)
    task = factories.SupportTaskFactory(programme=programme)
    factories.ResidentFactory.create_batch(residents, settlement=settlement)
    factories.CommitteeFactory.create_batch(3, settlement=settlement)
    coordinator_client.get(reverse("welfare:programmes"))
    # + the programme, the committees of the form
    with django_assert_num_queries(BASELINE + 2):
        response = coordinator_client.get(reverse("welfare:programme_edit", args=[programme.pk]))
    assert response.status_code == 200
    # + the task with its programme, case and volunteer; the residents of the form
    with django_assert_num_queries(BASELINE + 2):
        response = coordinator_client.get(reverse("welfare:task_edit", args=[task.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("count", [2, PAGE_SIZE + 5])
def test_the_fund_page(coordinator_client, settlement, django_assert_num_queries, count):
    fund = factories.SupportProgrammeFactory(settlement=settlement, kind="fund")
    household = factories.HouseholdFactory(settlement=settlement)
    factories.FundRequestFactory.create_batch(count, programme=fund, household=household)
    factories.WelfareCaseFactory(household=household)
    url = reverse("welfare:fund")
    coordinator_client.get(url)
    # + the count and the page of requests, the totals, the funds, households and cases of
    # the form
    queries = BASELINE + 6
    assert queries <= MAX_QUERIES
    with django_assert_num_queries(queries):
        response = coordinator_client.get(url)
    assert len(response.context["page"].object_list) == min(count, PAGE_SIZE)


def test_the_fund_request_page(coordinator_client, settlement, django_assert_num_queries):
    row = factories.FundRequestFactory(programme__settlement=settlement)
    url = reverse("welfare:fund_request", args=[row.pk])
    coordinator_client.get(url)
    with django_assert_num_queries(BASELINE + 1):  # + the request with its fund and household
        assert coordinator_client.get(url).status_code == 200


@pytest.mark.parametrize("count", [2, 40])
def test_the_public_pages(client, settlement, django_assert_num_queries, count):
    programme = factories.SupportProgrammeFactory(settlement=settlement)
    factories.SupportTaskFactory.create_batch(count, programme=programme)
    with scope(settlement=settlement.pk):
        token = services.programme_link_make(programme=programme)
    url = reverse("help:signup", kwargs={"slug": settlement.slug, "token": token})
    # the settlement, the programme, its open tasks
    with django_assert_num_queries(3):
        response = client.get(url)
    assert len(response.context["tasks"]) == count
    task = factories.SupportTaskFactory(programme=programme)
    with scope(settlement=settlement.pk):
        task, task_token = services.task_take(
            programme=programme, task_id=task.pk, name="Dana", phone="050"
        )
    task_url = reverse("help:task", kwargs={"slug": settlement.slug, "token": task_token})
    # the settlement, the task with its programme
    with django_assert_num_queries(2):
        assert client.get(task_url).status_code == 200
