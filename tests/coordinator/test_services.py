"""The writes of the registry: residents, households, the settlement's own settings."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scope

from coordinator import services
from coordinator.models import Household, Neighbourhood, Resident, Settlement, Tag
from coordinator.services import DuplicateResident
from tests import factories

BASE = {"first_name": "Ana", "last_name": "Novak", "birth_date": dt.date(1990, 4, 1)}


@pytest.fixture
def scoped(settlement):
    with scope(settlement=settlement.pk):
        yield settlement


def writes(queries: CaptureQueriesContext) -> list[str]:
    return [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]


# --- residents -------------------------------------------------------------------------------


def test_resident_create(scoped):
    household = factories.HouseholdFactory(settlement=scoped)
    resident = services.resident_create(
        settlement=scoped, data={**BASE, "household": household, "phone": "+386 1 234"}
    )
    stored = Resident.objects.get(pk=resident.pk)
    assert (stored.full_name, stored.household, stored.phone) == (
        "Ana Novak",
        household,
        "+386 1 234",
    )
    assert stored.settlement == scoped


def test_resident_create_refuses_a_duplicate(scoped):
    services.resident_create(settlement=scoped, data=BASE)
    with pytest.raises(DuplicateResident):
        services.resident_create(
            settlement=scoped,
            data={"first_name": " ana ", "last_name": "NOVAK", "birth_date": BASE["birth_date"]},
        )
    assert Resident.objects.count() == 1


def test_resident_create_same_name_other_birth_date_is_no_duplicate(scoped):
    services.resident_create(settlement=scoped, data=BASE)
    services.resident_create(settlement=scoped, data={**BASE, "birth_date": dt.date(1991, 4, 1)})
    assert Resident.objects.count() == 2


def test_an_archived_resident_is_no_duplicate(scoped):
    first = services.resident_create(settlement=scoped, data=BASE)
    services.resident_archive(resident=first)
    services.resident_create(settlement=scoped, data=BASE)
    assert Resident.objects.filter(archived_at__isnull=True).count() == 1
    assert Resident.objects.count() == 2


def test_a_duplicate_in_another_settlement_does_not_count(scoped, other_settlement):
    factories.ResidentFactory(settlement=other_settlement, **BASE)
    services.resident_create(settlement=scoped, data=BASE)
    assert Resident.objects.count() == 1


def test_resident_create_with_tags_and_new_tags(scoped, other_settlement):
    volunteer = factories.TagFactory(settlement=scoped, name="volunteer")
    foreign = factories.TagFactory(settlement=other_settlement, name="foreign")
    resident = services.resident_create(
        settlement=scoped,
        data=BASE,
        tags=[volunteer, foreign],
        new_tags=["new family", "Volunteer", " "],
    )
    assert sorted(t.name for t in resident.tags.all()) == ["new family", "volunteer"]
    assert sorted(Tag.objects.values_list("name", flat=True)) == ["new family", "volunteer"]


@pytest.mark.parametrize("key", ["household", "neighbourhood"])
def test_resident_create_refuses_another_settlements_household(scoped, other_settlement, key):
    factory = factories.HouseholdFactory if key == "household" else factories.NeighbourhoodFactory
    foreign = factory(settlement=other_settlement)
    with pytest.raises(ValueError, match="another settlement"):
        services.resident_create(settlement=scoped, data={**BASE, key: foreign})
    assert not Resident.objects.exists()


def test_resident_update_changes_fields(scoped):
    resident = factories.ResidentFactory(settlement=scoped, **BASE)
    services.resident_update(resident=resident, data={**BASE, "email": "ana@example.org"})
    assert Resident.objects.get(pk=resident.pk).email == "ana@example.org"


def test_resident_update_writes_nothing_when_nothing_changes(scoped):
    tag = factories.TagFactory(settlement=scoped)
    resident = factories.ResidentFactory(settlement=scoped, **BASE)
    resident.tags.add(tag)
    before = Resident.objects.get(pk=resident.pk).updated_at
    data = {k: getattr(resident, k) for k in services.residents.RESIDENT_FIELDS}
    with CaptureQueriesContext(connection) as queries:
        services.resident_update(
            resident=Resident.objects.get(pk=resident.pk), data=data, tags=[tag]
        )
    assert writes(queries) == []
    assert Resident.objects.get(pk=resident.pk).updated_at == before


def test_resident_update_refuses_a_duplicate(scoped):
    factories.ResidentFactory(settlement=scoped, **BASE)
    other = factories.ResidentFactory(settlement=scoped, first_name="Bor", last_name="Novak")
    with pytest.raises(DuplicateResident):
        services.resident_update(
            resident=Resident.objects.get(pk=other.pk), data={"first_name": "Ana", **BASE}
        )
    assert Resident.objects.get(pk=other.pk).first_name == "Bor"


def test_resident_update_of_itself_is_no_duplicate(scoped):
    resident = factories.ResidentFactory(settlement=scoped, **BASE)
    services.resident_update(resident=resident, data={**BASE, "phone": "040 111 222"})
    assert Resident.objects.get(pk=resident.pk).phone == "040 111 222"


def test_resident_update_tags(scoped):
    old = factories.TagFactory(settlement=scoped, name="old")
    kept = factories.TagFactory(settlement=scoped, name="kept")
    resident = factories.ResidentFactory(settlement=scoped)
    resident.tags.set([old, kept])
    # tags=None keeps the tags; new_tags adds to them
    services.resident_update(resident=resident, data={}, new_tags=["fresh"])
    assert sorted(t.name for t in resident.tags.all()) == ["fresh", "kept", "old"]
    # a list replaces them
    services.resident_update(resident=resident, data={}, tags=[kept])
    assert [t.name for t in resident.tags.all()] == ["kept"]
    services.resident_update(resident=resident, data={}, tags=[])
    assert not resident.tags.exists()


def test_resident_update_refuses_another_settlements_household(scoped, other_settlement):
    resident = factories.ResidentFactory(settlement=scoped)
    foreign = factories.HouseholdFactory(settlement=other_settlement)
    with pytest.raises(ValueError, match="another settlement"):
        services.resident_update(resident=resident, data={"household": foreign})
    assert Resident.objects.get(pk=resident.pk).household is None


def test_resident_archive_and_restore(scoped, fixed_clock):
    resident = factories.ResidentFactory(settlement=scoped)
    services.resident_archive(resident=resident)
    assert Resident.objects.get(pk=resident.pk).archived_at == factories.FIXED_NOW
    with fixed_clock.frozen_at(factories.FIXED_NOW + dt.timedelta(days=3)):
        services.resident_archive(resident=resident)  # archiving twice keeps the first date
    assert Resident.objects.get(pk=resident.pk).archived_at == factories.FIXED_NOW
    services.resident_restore(resident=resident)
    assert Resident.objects.get(pk=resident.pk).archived_at is None


def test_archive_and_restore_write_nothing_when_already_there(scoped):
    resident = factories.ResidentFactory(settlement=scoped)
    with CaptureQueriesContext(connection) as queries:
        services.resident_restore(resident=resident)
    assert writes(queries) == []


def test_resident_restore_refuses_when_a_duplicate_is_active(scoped):
    archived = factories.ResidentFactory(settlement=scoped, archived_at=factories.FIXED_NOW, **BASE)
    factories.ResidentFactory(settlement=scoped, **BASE)
    with pytest.raises(DuplicateResident):
        services.resident_restore(resident=archived)
    assert Resident.objects.get(pk=archived.pk).archived_at is not None


# --- households ------------------------------------------------------------------------------


def test_household_create(scoped):
    north = factories.NeighbourhoodFactory(settlement=scoped)
    household = services.household_create(
        settlement=scoped, data={"name": "Novak", "address": "Main 1", "neighbourhood": north}
    )
    stored = Household.objects.get(pk=household.pk)
    assert (stored.name, stored.address, stored.neighbourhood) == ("Novak", "Main 1", north)


def test_household_create_refuses_another_settlements_neighbourhood(scoped, other_settlement):
    foreign = factories.NeighbourhoodFactory(settlement=other_settlement)
    with pytest.raises(ValueError, match="another settlement"):
        services.household_create(settlement=scoped, data={"name": "X", "neighbourhood": foreign})
    assert not Household.objects.exists()


def test_household_update(scoped):
    household = factories.HouseholdFactory(settlement=scoped, name="Old")
    services.household_update(household=household, data={"name": "New", "address": "Hill 2"})
    stored = Household.objects.get(pk=household.pk)
    assert (stored.name, stored.address) == ("New", "Hill 2")


def test_household_update_writes_nothing_when_nothing_changes(scoped):
    household = factories.HouseholdFactory(settlement=scoped)
    data = {"name": household.name, "address": household.address, "neighbourhood": None}
    with CaptureQueriesContext(connection) as queries:
        services.household_update(household=household, data=data)
    assert writes(queries) == []


# --- the settlement's settings ---------------------------------------------------------------


def test_settlement_age_groups_update(settlement):
    services.settlement_age_groups_update(
        settlement=settlement,
        data={"youth_from": 12, "young_adults_from": 19, "adults_from": 27, "seniors_from": 67},
    )
    settlement.refresh_from_db()
    assert (settlement.youth_from, settlement.seniors_from) == (12, 67)


def test_settlement_age_groups_update_refuses_non_ascending(settlement):
    with pytest.raises(ValidationError):
        services.settlement_age_groups_update(settlement=settlement, data={"young_adults_from": 40})
    stored = Settlement.objects.get(pk=settlement.pk)
    assert stored.young_adults_from == 18


def test_settlement_age_groups_update_writes_nothing_when_unchanged(settlement):
    with CaptureQueriesContext(connection) as queries:
        services.settlement_age_groups_update(
            settlement=settlement, data={"youth_from": 13, "seniors_from": 65}
        )
    assert writes(queries) == []


def test_neighbourhood_add_and_remove(scoped):
    north = services.neighbourhood_add(settlement=scoped, name=" North ")
    assert north.name == "North"
    assert services.neighbourhood_add(settlement=scoped, name="north") == north
    assert Neighbourhood.objects.count() == 1
    household = factories.HouseholdFactory(settlement=scoped, neighbourhood=north)
    resident = factories.ResidentFactory(
        settlement=scoped, neighbourhood=north, household=household
    )
    services.neighbourhood_remove(neighbourhood=north)
    assert not Neighbourhood.objects.exists()
    stored = Resident.objects.get(pk=resident.pk)
    assert stored.neighbourhood is None
    assert stored.household == household
    assert Household.objects.get(pk=household.pk).neighbourhood is None


def test_tag_add_and_remove(scoped):
    tag = services.tag_add(settlement=scoped, name="volunteer")
    assert services.tag_add(settlement=scoped, name="Volunteer ") == tag
    resident = factories.ResidentFactory(settlement=scoped)
    resident.tags.add(tag)
    services.tag_remove(tag=tag)
    assert not Tag.objects.exists()
    assert Resident.objects.filter(pk=resident.pk).exists()
    assert not resident.tags.exists()
