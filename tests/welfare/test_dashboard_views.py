"""The coordinator's home panel, the council's dashboard panel and the welfare policy page:
numbers only, and never a number from one to four."""

import html
import re

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from coordinator.models import AuditEvent, Role
from tests import factories
from welfare.models import WelfarePolicy

HIDDEN = "fewer than 5"


def visible(response) -> str:
    """The page's text as a reader sees it (no tags, no attributes)."""
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


# --- the coordinator's home panel -------------------------------------------------------------


def test_the_home_page_loads_the_panel_on_its_own(coordinator_client):
    body = coordinator_client.get(reverse("home")).content.decode()
    assert reverse("welfare:home_panel") in body
    assert "Welfare: open cases" in body


def test_three_food_cases_show_as_fewer_than_five(coordinator_client, settlement):
    factories.WelfareCaseFactory.create_batch(3, household__settlement=settlement)
    response = coordinator_client.get(reverse("welfare:home_panel"))
    assert response.status_code == 200
    text = visible(response)
    assert "Food" in text
    assert HIDDEN in text
    assert "3" not in text
    assert "Money and debts" not in text  # needs without cases are left out


def test_six_cases_are_shown(coordinator_client, settlement):
    factories.WelfareCaseFactory.create_batch(6, household__settlement=settlement)
    text = visible(coordinator_client.get(reverse("welfare:home_panel")))
    assert "Open cases: 6" in text


def test_no_cases_says_so(coordinator_client):
    text = visible(coordinator_client.get(reverse("welfare:home_panel")))
    assert "No open cases." in text
    assert HIDDEN not in text


def test_a_declared_emergency_shows_a_red_alert_to_the_board(coordinator_client, settlement):
    emergency = factories.EmergencyFactory(settlement=settlement)
    body = coordinator_client.get(reverse("welfare:home_panel")).content.decode()
    assert "alert-danger" in body
    assert reverse("welfare:board", args=[emergency.pk]) in body


def test_an_ended_emergency_shows_no_alert(coordinator_client, settlement):
    factories.EmergencyFactory(settlement=settlement, ended_at=factories.FIXED_NOW)
    body = coordinator_client.get(reverse("welfare:home_panel")).content.decode()
    assert "alert-danger" not in body
    assert reverse("welfare:emergency") in body


def test_other_settlements_cases_are_not_counted(coordinator_client, settlement, other_settlement):
    factories.WelfareCaseFactory.create_batch(9, household__settlement=other_settlement)
    factories.EmergencyFactory(settlement=other_settlement)
    response = coordinator_client.get(reverse("welfare:home_panel"))
    assert "Open cases: 0" in visible(response)
    assert "alert-danger" not in response.content.decode()


@pytest.mark.parametrize("role", [Role.CHAIR, Role.SOCIAL_WORKER, Role.EMERGENCY, Role.BOARD])
def test_only_the_coordinator_sees_the_panel(client, settlement, role):
    client.force_login(factories.member(settlement, role))
    assert client.get(reverse("welfare:home_panel")).status_code == 404


@pytest.mark.parametrize("cases", [3, 60])
def test_the_panel_query_count(coordinator_client, settlement, cases, django_assert_num_queries):
    factories.WelfareCaseFactory.create_batch(cases, household__settlement=settlement)
    factories.EmergencyFactory(settlement=settlement)
    with django_assert_num_queries(4):
        response = coordinator_client.get(reverse("welfare:home_panel"))
    assert response.status_code == 200


# --- the council's dashboard ------------------------------------------------------------------


def council_panel(response):
    [panel] = [
        panel
        for template, panel in response.context["dashboard"].panels
        if template == "welfare/dashboard/_council_panel.html"
    ]
    return panel


def test_the_council_sees_each_settlements_counts(client, settlement, council_staff):
    factories.WelfareCaseFactory.create_batch(3, household__settlement=settlement)
    big = factories.SettlementFactory(council=settlement.council, name="Big Village")
    factories.WelfareCaseFactory.create_batch(7, household__settlement=big, categories=["health"])
    factories.EmergencyFactory(settlement=big)
    elsewhere = factories.SettlementFactory(name="Outside Village")
    factories.WelfareCaseFactory.create_batch(8, household__settlement=elsewhere)
    client.force_login(council_staff)
    response = client.get(reverse("council:dashboard"))
    assert response.status_code == 200
    rows = {row.name: row for row in council_panel(response)["rows"]}
    assert set(rows) == {"Home Village", "Big Village"}
    assert rows["Home Village"].total.hidden
    assert rows["Big Village"].total.value == 7
    assert rows["Big Village"].emergency_id is not None
    body = response.content.decode()
    section = body[body.index('id="council-welfare-title"') :]
    text = re.sub(r"<[^>]+>", " ", section)
    assert HIDDEN in text
    assert " 3 " not in text
    assert "Emergency declared" in text
    assert "Outside Village" not in text


