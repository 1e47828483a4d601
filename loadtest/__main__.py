"""``python -m loadtest`` (``make load``): the load test on the production stack.

1. A throw-away PostgreSQL database next to ``DATABASE_URL``'s (``<name>_load``, dropped
   and made again each run), migrated, seeded with ``seed_scale`` (which alone runs with
   ``DEBUG=1``), and prepared by ``loadtest.prepare`` (accounts, survey links).
2. gunicorn with ``--workers`` sync workers on 127.0.0.1 and a free port, with the
   production settings: ``DEBUG`` off, a fresh ``SECRET_KEY`` and ``WELFARE_KEYS``,
   collected static files, two-factor login required, Redis as cache (under a key prefix
   of the run's, ``CACHE_KEY_PREFIX``) and broker (jobs wait in a queue ``loadtest``,
   emptied at the end; no worker runs). ``manage.py check --deploy`` must pass. Production
   puts TLS in front (secure cookies, HSTS, https redirect); here gunicorn terminates TLS
   itself with a certificate made for 127.0.0.1, which the load generator trusts.
3. locust, headless, for ``--duration`` with ``--users`` simulated people, each with a
   budget of ``--requests`` requests (the run ends when all have spent it).
4. The report: throughput, latency percentiles (p50, p95, p99) and errors, in total and per
   kind of user; ``bench-results/load-<time>.csv`` (each request name) and ``.json``.

Exits non-zero if a request failed, the server logged a warning or an error, or a kind of
user made no request. gunicorn is stopped however the run ends.
"""

import argparse
import csv
import datetime as dt
import hashlib
import json
import os
import re
import secrets
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
KINDS = [
    "coordinator",
    "chair",
    "council staff",
    "resident (personal link)",
    "resident (shared link)",
]
# gunicorn's own lines at INFO (booting, workers); anything else in the server's log is a
# warning or an error of the app (the app logs at WARNING and above during the run).
GUNICORN_INFO = re.compile(r"^\[[^\]]+\] \[\d+\] \[(INFO|DEBUG)\] ")


