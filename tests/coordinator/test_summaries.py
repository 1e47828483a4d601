"""The council dashboard's per-settlement summaries (coordinator.summaries): kept in the
cache, read afresh for exactly the settlements whose rows changed, by the day, in every
language, and live when the cache is down."""

import datetime as dt
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django_scopes import scopes_disabled

from coordinator import clock, summaries
from coordinator.models import Resident
from coordinator.versions import versions_of
from tests import factories

pytestmark = pytest.mark.django_db

COLD = 12  # the dashboard's queries with nothing in the cache (tests/coordinator/test_queries)
WARM = 4  # session, user, the councils staffed and their settlements: nothing aggregated


def council(settlement, others: int = 2) -> list:
    siblings = [factories.SettlementFactory(council=settlement.council) for _ in range(others)]
    for place in [settlement, *siblings]:
        factories.ResidentFactory.create_batch(3, settlement=place)
    return [settlement, *siblings]


def residents_column(response) -> dict[str, int]:
    return {
        row.settlement.name: row.values["residents"] for row in response.context["dashboard"].rows
    }


@pytest.fixture
def computed(monkeypatch):
    """The ids whose summaries were read from the database, call by call."""
    calls: list[list[int]] = []
    real = summaries._compute

    def spy(ids):
        calls.append(sorted(ids))
        return real(ids)

    monkeypatch.setattr(summaries, "_compute", spy)
    return calls


@pytest.mark.parametrize("others", [2, 8])
def test_a_second_visit_reads_the_summaries_from_the_cache(
    client, settlement, council_staff, django_assert_num_queries, others
):
    council(settlement, others)
    client.force_login(council_staff)
    with django_assert_num_queries(COLD):
        first = client.get(reverse("council:dashboard"))
    with django_assert_num_queries(WARM):
        second = client.get(reverse("council:dashboard"))
    assert residents_column(first) == residents_column(second)
    assert first.content.decode().count("<tr") == second.content.decode().count("<tr")


def test_a_new_resident_is_counted_at_once_and_only_its_settlement_is_read_again(
    client, settlement, council_staff, computed, django_capture_on_commit_callbacks
):
    places = council(settlement)
    client.force_login(council_staff)
    client.get(reverse("council:dashboard"))
    assert computed == [sorted(p.pk for p in places)]
    with django_capture_on_commit_callbacks(execute=True), scopes_disabled():
        factories.ResidentFactory(settlement=places[1])
    response = client.get(reverse("council:dashboard"))
    assert computed[1:] == [[places[1].pk]]
    assert residents_column(response)[places[1].name] == 4
    assert residents_column(response)[settlement.name] == 3


def test_archiving_in_bulk_marks_the_summary_stale(
    client, settlement, council_staff, coordinator, django_capture_on_commit_callbacks
):
    from coordinator.services import residents_bulk_archive

    council(settlement)
    client.force_login(council_staff)
    assert residents_column(client.get(reverse("council:dashboard")))[settlement.name] == 3
    with scopes_disabled():
        ids = list(Resident.objects.filter(settlement=settlement).values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True), scopes_disabled():
        residents_bulk_archive(settlement=settlement, ids=ids[:2], by=coordinator)
    assert residents_column(client.get(reverse("council:dashboard")))[settlement.name] == 1


def test_a_change_rolled_back_leaves_the_summary_as_it_was(settlement, computed):
    summaries.summaries_for([settlement.pk])
    version = versions_of(summaries.TOPIC, [settlement.pk])
    with pytest.raises(RuntimeError), transaction.atomic(), scopes_disabled():
        factories.ResidentFactory(settlement=settlement)
        raise RuntimeError("rolled back")
    assert versions_of(summaries.TOPIC, [settlement.pk]) == version
    summaries.summaries_for([settlement.pk])
    assert len(computed) == 1


@pytest.mark.parametrize(
    "change",
    [
        "resident",
        "household",
        "committee",
        "plan",
        "welfare case",
        "emergency",
        "settlement renamed",
        "resident deleted",
    ],
)
def test_each_kind_of_row_the_dashboard_counts_marks_its_settlement_stale(
    settlement, other_settlement, change, django_capture_on_commit_callbacks
):
    ids = [settlement.pk, other_settlement.pk]
    before = versions_of(summaries.TOPIC, ids)
    with scopes_disabled():
        resident = factories.ResidentFactory(settlement=settlement)
    with django_capture_on_commit_callbacks(execute=True), scopes_disabled():
        if change == "resident":
            factories.ResidentFactory(settlement=settlement)
        elif change == "household":
            factories.HouseholdFactory(settlement=settlement)
        elif change == "committee":
            factories.CommitteeFactory(settlement=settlement)
        elif change == "plan":
            factories.PlanFactory(settlement=settlement)
        elif change == "welfare case":
            factories.WelfareCaseFactory(settlement=settlement)
        elif change == "emergency":
            factories.EmergencyFactory(settlement=settlement)
        elif change == "settlement renamed":
            settlement.name = "Renamed"
            settlement.save()
        else:
            resident.delete()
    after = versions_of(summaries.TOPIC, ids)
    assert after[settlement.pk] != before[settlement.pk]
    assert after[other_settlement.pk] == before[other_settlement.pk]


def test_numbers_that_depend_on_the_date_are_read_again_the_next_day(settlement, computed):
    summaries.summaries_for([settlement.pk])
    summaries.summaries_for([settlement.pk])
    assert len(computed) == 1
    clock.set_now(clock.now() + dt.timedelta(days=1))
    summaries.summaries_for([settlement.pk])
    assert len(computed) == 2


def test_labels_are_in_the_readers_language_whoever_filled_the_cache(
    client, settlement, council_staff
):
    with scopes_disabled():
        factories.WelfareCaseFactory.create_batch(5, settlement=settlement, categories=["food"])
    client.force_login(council_staff)
    english = client.get(reverse("council:dashboard"), headers={"accept-language": "en"})
    assert "Food" in english.content.decode()
    hebrew = client.get(reverse("council:dashboard"), headers={"accept-language": "he"})
    body = hebrew.content.decode()
    assert "Food" not in body
    panel = dict(hebrew.context["dashboard"].panels)["welfare/dashboard/_council_panel.html"]
    assert panel["rows"][0].categories[0].label in body


def test_the_dashboard_works_live_when_the_cache_is_down(client, settlement, council_staff):
    council(settlement)
    client.force_login(council_staff)
    with mock.patch.object(cache, "get_many", side_effect=ConnectionError("down")):
        response = client.get(reverse("council:dashboard"))
    assert response.status_code == 200
    assert residents_column(response)[settlement.name] == 3


def test_the_order_asked_for_is_not_served_from_another_orders_tables(
    client, settlement, council_staff
):
    places = council(settlement)
    with scopes_disabled():
        factories.ResidentFactory.create_batch(5, settlement=places[2])
    client.force_login(council_staff)

    def tables(query: str = "") -> str:
        body = client.get(reverse("council:dashboard") + query).content.decode()
        return body[body.index("<table") : body.rindex("</table>")]

    by_name = tables()
    by_size = tables("?sort=-residents")
    assert by_size != by_name
    assert by_size.index(places[2].name) < by_size.index(settlement.name)
    assert tables() == by_name
