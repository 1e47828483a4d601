"""Exact query counts of every list page and dashboard, at two data sizes.

Each page runs the same number of queries whether the settlement has 3 residents (less
than a page) or 300 (many pages): a count that grows with the data is an N+1 bug.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.urls import reverse

from committees.models import Committee
from coordinator.models import AuditEvent, Resident, Role
from tests import factories

TODAY = dt.date(2026, 11, 23)
MAX_QUERIES = 12


def populate(settlement, residents: int, chair=None, coordinator=None) -> dict[str, Any]:
    """``residents`` residents with households, neighbourhoods and tags; some arrive this week
    or have a round birthday; a committee for every ten residents, chaired, with members,
    a past and a coming meeting, and action items of the chair and the coordinator (overdue,
    due soon, due later and done)."""
    neighbourhoods = factories.NeighbourhoodFactory.create_batch(3, settlement=settlement)
    tags = factories.TagFactory.create_batch(4, settlement=settlement)
    households = [
        factories.HouseholdFactory(settlement=settlement, neighbourhood=neighbourhoods[n % 3])
        for n in range(max(1, residents // 3))
    ]
    people = []
    for n in range(residents):
        people.append(
            factories.ResidentFactory.create(
                settlement=settlement,
                household=households[n % len(households)],
                neighbourhood=neighbourhoods[n % 3],
                birth_date=dt.date(1976, 11, 25) if n % 10 == 1 else dt.date(1950 + n % 70, 5, 17),
                arrival_date=TODAY + dt.timedelta(days=n % 7) if n % 10 == 0 else None,
                archived_at=factories.FIXED_NOW if n % 25 == 2 else None,
            )
        )
    through = Resident.tags.through
    through.objects.bulk_create(
        through(resident_id=person.pk, tag_id=tag.pk)
        for n, person in enumerate(people)
        for tag in (tags[n % 4], tags[(n + 1) % 4])
    )
    chairs = [chair] if chair else []
    chairs += [factories.member(settlement, Role.CHAIR) for _ in range(2)]
    owners = [user for user in (chair, coordinator) if user is not None]
    for n in range(residents // 10 + 1):
        committee = factories.CommitteeFactory(settlement=settlement, chairs=chairs)
        for person in people[n % len(people) : n % len(people) + 3]:
            factories.CommitteeMemberFactory(committee=committee, resident=person)
        past = factories.MeetingFactory(
            committee=committee, starts_at=factories.FIXED_NOW - dt.timedelta(days=7), ends_at=None
        )
        factories.MeetingFactory(
            committee=committee,
            starts_at=factories.FIXED_NOW + dt.timedelta(days=1 + n % 10),
            ends_at=None,
        )
        for owner in owners:
            for due_in, done_at in ((-1 - n % 5, None), (n % 30, None), (-3, factories.FIXED_NOW)):
                factories.ActionItemFactory(
                    meeting=past,
                    owner=owner,
                    due_on=TODAY + dt.timedelta(days=due_in),
                    done_at=done_at,
                )
    for n in range(residents // 30 + 1):  # running surveys on the home page, a few closing
        survey = factories.SurveyFactory(
            settlement=settlement,
            state="running",
            closes_on=TODAY + dt.timedelta(days=n % 10),
            invitation_count=2,
        )
        factories.InvitationFactory(survey=survey, resident=people[n], answered=bool(n % 2))
        factories.MessageFactory(settlement=settlement, resident=people[n], state="failed")
    for n in range(residents // 10 + 1):  # exports and imports in the audit trail
        AuditEvent.objects.create(
            settlement=settlement,
            actor=chairs[n % len(chairs)],
            action=AuditEvent.Action.EXPORTED if n % 2 else AuditEvent.Action.IMPORTED,
            object_type="resident",
            summary=f"csv export, {n} rows",
        )
    return {
        "neighbourhood": neighbourhoods[0],
        "tag": tags[0],
        "households": households,
        "actor": chairs[0],
    }


def council_of(settlement, count: int, residents_each: int) -> None:
    """``count`` settlements in the council (the given one included), each with residents."""
    settlements = [settlement] + [
        factories.SettlementFactory(council=settlement.council) for _ in range(count - 1)
    ]
    for each in settlements:
        factories.ResidentFactory.create_batch(
            residents_each, settlement=each, arrival_date=TODAY - dt.timedelta(days=10)
        )
        factories.HouseholdFactory.create_batch(2, settlement=each)
        factories.CommitteeFactory(settlement=each)


@dataclass(frozen=True)
class Page:
    url_name: str
    role: str = "coordinator"
    params: Callable[[dict[str, Any]], dict[str, Any]] = field(default=lambda data: {})
    expected: int = 0


PAGES = {
    "residents": Page("residents:list", expected=8),
    "residents_search": Page("residents:list", params=lambda d: {"q": "first"}, expected=8),
    "residents_search_household": Page(
        "residents:list", params=lambda d: {"q": "household 1"}, expected=8
    ),
    "residents_age_group": Page(
        "residents:list", params=lambda d: {"age_group": "seniors"}, expected=8
    ),
    "residents_neighbourhood": Page(
        "residents:list", params=lambda d: {"neighbourhood": d["neighbourhood"].pk}, expected=9
    ),
    "residents_tag": Page("residents:list", params=lambda d: {"tag": d["tag"].pk}, expected=9),
    "residents_archived": Page("residents:list", params=lambda d: {"archived": "on"}, expected=8),
    "residents_all_filters": Page(
        "residents:list",
        params=lambda d: {
            "q": "example",
            "age_group": "seniors",
            "neighbourhood": d["neighbourhood"].pk,
            "tag": d["tag"].pk,
        },
        expected=10,
    ),
    "residents_page_2": Page("residents:list", params=lambda d: {"page": 2}, expected=8),
    "residents_htmx": Page("residents:list", params=lambda d: {"q": "last"}, expected=6),
    "households": Page("households:list", expected=5),
    "households_search": Page("households:list", params=lambda d: {"q": "street"}, expected=5),
    # An export is recorded in the audit trail: one INSERT more than it reads (5 and 6).
    "export_csv": Page("residents:export", params=lambda d: {"format": "csv"}, expected=6),
    "export_xlsx": Page("residents:export", params=lambda d: {"format": "xlsx"}, expected=6),
    "export_filtered": Page(
        "residents:export", params=lambda d: {"format": "csv", "tag": d["tag"].pk}, expected=7
    ),
    # The audit trail: one UNION of the history tables and the audit events for the page,
    # one for its count, one for the people in the "changed by" filter (and one to check
    # the person filtered on).
    "audit": Page("audit:list", expected=6),
    "audit_page_2": Page("audit:list", params=lambda d: {"page": 2}, expected=6),
    "audit_kind": Page("audit:list", params=lambda d: {"kind": "resident"}, expected=6),
    "audit_filtered": Page(
        "audit:list",
        params=lambda d: {
            "user": d["actor"].pk,
            "date_from": "2026-11-01",
            "date_to": "2026-11-23",
        },
        expected=7,
    ),
    "audit_events": Page(
        "audit:list",
        params=lambda d: {"kind": "event", "user": d["actor"].pk, "date_to": "2026-11-23"},
        expected=7,
    ),
    # The coordinator's and the chair's own action items are one query (the chair's
    # committees, with their members and next meetings, another); the volunteer hours
    # waiting for their confirmation, with how many there are, one more.
    "home_coordinator": Page("home", expected=12),
    "home_chair": Page("home", role="chair", expected=7),
    # The yearly plans under the table: one query for all the settlements.
    "council_dashboard": Page("council:dashboard", role="council_staff", expected=12),
    "committees": Page("committees:list", expected=5),
    "committees_chair": Page("committees:list", role="chair", expected=5),
}


@pytest.mark.parametrize("size", [3, 300])
@pytest.mark.parametrize("name", list(PAGES))
def test_query_count(
    request, client, settlement, chair, council_staff, django_assert_num_queries, name, size
):
    page = PAGES[name]
    data = populate(
        settlement, size, chair=chair, coordinator=request.getfixturevalue("coordinator")
    )
    council_of(settlement, 3, size // 3)
    client.force_login(request.getfixturevalue(page.role))
    headers = {"HX-Request": "true"} if name.endswith("htmx") else {}
    assert page.expected <= MAX_QUERIES
    with django_assert_num_queries(page.expected):
        response = client.get(reverse(page.url_name), page.params(data), headers=headers)
    assert response.status_code == 200
    if page.url_name == "audit:list":  # every filter finds rows at both sizes
        assert response.context["entries"]


@pytest.mark.parametrize("settlements", [2, 10])
def test_council_dashboard_query_count_by_settlements(
    client, settlement, council_staff, django_assert_num_queries, settlements
):
    council_of(settlement, settlements, 4)
    factories.SettlementFactory.create_batch(3)  # other councils: not read
    client.force_login(council_staff)
    with django_assert_num_queries(PAGES["council_dashboard"].expected):
        response = client.get(reverse("council:dashboard"))
    assert len(response.context["table"]) == settlements


def test_the_populated_data_is_what_the_pages_show(
    client, coordinator_client, settlement, chair, coordinator
):
    """The two sizes really differ where the pages look."""
    populate(settlement, 300, chair=chair, coordinator=coordinator)
    listing = coordinator_client.get(reverse("residents:list"))
    assert listing.context["page"].paginator.num_pages > 1
    home = coordinator_client.get(reverse("home"))
    assert len(home.context["due"]) > 25
    trail = coordinator_client.get(reverse("audit:list"))
    assert trail.context["page"].paginator.num_pages > 1
    committees = coordinator_client.get(reverse("committees:list"))
    assert len(committees.context["committees"]) == 31
    assert Committee.chairs.through.objects.count() == 31 * 3
    [items] = [panel["items"] for _t, panel in home.context["panels"] if "items" in panel]
    assert items.overdue and items.more > 0
    client.force_login(chair)
    chair_home = client.get(reverse("home"))
    [panel] = [panel for _t, panel in chair_home.context["panels"] if "committees" in panel]
    assert len(panel["committees"]) == 31
    assert all(c.member_count == 3 and c.next_meeting_id for c in panel["committees"])
