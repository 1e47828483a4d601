"""Extra posted fields never change what they must not.

Every POST URL of the project is posted, by every role, with fields that would move
objects to another settlement, raise privileges or reach another committee. Afterwards no
existing row has changed settlement, no account has changed privileges, and no membership
has appeared. Then the main forms are posted with valid data plus the same extras."""

import pytest
from django.apps import apps
from django.urls import reverse
from django_scopes import scopes_disabled

from committees.models import Committee
from coordinator import access_rules as r
from coordinator.models import Household, Membership, Resident, SettlementOwned, User

from .test_permissions import (  # noqa: F401
    PRODUCT_URLS,
    TABLES,
    kwargs_for,
    login,
    shared_world,
    world,
)

POST_URLS = [name for name in PRODUCT_URLS if TABLES[name].post.ok != 405]


def extras(world) -> dict:  # noqa: F811
    away = world.away
    return {
        "settlement": away["resident"].settlement_id,
        "settlement_id": away["resident"].settlement_id,
        "council": 1,
        "role": "coordinator",
        "is_staff": "on",
        "is_superuser": "on",
        "is_active": "on",
        "user": world.users[r.OTHER_COORDINATOR].pk,
        "created_by": world.users[r.OTHER_COORDINATOR].pk,
        "committee": away["committee"].pk,
        "chairs": [world.users[r.OTHER_COORDINATOR].pk],
        "household": away["household"].pk,
        "neighbourhood": away["neighbourhood"].pk,
        "tags": [away["tag"].pk],
        "archived_at": "2020-01-01 00:00",
    }


def invariants() -> dict:
    """What no request may change: each row's settlement, privileges and memberships."""
    with scopes_disabled():
        owned = {
            (model._meta.label, pk): settlement
            for model in apps.get_models()
            if issubclass(model, SettlementOwned)
            for pk, settlement in model.objects.values_list("pk", "settlement_id")
        }
        users = {
            pk: flags for pk, *flags in User.objects.values_list("pk", "is_staff", "is_superuser")
        }
        memberships = set(
            Membership.objects.values_list("user_id", "role", "settlement_id", "council_id")
        )
        chairs = set(Committee.chairs.through.objects.values_list("committee_id", "user_id"))
    return {"owned": owned, "users": users, "memberships": memberships, "chairs": chairs}


def assert_kept(before: dict, after: dict, where: str) -> None:
    for key, settlement in after["owned"].items():
        if key in before["owned"]:
            assert before["owned"][key] == settlement, f"{where} moved {key}"
    for pk, flags in after["users"].items():
        if pk in before["users"]:
            assert before["users"][pk] == flags, f"{where} changed privileges of user {pk}"
    assert after["memberships"] == before["memberships"], f"{where} changed memberships"
    assert after["chairs"] <= before["chairs"], f"{where} added a chair"


@pytest.mark.parametrize("role", sorted(r.ALL_ROLES - {r.SUPERUSER}))
@pytest.mark.parametrize("name", POST_URLS)
def test_extra_fields_change_nothing_they_must_not(client, world, name, role):  # noqa: F811
    url = reverse(name, kwargs=kwargs_for(TABLES[name], world.home))
    login(client, world, role)
    before = invariants()
    response = client.post(url, extras(world))
    assert response.status_code < 500
    assert_kept(before, invariants(), f"POST {url} as {role}")


def test_a_valid_resident_form_with_extras_stays_home(client, world):  # noqa: F811
    client.force_login(world.users[r.COORDINATOR])
    data = {
        **extras(world),
        "first_name": "Nova",
        "last_name": "Oseba",
        "preferred_language": "sl",
        "household": "",
        "neighbourhood": "",
        "tags": [],
    }
    response = client.post(reverse("residents:create"), data)
    assert response.status_code == 302
    with scopes_disabled():
        created = Resident.objects.get(first_name="Nova")
    assert created.settlement_id == world.home["resident"].settlement_id
    assert created.archived_at is None


def test_a_resident_cannot_be_put_in_another_settlements_household(client, world):  # noqa: F811
    client.force_login(world.users[r.COORDINATOR])
    resident = world.home["resident"]
    data = {
        "first_name": resident.first_name,
        "last_name": resident.last_name,
        "preferred_language": "en",
        "household": world.away["household"].pk,
        "tags": [world.away["tag"].pk],
    }
    response = client.post(reverse("residents:edit", args=[resident.pk]), data)
    assert response.status_code == 400
    with scopes_disabled():
        resident.refresh_from_db()
        assert resident.household_id == world.home["household"].pk
        assert list(resident.tags.values_list("pk", flat=True)) == [world.home["tag"].pk]


def test_a_valid_household_form_with_extras_stays_home(client, world):  # noqa: F811
    client.force_login(world.users[r.COORDINATOR])
    household = world.home["household"]
    data = {**extras(world), "name": "Renamed house", "address": "New Street 1"}
    data["neighbourhood"] = ""
    response = client.post(reverse("households:edit", args=[household.pk]), data)
    assert response.status_code == 302
    with scopes_disabled():
        household = Household.objects.get(pk=household.pk)
    assert household.name == "Renamed house"
    assert household.settlement_id == world.home["resident"].settlement_id


def test_a_chair_cannot_set_chairs_or_move_their_committee(client, world):  # noqa: F811
    chair = world.users[r.CHAIR]
    committee = world.home["committee"]
    client.force_login(chair)
    data = {**extras(world), "name": "Culture", "kind": "culture", "mandate": "Events"}
    response = client.post(reverse("committees:edit", args=[committee.pk]), data)
    assert response.status_code == 302
    with scopes_disabled():
        committee = Committee.objects.get(pk=committee.pk)
        assert committee.name == "Culture"
        assert committee.settlement_id == world.home["resident"].settlement_id
        assert list(committee.chairs.all()) == [chair]
