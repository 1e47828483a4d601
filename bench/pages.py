"""The page benchmark (issue 10): every main page of every role on a council-sized data set,
its queries and its server time, each as a ratio to two floors measured in the same run.

The data comes from coordinator.scale.scale_build. Each role logs in with its own test
client; each page is warmed up, then requested once with its queries captured, then R times
timed (without capturing, which would slow it), each timed request followed by a timed
request of the baseline page by the same client: a page's ratio is to the baseline measured
alongside it, so that a machine busy with other work slows both alike. Templates render as
on the server: the test environment's instrumentation of every render (which the test
client uses to collect templates and contexts) is undone while timing. The coordinator's
pages and exports are also requested by the small settlement's coordinator (1 % of the
data) to compare the query counts. The council dashboard is measured again on a second
council of 5 settlements."""

import datetime as dt
import gc
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from django.db import connection
from django.db.models import Count
from django.template import Template
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from coordinator import clock
from coordinator.models import Resident, Settlement, User

from . import report
from .report import Measure, Target

DASHBOARD_SETTLEMENTS = 5
# A file export is timed fewer times (a PDF takes longer than a page); its time is reported,
# not held to the page target (its queries are).
EXPORT = "export: "
EXPORT_RUNS = 5


@dataclass(frozen=True)
class Page:
    name: str
    role: str  # a key of the world's accounts
    url: str | None  # None: the data holds nothing to show there
    compare_small: bool = False
    missing: str = ""
    export: bool = False


def _reverse(
    name: str, pk: int | None = None, missing: str = "", query: str = ""
) -> tuple[str | None, str]:
    if pk is None:
        return None, missing
    return reverse(name, kwargs={"pk": pk}) + query, ""


def _biggest(queryset: Any, field: str) -> int | None:
    """The ``field`` value with the most rows in ``queryset`` (the lowest on a tie)."""
    return (
        queryset.values(field)
        .annotate(n=Count("id"))
        .order_by("-n", field)
        .values_list(field, flat=True)
        .first()
    )


