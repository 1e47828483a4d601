"""The case pages run the same, exact number of queries whatever the amount of data: the
request's baseline (the session, the user, the user's memberships) and then:

- the list: the count of the page and its cases with household, resident and social
  worker (2);
- the case's page: the case, its READ entry, the count and page of notes, the referrals
  and the support actions with their volunteers (6);
- the case's trail: the case, the count and page of entries with their users (3);
- who opened each case: the count and page of entries with their users (2)."""

import pytest
from django.urls import reverse

from coordinator.models import Role
from tests import factories

BASELINE = 3
LIST = BASELINE + 2
DETAIL = BASELINE + 6
TRAIL = BASELINE + 3
ACCESS_LOG = BASELINE + 2
MAX_QUERIES = 12

pytestmark = pytest.mark.django_db


def make_cases(settlement, worker, size: int):
    """``size`` cases of the social worker, each with a resident or a household; the first
    with ``size`` notes, referrals, support actions and openings."""
    cases = []
    for n in range(size):
        if n % 2:
            resident = factories.ResidentFactory(settlement=settlement)
            case = factories.WelfareCaseFactory(
                household=None, resident=resident, settlement=settlement, social_worker=worker
            )
        else:
            case = factories.WelfareCaseFactory(
                household__settlement=settlement, social_worker=worker
            )
        cases.append(case)
    first = cases[0]
    volunteer = factories.ResidentFactory(settlement=settlement)
    for _ in range(size):
        factories.CaseNoteFactory(case=first, written_by=worker)
        factories.ReferralFactory(case=first)
        factories.SupportTaskFactory(case=first, programme=None, volunteer=volunteer)
    return first


@pytest.fixture(params=[Role.COORDINATOR, Role.SOCIAL_WORKER])
def user(request, settlement):
    return factories.member(settlement, request.param)


@pytest.fixture
def worker(user, settlement):
    if user.memberships.get().role == Role.SOCIAL_WORKER:
        return user
    return factories.member(settlement, Role.SOCIAL_WORKER)


def opened(client, case) -> None:
    response = client.post(reverse("welfare:case_open", args=[case.pk]), {"reason": "Visit"})
    assert response.status_code == 302


@pytest.mark.parametrize("size", [3, 60])
def test_the_list(client, settlement, user, worker, size, django_assert_num_queries):
    make_cases(settlement, worker, size)
    client.force_login(user)
    url = reverse("welfare:cases")
    client.get(url)
    assert LIST <= MAX_QUERIES
    with django_assert_num_queries(LIST):
        response = client.get(url, {"status": "all", "page": 2 if size > 25 else 1})
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == min(size, 25)


@pytest.mark.parametrize("size", [3, 60])
def test_the_case_page(client, settlement, user, worker, size, django_assert_num_queries):
    case = make_cases(settlement, worker, size)
    client.force_login(user)
    opened(client, case)
    url = reverse("welfare:case_detail", args=[case.pk])
    client.get(url)
    assert DETAIL <= MAX_QUERIES
    with django_assert_num_queries(DETAIL):
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["actions"]) == size
    assert len(response.context["page"].object_list) == min(size, 20)


@pytest.mark.parametrize("size", [3, 60])
def test_the_trail(client, settlement, user, worker, size, django_assert_num_queries):
    case = make_cases(settlement, worker, size)
    client.force_login(user)
    for _ in range(size):
        opened(client, case)
    url = reverse("welfare:case_access", args=[case.pk])
    client.get(url)
    assert TRAIL <= MAX_QUERIES
    with django_assert_num_queries(TRAIL):
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == min(size, 25)


@pytest.mark.parametrize("size", [3, 60])
def test_the_access_log(client, settlement, user, worker, size, django_assert_num_queries):
    case = make_cases(settlement, worker, size)
    client.force_login(user)
    for _ in range(size):
        opened(client, case)
    url = reverse("welfare:access_log")
    client.get(url)
    assert ACCESS_LOG <= MAX_QUERIES
    with django_assert_num_queries(ACCESS_LOG):
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == min(size, 25)
