"""The page benchmark's numbers: statistics, the targets of issue 10, the terminal table and
the JSON file that lets runs be compared between commits. Pure functions of the measurements,
so tests check them without running a benchmark."""

import datetime as dt
import json
import math
import shutil
import statistics
import subprocess
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

MAX_QUERIES = 12
MAX_X_BASELINE = 5.0
MAX_DASHBOARD_GROWTH = 1.5


@dataclass
class Measure:
    """One page for one role: its query count and the server times of the timed runs."""

    name: str
    role: str
    url: str
    status: int = 0
    queries: int = 0
    times_ms: list[float] = field(default_factory=list)
    error: str = ""
    # The same page for the small settlement's coordinator (1 % of the data), if compared.
    small: "Measure | None" = None
    # The baseline page timed right after each timed request, by the same client.
    baseline_times_ms: list[float] = field(default_factory=list)
    # A file export: held to the query targets; its time is reported only.
    export: bool = False

    @property
    def median_ms(self) -> float:
        return median(self.times_ms)

    def floor_ms(self, baseline_ms: float) -> float:
        """The baseline this page is compared with: the one measured alongside it, else
        ``baseline_ms`` (the run's)."""
        return median(self.baseline_times_ms) if self.baseline_times_ms else baseline_ms

    @property
    def p95_ms(self) -> float:
        return percentile(self.times_ms, 95)


@dataclass
class Target:
    name: str
    subject: str
    value: float
    limit: float
    met: bool
    note: str = ""


def median(values: list[float]) -> float:
    return statistics.median(values) if values else math.nan


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile: the smallest value with at least pct % of the values at or
    below it (for 15 runs, the 95th is the largest)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def ratio(value: float, floor: float) -> float:
    return value / floor if floor > 0 else math.nan


def page_targets(page: Measure, baseline_ms: float) -> list[Target]:
    """The targets every page must meet: it answers 200, with at most 12 queries, the same
    number at 1 % of the data as at 100 %, and (unless it is a file export, whose time is
    only reported) a median within 5 × the baseline page's, the one timed alongside it if
    there is one."""
    subject = f"{page.name} ({page.role})"
    if page.error or page.status != 200:
        return [Target("answers 200", subject, page.status, 200, False, page.error)]
    targets = [
        Target(
            f"queries <= {MAX_QUERIES}",
            subject,
            page.queries,
            MAX_QUERIES,
            page.queries <= MAX_QUERIES,
        ),
    ]
    if page.small is not None:
        small_ok = not page.small.error and page.small.status == 200
        targets.append(
            Target(
                "queries equal at 1 % and 100 %",
                subject,
                page.queries,
                page.small.queries,
                small_ok and page.small.queries == page.queries,
                page.small.error or ("" if small_ok else f"small: {page.small.status}"),
            )
        )
    if page.export:
        return targets
    x_baseline = ratio(page.median_ms, page.floor_ms(baseline_ms))
    targets.append(
        Target(
            f"median <= {MAX_X_BASELINE:g} x baseline",
            subject,
            x_baseline,
            MAX_X_BASELINE,
            x_baseline <= MAX_X_BASELINE,
        )
    )
    return targets


def dashboard_target(
    big_ms: float, big_settlements: int, small_ms: float, small_settlements: int
) -> Target:
    growth = ratio(big_ms, small_ms)
    return Target(
        f"council dashboard at {big_settlements} <= {MAX_DASHBOARD_GROWTH:g} x at "
        f"{small_settlements} settlements",
        "council dashboard (council_staff)",
        growth,
        MAX_DASHBOARD_GROWTH,
        growth <= MAX_DASHBOARD_GROWTH,
    )


def _fmt(value: float, digits: int = 1) -> str:
    return "-" if math.isnan(value) else f"{value:.{digits}f}"


