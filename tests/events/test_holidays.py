"""Holiday suggestions against dates known for 2026 and 2027 (tests/data, copied from the
project's reference data, cross-checked by two independent calculations)."""

import csv
import datetime as dt
from pathlib import Path

import pytest
from django.utils import translation

from events import holidays

REFERENCE = Path(__file__).resolve().parents[1] / "data" / "holidays-reference.csv"

# The reference's names of the first days we suggest, and our keys for them.
JEWISH_KEYS = {
    "Rosh Hashanah (first day)": "rosh_hashana_i",
    "Sukkot (first day)": "sukkot",
    "Hanukkah (first day)": "chanukah",
    "Tu BiShvat": "tu_bshvat",
    "Purim": "purim",
    "Pesach (first day)": "pesach",
    "Yom HaShoah": "yom_hashoah",
    "Yom HaZikaron": "yom_hazikaron",
    "Yom HaAtzmaut": "yom_haatzmaut",
    "Lag BaOmer": "lag_bomer",
    "Shavuot": "shavuot",
}


def reference(country: str) -> list[dict[str, str]]:
    with REFERENCE.open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return [row for row in rows if row["country"] == country]


@pytest.mark.parametrize("year", [2026, 2027])
def test_jewish_and_israeli_days_match_the_reference(year):
    expected = {
        f"{year}:{JEWISH_KEYS[row['name']]}": dt.date.fromisoformat(row["date"])
        for row in reference("IL")
        if row["name"] in JEWISH_KEYS and row["date"].startswith(str(year))
    }
    suggested = {s.key: s.date for s in holidays.jewish_suggestions(year)}
    assert suggested == expected
    assert len(expected) == 11


def test_memorial_days_make_ceremonies_and_begin_the_evening_before():
    by_key = {s.key: s for s in holidays.jewish_suggestions(2026)}
    assert by_key["2026:yom_hazikaron"].kind == "ceremony"
    assert by_key["2026:yom_hashoah"].kind == "ceremony"
    assert by_key["2026:purim"].kind == "holiday"
    assert all(s.evening_before for s in by_key.values())


def test_hanukkah_belongs_to_the_year_it_begins_in():
    """Hanukkah 5785 ran from 26 Dec 2024 into January 2025: 2025's Hanukkah is December's."""
    by_key = {s.key: s.date for s in holidays.jewish_suggestions(2025)}
    assert by_key["2025:chanukah"] == dt.date(2025, 12, 15)


@pytest.mark.parametrize("year", [2026, 2027])
def test_slovenian_public_holidays_match_the_reference(year):
    expected = sorted(
        dt.date.fromisoformat(row["date"])
        for row in reference("SI")
        if row["date"].startswith(str(year))
    )
    suggested = holidays.slovenian_suggestions(year)
    assert [s.date for s in suggested] == expected
    assert not any(s.evening_before for s in suggested)


def test_slovenian_names_follow_the_language():
    with translation.override("sl"):
        names = {s.date: s.name for s in holidays.slovenian_suggestions(2026)}
    assert names[dt.date(2026, 12, 26)] == "dan samostojnosti in enotnosti"
    with translation.override("en"):
        names = {s.date: s.name for s in holidays.slovenian_suggestions(2026)}
    assert names[dt.date(2026, 12, 26)] == "Independence and Unity Day"


def test_the_settlement_language_chooses_the_calendar():
    assert holidays.suggestions_for("he", 2026)[0].key == "2026:tu_bshvat"
    assert holidays.suggestions_for("sl", 2026)[0].date == dt.date(2026, 1, 1)
    assert holidays.suggestions_for("en", 2026) == []
