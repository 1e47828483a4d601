"""Exact query counts of the hours pages, at two data sizes.

Each page runs the same number of queries whether the settlement has a handful of hours
or many pages of them, of many volunteers and committees, with milestones: a count that
grows with the data is an N+1 bug. Every request pays three queries before the view runs
(the session, the user, the user's memberships)."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from committees.models_volunteers import VolunteerHours
from tests import factories

MAX_QUERIES = 12
TODAY = dt.date(2026, 11, 23)
STATUSES = VolunteerHours.Status.values


def populate(settlement, size: int, chair, coordinator) -> dict[str, Any]:
    """``size`` volunteers on committees chaired by ``chair`` (and others), each with hours
    of every status over the year, milestones and a profile; hours for no committee."""
    committees = [
        factories.CommitteeFactory(settlement=settlement, chairs=[] if n % 2 else [chair])
        for n in range(max(2, size // 20))
    ]
    volunteers = []
    for n in range(size):
        committee = committees[n % len(committees)]
        member = factories.CommitteeMemberFactory(
            committee=committee, resident__settlement=settlement
        )
        factories.VolunteerProfileFactory(resident=member.resident)
        volunteers.append(member.resident)
        for k in range(3):
            factories.VolunteerHoursFactory(
                committee=committee if k < 2 else None,
                settlement=settlement,
                resident=member.resident,
                date=TODAY - dt.timedelta(days=n + 30 * k),
                hours=Decimal("2.5") + k,
                status=STATUSES[(n + k) % 3],
            )
        factories.VolunteerHoursFactory(
            committee=committee,
            settlement=settlement,
            resident=member.resident,
            date=dt.date(2025, 12, 15),
            status=VolunteerHours.Status.APPROVED,
        )
        factories.VolunteerMilestoneFactory(resident=member.resident, hours=10, reached_on=TODAY)
    return {"committee": committees[0], "volunteer": volunteers[0]}


@dataclass(frozen=True)
class Page:
    url_name: str
    role: str = "coordinator"
    params: Callable[[dict[str, Any]], dict[str, Any]] = field(default=lambda d: {})
    expected: int = 0
    htmx: bool = False


PAGES = {
    "hours": Page("committees:hours", expected=8),
    "hours_chair": Page("committees:hours", role="chair", expected=8),
    "hours_filtered": Page(
        "committees:hours",
        params=lambda d: {
            "status": "all",
            "committee": d["committee"].pk,
            "month": "2026-11",
            "q": "First",
        },
        expected=8,
    ),
    "hours_page_2": Page(
        "committees:hours", params=lambda d: {"status": "all", "page": 2}, expected=8
    ),
    "hours_htmx": Page(
        "committees:hours", params=lambda d: {"status": "approved"}, htmx=True, expected=8
    ),
    "hours_log": Page("committees:hours_log", expected=5),
    "hours_log_chair": Page("committees:hours_log", role="chair", expected=5),
    "thanks": Page("committees:thanks", expected=9),
    "thanks_2025": Page("committees:thanks", params=lambda d: {"year": 2025}, expected=9),
    "home_chair": Page("home", role="chair", expected=7),
}


@pytest.mark.parametrize("size", [3, 120])
@pytest.mark.parametrize("name", list(PAGES))
def test_query_count(
    request, client, settlement, chair, coordinator, django_assert_num_queries, name, size
):
    page = PAGES[name]
    data = populate(settlement, size, chair, coordinator)
    client.force_login(request.getfixturevalue(page.role))
    headers = {"HX-Request": "true"} if page.htmx else {}
    assert 0 < page.expected <= MAX_QUERIES
    with django_assert_num_queries(page.expected):
        response = client.get(reverse(page.url_name), page.params(data), headers=headers)
    assert response.status_code == 200
    if page.url_name == "committees:hours":  # every filter finds rows at both sizes
        assert response.context["entries"]
    if page.url_name == "committees:thanks":
        assert response.context["rows"]
    if page.url_name == "home":
        [panel] = [p for t, p in response.context["panels"] if "hours_to_confirm" in t]
        assert panel["waiting"].entries
