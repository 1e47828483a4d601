"""The staff pages of community support: programmes (a chair sees their committee's),
a programme's tasks and link, a task, the charity fund and its decisions."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from coordinator.models import Role
from tests import factories
from welfare.models import CaseAccess
from welfare.models_support import FundRequest, SupportProgramme, SupportTask
from welfare.trail import SESSION_KEY


@pytest.fixture
def committee(settlement, chair):
    committee = factories.CommitteeFactory(settlement=settlement, name="Chesed committee")
    committee.chairs.add(chair)
    return committee


@pytest.fixture
def programme(settlement, committee):
    return factories.SupportProgrammeFactory(
        settlement=settlement, committee=committee, title="Meals for the Levi baby"
    )


def test_the_coordinator_adds_a_programme(coordinator_client, settlement, committee):
    response = coordinator_client.post(
        reverse("welfare:programmes"),
        {"kind": "meals", "title": "Meals after a birth", "committee": committee.pk},
    )
    with scope(settlement=settlement.pk):
        programme = SupportProgramme.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("welfare:programme", args=[programme.pk])
    assert (programme.committee, programme.active) == (committee, True)


def test_an_empty_or_bad_programme_is_refused(coordinator_client, settlement, other_settlement):
    far = factories.CommitteeFactory(settlement=other_settlement)
    assert coordinator_client.post(reverse("welfare:programmes"), {}).status_code == 400
    response = coordinator_client.post(
        reverse("welfare:programmes"),
        {"kind": "meals", "title": "X", "committee": far.pk},
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    with scope(settlement=settlement.pk):
        assert not SupportProgramme.objects.exists()


def test_a_chair_sees_only_their_committees_programmes(client, settlement, chair, programme):
    factories.SupportProgrammeFactory(settlement=settlement, title="Another committee's rides")
    client.force_login(chair)
    response = client.get(reverse("welfare:programmes"))
    body = response.content.decode()
    assert "Meals for the Levi baby" in body
    assert "Another committee" not in body
    assert "A new programme" not in body  # a chair does not add programmes
    assert client.post(reverse("welfare:programmes"), {"title": "x"}).status_code == 404


def test_a_chair_runs_their_programme_not_anothers(client, settlement, chair, programme):
    other = factories.SupportProgrammeFactory(
        settlement=settlement, committee=factories.CommitteeFactory(settlement=settlement)
    )
    client.force_login(chair)
    assert client.get(reverse("welfare:programme", args=[programme.pk])).status_code == 200
    assert client.get(reverse("welfare:programme", args=[other.pk])).status_code == 404
    assert client.get(reverse("welfare:programme_edit", args=[other.pk])).status_code == 404


def test_a_chair_cannot_move_their_programme_to_another_committee(
    client, settlement, chair, programme
):
    other = factories.CommitteeFactory(settlement=settlement)
    client.force_login(chair)
    url = reverse("welfare:programme_edit", args=[programme.pk])
    data = {"kind": "meals", "title": "Moved", "committee": other.pk, "active": "on"}
    assert client.post(url, data).status_code == 400
    assert client.post(url, {**data, "committee": ""}).status_code == 400
    assert client.post(url, {**data, "committee": programme.committee_id}).status_code == 302
    programme.refresh_from_db()
    assert (programme.title, programme.committee_id) == ("Moved", programme.committee_id)


def test_another_settlements_programme_is_404(coordinator_client, other_settlement):
    far = factories.SupportProgrammeFactory(settlement=other_settlement)
    task = factories.SupportTaskFactory(programme=far)
    request = factories.FundRequestFactory(programme__settlement=other_settlement)
    for url in (
        reverse("welfare:programme", args=[far.pk]),
        reverse("welfare:programme_edit", args=[far.pk]),
        reverse("welfare:task_edit", args=[task.pk]),
        reverse("welfare:fund_request", args=[request.pk]),
    ):
        assert coordinator_client.get(url).status_code == 404
    assert (
        coordinator_client.post(reverse("welfare:programme_link", args=[far.pk])).status_code == 404
    )


def test_a_meal_train_of_five_days_from_the_page(coordinator_client, settlement, programme):
    url = reverse("welfare:programme", args=[programme.pk])
    data = {
        "kind": "meal",
        "what": "Dinner for four",
        "on": "2026-11-24",
        "at": "18:00",
        "where": "Olive Street 3",
        "repeat": "daily",
        "count": "5",
    }
    assert coordinator_client.post(url, data).status_code == 302
    with scope(settlement=settlement.pk):
        days = list(SupportTask.objects.values_list("on", flat=True))
    assert days == [dt.date(2026, 11, 24) + dt.timedelta(days=n) for n in range(5)]
    page = coordinator_client.get(url).content.decode()
    assert page.count("Dinner for four") == 5
    assert "Needs a volunteer" in page


def test_bad_tasks_are_refused(coordinator_client, settlement, programme):
    url = reverse("welfare:programme", args=[programme.pk])
    assert coordinator_client.post(url, {}).status_code == 400
    too_many = {"kind": "meal", "what": "x", "on": "2026-11-24", "repeat": "daily", "count": 61}
    response = coordinator_client.post(url, too_many)
    assert response.status_code == 400
    assert "less than or equal to 60" in response.content.decode()
    with scope(settlement=settlement.pk):
        assert not SupportTask.objects.exists()


def test_making_the_link_shows_it_with_a_qr(coordinator_client, settlement, programme):
    page = reverse("welfare:programme", args=[programme.pk])
    assert "No link yet" in coordinator_client.get(page).content.decode()
    response = coordinator_client.post(reverse("welfare:programme_link", args=[programme.pk]))
    assert response.status_code == 302
    programme.refresh_from_db()
    body = coordinator_client.get(page).content.decode()
    assert f"/p/{settlement.slug}/help/" in body
    assert 'src="data:image/svg+xml' in body
    assert programme.token_hash


def test_editing_a_programme_can_stop_it(coordinator_client, programme):
    url = reverse("welfare:programme_edit", args=[programme.pk])
    assert coordinator_client.get(url).status_code == 200
    data = {"kind": "meals", "title": "Meals (over)", "active": ""}
    assert coordinator_client.post(url, data).status_code == 302
    programme.refresh_from_db()
    assert (programme.title, programme.active) == ("Meals (over)", False)
    bad = {"kind": "meals", "title": "X", "starts_on": "2026-12-01", "ends_on": "2026-11-01"}
    response = coordinator_client.post(url, bad)
    assert response.status_code == 400
    assert "before the start date" in response.content.decode()


def test_a_task_gets_a_volunteer_and_is_marked_done(coordinator_client, settlement, programme):
    resident = factories.ResidentFactory(settlement=settlement)
    task = factories.SupportTaskFactory(programme=programme)
    url = reverse("welfare:task_edit", args=[task.pk])
    data = {
        "action": "save",
        "kind": "meal",
        "what": "Soup",
        "on": "2026-11-25",
        "where": "Olive Street 3",
        "status": "open",
        "volunteer": resident.pk,
    }
    assert coordinator_client.post(url, data).status_code == 302
    task.refresh_from_db()
    assert (task.what, task.volunteer, task.status) == ("Soup", resident, "taken")
    response = coordinator_client.post(url, {"action": "send"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.token_hash
    coordinator_client.post(url, {"action": "done"})
    task.refresh_from_db()
    assert task.status == "done"
    assert task.done_at == factories.FIXED_NOW


def test_an_invalid_task_is_refused(coordinator_client, settlement, programme, other_settlement):
    task = factories.SupportTaskFactory(programme=programme)
    far = factories.ResidentFactory(settlement=other_settlement)
    url = reverse("welfare:task_edit", args=[task.pk])
    assert coordinator_client.post(url, {}).status_code == 400
    data = {"kind": "meal", "what": "x", "on": "2026-11-25", "status": "open", "volunteer": far.pk}
    assert coordinator_client.post(url, data).status_code == 400
    task.refresh_from_db()
    assert task.volunteer is None


def test_a_case_task_asks_for_the_reason_first_and_shows_nothing_of_the_case(
    coordinator_client, settlement
):
    case = factories.WelfareCaseFactory(
        household__settlement=settlement, need_details="SECRET-NEED"
    )
    factories.CaseNoteFactory(case=case, text="SECRET-NOTE")
    task = factories.SupportTaskFactory(case=case, programme=None, what="A ride")
    url = reverse("welfare:task_edit", args=[task.pk])
    response = coordinator_client.get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("welfare:case_detail", args=[case.pk])
    session = coordinator_client.session
    session[SESSION_KEY] = [case.pk]
    session.save()
    body = coordinator_client.get(url).content.decode()
    assert "A support action of a case" in body
    assert "SECRET" not in body
    assert case.household.name not in body
    data = {"action": "save", "kind": "ride", "what": "A ride", "on": "2026-11-26"}
    assert coordinator_client.post(url, {**data, "status": "open"}).status_code == 302
    with scope(settlement=settlement.pk):
        whats = list(CaseAccess.objects.filter(case_id=case.pk).values_list("what", flat=True))
    assert whats == ["support action"]


def test_a_chair_edits_a_case_task_of_their_programme_as_the_programmes(
    client, settlement, chair, programme
):
    case = factories.WelfareCaseFactory(
        household__settlement=settlement, need_details="SECRET-NEED"
    )
    task = factories.SupportTaskFactory(case=case, programme=programme, what="Soup")
    client.force_login(chair)
    response = client.get(reverse("welfare:task_edit", args=[task.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "SECRET" not in body
    assert reverse("welfare:case_detail", args=[case.pk]) not in body
    data = {"action": "save", "kind": "meal", "what": "Stew", "on": "2026-11-26"}
    assert client.post(reverse("welfare:task_edit", args=[task.pk]), {**data, "status": "open"})[
        "Location"
    ] == reverse("welfare:programme", args=[programme.pk])
    with scope(settlement=settlement.pk):
        assert CaseAccess.objects.filter(case_id=case.pk, what="support action").exists()


def test_a_social_worker_not_on_the_case_cannot_reach_its_task(client, settlement):
    case = factories.WelfareCaseFactory(household__settlement=settlement)
    task = factories.SupportTaskFactory(case=case, programme=None)
    client.force_login(factories.member(settlement, Role.SOCIAL_WORKER))
    assert client.get(reverse("welfare:task_edit", args=[task.pk])).status_code == 404


def test_the_fund_lists_requests_with_this_years_totals(coordinator_client, settlement):
    fund = factories.SupportProgrammeFactory(settlement=settlement, kind="fund")
    household = factories.HouseholdFactory(settlement=settlement, name="Cohen")
    factories.FundRequestFactory(
        programme=fund,
        household=household,
        amount=Decimal("1000.00"),
        decision="approved",
        amount_granted=Decimal("750.50"),
    )
    factories.FundRequestFactory(programme=fund, amount=Decimal("200.00"))
    factories.FundRequestFactory(
        programme=fund, amount=Decimal("9999.00"), requested_on=dt.date(2025, 12, 31)
    )
    response = coordinator_client.get(reverse("welfare:fund"))
    body = response.content.decode()
    assert response.context["asked"] == "1,200.00\xa0€"
    assert response.context["approved"] == "750.50\xa0€"
    assert "Cohen" in body
    assert "asked in 2026" in body
    assert "Heating bills" not in body  # what for: only on the request's page


def test_a_new_fund_request(coordinator_client, settlement, other_settlement):
    fund = factories.SupportProgrammeFactory(settlement=settlement, kind="fund")
    household = factories.HouseholdFactory(settlement=settlement)
    url = reverse("welfare:fund")
    assert coordinator_client.post(url, {}).status_code == 400
    data = {
        "programme": fund.pk,
        "household": household.pk,
        "kind": "loan",
        "amount": "0",
        "purpose": "Rent",
    }
    assert coordinator_client.post(url, data).status_code == 400
    far = factories.HouseholdFactory(settlement=other_settlement)
    assert (
        coordinator_client.post(url, {**data, "amount": "300", "household": far.pk}).status_code
        == 400
    )
    response = coordinator_client.post(url, {**data, "amount": "300"})
    assert response.status_code == 302
    with scope(settlement=settlement.pk):
        row = FundRequest.objects.get()
    assert (row.amount, row.kind, row.purpose) == (Decimal("300.00"), "loan", "Rent")


def test_deciding_a_request(coordinator_client, coordinator, settlement):
    row = factories.FundRequestFactory(programme__settlement=settlement, kind="loan")
    url = reverse("welfare:fund_request", args=[row.pk])
    body = coordinator_client.get(url).content.decode()
    assert "Heating bills for the winter" in body
    assert "Repaid on" in body
    bad = {"decision": "approved", "decided_on": "2026-11-23"}
    assert coordinator_client.post(url, bad).status_code == 400
    good = {
        "decision": "approved",
        "amount_granted": "900",
        "decided_on": "2026-11-23",
        "decision_note": "Within the rules",
        "repaid_on": "",
    }
    assert coordinator_client.post(url, good).status_code == 302
    row.refresh_from_db()
    assert (row.decision, row.amount_granted, row.decided_by) == (
        "approved",
        Decimal("900.00"),
        coordinator,
    )
    assert row.decision_note == "Within the rules"


def test_a_chair_has_no_fund(client, chair):
    client.force_login(chair)
    assert client.get(reverse("welfare:fund")).status_code == 404


def test_a_social_worker_reads_the_fund_requests_of_their_own_cases_only(client, settlement):
    """What a family asked the fund for is part of their case: a social worker not on the
    case neither lists nor opens it; requests of no case stay open to both."""
    mine, theirs = (factories.member(settlement, Role.SOCIAL_WORKER) for _ in range(2))
    fund = factories.SupportProgrammeFactory(settlement=settlement, kind="fund")
    own_case = factories.WelfareCaseFactory(household__settlement=settlement, social_worker=mine)
    other_case = factories.WelfareCaseFactory(
        household__settlement=settlement, social_worker=theirs
    )
    own = factories.FundRequestFactory(programme=fund, case=own_case, purpose="Own purpose")
    other = factories.FundRequestFactory(programme=fund, case=other_case, purpose="Other")
    loose = factories.FundRequestFactory(programme=fund, amount=Decimal("77.00"))
    client.force_login(mine)
    listing = client.get(reverse("welfare:fund")).content.decode()
    assert reverse("welfare:fund_request", args=[own.pk]) in listing
    assert reverse("welfare:fund_request", args=[loose.pk]) in listing
    assert reverse("welfare:fund_request", args=[other.pk]) not in listing
    assert client.get(reverse("welfare:fund_request", args=[other.pk])).status_code == 404
    assert client.post(reverse("welfare:fund_request", args=[other.pk]), {}).status_code == 404


def test_reading_a_case_s_fund_request_is_in_the_case_s_trail(coordinator_client, settlement):
    fund = factories.SupportProgrammeFactory(settlement=settlement, kind="fund")
    case = factories.WelfareCaseFactory(household__settlement=settlement)
    row = factories.FundRequestFactory(programme=fund, case=case)
    assert coordinator_client.get(reverse("welfare:fund_request", args=[row.pk])).status_code == 200
    with scopes_disabled():
        entry = CaseAccess.objects.get(case_id=case.pk)
    assert (entry.action, entry.what) == (CaseAccess.Action.READ, "fund request")
