"""The load test on the production stack (``python -m loadtest``, issue 10), end to end at a
tiny size: gunicorn with two workers and production settings on PostgreSQL and Redis, five
simulated people (one of each kind), twelve requests each. It must finish without a failed
request or a warning in the server's log, and every kind of user must have made requests,
the writes among them (a chair's tick, residents' answers through both links).

It runs ``loadtest`` in a subprocess: locust monkey-patches with gevent on import, which
this process must never see. Timings are the benchmark's business, not asserted here."""

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from .conftest import NEEDS_POSTGRES, NEEDS_REDIS, ROOT

USERS = 5
BUDGET = 12  # requests per simulated user: the run ends when all are spent
KINDS = [
    "coordinator",
    "chair",
    "council staff",
    "resident (personal link)",
    "resident (shared link)",
]
WRITES = [
    "POST coordinator: two-factor code",
    "POST chair: action item done",
    "POST resident (personal link): survey answers",
    "POST resident (shared link): survey answers",
]


@NEEDS_POSTGRES
@NEEDS_REDIS
def test_load_test_runs_without_errors(tmp_path: Path) -> None:
    database = urlsplit(os.environ["DATABASE_URL"]).path.lstrip("/") + "_loadtest"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "loadtest",
            "--users",
            str(USERS),
            "--spawn-rate",
            str(USERS),
            "--duration",
            "30s",  # at most
            "--workers",
            "2",
            "--requests",
            str(BUDGET),
            "--scale",
            "2 60 1",
            "--wait",
            "0.1 0.5",
            "--mix",
            "1 1 1 1 1",  # five users: one of each kind
            "--static",
            "manifest",
            "--database",
            database,
            "--drop-database",
            "--out",
            str(tmp_path),
            "--workdir",
            str(tmp_path / "work"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=150,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "load test passed: no errors" in output
    [report_file] = tmp_path.glob("load-*.json")
    report = json.loads(report_file.read_text())
    assert report["errors"] == 0, output
    assert report["server_problems"] == [], output
    assert report["total"]["failures"] == 0
    assert 0 < report["total"]["requests"] <= USERS * BUDGET  # bounded
    assert all(report["kinds"][kind] > 0 for kind in KINDS), report["kinds"]
    made = {f"{r['method']} {r['name']}": r["requests"] for r in report["requests"]}
    assert all(made.get(name, 0) > 0 for name in WRITES), made
    assert list(tmp_path.glob("load-*.csv")), "the per-request table is written too"


def test_server_log_problems_are_every_line_but_gunicorns_info(tmp_path: Path) -> None:
    from loadtest.__main__ import _server_problems

    log = tmp_path / "server.log"
    before = "[2026-01-05 10:00:00 +0000] [7] [INFO] Booting worker with pid: 8\n"
    log.write_text(
        before
        + "[2026-01-05 10:00:01 +0000] [8] [INFO] Booting worker with pid: 9\n"
        + "Internal Server Error: /council/\n"
        + "Traceback (most recent call last):\n"
        + "[2026-01-05 10:00:02 +0000] [7] [CRITICAL] WORKER TIMEOUT (pid:8)\n"
        + "\n"
    )
    assert _server_problems(log, start=len(before)) == [
        "Internal Server Error: /council/",
        "Traceback (most recent call last):",
        "[2026-01-05 10:00:02 +0000] [7] [CRITICAL] WORKER TIMEOUT (pid:8)",
    ]


def test_load_test_refuses_to_run_without_the_production_stack() -> None:
    environment = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    result = subprocess.run(
        [sys.executable, "-m", "loadtest"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "set DATABASE_URL" in result.stderr


def test_report_reads_locusts_json_with_rates_over_the_whole_run(tmp_path: Path) -> None:
    from loadtest.__main__ import _read_stats

    def entry(method: str, name: str, times: dict[str, int], start: float, last: float) -> dict:
        count = sum(times.values())
        return {
            "method": method,
            "name": name,
            "num_requests": count,
            "num_failures": 1 if method == "POST" else 0,
            "response_times": times,
            "total_response_time": sum(int(ms) * n for ms, n in times.items()),
            "max_response_time": max((int(ms) for ms in times), default=0),
            "start_time": start,
            "last_request_timestamp": last,
        }

    stats = tmp_path / "locust.json"
    stats.write_text(
        json.dumps(
            [
                entry("GET", "coordinator: home", {"10": 8, "20": 1, "900": 1}, 100.0, 110.0),
                entry("POST", "chair: login", {"1000": 1}, 102.0, 102.0),
                entry("GET", "chair: home", {}, 103.0, 0),  # never requested: left out
            ]
        )
    )
    rows = _read_stats(stats)
    assert [r["name"] for r in rows] == ["chair: login", "coordinator: home", "Aggregated"]
    login, home, total = rows
    assert login["rps"] == 0.1  # 1 request over the run's 10 s, not over its own instant
    assert (home["median_ms"], home["p95_ms"], home["max_ms"]) == (10, 900, 900)
    assert (total["requests"], total["failures"], total["rps"]) == (11, 1, 1.1)
    assert total["p99_ms"] == 1000
