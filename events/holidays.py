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


# Days on which the classes programme does not meet. For Hebrew-speaking settlements: the
# holy days and the intermediate days of Sukkot and Passover, Hanukkah, Purim, the memorial
# days and Independence Day; a Jewish day begins at sunset, so the evening before each of
# them (from ``EVENING_FROM``) is closed too: the seder, the memorial evenings. For
# Slovenian ones: the public holidays.
CLOSED_JEWISH_NAMES = frozenset(
    {
        "hol_hamoed_sukkot",
        "hoshana_raba",
        "hol_hamoed_pesach",
        "chanukah",
        "purim",
        "yom_hashoah",
        "yom_hazikaron",
        "yom_haatzmaut",
    }
)
EVENING_FROM = dt.time(17, 0)
EVE = "eve:"


def _closed_jewish(day: dt.date) -> str:
    from hdate import HDateInfo
    from hdate.holidays import HolidayTypes

    for holiday in HDateInfo(day, diaspora=False).holidays:
        if holiday.type in (HolidayTypes.YOM_TOV, HolidayTypes.HOL_HAMOED):
            return str(holiday.name)
        if holiday.name in CLOSED_JEWISH_NAMES:
            return str(holiday.name)
    return ""


def closed_dates(language: str, start: dt.date, end: dt.date) -> dict[dt.date, str]:
    """The days from ``start`` to ``end`` (inclusive) on which classes do not meet in a
    settlement speaking ``language``, each with its key: a library's name of the day
    ("chanukah", "si:2026-12-25"), or ``EVE`` and the name of the day that begins that
    evening ("eve:yom_hazikaron"), for a day closed only from ``EVENING_FROM``."""
    if end < start:
        return {}
    closed: dict[dt.date, str] = {}
    if language == "he":
        day = start
        following = _closed_jewish(start)
        while day <= end:
            today, following = following, _closed_jewish(day + dt.timedelta(days=1))
            if today:
                closed[day] = today
            elif following:
                closed[day] = EVE + following
            day += dt.timedelta(days=1)
    elif language == "sl":
        import holidays

        years = range(start.year, end.year + 1)
        for day in holidays.country_holidays("SI", years=years):
            if start <= day <= end:
                closed[day] = f"si:{day.isoformat()}"
    return dict(sorted(closed.items()))


def closed_label(key: str) -> str:
    """What a closed day's key means to a person, in the active language: "Hanukkah",
    "Evening before Memorial Day for the Fallen", "Christmas Day" ..."""
    if key.startswith(EVE):
        from django.utils.translation import gettext

        return gettext("Evening before %(day)s") % {"day": closed_label(key[len(EVE) :])}
    if key.startswith("si:"):
        import holidays

        try:
            day = dt.date.fromisoformat(key[3:])
        except ValueError:
            return key
        wanted = "sl" if (get_language() or "").startswith("sl") else "en_US"
        return str(holidays.country_holidays("SI", years=day.year, language=wanted).get(day, key))
    if key in JEWISH:
        return str(JEWISH[key][0])
    return str(HEBREW_DAYS.get(key, key.replace("_", " ").capitalize()))


HEBREW_DAYS: dict[str, Promise] = {
    "rosh_hashana_ii": _("Rosh Hashanah"),
    "yom_kippur": _("Yom Kippur"),
    "hol_hamoed_sukkot": _("Sukkot"),
    "shmini_atzeret": _("Shemini Atzeret"),
    "simchat_torah": _("Simchat Torah"),
    "hol_hamoed_pesach": _("Passover"),
    "pesach_vii": _("Passover"),
    "hoshana_raba": _("Sukkot"),
}
