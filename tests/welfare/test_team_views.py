"""The emergency team's pages: who sees what, the forms (valid, invalid: 400), deleting
with a confirmation, other settlements' rows (404), and the list of residents who need
help (the coordinator always, the team only during an emergency, read-only)."""

import datetime as dt

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from coordinator.models import AuditEvent, Role
from tests import factories
from welfare.models import CouncilContact, Drill, TeamMember, VulnerableResident

pytestmark = pytest.mark.django_db


@pytest.fixture
def team_user(settlement):
    return factories.member(settlement, Role.EMERGENCY, username="teamer")


@pytest.fixture
def team_client(client, team_user):
    client.force_login(team_user)
    return client


@pytest.fixture
def emergency(settlement, coordinator):
    return factories.EmergencyFactory(settlement=settlement, declared_by=coordinator, ended_at=None)


def rows(model, **filters):
    with scopes_disabled():
        return list(model.objects.filter(**filters))


# --- the roster ----------------------------------------------------------------------------


def test_the_roster_shows_members_with_phone_links(coordinator_client, settlement):
    factories.TeamMemberFactory(
        settlement=settlement, function="head", name="Hana Head", phone="050 123-4567"
    )
    page = coordinator_client.get(reverse("welfare:team")).content.decode()
    assert "Hana Head" in page
    assert 'href="tel:0501234567"' in page
    assert "Add a team member" in page


def test_the_roster_warns_of_a_missing_function_and_head(coordinator_client, settlement):
    factories.TeamMemberFactory(settlement=settlement, function="welfare", name="Wendy")
    page = coordinator_client.get(reverse("welfare:team")).content.decode()
    assert "The roster has gaps" in page
    assert "The team has no head." in page
    assert "Nobody is responsible for Logistics." in page
    assert "Welfare has no deputy." in page


def test_a_full_roster_has_no_warning(coordinator_client, settlement):
    for function in (
        "head",
        "welfare",
        "logistics",
        "information",
        "medical",
        "education",
        "population",
    ):
        factories.TeamMemberFactory(settlement=settlement, function=function)
        factories.TeamMemberFactory(settlement=settlement, function=function, deputy=True)
    page = coordinator_client.get(reverse("welfare:team")).content.decode()
    assert "The roster has gaps" not in page


def test_a_team_member_reads_the_roster_without_a_form(team_client, settlement):
    factories.TeamMemberFactory(settlement=settlement, name="Yael")
    response = team_client.get(reverse("welfare:team"))
    assert response.status_code == 200
    assert "Yael" in response.content.decode()
    assert "Add a team member" not in response.content.decode()
    assert team_client.post(reverse("welfare:team"), {"name": "X"}).status_code == 404


def test_adding_a_member_with_an_account(coordinator_client, settlement, team_user):
    response = coordinator_client.post(
        reverse("welfare:team"),
        {"function": "medical", "name": "Dr Noa", "phone": "050-7", "user": team_user.pk},
    )
    assert response.status_code == 302
    member = rows(TeamMember, name="Dr Noa")[0]
    assert member.user == team_user and member.settlement == settlement


def test_an_invalid_member_is_400_with_a_message(coordinator_client, settlement):
    response = coordinator_client.post(reverse("welfare:team"), {"function": "medical"})
    assert response.status_code == 400
    assert "Write the member&#x27;s name." in response.content.decode()
    assert not rows(TeamMember)


def test_an_account_without_the_team_role_is_refused(coordinator_client, settlement, chair):
    other = factories.member(factories.SettlementFactory(), Role.EMERGENCY)
    for user in (chair, other):
        response = coordinator_client.post(
            reverse("welfare:team"), {"function": "medical", "name": "N", "user": user.pk}
        )
        assert response.status_code == 400
    assert not rows(TeamMember)


