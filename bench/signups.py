"""The crowd at the door (issue 10): 200 sign-ups for an event with 50 places from 20 clients
at once, on PostgreSQL. Target: exactly 50 get a place, the other 150 wait (numbered 1..150
in the order they came), no deadlock, no error.

Three rounds, each on a fresh event, each of which must meet the target:
- service: ``events.services_signups.event_signup``, the function the public page calls;
- page: a POST to the public sign-up page through Django's whole request stack
  (``django.test.Client``);
- live: real HTTP to a live threaded server (a thread and a database connection per
  request), each client loading the form once for its CSRF cookie and token, then posting.
Each client is a thread with its own database connection; all start at one barrier. The
deadlocks counted are the clients' errors and PostgreSQL's own count (pg_stat_database), so
one inside the live server is seen too. Queuing the confirmation message (its outbox row) is
part of each sign-up; sending it is a worker's job and is not measured here. The clients and
the server share one Python process (and its GIL): the rates are a floor, not a capacity.

Writes bench-results/signups-<time>.json; the exit status is 1 when the target is missed.
On SQLite (one writer at a time, no row locks) the target is not run, and so not met.
"""

import datetime as dt
import json
import re
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, HTTPRedirectHandler, Request, build_opener

from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.db import connection
from django.test import Client, override_settings
from django.test.testcases import LiveServerThread
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from coordinator import clock
from events import services_signups as services
from events.models import Event, EventRegistration
from events.models_signups import SignupStatus
from events.selectors_signups import waiting_place
from events.signups import ContactData
from messaging import services as messaging
from tests import factories

from . import report

CLIENTS, SIGNUPS, PLACES = 20, 200, 50
TARGET = (
    "200 sign-ups for 50 places from 20 concurrent clients on PostgreSQL: exactly 50 "
    "confirmed, the rest wait-listed, no deadlock, no error"
)
DEADLOCK, SERIALIZATION = "40P01", "40001"


@dataclass
class Round:
    """One crowd: what the clients were told and what the database holds after."""

    name: str
    clients: int
    signups: int
    places: int
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    outcomes: dict[str, int] = field(default_factory=dict)  # what each attempt answered
    errors: list[str] = field(default_factory=list)
    deadlocks: int = 0
    serialization_failures: int = 0
    confirmed: int = 0  # rows in the database
    seats_confirmed: int = 0
    waiting: int = 0
    positions_ok: bool = False  # the waiting list is 1..N in the order they came
    first_come_first_served: bool = False  # every place went before anyone waited
    queries_per_signup: int = 0  # one more sign-up after the round (to the waiting list)

    @property
    def per_second(self) -> float:
        return self.signups / self.seconds if self.seconds else 0.0

    @property
    def met(self) -> bool:
        return (
            self.confirmed == self.places
            and self.seats_confirmed == self.places
            and self.waiting == self.signups - self.places
            and not self.errors
            and not self.deadlocks
            and not self.serialization_failures
            and self.positions_ok
            and self.first_come_first_served
        )

    def as_json(self) -> dict[str, Any]:
        return asdict(self) | {
            "signups_per_second": self.per_second,
            "median_ms": _percentile(self.latencies_ms, 50),
            "p95_ms": _percentile(self.latencies_ms, 95),
            "met": self.met,
        }


def _percentile(values: list[float], pct: float) -> float:
    return report.percentile(values, pct) if values else 0.0


def sqlstate(error: BaseException) -> str:
    """The PostgreSQL error code behind ``error`` (Django wraps psycopg's), else ""."""
    seen: BaseException | None = error
    while seen is not None:
        code = getattr(seen, "sqlstate", None) or getattr(seen, "pgcode", None)
        if code:
            return str(code)
        seen = seen.__cause__ or seen.__context__
    return ""


def server_deadlocks() -> int:
    """The deadlocks PostgreSQL has counted in this database so far (any connection's, the
    live server's included)."""
    time.sleep(1.2)  # backends report their counts at least once a second
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()")
        row = cursor.fetchone()
    return int(row[0] or 0) if row else 0


