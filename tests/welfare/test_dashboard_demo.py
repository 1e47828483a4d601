"""The demo's welfare data: in each settlement's language, complete, and idempotent."""

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from welfare.models import (
    CaseNote,
    CheckIn,
    CouncilContact,
    Drill,
    Emergency,
    EmergencyLog,
    FundRequest,
    Referral,
    SupportProgramme,
    SupportTask,
    TeamMember,
    VulnerableResident,
    WelfareCase,
)

MODELS = [
    WelfareCase,
    CaseNote,
    Referral,
    SupportProgramme,
    SupportTask,
    FundRequest,
    TeamMember,
    CouncilContact,
    Drill,
    VulnerableResident,
    Emergency,
    CheckIn,
    EmergencyLog,
]


@pytest.fixture(autouse=True)
def on_a_developers_machine(settings):
    """The seed commands run only with DEBUG on (they make accounts with a known password)."""
    settings.DEBUG = True


def counts() -> dict[str, int]:
    with scopes_disabled():
        return {model.__name__: model.objects.count() for model in MODELS}


def test_the_demo_seeds_welfare_twice_without_adding(db):
    call_command("seed_demo", residents=30)
    first = counts()
    assert first["WelfareCase"] == 3 * (7 + 6)  # six more short of food and money
    assert first["FundRequest"] == 3 * 2
    assert first["CouncilContact"] == 3 * 2
    assert first["Drill"] == 3 * 2
    assert first["VulnerableResident"] == 3 * 4
    assert first["Emergency"] == 3
    call_command("seed_demo", residents=30)
    assert counts() == first


def test_the_demo_is_in_the_settlements_language_and_complete(db):
    call_command("seed_demo", residents=30)
    with scopes_disabled():
        hebrew = WelfareCase.objects.filter(settlement__slug="kfar-hadar").order_by("pk")
        assert any("\u05d0" <= ch <= "\u05ea" for ch in hebrew[0].need_details)
        slovene = WelfareCase.objects.filter(settlement__slug="zgornja-lipa").order_by("pk")
        assert "Zamuja" in slovene[0].need_details
        assert {c.social_worker.username for c in hebrew} == {"social-kfar-hadar"}
        assert len({cat for c in hebrew for cat in c.categories}) >= 6
        meals = SupportProgramme.objects.get(settlement__slug="meadowbrook", kind="meals")
        assert meals.token_hash
        assert meals.tasks.count() >= 5
        head = TeamMember.objects.get(settlement__slug="meadowbrook", function="head", deputy=False)
        assert head.user.username == "emergency-meadowbrook"
        emergency = Emergency.objects.get(settlement__slug="meadowbrook")
        assert emergency.ended_at is not None
        answers = set(emergency.check_ins.values_list("answer", flat=True))
        assert answers == {"safe", "help", ""}
        assert emergency.log.filter(event="ended").exists()