def settlement_urls(settlement: Settlement) -> dict[str, tuple[str | None, str]]:
    """The coordinator's pages and exports in one settlement, on its biggest objects:
    (url, why missing)."""
    from committees.models import Committee, CommitteeMember
    from events.models import ClassRegistration, Course, Event, EventRegistration
    from plans.models import Plan
    from surveys.models import Response, Survey
    from welfare.models_emergency import Emergency

    with scopes_disabled():
        surname = (
            Resident.objects.filter(settlement=settlement)
            .values("last_name")
            .annotate(n=Count("id"))
            .order_by("-n", "last_name")
            .values_list("last_name", flat=True)
            .first()
        )
        committee = (
            CommitteeMember.objects.filter(settlement=settlement)
            .values("committee")
            .annotate(n=Count("id"))
            .order_by("-n", "committee")
            .values_list("committee", flat=True)
            .first()
        ) or Committee.objects.filter(settlement=settlement).values_list("pk", flat=True).first()
        # The named survey with the most answers (a named survey's results show the most:
        # answers per day too), so that both settlements' pages show the same parts.
        responses = Response.objects.filter(settlement=settlement)
        survey = (
            _biggest(responses.filter(survey__anonymous=False), "survey")
            or _biggest(responses, "survey")
            or Survey.objects.filter(settlement=settlement).values_list("pk", flat=True).first()
        )
        plan = (
            Plan.objects.filter(settlement=settlement)
            .order_by("-year", "-pk")
            .values_list("pk", flat=True)
            .first()
        )
        emergency = (
            Emergency.objects.filter(settlement=settlement, ended_at__isnull=True)
            .values_list("pk", flat=True)
            .first()
        )
        event = _biggest(EventRegistration.objects.filter(settlement=settlement), "event") or (
            Event.objects.filter(settlement=settlement).values_list("pk", flat=True).first()
        )
        course = _biggest(ClassRegistration.objects.filter(settlement=settlement), "course") or (
            Course.objects.filter(settlement=settlement).values_list("pk", flat=True).first()
        )
    residents = reverse("residents:list")
    return {
        "home": (reverse("home"), ""),
        "resident list": (residents, ""),
        "resident search": (
            (f"{residents}?{urlencode({'q': surname})}", "") if surname else (None, "no residents")
        ),
        "household list": (reverse("households:list"), ""),
        "committee list": (reverse("committees:list"), ""),
        "committee page": _reverse("committees:detail", committee, "no committee"),
        "meetings": (reverse("committees:meetings"), ""),
        "calendar": (reverse("events:calendar"), ""),
        "classes": (reverse("classes:list"), ""),
        "survey results": _reverse("surveys:results", survey, "no survey"),
        "needs register": (reverse("surveys:needs"), ""),
        "plan page": _reverse("plans:detail", plan, "no plan"),
        "welfare cases": (reverse("welfare:cases"), ""),
        # The board of an open emergency, else the emergency page (none is open).
        "emergency": (
            reverse("welfare:board", kwargs={"pk": emergency})
            if emergency
            else reverse("welfare:emergency"),
            "",
        ),
        # The main exports: the files a coordinator downloads, on the same objects.
        f"{EXPORT}residents": (reverse("residents:export") + "?format=csv", ""),
        f"{EXPORT}plan PDF": _reverse("plans:pdf", plan, "no plan"),
        f"{EXPORT}plan workbook": _reverse("plans:xlsx", plan, "no plan"),
        f"{EXPORT}event sign-ups": _reverse(
            "events:registrations_export", event, "no event", "?format=csv"
        ),
        f"{EXPORT}class participants": _reverse(
            "classes:participants_export", course, "no class", "?format=csv"
        ),
        f"{EXPORT}class reports": (reverse("classes:reports_export") + "?format=csv", ""),
        f"{EXPORT}survey results": _reverse(
            "surveys:results_export", survey, "no survey", "?format=csv"
        ),
    }


def pages_for(world: Any) -> list[Page]:
    """Every page measured, per role, in the world's first big settlement."""
    from committees.models import Committee
    from plans.models import Plan

    settlement = world.settlements[0]
    coordinator = settlement_urls(settlement)
    pages = [
        Page(
            name,
            "coordinator",
            url,
            compare_small=True,
            missing=why,
            export=name.startswith(EXPORT),
        )
        for name, (url, why) in coordinator.items()
    ]
    chair = _user(world, "chair")
    with scopes_disabled():
        chaired = chair.chaired_committees.order_by("pk").values_list("pk", flat=True).first()
        if chaired is None:  # a chair without a committee still has a home page
            chaired = (
                Committee.objects.filter(settlement=settlement).values_list("pk", flat=True).first()
            )
        plan = (
            Plan.objects.filter(settlement=settlement)
            .order_by("-year", "-pk")
            .values_list("pk", flat=True)
            .first()
        )
    plan_url, plan_missing = _reverse("plans:detail", plan, "no plan")
    committee_url, committee_missing = _reverse("committees:detail", chaired, "no committee")
    pages += [
        Page("home", "chair", reverse("home")),
        Page("committee page", "chair", committee_url, missing=committee_missing),
        Page("home", "secretary", reverse("home")),
        Page("plan page", "secretary", plan_url, missing=plan_missing),
        Page("home", "board", reverse("home")),
        Page("plan page", "board", plan_url, missing=plan_missing),
        Page("home", "social_worker", reverse("home")),
        Page("welfare cases", "social_worker", reverse("welfare:cases")),
        Page("home", "emergency", reverse("home")),
        Page("council dashboard", "council_staff", reverse("council:dashboard")),
        Page("competencies council", "council_staff", reverse("competencies:council")),
    ]
    return pages


def _user(world: Any, role: str) -> User:
    return User.objects.get(username=world.accounts[role])


