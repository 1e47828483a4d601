"""Exact query counts of the volunteer and opening pages, and of the selector that builds
the ranking's candidates, at two data sizes.

Each page runs the same number of queries whether the settlement has a handful of
volunteers and openings or several pages of them, each with skills, memberships,
invitations and hours: a count that grows with the data is an N+1 bug. Every request pays
three queries before the view runs (the session, the user, the user's memberships)."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django_scopes import scope

from committees import selectors_volunteers
from tests import factories

MAX_QUERIES = 12
TODAY = dt.date(2026, 11, 23)
SLOTS = ["weekday_mornings", "weekday_afternoons", "weekday_evenings", "weekends"]


def populate(settlement, chair, size: int) -> dict[str, Any]:
    """``size`` volunteers with skills, memberships, accepted invitations and hours, and
    ``size`` openings of the chair's committee with invitations."""
    skills = [factories.SkillFactory(settlement=settlement) for _ in range(4)]
    culture = factories.CommitteeFactory(settlement=settlement, chairs=[chair])
    other = factories.CommitteeFactory(settlement=settlement)
    profiles = []
    for n in range(size):
        profile = factories.VolunteerProfileFactory(
            resident__settlement=settlement,
            skills=skills[n % 4 : n % 4 + 2],
            availability=SLOTS[n % 4 : n % 4 + 2],
            languages=["en", "he"][: 1 + n % 2],
            background_check="valid" if n % 2 else "none",
            background_check_until=TODAY if n % 2 else None,
        )
        factories.CommitteeMemberFactory(committee=other, resident=profile.resident)
        factories.VolunteerHoursFactory(
            committee=culture, resident=profile.resident, status="approved", hours=Decimal(2)
        )
        profiles.append(profile)
    openings = []
    for n in range(size):
        opening = factories.OpeningFactory(committee=culture, skills=skills[:2])
        factories.OpeningInvitationFactory(
            opening=opening, resident=profiles[n].resident, status="accepted"
        )
        openings.append(opening)
    factories.OpeningFactory(committee=None, settlement=settlement)
    far = factories.SettlementFactory()
    factories.VolunteerProfileFactory(resident__settlement=far)
    factories.OpeningFactory(committee=factories.CommitteeFactory(settlement=far))
    return {"profile": profiles[0], "opening": openings[0], "skill": skills[0]}


PAGES = [
    ("coordinator", "committees:volunteers", None, ""),
    ("coordinator", "committees:volunteers", None, "?q=first&slot=weekends&language=en&active=yes"),
    ("coordinator", "committees:volunteers", None, "?resident_q=first"),
    ("coordinator", "committees:volunteer_detail", "profile", ""),
    ("coordinator", "committees:volunteer_edit", "resident", ""),
    ("coordinator", "committees:openings", None, ""),
    ("coordinator", "committees:openings", None, "?status=open"),
    ("chair", "committees:openings", None, ""),
    ("coordinator", "committees:opening_detail", "opening", ""),
    ("chair", "committees:opening_detail", "opening", ""),
    ("coordinator", "committees:opening_edit", "opening", ""),
]

EXPECTED = {
    ("coordinator", "committees:volunteers", ""): 7,
    ("coordinator", "committees:volunteers", "?q=first&slot=weekends&language=en&active=yes"): 7,
    ("coordinator", "committees:volunteers", "?resident_q=first"): 8,
    ("coordinator", "committees:volunteer_detail", ""): 9,
    ("coordinator", "committees:volunteer_edit", ""): 7,
    ("coordinator", "committees:openings", ""): 6,
    ("coordinator", "committees:openings", "?status=open"): 6,
    ("chair", "committees:openings", ""): 6,
    ("coordinator", "committees:opening_detail", ""): 8,
    ("chair", "committees:opening_detail", ""): 6,
    ("coordinator", "committees:opening_edit", ""): 7,
}


@pytest.mark.parametrize("size", [3, 40])
@pytest.mark.parametrize(("role", "name", "obj", "query"), PAGES)
def test_pages_run_a_fixed_number_of_queries(
    client, settlement, coordinator, chair, django_assert_num_queries, size, role, name, obj, query
):
    objects = populate(settlement, chair, size)
    objects["resident"] = objects["profile"].resident
    client.force_login(coordinator if role == "coordinator" else chair)
    args = [objects[obj].pk] if obj else []
    url = reverse(name, args=args) + query
    expected = EXPECTED[(role, name, query)]
    assert expected <= MAX_QUERIES
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("size", [3, 40])
def test_candidates_are_built_in_two_queries(settlement, chair, django_assert_num_queries, size):
    objects = populate(settlement, chair, size)
    opening = factories.OpeningFactory(committee=objects["opening"].committee)
    with scope(settlement=settlement.pk), django_assert_num_queries(2):
        candidates = selectors_volunteers.candidates_for(
            settlement=settlement, opening=opening, today=TODAY
        )
    assert len(candidates) == size
    assert all(c.active_roles == 2 and c.recent_hours == Decimal(2) for c, _p in candidates)
