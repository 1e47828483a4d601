"""Exact query counts of the committee list, the chair's home and the directory of partners,
at two sizes (5 and 200 committees).

Each page runs the same number of queries with a handful of committees or partners as with
many pages of them, each with members, meetings, chairs and links: a count that grows
with the data is an N+1 bug. Every request pays three queries before the view runs (the
session, the user, the user's memberships)."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.urls import reverse

from committees.models import Partner
from coordinator.models import Role
from tests import factories

MAX_QUERIES = 12
NOW = factories.FIXED_NOW


def populate(settlement, size: int, chair) -> dict[str, Any]:
    """``size`` committees, all chaired by ``chair`` and another chair, each with members
    (current and past), a past and a coming meeting with a partner; ``size`` partners, each
    linked to committees."""
    other_chair = factories.member(settlement, Role.CHAIR)
    residents = factories.ResidentFactory.create_batch(4, settlement=settlement)
    committees: list[Any] = []
    partners: list[Any] = [
        factories.PartnerFactory(
            settlement=settlement,
            name=f"Partner {n:03}",
            kind=Partner.Kind.values[n % len(Partner.Kind.values)],
            contact_person=f"Contact {n}",
            role="Head of department" if n % 2 else "",
            phone="+972 4 555 0000" if n % 3 else "",
        )
        for n in range(size)
    ]
    for n in range(size):
        committee = factories.CommitteeFactory(
            settlement=settlement, name=f"Committee {n:03}", chairs=[chair, other_chair]
        )
        factories.CommitteeMemberFactory(committee=committee, resident=residents[n % 4])
        factories.CommitteeMemberFactory(
            committee=committee, resident=residents[(n + 1) % 4], term_end=dt.date(2025, 1, 1)
        )
        for days in (-7, 1 + n % 20):
            meeting: Any = factories.MeetingFactory(
                committee=committee, starts_at=NOW + dt.timedelta(days=days), ends_at=None
            )
            meeting.partners.add(partners[n], partners[0])
        partners[n].committees.add(committee, *committees[-2:])
        # For the chair's home: an overdue action item and hours to confirm in each.
        factories.ActionItemFactory(
            meeting=meeting, owner=chair, due_on=NOW.date() - dt.timedelta(days=n % 5 + 1)
        )
        factories.VolunteerHoursFactory(committee=committee, resident=residents[n % 4])
        committees.append(committee)
    board: Any = factories.MeetingFactory(committee=None, settlement=settlement, kind="board")
    board.partners.add(partners[0])
    # Another settlement's data, which no page reads.
    far = factories.SettlementFactory()
    factories.PartnerFactory.create_batch(3, settlement=far)
    factories.CommitteeFactory.create_batch(3, settlement=far)
    return {"partner": partners[0], "committee": committees[0]}


@dataclass(frozen=True)
class Page:
    url_name: str
    role: str = Role.COORDINATOR
    params: Callable[[dict[str, Any]], dict[str, Any]] = field(default=lambda data: {})
    obj: str = ""
    htmx: bool = False
    expected: int = 0


PAGES = {
    # The committees with their current members and next meeting (subqueries of the one
    # query), and their chairs.
    "committees": Page("committees:list", expected=5),
    "committees_chair": Page("committees:list", role=Role.CHAIR, expected=5),
    "committees_secretary": Page("committees:list", role=Role.SECRETARY, expected=5),
    # The chair's home: memberships and settlement, then each panel in a fixed number of
    # queries (my committees, my action items, hours to confirm, the age groups).
    "home_chair": Page("home", role=Role.CHAIR, expected=7),
    # The count of the partners, the page of them, their committees.
    "partners": Page("committees:partners", expected=6),
    "partners_chair": Page("committees:partners", role=Role.CHAIR, expected=6),
    "partners_search": Page("committees:partners", params=lambda d: {"q": "head"}, expected=6),
    "partners_kind": Page(
        "committees:partners", params=lambda d: {"kind": "welfare", "q": "contact"}, expected=6
    ),
    "partners_page_2": Page("committees:partners", params=lambda d: {"page": 2}, expected=6),
    "partners_htmx": Page(
        "committees:partners", params=lambda d: {"q": "partner"}, htmx=True, expected=6
    ),
    # The partner, their committees, their meetings.
    "partner_detail": Page("committees:partner_detail", obj="partner", expected=6),
    "partner_detail_chair": Page(
        "committees:partner_detail", role=Role.CHAIR, obj="partner", expected=6
    ),
    # The committees to choose from; when editing, the partner and their committees too.
    "partner_create": Page("committees:partner_create", expected=4),
    "partner_edit": Page("committees:partner_edit", obj="partner", expected=6),
    # The partner, their committees, the count of their meetings.
    "partner_delete": Page("committees:partner_delete", obj="partner", expected=6),
}


@pytest.mark.parametrize("size", [5, 200])
@pytest.mark.parametrize("name", list(PAGES))
def test_query_count(client, settlement, chair, django_assert_num_queries, name, size):
    page = PAGES[name]
    data = populate(settlement, size, chair)
    user = chair if page.role == Role.CHAIR else factories.member(settlement, page.role)
    client.force_login(user)
    args = [data[page.obj].pk] if page.obj else []
    headers = {"HX-Request": "true"} if page.htmx else {}
    assert page.expected <= MAX_QUERIES
    with django_assert_num_queries(page.expected):
        response = client.get(reverse(page.url_name, args=args), page.params(data), headers=headers)
    assert response.status_code == 200


def test_the_large_data_is_what_the_pages_show(client, settlement, chair, coordinator):
    populate(settlement, 200, chair)
    client.force_login(coordinator)
    committees = list(client.get(reverse("committees:list")).context["committees"])
    assert len(committees) == 200
    assert all(c.member_count == 1 and c.next_meeting_id for c in committees)
    partners = client.get(reverse("committees:partners"))
    assert partners.context["page"].paginator.num_pages == 8
    assert all(p.committee_links for p in partners.context["partners"])
    first = client.get(reverse("committees:partners"), {"q": "Partner 000"}).context["partners"]
    detail = client.get(reverse("committees:partner_detail", args=[first[0].pk]))
    assert len(detail.context["meetings"]) == 10
    client.force_login(chair)
    assert len(client.get(reverse("committees:list")).context["committees"]) == 200
