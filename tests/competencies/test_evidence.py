"""Evidence from the work itself: recorded work of the cycle's period in the coordinator's
settlement shows under the competencies the council's table maps it to."""

import datetime as dt
import itertools

import pytest

from competencies import evidence
from competencies.evidence import SOURCES, evidence_for_cycle
from competencies.model_data import DEFAULT_EVIDENCE
from competencies.models import EvidenceRule
from coordinator.models import Role
from tests import factories

IN_PERIOD = dt.datetime(2026, 6, 10, 9, 0, tzinfo=dt.UTC)
BEFORE = dt.datetime(2025, 12, 20, 9, 0, tzinfo=dt.UTC)
NUMBERS = itertools.count()


@pytest.fixture
def cycle(settlement, coordinator):
    return factories.CycleFactory(
        owner=coordinator, starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2026, 12, 31)
    )


def titles(found, key):
    return [item.title for item in found.get(key, [])]


def test_every_default_rule_names_a_source():
    assert {source for source, _key in DEFAULT_EVIDENCE} == set(SOURCES)


def test_a_survey_sent_and_a_committee_member_show_under_their_competencies(settlement, cycle):
    factories.SurveyFactory(
        settlement=settlement, title={"en": "Needs of families"}, sent_at=IN_PERIOD
    )
    committee = factories.CommitteeFactory(settlement=settlement, name="Youth committee")
    factories.CommitteeMemberFactory(committee=committee, term_start=dt.date(2026, 3, 1))

    found = evidence_for_cycle(cycle, settlement)

    assert titles(found, "2.2") == ["Needs of families"]
    assert titles(found, "5.2") == ["Youth committee"]
    survey = found["2.2"][0]
    assert survey.source == "surveys.survey_sent"
    assert survey.label == "Survey sent"
    assert survey.day == dt.date(2026, 6, 10)
    assert survey.url.startswith("/")


def test_the_committee_member_is_shown_by_the_committee_never_by_name(settlement, cycle):
    committee = factories.CommitteeFactory(settlement=settlement, name="Garden committee")
    member = factories.CommitteeMemberFactory(
        committee=committee, term_start=dt.date(2026, 3, 1), resident__first_name="Zelda"
    )
    found = evidence_for_cycle(cycle, settlement)
    assert member.resident.first_name == "Zelda"
    assert all("Zelda" not in item.title for item in found["5.2"])


def test_work_outside_the_period_or_in_another_settlement_does_not_count(
    settlement, other_settlement, cycle
):
    factories.SurveyFactory(settlement=settlement, title={"en": "Last year"}, sent_at=BEFORE)
    factories.SurveyFactory(settlement=other_settlement, title={"en": "Far"}, sent_at=IN_PERIOD)
    factories.SurveyFactory(settlement=settlement, title={"en": "Never sent"}, sent_at=None)
    committee = factories.CommitteeFactory(settlement=settlement)
    factories.CommitteeMemberFactory(committee=committee, term_start=dt.date(2025, 5, 1))
    far_committee = factories.CommitteeFactory(settlement=other_settlement)
    factories.CommitteeMemberFactory(committee=far_committee, term_start=dt.date(2026, 5, 1))
    factories.SurveyFactory(settlement=settlement, title={"en": "This year"}, sent_at=IN_PERIOD)

    found = evidence_for_cycle(cycle, settlement)

    assert titles(found, "2.2") == ["This year"]
    assert "5.2" not in found


def test_what_is_planned_after_today_is_not_yet_evidence(settlement, cycle):
    """The clock stands at 23 November 2026: an event of 30 November is not held yet."""
    factories.EventFactory(committee__settlement=settlement, title={"en": "Winter fair"})
    factories.EventFactory(
        committee__settlement=settlement,
        title={"en": "Summer fair"},
        starts_at=IN_PERIOD,
    )
    found = evidence_for_cycle(cycle, settlement)
    assert titles(found, "1.1") == ["Summer fair"]


def test_a_councils_own_rule_changes_the_mapping(settlement, cycle):
    factories.SurveyFactory(settlement=settlement, title={"en": "Needs"}, sent_at=IN_PERIOD)
    EvidenceRule.objects.create(
        council=settlement.council, source="surveys.survey_sent", competency_key="3.1"
    )
    found = evidence_for_cycle(cycle, settlement)
    assert titles(found, "3.1") == ["Needs"]
    assert "2.2" not in found  # the council's own table replaces the defaults


def test_another_councils_rule_changes_nothing(settlement, cycle):
    factories.SurveyFactory(settlement=settlement, title={"en": "Needs"}, sent_at=IN_PERIOD)
    EvidenceRule.objects.create(
        council=factories.CouncilFactory(), source="surveys.survey_sent", competency_key="3.1"
    )
    found = evidence_for_cycle(cycle, settlement)
    assert titles(found, "2.2") == ["Needs"]
    assert "3.1" not in found


