"""Under CI=true a skipped test is a failure: CI has every service, so nothing may skip.

On a bare machine the tests that need PostgreSQL, Redis or Chromium skip with a reason
(shown by ``-ra``); in CI the same skip turns the run red."""

import os

import pytest

_skipped: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[-1] if isinstance(report.longrepr, tuple) else ""
        _skipped.append(f"{report.nodeid}: {reason}")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if os.environ.get("CI") == "true" and _skipped:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # noqa: ANN001
    if os.environ.get("CI") == "true" and _skipped:
        terminalreporter.section("skipped under CI=true: the run fails", red=True)
        for line in _skipped:
            terminalreporter.line(line)
