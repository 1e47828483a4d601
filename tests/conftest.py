"""Fixtures shared by the whole suite."""

import os

import pytest
from django.core.cache import cache
from django.utils import translation
from django_scopes import scopes_disabled

from coordinator import clock
from coordinator.models import Role

from . import factories

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # live_server + sync Playwright


@pytest.fixture(autouse=True)
def fixed_clock():
    """No test depends on the real date or hour: the clock stands at 23 Nov 2026, 10:00 UTC."""
    clock.set_now(factories.FIXED_NOW)
    yield clock
    clock.set_now(None)


@pytest.fixture(autouse=True)
def reference_data(request):
    """The data the migrations load (the competency model and its default evidence table)
    is gone after a transactional test (Django empties every table after one): load it
    again, for a transactional test, before it runs."""
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker is not None and marker.kwargs.get("transaction")) or any(
        name in request.fixturenames for name in ("transactional_db", "live_server")
    )
    if not transactional:
        yield
        return
    request.getfixturevalue("transactional_db")
    from competencies.loading import base_model_load
    from competencies.models import Area, Competency, EvidenceRule, Framework

    base_model_load(
        framework_model=Framework,
        area_model=Area,
        competency_model=Competency,
        rule_model=EvidenceRule,
    )
    yield


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: the database is rolled back between tests and
    its ids come again, so what an earlier test kept (the council's summaries) must go."""
    cache.clear()
    yield


@pytest.fixture(autouse=True)
def english_to_begin_with():
    """Each test starts in English, whatever an earlier test in the same worker left active
    (a request, a command or an ``activate`` without its ``deactivate``)."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def unscoped():
    """For assertions that look at the database directly, across settlements."""
    with scopes_disabled():
        yield


@pytest.fixture
def settlement(db):
    return factories.SettlementFactory(name="Home Village", slug="home")


@pytest.fixture
def other_settlement(db):
    return factories.SettlementFactory(name="Far Village", slug="far")


@pytest.fixture
def coordinator(settlement):
    return factories.member(settlement, Role.COORDINATOR, username="coord")


@pytest.fixture
def chair(settlement):
    return factories.member(settlement, Role.CHAIR, username="chair")


@pytest.fixture
def council_staff(settlement):
    return factories.council_staff(settlement.council, username="staff")


@pytest.fixture
def other_settlement_coordinator(other_settlement):
    return factories.member(other_settlement, Role.COORDINATOR, username="othercoord")


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client