def crowd(
    clients: int,
    each: int,
    attempt: Callable[[int, int], str],
    prepare: Callable[[int], None] | None = None,
) -> Round:
    """``clients`` threads, each with its own connection, each making ``each`` attempts one
    after another; all start at once (after ``prepare``, untimed, if given). Fills in the
    outcomes, errors, deadlocks and times."""
    result = Round(name="", clients=clients, signups=clients * each, places=0)
    barrier = threading.Barrier(clients + 1)
    lock = threading.Lock()
    outcomes: Counter[str] = Counter()
    deadlocks_before = server_deadlocks()

    def client(number: int) -> None:
        ready = True
        try:
            if prepare is not None:
                try:
                    prepare(number)
                except Exception as error:  # this client cannot start: all its tries fail
                    ready = False
                    with lock:
                        result.errors.append(f"{type(error).__name__}: {error}"[:300])
                        outcomes["error"] += each
            barrier.wait(timeout=60)
            for n in range(each if ready else 0):
                started = time.perf_counter()
                try:
                    outcome = attempt(number, n)
                except Exception as error:  # counted and reported; the client goes on
                    code = sqlstate(error)
                    with lock:
                        result.deadlocks += code == DEADLOCK
                        result.serialization_failures += code == SERIALIZATION
                        result.errors.append(f"{type(error).__name__}: {error}"[:300])
                        outcomes["error"] += 1
                    continue
                finally:
                    elapsed = (time.perf_counter() - started) * 1000
                    with lock:
                        result.latencies_ms.append(elapsed)
                with lock:
                    outcomes[outcome] += 1
        finally:
            connection.close()

    threads = [threading.Thread(target=client, args=(number,)) for number in range(clients)]
    for thread in threads:
        thread.start()
    barrier.wait(timeout=60)
    started = time.perf_counter()
    for thread in threads:
        thread.join(timeout=300)
    result.seconds = time.perf_counter() - started
    if any(thread.is_alive() for thread in threads):
        result.errors.append("a client hung (more than 300 s)")
    result.outcomes = dict(outcomes)
    # A deadlock inside the live server reaches its client only as an error page.
    result.deadlocks = max(result.deadlocks, server_deadlocks() - deadlocks_before)
    return result


def _event() -> Event:
    """A published event a week from now with ``PLACES`` places open for sign-up."""
    settlement = factories.SettlementFactory.create(language="en")
    committee = factories.CommitteeFactory.create(settlement=settlement)
    starts = clock.now() + dt.timedelta(days=7)
    return factories.EventFactory.create(
        committee=committee,
        signup_open=True,
        capacity=PLACES,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
    )


def _check(result: Round, event: Event) -> None:
    """What the database holds after the round."""
    with scopes_disabled():
        rows = list(EventRegistration.objects.filter(event=event).order_by("pk"))
        confirmed = [row for row in rows if row.status == SignupStatus.CONFIRMED]
        waiting = [row for row in rows if row.status == SignupStatus.WAITING]
        result.confirmed = len(confirmed)
        result.seats_confirmed = sum(row.seats for row in confirmed)
        result.waiting = len(waiting)
        # pk order is the order the event's lock let them in.
        result.positions_ok = [waiting_place(row) for row in waiting] == list(
            range(1, len(waiting) + 1)
        )
        result.first_come_first_served = bool(confirmed) and (
            not waiting or max(row.pk for row in confirmed) < min(row.pk for row in waiting)
        )


def service_round(clients: int, each: int) -> Round:
    event = _event()

    def attempt(number: int, n: int) -> str:
        who = f"s{number}-{n}"
        with scope(settlement=event.settlement_id):
            row, _token = services.event_signup(
                event=event, contact=ContactData(name=who, email=f"{who}@example.org"), seats=1
            )
        return str(row.status)

    result = crowd(clients, each, attempt)
    result.name, result.places = "service", PLACES
    _check(result, event)
    with CaptureQueriesContext(connection) as queries:
        attempt(clients, 0)
    result.queries_per_signup = len(queries)
    return result


def _post(name: str) -> dict[str, str]:
    return {"name": name, "email": f"{name}@example.org", "seats": "1", "website": ""}


def page_round(clients: int, each: int) -> Round:
    """Through the public sign-up page: Django's whole request stack, in the client's
    thread (``django.test.Client``)."""
    event = _event()
    url = reverse("calendar:event_signup", kwargs={"slug": event.settlement.slug, "pk": event.pk})
    local = threading.local()

    def prepare(number: int) -> None:
        local.client = Client()

    def attempt(number: int, n: int) -> str:
        response = local.client.post(url, _post(f"p{number}-{n}"))
        if response.status_code != 302:
            raise RuntimeError(f"the sign-up page answered {response.status_code}")
        return "signed up (302)"

    result = crowd(clients, each, attempt, prepare)
    result.name, result.places = "page", PLACES
    _check(result, event)
    prepare(clients)
    with CaptureQueriesContext(connection) as queries:
        attempt(clients, 0)
    result.queries_per_signup = len(queries)
    return result


