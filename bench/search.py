"""The resident search benchmark (issue 10): the coordinator's resident list searched at
240,000 residents (160 settlements x 1,500) must take at most 2 x its time at 2,400
(160 x 15), with no sequential scan of the resident table in the plan of any query of the
page at 240,000.

Two separate runs of the generator (coordinator.scale.scale_build) build the two councils
in the same throw-away database: first the small one, measured while the table holds only
its 2,400 residents, then the big one. By default only the core is built (settlements,
households, residents, tags and accounts; ``all_apps`` adds every app's data), since the
search reads only those. The statistics are refreshed (``ANALYZE``) after each build, as
autovacuum would do after a bulk load. The same search terms are used at both sizes: the
most common surname of the small council's first settlement, and three letters from inside
its most common first name (the small council's residents are the first of the big one's,
since both come from the same seed).

Each search is requested through the test client as bench/pages.py does: warmed up,
requested once with its queries captured, then timed: the small council's alone, before the
big one is built; then the big council's in turn with the small council's, request by
request, so that a machine busy with other work slows both alike (the ratio is of these two
medians; the small council's own median is shown too). On PostgreSQL every captured query
is explained (``EXPLAIN (FORMAT JSON)``); a ``Seq Scan`` on the resident table at the big size
fails the target (at the small size, 2,400 rows, it is shown but allowed); on SQLite the
plan check is not made (it needs PostgreSQL). Results go to bench-results/search-<time>.json.
"""

import datetime as dt
import gc
import json
import logging
import math
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from unittest import mock
from urllib.parse import urlencode

from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from coordinator import registry
from coordinator.models import Resident

from . import report
from .pages import client_for, measure
from .report import Measure, Target

DEFAULT_SCALE = (160, 1500, 15)  # settlements, residents per settlement: big, small
MAX_GROWTH = 2.0
RESIDENT_TABLE = "coordinator_resident"
# A query of a server-side cursor (a form's choices): explain the SELECT it declares.
DECLARE = re.compile(r"^\s*DECLARE\s.*?\sCURSOR\s(?:WITH(?:OUT)?\s+HOLD\s+)?FOR\s", re.I | re.S)


@dataclass
class QueryPlan:
    """One query of the page and, on PostgreSQL, its plan."""

    sql: str
    plan: str = ""
    seq_scans: list[str] = field(default_factory=list)  # tables read by a Seq Scan
    error: str = ""

    @property
    def reads_residents(self) -> bool:
        return f'"{RESIDENT_TABLE}"' in self.sql


@dataclass
class Searched:
    """One search at one size: its measure and the plans of its queries."""

    case: str
    term: str
    size: str
    residents: int
    measure: Measure
    matches: int | None = None  # the residents found (the paginator's count)
    # The small council's times when timed in turn with the big council's (see time_pair).
    beside_ms: list[float] = field(default_factory=list)
    plans: list[QueryPlan] = field(default_factory=list)

    @property
    def resident_seq_scans(self) -> int:
        return sum(plan.seq_scans.count(RESIDENT_TABLE) for plan in self.plans)


def search_terms(settlement: Any) -> dict[str, str]:
    """The two searches, from a settlement's residents: its most common surname, and three
    letters from inside its most common first name (a part of a name)."""

    def most_common(column: str) -> str:
        with scopes_disabled():
            return (
                Resident.objects.filter(settlement=settlement)
                .values(column)
                .annotate(n=Count("id"))
                .order_by("-n", column)
                .values_list(column, flat=True)
                .first()
            ) or ""

    surname = most_common("last_name")
    first = most_common("first_name")
    part = first[1:4] if len(first) >= 4 else first
    return {"common surname": surname, "part of a name": part}


