"""DEBUG is the one switch: off, the app needs a SECRET_KEY and passes Django's deploy check."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    clean["DJANGO_SETTINGS_MODULE"] = "coordinator.settings"
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = manage("check", DEBUG="0", VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_the_welfare_keys(tmp_path):
    result = manage(
        "check",
        DEBUG="0",
        SECRET_KEY="a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
        WELFARE_KEYS="",
        VAR_DIR=str(tmp_path),
    )
    assert result.returncode != 0
    assert "WELFARE_KEYS must be set" in result.stderr


def test_the_demo_makes_its_own_welfare_key_once(tmp_path):
    for _ in range(2):
        result = manage("check", DEBUG="1", WELFARE_KEYS="", VAR_DIR=str(tmp_path))
        assert result.returncode == 0, result.stderr
    key = tmp_path / "welfare.key"
    assert len(key.read_text().strip()) == 44 and oct(key.stat().st_mode)[-3:] == "600"


def test_production_settings_pass_the_deploy_check(tmp_path):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
        VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_demo_runs_without_any_variable(tmp_path):
    result = manage("check", DEBUG="1", VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
