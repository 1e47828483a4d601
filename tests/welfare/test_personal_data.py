"""A resident's welfare data in their personal-data export (decrypted: it is theirs), and
gone when they are erased: their own cases, and their household's when they were its last
member; the access log keeps no name."""

import json

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from tests import factories
from welfare.models import (
    CaseAccess,
    CaseNote,
    CheckIn,
    FundRequest,
    TeamMember,
    VulnerableResident,
    WelfareCase,
)


@pytest.fixture
def family(settlement):
    household = factories.HouseholdFactory(settlement=settlement, name="Orbach home")
    mother = factories.ResidentFactory(
        settlement=settlement, household=household, first_name="Ayelet", last_name="Orbach"
    )
    own = factories.WelfareCaseFactory(
        household=None,
        resident=mother,
        settlement=settlement,
        need_details="Needs rides to dialysis",
    )
    factories.CaseNoteFactory(case=own, text="Rides arranged with the volunteers")
    shared = factories.WelfareCaseFactory(household=household, need_details="Rent arrears")
    return household, mother, own, shared


def test_the_export_holds_their_cases_decrypted(coordinator_client, family):
    _household, mother, _own, _shared = family
    response = coordinator_client.get(reverse("residents:data_export", args=[mother.pk]))
    data = json.loads(response.content)
    cases = data["welfare"]["cases"]
    assert [(c["for"], c["details"]) for c in cases] == [
        ("resident", "Needs rides to dialysis"),
        ("household", "Rent arrears"),
    ]
    assert cases[0]["notes"][0]["note"] == "Rides arranged with the volunteers"


def test_erasing_the_last_member_takes_the_household_cases_too(coordinator_client, family):
    household, mother, own, shared = family
    with scopes_disabled():
        CaseAccess.objects.create(
            settlement_id=own.settlement_id,
            case_id=own.pk,
            user=factories.UserFactory(),
            action=CaseAccess.Action.OPENED,
            reason="rides",
            at=factories.FIXED_NOW,
        )
    response = coordinator_client.post(
        reverse("residents:erase", args=[mother.pk]),
        {"full_name": "Ayelet Orbach", "reason": "request"},
    )
    assert response.status_code == 302
    with scopes_disabled():
        assert not WelfareCase.objects.exists() and not CaseNote.objects.exists()
        assert CaseAccess.objects.filter(case_id=own.pk).exists()  # the log outlives it


def test_the_household_case_stays_with_the_members_who_stay(coordinator_client, family):
    household, mother, own, shared = family
    factories.ResidentFactory(settlement=household.settlement, household=household)
    response = coordinator_client.post(
        reverse("residents:erase", args=[mother.pk]),
        {"full_name": "Ayelet Orbach", "reason": "request"},
    )
    assert response.status_code == 302
    with scopes_disabled():
        assert list(WelfareCase.objects.values_list("pk", flat=True)) == [shared.pk]


def test_the_export_and_erasure_cover_the_rest_of_welfare(coordinator_client, family):
    """Fund requests, the list of residents who need help, check-ins, tasks taken and a
    place on the team: in the export, and gone (or the name taken off) on erasure."""
    household, mother, own, _shared = family
    settlement = household.settlement
    factories.ReferralFactory(case=own, note="Dialysis unit at the hospital")
    fund = factories.FundRequestFactory(
        programme__settlement=settlement, household=household, purpose="Winter heating"
    )
    factories.VulnerableResidentFactory(resident=mother, needs="Dialysis three times a week")
    factories.CheckInFactory(emergency__settlement=settlement, resident=mother, answer="safe")
    task = factories.SupportTaskFactory(
        programme__settlement=settlement, volunteer=mother, volunteer_name="Ayelet Orbach"
    )
    factories.TeamMemberFactory(settlement=settlement, resident=mother, name="Ayelet Orbach")
    response = coordinator_client.get(reverse("residents:data_export", args=[mother.pk]))
    data = json.loads(response.content)["welfare"]
    assert data["cases"][0]["referrals"][0]["note"] == "Dialysis unit at the hospital"
    assert [r["purpose"] for r in data["fund_requests"]] == ["Winter heating"]
    assert data["needs_help_in_an_emergency"]["needs"] == "Dialysis three times a week"
    assert [c["answer"] for c in data["safety_check_ins"]] == ["safe"]
    assert [t["what"] for t in data["tasks_taken"]] == [task.what]
    assert len(data["emergency_team"]) == 1

    response = coordinator_client.post(
        reverse("residents:erase", args=[mother.pk]),
        {"full_name": "Ayelet Orbach", "reason": "request"},
    )
    assert response.status_code == 302
    with scopes_disabled():
        assert not FundRequest.objects.filter(pk=fund.pk).exists()
        assert not VulnerableResident.objects.exists()
        assert not CheckIn.objects.exists()
        assert not TeamMember.objects.exists()
        task.refresh_from_db()
        assert (task.volunteer_id, task.volunteer_name) == (None, "")
