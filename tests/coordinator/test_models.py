"""Invariants of the core models: age groups from birth dates, and the check constraints."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from hypothesis import given
from hypothesis import strategies as st

from coordinator.models import AgeGroup, Role, Settlement, age_on, years_before
from tests import factories

D = dt.date


def default_settlement() -> Settlement:
    """Unsaved: youth from 13, young adults from 18, adults from 30, seniors from 65."""
    return Settlement(name="Pure", slug="pure")


# --- ages and age groups ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("birth", "today", "age"),
    [
        (D(2008, 11, 23), D(2026, 11, 23), 18),  # the birthday itself counts
        (D(2008, 11, 23), D(2026, 11, 22), 17),  # the day before does not
        (D(2008, 2, 29), D(2026, 2, 28), 17),  # leapling in a common year: not yet
        (D(2008, 2, 29), D(2026, 3, 1), 18),  # ... from 1 March
        (D(2008, 2, 29), D(2028, 2, 29), 20),  # ... and on 29 February when there is one
        (D(2008, 3, 1), D(2028, 2, 29), 19),
    ],
)
def test_age_on(birth, today, age):
    assert age_on(birth, today) == age


@pytest.mark.parametrize(
    ("birth", "today", "group"),
    [
        (D(2026, 11, 23), D(2026, 11, 23), AgeGroup.CHILDREN),  # born today
        (D(2013, 11, 23), D(2026, 11, 23), AgeGroup.YOUTH),  # 13 today
        (D(2013, 11, 24), D(2026, 11, 23), AgeGroup.CHILDREN),  # 13 tomorrow
        (D(2008, 11, 23), D(2026, 11, 23), AgeGroup.YOUNG_ADULTS),
        (D(2008, 11, 24), D(2026, 11, 23), AgeGroup.YOUTH),
        (D(1996, 11, 23), D(2026, 11, 23), AgeGroup.ADULTS),
        (D(1961, 11, 23), D(2026, 11, 23), AgeGroup.SENIORS),
        (D(1961, 11, 24), D(2026, 11, 23), AgeGroup.ADULTS),
        (D(2008, 2, 29), D(2026, 2, 28), AgeGroup.YOUTH),  # turns 18 on 1 March
        (D(2008, 2, 29), D(2026, 3, 1), AgeGroup.YOUNG_ADULTS),
        (D(1963, 2, 28), D(2028, 2, 29), AgeGroup.SENIORS),
        (D(1963, 3, 1), D(2028, 2, 29), AgeGroup.ADULTS),
    ],
)
def test_age_group_of_default_boundaries(birth, today, group):
    assert default_settlement().age_group_of(birth, today) == group


def test_age_group_follows_the_settlements_boundaries():
    settlement = Settlement(youth_from=10, young_adults_from=16, adults_from=25, seniors_from=60)
    today = D(2026, 11, 23)
    assert settlement.age_group_of(D(2016, 11, 23), today) == AgeGroup.YOUTH
    assert settlement.age_group_of(D(2010, 11, 23), today) == AgeGroup.YOUNG_ADULTS
    assert settlement.age_group_of(D(2001, 11, 23), today) == AgeGroup.ADULTS
    assert settlement.age_group_of(D(1966, 11, 23), today) == AgeGroup.SENIORS
    # With the default boundaries the same people are in other groups.
    assert default_settlement().age_group_of(D(2016, 11, 23), today) == AgeGroup.CHILDREN
    assert default_settlement().age_group_of(D(1966, 11, 23), today) == AgeGroup.ADULTS


def test_age_group_of_unknown_birth_date_is_none():
    assert default_settlement().age_group_of(None, D(2026, 11, 23)) is None


def test_birth_date_range_of_each_group():
    settlement = default_settlement()
    today = D(2026, 11, 23)
    assert settlement.birth_date_range("children", today) == (D(2013, 11, 23), today)
    assert settlement.birth_date_range("youth", today) == (D(2008, 11, 23), D(2013, 11, 23))
    assert settlement.birth_date_range("seniors", today) == (None, D(1961, 11, 23))


def test_birth_date_range_on_29_february():
    today = D(2028, 2, 29)
    after, latest = default_settlement().birth_date_range("young_adults", today)
    assert (after, latest) == (D(1998, 2, 28), D(2010, 2, 28))
    assert years_before(today, 4) == D(2024, 2, 29)


boundaries = st.lists(
    st.integers(min_value=1, max_value=110), min_size=4, max_size=4, unique=True
).map(sorted)


@given(
    bounds=boundaries,
    today=st.dates(min_value=D(2000, 1, 1), max_value=D(2100, 12, 31)),
    age_days=st.integers(min_value=0, max_value=130 * 366),
)
def test_birth_date_range_agrees_with_age_group_of(bounds, today, age_days):
    """A birth date lies in a group's range exactly when ``age_group_of`` puts it there."""
    settlement = Settlement(
        youth_from=bounds[0],
        young_adults_from=bounds[1],
        adults_from=bounds[2],
        seniors_from=bounds[3],
    )
    birth = today - dt.timedelta(days=age_days)
    group = settlement.age_group_of(birth, today)
    inside = []
    for candidate in AgeGroup:
        after, latest = settlement.birth_date_range(candidate, today)
        if birth <= latest and (after is None or birth > after):
            inside.append(candidate)
    assert inside == [group]


