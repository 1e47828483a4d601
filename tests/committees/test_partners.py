"""The directory of partners: council departments, other coordinators and outside
professionals, linked to committees and meetings."""

import datetime as dt
import re
from typing import Any

import pytest
from django.urls import reverse
from django_scopes import scope

from committees import services_partners as services
from committees.models import Meeting, Partner
from coordinator.models import Role
from tests import factories


def text(response) -> str:
    return response.content.decode()


def stored(settlement, **filters) -> list[Partner]:
    with scope(settlement=settlement.pk):
        return list(Partner.objects.filter(**filters).prefetch_related("committees"))


def partner_post(**overrides):
    data = {
        "name": "Regional council, welfare department",
        "kind": Partner.Kind.WELFARE,
        "contact_person": "Ruth Ben-David",
        "role": "Social worker",
        "phone": "+972 4 555 1234",
        "email": "ruth@council.example.org",
        "notes": "Office hours on Sundays.",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def culture(settlement, chair):
    return factories.CommitteeFactory(settlement=settlement, name="Culture", chairs=[chair])


@pytest.fixture
def youth(settlement):
    return factories.CommitteeFactory(settlement=settlement, name="Youth", kind="youth")


@pytest.fixture
def chair_client(client, chair):
    client.force_login(chair)
    return client


# --- list ----------------------------------------------------------------------------------


def test_empty_directory_invites_the_coordinator_to_add(coordinator_client):
    response = coordinator_client.get(reverse("committees:partners"))
    assert response.status_code == 200
    page = text(response)
    assert "No partners yet" in page
    assert reverse("committees:partner_create") in page


def test_empty_directory_for_a_chair_has_no_add_button(chair_client):
    page = text(chair_client.get(reverse("committees:partners")))
    assert "No partners yet" in page
    assert "Your community coordinator adds them." in page
    assert reverse("committees:partner_create") not in page


def test_list_shows_contacts_with_links(coordinator_client, settlement, other_settlement, culture):
    partner = factories.PartnerFactory(
        settlement=settlement,
        name="Council security department",
        kind=Partner.Kind.SECURITY,
        contact_person="Avi Katz",
        role="Security officer",
        phone="+972 (4) 555-0101",
        email="avi@council.example.org",
    )
    partner.committees.add(culture)
    factories.PartnerFactory(settlement=other_settlement, name="Far away partner")
    response = coordinator_client.get(reverse("committees:partners"))
    assert [p.pk for p in response.context["partners"]] == [partner.pk]
    page = text(response)
    assert "Far away partner" not in page
    assert "Council: security department" in page
    assert "Avi Katz" in page and "Security officer" in page
    assert 'href="tel:+97245550101"' in page
    assert 'href="mailto:avi@council.example.org"' in page
    assert f'href="{reverse("committees:detail", args=[culture.pk])}"' in page
    assert reverse("committees:partner_edit", args=[partner.pk]) in page
    assert reverse("committees:partner_delete", args=[partner.pk]) in page
    assert "1 partner" in page


def test_a_chair_reads_the_list_but_links_only_their_committees(
    chair_client, settlement, culture, youth
):
    partner = factories.PartnerFactory(settlement=settlement, name="Music school")
    partner.committees.add(culture, youth)
    response = chair_client.get(reverse("committees:partners"))
    page = text(response)
    assert "Music school" in page
    assert [(c.name, can) for c, can in response.context["partners"][0].committee_links] == [
        ("Culture", True),
        ("Youth", False),
    ]
    assert reverse("committees:detail", args=[culture.pk]) in page
    assert reverse("committees:detail", args=[youth.pk]) not in page
    assert reverse("committees:partner_edit", args=[partner.pk]) not in page
    assert reverse("committees:partner_create") not in page


def test_list_filters_by_kind_and_searches_name_contact_and_role(coordinator_client, settlement):
    factories.PartnerFactory(settlement=settlement, name="Welfare department", kind="welfare")
    factories.PartnerFactory(
        settlement=settlement, name="Youth centre", kind="organisation", contact_person="Dana Oz"
    )
    factories.PartnerFactory(
        settlement=settlement, name="Dr. Peretz", kind="professional", role="Art THERAPIST"
    )
    url = reverse("committees:partners")
    names = lambda r: [p.name for p in r.context["partners"]]  # noqa: E731
    assert names(coordinator_client.get(url, {"kind": "welfare"})) == ["Welfare department"]
    assert names(coordinator_client.get(url, {"q": "dana"})) == ["Youth centre"]
    assert names(coordinator_client.get(url, {"q": "therapist"})) == ["Dr. Peretz"]
    assert names(coordinator_client.get(url, {"q": "youth", "kind": "welfare"})) == []
    response = coordinator_client.get(url, {"q": "nobody like that"})
    assert "No partner matches these filters." in text(response)
    # A bad value drops only its own filter.
    assert len(names(coordinator_client.get(url, {"kind": "bogus"}))) == 3


def test_list_paginates_and_htmx_swaps_the_table(coordinator_client, settlement):
    for n in range(30):
        factories.PartnerFactory(settlement=settlement, name=f"Partner {n:02}")
    url = reverse("committees:partners")
    first = coordinator_client.get(url)
    assert len(first.context["partners"]) == 25
    assert "Page 1 of 2" in text(first)
    second = coordinator_client.get(url, {"page": 2})
    assert [p.name for p in second.context["partners"]][0] == "Partner 25"
    partial = coordinator_client.get(url, {"q": "Partner 0"}, headers={"HX-Request": "true"})
    assert "<html" not in text(partial)
    # Every word must match: "Partner" and "0" (00 to 09, 10 and 20).
    assert len(partial.context["partners"]) == 12
    assert "12 partners" in text(partial)


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.EMERGENCY])
def test_roles_without_the_directory_get_404(client, settlement, role):
    client.force_login(factories.member(settlement, role))
    assert client.get(reverse("committees:partners")).status_code == 404


