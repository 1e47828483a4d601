"""The fit ranking: which volunteers to suggest for an opening, best first, and why.

Pure functions over plain dataclasses: no database, no clock (``today`` is passed in), so
the ranking is deterministic and tested on its own. The selector
``selectors_volunteers.candidates_for`` builds the candidates in a fixed number of queries.

The weights (documented, and the tests pin them):

* ``+3`` for each skill the opening wants that the volunteer has;
* ``+2`` when the opening's area is one of the volunteer's interests;
* ``+2`` when the volunteer is free at one of the opening's times (or the opening names no
  time): free time matters as much as an interest;
* ``+1`` when the opening needs a language the volunteer speaks; ``-10`` when they do not
  (they could hardly do the role, so they sink to the bottom but stay visible);
* ``-4`` when the opening needs a background check and theirs is not valid today (the
  suggestion is flagged: the check must be done before they start);
* ``-5`` when already overloaded: ``OVERLOAD_ROLES`` active roles or more, or as many hours
  in the last 30 days as they said they can give in a month;
* inactive profiles are left out altogether.

Ties are broken by name, then by resident id.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

SKILL = 3
INTEREST = 2
AVAILABILITY = 2
LANGUAGE = 1
LANGUAGE_MISSING = -10
CHECK_MISSING = -4
OVERLOADED = -5
OVERLOAD_ROLES = 3

VALID_CHECK = "valid"


@dataclass(frozen=True)
class Need:
    """What the opening asks for."""

    skills: frozenset[str] = frozenset()
    area: str = ""
    availability: frozenset[str] = frozenset()
    language: str = ""
    needs_background_check: bool = False


@dataclass(frozen=True)
class Candidate:
    """A volunteer, as the ranking sees them."""

    resident_id: int
    name: str
    skills: frozenset[str] = frozenset()
    interests: frozenset[str] = frozenset()
    availability: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    background_check: str = "none"
    background_check_until: dt.date | None = None
    active: bool = True
    active_roles: int = 0
    recent_hours: Decimal = Decimal(0)
    hours_per_month: int = 8


@dataclass(frozen=True)
class Reason:
    """Why a volunteer scored as they did. ``code`` is one of: skills, interest, free,
    any_time, language, no_language, check_valid, no_check, busy, overloaded."""

    code: str
    points: int = 0
    skills: tuple[str, ...] = ()
    roles: int = 0
    hours: Decimal = Decimal(0)

    @property
    def positive(self) -> bool:
        return self.points > 0

    @property
    def warning(self) -> bool:
        return self.points < 0

    @property
    def label(self) -> str:
        hours = f"{self.hours.normalize():f}"
        labels = {
            "skills": _("Matching skills: %(skills)s") % {"skills": ", ".join(self.skills)},
            "interest": _("Interested in this area"),
            "free": _("Free at the time needed"),
            "any_time": _("The opening names no time"),
            "language": _("Speaks the language needed"),
            "no_language": _("Does not speak the language needed"),
            "check_valid": _("Background check valid"),
            "no_check": _("Background check missing"),
        }
        if self.code in labels:
            return labels[self.code]
        roles = ngettext("%(count)s role", "%(count)s roles", self.roles) % {"count": self.roles}
        text = _("%(roles)s / %(hours)s hours this month") % {"roles": roles, "hours": hours}
        if self.code == "overloaded":
            return _("Already busy: %(what)s") % {"what": text}
        return _("Busy: %(what)s") % {"what": text}


@dataclass(frozen=True)
class Suggestion:
    candidate: Candidate
    score: int
    reasons: tuple[Reason, ...] = field(default=())

    @property
    def flagged(self) -> bool:
        return any(r.code in {"no_check", "no_language", "overloaded"} for r in self.reasons)


def check_valid(candidate: Candidate, today: dt.date) -> bool:
    """A background check counts if its status is valid and it has not run out."""
    if candidate.background_check != VALID_CHECK:
        return False
    until = candidate.background_check_until
    return until is None or until >= today


def overloaded(candidate: Candidate) -> bool:
    return (
        candidate.active_roles >= OVERLOAD_ROLES
        or candidate.recent_hours >= candidate.hours_per_month
    )


def score(need: Need, candidate: Candidate, today: dt.date) -> Suggestion:
    """The candidate's score for ``need`` and the reasons, in a fixed order."""
    reasons: list[Reason] = []
    matching = tuple(sorted(need.skills & candidate.skills, key=str.casefold))
    if matching:
        reasons.append(Reason("skills", SKILL * len(matching), skills=matching))
    if need.area and need.area in candidate.interests:
        reasons.append(Reason("interest", INTEREST))
    if not need.availability:
        reasons.append(Reason("any_time", AVAILABILITY))
    elif need.availability & candidate.availability:
        reasons.append(Reason("free", AVAILABILITY))
    if need.language:
        if need.language in candidate.languages:
            reasons.append(Reason("language", LANGUAGE))
        else:
            reasons.append(Reason("no_language", LANGUAGE_MISSING))
    if need.needs_background_check:
        if check_valid(candidate, today):
            reasons.append(Reason("check_valid", 0))
        else:
            reasons.append(Reason("no_check", CHECK_MISSING))
    if overloaded(candidate):
        reasons.append(
            Reason(
                "overloaded",
                OVERLOADED,
                roles=candidate.active_roles,
                hours=candidate.recent_hours,
            )
        )
    elif candidate.active_roles or candidate.recent_hours:
        reasons.append(
            Reason("busy", 0, roles=candidate.active_roles, hours=candidate.recent_hours)
        )
    return Suggestion(candidate, sum(r.points for r in reasons), tuple(reasons))


def rank(need: Need, candidates: list[Candidate], today: dt.date) -> list[Suggestion]:
    """Active candidates, best fit first; ties by name (case-insensitive), then id."""
    scored = [score(need, c, today) for c in candidates if c.active]
    return sorted(
        scored,
        key=lambda s: (-s.score, s.candidate.name.casefold(), s.candidate.resident_id),
    )
