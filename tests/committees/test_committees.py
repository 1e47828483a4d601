"""Committees: who may see and change which, and the services that write them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope

from committees import selectors, selectors_home, services
from committees.models import Committee
from coordinator import clock
from coordinator.models import Role
from tests import factories


@pytest.fixture
def chair_b(settlement):
    return factories.member(settlement, Role.CHAIR, username="chair_b")


@pytest.fixture
def committee_a(settlement, chair):
    return factories.CommitteeFactory(settlement=settlement, name="A committee", chairs=[chair])


@pytest.fixture
def committee_b(settlement, chair_b):
    return factories.CommitteeFactory(settlement=settlement, name="B committee", chairs=[chair_b])


def committee(settlement, pk) -> Committee:
    with scope(settlement=settlement.pk):
        return Committee.objects.prefetch_related("chairs").get(pk=pk)


# --- rules -----------------------------------------------------------------------------------


def test_rules(chair, chair_b, coordinator, settlement, committee_a, committee_b):
    assert chair.has_perm("committees.change_committee", committee_a)
    assert not chair.has_perm("committees.change_committee", committee_b)
    assert chair.has_perm("committees.view_committee", committee_a)
    assert not chair.has_perm("committees.view_committee", committee_b)
    assert not chair.has_perm("committees.add_committee", settlement)
    assert coordinator.has_perm("committees.change_committee", committee_b)
    assert coordinator.has_perm("committees.add_committee", settlement)
    secretary = factories.member(settlement, Role.SECRETARY)
    assert secretary.has_perm("committees.view_committee", committee_b)
    assert not secretary.has_perm("committees.change_committee", committee_b)


def test_a_chair_linked_in_another_settlement_has_no_rights_there(chair, other_settlement):
    """A committee of another settlement that lists the chair by mistake stays closed."""
    foreign = factories.CommitteeFactory(settlement=other_settlement, chairs=[chair])
    assert not chair.has_perm("committees.change_committee", foreign)
    assert not chair.has_perm("committees.view_committee", foreign)


def test_chair_of_a_cannot_edit_b(client, chair, settlement, committee_a, committee_b):
    client.force_login(chair)
    url = reverse("committees:edit", args=[committee_b.pk])
    assert client.get(url).status_code == 404
    response = client.post(url, {"name": "Taken over", "kind": "other"})
    assert response.status_code == 404
    assert committee(settlement, committee_b.pk).name == "B committee"
    assert client.get(reverse("committees:detail", args=[committee_b.pk])).status_code == 404


def test_chair_of_a_edits_a(client, chair, settlement, committee_a):
    client.force_login(chair)
    response = client.post(
        reverse("committees:edit", args=[committee_a.pk]),
        {"name": "A team", "kind": "youth", "mandate": "Summer camp"},
    )
    assert response.status_code == 302
    stored = committee(settlement, committee_a.pk)
    assert (stored.name, stored.kind, stored.mandate) == ("A team", "youth", "Summer camp")


def test_coordinator_edits_any(coordinator_client, settlement, committee_b):
    response = coordinator_client.post(
        reverse("committees:edit", args=[committee_b.pk]),
        {"name": "B renamed", "kind": "sport"},
    )
    assert response.status_code == 302
    assert committee(settlement, committee_b.pk).name == "B renamed"


def test_other_settlements_coordinator_gets_404(client, other_settlement_coordinator, committee_a):
    client.force_login(other_settlement_coordinator)
    response = client.get(reverse("committees:edit", args=[committee_a.pk]))
    assert response.status_code == 404


def test_a_chair_cannot_set_chairs(client, chair, chair_b, settlement, committee_a):
    client.force_login(chair)
    response = client.post(
        reverse("committees:edit", args=[committee_a.pk]),
        {"name": "A committee", "kind": "culture", "chairs": [chair_b.pk]},
    )
    assert response.status_code == 302
    assert list(committee(settlement, committee_a.pk).chairs.all()) == [chair]


def test_a_chair_cannot_remove_themself_or_others(client, chair, chair_b, settlement):
    shared = factories.CommitteeFactory(settlement=settlement, chairs=[chair, chair_b])
    client.force_login(chair)
    client.post(
        reverse("committees:edit", args=[shared.pk]), {"name": shared.name, "kind": "culture"}
    )
    assert set(committee(settlement, shared.pk).chairs.all()) == {chair, chair_b}


def test_the_coordinator_sets_chairs(coordinator_client, chair, chair_b, settlement, committee_a):
    response = coordinator_client.post(
        reverse("committees:edit", args=[committee_a.pk]),
        {"name": "A committee", "kind": "culture", "chairs": [chair_b.pk]},
    )
    assert response.status_code == 302
    assert list(committee(settlement, committee_a.pk).chairs.all()) == [chair_b]


def test_only_the_settlements_chairs_can_be_chosen(
    coordinator_client, coordinator, settlement, other_settlement, committee_a, chair
):
    outsider = factories.member(other_settlement, Role.CHAIR)
    board = factories.member(settlement, Role.BOARD)
    for user in (outsider, board, coordinator):
        response = coordinator_client.post(
            reverse("committees:edit", args=[committee_a.pk]),
            {"name": "A committee", "kind": "culture", "chairs": [user.pk]},
        )
        assert response.status_code == 400
        assert "Select a valid choice." in response.content.decode()
    assert list(committee(settlement, committee_a.pk).chairs.all()) == [chair]


def test_a_chair_cannot_create_a_committee(client, chair, settlement):
    client.force_login(chair)
    response = client.post(reverse("committees:create"), {"name": "Mine", "kind": "other"})
    assert response.status_code == 404
    with scope(settlement=settlement.pk):
        assert not Committee.objects.exists()


# --- selectors -------------------------------------------------------------------------------


def test_committees_for(chair, coordinator, settlement, committee_a, committee_b):
    with scope(settlement=settlement.pk):
        assert list(selectors.committees_for(user=chair, settlement=settlement)) == [committee_a]
        assert list(selectors.committees_for(user=coordinator, settlement=settlement)) == [
            committee_a,
            committee_b,
        ]
        chaired = selectors_home.chair_home_committees(
            user=chair, settlement=settlement, today=clock.today(), now=clock.now()
        )
        assert chaired == [committee_a]


# --- services --------------------------------------------------------------------------------


def test_committee_create(settlement, chair):
    with scope(settlement=settlement.pk):
        created = services.committee_create(
            settlement=settlement,
            data={"name": "Culture", "kind": "culture", "mandate": "Concerts"},
            chairs=[chair],
        )
        stored = Committee.objects.get(pk=created.pk)
        assert (stored.name, stored.kind, stored.mandate) == ("Culture", "culture", "Concerts")
        assert list(stored.chairs.all()) == [chair]
        assert stored.settlement == settlement


def test_committee_update(settlement, chair, chair_b, committee_a):
    with scope(settlement=settlement.pk):
        services.committee_update(
            committee=committee_a, data={"name": "Renamed", "mandate": "New"}, chairs=None
        )
        stored = Committee.objects.get(pk=committee_a.pk)
        assert (stored.name, stored.mandate, stored.kind) == ("Renamed", "New", "culture")
        assert list(stored.chairs.all()) == [chair]  # chairs=None keeps them
        services.committee_update(committee=stored, data={}, chairs=[chair_b])
        assert list(Committee.objects.get(pk=committee_a.pk).chairs.all()) == [chair_b]
        services.committee_update(committee=stored, data={}, chairs=[])
        assert not Committee.objects.get(pk=committee_a.pk).chairs.exists()


def test_committee_update_writes_nothing_when_nothing_changes(settlement, chair, committee_a):
    with scope(settlement=settlement.pk):
        current = Committee.objects.get(pk=committee_a.pk)
        data = {"name": current.name, "kind": current.kind, "mandate": current.mandate}
        with CaptureQueriesContext(connection) as queries:
            services.committee_update(committee=current, data=data, chairs=[chair])
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