def test_editing_a_member(coordinator_client, settlement):
    member = factories.TeamMemberFactory(settlement=settlement, name="Old")
    url = reverse("welfare:member_edit", args=[member.pk])
    page = coordinator_client.get(url).content.decode()
    assert "Remove from the team" in page
    response = coordinator_client.post(url, {"function": "head", "name": "New"})
    assert response.status_code == 302
    assert rows(TeamMember, pk=member.pk)[0].name == "New"
    assert coordinator_client.post(url, {"function": "nope", "name": ""}).status_code == 400


def test_deleting_a_member_needs_the_box_ticked(coordinator_client, settlement):
    member = factories.TeamMemberFactory(settlement=settlement)
    url = reverse("welfare:member_delete", args=[member.pk])
    response = coordinator_client.post(url)
    assert response["Location"] == reverse("welfare:member_edit", args=[member.pk])
    assert rows(TeamMember)
    assert coordinator_client.post(url, {"confirm": "on"})["Location"] == reverse("welfare:team")
    assert not rows(TeamMember)


def test_another_settlements_rows_are_404(coordinator_client, other_settlement):
    member = factories.TeamMemberFactory(settlement=other_settlement)
    contact = factories.CouncilContactFactory(settlement=other_settlement)
    entry = factories.VulnerableResidentFactory(
        resident=factories.ResidentFactory(settlement=other_settlement)
    )
    for name, pk in (
        ("welfare:member_edit", member.pk),
        ("welfare:contact_edit", contact.pk),
        ("welfare:vulnerable_edit", entry.pk),
    ):
        assert coordinator_client.get(reverse(name, args=[pk])).status_code == 404
    for name, pk in (
        ("welfare:member_delete", member.pk),
        ("welfare:contact_delete", contact.pk),
        ("welfare:vulnerable_delete", entry.pk),
    ):
        assert (
            coordinator_client.post(reverse(name, args=[pk]), {"confirm": "on"}).status_code == 404
        )
    assert len(rows(TeamMember)) == len(rows(CouncilContact)) == len(rows(VulnerableResident)) == 1


# --- drills --------------------------------------------------------------------------------


def test_recording_a_drill_updates_trained_on(coordinator_client, settlement):
    member = factories.TeamMemberFactory(settlement=settlement, trained_on=dt.date(2025, 5, 1))
    response = coordinator_client.post(
        reverse("welfare:drills"),
        {
            "kind": "drill",
            "title": "Shelter drill",
            "held_on": "2026-11-20",
            "attendees": [member.pk],
            "notes": "Keys were missing",
        },
    )
    assert response.status_code == 302
    assert rows(TeamMember)[0].trained_on == dt.date(2026, 11, 20)
    page = coordinator_client.get(reverse("welfare:drills")).content.decode()
    assert "Shelter drill" in page and "Keys were missing" in page and member.name in page