# --- create --------------------------------------------------------------------------------


def test_create_with_committees(coordinator_client, settlement, culture, youth):
    response = coordinator_client.post(
        reverse("committees:partner_create"), partner_post(committees=[culture.pk, youth.pk])
    )
    [partner] = stored(settlement)
    assert response.status_code == 302
    assert response["Location"] == reverse("committees:partner_detail", args=[partner.pk])
    assert (partner.name, partner.kind, partner.contact_person, partner.role) == (
        "Regional council, welfare department",
        "welfare",
        "Ruth Ben-David",
        "Social worker",
    )
    assert (partner.phone, partner.email) == ("+972 4 555 1234", "ruth@council.example.org")
    assert partner.notes == "Office hours on Sundays."
    assert {c.pk for c in partner.committees.all()} == {culture.pk, youth.pk}


def test_the_form_offers_the_settlements_committees(coordinator_client, culture, other_settlement):
    factories.CommitteeFactory(settlement=other_settlement, name="Foreign committee")
    response = coordinator_client.get(reverse("committees:partner_create"))
    page = text(response)
    assert response.status_code == 200
    assert "Culture" in page and "Foreign committee" not in page
    labels = re.findall(r'<label[^>]*for="id_(\w+)"[^>]*>\s*([^<]+?)\s*<', page)
    assert dict(labels) == {
        "name": "Name",
        "kind": "Kind",
        "contact_person": "Contact person",
        "role": "Role",
        "phone": "Phone",
        "email": "E-mail",
        "notes": "Notes",
        "committees_0": "Culture",
    }


def test_an_empty_form_is_a_400_with_errors(coordinator_client, settlement):
    response = coordinator_client.post(reverse("committees:partner_create"), {})
    assert response.status_code == 400
    page = text(response)
    assert "Nothing was saved." in page
    assert "This field is required." in page
    assert stored(settlement) == []


def test_another_settlements_committee_is_refused(
    coordinator_client, settlement, other_settlement, culture
):
    foreign = factories.CommitteeFactory(settlement=other_settlement, name="Foreign")
    response = coordinator_client.post(
        reverse("committees:partner_create"), partner_post(committees=[culture.pk, foreign.pk])
    )
    assert response.status_code == 400
    assert "Choose committees of this settlement only." in text(response)
    assert stored(settlement) == []


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("phone", "call me", "Write the phone number with digits, spaces and + only."),
        ("phone", "+ -", "Write the phone number with digits, spaces and + only."),
        ("email", "not an address", "Enter a valid email address."),
        ("name", "   ", "This field is required."),
        ("kind", "wizard", "Select a valid choice."),
        ("committees", "abc", "Choose committees from the list."),
        ("name", "x" * 201, "Ensure this value has at most 200 characters"),
    ],
)
def test_bad_input_is_a_400_and_writes_nothing(coordinator_client, settlement, field, value, error):
    response = coordinator_client.post(
        reverse("committees:partner_create"), partner_post(**{field: value})
    )
    assert response.status_code == 400
    assert error in text(response)
    assert stored(settlement) == []


def test_the_name_is_tidied(coordinator_client, settlement):
    coordinator_client.post(
        reverse("committees:partner_create"), partner_post(name="  Music   school ")
    )
    assert [p.name for p in stored(settlement)] == ["Music school"]


