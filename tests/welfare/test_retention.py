"""Welfare data is kept as long as it is of use and the law asks, then goes: closed cases
after their council's keeping period (anonymous counts stay), access-log entries after
five years (never before the two years and the end of the second calendar year)."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django_scopes import scope, scopes_disabled

from coordinator import clock
from tests import factories
from welfare.models import CaseAccess, CaseNote, PurgedCases, WelfareCase, WelfarePolicy
from welfare.services_retention import access_log_cutoff, access_log_purge, closed_cases_purge
from welfare.tasks import welfare_retention

NOW = factories.FIXED_NOW  # 2026-11-23 10:00 UTC


def closed(settlement, days_ago: int, categories=("food",), opened_year: int = 2023):
    case = factories.WelfareCaseFactory(
        household__settlement=settlement,
        categories=list(categories),
        status=WelfareCase.Status.CLOSED,
        opened_at=dt.datetime(opened_year, 3, 1, tzinfo=dt.UTC),
        closed_at=NOW - dt.timedelta(days=days_ago),
    )
    factories.CaseNoteFactory(case=case)
    return case


def test_closed_cases_go_after_two_years_leaving_counts(settlement):
    old = closed(settlement, 731, ("food", "money"))
    closed(settlement, 800, ("food",), opened_year=2022)
    recent = closed(settlement, 729)
    still_open = factories.WelfareCaseFactory(household__settlement=settlement)
    with scope(settlement=settlement.pk):
        assert closed_cases_purge(settlement=settlement) == 2
        assert closed_cases_purge(settlement=settlement) == 0  # again: nothing more
        left = set(WelfareCase.objects.values_list("pk", flat=True))
        assert left == {recent.pk, still_open.pk}
        assert not CaseNote.objects.filter(case_id=old.pk).exists()
        counts = set(PurgedCases.objects.values_list("year", "category", "count"))
    assert counts == {(2023, "food", 1), (2023, "money", 1), (2022, "food", 1)}


def test_counts_add_up_across_runs(settlement):
    closed(settlement, 900)
    with scope(settlement=settlement.pk):
        closed_cases_purge(settlement=settlement)
    closed(settlement, 900)
    with scope(settlement=settlement.pk):
        closed_cases_purge(settlement=settlement)
        assert PurgedCases.objects.get(year=2023, category="food").count == 2


def test_the_council_sets_the_keeping_period(settlement, other_settlement):
    WelfarePolicy.objects.create(council=settlement.council, closed_case_days=90)
    short = closed(settlement, 91)
    elsewhere = closed(other_settlement, 91)  # another council: two years
    with scope(settlement=settlement.pk):
        assert closed_cases_purge(settlement=settlement) == 1
    with scope(settlement=other_settlement.pk):
        assert closed_cases_purge(settlement=other_settlement) == 0
    with scopes_disabled():
        assert not WelfareCase.objects.filter(pk=short.pk).exists()
        assert WelfareCase.objects.filter(pk=elsewhere.pk).exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        WelfarePolicy.objects.filter(council=settlement.council).update(closed_case_days=7)


def log(settlement, at: dt.datetime) -> CaseAccess:
    return CaseAccess.objects.create(
        settlement_id=settlement.pk,
        case_id=1,
        user=factories.UserFactory.create(),
        action=CaseAccess.Action.READ,
        at=at,
    )


def test_the_access_log_is_kept_five_years(settlement):
    gone = log(settlement, NOW - dt.timedelta(days=5 * 366))
    kept = log(settlement, NOW - dt.timedelta(days=4 * 365))
    recent = log(settlement, NOW - dt.timedelta(days=30))
    with scope(settlement=settlement.pk):
        assert access_log_purge(settlement=settlement) == 1
    assert set(CaseAccess.objects.values_list("pk", flat=True)) == {kept.pk, recent.pk}
    assert gone.pk not in set(CaseAccess.objects.values_list("pk", flat=True))


def test_the_cutoff_is_after_both_legal_minimums():
    now = dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC)
    cutoff = access_log_cutoff(now)
    assert cutoff == dt.datetime(2021, 11, 23, 10, tzinfo=dt.UTC)
    # An entry just kept must be older than 24 months and than the end of its second
    # calendar year: anything the job deletes is past both.
    assert cutoff < now - dt.timedelta(days=2 * 366)
    assert cutoff.year + 2 < now.year
    assert access_log_cutoff(dt.datetime(2028, 2, 29, tzinfo=dt.UTC)) == dt.datetime(
        2023, 2, 28, tzinfo=dt.UTC
    )


def test_the_task_runs_every_settlement(settlement, other_settlement):
    closed(settlement, 800)
    closed(other_settlement, 800)
    log(other_settlement, NOW - dt.timedelta(days=6 * 365))
    with clock.frozen_at(NOW):
        assert welfare_retention() == 3
        assert welfare_retention() == 0