def client_for(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


@contextmanager
def server_rendering() -> Iterator[None]:
    """Templates render as on the server while timing: setup_test_environment replaces
    Template._render with an instrumented one that sends a signal (and the test client
    records a copy of the context) for every template and include rendered, which weighs
    on a page of many includes far more than on the baseline."""
    from django.test import utils

    saved = getattr(getattr(utils._TestState, "saved_data", None), "template_render", None)
    instrumented = Template._render  # type: ignore[attr-defined]
    if saved is None or instrumented is saved:
        yield
        return
    Template._render = saved  # type: ignore[attr-defined]
    try:
        yield
    finally:
        Template._render = instrumented  # type: ignore[attr-defined]


def _timed(client: Client, url: str) -> float:
    started = time.perf_counter()
    client.get(url)
    return (time.perf_counter() - started) * 1000


def measure(
    client: Client,
    *,
    name: str,
    role: str,
    url: str | None,
    runs: int,
    warmups: int,
    missing: str = "",
    baseline_url: str | None = None,
) -> Measure:
    """Warm up, count the queries of one request, then time R requests (in milliseconds,
    the whole request through the middleware as the test client makes it). With
    ``baseline_url``, each timed request is followed by a timed request of the baseline
    page by the same client, the page's own floor."""
    result = Measure(name=name, role=role, url=url or "")
    if url is None:
        result.error = missing or "nothing to show"
        return result
    try:
        with server_rendering():
            for _ in range(warmups):
                client.get(url)
                if baseline_url:
                    client.get(baseline_url)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            result.status = response.status_code
            result.queries = len(queries)
            if response.status_code != 200:
                result.error = f"answered {response.status_code}"
                return result
            gc.collect()
            for _ in range(runs):
                result.times_ms.append(_timed(client, url))
                if baseline_url:
                    result.baseline_times_ms.append(_timed(client, baseline_url))
    except Exception as exc:  # a page that fails is reported, and the run goes on
        result.error = f"{type(exc).__name__}: {exc}"[:300]
    return result


def run(
    *,
    settlements: int,
    residents: int,
    years: int,
    runs: int = 15,
    warmups: int = 2,
    seed: int = 1,
    out: Path | None = Path("bench-results"),
    build: Callable[..., Any] | None = None,
    compare_dashboard: bool = True,
    echo: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Build the data, measure every page and the floors, print the table and the targets,
    write the JSON file (unless out is None) and return what it holds."""
    if build is None:
        from coordinator.scale import scale_build

        build = scale_build
    clock.set_now(None)
    # django-axes logs every login at INFO: the test clients' logins would drown the table.
    logging.getLogger("axes").setLevel(logging.WARNING)
    echo(
        f"Pages on {connection.vendor}: building {settlements} settlements x {residents} "
        f"residents x {years} years (seed {seed})"
    )
    started = time.perf_counter()
    world = build(
        settlements=settlements, residents_per_settlement=residents, years=years, seed=seed
    )
    build_seconds = time.perf_counter() - started
    echo(f"  built in {build_seconds:.1f} s: {world.counts}")
    second = None
    if compare_dashboard and settlements > DASHBOARD_SETTLEMENTS:
        started = time.perf_counter()
        second = build(
            settlements=DASHBOARD_SETTLEMENTS,
            residents_per_settlement=residents,
            years=years,
            seed=seed + 1,
        )
        echo(
            f"  a second council of {DASHBOARD_SETTLEMENTS} settlements built in "
            f"{time.perf_counter() - started:.1f} s"
        )

    clients: dict[str, Client] = {}

    def client(username: str) -> Client:
        if username not in clients:
            clients[username] = client_for(username)
        return clients[username]

    pages: list[Measure] = []
    targets: list[Target] = []
    with override_settings(ROOT_URLCONF="bench.urls"):
        coordinator = client(world.accounts["coordinator"])
        trivial = measure(
            coordinator,
            name="floor: trivial view",
            role="coordinator",
            url=reverse("bench_trivial"),
            runs=runs,
            warmups=warmups,
        )
        baseline = measure(
            coordinator,
            name="floor: baseline page",
            role="coordinator",
            url=reverse("bench_baseline"),
            runs=runs,
            warmups=warmups,
        )
        small_urls = settlement_urls(world.small)
        baseline_url = reverse("bench_baseline")
        for page in pages_for(world):
            echo(f"  {page.role}: {page.name}")
            measured = measure(
                client(world.accounts[page.role]),
                name=page.name,
                role=page.role,
                url=page.url,
                runs=min(runs, EXPORT_RUNS) if page.export else runs,
                warmups=min(warmups, 1) if page.export else warmups,
                missing=page.missing,
                # An export's time is reported only: no floor of its own.
                baseline_url=None if page.export else baseline_url,
            )
            measured.export = page.export
            if page.compare_small and page.name in small_urls:
                url, why = small_urls[page.name]
                # For its queries: a few timed runs are enough.
                measured.small = measure(
                    client(world.accounts["small_coordinator"]),
                    name=page.name,
                    role="small_coordinator",
                    url=url,
                    runs=min(runs, 3),
                    warmups=min(warmups, 1),
                    missing=why,
                )
            pages.append(measured)
            targets += report.page_targets(measured, baseline.median_ms)
        dashboard_5 = None
        if second is not None:
            dashboard_5 = measure(
                client(second.accounts["council_staff"]),
                name="council dashboard",
                role="council_staff",
                url=reverse("council:dashboard"),
                runs=runs,
                warmups=warmups,
            )
            big = next(p for p in pages if p.name == "council dashboard")
            if dashboard_5.error or big.error:
                targets.append(
                    Target(
                        f"council dashboard at {settlements} vs "
                        f"{DASHBOARD_SETTLEMENTS} settlements",
                        "council dashboard (council_staff)",
                        float("nan"),
                        1.5,
                        False,
                        dashboard_5.error or big.error,
                    )
                )
            else:
                targets.append(
                    report.dashboard_target(
                        big.median_ms, settlements, dashboard_5.median_ms, DASHBOARD_SETTLEMENTS
                    )
                )
    if baseline.error or trivial.error:
        targets.insert(
            0,
            Target(
                "floors answer", "floors", float("nan"), 200, False, trivial.error or baseline.error
            ),
        )

    echo("")
    echo(report.table(pages, trivial, baseline, targets))
    now = dt.datetime.now(dt.UTC)  # the file's name: wall time, not the app's clock
    meta: dict[str, Any] = {
        "benchmark": "pages",
        "timestamp": now.isoformat(timespec="seconds"),
        "commit": report.git_commit(),
        "database": connection.vendor,
        "scale": {
            "settlements": settlements,
            "residents_per_settlement": residents,
            "years": years,
            "seed": seed,
        },
        "runs": runs,
        "warmups": warmups,
        "build_seconds": build_seconds,
        "counts": _plain(getattr(world, "counts", {})),
        "dashboard_at_5": None
        if dashboard_5 is None
        else {
            "queries": dashboard_5.queries,
            "median_ms": dashboard_5.median_ms,
            "p95_ms": dashboard_5.p95_ms,
            "error": dashboard_5.error,
        },
    }
    data = report.as_json(
        pages=pages, trivial=trivial, baseline=baseline, targets=targets, meta=meta
    )
    if out is not None:
        path = report.write_json(data, out, now)
        echo(f"\nWritten to {path}")
    missed = sum(1 for target in targets if not target.met)
    echo(
        f"{len(targets) - missed} of {len(targets)} targets met"
        + (f", {missed} NOT MET" if missed else "")
    )
    return data


def _plain(value: Any) -> Any:
    """The world's counts as JSON can hold them."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (int, float, str, bool)) or value is None:
        return value
    return str(value)
