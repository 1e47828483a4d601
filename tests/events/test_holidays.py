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


# Closed days of the classes programme (task H2): the days classes do not meet.


def test_closed_days_of_a_hebrew_settlement_with_their_evenings():
    closed = holidays.closed_dates("he", dt.date(2027, 4, 19), dt.date(2027, 5, 13))
    assert closed[dt.date(2027, 4, 21)] == "eve:pesach"  # the seder
    assert closed[dt.date(2027, 4, 22)] == "pesach"
    assert closed[dt.date(2027, 4, 27)] == "hol_hamoed_pesach"
    assert closed[dt.date(2027, 4, 28)] == "pesach_vii"
    assert closed[dt.date(2027, 5, 3)] == "eve:yom_hashoah"
    assert closed[dt.date(2027, 5, 4)] == "yom_hashoah"
    assert closed[dt.date(2027, 5, 10)] == "eve:yom_hazikaron"
    assert closed[dt.date(2027, 5, 11)] == "yom_hazikaron"
    assert closed[dt.date(2027, 5, 12)] == "yom_haatzmaut"
    assert dt.date(2027, 4, 20) not in closed and dt.date(2027, 5, 13) not in closed


def test_all_eight_days_of_hanukkah_are_closed():
    closed = holidays.closed_dates("he", dt.date(2026, 12, 1), dt.date(2026, 12, 31))
    assert [day for day, key in closed.items() if key == "chanukah"] == [
        dt.date(2026, 12, 5) + dt.timedelta(days=n) for n in range(8)
    ]
    assert closed[dt.date(2026, 12, 4)] == "eve:chanukah"


def test_closed_days_of_a_slovenian_settlement_and_none_for_english():
    closed = holidays.closed_dates("sl", dt.date(2026, 12, 20), dt.date(2027, 1, 5))
    assert closed == {
        dt.date(2026, 12, 25): "si:2026-12-25",
        dt.date(2026, 12, 26): "si:2026-12-26",
        dt.date(2027, 1, 1): "si:2027-01-01",
        dt.date(2027, 1, 2): "si:2027-01-02",
    }
    assert holidays.closed_dates("en", dt.date(2026, 12, 20), dt.date(2027, 1, 5)) == {}
    assert holidays.closed_dates("he", dt.date(2027, 1, 5), dt.date(2026, 12, 20)) == {}


def test_closed_labels_are_words():
    with translation.override("en"):
        assert holidays.closed_label("chanukah") == "Hanukkah"
        assert holidays.closed_label("hol_hamoed_pesach") == "Passover"
        assert (
            holidays.closed_label("eve:yom_hazikaron")
            == "Evening before Memorial Day for the Fallen"
        )
        assert holidays.closed_label("si:2026-12-25") == "Christmas Day"
