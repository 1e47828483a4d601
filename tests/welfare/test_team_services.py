"""The emergency team's services and selectors: the roster's gaps, drills marking who is
trained, the list of residents who need help and the families with a case."""

import datetime as dt

import pytest
from django_scopes import scope

from coordinator.models import AuditEvent
from tests import factories
from welfare import services_team
from welfare.models import Drill, TeamMember, VulnerableResident, WelfareCase
from welfare.selectors_team import (
    households_with_a_case,
    roster_from,
    roster_of,
    vulnerable_list,
)

pytestmark = pytest.mark.django_db


def test_an_empty_roster_warns_of_no_head_and_every_expected_function(settlement):
    with scope(settlement=settlement):
        warnings = roster_of(settlement=settlement).warnings()
    assert warnings[0] == "The team has no head. Add one, or mark a deputy as the head."
    assert "Nobody is responsible for Welfare." in warnings
    assert "Nobody is responsible for Population." in warnings
    # Security, youth and "other" are optional.
    assert not any("Security" in w or "Youth" in w for w in warnings)


def test_a_function_without_a_deputy_is_named_and_a_full_one_is_not(settlement):
    factories.TeamMemberFactory(settlement=settlement, function="head", name="Hana")
    factories.TeamMemberFactory(settlement=settlement, function="head", deputy=True)
    factories.TeamMemberFactory(settlement=settlement, function="medical", name="Dr Levi")
    with scope(settlement=settlement):
        roster = roster_of(settlement=settlement)
    warnings = roster.warnings()
    assert "Medical has no deputy." in warnings
    assert not any("head" in w.casefold() for w in warnings)
    assert "Nobody is responsible for Medical." not in warnings


def test_the_roster_lists_the_head_first_and_leads_before_deputies(settlement):
    deputy = TeamMember(pk=1, function="head", deputy=True, name="Aaron")
    lead = TeamMember(pk=2, function="head", deputy=False, name="Zohar")
    welfare = TeamMember(pk=3, function="welfare", name="Avi")
    roster = roster_from([welfare, deputy, lead])
    assert roster.groups[0].function == "head"
    assert roster.groups[0].members == [lead, deputy]
    assert roster.groups[1].members == [welfare]


def test_member_save_creates_changes_and_audits(settlement, coordinator):
    data = {"function": "logistics", "deputy": False, "name": "Dana", "phone": "050-1"}
    with scope(settlement=settlement):
        member = services_team.member_save(settlement=settlement, data=data, by=coordinator)
        services_team.member_save(
            settlement=settlement, member=member, data={**data, "phone": "050-2"}, by=coordinator
        )
        services_team.member_save(  # nothing changes: no audit entry
            settlement=settlement, member=member, data={**data, "phone": "050-2"}, by=coordinator
        )
        member.refresh_from_db()
        actions = list(
            AuditEvent.objects.filter(object_type="teammember")
            .order_by("id")
            .values_list("action", "summary")
        )
    assert member.phone == "050-2"
    assert actions == [("created", ""), ("changed", "phone")]


def test_adding_a_drill_marks_attendees_trained_only_if_later(settlement, coordinator):
    never = factories.TeamMemberFactory(settlement=settlement)
    earlier = factories.TeamMemberFactory(settlement=settlement, trained_on=dt.date(2026, 1, 5))
    later = factories.TeamMemberFactory(settlement=settlement, trained_on=dt.date(2026, 11, 20))
    absent = factories.TeamMemberFactory(settlement=settlement)
    with scope(settlement=settlement):
        drill = services_team.drill_add(
            settlement=settlement,
            by=coordinator,
            kind=Drill.Kind.DRILL,
            title="Evacuation",
            held_on=dt.date(2026, 11, 1),
            attendees=[never, earlier, later],
        )
        trained = dict(TeamMember.objects.values_list("pk", "trained_on"))
        attendees = set(drill.attendees.values_list("pk", flat=True))
    assert trained[never.pk] == dt.date(2026, 11, 1)
    assert trained[earlier.pk] == dt.date(2026, 11, 1)
    assert trained[later.pk] == dt.date(2026, 11, 20)
    assert trained[absent.pk] is None
    assert attendees == {never.pk, earlier.pk, later.pk}


def test_a_drill_ignores_another_settlements_member(settlement, other_settlement, coordinator):
    stranger = factories.TeamMemberFactory(settlement=other_settlement)
    with scope(settlement=settlement):
        drill = services_team.drill_add(
            settlement=settlement,
            by=coordinator,
            kind=Drill.Kind.TRAINING,
            title="First aid",
            held_on=dt.date(2026, 11, 1),
            attendees=[stranger],
        )
        assert drill.attendees.count() == 0
    with scope(settlement=other_settlement):
        stranger.refresh_from_db()
    assert stranger.trained_on is None


def test_vulnerable_save_and_delete_audit_without_the_needs(settlement, coordinator):
    resident = factories.ResidentFactory(settlement=settlement)
    with scope(settlement=settlement):
        entry = services_team.vulnerable_save(
            settlement=settlement,
            data={"resident": resident, "reason": "disability", "needs": "Oxygen", "buddy": None},
            by=coordinator,
        )
        services_team.vulnerable_delete(settlement=settlement, entry=entry, by=coordinator)
        assert not VulnerableResident.objects.exists()
        events = list(AuditEvent.objects.filter(object_type="vulnerableresident").order_by("id"))
    assert [e.action for e in events] == ["created", "deleted"]
    assert all("Oxygen" not in e.summary for e in events)


def test_the_list_filters_by_reason_and_searches_names(settlement):
    ruth = factories.VulnerableResidentFactory(
        resident=factories.ResidentFactory(
            settlement=settlement, first_name="Ruth", last_name="Katz"
        ),
        reason="elderly_alone",
    )
    factories.VulnerableResidentFactory(
        resident=factories.ResidentFactory(
            settlement=settlement, first_name="Moshe", last_name="Bar"
        ),
        reason="disability",
    )
    with scope(settlement=settlement):
        assert list(vulnerable_list(settlement=settlement, reason="elderly_alone")) == [ruth]
        assert list(vulnerable_list(settlement=settlement, query="katz")) == [ruth]
        assert vulnerable_list(settlement=settlement).count() == 2


def test_households_with_an_open_case_only(settlement, other_settlement):
    open_case = factories.WelfareCaseFactory(
        household=factories.HouseholdFactory(settlement=settlement, name="Cohen")
    )
    by_resident = factories.HouseholdFactory(settlement=settlement, name="Levi")
    factories.WelfareCaseFactory(
        settlement=settlement,
        household=None,
        resident=factories.ResidentFactory(settlement=settlement, household=by_resident),
    )
    factories.WelfareCaseFactory(
        household=factories.HouseholdFactory(settlement=settlement, name="Closed"),
        status=WelfareCase.Status.CLOSED,
    )
    factories.WelfareCaseFactory(household=factories.HouseholdFactory(settlement=other_settlement))
    with scope(settlement=settlement):
        found = households_with_a_case(settlement=settlement)
    assert [h.name for h in found] == ["Cohen", "Levi"]
    assert found[0] == open_case.household