@pytest.mark.parametrize("role", [Role.CHAIR, Role.SECRETARY, Role.BOARD])
def test_only_the_coordinator_adds_partners(client, settlement, role):
    client.force_login(factories.member(settlement, role))
    assert client.get(reverse("committees:partner_create")).status_code == 404
    assert client.post(reverse("committees:partner_create"), partner_post()).status_code == 404
    assert stored(settlement) == []


# --- edit ----------------------------------------------------------------------------------


def test_edit_shows_the_stored_values_and_saves_changes(
    coordinator_client, settlement, culture, youth
):
    partner = factories.PartnerFactory(settlement=settlement, name="Old name", role="Head")
    partner.committees.add(culture)
    url = reverse("committees:partner_edit", args=[partner.pk])
    form = coordinator_client.get(url).context["form"]
    assert form.initial["name"] == "Old name" and form.initial["committees"] == [culture.pk]
    response = coordinator_client.post(url, partner_post(name="New name", committees=[youth.pk]))
    assert response.status_code == 302
    [saved] = stored(settlement)
    assert saved.name == "New name" and saved.role == "Social worker"
    assert [c.pk for c in saved.committees.all()] == [youth.pk]


def test_a_bad_edit_changes_nothing(coordinator_client, settlement, culture):
    partner = factories.PartnerFactory(settlement=settlement, name="Kept", phone="04 555")
    partner.committees.add(culture)
    response = coordinator_client.post(
        reverse("committees:partner_edit", args=[partner.pk]),
        partner_post(name="Changed", phone="letters", committees=[]),
    )
    assert response.status_code == 400
    [kept] = stored(settlement)
    assert (kept.name, kept.phone) == ("Kept", "04 555")
    assert [c.pk for c in kept.committees.all()] == [culture.pk]


def test_another_settlements_partner_is_404(coordinator_client, other_settlement):
    foreign = factories.PartnerFactory(settlement=other_settlement)
    for name in ("partner_detail", "partner_edit", "partner_delete"):
        url = reverse(f"committees:{name}", args=[foreign.pk])
        assert coordinator_client.get(url).status_code == 404
    assert (
        coordinator_client.post(reverse("committees:partner_delete", args=[foreign.pk])).status_code
        == 404
    )
    with scope(settlement=other_settlement.pk):
        assert Partner.objects.filter(pk=foreign.pk).exists()


def test_a_chair_cannot_edit_or_delete(chair_client, settlement):
    partner = factories.PartnerFactory(settlement=settlement, name="Kept")
    edit = reverse("committees:partner_edit", args=[partner.pk])
    assert chair_client.get(edit).status_code == 404
    assert chair_client.post(edit, partner_post(name="Taken")).status_code == 404
    delete = reverse("committees:partner_delete", args=[partner.pk])
    assert chair_client.post(delete).status_code == 404
    assert [p.name for p in stored(settlement)] == ["Kept"]


# --- detail --------------------------------------------------------------------------------


def meeting_with(partner, committee, days_ago: int, **kwargs) -> Meeting:
    starts_at = dt.datetime(2026, 11, 23, 17, 0, tzinfo=dt.UTC) - dt.timedelta(days=days_ago)
    meeting: Any = factories.MeetingFactory(
        committee=committee,
        settlement=partner.settlement,
        starts_at=starts_at,
        ends_at=None,
        **kwargs,
    )
    meeting.partners.add(partner)
    return meeting


def test_detail_shows_everything(coordinator_client, settlement, culture):
    settlement.time_zone = "Asia/Jerusalem"
    settlement.save()
    partner = factories.PartnerFactory(
        settlement=settlement,
        name="Council culture and youth department",
        kind=Partner.Kind.CULTURE_YOUTH,
        contact_person="Noa Levi",
        role="Head of department",
        phone="04-555-7777",
        email="noa@council.example.org",
        notes="Funds up to two events a year.",
    )
    partner.committees.add(culture)
    meeting = meeting_with(partner, culture, 2, title="Planning the Hanukkah party")
    response = coordinator_client.get(reverse("committees:partner_detail", args=[partner.pk]))
    page = text(response)
    for words in (
        "Council: culture and youth department",
        "Noa Levi",
        "Head of department",
        'href="tel:045557777"',
        'href="mailto:noa@council.example.org"',
        "Funds up to two events a year.",
        "Planning the Hanukkah party",
        reverse("committees:meeting_detail", args=[meeting.pk]),
        reverse("committees:detail", args=[culture.pk]),
        reverse("committees:partner_edit", args=[partner.pk]),
    ):
        assert words in page, words
    assert "7 p.m." in page  # 17:00 UTC, in Jerusalem


