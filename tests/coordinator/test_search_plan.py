"""The resident search at scale (issue 10): on PostgreSQL, the real planner reads the
resident table of one settlement through an index, never the whole table, and the
household's name is matched among the settlement's households, not by reading every
household of the council. And the search benchmark's harness (bench/search.py), on a tiny
council.

The plan tests build 40 settlements of 150 residents (6,000 rows, enough that reading the
whole table costs the planner more than the index; a tiny table may rightly be read whole)
with ``bulk_create`` and refresh the statistics with ``ANALYZE``, as autovacuum would."""

import datetime as dt
import json
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from bench import search
from bench.__main__ import parse_args
from coordinator.models import Household, Resident, Settlement
from tests.integration.conftest import NEEDS_POSTGRES

SETTLEMENTS = 40
PER_SETTLEMENT = 150
SURNAMES = [
    "Novak", "Horvat", "Kovač", "Krajnc", "Zupan", "Cohen", "Levi", "Mizrahi", "Peretz",
    "Biton", "Smith", "Jones", "Taylor", "Brown", "Wilson", "Evans", "Thomas", "Walker",
    "Kos", "Vidmar",
]  # fmt: skip
FIRST_NAMES = [
    "Ana", "Boris", "Cvetka", "Darko", "Eva", "Franc", "Gaja", "Hana", "Igor", "Jana",
    "Noa", "Yael", "Tamar", "Avi", "Dana", "Alice", "Ben", "Chloe", "Daniel", "Ella",
]  # fmt: skip


