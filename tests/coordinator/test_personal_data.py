"""Personal-data rights: a copy of everything held about a resident, and erasure that
leaves nothing of them anywhere but the fact that it happened."""

import json

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.urls import reverse
from django_scopes import scopes_disabled

from coordinator.models import AuditEvent, Household, Resident, Role
from tests import factories

FIRST, LAST = "Zofija", "Quellmann"


def every_row_as_text() -> str:
    """Every row of every table of the database, as text (binary columns included)."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            chunks.append(f"{table}: {cursor.fetchall()!r}")
    return "\n".join(chunks)


@pytest.fixture
def person(coordinator_client, coordinator, settlement):
    """A resident with a history of edits, tags, a neighbourhood, an own household, an export
    and an admin log line about them, and an upload that names them."""
    hill = factories.NeighbourhoodFactory(settlement=settlement, name="Hill")
    household = factories.HouseholdFactory(settlement=settlement, name=f"{LAST} home")
    choir = factories.TagFactory(settlement=settlement, name="choir")
    resident = factories.ResidentFactory(
        settlement=settlement,
        first_name=FIRST,
        last_name="Quell",
        household=household,
        email="zq@example.org",
    )
    resident.tags.add(choir)
    coordinator_client.post(
        reverse("residents:edit", args=[resident.pk]),
        {
            "first_name": FIRST,
            "last_name": LAST,
            "birth_date": "1980-05-17",
            "household": household.pk,
            "neighbourhood": hill.pk,
            "email": "zq@example.org",
            "preferred_language": "sl",
            "tags": [choir.pk],
            "new_tags": "new family",
        },
    )
    LogEntry.objects.create(
        user=coordinator,
        content_type=ContentType.objects.get_for_model(Resident),
        object_id=str(resident.pk),
        object_repr=f"{FIRST} {LAST}",
        action_flag=CHANGE,
    )
    factories.ImportBatchFactory(
        settlement=settlement,
        created_by=coordinator,
        content=f"first_name,last_name\n{FIRST},{LAST}\n".encode(),
    )
    return resident


# --- export ---------------------------------------------------------------------------------


def test_export_holds_everything_about_the_resident(coordinator_client, coordinator, person):
    neighbour = factories.ResidentFactory(
        settlement=person.settlement, first_name="Other", last_name="Neighbour"
    )
    with scopes_disabled():
        neighbour.household = Household.objects.get(pk=person.household_id)
        neighbour.save()
    response = coordinator_client.get(reverse("residents:data_export", args=[person.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and LAST not in disposition
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["resident"]["id"] == person.pk
    assert (data["resident"]["first_name"], data["resident"]["last_name"]) == (FIRST, LAST)
    assert data["resident"]["birth_date"] == "1980-05-17"
    assert data["resident"]["email"] == "zq@example.org"
    assert data["household"]["name"] == f"{LAST} home"
    assert data["neighbourhood"] == "Hill"
    assert data["tags"] == ["choir", "new family"]
    actions = [(h["action"], h["by"]) for h in data["history"]]
    assert actions == [("created", None), ("changed", None), ("changed", "coord")]
    edit = {c["field"]: (c["before"], c["after"]) for c in data["history"][-1]["changes"]}
    assert edit["last_name"] == ("Quell", LAST)
    assert edit["neighbourhood"] == ("", "Hill")
    assert edit["tags"] == ("choir", "choir, new family")
    assert [(e["action"], e["by"]) for e in data["audit_events"]] == [("exported", "coord")]
    assert "Neighbour" not in response.content.decode()  # nobody else's data
    with scopes_disabled():
        [event] = AuditEvent.objects.all()
    assert (event.action, event.object_id, event.actor) == ("exported", person.pk, coordinator)


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.SECRETARY, Role.CHAIR])
def test_only_the_coordinator_exports_or_erases(client, settlement, person, role):
    client.force_login(factories.member(settlement, role))
    assert client.get(reverse("residents:data_export", args=[person.pk])).status_code == 404
    assert client.get(reverse("residents:erase", args=[person.pk])).status_code == 404
    data = {"full_name": f"{FIRST} {LAST}", "reason": "request"}
    assert client.post(reverse("residents:erase", args=[person.pk]), data).status_code == 404
    with scopes_disabled():
        assert Resident.objects.filter(pk=person.pk).exists()
        assert not AuditEvent.objects.exists()


def test_the_detail_page_offers_export_and_erasure_to_the_coordinator(
    client, coordinator_client, settlement, person
):
    page = coordinator_client.get(reverse("residents:detail", args=[person.pk])).content.decode()
    assert reverse("residents:data_export", args=[person.pk]) in page
    assert reverse("residents:erase", args=[person.pk]) in page
    client.force_login(factories.member(settlement, Role.SOCIAL_WORKER))
    page = client.get(reverse("residents:detail", args=[person.pk])).content.decode()
    assert reverse("residents:erase", args=[person.pk]) not in page


# --- erasure --------------------------------------------------------------------------------


def erase(client, resident, name: str, reason: str = "request"):
    return client.post(
        reverse("residents:erase", args=[resident.pk]), {"full_name": name, "reason": reason}
    )


def test_erasure_leaves_no_row_with_the_name_anywhere(
    coordinator_client, coordinator, settlement, person
):
    coordinator_client.get(reverse("residents:data_export", args=[person.pk]))
    household_id = person.household_id
    before = every_row_as_text()
    assert FIRST in before and LAST in before  # the search would find them
    page = coordinator_client.get(reverse("residents:erase", args=[person.pk]))
    assert page.status_code == 200 and "Erase for good" in page.content.decode()

    response = erase(coordinator_client, person, f"  {FIRST.lower()}   {LAST} ")
    assert response.status_code == 302
    assert response["Location"] == reverse("residents:list")
    after = every_row_as_text()
    assert FIRST not in after and LAST not in after
    assert FIRST.lower() not in after.lower() and LAST.lower() not in after.lower()
    assert "zq@example.org" not in after
    with scopes_disabled():
        assert not Resident.objects.filter(pk=person.pk).exists()
        assert not Resident.history.filter(id=person.pk).exists()
        assert not Resident.tags.through.objects.filter(resident_id=person.pk).exists()
        # Their household had no one else: gone, with its history.
        assert not Household.objects.filter(pk=household_id).exists()
        assert not Household.history.filter(id=household_id).exists()
        [erased] = AuditEvent.objects.filter(action="erased")
        earlier = AuditEvent.objects.exclude(pk=erased.pk).get()
    assert (erased.object_type, erased.object_id) == ("resident", person.pk)
    assert (erased.actor, erased.settlement_id) == (coordinator, settlement.pk)
    assert erased.summary == "reason: request"
    assert earlier.action == "exported" and earlier.summary == ""  # lost its summary
    listing = coordinator_client.get(reverse("residents:list")).content.decode()
    assert "erased" in listing and LAST not in listing
    trail = coordinator_client.get(reverse("audit:list"), {"kind": "event"})
    assert [e.action for e in trail.context["entries"]] == ["erased", "exported"]


def test_erasure_keeps_a_household_that_has_other_members(coordinator_client, settlement, person):
    """The household and its own history (its names and addresses over time) belong to
    the members who stay: they are kept as they are."""
    with scopes_disabled():
        household = Household.objects.get(pk=person.household_id)
    factories.ResidentFactory(settlement=settlement, household=household, first_name="Stays")
    assert erase(coordinator_client, person, f"{FIRST} {LAST}", "not_needed").status_code == 302
    with scopes_disabled():
        assert Household.objects.filter(pk=household.pk).exists()
        assert Household.history.filter(id=household.pk).exists()
        assert Resident.objects.filter(first_name="Stays").exists()
        assert AuditEvent.objects.get(action="erased").summary == "reason: not_needed"
        assert not Resident.history.filter(id=person.pk).exists()
    assert FIRST not in every_row_as_text()


@pytest.mark.parametrize(
    "data",
    [
        {"full_name": f"{FIRST} Quelmann", "reason": "request"},
        {"full_name": FIRST, "reason": "request"},
        {"full_name": f"{FIRST} {LAST}", "reason": "because"},
        {"full_name": f"{FIRST} {LAST}"},
        {},
    ],
)
def test_a_wrong_confirmation_erases_nothing(coordinator_client, settlement, person, data):
    before = every_row_as_text()
    response = coordinator_client.post(reverse("residents:erase", args=[person.pk]), data)
    assert response.status_code == 400
    assert every_row_as_text() == before
    with scopes_disabled():
        assert Resident.objects.filter(pk=person.pk).exists()
        assert not AuditEvent.objects.filter(action="erased").exists()


def test_a_resident_of_another_settlement_cannot_be_erased_or_exported(
    coordinator_client, other_settlement
):
    theirs = factories.ResidentFactory(settlement=other_settlement, first_name="Far")
    assert erase(coordinator_client, theirs, theirs.full_name).status_code == 404
    url = reverse("residents:data_export", args=[theirs.pk])
    assert coordinator_client.get(url).status_code == 404
    with scopes_disabled():
        assert Resident.objects.filter(pk=theirs.pk).exists()
        assert not AuditEvent.objects.exists()
