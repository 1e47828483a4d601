"""Real Celery workers in separate processes, on the real broker and the test database.

The worker reads the outbox rows the test commits, so these tests need a database that two
processes can share: PostgreSQL (``DATABASE_URL``). They run on Redis (``REDIS_URL``) and
on the embedded filesystem broker. Each worker gets a queue of its own, so nothing stale is
picked up. On a bare machine they skip, saying why; under CI=true a skip fails the run."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from coordinator.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[2]
NEEDS_POSTGRES = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="DATABASE_URL is not PostgreSQL: the worker cannot share the test database",
)
NEEDS_REDIS = pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set: no Redis to test against"
)
# Short enough that a killed worker's message comes back, and its claim expires, in seconds.
FAST_RECOVERY = {
    "CELERY_VISIBILITY_TIMEOUT": "4",
    "CELERY_RESTORE_INTERVAL": "1",
    "OUTBOX_LEASE_SECONDS": "2",
    "OUTBOX_RETRY_SECONDS": "0.2",
}


def filesystem_options() -> dict:
    folders = settings.CELERY_QUEUE_DIR
    return {
        "data_folder_in": str(folders / "queue"),
        "data_folder_out": str(folders / "queue"),
        "control_folder": str(folders / "control"),
        "store_processed": False,
        "polling_interval": 0.1,
    }


def reset_connections() -> None:
    """Drop the app's cached broker connections so the next publish uses the new config."""
    celery_app._pool = None  # type: ignore[attr-defined]
    celery_app.amqp._producer_pool = None  # type: ignore[attr-defined]


def database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@dataclass
class Worker:
    process: subprocess.Popen
    log: Path

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while "ready." not in self.log.read_text():
            assert self.process.poll() is None, f"worker died:\n{self.log.read_text()}"
            assert time.monotonic() < deadline, f"worker not ready:\n{self.log.read_text()}"
            time.sleep(0.2)

    def kill(self) -> None:
        """SIGKILL: the worker dies mid-task, with no chance to acknowledge or clean up."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()


@dataclass
class Cluster:
    """The test's side of the broker, and the workers it started."""

    tmp: Path
    broker: str
    queue: str = field(default_factory=lambda: f"itest-{uuid.uuid4().hex[:10]}")
    workers: list[Worker] = field(default_factory=list)
    mail_dir: Path = field(init=False)

    def __post_init__(self) -> None:
        self.mail_dir = self.tmp / "mail"
        self.mail_dir.mkdir(exist_ok=True)

    def start_worker(self, **env: str) -> Worker:
        log = self.tmp / f"worker-{len(self.workers)}.log"
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "coordinator.settings",
            "DEBUG": "0",
            "SECRET_KEY": settings.SECRET_KEY,
            "VAR_DIR": str(settings.VAR_DIR),  # the filesystem broker's folders live here
            "EMAIL_FILE_PATH": str(self.mail_dir),
            "DATABASE_URL": database_url(),
            "CELERY_TASK_ALWAYS_EAGER": "0",
            "CELERY_QUEUE": self.queue,  # what the worker itself sends goes to its queue
            **env,
        }
        environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        if self.broker == "filesystem":
            environment.pop("REDIS_URL", None)
        else:
            environment["REDIS_URL"] = self.broker
        with log.open("w") as out:
            process = subprocess.Popen(  # noqa: S603
                [
                    sys.executable, "-m", "celery", "-A", "coordinator", "worker",
                    "--pool=solo", "-Q", self.queue, "--loglevel=INFO",
                    "--without-mingle", "--without-gossip", "--without-heartbeat",
                ],
                cwd=ROOT, env=environment, stdout=out, stderr=subprocess.STDOUT,
            )  # fmt: skip
        worker = Worker(process, log)
        self.workers.append(worker)
        worker.wait_ready()
        return worker

    def mails(self) -> list[str]:
        return [p.read_text(errors="replace") for p in sorted(self.mail_dir.glob("*"))]

    def logs(self) -> str:
        return "\n".join(w.log.read_text()[-3000:] for w in self.workers)

    def wait_for(self, condition: Callable[[], bool], what: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return
            time.sleep(0.2)
        raise AssertionError(f"{what}: not within {timeout}s. Worker logs:\n{self.logs()}")


def use_broker(broker: str, queue: str) -> None:
    """Point the test process's Celery app at ``broker`` and ``queue``, not eager."""
    conf = celery_app.conf
    conf.task_always_eager = False
    conf.task_default_queue = queue
    if broker == "filesystem":
        conf["broker_url"] = "filesystem://localhost//"
        conf["broker_transport_options"] = filesystem_options()
    else:
        conf["broker_url"] = broker
        conf["broker_transport_options"] = dict(settings.CELERY_BROKER_TRANSPORT_OPTIONS)
    reset_connections()


@pytest.fixture
def cluster_for(tmp_path) -> Iterator[Callable[[str], Cluster]]:
    conf = celery_app.conf
    keys = ("task_always_eager", "task_default_queue", "broker_url", "broker_transport_options")
    saved = {key: conf[key] for key in keys}
    clusters: list[Cluster] = []

    def make(broker: str) -> Cluster:
        cluster = Cluster(tmp=tmp_path, broker=broker)
        use_broker(broker, cluster.queue)
        clusters.append(cluster)
        return cluster

    yield make
    for cluster in clusters:
        for worker in cluster.workers:
            worker.stop()
    for key, value in saved.items():
        conf[key] = value
    reset_connections()


def broker_params() -> list:
    return [pytest.param("redis", marks=NEEDS_REDIS), "filesystem"]


@pytest.fixture(params=broker_params())
def cluster(request, cluster_for) -> Cluster:
    """One worker on Redis, and again on the embedded filesystem broker."""
    broker = os.environ["REDIS_URL"] if request.param == "redis" else "filesystem"
    made = cluster_for(broker)
    made.start_worker()
    return made


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class PrivateRedis:
    """A Redis server of the test's own, so stopping it disturbs nothing else."""

    port: int
    tmp: Path
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603
            [shutil.which("redis-server") or "redis-server", "--port", str(self.port),
             "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(self.tmp)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise AssertionError("redis-server did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture
def private_redis(tmp_path) -> Iterator[PrivateRedis]:
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    server = PrivateRedis(port=free_port(), tmp=tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A server that accepts connections and never answers: a hung broker."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"redis://127.0.0.1:{listener.getsockname()[1]}/0"
    stop.set()
    thread.join(timeout=2)
    for connection_ in accepted:
        connection_.close()
    listener.close()