def explain(sql: str) -> QueryPlan:
    """The plan of one captured query (PostgreSQL), with the tables it scans sequentially."""
    result = QueryPlan(sql=sql)
    statement = DECLARE.sub("", sql, count=1)
    if not statement.lstrip().upper().startswith(("SELECT", "WITH")):
        return result  # a write (the session, the audit log): not a search plan
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (FORMAT JSON) {statement}")
            (document,) = cursor.fetchone()
            cursor.execute(f"EXPLAIN {statement}")
            result.plan = "\n".join(row[0] for row in cursor.fetchall())
    except Exception as exc:  # a query that cannot be explained is reported, not fatal
        result.error = f"{type(exc).__name__}: {exc}"[:300]
        return result
    if isinstance(document, str):
        document = json.loads(document)
    result.seq_scans = sorted(_seq_scans(document[0]["Plan"]))
    return result


def _seq_scans(node: dict[str, Any]) -> Iterator[str]:
    """The relations of every Seq Scan in a plan tree (sub-plans and init-plans included; a
    parallel one is a Seq Scan too, marked Parallel Aware)."""
    if node.get("Node Type") == "Seq Scan":
        yield node.get("Relation Name", "")
    for child in node.get("Plans", []):
        yield from _seq_scans(child)


def measure_search(
    client: Client,
    *,
    case: str,
    term: str,
    size: str,
    residents: int,
    runs: int,
    warmups: int,
    check_plans: bool,
) -> Searched:
    url = f"{reverse('residents:list')}?{urlencode({'q': term})}"
    measured = measure(client, name=case, role="coordinator", url=url, runs=runs, warmups=warmups)
    searched = Searched(case=case, term=term, size=size, residents=residents, measure=measured)
    if measured.error:
        return searched
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    context = response.context
    page = context.get("page") if context is not None else None
    searched.matches = page.paginator.count if page is not None else None
    captured = [query["sql"] for query in queries.captured_queries]
    searched.plans = [explain(sql) if check_plans else QueryPlan(sql=sql) for sql in captured]
    return searched


def time_pair(
    first: tuple[Client, str], second: tuple[Client, str], *, runs: int
) -> tuple[list[float], list[float]]:
    """Time two pages in turn, request by request (ABBA: the order alternates), so that a
    machine busy with other work slows both alike and their ratio holds."""
    times: tuple[list[float], list[float]] = ([], [])
    gc.collect()
    for run in range(runs):
        order = (0, 1) if run % 2 == 0 else (1, 0)
        for which in order:
            client, url = (first, second)[which]
            started = time.perf_counter()
            client.get(url)
            times[which].append((time.perf_counter() - started) * 1000)
    return times


@contextmanager
def _core_only(all_apps: bool) -> Iterator[None]:
    """Without the domain apps' builders unless ``all_apps``: the search reads the core."""
    if all_apps:
        yield
        return
    with mock.patch.object(registry, "scale_builders", []):
        yield


def _analyze() -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def targets_for(results: list[Searched], *, check_plans: bool) -> list[Target]:
    """Per search: answers 200 at both sizes, at most 12 queries and the same number at both,
    its median at the big size within 2 x the small's, and (PostgreSQL) no Seq Scan on the
    resident table in any plan of its queries at the big size."""
    targets: list[Target] = []
    by_case: dict[str, dict[str, Searched]] = {}
    for searched in results:
        by_case.setdefault(searched.case, {})[searched.size] = searched
    for case, sizes in by_case.items():
        small, big = sizes["small"], sizes["big"]
        subject = f"resident search: {case}"
        failed = [s for s in (small, big) if s.measure.error or s.measure.status != 200]
        if failed:
            targets.append(
                Target(
                    "answers 200",
                    subject,
                    failed[0].measure.status,
                    200,
                    False,
                    f"{failed[0].size}: {failed[0].measure.error}",
                )
            )
            continue
        targets.append(
            Target(
                f"queries <= {report.MAX_QUERIES}",
                subject,
                big.measure.queries,
                report.MAX_QUERIES,
                big.measure.queries <= report.MAX_QUERIES,
            )
        )
        targets.append(
            Target(
                f"queries equal at {small.residents:,} and {big.residents:,} residents",
                subject,
                big.measure.queries,
                small.measure.queries,
                big.measure.queries == small.measure.queries,
            )
        )
        # The big council's median against the small one's timed in turn with it (or alone,
        # if that could not be done).
        growth = report.ratio(
            big.measure.median_ms,
            report.median(small.beside_ms) if small.beside_ms else small.measure.median_ms,
        )
        targets.append(
            Target(
                f"median at {big.residents:,} <= {MAX_GROWTH:g} x at {small.residents:,} residents",
                subject,
                growth,
                MAX_GROWTH,
                growth <= MAX_GROWTH,
            )
        )
        if check_plans:
            # The target is the big council's: a table of 2,400 rows may rightly be read
            # whole, and the small council's scans are shown in the table only.
            errors = [plan.error for plan in big.plans if plan.error]
            scans = big.resident_seq_scans
            targets.append(
                Target(
                    f"no Seq Scan on {RESIDENT_TABLE} at {big.residents:,} residents",
                    subject,
                    scans,
                    0,
                    scans == 0 and not errors,
                    errors[0] if errors else "",
                )
            )
    return targets


