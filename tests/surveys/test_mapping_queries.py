"""Exact query counts of the records and needs pages, at two data sizes.

Each page runs the same number of queries whether the settlement has a handful of records
and needs (less than a page) or many pages of them, each with many residents, groups and
pieces of evidence: a count that grows with the data is an N+1 bug. Every request pays
three queries before the view runs (the session, the user, the user's memberships)."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.urls import reverse

from coordinator.models import Role
from surveys.models import MappingRecord, Need, Survey
from tests import factories

MAX_QUERIES = 12
TODAY = dt.date(2026, 11, 23)
AGE_GROUPS = ["children", "youth", "young_adults", "adults", "seniors"]


def populate(settlement, size: int) -> dict[str, Any]:
    """``size`` records and ``size`` needs, each linked to several residents, groups,
    questions and records; owners of every role that may own a need."""
    neighbourhoods = factories.NeighbourhoodFactory.create_batch(3, settlement=settlement)
    tags = factories.TagFactory.create_batch(3, settlement=settlement)
    residents = factories.ResidentFactory.create_batch(max(4, size), settlement=settlement)
    owners = [
        factories.member(settlement, role)
        for role in (Role.COORDINATOR, Role.SECRETARY, Role.BOARD, Role.CHAIR)
    ]
    questions = []
    for n in range(max(2, size // 10)):
        survey = factories.SurveyFactory(
            settlement=settlement,
            state=Survey.State.CLOSED if n % 2 else Survey.State.RUNNING,
            title={"en": f"Survey {n}"},
        )
        section = factories.SectionFactory(survey=survey)
        questions += factories.QuestionFactory.create_batch(3, section=section)
    records = []
    for n in range(size):
        record: Any = factories.MappingRecordFactory(
            settlement=settlement,
            title=f"Meeting {n}",
            kind=MappingRecord.Kind.values[n % 5],
            held_on=TODAY - dt.timedelta(days=n),
            age_groups=AGE_GROUPS[: 1 + n % 5],
            findings="They asked for a bus" if n % 2 else "",
        )
        record.participants.add(*residents[n % 3 : n % 3 + 3])
        records.append(record)
    needs = []
    for n in range(size):
        need: Any = factories.NeedFactory(
            settlement=settlement,
            title=f"Need {n}",
            description="A bus to town" if n % 2 else "",
            age_groups=AGE_GROUPS[n % 5 : n % 5 + 2],
            impact=1 + n % 5,
            urgency=1 + (n // 5) % 5,
            owner=owners[n % 4],
            status=Need.Status.values[n % 3],
        )
        need.neighbourhoods.add(*neighbourhoods[: 1 + n % 3])
        need.tags.add(*tags[: 1 + n % 3])
        need.evidence_questions.add(*questions[n % 2 : n % 2 + 2])
        need.evidence_records.add(*records[max(0, n - 2) : n + 1])
        needs.append(need)
    # Another settlement's data, which no page reads.
    far = factories.SettlementFactory()
    factories.NeedFactory.create_batch(3, settlement=far)
    factories.MappingRecordFactory.create_batch(3, settlement=far)
    return {
        "record": records[0],
        "need": needs[0],
        "neighbourhood": neighbourhoods[0],
        "question": questions[0],
        "resident": residents[0],
    }


@dataclass(frozen=True)
class Page:
    url_name: str
    role: str = Role.COORDINATOR
    params: Callable[[dict[str, Any]], dict[str, Any]] = field(default=lambda data: {})
    obj: str = ""
    htmx: bool = False
    expected: int = 0


PAGES = {
    # The count of the records and the page of them (named residents and needs counted in
    # subqueries of that one query).
    "records": Page("surveys:records", expected=5),
    "records_search": Page("surveys:records", params=lambda d: {"q": "bus"}, expected=5),
    "records_kind": Page("surveys:records", params=lambda d: {"kind": "focus_group"}, expected=5),
    "records_page_2": Page("surveys:records", params=lambda d: {"page": 2}, expected=5),
    "records_htmx": Page(
        "surveys:records", params=lambda d: {"q": "Meeting"}, htmx=True, expected=5
    ),
    # The record, its residents, the needs citing it.
    "record_detail": Page("surveys:record_detail", obj="record", expected=6),
    # The form: the record, its residents (the chosen ones of the picker), its found ones.
    "record_edit": Page("surveys:record_edit", obj="record", expected=6),
    "record_picker_htmx": Page(
        "surveys:record_create",
        params=lambda d: {"participant_q": "First", "participants": [d["resident"].pk]},
        htmx=True,
        expected=5,
    ),
    # Count, page, neighbourhoods, tags, the matrix, the neighbourhoods of the filter.
    "needs": Page("surveys:needs", expected=9),
    "needs_secretary": Page("surveys:needs", role=Role.SECRETARY, expected=9),
    "needs_board": Page("surveys:needs", role=Role.BOARD, expected=9),
    "needs_all": Page("surveys:needs", params=lambda d: {"status": "all"}, expected=9),
    "needs_page_2": Page("surveys:needs", params=lambda d: {"page": 2}, expected=9),
    "needs_search": Page("surveys:needs", params=lambda d: {"q": "bus"}, expected=9),
    "needs_filters": Page(
        "surveys:needs",
        params=lambda d: {
            "age_group": "youth",
            "neighbourhood": d["neighbourhood"].pk,
            "level": "low",
            "sort": "newest",
            "status": "all",
        },
        expected=10,  # one more: the chosen neighbourhood is checked
    ),
    # The filter form is not part of the swap: no neighbourhoods for it.
    "needs_htmx": Page("surveys:needs", htmx=True, expected=8),
    # The need with its owner, neighbourhoods, tags, questions (with surveys), records.
    "need_detail": Page("surveys:need_detail", obj="need", expected=8),
    "need_detail_board": Page("surveys:need_detail", role=Role.BOARD, obj="need", expected=8),
    # Neighbourhoods, tags, questions, records, owners.
    "need_create": Page("surveys:need_create", expected=8),
    "need_create_from_question": Page(
        "surveys:need_create",
        params=lambda d: {"question": d["question"].pk, "record": d["record"].pk},
        expected=10,
    ),
    # The need, its four links for the form (one UNION), then the five lists of choices.
    "need_edit": Page("surveys:need_edit", obj="need", expected=10),
}


@pytest.mark.parametrize("size", [3, 60])
@pytest.mark.parametrize("name", list(PAGES))
def test_query_count(client, settlement, django_assert_num_queries, name, size):
    page = PAGES[name]
    data = populate(settlement, size)
    client.force_login(factories.member(settlement, page.role))
    args = [data[page.obj].pk] if page.obj else []
    headers = {"HX-Request": "true"} if page.htmx else {}
    assert page.expected <= MAX_QUERIES
    with django_assert_num_queries(page.expected):
        response = client.get(reverse(page.url_name, args=args), page.params(data), headers=headers)
    assert response.status_code == 200


def test_the_large_data_fills_several_pages(client, settlement):
    populate(settlement, 60)
    client.force_login(factories.member(settlement, Role.COORDINATOR))
    records = client.get(reverse("surveys:records"))
    assert records.context["page"].paginator.num_pages == 3
    needs = client.get(reverse("surveys:needs"))
    assert needs.context["page"].paginator.num_pages == 3
    filtered = client.get(reverse("surveys:needs"), {"age_group": "youth", "status": "all"})
    assert filtered.context["needs"]
