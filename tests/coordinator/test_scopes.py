"""The tenancy guard: settlement data is read only inside its settlement's scope."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_scopes import ScopeError, scope, scopes_disabled

from committees.models import Committee
from coordinator.management.base import ScopedCommand
from coordinator.models import Household, ImportBatch, Neighbourhood, Resident, Settlement, Tag
from coordinator.scoping import no_scope
from tests import factories

FACTORIES = {
    Resident: factories.ResidentFactory,
    Household: factories.HouseholdFactory,
    Neighbourhood: factories.NeighbourhoodFactory,
    Tag: factories.TagFactory,
    ImportBatch: factories.ImportBatchFactory,
    Committee: factories.CommitteeFactory,
}
MODELS = list(FACTORIES)


@pytest.fixture
def two_settlements(settlement, other_settlement):
    rows = {}
    for model, factory in FACTORIES.items():
        rows[model] = (
            factory.create_batch(2, settlement=settlement),
            factory.create_batch(3, settlement=other_settlement),
        )
    return rows


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_query_outside_a_scope_raises(two_settlements, model):
    with pytest.raises(ScopeError):
        list(model.objects.all())
    with pytest.raises(ScopeError):
        model.objects.filter(pk=1)
    with pytest.raises(ScopeError):
        model.objects.count()


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_query_inside_a_scope_sees_only_that_settlement(
    two_settlements, settlement, other_settlement, model
):
    mine, theirs = two_settlements[model]
    with scope(settlement=settlement.pk):
        assert {row.pk for row in model.objects.all()} == {row.pk for row in mine}
        assert not model.objects.filter(pk__in=[row.pk for row in theirs]).exists()
    with scope(settlement=other_settlement.pk):
        assert model.objects.count() == len(theirs)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_scopes_disabled_sees_everything(two_settlements, model):
    mine, theirs = two_settlements[model]
    with scopes_disabled():
        assert model.objects.count() == len(mine) + len(theirs)


def test_a_scope_over_several_settlements(two_settlements, settlement, other_settlement):
    with scope(settlement=[settlement.pk, other_settlement.pk]):
        assert Resident.objects.count() == 5
    with scope(settlement=[settlement.pk]):
        assert Resident.objects.count() == 2


def test_related_managers_are_scoped_too(settlement):
    household = factories.HouseholdFactory(settlement=settlement)
    factories.ResidentFactory(settlement=settlement, household=household)
    with pytest.raises(ScopeError):
        list(household.residents.all())
    with scope(settlement=settlement.pk):
        assert household.residents.count() == 1


def test_middleware_scopes_requests_to_the_active_settlement(
    coordinator_client, settlement, other_settlement
):
    mine = factories.ResidentFactory(settlement=settlement, first_name="Mine")
    theirs = factories.ResidentFactory(settlement=other_settlement, first_name="Theirs")
    assert coordinator_client.get(reverse("residents:detail", args=[mine.pk])).status_code == 200
    response = coordinator_client.get(reverse("residents:detail", args=[theirs.pk]))
    assert response.status_code == 404
    assert b"Theirs" not in response.content
    listing = coordinator_client.get(reverse("residents:list"))
    assert b"Mine" in listing.content
    assert b"Theirs" not in listing.content


def test_middleware_404_for_other_settlements_household_and_edit(
    coordinator_client, other_settlement
):
    household = factories.HouseholdFactory(settlement=other_settlement)
    resident = factories.ResidentFactory(settlement=other_settlement)
    assert (
        coordinator_client.get(reverse("households:detail", args=[household.pk])).status_code == 404
    )
    response = coordinator_client.post(
        reverse("residents:edit", args=[resident.pk]), {"first_name": "Hijacked"}
    )
    assert response.status_code == 404
    with scope(settlement=other_settlement.pk):
        assert Resident.objects.get(pk=resident.pk).first_name != "Hijacked"


class CountResidents(ScopedCommand):
    def handle(self, *args, **options):
        return str(Resident.objects.count())


class CountResidentsOfEach(ScopedCommand):
    def handle(self, *args, **options):
        counts = []
        for settlement in Settlement.objects.order_by("pk"):
            with scope(settlement=settlement.pk):
                counts.append(Resident.objects.count())
        return ",".join(map(str, counts))


def test_a_command_that_forgets_its_settlement_raises(settlement):
    factories.ResidentFactory(settlement=settlement)
    with pytest.raises(ScopeError):
        call_command(CountResidents())
    with scope(settlement=settlement.pk), pytest.raises(ScopeError):
        call_command(CountResidents())  # not even inside a caller's scope


def test_a_command_opens_a_scope_per_settlement(settlement, other_settlement):
    factories.ResidentFactory.create_batch(2, settlement=settlement)
    factories.ResidentFactory(settlement=other_settlement)
    assert call_command(CountResidentsOfEach()) == "2,1"


def test_no_scope_hides_the_callers_scope_for_its_block(settlement):
    """What the task and command bases use: inside it, no settlement is in scope."""
    factories.ResidentFactory(settlement=settlement)

    with scope(settlement=settlement.pk):
        assert Resident.objects.count() == 1
        with no_scope(), pytest.raises(ScopeError):
            Resident.objects.count()
        assert Resident.objects.count() == 1  # the caller's scope is back
