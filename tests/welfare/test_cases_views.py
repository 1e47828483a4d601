"""The case pages: the list (filters, search, pages; a social worker sees only theirs),
a new case, the reason asked once per session, every view and change in the trail, the
forms' invalid input (400), the trail pages, and 404 for everyone else."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from coordinator.models import Role
from tests import factories
from welfare.models import CaseAccess, CaseNote, WelfareCase
from welfare.models_support import Referral, SupportTask

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def worker(settlement):
    return factories.member(settlement, Role.SOCIAL_WORKER, username="worker")


@pytest.fixture
def household(settlement):
    return factories.HouseholdFactory(settlement=settlement, name="The Levis")


@pytest.fixture
def case(household, worker):
    return factories.WelfareCaseFactory(
        household=household,
        social_worker=worker,
        need_details="Behind on rent",
        review_on=dt.date(2026, 11, 1),
    )


def entries(case) -> list[tuple[str, str, str]]:
    return [
        (e.action, e.what, e.reason)
        for e in CaseAccess.objects.filter(case_id=case.pk).order_by("id")
    ]


def open_case(client, case, reason="Review before the visit"):
    response = client.post(reverse("welfare:case_open", args=[case.pk]), {"reason": reason})
    assert response.status_code == 302
    return response


# --- the list ------------------------------------------------------------------------------


def test_the_list_shows_open_cases_without_details(coordinator_client, case, settlement):
    factories.WelfareCaseFactory(
        household__settlement=settlement, household__name="Closed family", status="closed"
    )
    factories.CaseNoteFactory(case=case, text="A private note")
    response = coordinator_client.get(reverse("welfare:cases"))
    assert response.status_code == 200
    body = text(response)
    assert "The Levis" in body
    assert "Food" in body
    assert "overdue" in body  # reviewed on 1 Nov, today is 23 Nov
    assert "Closed family" not in body
    assert "Behind on rent" not in body
    assert "A private note" not in body
    assert not CaseAccess.objects.exists()  # the list is not a read of a case


def test_the_list_filters_by_status_and_searches(coordinator_client, case, settlement):
    resident = factories.ResidentFactory(
        settlement=settlement, first_name="Miri", last_name="Cohen"
    )
    factories.WelfareCaseFactory(
        household=None, resident=resident, settlement=settlement, status="closed"
    )
    url = reverse("welfare:cases")
    body = text(coordinator_client.get(url, {"status": "all"}))
    assert "The Levis" in body and "Miri Cohen" in body
    body = text(coordinator_client.get(url, {"status": "closed"}))
    assert "The Levis" not in body and "Miri Cohen" in body
    body = text(coordinator_client.get(url, {"status": "all", "q": "cohen"}))
    assert "The Levis" not in body and "Miri Cohen" in body
    body = text(coordinator_client.get(url, {"q": "nobody"}))
    assert "No cases match this name." in body
    # An unknown status is the default.
    assert "The Levis" in text(coordinator_client.get(url, {"status": "bogus"}))


def test_the_list_is_empty_at_first(coordinator_client):
    assert "No cases yet" in text(coordinator_client.get(reverse("welfare:cases")))


def test_the_list_paginates(coordinator_client, settlement):
    factories.WelfareCaseFactory.create_batch(26, household__settlement=settlement)
    url = reverse("welfare:cases")
    first = coordinator_client.get(url)
    assert len(first.context["page"].object_list) == 25
    assert "Page 1 of 2" in text(first)
    second = coordinator_client.get(url, {"page": 2})
    assert len(second.context["page"].object_list) == 1


def test_a_social_worker_sees_only_their_cases(client, case, worker, settlement):
    factories.WelfareCaseFactory(household__settlement=settlement, household__name="Others")
    client.force_login(worker)
    body = text(client.get(reverse("welfare:cases")))
    assert "The Levis" in body
    assert "Others" not in body


# --- a new case ----------------------------------------------------------------------------


def test_a_new_case_is_created_opened_and_logged(coordinator_client, household, worker):
    url = reverse("welfare:case_create")
    assert coordinator_client.get(url).status_code == 200
    response = coordinator_client.post(
        url,
        {
            "household": household.pk,
            "categories": ["food", "health"],
            "need_details": "Needs a ride to the clinic",
            "came_to_light": "self",
            "consent": "on",
            "social_worker": worker.pk,
            "review_on": "2026-12-01",
        },
    )
    with scopes_disabled():
        case = WelfareCase.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("welfare:case_detail", args=[case.pk])
    assert case.social_worker == worker
    assert case.consent_at is not None
    assert [e[:2] for e in entries(case)] == [("changed", "created"), ("opened", "")]
    # The creator is not asked for a reason at once.
    page = coordinator_client.get(response["Location"])
    assert "Needs a ride to the clinic" in text(page)


def test_a_social_worker_is_assigned_by_default(client, worker, household):
    client.force_login(worker)
    response = client.get(reverse("welfare:case_create"))
    assert response.context["form"]["social_worker"].value() == worker.pk


@pytest.mark.parametrize(
    "data",
    [
        {"categories": ["food"], "came_to_light": "self"},  # nobody
        {"household": "HOUSEHOLD", "came_to_light": "self"},  # no need
        {
            "household": "HOUSEHOLD",
            "categories": ["food"],
            "came_to_light": "self",
            "review_on": "not a date",
        },
    ],
)
def test_an_invalid_new_case_is_400(coordinator_client, household, data):
    data = {k: household.pk if v == "HOUSEHOLD" else v for k, v in data.items()}
    response = coordinator_client.post(reverse("welfare:case_create"), data)
    assert response.status_code == 400
    assert "Nothing was saved." in text(response)
    with scopes_disabled():
        assert not WelfareCase.objects.exists()


def test_another_settlements_household_is_not_a_choice(coordinator_client, other_settlement):
    far = factories.HouseholdFactory(settlement=other_settlement, name="Far family")
    response = coordinator_client.get(reverse("welfare:case_create"))
    assert "Far family" not in text(response)
    response = coordinator_client.post(
        reverse("welfare:case_create"),
        {"household": far.pk, "categories": ["food"], "came_to_light": "self"},
    )
    assert response.status_code == 400


def test_a_case_given_to_another_social_worker_goes_back_to_the_list(
    client, worker, household, settlement
):
    colleague = factories.member(settlement, Role.SOCIAL_WORKER, first_name="Other")
    client.force_login(worker)
    response = client.post(
        reverse("welfare:case_create"),
        {
            "household": household.pk,
            "categories": ["food"],
            "came_to_light": "self",
            "social_worker": colleague.pk,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("welfare:cases")
    with scopes_disabled():
        case = WelfareCase.objects.get()
    assert case.social_worker == colleague
    assert [e[0] for e in entries(case)] == ["changed"]  # created, not opened


# --- the reason, once per session ----------------------------------------------------------


def test_the_reason_is_asked_once_per_session(client, case, worker):
    factories.CaseNoteFactory(case=case, text="Spoke with the mother")
    client.force_login(worker)
    url = reverse("welfare:case_detail", args=[case.pk])
    first = text(client.get(url))
    assert "Why are you opening this case?" in first
    assert "Behind on rent" not in first and "Spoke with the mother" not in first
    assert entries(case) == []
    open_case(client, case, "Home visit tomorrow")
    second = text(client.get(url))
    assert "Behind on rent" in second and "Spoke with the mother" in second
    assert entries(case) == [("opened", "", "Home visit tomorrow"), ("read", "", "")]
    client.get(url)
    assert [e[0] for e in entries(case)] == ["opened", "read", "read"]
    # A new session asks again.
    fresh = Client()
    fresh.force_login(worker)
    again = text(fresh.get(url))
    assert "Why are you opening this case?" in again and "Behind on rent" not in again


def test_an_empty_reason_is_400(coordinator_client, case):
    url = reverse("welfare:case_open", args=[case.pk])
    response = coordinator_client.post(url, {"reason": "  "})
    assert response.status_code == 400
    assert "Behind on rent" not in text(response)
    assert coordinator_client.post(url, {"reason": "x" * 301}).status_code == 400
    assert entries(case) == []


def test_the_case_page_shows_everything_once_opened(coordinator_client, case, settlement):
    factories.ReferralFactory(case=case, contact="Dana at the council", note="Income check")
    volunteer = factories.ResidentFactory(settlement=settlement, first_name="Ruth", last_name="B")
    factories.SupportTaskFactory(
        case=case, programme=None, what="Soup on Friday", volunteer=volunteer
    )
    open_case(coordinator_client, case)
    url = reverse("welfare:case_detail", args=[case.pk])
    body = text(coordinator_client.get(url))
    for shown in (
        "Dana at the council",
        "Income check",
        "Soup on Friday",
        "Ruth B",
        "No notes yet.",
    ):
        assert shown in body
    # The search and HTMX variants answer as well.
    assert (
        coordinator_client.get(url, {"q": "x"}, headers={"HX-Request": "true"}).status_code == 200
    )


# --- changes need the reason first, and are logged -----------------------------------------


@pytest.mark.parametrize("name", ["case_edit", "referral_create", "case_task_create"])
def test_changes_before_the_reason_go_to_the_case(coordinator_client, case, name):
    url = reverse(f"welfare:{name}", args=[case.pk])
    for response in (coordinator_client.get(url), coordinator_client.post(url, {})):
        assert response.status_code == 302
        assert response["Location"] == reverse("welfare:case_detail", args=[case.pk])


def test_a_note_before_the_reason_is_not_saved(coordinator_client, case):
    response = coordinator_client.post(
        reverse("welfare:note_add", args=[case.pk]), {"text": "Hello"}
    )
    assert response.status_code == 302
    with scopes_disabled():
        assert not CaseNote.objects.exists()


def test_a_note_is_added_and_logged(coordinator_client, case):
    open_case(coordinator_client, case)
    url = reverse("welfare:note_add", args=[case.pk])
    assert coordinator_client.post(url, {"text": ""}).status_code == 400
    response = coordinator_client.post(url, {"text": "The rent is paid"})
    assert response.status_code == 302
    with scopes_disabled():
        assert CaseNote.objects.get().text == "The rent is paid"
    assert entries(case)[-1] == ("changed", "note", "")


def test_the_case_is_edited_closed_and_logged(coordinator_client, case, worker):
    open_case(coordinator_client, case)
    url = reverse("welfare:case_edit", args=[case.pk])
    form = coordinator_client.get(url)
    assert form.status_code == 200
    assert "Behind on rent" in text(form)
    assert entries(case)[-1] == ("read", "details", "")  # the form shows the details
    base = {
        "household": case.household_id,
        "categories": ["food"],
        "need_details": "Behind on rent",
        "came_to_light": case.came_to_light,
        "social_worker": worker.pk,
        "review_on": "2026-11-01",
        "status": "closed",
    }
    assert coordinator_client.post(url, {**base, "status": "lost"}).status_code == 400
    response = coordinator_client.post(url, base)
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == WelfareCase.Status.CLOSED
    assert case.closed_at is not None
    assert entries(case)[-1] == ("changed", "status", "")


def test_a_referral_is_added_and_its_outcome_recorded(coordinator_client, case):
    open_case(coordinator_client, case)
    url = reverse("welfare:referral_create", args=[case.pk])
    assert coordinator_client.get(url).status_code == 200
    assert coordinator_client.post(url, {"service": "social"}).status_code == 400
    response = coordinator_client.post(
        url, {"service": "housing", "contact": "Avi", "referred_on": "2026-11-20", "note": ""}
    )
    assert response.status_code == 302
    with scopes_disabled():
        referral = Referral.objects.get()
    edit = reverse("welfare:referral_edit", args=[referral.pk])
    assert coordinator_client.get(edit).status_code == 200
    assert entries(case)[-1] == ("read", "referral", "")
    assert coordinator_client.post(edit, {"outcome": "maybe"}).status_code == 400
    response = coordinator_client.post(
        edit, {"outcome": "accepted", "outcome_on": "2026-11-22", "note": "Starts in December"}
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.outcome == "accepted"
    changes = [e[:2] for e in entries(case) if e[0] == "changed"]
    assert changes == [("changed", "referral")] * 2


def test_a_support_action_is_added_and_its_link_sent(coordinator_client, case, settlement):
    volunteer = factories.ResidentFactory(settlement=settlement, email="ruth@example.org")
    open_case(coordinator_client, case)
    url = reverse("welfare:case_task_create", args=[case.pk])
    assert coordinator_client.get(url).status_code == 200
    invalid = coordinator_client.post(url, {"kind": "loan", "what": "Loan", "on": "2026-11-25"})
    assert invalid.status_code == 400
    assert "Give the amount" in text(invalid)
    response = coordinator_client.post(
        url,
        {
            "kind": "meal",
            "what": "Dinner for four",
            "on": "2026-11-25",
            "at": "18:00",
            "where": "Olive Street 3",
            "volunteer": volunteer.pk,
            "send_link": "on",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        task = SupportTask.objects.get()
    assert task.case_id == case.pk
    assert task.token_hash  # a personal link was issued
    assert entries(case)[-1] == ("changed", "support action", "")


def test_a_referral_of_another_settlement_is_404(coordinator_client, other_settlement):
    far = factories.ReferralFactory(case__household__settlement=other_settlement)
    url = reverse("welfare:referral_edit", args=[far.pk])
    assert coordinator_client.get(url).status_code == 404


# --- the trail pages -----------------------------------------------------------------------


def test_the_trail_shows_the_other_persons_reason(client, coordinator, case, worker):
    client.force_login(worker)
    open_case(client, case, "Checking the benefits claim")
    client.logout()
    client.force_login(coordinator)
    before = len(entries(case))
    response = client.get(reverse("welfare:case_access", args=[case.pk]))
    assert response.status_code == 200
    assert "Checking the benefits claim" in text(response)
    assert len(entries(case)) == before  # reading the trail is not a read of the case
    assert "Behind on rent" not in text(response)


def test_the_access_log_lists_openings_and_filters(client, coordinator, case, worker, settlement):
    other = factories.WelfareCaseFactory(household__settlement=settlement)
    client.force_login(coordinator)
    open_case(client, case, "First reason")
    open_case(client, other, "Second reason")
    url = reverse("welfare:access_log")
    body = text(client.get(url))
    assert "First reason" in body and "Second reason" in body
    body = text(client.get(url, {"case": other.pk}))
    assert "First reason" not in body and "Second reason" in body
    client.logout()
    client.force_login(worker)  # only their own case's openings
    body = text(client.get(url))
    assert "First reason" in body and "Second reason" not in body


def test_the_access_log_is_empty_at_first(coordinator_client):
    assert "No openings yet." in text(coordinator_client.get(reverse("welfare:access_log")))


# --- nobody else reaches a case --------------------------------------------------------------

OUTSIDERS = [Role.CHAIR, Role.BOARD, Role.SECRETARY, Role.EMERGENCY, "staff", "far", "worker2"]


@pytest.mark.parametrize("who", OUTSIDERS)
def test_everyone_else_gets_404_on_every_case_page(client, case, settlement, other_settlement, who):
    referral = factories.ReferralFactory(case=case)
    if who == "staff":
        user = factories.council_staff(settlement.council)
    elif who == "far":
        user = factories.member(other_settlement, Role.COORDINATOR)
    elif who == "worker2":
        user = factories.member(settlement, Role.SOCIAL_WORKER)  # not assigned
    else:
        user = factories.member(settlement, who)
    client.force_login(user)
    pages = [
        ("welfare:case_detail", case.pk, "get"),
        ("welfare:case_open", case.pk, "post"),
        ("welfare:case_edit", case.pk, "get"),
        ("welfare:case_edit", case.pk, "post"),
        ("welfare:note_add", case.pk, "post"),
        ("welfare:referral_create", case.pk, "get"),
        ("welfare:referral_edit", referral.pk, "get"),
        ("welfare:case_task_create", case.pk, "get"),
        ("welfare:case_access", case.pk, "get"),
    ]
    for name, pk, method in pages:
        url = reverse(name, args=[pk])
        response = client.get(url) if method == "get" else client.post(url, {"reason": "x"})
        assert response.status_code == 404, f"{who} {name}"
    if who == "far":  # their own settlement's list: nothing of ours
        assert "The Levis" not in text(client.get(reverse("welfare:cases")))
    elif who != "worker2":
        for name in ("welfare:cases", "welfare:case_create", "welfare:access_log"):
            assert client.get(reverse(name)).status_code == 404, f"{who} {name}"
    assert entries(case) == []


# --- nothing in plain text in the database ---------------------------------------------------


def test_the_database_holds_no_plain_text(coordinator_client, case):
    open_case(coordinator_client, case)
    coordinator_client.post(
        reverse("welfare:note_add", args=[case.pk]), {"text": "Confidential note text"}
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT need_details FROM welfare_welfarecase WHERE id = %s", [case.pk])
        (details,) = cursor.fetchone()
        cursor.execute("SELECT text FROM welfare_casenote WHERE case_id = %s", [case.pk])
        (note,) = cursor.fetchone()
    assert details and "Behind on rent" not in details
    assert note and "Confidential" not in note
    assert "Confidential note text" in text(
        coordinator_client.get(reverse("welfare:case_detail", args=[case.pk]))
    )