def _env_default(name: str, default: str) -> str:
    return os.environ.get(name) or default


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m loadtest", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--users", type=int, default=int(_env_default("LOAD_USERS", "20")))
    parser.add_argument("--spawn-rate", type=float, default=float(_env_default("LOAD_RATE", "2")))
    parser.add_argument("--duration", default=_env_default("LOAD_DURATION", "60s"))
    parser.add_argument("--workers", type=int, default=int(_env_default("LOAD_WORKERS", "4")))
    parser.add_argument(
        "--requests",
        type=int,
        default=int(_env_default("LOAD_REQUESTS", "300")),
        help="each simulated user's budget of requests",
    )
    parser.add_argument(
        "--scale",
        default=_env_default("LOAD_SCALE", "5 300 1"),
        help='seed_scale\'s settlements, residents per settlement and years: "5 300 1"',
    )
    parser.add_argument(
        "--wait", default=_env_default("LOAD_WAIT", "0.5 2"), help='think time, "min max" s'
    )
    parser.add_argument(
        "--mix",
        default=_env_default("LOAD_MIX", "4 2 1 3 1"),
        help="weights of coordinator, chair, council staff, personal link, shared link",
    )
    parser.add_argument(
        "--static",
        choices=["production", "manifest"],
        default=_env_default("LOAD_STATIC", "production"),
        help="production: whitenoise's compressed manifest storage (collected again only "
        "when the static files change); manifest: hashed names without the precompressed "
        "copies (seconds instead of a minute; the load fetches no static file)",
    )
    parser.add_argument("--database", default="", help="the database to (re)make")
    parser.add_argument(
        "--drop-database", action="store_true", help="drop the database after the run"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results")
    parser.add_argument("--workdir", type=Path, default=ROOT / "var" / "loadtest")
    return parser.parse_args(argv)


def _say(text: str) -> None:
    print(f"[load] {text}", flush=True)


@dataclass
class Job:
    process: subprocess.Popen[bytes]
    what: str
    output: Any
    started: float = field(default_factory=time.monotonic)

    def finish(self) -> None:
        """Wait for the command; on failure show the end of its output and stop the run."""
        code = self.process.wait()
        _say(f"{self.what} ({time.monotonic() - self.started:.1f} s)")
        if code != 0:
            self.output.seek(0)
            sys.stdout.write(self.output.read()[-6000:].decode(errors="replace"))
            raise SystemExit(f"[load] failed: {self.what}")


def _start(command: list[str], env: dict[str, str], what: str) -> Job:
    output = tempfile.TemporaryFile()  # noqa: SIM115  (closed with the process)
    process = subprocess.Popen(  # noqa: S603  (our own commands)
        command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
    )
    return Job(process=process, what=what, output=output)


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    _start(command, env, what).finish()


def _recreate_database(url: str, name: str) -> str:
    """Drop and create ``name`` on the server of ``url``; the URL of the new database."""
    import psycopg
    from psycopg import sql

    _drop_database(url, name)
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _drop_database(url: str, name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def _certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (the load balancer's TLS, on loopback)."""
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    folder.mkdir(parents=True, exist_ok=True)
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    key_path.chmod(0o600)
    return cert_path, key_path


def _static_stamp() -> str:
    """What the collected static files depend on: the project's static folders (names,
    sizes, times) and the locked requirements (the packages' own static files)."""
    digest = hashlib.sha1(usedforsecurity=False)
    digest.update((ROOT / "requirements.txt").read_bytes())
    folders = [ROOT / "static", *sorted(ROOT.glob("*/static"))]
    for folder in folders:
        if folder.is_relative_to(ROOT / "var") or folder.is_relative_to(ROOT / ".venv"):
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                info = path.stat()
                digest.update(
                    f"{path.relative_to(ROOT)}:{info.st_size}:{info.st_mtime_ns}\n".encode()
                )
    return digest.hexdigest()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_ready(url: str, cert: Path, server: subprocess.Popen[bytes], seconds: float) -> None:
    context = ssl.create_default_context(cafile=str(cert))
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("[load] gunicorn exited at start: see its log")
        try:
            with urllib.request.urlopen(url, context=context, timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"[load] gunicorn did not answer {url} within {seconds:.0f} s")


def _stop(server: subprocess.Popen[bytes] | None) -> None:
    if server is None or server.poll() is not None:
        return
    server.send_signal(signal.SIGTERM)  # gunicorn's graceful stop (its workers with it)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def _server_problems(log: Path, start: int) -> list[str]:
    """Lines of the server's log written during the load that are not gunicorn's INFO."""
    with log.open("rb") as file:
        file.seek(start)
        lines = file.read().decode(errors="replace").splitlines()
    return [line for line in lines if line.strip() and not GUNICORN_INFO.match(line)]


def _percentile(times: dict[int, int], count: int, share: float) -> float:
    """Locust's percentile of its response-time buckets (``{ms: requests}``)."""
    wanted = int(count * share)
    processed = 0
    for millis in sorted(times, reverse=True):
        processed += times[millis]
        if count - processed <= wanted:
            return float(millis)
    return 0.0


def _row(method: str, name: str, entries: list[dict[str, Any]], seconds: float) -> dict[str, Any]:
    times: dict[int, int] = {}
    for entry in entries:
        for millis, number in entry["response_times"].items():
            times[int(float(millis))] = times.get(int(float(millis)), 0) + number
    count = sum(entry["num_requests"] for entry in entries)
    return {
        "method": method,
        "name": name,
        "requests": count,
        "failures": sum(entry["num_failures"] for entry in entries),
        "median_ms": _percentile(times, count, 0.5),
        "p95_ms": _percentile(times, count, 0.95),
        "p99_ms": _percentile(times, count, 0.99),
        "average_ms": sum(e["total_response_time"] for e in entries) / count if count else 0.0,
        "max_ms": max(entry["max_response_time"] for entry in entries),
        "rps": count / seconds if seconds > 0 else 0.0,
    }


def _read_stats(path: Path) -> list[dict[str, Any]]:
    """Each request name's figures, then the total ("Aggregated"), from locust's JSON file
    (written when it stops; its CSV files are written every few seconds and can miss the
    last requests)."""
    entries = [e for e in json.loads(path.read_text()) if e["num_requests"]]
    if not entries:
        return []
    # Rates over the whole run: from its first request to its last.
    started = min(entry["start_time"] for entry in entries)
    seconds = max(entry["last_request_timestamp"] or started for entry in entries) - started
    rows = [_row(e["method"], e["name"], [e], seconds) for e in entries]
    rows.sort(key=lambda row: (row["name"], row["method"]))
    rows.append(_row("", "Aggregated", entries, seconds))
    return rows


def _table(rows: list[dict[str, Any]]) -> str:
    width = max(len(f"{r['method']} {r['name']}") for r in rows)
    head = (
        f"{'request':<{width}}  {'count':>6} {'fail':>5} {'req/s':>7}"
        f" {'p50':>6} {'p95':>6} {'p99':>6}"
    )
    lines = [head, "-" * len(head)]
    for r in rows:
        label = r["name"] if r["name"] == "Aggregated" else f"{r['method']} {r['name']}"
        lines.append(
            f"{label:<{width}}  {r['requests']:>6} {r['failures']:>5} {r['rps']:>7.2f}"
            f" {r['median_ms']:>6.0f} {r['p95_ms']:>6.0f} {r['p99_ms']:>6.0f}"
        )
    return "\n".join(lines)


def _on_sigterm(signum: int, _frame: Any) -> None:
    raise SystemExit(128 + signum)


def _prepare_data(
    args: argparse.Namespace,
    env: dict[str, str],
    python: str,
    settlements: str,
    residents: str,
    years: str,
    plan: Path,
) -> None:
    """Migrate, seed (``seed_scale`` alone with ``DEBUG=1``), then the accounts and links."""
    _run([python, "manage.py", "migrate", "--no-input"], env, "migrate")
    _run(
        [
            python,
            "manage.py",
            "seed_scale",
            "--settlements",
            settlements,
            "--residents-per-settlement",
            residents,
            "--years",
            years,
        ],
        {**env, "DEBUG": "1"},
        f"seed_scale {settlements} settlements x {residents} residents x {years} years",
    )
    _run(
        [python, "-m", "loadtest.prepare", "--users", str(args.users), "--out", str(plan)],
        env,
        "accounts and survey links",
    )


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    # A SIGTERM ends the run like Ctrl-C: the finally clauses stop what was started.
    signal.signal(signal.SIGTERM, _on_sigterm)
    database_url = os.environ.get("DATABASE_URL", "")
    redis_url = os.environ.get("REDIS_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://")) or not redis_url:
        print(
            "The load test runs on the production stack: set DATABASE_URL (PostgreSQL; a "
            "database <name>_load is made next to it) and REDIS_URL, e.g.\n"
            "  DATABASE_URL=postgres://app:app@127.0.0.1:5432/app "
            "REDIS_URL=redis://127.0.0.1:6379/0 make load",
            file=sys.stderr,
        )
        return 2
    settlements, residents, years = args.scale.split()
    base_name = urlsplit(database_url).path.lstrip("/")
    name = args.database or f"{base_name}_load"
    work = args.workdir
    work.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")

    _say(f"database {name}")
    load_url = _recreate_database(database_url, name)
    cert, key = _certificate(work / "tls")
    port = _free_port()
    host = f"https://127.0.0.1:{port}"
    from cryptography.fernet import Fernet

    env = {
        **os.environ,
        # The run's own cache keys: its database is new, and the Redis database may be shared.
        "DJANGO_SETTINGS_MODULE": "coordinator.settings",
        "CACHE_KEY_PREFIX": f"load-{stamp}-{secrets.token_hex(4)}",
        "DATABASE_URL": load_url,
        "REDIS_URL": redis_url,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "WELFARE_KEYS": Fernet.generate_key().decode(),
        "VAR_DIR": str(work / f"var-{args.static}"),  # STATIC_ROOT is its staticfiles/
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": host,
        "TWO_FACTOR_REQUIRED": "1",
        "SECURE_SSL_REDIRECT": "1",
        # Jobs the requests record (survey invitations) wait in a queue of their own.
        "CELERY_QUEUE": "loadtest",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }
    for variable in (
        "CLOCK_START",
        "CELERY_TASK_ALWAYS_EAGER",
        "TEMPLATE_STRING_IF_INVALID",
        "STATICFILES_STORAGE",
        "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by the test suite's process, never in production
    ):
        env.pop(variable, None)
    if args.static == "manifest":
        env["STATICFILES_STORAGE"] = "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
    python = str(BIN / "python")
    plan = work / "plan.json"
    # Static files and the deployment check need no database: they run beside migrate.
    static_root = work / f"var-{args.static}" / "staticfiles"
    stamp_file = static_root / ".load-stamp"
    sources = _static_stamp()
    beside = []
    if stamp_file.exists() and stamp_file.read_text() == sources:
        _say("collectstatic: the static files have not changed")
    else:
        stamp_file.unlink(missing_ok=True)
        beside.append(
            _start(
                [python, "manage.py", "collectstatic", "--no-input", "--clear", "-v", "0"],
                env,
                f"collectstatic ({args.static} storage)",
            )
        )
    # `check --deploy` with the server's settings: what the load runs against is production's.
    beside.append(
        _start(
            [python, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
            env,
            "check --deploy",
        )
    )
    try:
        _prepare_data(args, env, python, settlements, residents, years, plan)
        for job in beside:
            job.finish()
    except BaseException:
        for job in beside:
            job.process.kill()
        raise
    stamp_file.write_text(sources)

    log = work / "server.log"
    server = None
    stopped = False

    try:
        with log.open("wb") as log_file:
            _say(f"gunicorn, {args.workers} workers, {host}")
            server = subprocess.Popen(  # noqa: S603
                [
                    str(BIN / "gunicorn"),
                    "coordinator.wsgi",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    str(args.workers),
                    "--timeout",
                    "30",
                    "--certfile",
                    str(cert),
                    "--keyfile",
                    str(key),
                ],
                cwd=ROOT,
                env=env,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        _wait_ready(f"{host}/accounts/login/", cert, server, seconds=60)
        start = log.stat().st_size
        prefix = work / "locust"
        failures_file = work / "failures.json"
        failures_file.unlink(missing_ok=True)
        _say(
            f"locust: {args.users} users (+{args.spawn_rate}/s), {args.duration}, "
            f"{args.requests} requests each at most"
        )
        locust = subprocess.run(  # noqa: S603
            [
                str(BIN / "locust"),
                "-f",
                str(ROOT / "loadtest" / "locustfile.py"),
                "--headless",
                "--host",
                host,
                "--users",
                str(args.users),
                "--spawn-rate",
                str(args.spawn_rate),
                "--run-time",
                args.duration,
                "--stop-timeout",
                "10",
                "--json-file",
                str(prefix),
                "--only-summary",
                "--exit-code-on-error",
                "1",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env={
                **os.environ,
                "LOAD_PLAN": str(plan),
                "LOAD_FAILURES": str(failures_file),
                "LOAD_CA": str(cert),
                "LOAD_REQUESTS": str(args.requests),
                "LOAD_WAIT": args.wait,
                "LOAD_MIX": args.mix,
            },
            check=False,
            capture_output=True,
            text=True,
        )
        (work / "locust.log").write_text(locust.stdout + locust.stderr)
        problems = _server_problems(log, start)
        _stop(server)
        stopped = True
    finally:
        if not stopped:
            _stop(server)
        _forget_queue(redis_url)
        if args.drop_database:
            _drop_database(database_url, name)

    rows = _read_stats(Path(f"{prefix}.json"))
    failures_file = work / "failures.json"
    failure_rows = json.loads(failures_file.read_text()) if failures_file.exists() else []
    total = next((r for r in rows if r["name"] == "Aggregated"), None)
    per_name = [r for r in rows if r["name"] != "Aggregated"]
    kinds = {
        kind: sum(r["requests"] for r in per_name if r["name"].startswith(f"{kind}: "))
        for kind in KINDS
    }
    silent = [kind for kind, count in kinds.items() if count == 0]
    errors = (total["failures"] if total else 0) + len(problems)

    print()
    print(_table(per_name + ([total] if total else [])))
    print()
    print("requests per kind: " + ", ".join(f"{k} {n}" for k, n in kinds.items()))
    if total:
        print(
            f"throughput {total['rps']:.1f} req/s; latency p50 {total['median_ms']:.0f} ms, "
            f"p95 {total['p95_ms']:.0f} ms, p99 {total['p99_ms']:.0f} ms; "
            f"{total['requests']} requests, {total['failures']} failed"
        )
    print(f"server log: {len(problems)} warning or error line(s) ({log})")
    for line in problems[:20]:
        print(f"  {line}")
    for failure in failure_rows[:20]:
        print(f"  failed {failure['count']}x: {failure['request']}: {failure['error']}")
    if locust.returncode not in (0, 1):
        sys.stderr.write(locust.stderr[-4000:])
    print(f"locust's own output: {_shown(work / 'locust.log')}")

    args.out.mkdir(parents=True, exist_ok=True)
    csv_out = args.out / f"load-{stamp}.csv"
    with csv_out.open("w", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]) if rows else ["name"])
        writer.writeheader()
        writer.writerows(rows)
    summary = {
        "when": stamp,
        "parameters": {
            "users": args.users,
            "spawn_rate": args.spawn_rate,
            "duration": args.duration,
            "workers": args.workers,
            "requests_per_user": args.requests,
            "scale": args.scale,
            "wait": args.wait,
            "mix": args.mix,
            "database": "postgresql",
        },
        "total": total,
        "kinds": kinds,
        "requests": per_name,
        "failures": failure_rows,
        "server_problems": problems,
        "errors": errors,
        "locust_exit_code": locust.returncode,
    }
    json_out = args.out / f"load-{stamp}.json"
    json_out.write_text(json.dumps(summary, indent=1))
    print(f"results: {_shown(csv_out)} and {_shown(json_out)}")

    if errors or locust.returncode != 0 or silent or not total:
        why = []
        if errors:
            why.append(f"{errors} error(s)")
        if locust.returncode != 0:
            why.append(f"locust exited with {locust.returncode}")
        if silent:
            why.append("no requests from " + ", ".join(silent))
        print("LOAD TEST FAILED: " + "; ".join(why or ["no results"]))
        return 1
    print("load test passed: no errors")
    return 0


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def _forget_queue(redis_url: str) -> None:
    """The invitation jobs the run queued are nobody's: drop them from Redis."""
    try:
        import redis

        redis.Redis.from_url(redis_url, socket_timeout=2).delete(
            "loadtest", "_kombu.binding.loadtest"
        )
    except Exception as error:  # noqa: BLE001  (tidying only)
        _say(f"could not empty the loadtest queue: {error}")


if __name__ == "__main__":
    sys.exit(main())