def _fmt(value: float, digits: int = 1) -> str:
    return "-" if math.isnan(value) else f"{value:.{digits}f}"


def table(results: list[Searched], targets: list[Target], *, check_plans: bool) -> str:
    head = (
        f"{'search':<16} {'term':<12} {'residents':>9} {'matches':>7} {'queries':>7} "
        f"{'median ms':>9} {'p95 ms':>8} {'in turn ms':>10}  seq scan on resident"
    )
    lines = [head, "-" * len(head)]
    for searched in results:
        measured = searched.measure
        if measured.error:
            lines.append(
                f"{searched.case:<16} {_short(searched.term):<12} error: {measured.error[:60]}"
            )
            continue
        scans = (
            (f"YES ({searched.resident_seq_scans})" if searched.resident_seq_scans else "no")
            if check_plans
            else "(needs PostgreSQL)"
        )
        lines.append(
            f"{searched.case:<16} {_short(searched.term):<12} {searched.residents:>9,} "
            f"{'' if searched.matches is None else searched.matches:>7} {measured.queries:>7} "
            f"{_fmt(measured.median_ms):>9} {_fmt(measured.p95_ms):>8} "
            f"{_fmt(report.median(searched.beside_ms)) if searched.beside_ms else '':>10}  "
            f"{scans}"
        )
    lines += [
        "",
        "The small council's median and p95 are its own, timed before the big one was built;",
        "'in turn ms' is its median timed in turn with the big council's, request by request,",
        "which the big council's times are also from: the ratio is of those two medians.",
        "",
        "Targets",
    ]
    for target in targets:
        verdict = "met" if target.met else "NOT MET"
        note = f"  ({target.note})" if target.note else ""
        lines.append(
            f"  {verdict:<8} {target.name}: {target.subject}: {_fmt(target.value, 2)} vs "
            f"{_fmt(target.limit, 2)}{note}"
        )
    return "\n".join(lines)


