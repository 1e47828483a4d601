"""Emergency mode's pages: the emergency page and its declaration form, the live board
(and its HTMX refresh), follow-ups, ending, the log, and the resident's answer page."""

import pytest
from django.urls import reverse
from django_scopes import scope

from coordinator.models import OutboxMessage, Role
from tests import factories
from welfare.links import CHECK_IN, link_issue
from welfare.models import CheckIn, Emergency, EmergencyLog

pytestmark = pytest.mark.django_db

HOME = reverse("welfare:emergency")


@pytest.fixture
def team_member(settlement):
    return factories.member(settlement, Role.EMERGENCY, username="team")


@pytest.fixture
def head(settlement):
    user = factories.member(settlement, Role.EMERGENCY, username="head")
    factories.TeamMemberFactory(settlement=settlement, function="head", user=user, phone="050-1")
    return user


def open_emergency(settlement, coordinator, **extra):
    return factories.EmergencyFactory(settlement=settlement, declared_by=coordinator, **extra)


def declare_data(**extra):
    return {
        "kind": "fire",
        "title": "Fire on the hill",
        "instructions": "",
        "confirm": "on",
    } | extra


# The emergency page and declaring


def test_the_page_without_an_emergency_offers_the_form(coordinator_client):
    response = coordinator_client.get(HOME)
    assert response.status_code == 200
    content = response.content.decode()
    assert "No emergency is declared now." in content
    assert "Send the safety check-in to every resident with contact details now" in content