def test_titles_are_in_the_readers_language(settlement, cycle, settings):
    from django.utils import translation

    factories.SurveyFactory(
        settlement=settlement, title={"en": "Needs", "sl": "Potrebe"}, sent_at=IN_PERIOD
    )
    with translation.override("sl"):
        found = evidence_for_cycle(cycle, settlement)
    assert titles(found, "2.2") == ["Potrebe"]


def test_at_most_thirty_items_per_source_the_latest(settlement, cycle):
    for day in range(1, 36):
        factories.SurveyFactory(
            settlement=settlement,
            title={"en": f"Survey {day:02d}"},
            sent_at=dt.datetime(2026, 3, day % 28 + 1, tzinfo=dt.UTC)
            if day > 28
            else dt.datetime(2026, 2, day, tzinfo=dt.UTC),
        )
    found = evidence_for_cycle(cycle, settlement)
    assert len(found["2.2"]) == evidence.PER_SOURCE == 30
    days = [item.day for item in found["2.2"]]
    assert days == sorted(days)
    assert days[0] == dt.date(2026, 2, 6)  # the five earliest are left out


def every_source(settlement, marker="", vision=True):
    """One row of each kind of recorded work, in the period."""
    committee = factories.CommitteeFactory(
        settlement=settlement, name=f"{marker}Committee {next(NUMBERS)}"
    )
    factories.EventFactory(committee=committee, title={"en": f"{marker}Event"}, starts_at=IN_PERIOD)
    factories.CourseFactory(
        committee=committee,
        title={"en": f"{marker}Class"},
        starts_on=dt.date(2026, 9, 1),
        ends_on=dt.date(2026, 12, 15),
    )
    factories.SurveyFactory(
        settlement=settlement, title={"en": f"{marker}Survey"}, sent_at=IN_PERIOD
    )
    factories.MappingRecordFactory(settlement=settlement, title=f"{marker}House meeting")
    factories.NeedFactory(settlement=settlement, title=f"{marker}Need", created_at=IN_PERIOD)
    meeting = factories.MeetingFactory(
        committee=committee, title=f"{marker}Meeting", starts_at=IN_PERIOD, ends_at=None
    )
    meeting.partners.add(factories.PartnerFactory(settlement=settlement, name=f"{marker}Partner"))
    factories.InitiativeFactory(settlement=settlement, title=f"{marker}Idea", created_at=IN_PERIOD)
    factories.CommitteeMemberFactory(committee=committee, term_start=dt.date(2026, 4, 1))
    factories.MediationStepFactory(
        conflict=factories.ConflictFactory(settlement=settlement, title=f"{marker}Conflict")
    )
    plan = factories.PlanFactory(
        settlement=settlement, year=2027 + next(NUMBERS), created_at=IN_PERIOD
    )
    target = factories.TargetFactory(goal__plan=plan, indicator=f"{marker}Indicator")
    factories.MeasurementFactory(target=target)
    factories.FundingSourceFactory(
        plan=plan, name=f"{marker}Grant", requested_on=dt.date(2026, 7, 1)
    )
    if vision:  # one per settlement
        factories.VisionFactory(settlement=settlement, statement=f"{marker}Vision")


def test_every_source_finds_its_rows_in_one_query(settlement, cycle, django_assert_num_queries):
    every_source(settlement)
    every_source(factories.SettlementFactory(council=settlement.council), "ZZ")
    with django_assert_num_queries(1):
        rows = evidence.evidence_rows(
            settlement, evidence.period_of(cycle, settlement), list(SOURCES)
        )
    assert sorted(kind for kind, *_rest in rows) == sorted(SOURCES)
    assert not [row for row in rows if "ZZ" in str(row[2])]
    found = evidence_for_cycle(cycle, settlement)
    for source, key in DEFAULT_EVIDENCE:
        assert source in {item.source for item in found[key]}, (source, key)


@pytest.mark.parametrize("size", [0, 1, 20])
def test_the_number_of_queries_is_fixed(settlement, cycle, size, django_assert_num_queries):
    for n in range(size):
        every_source(settlement, vision=n == 0)
    with django_assert_num_queries(2):
        found = evidence_for_cycle(cycle, settlement)
    assert len(found.get("2.2", [])) == 2 * size


def test_a_cycle_starting_after_today_has_no_evidence(
    settlement, coordinator, django_assert_num_queries
):
    cycle = factories.CycleFactory(
        owner=coordinator, starts_on=dt.date(2027, 1, 1), ends_on=dt.date(2027, 6, 30)
    )
    factories.SurveyFactory(settlement=settlement, sent_at=IN_PERIOD)
    assert evidence_for_cycle(cycle, settlement) == {}


def test_it_works_outside_a_request(settlement, cycle):
    """The scope is its own: no active settlement is needed to call it."""
    factories.SurveyFactory(settlement=settlement, title={"en": "Needs"}, sent_at=IN_PERIOD)
    assert titles(evidence_for_cycle(cycle, settlement), "2.2") == ["Needs"]
    assert Role.COORDINATOR  # the fixture's coordinator owns the cycle
