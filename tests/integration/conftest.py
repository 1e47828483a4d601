"""A real Celery worker in a separate process, on the real broker.

With ``REDIS_URL`` set (CI) the worker and the test share Redis; the embedded default
(kombu's filesystem transport) is tested too, so a bare machine exercises a real worker
as well. Each test run gets a queue of its own, so nothing stale is picked up."""

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings

from coordinator.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[2]


def reset_connections() -> None:
    """Drop the app's cached broker connections so the next publish uses the new config."""
    celery_app._pool = None  # type: ignore[attr-defined]
    celery_app.amqp._producer_pool = None  # type: ignore[attr-defined]


@dataclass
class Worker:
    queue: str
    mail_dir: Path
    log: Path

    def mails(self) -> list[str]:
        return [p.read_text(errors="replace") for p in sorted(self.mail_dir.glob("*"))]

    def wait_for_mail(self, text: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(text in mail for mail in self.mails()):
                return
            time.sleep(0.2)
        raise AssertionError(
            f"No mail with {text!r} after {timeout}s. Worker log:\n{self.log.read_text()[-4000:]}"
        )


def broker_params() -> list:
    redis = pytest.param(
        "redis",
        marks=pytest.mark.skipif(
            not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set: no Redis to test against"
        ),
    )
    return [redis, "filesystem"]


@pytest.fixture(params=broker_params())
def worker(request, tmp_path) -> Iterator[Worker]:
    """Start ``celery worker`` as a subprocess on the chosen broker and stop it after."""
    broker = request.param
    queue = f"itest-{uuid.uuid4().hex[:10]}"
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    log = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "coordinator.settings",
        "DEBUG": "0",
        "SECRET_KEY": settings.SECRET_KEY,
        "VAR_DIR": str(settings.VAR_DIR),  # the filesystem broker's folders live here
        "EMAIL_FILE_PATH": str(mail_dir),
        "CELERY_TASK_ALWAYS_EAGER": "0",
    }
    if broker == "filesystem":
        env.pop("REDIS_URL", None)
    conf = celery_app.conf
    saved = {
        key: conf[key]
        for key in (
            "task_always_eager",
            "task_default_queue",
            "broker_url",
            "broker_transport_options",
        )
    }
    conf.task_always_eager = False
    conf.task_default_queue = queue
    if broker == "filesystem":
        folders = settings.CELERY_QUEUE_DIR
        conf["broker_url"] = "filesystem://localhost//"
        conf["broker_transport_options"] = {
            "data_folder_in": str(folders / "queue"),
            "data_folder_out": str(folders / "queue"),
            "control_folder": str(folders / "control"),
            "store_processed": False,
            "polling_interval": 0.1,
        }
    reset_connections()
    pidfile = tmp_path / "worker.pid"
    with log.open("w") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "coordinator",
                "worker",
                "--pool=solo",
                "-Q",
                queue,
                "--pidfile",
                str(pidfile),
                "--loglevel=INFO",
                "--without-mingle",
                "--without-gossip",
                "--without-heartbeat",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while "ready." not in log.read_text():
            assert process.poll() is None, f"worker died:\n{log.read_text()}"
            assert time.monotonic() < deadline, f"worker not ready:\n{log.read_text()}"
            time.sleep(0.2)
        yield Worker(queue=queue, mail_dir=mail_dir, log=log)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        for key, value in saved.items():
            conf[key] = value
        reset_connections()
