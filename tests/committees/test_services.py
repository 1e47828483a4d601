"""Community services run by volunteers: the list, adding, editing, deleting; chairs keep
their committees' services."""

import pytest
from django.urls import reverse
from django_scopes import scope

from committees import services_community as services
from committees.models_community import CommunityService
from tests import factories


def text(response) -> str:
    return response.content.decode()


def stored(settlement, **filters) -> list[CommunityService]:
    with scope(settlement=settlement.pk):
        return list(CommunityService.objects.filter(**filters).prefetch_related("runners"))


@pytest.fixture
def culture(settlement, chair):
    return factories.CommitteeFactory(settlement=settlement, name="Culture", chairs=[chair])


@pytest.fixture
def youth(settlement):
    return factories.CommitteeFactory(settlement=settlement, name="Youth")


@pytest.fixture
def chair_client(client, chair):
    client.force_login(chair)
    return client


def service_post(**overrides):
    data = {
        "name": "Village library",
        "kind": "library",
        "description": "Books for all ages",
        "place": "Community hall",
        "opening_hours": "Tuesdays 17:00-19:00",
        "status": "active",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_empty_list(coordinator_client):
    page = text(coordinator_client.get(reverse("committees:services")))
    assert "No community services yet" in page
    assert reverse("committees:service_create") in page


def test_list_shows_runners_hours_and_filters(coordinator_client, settlement, culture):
    runner = factories.ResidentFactory(settlement=settlement, first_name="Noa", last_name="Bar")
    room = factories.CommunityServiceFactory(
        settlement=settlement, name="Reading room", committee=culture, place="Hall"
    )
    room.runners.add(runner)
    factories.CommunityServiceFactory(
        settlement=settlement, name="Play corner", kind="toy_library", status="paused"
    )
    page = text(coordinator_client.get(reverse("committees:services")))
    assert "Reading room" in page and "Noa Bar" in page and "Tuesdays 17:00-19:00" in page
    assert "Culture" in page and "Hall" in page and "Play corner" in page
    page = text(coordinator_client.get(reverse("committees:services"), {"status": "paused"}))
    assert "Play corner" in page and "Reading room" not in page
    page = text(coordinator_client.get(reverse("committees:services"), {"kind": "library"}))
    assert "Reading room" in page and "Play corner" not in page
    page = text(coordinator_client.get(reverse("committees:services"), {"q": "hall"}))
    assert "Reading room" in page and "Play corner" not in page
    page = text(coordinator_client.get(reverse("committees:services"), {"q": "zzz"}))
    assert "No service matches these filters." in page


def test_list_paginates(coordinator_client, settlement):
    factories.CommunityServiceFactory.create_batch(27, settlement=settlement)
    response = coordinator_client.get(reverse("committees:services"))
    assert len(response.context["services"]) == 25
    assert (
        len(coordinator_client.get(reverse("committees:services"), {"page": 2}).context["services"])
        == 2
    )


def test_other_settlement_not_listed(coordinator_client, other_settlement):
    factories.CommunityServiceFactory(settlement=other_settlement, name="Far library")
    assert "Far library" not in text(coordinator_client.get(reverse("committees:services")))


def test_coordinator_adds_a_service(coordinator_client, settlement, culture):
    runners = factories.ResidentFactory.create_batch(2, settlement=settlement)
    response = coordinator_client.post(
        reverse("committees:service_create"),
        service_post(committee=culture.pk, runners=[r.pk for r in runners]),
    )
    [service] = stored(settlement)
    assert response.status_code == 302
    assert response["Location"] == reverse("committees:service_detail", args=[service.pk])
    assert service.name == "Village library" and service.committee == culture
    assert {r.pk for r in service.runners.all()} == {r.pk for r in runners}
    page = text(coordinator_client.get(response["Location"]))
    assert reverse("committees:detail", args=[culture.pk]) in page


def test_duplicate_name_is_a_friendly_400(coordinator_client, settlement):
    factories.CommunityServiceFactory(settlement=settlement, name="Village Library")
    response = coordinator_client.post(reverse("committees:service_create"), service_post())
    assert response.status_code == 400
    assert "already has a service of this name" in text(response)
    assert len(stored(settlement)) == 1


def test_same_name_in_another_settlement_is_fine(coordinator_client, settlement, other_settlement):
    factories.CommunityServiceFactory(settlement=other_settlement, name="Village library")
    assert (
        coordinator_client.post(reverse("committees:service_create"), service_post()).status_code
        == 302
    )


@pytest.mark.parametrize(
    "data",
    [{}, service_post(name=" "), service_post(kind="castle"), service_post(status="gone")],
)
def test_bad_input_is_400_and_writes_nothing(coordinator_client, settlement, data):
    response = coordinator_client.post(reverse("committees:service_create"), data)
    assert response.status_code == 400
    assert "Nothing was saved" in text(response)
    assert stored(settlement) == []


def test_runner_or_committee_of_another_settlement_is_400(
    coordinator_client, settlement, other_settlement
):
    far = factories.ResidentFactory(settlement=other_settlement)
    far_committee = factories.CommitteeFactory(settlement=other_settlement)
    response = coordinator_client.post(
        reverse("committees:service_create"), service_post(runners=[far.pk])
    )
    assert response.status_code == 400
    assert "Choose residents of this settlement from the list." in text(response)
    response = coordinator_client.post(
        reverse("committees:service_create"), service_post(committee=far_committee.pk)
    )
    assert response.status_code == 400
    assert stored(settlement) == []


def test_chair_edits_their_committees_service(chair_client, settlement, culture):
    service = factories.CommunityServiceFactory(settlement=settlement, committee=culture)
    assert (
        chair_client.get(reverse("committees:service_edit", args=[service.pk])).status_code == 200
    )
    response = chair_client.post(
        reverse("committees:service_edit", args=[service.pk]),
        service_post(name="Library", committee=culture.pk, status="paused"),
    )
    assert response.status_code == 302
    [saved] = stored(settlement)
    assert (saved.name, saved.status) == ("Library", "paused")


def test_chair_may_not_move_a_service_to_a_committee_they_do_not_chair(
    chair_client, settlement, culture, youth
):
    service = factories.CommunityServiceFactory(settlement=settlement, committee=culture)
    for committee in (youth.pk, ""):
        response = chair_client.post(
            reverse("committees:service_edit", args=[service.pk]),
            service_post(committee=committee),
        )
        assert response.status_code == 400
    assert stored(settlement)[0].committee == culture


def test_chair_of_another_committee_cannot_edit_or_delete(chair_client, settlement, youth):
    service = factories.CommunityServiceFactory(settlement=settlement, committee=youth)
    for name in ("committees:service_edit", "committees:service_delete"):
        assert chair_client.get(reverse(name, args=[service.pk])).status_code == 404
        assert (
            chair_client.post(reverse(name, args=[service.pk]), service_post()).status_code == 404
        )
    assert stored(settlement)[0].name == service.name
    # Reading is open to every chair of the settlement.
    assert (
        chair_client.get(reverse("committees:service_detail", args=[service.pk])).status_code == 200
    )


def test_coordinator_deletes_after_confirming(coordinator_client, settlement):
    service = factories.CommunityServiceFactory(settlement=settlement, name="Toys")
    url = reverse("committees:service_delete", args=[service.pk])
    assert "Delete “Toys”?" in text(coordinator_client.get(url))
    assert stored(settlement)
    response = coordinator_client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("committees:services")
    assert stored(settlement) == []


def test_another_settlements_service_is_404(coordinator_client, other_settlement):
    far = factories.CommunityServiceFactory(settlement=other_settlement)
    for name in (
        "committees:service_detail",
        "committees:service_edit",
        "committees:service_delete",
    ):
        assert coordinator_client.get(reverse(name, args=[far.pk])).status_code == 404
    assert (
        coordinator_client.post(reverse("committees:service_delete", args=[far.pk])).status_code
        == 404
    )


def test_update_writes_nothing_when_nothing_changed(settlement, django_assert_num_queries):
    service = factories.CommunityServiceFactory(settlement=settlement, name="Toys")
    with scope(settlement=settlement.pk):
        data = {"name": "Toys", "kind": service.kind, "status": service.status}
        assert services.service_update(service=service, data=data) is False