def table(pages: list[Measure], trivial: Measure, baseline: Measure, targets: list[Target]) -> str:
    """The terminal table: one row a page, the floors first; 'met' is whether every target of
    that page is met."""
    met_by_subject: dict[str, bool] = {}
    for target in targets:
        met_by_subject[target.subject] = met_by_subject.get(target.subject, True) and target.met
    head = (
        f"{'page':<28} {'role':<15} {'queries':>7} {'1 %':>5} {'median ms':>9} "
        f"{'p95 ms':>8} {'base ms':>7} {'x trivial':>9} {'x baseline':>10}  met"
    )
    lines = [head, "-" * len(head)]
    for page in [trivial, baseline, *pages]:
        subject = f"{page.name} ({page.role})"
        is_floor = page is trivial or page is baseline
        met = "floor" if is_floor else ("yes" if met_by_subject.get(subject, True) else "NO")
        small = str(page.small.queries) if page.small is not None else ""
        if page.error or page.status != 200:
            lines.append(
                f"{page.name:<28} {page.role:<15} {'error ' + str(page.status):>7}  "
                f"{page.error[:60]}  {met}"
            )
            continue
        # A page's floor is the baseline timed alongside it; an export has none.
        floor = math.nan if page.export else page.floor_ms(baseline.median_ms)
        lines.append(
            f"{page.name:<28} {page.role:<15} {page.queries:>7} {small:>5} "
            f"{_fmt(page.median_ms):>9} {_fmt(page.p95_ms):>8} {_fmt(floor):>7} "
            f"{_fmt(ratio(page.median_ms, trivial.median_ms)):>9} "
            f"{_fmt(ratio(page.median_ms, floor), 2):>10}  {met}"
        )
    lines.append("")
    lines.append("Targets")
    for target in targets:
        verdict = "met" if target.met else "NOT MET"
        value = _fmt(target.value, 2)
        note = f"  ({target.note})" if target.note else ""
        lines.append(
            f"  {verdict:<8} {target.name}: {target.subject}: {value} vs "
            f"{_fmt(target.limit, 2)}{note}"
        )
    return "\n".join(lines)


def git_commit(cwd: Path | None = None) -> str | None:
    git = shutil.which("git")
    if git is None:
        return None
    try:
        out = subprocess.run(  # noqa: S603 (a fixed command, no input)
            [git, "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            cwd=cwd,
            check=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def _page_json(page: Measure) -> dict[str, Any]:
    row: dict[str, Any] = {
        "name": page.name,
        "role": page.role,
        "url": page.url,
        "status": page.status,
        "queries": page.queries,
        "median_ms": page.median_ms,
        "p95_ms": page.p95_ms,
        "times_ms": page.times_ms,
        "error": page.error,
    }
    if page.baseline_times_ms:
        row["baseline_median_ms"] = median(page.baseline_times_ms)
        row["baseline_times_ms"] = page.baseline_times_ms
    if page.export:
        row["export"] = True
    if page.small is not None:
        row["small"] = _page_json(page.small)
    return row


def as_json(
    *,
    pages: list[Measure],
    trivial: Measure,
    baseline: Measure,
    targets: list[Target],
    meta: dict[str, Any],
) -> dict[str, Any]:
    """What the JSON file holds: the run's settings, the floors, every page with its ratios,
    and every target."""
    rows = []
    for page in pages:
        row = _page_json(page)
        row["x_trivial"] = ratio(page.median_ms, trivial.median_ms)
        row["x_baseline"] = (
            math.nan if page.export else ratio(page.median_ms, page.floor_ms(baseline.median_ms))
        )
        rows.append(row)
    return {
        **meta,
        "floors": {"trivial": _page_json(trivial), "baseline": _page_json(baseline)},
        "pages": rows,
        "targets": [asdict(target) for target in targets],
        "met": all(target.met for target in targets),
    }


def write_json(data: dict[str, Any], directory: Path, now: dt.datetime) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"pages-{now.strftime('%Y%m%dT%H%M%SZ')}.json"
    # NaN is not JSON: a page that did not answer has no times.
    path.write_text(json.dumps(_no_nan(data), indent=2, ensure_ascii=False) + "\n")
    return path


def _no_nan(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {key: _no_nan(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_no_nan(item) for item in value]
    return value