@pytest.mark.parametrize("count", [2, 20])
def test_the_council_dashboard_query_count(
    client, settlement, council_staff, count, django_assert_num_queries
):
    for _n in range(count - 1):
        other = factories.SettlementFactory(council=settlement.council)
        factories.WelfareCaseFactory.create_batch(2, household__settlement=other)
    factories.EmergencyFactory(settlement=settlement)
    client.force_login(council_staff)
    with django_assert_num_queries(12):
        response = client.get(reverse("council:dashboard"))
    assert len(council_panel(response)["rows"]) == count


# --- the welfare policy -----------------------------------------------------------------------


def test_the_policy_page_makes_the_default(client, council_staff, settlement):
    client.force_login(council_staff)
    response = client.get(reverse("welfare:policy"))
    assert response.status_code == 200
    text = visible(response)
    assert "Closed cases are kept for 730 days." in text
    assert "24 months" in text
    assert "No cases deleted yet." in text
    assert WelfarePolicy.objects.get(council=settlement.council).closed_case_days == 730


def test_the_staff_sets_the_keeping_period(client, council_staff, settlement):
    client.force_login(council_staff)
    response = client.post(
        reverse("welfare:policy"),
        {"council": settlement.council.pk, "closed_case_days": "365"},
    )
    assert response.status_code == 302
    assert WelfarePolicy.objects.get(council=settlement.council).closed_case_days == 365
    with scopes_disabled():
        changes = AuditEvent.objects.filter(object_type="welfarepolicy", actor=council_staff)
        assert changes.count() == 1
    assert "kept for 365 days" in visible(client.get(reverse("welfare:policy")))


def test_saving_the_same_period_changes_nothing(client, council_staff, settlement):
    client.force_login(council_staff)
    data = {"council": settlement.council.pk, "closed_case_days": "730"}
    assert client.post(reverse("welfare:policy"), data).status_code == 302
    with scopes_disabled():
        assert not AuditEvent.objects.filter(object_type="welfarepolicy").exists()


@pytest.mark.parametrize(
    ("days", "error"),
    [
        ("10", "Keep closed cases for at least 30 days."),
        ("", "Enter a number of days."),
        ("soon", "Enter a whole number of days."),
    ],
)
def test_a_wrong_period_is_refused(client, council_staff, settlement, days, error):
    client.force_login(council_staff)
    response = client.post(
        reverse("welfare:policy"), {"council": settlement.council.pk, "closed_case_days": days}
    )
    assert response.status_code == 400
    assert error in visible(response)
    assert not WelfarePolicy.objects.filter(closed_case_days=10).exists()


def test_another_councils_policy_cannot_be_set(client, council_staff, other_settlement):
    client.force_login(council_staff)
    response = client.post(
        reverse("welfare:policy"),
        {"council": other_settlement.council.pk, "closed_case_days": "60"},
    )
    assert response.status_code == 400
    assert "Choose one of your councils." in visible(response)
    assert not WelfarePolicy.objects.filter(council=other_settlement.council).exists()


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.SOCIAL_WORKER, Role.CHAIR])
def test_others_get_404(client, settlement, role):
    client.force_login(factories.member(settlement, role))
    assert client.get(reverse("welfare:policy")).status_code == 404
    assert client.post(reverse("welfare:policy"), {"closed_case_days": "60"}).status_code == 404


def test_anonymous_go_to_the_login(client):
    response = client.get(reverse("welfare:policy"))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_purged_counts_are_shown_hidden_under_five(client, council_staff, settlement):
    factories.PurgedCasesFactory(settlement=settlement, year=2023, category="food", count=3)
    factories.PurgedCasesFactory(settlement=settlement, year=2022, category="money", count=11)
    elsewhere = factories.SettlementFactory(name="Outside Village")
    factories.PurgedCasesFactory(settlement=elsewhere, year=2021, category="food", count=40)
    client.force_login(council_staff)
    text = visible(client.get(reverse("welfare:policy")))
    assert "Home Village 2023 Food <5 fewer than 5" in text  # shown, and said
    assert "Home Village 2022 Money and debts 11" in text
    assert "Outside Village" not in text
    assert " 3 " not in text


@pytest.mark.parametrize("rows", [1, 40])
def test_the_policy_query_count(client, council_staff, settlement, rows, django_assert_num_queries):
    factories.SettlementFactory(council=settlement.council)
    for year in range(rows):
        factories.PurgedCasesFactory(settlement=settlement, year=1990 + year, count=6)
    with scopes_disabled():
        WelfarePolicy.objects.create(council=settlement.council)
    client.force_login(council_staff)
    with django_assert_num_queries(6):
        response = client.get(reverse("welfare:policy"))
    assert response.status_code == 200


# --- the emergency team's home ---------------------------------------------------------------


def test_the_team_home_leads_to_the_board_only_during_an_emergency(client, settlement):
    member = factories.member(settlement, Role.EMERGENCY)
    client.force_login(member)
    page = visible(client.get(reverse("home")))
    assert "No emergency is declared now." in page
    emergency = factories.EmergencyFactory(settlement=settlement, title="Flooded road")
    response = client.get(reverse("home"))
    assert "Flooded road" in visible(response)
    assert reverse("welfare:board", args=[emergency.pk]) in response.content.decode()
