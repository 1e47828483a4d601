"""``make bench``: the benchmarks. Not tests: they report numbers, and CI does not run them.

Each benchmark builds its data in a throw-away test database (SQLite by default, PostgreSQL
with DATABASE_URL) and prints what it measured. The jobs (survey dispatch, reminders,
digests; bench/jobs.py) take the sizes as arguments and write bench-results/jobs-<time>.json;
the pages take ``--scale "SETTLEMENTS RESIDENTS YEARS"`` and write their results to
bench-results/pages-<time>.json. The exit status is 1 when a target is missed.

    python -m bench                                  # everything at the default sizes
    python -m bench --only pages --scale "5 200 1"   # the pages on a quick, small data set
    python -m bench --only jobs 100 1000             # the jobs, smaller (targets unchecked)
    python -m bench --only signups                   # 200 sign-ups, 50 places, 20 clients
    python -m bench --only search --search-scale "10 1500 15"  # the resident search, smaller
"""

import argparse
import os
import sys
from pathlib import Path

DEFAULT_SCALE = "50 1500 3"
DEFAULT_SEARCH_SCALE = "160 1500 15"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument(
        "sizes",
        nargs="*",
        type=int,
        default=[1000, 10000],
        help="jobs: people each job writes to (default: 1000 10000, where issue 10's dispatch "
        "targets are checked)",
    )
    parser.add_argument(
        "--only", choices=["all", "jobs", "pages", "signups", "search"], default="all"
    )
    parser.add_argument(
        "--search-scale",
        default=os.environ.get("BENCH_SEARCH_SCALE") or DEFAULT_SEARCH_SCALE,
        help='search: "SETTLEMENTS RESIDENTS SMALL_RESIDENTS" per settlement, the big and the '
        f'small council (default "{DEFAULT_SEARCH_SCALE}")',
    )
    parser.add_argument(
        "--search-all-apps",
        action="store_true",
        help="search: build every app's data too, not only the core",
    )
    parser.add_argument(
        "--scale",
        default=os.environ.get("BENCH_SCALE") or DEFAULT_SCALE,
        help=f'pages: "SETTLEMENTS RESIDENTS YEARS" (default "{DEFAULT_SCALE}")',
    )
    parser.add_argument("--runs", type=int, default=15, help="pages: timed runs of each page")
    parser.add_argument("--warmups", type=int, default=2, help="pages: untimed runs first")
    parser.add_argument("--seed", type=int, default=1, help="pages: the generator's seed")
    parser.add_argument(
        "--job-runs", type=int, default=3, help="jobs: timed runs of planning a dispatch"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("bench-results"),
        help="pages, signups: where the JSON files go",
    )
    args = parser.parse_args(argv)
    try:
        settlements, residents, years = (int(part) for part in args.scale.split())
    except ValueError:
        parser.error(f'--scale wants three numbers, "SETTLEMENTS RESIDENTS YEARS": {args.scale!r}')
    args.settlements, args.residents, args.years = settlements, residents, years
    try:
        args.search_settlements, args.search_residents, args.search_small = (
            int(part) for part in args.search_scale.split()
        )
    except ValueError:
        parser.error(
            '--search-scale wants three numbers, "SETTLEMENTS RESIDENTS SMALL_RESIDENTS": '
            f"{args.search_scale!r}"
        )
    return args


def main() -> None:
    args = parse_args(sys.argv[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import get_runner, setup_test_environment

    from . import jobs, pages, search, signups

    setup_test_environment()
    runner = get_runner(settings)(verbosity=0)
    databases = runner.setup_databases()
    met = True
    try:
        if args.only in ("all", "jobs"):
            met = jobs.run(sizes=args.sizes, out=args.out, runs=args.job_runs) and met
        if args.only in ("all", "pages"):
            result = pages.run(
                settlements=args.settlements,
                residents=args.residents,
                years=args.years,
                runs=args.runs,
                warmups=args.warmups,
                seed=args.seed,
                out=args.out,
            )
            met = result["met"] and met
        if args.only in ("all", "signups"):
            met = signups.run(out=args.out)["met"] and met
        if args.only in ("all", "search"):
            met = (
                search.run(
                    settlements=args.search_settlements,
                    residents=args.search_residents,
                    small_residents=args.search_small,
                    runs=args.runs,
                    warmups=args.warmups,
                    seed=args.seed,
                    all_apps=args.search_all_apps,
                    out=args.out,
                )["met"]
                and met
            )
    finally:
        runner.teardown_databases(databases)
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()
