"""How long welfare data is kept.

- A closed case is purged (with its notes) once it has been closed longer than its
  council's ``WelfarePolicy`` says (two years when the council set nothing). What is left
  is anonymous: how many cases of each year had each need (``PurgedCases``).
- The access log is kept at least 24 months and to the end of the second calendar year
  after an entry, and is deleted after five years: the Israeli Privacy Protection (Data
  Security) Regulations and Slovenia's personal data act both ask for this. Five years is
  later than both minimums, so the job deletes what is older than five years.

Both run daily by Celery beat, one settlement at a time, each in a transaction; running
again finds nothing more to do."""

import datetime as dt
from collections import Counter

from django.db import transaction
from django.db.models import F

from coordinator import clock
from coordinator.models import Settlement

from .models import DEFAULT_CLOSED_CASE_DAYS, CaseAccess, PurgedCases, WelfareCase, WelfarePolicy

ACCESS_LOG_YEARS = 5


def closed_case_days(settlement: Settlement) -> int:
    policy = WelfarePolicy.objects.filter(council_id=settlement.council_id).first()
    return policy.closed_case_days if policy is not None else DEFAULT_CLOSED_CASE_DAYS


@transaction.atomic
def closed_cases_purge(*, settlement: Settlement) -> int:
    """Purge the settlement's cases closed longer than its council keeps them, counting
    them first; how many were purged."""
    before = clock.now() - dt.timedelta(days=closed_case_days(settlement))
    cases = list(
        WelfareCase.objects.select_for_update()
        .filter(settlement=settlement, status=WelfareCase.Status.CLOSED, closed_at__lt=before)
        .only("pk", "categories", "opened_at")
    )
    if not cases:
        return 0
    counts: Counter[tuple[int, str]] = Counter()
    for case in cases:
        for category in case.categories or ["other"]:
            counts[(case.opened_at.year, category)] += 1
    for (year, category), count in counts.items():
        row, _created = PurgedCases.objects.get_or_create(
            settlement=settlement, year=year, category=category
        )
        PurgedCases.objects.filter(pk=row.pk).update(count=F("count") + count)
    WelfareCase.objects.filter(pk__in=[case.pk for case in cases]).delete()
    return len(cases)


def access_log_cutoff(now: dt.datetime) -> dt.datetime:
    """Entries before this are past their keeping period (five years back, to the day)."""
    try:
        return now.replace(year=now.year - ACCESS_LOG_YEARS)
    except ValueError:  # 29 February
        return now.replace(year=now.year - ACCESS_LOG_YEARS, day=28)


@transaction.atomic
def access_log_purge(*, settlement: Settlement) -> int:
    """Delete the settlement's access-log entries past five years; how many."""
    old = CaseAccess.objects.filter(
        settlement_id=settlement.pk, at__lt=access_log_cutoff(clock.now())
    )
    deleted, _by_model = old._purge()
    return deleted
