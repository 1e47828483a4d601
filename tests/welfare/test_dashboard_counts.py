"""Counts of open cases, never cases: the hiding rule and the selectors."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django_scopes import scope

from tests import factories
from welfare.selectors_counts import (
    hide_small,
    month_ends,
    open_case_counts,
    purged_counts,
    shown,
)

UTC = ZoneInfo("UTC")
NOW = factories.FIXED_NOW  # 2026-11-23 10:00 UTC


def at(year: int, month: int, day: int) -> dt.datetime:
    return dt.datetime(year, month, day, 12, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("number", "expected"),
    [(0, 0), (1, None), (2, None), (3, None), (4, None), (5, 5), (6, 6), (120, 120)],
)
def test_numbers_from_one_to_four_are_hidden(number, expected):
    assert hide_small(number) == expected


def test_a_hidden_count_is_drawn_as_five_whatever_it_is():
    assert shown(1).hidden and shown(4).hidden
    assert shown(1).height == shown(4).height == 5
    assert not shown(0).hidden and shown(0).height == 0
    assert shown(9).height == 9


def test_the_month_ends_are_the_first_days_of_the_five_months_before():
    ends = month_ends(dt.date(2026, 2, 10), UTC)
    assert [(e.year, e.month, e.day) for e in ends] == [
        (2025, 10, 1),
        (2025, 11, 1),
        (2025, 12, 1),
        (2026, 1, 1),
        (2026, 2, 1),
    ]


def counts_of(settlement, *others):
    ids = [settlement.pk, *(o.pk for o in others)]
    with scope(settlement=ids):
        return open_case_counts(settlement_ids=ids, zone=UTC)


def test_open_cases_are_counted_by_need(settlement):
    factories.WelfareCaseFactory.create_batch(
        6, household__settlement=settlement, categories=["food", "money"]
    )
    factories.WelfareCaseFactory.create_batch(
        2, household__settlement=settlement, categories=["food"], status="monitoring"
    )
    factories.WelfareCaseFactory(household__settlement=settlement, categories=["new_baby"])
    factories.WelfareCaseFactory.create_batch(
        3,
        household__settlement=settlement,
        categories=["food"],
        status="closed",
        closed_at=at(2026, 11, 1),
    )
    counts = counts_of(settlement)[settlement.pk]
    by_need = {c.category: c.count.value for c in counts.categories}
    assert by_need["food"] == 8  # open and being followed; not the closed ones
    assert by_need["money"] == 6
    assert by_need["new_baby"] is None  # one: hidden
    assert by_need["health"] == 0
    assert counts.total.value == 9
    assert counts.name == "Home Village"


def test_a_small_total_is_hidden_too(settlement):
    factories.WelfareCaseFactory.create_batch(3, household__settlement=settlement)
    counts = counts_of(settlement)[settlement.pk]
    assert counts.total.hidden
    assert all(p.count.hidden for p in counts.trend[-1:])


def test_the_trend_counts_the_cases_open_at_each_month_end(settlement):
    # Open since May: counted at every month end.
    factories.WelfareCaseFactory.create_batch(
        5, household__settlement=settlement, opened_at=at(2026, 5, 3)
    )
    # Opened in August, closed in October: counted at the ends of August and September.
    factories.WelfareCaseFactory.create_batch(
        5,
        household__settlement=settlement,
        opened_at=at(2026, 8, 10),
        status="closed",
        closed_at=at(2026, 10, 5),
    )
    # Opened in October, still open: counted at the end of October and now.
    factories.WelfareCaseFactory.create_batch(
        2, household__settlement=settlement, opened_at=at(2026, 10, 20)
    )
    counts = counts_of(settlement)[settlement.pk]
    months = [(p.month.month, p.count.value) for p in counts.trend]
    assert months == [(6, 5), (7, 5), (8, 10), (9, 10), (10, 7), (11, 7)]
    assert counts.arrow == "down"  # 7 now against 10 at the end of August


def test_the_arrow_is_left_out_when_both_numbers_are_hidden(settlement):
    factories.WelfareCaseFactory(household__settlement=settlement, opened_at=at(2026, 5, 3))
    factories.WelfareCaseFactory(household__settlement=settlement, opened_at=at(2026, 10, 3))
    assert counts_of(settlement)[settlement.pk].arrow == ""


def test_the_arrow_points_up_when_cases_grew(settlement):
    factories.WelfareCaseFactory.create_batch(
        6, household__settlement=settlement, opened_at=at(2026, 11, 3)
    )
    assert counts_of(settlement)[settlement.pk].arrow == "up"


def test_each_settlement_has_its_own_numbers_and_emergency(
    settlement, other_settlement, django_assert_num_queries
):
    factories.WelfareCaseFactory.create_batch(5, household__settlement=settlement)
    factories.WelfareCaseFactory.create_batch(
        7, household__settlement=other_settlement, categories=["health"]
    )
    emergency = factories.EmergencyFactory(settlement=other_settlement)
    factories.EmergencyFactory(settlement=settlement, ended_at=at(2026, 11, 1))  # over
    ids = [settlement.pk, other_settlement.pk]
    with scope(settlement=ids), django_assert_num_queries(1):
        counts = open_case_counts(settlement_ids=ids, zone=UTC)
    assert counts[settlement.pk].total.value == 5
    assert counts[other_settlement.pk].total.value == 7
    assert counts[settlement.pk].emergency_id is None
    assert counts[other_settlement.pk].emergency_id == emergency.pk


def test_many_settlements_are_one_query(settlement, django_assert_num_queries):
    others = [factories.SettlementFactory(council=settlement.council) for _ in range(12)]
    for other in others:
        factories.WelfareCaseFactory.create_batch(2, household__settlement=other)
    ids = [settlement.pk, *(o.pk for o in others)]
    with scope(settlement=ids), django_assert_num_queries(1):
        counts = open_case_counts(settlement_ids=ids, zone=UTC)
    assert len(counts) == 13


def test_purged_counts_are_hidden_under_five(settlement, other_settlement):
    factories.PurgedCasesFactory(settlement=settlement, year=2024, category="food", count=3)
    factories.PurgedCasesFactory(settlement=settlement, year=2023, category="money", count=8)
    factories.PurgedCasesFactory(settlement=other_settlement, year=2023, category="money", count=9)
    with scope(settlement=[settlement.pk]):
        rows = purged_counts(settlement_ids=[settlement.pk])
    assert [(r.year, r.need, r.count.value) for r in rows] == [
        (2024, "Food", None),
        (2023, "Money and debts", 8),
    ]
