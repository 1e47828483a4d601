"""factory_boy factories. ``create()`` of a scoped model needs no scope; reading does."""

import datetime as dt
from typing import Any

import factory
from factory.django import DjangoModelFactory

from committees.models import Committee
from coordinator.models import (
    Council,
    Household,
    ImportBatch,
    Membership,
    Neighbourhood,
    Resident,
    Role,
    Settlement,
    Tag,
    User,
)

FIXED_NOW = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)


class CouncilFactory(DjangoModelFactory[Council]):
    class Meta:
        model = Council

    name = factory.Sequence(lambda n: f"Council {n}")
    slug = factory.Sequence(lambda n: f"council-{n}")


class SettlementFactory(DjangoModelFactory[Settlement]):
    class Meta:
        model = Settlement

    council = factory.SubFactory(CouncilFactory)
    name = factory.Sequence(lambda n: f"Settlement {n}")
    slug = factory.Sequence(lambda n: f"settlement-{n}")
    language = "en"


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.Sequence(lambda n: f"user{n}@example.org")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User{n}")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class MembershipFactory(DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.COORDINATOR
    settlement = factory.SubFactory(SettlementFactory)
    council = None


class NeighbourhoodFactory(DjangoModelFactory[Neighbourhood]):
    class Meta:
        model = Neighbourhood

    settlement = factory.SubFactory(SettlementFactory)
    name = factory.Sequence(lambda n: f"Neighbourhood {n}")


class TagFactory(DjangoModelFactory[Tag]):
    class Meta:
        model = Tag

    settlement = factory.SubFactory(SettlementFactory)
    name = factory.Sequence(lambda n: f"tag {n}")


class HouseholdFactory(DjangoModelFactory[Household]):
    class Meta:
        model = Household

    settlement = factory.SubFactory(SettlementFactory)
    name = factory.Sequence(lambda n: f"Household {n}")
    address = factory.Sequence(lambda n: f"Main Street {n}")


class ResidentFactory(DjangoModelFactory[Resident]):
    class Meta:
        model = Resident

    settlement = factory.SubFactory(SettlementFactory)
    first_name = factory.Sequence(lambda n: f"First{n}")
    last_name = factory.Sequence(lambda n: f"Last{n}")
    birth_date = dt.date(1980, 5, 17)
    email = factory.Sequence(lambda n: f"resident{n}@example.org")
    phone = "+386 40 123 456"
    preferred_language = "en"
    consent_to_contact = True


class CommitteeFactory(DjangoModelFactory[Committee]):
    class Meta:
        model = Committee
        skip_postgeneration_save = True

    settlement = factory.SubFactory(SettlementFactory)
    name = factory.Sequence(lambda n: f"Committee {n}")
    kind = "culture"

    @factory.post_generation
    def chairs(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted:
            obj.chairs.set(extracted)


class ImportBatchFactory(DjangoModelFactory[ImportBatch]):
    class Meta:
        model = ImportBatch

    settlement = factory.SubFactory(SettlementFactory)
    filename = "residents.csv"
    file_format = "csv"
    content = b"first_name,last_name,birth_date\nNew,Person,1990-01-02\n"
    row_count = 1
    created_at = FIXED_NOW


def member(settlement: Settlement, role: str, **kwargs: Any) -> User:
    user = UserFactory.create(**kwargs)
    MembershipFactory(user=user, role=role, settlement=settlement)
    return user


def council_staff(council: Council, **kwargs: Any) -> User:
    user = UserFactory.create(**kwargs)
    MembershipFactory(user=user, role=Role.COUNCIL_STAFF, settlement=None, council=council)
    return user
