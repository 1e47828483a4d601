"""Exact query counts of the meetings pages, at two data sizes.

Each page runs the same number of queries whether there are 2 meetings or 60 (several
pages), and whether a meeting has 2 residents invited, action items, partners and staff
or 60 of each: a count that grows with the data is an N+1 bug. Every request pays three
queries before the view runs (the session, the user, the user's memberships)."""

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.urls import reverse

from committees.models import Meeting, MeetingAttendance
from coordinator.models import Role
from tests import factories

MAX_QUERIES = 12
NOW = factories.FIXED_NOW


def populate(settlement, size: int) -> dict[str, Any]:
    """``size`` upcoming and ``size`` past meetings of two committees and with office
    holders; one meeting with ``size`` residents invited, action items (some overdue, some
    done), partners, staff and later meetings of its series."""
    chair = factories.member(settlement, Role.CHAIR)
    committees = [
        factories.CommitteeFactory(settlement=settlement, name=f"Committee {n}", chairs=[chair])
        for n in range(2)
    ]
    staff = [factories.member(settlement, Role.SECRETARY) for _ in range(max(2, size // 10))]
    partners = factories.PartnerFactory.create_batch(size, settlement=settlement)
    residents = factories.ResidentFactory.create_batch(size, settlement=settlement)
    series = uuid.uuid4()
    meetings: list[Any] = []
    for n in range(size):
        for sign in (1, -1):
            meetings.append(
                factories.MeetingFactory(
                    committee=committees[n % 2] if n % 3 else None,
                    settlement=settlement,
                    kind=Meeting.Kind.COMMITTEE if n % 3 else Meeting.Kind.BOARD,
                    title=f"Meeting {n} about the budget",
                    agenda="The bus to town" if n % 2 else "",
                    series=series if n % 3 == 1 else None,
                    starts_at=NOW + sign * dt.timedelta(days=n + 1),
                    ends_at=None,
                )
            )
    meeting = meetings[2]  # upcoming, of committee 1, in the series
    for n, resident in enumerate(residents):
        MeetingAttendance.objects.create(
            settlement=settlement,
            meeting=meeting,
            resident=resident,
            attended=(None, True, False)[n % 3],
        )
        factories.ActionItemFactory(
            meeting=meeting,
            owner=staff[n % len(staff)],
            due_on=NOW.date() + dt.timedelta(days=n - size // 2),
            done_at=NOW if n % 4 == 0 else None,
        )
    meeting.partners.add(*partners)
    meeting.users.add(*staff)
    # Another settlement's data, which no page reads.
    far = factories.SettlementFactory()
    factories.MeetingFactory.create_batch(3, committee=None, settlement=far)
    return {"meeting": meeting, "committee": committees[1], "chair": chair}


@dataclass(frozen=True)
class Page:
    url_name: str
    role: str = Role.COORDINATOR
    params: Callable[[dict[str, Any]], dict[str, Any]] = field(default=lambda data: {})
    obj: str = ""
    htmx: bool = False
    expected: int = 0


PAGES = {
    # The count, the page of meetings (with their committee, and the invited and open
    # items counted in subqueries), the committees of the filter.
    "meetings": Page("committees:meetings", expected=6),
    "meetings_past": Page("committees:meetings", params=lambda d: {"when": "past"}, expected=6),
    "meetings_secretary": Page("committees:meetings", role=Role.SECRETARY, expected=6),
    "meetings_chair": Page("committees:meetings", role="chair", expected=6),
    "meetings_search": Page("committees:meetings", params=lambda d: {"q": "bus"}, expected=6),
    "meetings_page_2": Page("committees:meetings", params=lambda d: {"page": 2}, expected=6),
    # One more: the chosen committee is checked.
    "meetings_filters": Page(
        "committees:meetings",
        params=lambda d: {"committee": d["committee"].pk, "kind": "committee", "when": "past"},
        expected=7,
    ),
    # The swap renders no filter form: no committees for it.
    "meetings_htmx": Page("committees:meetings", htmx=True, expected=5),
    # The meeting (with its committee and whether the user chairs it), its action items
    # with their owners, the residents invited, the next meetings of its series, its
    # partners, its staff.
    "meeting_detail": Page("committees:meeting_detail", obj="meeting", expected=9),
    "meeting_detail_chair": Page(
        "committees:meeting_detail", role="chair", obj="meeting", expected=9
    ),
    "meeting_detail_board": Page(
        "committees:meeting_detail", role=Role.BOARD, obj="meeting", expected=9
    ),
    # The meeting, the residents invited, the owners offered (once for the three rows).
    "meeting_minutes": Page("committees:meeting_minutes", obj="meeting", expected=6),
    "meeting_minutes_chair": Page(
        "committees:meeting_minutes", role="chair", obj="meeting", expected=6
    ),
    # The meeting alone: no personal data in a calendar file.
    "meeting_ics": Page("committees:meeting_ics", obj="meeting", expected=4),
}


@pytest.mark.parametrize("size", [2, 60])
@pytest.mark.parametrize("name", list(PAGES))
def test_query_count(client, settlement, django_assert_num_queries, name, size):
    page = PAGES[name]
    data = populate(settlement, size)
    user = data["chair"] if page.role == "chair" else factories.member(settlement, page.role)
    client.force_login(user)
    args = [data[page.obj].pk] if page.obj else []
    headers = {"HX-Request": "true"} if page.htmx else {}
    assert page.expected <= MAX_QUERIES
    with django_assert_num_queries(page.expected):
        response = client.get(reverse(page.url_name, args=args), page.params(data), headers=headers)
    assert response.status_code == 200


def test_the_large_data_fills_several_pages(client, settlement):
    data = populate(settlement, 60)
    client.force_login(factories.member(settlement, Role.COORDINATOR))
    upcoming = client.get(reverse("committees:meetings"))
    assert upcoming.context["page"].paginator.num_pages == 3
    detail = client.get(reverse("committees:meeting_detail", args=[data["meeting"].pk]))
    assert len(detail.context["attendance"]) == 60
    assert len(detail.context["items"]) == 60
    assert len(detail.context["series"]) == 5
    minutes = client.get(reverse("committees:meeting_minutes", args=[data["meeting"].pk]))
    assert len(minutes.context["form"].attendance) == 60