def test_detail_lists_the_ten_most_recent_meetings(coordinator_client, settlement, culture):
    partner = factories.PartnerFactory(settlement=settlement)
    meetings = [meeting_with(partner, culture, days) for days in range(12)]
    meeting_with(factories.PartnerFactory(settlement=settlement), culture, 0)  # not with them
    response = coordinator_client.get(reverse("committees:partner_detail", args=[partner.pk]))
    assert [m.pk for m in response.context["meetings"]] == [m.pk for m in meetings[:10]]
    assert "The 10 most recent are shown." in text(response)


def test_a_chair_sees_only_meetings_of_their_committees(
    client, chair, coordinator, settlement, culture, youth
):
    partner = factories.PartnerFactory(settlement=settlement)
    partner.committees.add(culture, youth)
    mine = meeting_with(partner, culture, 1, title="Culture meets the partner")
    meeting_with(partner, youth, 2, title="Youth meets the partner")
    meeting_with(partner, None, 3, title="Board meets the partner", kind="board")
    url = reverse("committees:partner_detail", args=[partner.pk])
    client.force_login(chair)
    response = client.get(url)
    assert [m.pk for m in response.context["meetings"]] == [mine.pk]
    page = text(response)
    assert "Youth meets the partner" not in page and "Board meets the partner" not in page
    assert reverse("committees:detail", args=[youth.pk]) not in page
    assert reverse("committees:partner_edit", args=[partner.pk]) not in page
    # The coordinator and those who read all committees see all three.
    client.force_login(coordinator)
    assert len(client.get(url).context["meetings"]) == 3


def test_a_chair_of_no_committee_of_the_partner_sees_no_meetings(client, settlement, culture):
    partner = factories.PartnerFactory(settlement=settlement)
    meeting_with(partner, culture, 1, title="Culture meets the partner")
    client.force_login(factories.member(settlement, Role.CHAIR))
    response = client.get(reverse("committees:partner_detail", args=[partner.pk]))
    assert response.status_code == 200
    assert "Culture meets the partner" not in text(response)
    assert "No meeting with this partner that you can see." in text(response)


@pytest.mark.parametrize("role", [Role.SECRETARY, Role.BOARD])
def test_readers_of_all_committees_see_all_meetings(client, settlement, culture, role):
    partner = factories.PartnerFactory(settlement=settlement)
    meeting_with(partner, culture, 1)
    meeting_with(partner, None, 2, kind="board")
    client.force_login(factories.member(settlement, role))
    response = client.get(reverse("committees:partner_detail", args=[partner.pk]))
    assert len(response.context["meetings"]) == 2
    assert reverse("committees:partner_edit", args=[partner.pk]) not in text(response)


def test_a_bad_id_is_404(coordinator_client):
    assert coordinator_client.get("/committees/partners/99999999999999999999/").status_code == 404


# --- delete --------------------------------------------------------------------------------


def test_delete_asks_first_then_keeps_the_meetings(coordinator_client, settlement, culture):
    partner = factories.PartnerFactory(settlement=settlement, name="Gone soon")
    partner.committees.add(culture)
    meeting = meeting_with(partner, culture, 1)
    url = reverse("committees:partner_delete", args=[partner.pk])
    confirm = coordinator_client.get(url)
    assert confirm.status_code == 200
    page = text(confirm)
    assert "Delete “Gone soon”?" in page
    assert "linked to 1 meeting" in page and "1 committee" in page
    assert stored(settlement) != []
    response = coordinator_client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("committees:partners")
    assert stored(settlement) == []
    with scope(settlement=settlement.pk):
        assert Meeting.objects.filter(pk=meeting.pk).exists()
        assert not Meeting.partners.through.objects.filter(meeting_id=meeting.pk).exists()


# --- services ------------------------------------------------------------------------------


def test_update_writes_only_what_changed(settlement, culture):
    partner = factories.PartnerFactory(settlement=settlement, name="Same", kind="welfare")
    partner.committees.add(culture)
    data = {
        "name": "Same",
        "kind": "welfare",
        "contact_person": "",
        "role": "",
        "phone": "",
        "email": partner.email,
        "notes": "",
    }
    with scope(settlement=settlement.pk):
        assert services.partner_update(partner=partner, data=data, committees=[culture]) is False
        assert services.partner_update(partner=partner, data=data, committees=[]) is True
        assert list(partner.committees.all()) == []
        assert services.partner_update(partner=partner, data={**data, "role": "Head"}) is True


def test_services_refuse_another_settlements_committee(settlement, other_settlement):
    foreign = factories.CommitteeFactory(settlement=other_settlement)
    with scope(settlement=settlement.pk), pytest.raises(services.ForeignObject):
        services.partner_create(
            settlement=settlement,
            data={"name": "X", "kind": "other"},
            committees=[foreign],
        )
    assert stored(settlement) == []
