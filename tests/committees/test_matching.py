"""The fit ranking of volunteers for an opening: pure functions, no database."""

import datetime as dt
from decimal import Decimal

from committees import matching
from committees.matching import Candidate, Need

TODAY = dt.date(2026, 11, 23)
NEED = Need(
    skills=frozenset({"Driving", "First aid"}),
    area="culture",
    availability=frozenset({"weekends"}),
)


def person(name: str, pk: int = 0, **kwargs) -> Candidate:
    return Candidate(resident_id=pk or abs(hash(name)) % 10_000, name=name, **kwargs)


def names(suggestions) -> list[str]:
    return [s.candidate.name for s in suggestions]


def codes(suggestion) -> list[str]:
    return [r.code for r in suggestion.reasons]


def test_matching_skills_and_free_time_come_before_those_without():
    """The issue's check: skills and free time first."""
    fits = person("Zoe Fit", skills=frozenset({"Driving"}), availability=frozenset({"weekends"}))
    skills_only = person("Anna Skills", skills=frozenset({"Driving"}))
    free_only = person("Bea Free", availability=frozenset({"weekends"}))
    nothing = person("Ada Nothing", skills=frozenset({"Cooking"}))
    ranked = matching.rank(NEED, [nothing, free_only, skills_only, fits], TODAY)
    assert names(ranked) == ["Zoe Fit", "Anna Skills", "Bea Free", "Ada Nothing"]
    assert [s.score for s in ranked] == [5, 3, 2, 0]


def test_each_matching_skill_counts_three_and_is_named():
    both = person("Both", skills=frozenset({"Driving", "First aid", "Cooking"}))
    (suggestion,) = matching.rank(NEED, [both], TODAY)
    assert suggestion.score == 2 * matching.SKILL
    skills = suggestion.reasons[0]
    assert skills.code == "skills"
    assert skills.skills == ("Driving", "First aid")
    assert "Driving, First aid" in skills.label


def test_interest_in_the_area_counts_two():
    keen = person("Keen", interests=frozenset({"culture"}))
    other = person("Other", interests=frozenset({"sport"}))
    ranked = matching.rank(NEED, [other, keen], TODAY)
    assert names(ranked) == ["Keen", "Other"]
    assert codes(ranked[0]) == ["interest"]
    assert ranked[0].score == matching.INTEREST


def test_an_opening_without_a_time_suits_everyone():
    need = Need(skills=frozenset({"Driving"}))
    (suggestion,) = matching.rank(need, [person("Any")], TODAY)
    assert codes(suggestion) == ["any_time"]
    assert suggestion.score == matching.AVAILABILITY


def test_a_missing_language_sinks_a_candidate_to_the_bottom():
    need = Need(skills=frozenset({"Driving"}), language="he")
    speaks = person("Speaks", languages=frozenset({"he"}))
    skilled = person("Skilled", skills=frozenset({"Driving"}), languages=frozenset({"en"}))
    ranked = matching.rank(need, [skilled, speaks], TODAY)
    assert names(ranked) == ["Speaks", "Skilled"]
    assert "no_language" in codes(ranked[1])
    assert ranked[1].flagged
    assert ranked[1].score == matching.SKILL + matching.AVAILABILITY + matching.LANGUAGE_MISSING


def test_a_background_check_needed_and_not_valid_is_flagged_and_counts_down():
    need = Need(needs_background_check=True)
    valid = person("Valid", background_check="valid", background_check_until=TODAY)
    expired = person(
        "Expired", background_check="valid", background_check_until=TODAY - dt.timedelta(days=1)
    )
    requested = person("Requested", background_check="requested")
    ranked = matching.rank(need, [requested, expired, valid], TODAY)
    assert names(ranked) == ["Valid", "Expired", "Requested"]
    assert "check_valid" in codes(ranked[0])
    assert not ranked[0].flagged
    assert all("no_check" in codes(s) and s.flagged for s in ranked[1:])
    assert ranked[1].score == matching.AVAILABILITY + matching.CHECK_MISSING


def test_a_valid_check_without_an_end_date_counts():
    candidate = person("Open-ended", background_check="valid")
    assert matching.check_valid(candidate, TODAY)


def test_overloaded_volunteers_come_after_free_ones():
    busy_roles = person("Busy Roles", skills=frozenset({"Driving"}), active_roles=3)
    busy_hours = person(
        "Busy Hours",
        skills=frozenset({"Driving"}),
        recent_hours=Decimal("8.00"),
        hours_per_month=8,
    )
    free = person("Free", skills=frozenset({"Driving"}), active_roles=2, recent_hours=Decimal(7))
    ranked = matching.rank(NEED, [busy_roles, busy_hours, free], TODAY)
    assert names(ranked) == ["Free", "Busy Hours", "Busy Roles"]
    assert "busy" in codes(ranked[0])
    assert ranked[0].score == matching.SKILL
    overloaded = ranked[1].reasons[-1]
    assert overloaded.code == "overloaded"
    assert overloaded.label == "Already busy: 0 roles / 8 hours this month"
    assert ranked[2].reasons[-1].label == "Already busy: 3 roles / 0 hours this month"
    assert ranked[1].score == matching.SKILL + matching.OVERLOADED


def test_inactive_profiles_are_left_out():
    ranked = matching.rank(NEED, [person("Resting", active=False), person("Here")], TODAY)
    assert names(ranked) == ["Here"]


def test_ties_are_broken_by_name_then_id():
    ranked = matching.rank(
        NEED, [person("bob", pk=3), person("Anna", pk=9), person("Bob", pk=1)], TODAY
    )
    assert [(s.candidate.name, s.candidate.resident_id) for s in ranked] == [
        ("Anna", 9),
        ("Bob", 1),
        ("bob", 3),
    ]


def test_the_ranking_is_deterministic_whatever_the_order_given():
    people = [
        person(f"P{n}", pk=n, skills=frozenset({"Driving"} if n % 2 else set()))
        for n in range(1, 30)
    ]
    first = matching.rank(NEED, people, TODAY)
    second = matching.rank(NEED, list(reversed(people)), TODAY)
    assert first == second
    assert [s.score for s in first] == sorted((s.score for s in first), reverse=True)


def test_reasons_come_in_a_fixed_order():
    need = Need(
        skills=frozenset({"Driving"}),
        area="youth",
        availability=frozenset({"weekends"}),
        language="sl",
        needs_background_check=True,
    )
    everything = person(
        "All",
        skills=frozenset({"Driving"}),
        interests=frozenset({"youth"}),
        availability=frozenset({"weekends", "weekday_evenings"}),
        languages=frozenset({"sl"}),
        background_check="valid",
        active_roles=1,
    )
    (suggestion,) = matching.rank(need, [everything], TODAY)
    assert codes(suggestion) == ["skills", "interest", "free", "language", "check_valid", "busy"]
    assert suggestion.score == 3 + 2 + 2 + 1
