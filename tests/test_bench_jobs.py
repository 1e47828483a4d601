"""The job benchmark's harness (bench/jobs.py): issue 10's dispatch targets, the table, the
JSON file and the default sizes; and one run of every job's measurement at a tiny size, so
a change to a job's data cannot quietly break the benchmark."""

import datetime as dt
import json
import math

import pytest

from bench import jobs
from bench.__main__ import parse_args
from bench.jobs import DISPATCH, JobRow
from coordinator import clock


def planning(size: int, seconds: float, queries: int = 6) -> JobRow:
    return JobRow(DISPATCH, size, size, seconds, queries, "invitations")


def verdicts(rows: list[JobRow]) -> dict[str, bool]:
    targets, _unchecked = jobs.job_targets(rows)
    return {f"{t.name}: {t.subject}": t.met for t in targets}


def test_a_dispatch_within_its_targets_meets_them():
    rows = [planning(1000, 0.5, 6), planning(10000, 6.0, 25)]
    assert verdicts(rows) == {
        f"queries <= 25: {DISPATCH} of 1,000": True,
        f"queries <= 25: {DISPATCH} of 10,000": True,
        f"time(10,000) / time(1,000) <= 12: {DISPATCH}": True,
    }
    targets, unchecked = jobs.job_targets(rows)
    assert targets[-1].value == 12.0 and unchecked == []


def test_too_many_queries_or_a_time_that_grows_too_fast_is_not_met():
    met = verdicts([planning(1000, 0.5, 6), planning(10000, 6.01, 26)])
    assert met == {
        f"queries <= 25: {DISPATCH} of 1,000": True,
        f"queries <= 25: {DISPATCH} of 10,000": False,
        f"time(10,000) / time(1,000) <= 12: {DISPATCH}": False,
    }


def test_other_sizes_check_the_queries_and_say_what_was_not_checked():
    targets, unchecked = jobs.job_targets([planning(100, 0.1), planning(2000, 1.0)])
    assert [t.subject for t in targets] == [f"{DISPATCH} of 100", f"{DISPATCH} of 2,000"]
    assert all(t.met for t in targets)
    assert len(unchecked) == 2 and "10,000" in unchecked[0]


def test_a_job_that_failed_misses_a_target_and_is_left_out_of_the_ratio():
    failed = JobRow(DISPATCH, 10000, error="IntegrityError: boom")
    reminders = JobRow(jobs.MEETINGS, 1000, error="ValueError: no")
    targets, unchecked = jobs.job_targets([planning(1000, 0.5), failed, reminders])
    assert [(t.name, t.met, t.note) for t in targets[:2]] == [
        ("runs", False, "IntegrityError: boom"),
        ("runs", False, "ValueError: no"),
    ]
    assert len(unchecked) == 2  # 10,000 did not run: neither its queries nor the ratio


def test_throughput_and_queries_per_item():
    row = JobRow(jobs.REMINDERS, 1000, 500, 0.25, 10, "messages")
    assert row.per_second == 2000.0 and row.queries_per_item == 0.02
    empty = JobRow(jobs.DIGEST, 10, 0, 0.01, 3)
    assert empty.per_second == 0.0 and math.isnan(empty.queries_per_item)
    assert math.isnan(JobRow(jobs.DIGEST, 10, error="x").per_second)


def test_the_table_shows_every_job_and_each_target_verdict():
    rows = [
        planning(1000, 0.5),
        planning(10000, 7.0, 30),
        JobRow(jobs.EVENTS, 1000, error="KeyError: 'x'"),
    ]
    targets, unchecked = jobs.job_targets(rows)
    text = jobs.table(rows, targets, unchecked)
    assert (
        "survey dispatch: planning    10000   10000 invitations     7.00     1,429      30" in text
    )
    assert "error: KeyError: 'x'" in text
    assert "  NOT MET  queries <= 25: survey dispatch: planning of 10,000: 30.00 vs 25.00" in text
    assert "  NOT MET  time(10,000) / time(1,000) <= 12: survey dispatch: planning: 14.00" in text
    assert "  met      queries <= 25: survey dispatch: planning of 1,000: 6.00 vs 25.00" in text


def test_the_json_file_holds_the_jobs_targets_and_verdict(tmp_path):
    rows = [planning(1000, 0.5), planning(10000, 5.0), JobRow(jobs.DIGEST, 10, error="x")]
    targets, unchecked = jobs.job_targets(rows)
    data = jobs.as_json(
        rows=rows,
        targets=targets,
        unchecked=unchecked,
        extras={"plans": [{"programmes": 10}]},
        meta={"kind": "jobs", "database": "postgresql", "sizes": [1000, 10000]},
    )
    path = jobs.write_json(
        data, tmp_path / "out", dt.datetime(2026, 12, 4, 21, 30, 5, tzinfo=dt.UTC)
    )
    assert path.name == "jobs-20261204T213005Z.json"
    written = json.loads(path.read_text())
    assert written["kind"] == "jobs" and written["met"] is False  # the digest failed
    assert written["extras"] == {"plans": [{"programmes": 10}]}
    first = written["jobs"][0]
    assert first == {
        "job": DISPATCH,
        "size": 1000,
        "items": 1000,
        "seconds": 0.5,
        "queries": 6,
        "unit": "invitations",
        "error": "",
        "per_second": 2000.0,
        "queries_per_item": 0.006,
    }
    assert written["jobs"][2]["seconds"] is None  # NaN is not JSON
    assert {t["name"] for t in written["targets"]} >= {"runs", "queries <= 25"}


def test_the_default_sizes_are_where_the_targets_are_checked():
    args = parse_args([])
    assert args.sizes == [1000, 10000] and args.job_runs == 3
    assert parse_args(["--only", "jobs", "50", "200"]).sizes == [50, 200]


@pytest.mark.django_db
def test_every_job_measures_at_a_tiny_size():
    from bench import classes, dispatch, plans

    size = 20
    with jobs.no_publishing(), clock.frozen_at(jobs.MONDAY):
        rows = [
            *dispatch.jobs_at(size, runs=2),
            *jobs.meeting_reminders_at(size),
            *jobs.digest_at(size),
            *classes.event_reminders_at(size),
            *classes.class_reminders_at(size),
            *plans.budget_warnings_at(size),
        ]
    assert [row.error for row in rows] == [""] * 8
    assert {row.job: row.items for row in rows} == {
        DISPATCH: size,
        jobs.SENDING: size,
        jobs.REMINDERS: size,
        jobs.MEETINGS: size,
        jobs.DIGEST: 1,  # one owner of the twenty overdue items
        jobs.EVENTS: size,
        jobs.CLASSES: size,
        jobs.BUDGET: 4,  # two lines at 95 %, to two coordinators each
    }
    assert all(row.queries > 0 and row.seconds > 0 for row in rows)