# --- constraints -----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "bounds",
    [
        {"youth_from": 0},
        {"youth_from": 18, "young_adults_from": 18},
        {"young_adults_from": 40},  # above adults_from (30)
        {"seniors_from": 30},
        {"youth_from": 70, "young_adults_from": 60, "adults_from": 50, "seniors_from": 40},
    ],
)
def test_settlement_refuses_non_ascending_age_groups(bounds):
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.SettlementFactory(**bounds)
    assert not Settlement.objects.exists()


@pytest.mark.django_db
def test_settlement_accepts_ascending_age_groups():
    settlement = factories.SettlementFactory(
        youth_from=1, young_adults_from=2, adults_from=3, seniors_from=4
    )
    settlement.refresh_from_db()
    assert settlement.seniors_from == 4


@pytest.mark.django_db
def test_settlement_refuses_non_ascending_update():
    settlement = factories.SettlementFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Settlement.objects.filter(pk=settlement.pk).update(adults_from=10)
    settlement.refresh_from_db()
    assert settlement.adults_from == 30


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "has_settlement", "has_council"),
    [
        (Role.COUNCIL_STAFF, True, True),  # council staff with a settlement too
        (Role.COUNCIL_STAFF, True, False),  # council staff in a settlement
        (Role.COUNCIL_STAFF, False, False),  # council staff of nothing
        (Role.COORDINATOR, False, True),  # a settlement role in a council
        (Role.COORDINATOR, True, True),
        (Role.CHAIR, False, False),
    ],
)
def test_membership_constraint_refuses(role, has_settlement, has_council):
    settlement = factories.SettlementFactory()
    user = factories.UserFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.MembershipFactory(
            user=user,
            role=role,
            settlement=settlement if has_settlement else None,
            council=settlement.council if has_council else None,
        )
    assert not user.memberships.exists()


@pytest.mark.django_db
def test_membership_constraint_accepts_the_two_shapes():
    settlement = factories.SettlementFactory()
    staff = factories.council_staff(settlement.council)
    coordinator = factories.member(settlement, Role.COORDINATOR)
    assert staff.memberships.get().council == settlement.council
    assert coordinator.memberships.get().settlement == settlement


@pytest.mark.django_db
def test_membership_clean_explains_council_staff():
    settlement = factories.SettlementFactory()
    membership = factories.MembershipFactory.build(
        role=Role.COUNCIL_STAFF, settlement=settlement, council=settlement.council
    )
    with pytest.raises(ValidationError, match="Council staff belong to a council"):
        membership.clean()
