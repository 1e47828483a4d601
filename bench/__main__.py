"""``make bench``: the benchmarks. Not tests: they report numbers, and CI does not run them.

Each benchmark builds its data in a throw-away test database (SQLite by default, PostgreSQL
with DATABASE_URL) and prints what it measured. The jobs (dispatch, classes, plans) take the
sizes as arguments; the pages take ``--scale "SETTLEMENTS RESIDENTS YEARS"`` and write their
results to bench-results/pages-<time>.json. The exit status is 1 when a page target is missed.

    python -m bench                                  # everything at the default sizes
    python -m bench --only pages --scale "5 200 1"   # the pages on a quick, small data set
"""

import argparse
import os
import sys
from pathlib import Path

DEFAULT_SCALE = "50 1500 3"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument(
        "sizes",
        nargs="*",
        type=int,
        default=[2000, 10000],
        help="residents per job benchmark (default: 2000 10000)",
    )
    parser.add_argument("--only", choices=["all", "jobs", "pages"], default="all")
    parser.add_argument(
        "--scale",
        default=os.environ.get("BENCH_SCALE") or DEFAULT_SCALE,
        help=f'pages: "SETTLEMENTS RESIDENTS YEARS" (default "{DEFAULT_SCALE}")',
    )
    parser.add_argument("--runs", type=int, default=15, help="pages: timed runs of each page")
    parser.add_argument("--warmups", type=int, default=2, help="pages: untimed runs first")
    parser.add_argument("--seed", type=int, default=1, help="pages: the generator's seed")
    parser.add_argument(
        "--out", type=Path, default=Path("bench-results"), help="pages: where the JSON file goes"
    )
    args = parser.parse_args(argv)
    try:
        settlements, residents, years = (int(part) for part in args.scale.split())
    except ValueError:
        parser.error(f'--scale wants three numbers, "SETTLEMENTS RESIDENTS YEARS": {args.scale!r}')
    args.settlements, args.residents, args.years = settlements, residents, years
    return args


def main() -> None:
    args = parse_args(sys.argv[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import get_runner, setup_test_environment

    from . import classes, dispatch, pages, plans

    setup_test_environment()
    runner = get_runner(settings)(verbosity=0)
    databases = runner.setup_databases()
    met = True
    try:
        if args.only in ("all", "jobs"):
            dispatch.run(sizes=args.sizes)
            classes.run(sizes=args.sizes)
            plans.run(sizes=args.sizes)
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
            met = result["met"]
    finally:
        runner.teardown_databases(databases)
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()