def test_a_drill_in_the_future_or_without_a_title_is_400(coordinator_client, settlement):
    response = coordinator_client.post(
        reverse("welfare:drills"), {"kind": "drill", "title": "", "held_on": "2026-12-01"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "the date is in the future" in page
    assert "Write what the training or drill was." in page
    assert not rows(Drill)


def test_a_drill_with_another_settlements_member_is_400(coordinator_client, other_settlement):
    stranger = factories.TeamMemberFactory(settlement=other_settlement)
    response = coordinator_client.post(
        reverse("welfare:drills"),
        {"kind": "drill", "title": "T", "held_on": "2026-11-01", "attendees": [stranger.pk]},
    )
    assert response.status_code == 400
    assert not rows(Drill)


def test_drills_are_newest_first_and_paginated(team_client, settlement):
    for n in range(30):
        factories.DrillFactory(
            settlement=settlement,
            title=f"Drill {n:02d}",
            held_on=dt.date(2026, 1, 1) + dt.timedelta(days=n),
        )
    page = team_client.get(reverse("welfare:drills")).content.decode()
    assert page.index("Drill 29") < page.index("Drill 28")
    assert "Drill 04" not in page and "Page 1 of 2" in page
    assert "Record a training or drill" not in page


# --- contacts ------------------------------------------------------------------------------


def test_contacts_add_edit_delete(coordinator_client, settlement):
    response = coordinator_client.post(
        reverse("welfare:contacts"),
        {"department": "violence", "name": "Rina", "role": "Director", "phone": "04-1234567"},
    )
    assert response.status_code == 302
    contact = rows(CouncilContact)[0]
    page = coordinator_client.get(reverse("welfare:contacts")).content.decode()
    assert "Authority against violence, drugs and alcohol" in page and "Rina" in page
    edit = reverse("welfare:contact_edit", args=[contact.pk])
    assert (
        coordinator_client.post(
            edit, {"department": "welfare", "name": "Rina", "phone": ""}
        ).status_code
        == 400
    )
    assert (
        coordinator_client.post(
            edit, {"department": "welfare", "name": "Rina K", "phone": "1"}
        ).status_code
        == 302
    )
    assert rows(CouncilContact)[0].name == "Rina K"
    coordinator_client.post(reverse("welfare:contact_delete", args=[contact.pk]), {"confirm": "on"})
    assert not rows(CouncilContact)


def test_an_invalid_contact_is_400(coordinator_client):
    response = coordinator_client.post(reverse("welfare:contacts"), {"department": "welfare"})
    assert response.status_code == 400
    assert "Write a phone number to call." in response.content.decode()


def test_a_team_member_reads_contacts_but_cannot_add(team_client, settlement):
    factories.CouncilContactFactory(settlement=settlement, name="Moti")
    assert "Moti" in team_client.get(reverse("welfare:contacts")).content.decode()
    response = team_client.post(
        reverse("welfare:contacts"), {"department": "welfare", "name": "X", "phone": "1"}
    )
    assert response.status_code == 404
    assert len(rows(CouncilContact)) == 1


# --- residents who need help ---------------------------------------------------------------


def test_the_coordinator_always_sees_the_list_with_families_with_a_case(
    coordinator_client, settlement
):
    household = factories.HouseholdFactory(settlement=settlement, name="Mizrahi", address="Oak 4")
    resident = factories.ResidentFactory(
        settlement=settlement, first_name="Sara", last_name="Mizrahi", household=household
    )
    factories.VulnerableResidentFactory(resident=resident, needs="Oxygen at night")
    factories.WelfareCaseFactory(
        household=factories.HouseholdFactory(settlement=settlement, name="Peretz"),
        need_details="secret rent trouble",
    )
    response = coordinator_client.get(reverse("welfare:vulnerable"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Sara Mizrahi" in page and "Oak 4" in page and "Oxygen at night" in page
    assert "Peretz" in page and "Family with a welfare case" in page
    assert "secret rent trouble" not in page and "Food" not in page
    # No emergency: no read is recorded.
    assert not rows(AuditEvent, action="read")


def test_the_team_gets_404_without_an_emergency(team_client, settlement):
    factories.VulnerableResidentFactory(resident=factories.ResidentFactory(settlement=settlement))
    assert team_client.get(reverse("welfare:vulnerable")).status_code == 404
    assert team_client.get(reverse("welfare:team")).status_code == 200


def test_the_team_reads_the_list_during_an_emergency_and_it_is_recorded(
    team_client, team_user, settlement, emergency
):
    entry = factories.VulnerableResidentFactory(
        resident=factories.ResidentFactory(settlement=settlement, first_name="Eli")
    )
    response = team_client.get(reverse("welfare:vulnerable"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Eli" in page
    assert "Add a resident to the list" not in page
    assert reverse("welfare:vulnerable_edit", args=[entry.pk]) not in page
    read = rows(AuditEvent, action="read", object_type="vulnerableresident")
    assert len(read) == 1 and read[0].actor == team_user
    assert str(emergency.pk) in read[0].summary
    resident = factories.ResidentFactory(settlement=settlement)
    post = team_client.post(
        reverse("welfare:vulnerable"), {"resident": resident.pk, "reason": "other"}
    )
    assert post.status_code == 404
    assert team_client.get(reverse("welfare:vulnerable_edit", args=[entry.pk])).status_code == 404


def test_filter_by_reason_and_search_by_name(coordinator_client, settlement):
    for first, reason in (
        ("Ruth", "elderly_alone"),
        ("Moshe", "disability"),
        ("Rachel", "disability"),
    ):
        factories.VulnerableResidentFactory(
            resident=factories.ResidentFactory(settlement=settlement, first_name=first),
            reason=reason,
        )
    page = coordinator_client.get(
        reverse("welfare:vulnerable"), {"reason": "disability"}
    ).content.decode()
    assert 'row">Moshe' in page and 'row">Rachel' in page and 'row">Ruth' not in page
    page = coordinator_client.get(reverse("welfare:vulnerable"), {"q": "ruth"}).content.decode()
    assert 'row">Ruth' in page and 'row">Moshe' not in page
    page = coordinator_client.get(reverse("welfare:vulnerable"), {"q": "nobody"}).content.decode()
    assert "Nobody on the list matches." in page


def test_adding_editing_and_removing_an_entry(coordinator_client, settlement):
    resident = factories.ResidentFactory(settlement=settlement)
    buddy = factories.TeamMemberFactory(settlement=settlement)
    response = coordinator_client.post(
        reverse("welfare:vulnerable"),
        {"resident": resident.pk, "reason": "medical", "needs": "Dialysis", "buddy": buddy.pk},
    )
    assert response.status_code == 302
    entry = rows(VulnerableResident)[0]
    assert entry.needs == "Dialysis" and entry.buddy == buddy
    again = coordinator_client.post(
        reverse("welfare:vulnerable"), {"resident": resident.pk, "reason": "other"}
    )
    assert again.status_code == 400
    assert "is already on the list" in again.content.decode()
    edit = reverse("welfare:vulnerable_edit", args=[entry.pk])
    assert (
        coordinator_client.post(edit, {"resident": resident.pk, "reason": "other"}).status_code
        == 302
    )
    assert rows(VulnerableResident)[0].reason == "other"
    coordinator_client.post(
        reverse("welfare:vulnerable_delete", args=[entry.pk]), {"confirm": "on"}
    )
    assert not rows(VulnerableResident)


def test_an_entry_for_another_settlements_resident_is_400(coordinator_client, other_settlement):
    stranger = factories.ResidentFactory(settlement=other_settlement)
    response = coordinator_client.post(
        reverse("welfare:vulnerable"), {"resident": stranger.pk, "reason": "other"}
    )
    assert response.status_code == 400
    assert (
        "Choose a current resident of this settlement from the list." in response.content.decode()
    )


def test_every_page_has_unique_ids_and_labelled_inputs(coordinator_client, settlement):
    import re

    member = factories.TeamMemberFactory(settlement=settlement)
    contact = factories.CouncilContactFactory(settlement=settlement)
    entry = factories.VulnerableResidentFactory(
        resident=factories.ResidentFactory(settlement=settlement)
    )
    factories.DrillFactory(settlement=settlement)
    for url in (
        reverse("welfare:team"),
        reverse("welfare:member_edit", args=[member.pk]),
        reverse("welfare:drills"),
        reverse("welfare:contacts"),
        reverse("welfare:contact_edit", args=[contact.pk]),
        reverse("welfare:vulnerable"),
        reverse("welfare:vulnerable_edit", args=[entry.pk]),
    ):
        page = coordinator_client.get(url).content.decode()
        ids = re.findall(r'\sid="([^"]+)"', page)
        assert len(ids) == len(set(ids)), url
        for input_id in re.findall(r'<(?:input|select|textarea)[^>]*\sid="([^"]+)"', page):
            assert f'for="{input_id}"' in page, (url, input_id)
