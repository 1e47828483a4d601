"""``make bench``: the benchmarks. Not tests: they report numbers, and CI does not run them.

Each benchmark builds its data in a throw-away test database (SQLite by default, PostgreSQL
with DATABASE_URL) and prints what it measured."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import get_runner, setup_test_environment

    from . import classes, dispatch, plans

    setup_test_environment()
    runner = get_runner(settings)(verbosity=0)
    databases = runner.setup_databases()
    try:
        sizes = [int(size) for size in sys.argv[1:]] or [2000, 10000]
        dispatch.run(sizes=sizes)
        classes.run(sizes=sizes)
        plans.run(sizes=sizes)
    finally:
        runner.teardown_databases(databases)


if __name__ == "__main__":
    main()