def _short(text: str, width: int = 12) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def run(
    *,
    settlements: int = DEFAULT_SCALE[0],
    residents: int = DEFAULT_SCALE[1],
    small_residents: int = DEFAULT_SCALE[2],
    runs: int = 15,
    warmups: int = 2,
    seed: int = 1,
    all_apps: bool = False,
    out: Path | None = Path("bench-results"),
    build: Callable[..., Any] | None = None,
    echo: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Build the small council and measure its searches, then the big one and measure the
    same searches; print the table, the plans of the big council's resident queries and the
    targets; write the JSON file (unless out is None) and return what it holds."""
    if build is None:
        from coordinator.scale import scale_build

        build = scale_build
    logging.getLogger("axes").setLevel(logging.WARNING)
    check_plans = connection.vendor == "postgresql"
    echo(
        f"Resident search on {connection.vendor}: {settlements} settlements x "
        f"{small_residents} residents, then x {residents} "
        f"({'every app' if all_apps else 'the core only'}, seed {seed})"
    )
    results: list[Searched] = []
    builds: dict[str, float] = {}
    terms: dict[str, str] = {}
    counts: dict[str, Any] = {}
    small_client: Client | None = None
    for size, per_settlement in (("small", small_residents), ("big", residents)):
        started = time.perf_counter()
        with _core_only(all_apps):
            world = build(
                settlements=settlements, residents_per_settlement=per_settlement, years=1, seed=seed
            )
        _analyze()
        builds[size] = time.perf_counter() - started
        counts[size] = dict(getattr(world, "counts", {}))
        total = settlements * per_settlement
        echo(f"  {size}: {total:,} residents built in {builds[size]:.1f} s")
        settlement = world.settlements[0]
        if not terms:
            terms = search_terms(settlement)
        client = client_for(world.accounts["coordinator"])
        for case, term in terms.items():
            searched = measure_search(
                client,
                case=case,
                term=term,
                size=size,
                residents=total,
                runs=runs if size == "small" else 0,
                warmups=warmups,
                check_plans=check_plans,
            )
            small = next((s for s in results if s.case == case and s.size == "small"), None)
            if small is not None and small_client is not None and not searched.measure.error:
                searched.measure.times_ms, small.beside_ms = time_pair(
                    (client, searched.measure.url), (small_client, small.measure.url), runs=runs
                )
            results.append(searched)
        if size == "small":
            small_client = client
    targets = targets_for(results, check_plans=check_plans)

    echo("")
    echo(table(results, targets, check_plans=check_plans))
    if check_plans:
        echo("\nPlans of the resident queries at the big size (EXPLAIN):")
        for searched in results:
            if searched.size != "big":
                continue
            for plan in searched.plans:
                if plan.reads_residents:
                    echo(f"  {searched.case}: {plan.sql[:120]}…")
                    echo("\n".join(f"      {line}" for line in plan.plan.splitlines()))
    else:
        echo(
            f"\nThe plan check (no Seq Scan on {RESIDENT_TABLE}) needs PostgreSQL: "
            "set DATABASE_URL to make it."
        )
    now = dt.datetime.now(dt.UTC)  # the file's name: wall time, not the app's clock
    data: dict[str, Any] = {
        "benchmark": "search",
        "timestamp": now.isoformat(timespec="seconds"),
        "commit": report.git_commit(),
        "database": connection.vendor,
        "scale": {
            "settlements": settlements,
            "residents_per_settlement": {"small": small_residents, "big": residents},
            "all_apps": all_apps,
            "seed": seed,
        },
        "runs": runs,
        "warmups": warmups,
        "build_seconds": builds,
        "counts": counts,
        "terms": terms,
        "plans_checked": check_plans,
        "searches": [_searched_json(searched) for searched in results],
        "targets": [asdict(target) for target in targets],
        "met": all(target.met for target in targets),
    }
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        path = out / f"search-{now.strftime('%Y%m%dT%H%M%SZ')}.json"
        path.write_text(
            json.dumps(report._no_nan(data), indent=2, ensure_ascii=False, default=str) + "\n"
        )
        echo(f"\nWritten to {path}")
    missed = sum(1 for target in targets if not target.met)
    echo(
        f"{len(targets) - missed} of {len(targets)} search targets met"
        + (f", {missed} NOT MET" if missed else "")
    )
    return data


def _searched_json(searched: Searched) -> dict[str, Any]:
    measured = searched.measure
    return {
        "case": searched.case,
        "term": searched.term,
        "size": searched.size,
        "residents": searched.residents,
        "matches": searched.matches,
        "url": measured.url,
        "status": measured.status,
        "queries": measured.queries,
        "median_ms": measured.median_ms,
        "p95_ms": measured.p95_ms,
        "times_ms": measured.times_ms,
        "error": measured.error,
        "in_turn_median_ms": report.median(searched.beside_ms),
        "in_turn_times_ms": searched.beside_ms,
        "resident_seq_scans": searched.resident_seq_scans,
        "plans": [asdict(plan) for plan in searched.plans],
    }