def populate(home: Settlement) -> None:
    """``SETTLEMENTS`` settlements of the home council (the home one first) with
    ``PER_SETTLEMENT`` residents each, three to a household named after its surname."""
    with scopes_disabled():
        others = Settlement.objects.bulk_create(
            Settlement(
                council=home.council, name=f"Village {n}", slug=f"village-{n}", language="en"
            )
            for n in range(SETTLEMENTS - 1)
        )
        for settlement in [home, *others]:
            households = Household.objects.bulk_create(
                Household(
                    settlement=settlement,
                    name=f"The {SURNAMES[n % len(SURNAMES)]} household {n}",
                    address=f"Main Street {n}",
                )
                for n in range(PER_SETTLEMENT // 3)
            )
            Resident.objects.bulk_create(
                Resident(
                    settlement=settlement,
                    household=households[n // 3],
                    first_name=FIRST_NAMES[(n * 7) % len(FIRST_NAMES)],
                    last_name=SURNAMES[(n // 3) % len(SURNAMES)],
                    birth_date=dt.date(1950, 1, 1) + dt.timedelta(days=n * 101),
                    email=f"{settlement.slug}.{n}@example.org" if n % 2 else "",
                    phone=f"+386 40 {n:06d}",
                )
                for n in range(PER_SETTLEMENT)
            )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def plans_of(client, url: str, params: dict[str, str]) -> tuple[int, list[search.QueryPlan]]:
    """The number of rows the page found, and the plan of each of its queries."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    captured = [query["sql"] for query in queries.captured_queries]
    return response.context["page"].paginator.count, [search.explain(sql) for sql in captured]


@NEEDS_POSTGRES
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Novak", 9),  # a common surname: three households of three
        ("ova", 18),  # a part of a name: Novak and Kovač
        ("Hana Novak", 3),  # two words, both must match
        ("Horvat household", 9),  # "household" is only in the households' names
    ],
)
def test_the_search_reads_no_table_of_residents_or_households_whole(
    coordinator_client, settlement, query, expected
):
    populate(settlement)
    found, plans = plans_of(coordinator_client, reverse("residents:list"), {"q": query})

    assert found == expected
    resident_queries = [plan for plan in plans if plan.reads_residents]
    assert len(resident_queries) >= 2  # the paginator's count and the page
    for plan in plans:
        assert not plan.error, plan.error
        assert "coordinator_resident" not in plan.seq_scans, plan.plan
    # The match on the household's name reads this settlement's households: the count
    # never reads them all. (The page's own join, for the names it shows, may hash a small
    # table whole when the planner finds that cheaper: that does not grow with the search.)
    [count] = [plan for plan in resident_queries if "COUNT(" in plan.sql.upper()]
    assert "coordinator_household" not in count.seq_scans, count.plan
    assert all("Index" in plan.plan for plan in resident_queries)


@NEEDS_POSTGRES
def test_the_household_search_reads_no_table_whole(coordinator_client, settlement):
    populate(settlement)
    found, plans = plans_of(coordinator_client, reverse("households:list"), {"q": "Novak"})

    assert found == PER_SETTLEMENT // 3 // len(SURNAMES) + 1  # households 0, 20, 40 of 50
    assert any('"coordinator_household"' in plan.sql for plan in plans)
    for plan in plans:
        assert not plan.error, plan.error
        assert "coordinator_resident" not in plan.seq_scans, plan.plan
        assert "coordinator_household" not in plan.seq_scans, plan.plan


def test_a_seq_scan_is_found_anywhere_in_a_plan_tree():
    plan = {
        "Node Type": "Aggregate",
        "Plans": [
            {"Node Type": "Index Scan", "Relation Name": "coordinator_resident"},
            {
                "Node Type": "Hash",
                "Subplan Name": "SubPlan 1",
                "Plans": [{"Node Type": "Seq Scan", "Relation Name": "coordinator_household"}],
            },
        ],
    }
    assert list(search._seq_scans(plan)) == ["coordinator_household"]
    # A server-side cursor's query is explained as the SELECT it declares.
    declared = 'DECLARE "c1" NO SCROLL CURSOR WITH HOLD FOR SELECT 1'
    assert search.DECLARE.sub("", declared) == "SELECT 1"


def test_the_arguments_take_the_search_scale():
    args = parse_args(["--only", "search", "--search-scale", "10 300 3", "--search-all-apps"])
    assert (args.search_settlements, args.search_residents, args.search_small) == (10, 300, 3)
    assert args.search_all_apps is True
    default = parse_args([])
    assert (default.search_settlements, default.search_residents, default.search_small) == (
        160,
        1500,
        15,
    )
    with pytest.raises(SystemExit):
        parse_args(["--search-scale", "160 1500"])


@pytest.mark.django_db
def test_a_run_measures_both_sizes_and_writes_the_file(tmp_path: Path):
    lines: list[str] = []
    data = search.run(
        settlements=2,
        residents=30,
        small_residents=3,
        runs=1,
        warmups=0,
        out=tmp_path,
        echo=lines.append,
    )

    assert data["terms"]["common surname"] and data["terms"]["part of a name"]
    rows = {(row["case"], row["size"]): row for row in data["searches"]}
    assert set(rows) == {
        (case, size) for case in ("common surname", "part of a name") for size in ("small", "big")
    }
    assert {row["residents"] for row in rows.values()} == {6, 60}
    for row in rows.values():
        assert row["status"] == 200 and row["matches"] >= 1
        assert row["queries"] == rows[(row["case"], "small")]["queries"]
        assert len(row["times_ms"]) == 1
        # The small council is timed alone, then in turn with the big one.
        assert len(row["in_turn_times_ms"]) == (1 if row["size"] == "small" else 0)
    names = {target["name"] for target in data["targets"]}
    assert "median at 60 <= 2 x at 6 residents" in names
    checked = connection.vendor == "postgresql"
    assert data["plans_checked"] is checked
    assert ("no Seq Scan on coordinator_resident at 60 residents" in names) is checked
    assert any(plan["plan"] for row in rows.values() for plan in row["plans"]) is checked
    (written,) = tmp_path.iterdir()
    assert written.name.startswith("search-")
    saved = json.loads(written.read_text())
    assert [(r["case"], r["size"], r["queries"]) for r in saved["searches"]] == [
        (r["case"], r["size"], r["queries"]) for r in data["searches"]
    ]
    assert saved["met"] is data["met"]
    assert any("search targets met" in line for line in lines)