def test_declaring_sends_to_the_board(
    coordinator_client, settlement, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        response = coordinator_client.post(HOME, declare_data(instructions="Stay inside."))
    with scope(settlement=settlement.pk):
        emergency = Emergency.objects.get()
        assert OutboxMessage.objects.filter(job="welfare.check_ins_send").count() == 1
    assert response.status_code == 302
    assert response["Location"] == reverse("welfare:board", args=[emergency.pk])
    assert (emergency.kind, emergency.instructions) == ("fire", "Stay inside.")


def test_declaring_needs_the_confirmation(coordinator_client, settlement):
    response = coordinator_client.post(HOME, declare_data(confirm=""))
    assert response.status_code == 400
    assert "Tick this box to confirm" in response.content.decode()
    with scope(settlement=settlement.pk):
        assert not Emergency.objects.exists()


def test_declaring_while_one_is_open_is_refused(coordinator_client, settlement, coordinator):
    current = open_emergency(settlement, coordinator, title="The storm")
    response = coordinator_client.post(HOME, declare_data())
    content = response.content.decode()
    assert response.status_code == 400
    assert "An emergency is already declared" in content
    assert (
        "Open the live board" in content and reverse("welfare:board", args=[current.pk]) in content
    )
    with scope(settlement=settlement.pk):
        assert Emergency.objects.count() == 1


def test_the_head_of_the_team_declares(client, settlement, head):
    client.force_login(head)
    response = client.post(HOME, declare_data())
    assert response.status_code == 302
    with scope(settlement=settlement.pk):
        assert Emergency.objects.get().declared_by == head


def test_a_team_member_reads_the_page_but_does_not_declare(client, settlement, team_member):
    client.force_login(team_member)
    response = client.get(HOME)
    assert response.status_code == 200
    assert "Declare the emergency" not in response.content.decode()
    assert client.post(HOME, declare_data()).status_code == 404


def test_past_emergencies_with_counts(coordinator_client, settlement, coordinator):
    past = open_emergency(settlement, coordinator, title="Old flood", ended_at=factories.FIXED_NOW)
    factories.CheckInFactory(emergency=past, answer="safe")
    factories.CheckInFactory(emergency=past, answer="help")
    factories.CheckInFactory(emergency=past)
    open_emergency(settlement, coordinator, title="Right now")
    content = coordinator_client.get(HOME).content.decode()
    assert "An emergency is declared now: Right now" in content
    assert "Old flood" in content
    assert '<td class="text-end">3</td>' in content


@pytest.mark.parametrize("past", [1, 25])
def test_the_page_query_count(
    coordinator_client, settlement, coordinator, past, django_assert_num_queries
):
    for _ in range(past):
        open_emergency(settlement, coordinator, ended_at=factories.FIXED_NOW)
    open_emergency(settlement, coordinator)
    with django_assert_num_queries(6):
        assert coordinator_client.get(HOME).status_code == 200


# The board


def fill(emergency, safe=0, help=0, silent=0):
    for answer, count in (("safe", safe), ("help", help), ("", silent)):
        for _ in range(count):
            factories.CheckInFactory(
                emergency=emergency, answer=answer, help_note="Water" if answer == "help" else ""
            )


def test_the_board_shows_counts_and_lists(coordinator_client, settlement, coordinator):
    emergency = open_emergency(settlement, coordinator)
    fill(emergency, safe=2, help=1, silent=3)
    lonely = factories.CheckInFactory(emergency=emergency, resident__last_name="Zzlast")
    factories.VulnerableResidentFactory(resident=lonely.resident)
    factories.TeamMemberFactory(settlement=settlement, name="Youth Noa")
    response = coordinator_client.get(reverse("welfare:board", args=[emergency.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert 'data-count="sent">7<' in content and 'data-count="safe">2<' in content
    assert 'data-count="help">1<' in content and 'data-count="silent">4<' in content
    assert '<option value="Youth Noa">' in content
    assert "End the emergency now" in content
    silent = content.split('id="silent-title"')[1]
    # The vulnerable resident comes first, although their name sorts last.
    assert silent.index("Zzlast") < silent.index("Last")
    assert 'hx-trigger="every 10s"' in content


def test_an_ended_emergency_is_read_only_for_the_coordinator(
    coordinator_client, settlement, coordinator
):
    emergency = open_emergency(settlement, coordinator, ended_at=factories.FIXED_NOW)
    fill(emergency, silent=1)
    content = coordinator_client.get(reverse("welfare:board", args=[emergency.pk])).content
    assert b"This emergency is over" in content
    assert b"Assign someone" not in content and b"End the emergency now" not in content
    assert b"hx-trigger" not in content


def test_the_board_refresh_is_a_partial(coordinator_client, settlement, coordinator):
    emergency = open_emergency(settlement, coordinator)
    fill(emergency, safe=1)
    response = coordinator_client.get(
        reverse("welfare:board", args=[emergency.pk]), headers={"HX-Request": "true"}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert 'data-count="safe">1<' in content
    assert "<html" not in content and "End the emergency now" not in content


@pytest.mark.parametrize("each", [1, 120])
def test_the_board_query_count(
    coordinator_client, settlement, coordinator, each, django_assert_num_queries
):
    emergency = open_emergency(settlement, coordinator)
    fill(emergency, safe=each, help=each, silent=each)
    factories.TeamMemberFactory.create_batch(3, settlement=settlement)
    url = reverse("welfare:board", args=[emergency.pk])
    with django_assert_num_queries(9):
        response = coordinator_client.get(url + "?silent=2")
    assert response.status_code == 200
    content = response.content.decode()
    # Need help: the first page; not heard from: the second (the last, for small data).
    assert content.count('<tr id="check-in-') == (100 if each > 50 else 2)
    assert ("Page 2 of 3" in content) == (each > 50)
    with django_assert_num_queries(8):
        assert coordinator_client.get(url, headers={"HX-Request": "true"}).status_code == 200


def test_a_team_member_sees_the_board_only_during_the_emergency(
    client, settlement, coordinator, team_member
):
    emergency = open_emergency(settlement, coordinator)
    old = open_emergency(settlement, coordinator, ended_at=factories.FIXED_NOW)
    client.force_login(team_member)
    assert client.get(reverse("welfare:board", args=[emergency.pk])).status_code == 200
    assert client.get(reverse("welfare:emergency_log", args=[emergency.pk])).status_code == 200
    assert client.get(reverse("welfare:board", args=[old.pk])).status_code == 404
    with scope(settlement=settlement.pk):
        Emergency.objects.filter(pk=emergency.pk).update(ended_at=factories.FIXED_NOW)
    assert client.get(reverse("welfare:board", args=[emergency.pk])).status_code == 404
    assert client.get(reverse("welfare:emergency_log", args=[emergency.pk])).status_code == 404


def test_another_settlements_board_is_404(
    coordinator_client, other_settlement, other_settlement_coordinator
):
    elsewhere = open_emergency(other_settlement, other_settlement_coordinator)
    assert coordinator_client.get(reverse("welfare:board", args=[elsewhere.pk])).status_code == 404


# Follow-ups


def test_a_follow_up_is_saved_and_shown(coordinator_client, settlement, coordinator):
    emergency = open_emergency(settlement, coordinator)
    row = factories.CheckInFactory(emergency=emergency)
    response = coordinator_client.post(
        reverse("welfare:check_in", args=[row.pk]),
        {"assigned_to": "Youth Noa", "follow_up": "", "note": "Call first"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#check-in-{row.pk}")
    row.refresh_from_db()
    assert (row.assigned_to, row.follow_up, row.follow_up_note) == (
        "Youth Noa",
        "assigned",
        "Call first",
    )
    content = coordinator_client.get(reverse("welfare:board", args=[emergency.pk])).content.decode()
    assert f'data-assigned="{row.pk}">Youth Noa' in content


def test_a_team_member_follows_up_during_the_emergency(
    client, settlement, coordinator, team_member
):
    row = factories.CheckInFactory(emergency=open_emergency(settlement, coordinator))
    client.force_login(team_member)
    url = reverse("welfare:check_in", args=[row.pk])
    assert client.post(url, {"follow_up": "reached"}).status_code == 302
    row.refresh_from_db()
    assert row.follow_up == "reached"
    with scope(settlement=settlement.pk):
        entry = EmergencyLog.objects.get(event="followed_up")
    assert entry.user == team_member


def test_an_empty_follow_up_is_refused(coordinator_client, settlement, coordinator):
    row = factories.CheckInFactory(emergency=open_emergency(settlement, coordinator))
    response = coordinator_client.post(reverse("welfare:check_in", args=[row.pk]), {})
    assert response.status_code == 400
    assert "Write who calls or visits" in response.content.decode()


def test_no_follow_up_after_the_end(coordinator_client, settlement, coordinator):
    emergency = open_emergency(settlement, coordinator, ended_at=factories.FIXED_NOW)
    row = factories.CheckInFactory(emergency=emergency)
    response = coordinator_client.post(
        reverse("welfare:check_in", args=[row.pk]), {"assigned_to": "Noa"}
    )
    assert response.status_code == 400
    assert "This emergency is over" in response.content.decode()
    row.refresh_from_db()
    assert row.assigned_to == ""


def test_another_settlements_check_in_is_404(
    coordinator_client, other_settlement, other_settlement_coordinator
):
    row = factories.CheckInFactory(
        emergency=open_emergency(other_settlement, other_settlement_coordinator)
    )
    response = coordinator_client.post(
        reverse("welfare:check_in", args=[row.pk]), {"assigned_to": "Noa"}
    )
    assert response.status_code == 404


# Ending and the log


def test_ending_closes_the_board_for_the_team(client, settlement, coordinator, head):
    emergency = open_emergency(settlement, coordinator)
    client.force_login(head)
    response = client.post(reverse("welfare:emergency_end", args=[emergency.pk]))
    assert response.status_code == 302 and response["Location"] == HOME
    emergency.refresh_from_db()
    assert emergency.ended_by == head
    assert client.get(reverse("welfare:board", args=[emergency.pk])).status_code == 404
    again = client.post(reverse("welfare:emergency_end", args=[emergency.pk]), follow=True)
    assert "already over" in again.content.decode()


def test_a_team_member_who_is_not_the_head_cannot_end(client, settlement, coordinator, team_member):
    emergency = open_emergency(settlement, coordinator)
    client.force_login(team_member)
    assert client.post(reverse("welfare:emergency_end", args=[emergency.pk])).status_code == 404
    emergency.refresh_from_db()
    assert emergency.ended_at is None


@pytest.mark.parametrize("entries", [1, 60])
def test_the_log(coordinator_client, settlement, coordinator, entries, django_assert_num_queries):
    emergency = open_emergency(settlement, coordinator)
    factories.EmergencyLogFactory.create_batch(
        entries, emergency=emergency, user=coordinator, detail="Noted"
    )
    with django_assert_num_queries(6):
        response = coordinator_client.get(reverse("welfare:emergency_log", args=[emergency.pk]))
    assert response.status_code == 200
    assert response.content.decode().count("Noted") == min(entries, 50)


def test_the_log_is_newest_first(coordinator_client, settlement, coordinator):
    emergency = open_emergency(settlement, coordinator)
    factories.EmergencyLogFactory(emergency=emergency, detail="First thing")
    factories.EmergencyLogFactory(
        emergency=emergency, detail="Later thing", at=factories.FIXED_NOW.replace(hour=11)
    )
    content = coordinator_client.get(
        reverse("welfare:emergency_log", args=[emergency.pk])
    ).content.decode()
    assert content.index("Later thing") < content.index("First thing")


# The resident's page


def with_link(emergency, **extra):
    row = factories.CheckInFactory(emergency=emergency, **extra)
    token = link_issue(row, CHECK_IN)
    row.save()
    return row, reverse("help:check_in", kwargs={"slug": emergency.settlement.slug, "token": token})


def test_a_resident_answers_and_changes_the_answer(client, settlement, coordinator):
    row, url = with_link(open_emergency(settlement, coordinator, instructions="Go to the school."))
    page = client.get(url)
    assert page.status_code == 200
    assert "We are safe" in page.content.decode() and "Go to the school." in page.content.decode()
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    response = client.post(url, {"answer": "help", "help_note": "Medicine"})
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.answer, row.help_note) == ("help", "Medicine")
    assert "Someone from the team will contact you" in client.get(url).content.decode()
    client.post(url, {"answer": "safe"})
    row.refresh_from_db()
    assert (row.answer, row.help_note) == ("safe", "")
    with scope(settlement=settlement.pk):
        assert EmergencyLog.objects.filter(event="answered").count() == 2


def test_an_empty_answer_is_refused(client, settlement, coordinator):
    row, url = with_link(open_emergency(settlement, coordinator))
    response = client.post(url, {})
    assert response.status_code == 400
    assert "Press one of the two buttons" in response.content.decode()
    row.refresh_from_db()
    assert row.answer == ""


def test_a_too_long_help_note_is_refused(client, settlement, coordinator):
    row, url = with_link(open_emergency(settlement, coordinator))
    response = client.post(url, {"answer": "help", "help_note": "x" * 501})
    assert response.status_code == 400
    assert "at most 500 characters" in response.content.decode()
    row.refresh_from_db()
    assert row.answer == ""


def test_the_page_in_the_residents_language(client, settlement, coordinator):
    _row, url = with_link(
        open_emergency(settlement, coordinator), resident__preferred_language="he"
    )
    response = client.get(url)
    assert response["Content-Language"] == "he"
    assert 'lang="he"' in response.content.decode()


def test_an_emergency_that_is_over(client, settlement, coordinator):
    factories.TeamMemberFactory(settlement=settlement, function="head", phone="050-7777777")
    row, url = with_link(open_emergency(settlement, coordinator, ended_at=factories.FIXED_NOW))
    content = client.get(url).content.decode()
    assert "This emergency is over." in content and "050-7777777" in content
    response = client.post(url, {"answer": "safe"})
    assert response.status_code == 400
    row.refresh_from_db()
    assert row.answer == ""


def test_a_bad_token_or_another_settlement_is_404(
    client, settlement, other_settlement, coordinator
):
    _row, url = with_link(open_emergency(settlement, coordinator))
    assert client.get(url[:-3] + "xyz/").status_code == 404
    elsewhere = url.replace(f"/p/{settlement.slug}/", f"/p/{other_settlement.slug}/")
    assert client.get(elsewhere).status_code == 404


@pytest.mark.parametrize("before", [0, 30])
def test_the_answer_page_query_count(
    client, settlement, coordinator, before, django_assert_num_queries
):
    emergency = open_emergency(settlement, coordinator)
    fill(emergency, safe=before)
    _row, url = with_link(emergency)
    with django_assert_num_queries(2):
        response = client.get(url)
    assert response.status_code == 200
    with scope(settlement=settlement.pk):
        assert CheckIn.objects.filter(emergency=emergency).count() == before + 1
