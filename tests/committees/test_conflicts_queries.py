"""Exact query counts of the conflict pages, at two data sizes.

Each page runs the same number of queries whether the settlement has a handful of
conflicts (less than a page) or several pages of them, each with many mediation steps: a
count that grows with the data is an N+1 bug. Every request pays three queries before the
view runs (the session, the user, the user's memberships)."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.urls import reverse
from django_scopes import scope

from committees.models_community import Conflict, MediationStep
from coordinator.models import Role
from tests import factories

MAX_QUERIES = 12
TODAY = dt.date(2026, 11, 23)


def populate(settlement, size: int) -> dict[str, Any]:
    """``size`` conflicts of every kind and status, each with a few steps."""
    conflicts: list[Any] = []
    statuses = Conflict.Status.values
    for n in range(size):
        status = statuses[n % 4]
        closed = status in (Conflict.Status.RESOLVED, Conflict.Status.UNRESOLVED)
        conflict = factories.ConflictFactory(
            settlement=settlement,
            title=f"Conflict {n}",
            kind=Conflict.Kind.values[n % 5],
            description="Noise at night" if n % 2 else "Parking",
            status=status,
            opened_on=TODAY - dt.timedelta(days=30 + n),
            closed_on=TODAY if closed else None,
            outcome="Agreed" if closed else "",
        )
        for day in range(1 + n % 3):
            factories.MediationStepFactory(
                conflict=conflict,
                date=TODAY - dt.timedelta(days=day),
                kind=MediationStep.Kind.values[day % 5],
            )
        conflicts.append(conflict)
    far = factories.SettlementFactory()
    factories.MediationStepFactory.create_batch(3, conflict__settlement=far)
    with scope(settlement=settlement.pk):
        step = MediationStep.objects.filter(conflict=conflicts[0]).first()
    return {"conflict": conflicts[0], "step": step}


@dataclass(frozen=True)
class Page:
    url_name: str
    params: Callable[[dict[str, Any]], dict[str, Any]] = field(default=lambda data: {})
    obj: str = ""
    htmx: bool = False
    expected: int = 0


PAGES = {
    # The count and the page of conflicts (the last step in a subquery of that query).
    "conflicts": Page("committees:conflicts", expected=5),
    "conflicts_all": Page("committees:conflicts", params=lambda d: {"status": "all"}, expected=5),
    "conflicts_filters": Page(
        "committees:conflicts",
        params=lambda d: {"status": "mediation", "kind": "groups", "q": "noise"},
        expected=5,
    ),
    "conflicts_page_2": Page(
        "committees:conflicts", params=lambda d: {"status": "all", "page": 2}, expected=5
    ),
    "conflicts_htmx": Page("committees:conflicts", htmx=True, expected=5),
    # The conflict, the reading recorded, its steps.
    "conflict_detail": Page("committees:conflict_detail", obj="conflict", expected=6),
    # The conflict, the reading recorded, its first step's date.
    "conflict_edit": Page("committees:conflict_edit", obj="conflict", expected=6),
    # The conflict, the count of its steps.
    "conflict_delete": Page("committees:conflict_delete", obj="conflict", expected=5),
    # The step with its conflict, the reading recorded.
    "step_edit": Page("committees:step_edit", obj="step", expected=5),
}


@pytest.mark.parametrize("size", [3, 60])
@pytest.mark.parametrize("name", list(PAGES))
def test_query_count(client, settlement, django_assert_num_queries, name, size):
    page = PAGES[name]
    data = populate(settlement, size)
    client.force_login(factories.member(settlement, Role.COORDINATOR))
    args = [data[page.obj].pk] if page.obj else []
    headers = {"HX-Request": "true"} if page.htmx else {}
    assert page.expected <= MAX_QUERIES
    with django_assert_num_queries(page.expected):
        response = client.get(reverse(page.url_name, args=args), page.params(data), headers=headers)
    assert response.status_code == 200


def test_the_large_data_fills_several_pages(client, settlement):
    populate(settlement, 60)
    client.force_login(factories.member(settlement, Role.COORDINATOR))
    everything = client.get(reverse("committees:conflicts"), {"status": "all"})
    assert everything.context["page"].paginator.num_pages == 3
    active = client.get(reverse("committees:conflicts"))
    assert active.context["page"].paginator.count == 30
    assert len(active.context["conflicts"]) == 25