class _NoRedirect(HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # the 302 after a sign-up is the answer


CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def live_round(clients: int, each: int) -> Round:
    """Over HTTP to a live server (Django's threaded test server: a thread and a database
    connection per request), as browsers do: each client loads the form once (its CSRF
    cookie and token), then posts its sign-ups."""
    event = _event()
    path = reverse("calendar:event_signup", kwargs={"slug": event.settlement.slug, "pk": event.pk})
    server = LiveServerThread("127.0.0.1", StaticFilesHandler)
    server.daemon = True
    local = threading.local()
    with override_settings(ALLOWED_HOSTS=["127.0.0.1"]):
        server.start()
        server.is_ready.wait(timeout=30)
        if server.error:
            raise server.error
        url = f"http://127.0.0.1:{server.port}{path}"

        def prepare(number: int) -> None:
            local.opener = build_opener(HTTPCookieProcessor(CookieJar()), _NoRedirect())
            with local.opener.open(url, timeout=60) as response:  # noqa: S310 (our server)
                found = CSRF_FIELD.search(response.read().decode())
            if found is None:
                raise RuntimeError("the sign-up form has no CSRF token")
            local.token = found.group(1)

        def attempt(number: int, n: int) -> str:
            data = _post(f"l{number}-{n}") | {"csrfmiddlewaretoken": local.token}
            request = Request(url, data=urlencode(data).encode(), method="POST")  # noqa: S310
            try:
                with local.opener.open(request, timeout=60) as response:
                    status = response.status
            except HTTPError as error:
                status = error.code
            if status != 302:
                raise RuntimeError(f"the live server answered {status}")
            return "signed up (302)"

        try:
            result = crowd(clients, each, attempt, prepare)
        finally:
            server.terminate()
    result.name, result.places = "live", PLACES
    _check(result, event)
    return result


def table(rounds: list[Round]) -> str:
    lines = [
        f"{'round':<8} {'clients':>7} {'sign-ups':>8} {'confirmed':>9} {'waiting':>7} "
        f"{'errors':>6} {'deadlocks':>9} {'seconds':>7} {'per s':>6} {'p50 ms':>7} "
        f"{'p95 ms':>7} {'queries':>7}  verdict"
    ]
    for r in rounds:
        lines.append(
            f"{r.name:<8} {r.clients:>7} {r.signups:>8} {r.confirmed:>9} {r.waiting:>7} "
            f"{len(r.errors):>6} {r.deadlocks:>9} {r.seconds:>7.2f} {r.per_second:>6.1f} "
            f"{_percentile(r.latencies_ms, 50):>7.1f} {_percentile(r.latencies_ms, 95):>7.1f} "
            f"{r.queries_per_signup or '-':>7}"
            f"  {'met' if r.met else 'NOT MET'}"
        )
        if not r.positions_ok or not r.first_come_first_served:
            lines.append(
                f"         waiting list 1..{r.waiting} in order: {r.positions_ok}; "
                f"places before the waiting list: {r.first_come_first_served}"
            )
        for error in sorted(set(r.errors))[:5]:
            lines.append(f"         error: {error}")
    return "\n".join(lines)


def write_json(data: dict[str, Any], directory: Path, now: dt.datetime) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"signups-{now.strftime('%Y%m%dT%H%M%SZ')}.json"
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return path


def run(
    *,
    out: Path,
    clients: int = CLIENTS,
    signups: int = SIGNUPS,
    echo: Callable[[str], None] = print,
) -> dict[str, Any]:
    """The three rounds; prints the table and the target, writes the JSON file, returns it."""
    clock.set_now(None)
    now = dt.datetime.now(dt.UTC)
    meta = {
        "benchmark": "signups",
        "started": now.isoformat(),
        "commit": report.git_commit(),
        "database": connection.vendor,
        "clients": clients,
        "signups": signups,
        "places": PLACES,
        "target": TARGET,
    }
    echo(f"Sign-ups: {signups} for {PLACES} places from {clients} clients at once")
    if connection.vendor != "postgresql":
        echo(
            f"  NOT MET  {TARGET}  (not run: it needs PostgreSQL, set DATABASE_URL; "
            f"{connection.vendor} has no row locks and one writer at a time)"
        )
        data = meta | {"rounds": [], "met": False, "not_run": "needs PostgreSQL"}
        echo(f"  written to {write_json(data, out, now)}")
        return data
    each = -(-signups // clients)
    sender = messaging.send_soon
    # Sending is a worker's job, not the sign-up's: the outbox row is queued, not sent.
    messaging.send_soon = lambda settlement_id: None
    try:
        rounds = [
            service_round(clients, each),
            page_round(clients, each),
            live_round(clients, each),
        ]
    finally:
        messaging.send_soon = sender
    met = all(r.met for r in rounds)
    echo(table(rounds))
    echo(f"  {'met' if met else 'NOT MET':<8} {TARGET}")
    data = meta | {"rounds": [r.as_json() for r in rounds], "met": met}
    echo(f"  written to {write_json(data, out, now)}")
    return data
