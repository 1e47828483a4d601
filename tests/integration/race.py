"""Jobs run at the same moment, each in a thread with its own database connection: the
concurrency tests' one tool."""

import threading
from collections.abc import Callable
from typing import Any

from django.db import connection
from django_scopes import scope


def race(settlement_id: int, *jobs: Callable[[], Any]) -> list[Any]:
    """Run ``jobs`` at once, each in a thread with its own database connection; their
    results in order (an exception is a result too, and fails the caller's checks)."""
    barrier = threading.Barrier(len(jobs))
    results: list[Any] = [None] * len(jobs)

    def run(index: int, job: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=10)
            with scope(settlement=settlement_id):
                results[index] = job()
        except Exception as error:  # reported to the test through the results
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n, job)) for n, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "a thread hung"
    return results
