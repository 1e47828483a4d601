"""Holiday suggestions for a settlement's calendar, computed by libraries, never a table:
the Jewish and Israeli holidays and memorial days by ``hdate`` (Israel's calendar, no second
diaspora days), Slovenian public holidays by ``holidays``.

A suggestion's ``key`` ("2026:chanukah", "2026:si:2026-02-08") marks the event made from it,
so each is turned into an event once."""

import datetime as dt
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .models import Event

Kind = Event.Kind


@dataclass(frozen=True)
class Suggestion:
    key: str
    name: str | Promise
    date: dt.date
    kind: str
    evening_before: bool  # a Jewish day begins at sunset on the evening before


# hdate's name of each day we suggest, its label and the kind of event it makes. The
# memorial days make ceremonies.
JEWISH: dict[str, tuple[Promise, str]] = {
    "rosh_hashana_i": (_("Rosh Hashanah"), Kind.HOLIDAY),
    "sukkot": (_("Sukkot"), Kind.HOLIDAY),
    "chanukah": (_("Hanukkah"), Kind.HOLIDAY),
    "tu_bshvat": (_("Tu BiShvat"), Kind.HOLIDAY),
    "purim": (_("Purim"), Kind.HOLIDAY),
    "pesach": (_("Passover"), Kind.HOLIDAY),
    "yom_hashoah": (_("Holocaust Remembrance Day"), Kind.CEREMONY),
    "yom_hazikaron": (_("Memorial Day for the Fallen"), Kind.CEREMONY),
    "yom_haatzmaut": (_("Independence Day"), Kind.HOLIDAY),
    "lag_bomer": (_("Lag BaOmer"), Kind.HOLIDAY),
    "shavuot": (_("Shavuot"), Kind.HOLIDAY),
}


def _days(year: int) -> list[dt.date]:
    start = dt.date(year, 1, 1)
    return [start + dt.timedelta(days=n) for n in range((dt.date(year + 1, 1, 1) - start).days)]


def _jewish_names(day: dt.date) -> set[str]:
    from hdate import HDateInfo

    return {holiday.name for holiday in HDateInfo(day, diaspora=False).holidays}


def jewish_suggestions(year: int) -> list[Suggestion]:
    """The first day of each holiday of ``JEWISH`` that begins in ``year``, by date. A
    holiday running over New Year (Hanukkah) belongs to the year it begins in."""
    previous = _jewish_names(dt.date(year, 1, 1) - dt.timedelta(days=1))
    found: dict[str, dt.date] = {}
    for day in _days(year):
        names = _jewish_names(day)
        for code in names & JEWISH.keys():
            if code not in previous and code not in found:
                found[code] = day
        previous = names
    return sorted(
        (
            Suggestion(f"{year}:{code}", JEWISH[code][0], day, JEWISH[code][1], True)
            for code, day in found.items()
        ),
        key=lambda s: s.date,
    )


def slovenian_suggestions(year: int) -> list[Suggestion]:
    """Slovenia's public holidays in ``year``, named in Slovenian or English."""
    import holidays

    language = "sl" if (get_language() or "").startswith("sl") else "en_US"
    days = holidays.country_holidays("SI", years=year, language=language)
    return [
        Suggestion(f"{year}:si:{day.isoformat()}", name, day, Kind.HOLIDAY, False)
        for day, name in sorted(days.items())
    ]


def suggestions_for(language: str, year: int) -> list[Suggestion]:
    """What a settlement speaking ``language`` would mark in ``year``: the Jewish and
    Israeli days for Hebrew, the Slovenian public holidays for Slovenian, none otherwise."""
    if language == "he":
        return jewish_suggestions(year)
    if language == "sl":
        return slovenian_suggestions(year)
    return []
