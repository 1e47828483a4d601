"""The team on paper: the PDF holds the roster's names and phones, the contact tree and
the council contacts; the residents who need help only for a reader who may see them now
(the coordinator always, the team during an emergency). It is in the settlement's
language and its download is recorded."""

import io

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled
from pypdf import PdfReader

from coordinator.models import AuditEvent, Role
from tests import factories

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def world(settlement):
    head = factories.TeamMemberFactory(
        settlement=settlement, function="head", name="Hana Golan", phone="050-1112222"
    )
    factories.TeamMemberFactory(
        settlement=settlement, function="medical", name="Doron Levi", phone="052-3334444"
    )
    factories.CouncilContactFactory(
        settlement=settlement, department="violence", name="Rina Council", phone="04-9876543"
    )
    factories.VulnerableResidentFactory(
        resident=factories.ResidentFactory(
            settlement=settlement, first_name="Ester", last_name="Alone", phone="053-5556666"
        ),
        needs="Oxygen machine",
        buddy=head,
    )
    return settlement


@pytest.fixture
def team_client(client, settlement):
    client.force_login(factories.member(settlement, Role.EMERGENCY, username="teamer"))
    return client


def download(client) -> str:
    response = client.get(reverse("welfare:offline_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return pdf_text(response.content)


def test_the_coordinators_pdf_holds_everything(coordinator_client, coordinator, world):
    text = download(coordinator_client)
    for expected in (
        "Hana Golan",
        "050-1112222",
        "Doron Levi",
        "052-3334444",
        "Rina Council",
        "04-9876543",
        "Contact tree",
        "Ester Alone",
        "Oxygen machine",
    ):
        assert expected in text, expected
    with scopes_disabled():
        event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORTED)
    assert event.actor == coordinator and event.settlement_id == world.pk
    assert "Oxygen" not in event.summary


def test_a_team_member_gets_no_list_without_an_emergency(team_client, world):
    text = download(team_client)
    assert "Hana Golan" in text and "050-1112222" in text and "Rina Council" in text
    assert "Ester Alone" not in text
    assert "Oxygen machine" not in text
    assert "Residents who need help" not in text


def test_a_team_member_gets_the_list_during_an_emergency(team_client, coordinator, world):
    factories.EmergencyFactory(settlement=world, declared_by=coordinator, ended_at=None)
    text = download(team_client)
    assert "Ester Alone" in text and "Oxygen machine" in text and "053-5556666" in text


def test_the_pdf_is_in_the_settlements_language(coordinator_client, world):
    world.language = "sl"
    world.save()
    text = download(coordinator_client)  # the reader's language stays English
    assert "Hana Golan" in text
    assert "Telefon" in text and "Vloga" in text  # "Phone" and "Role" in Slovenian
    assert "Phone" not in text


def test_a_hebrew_pdf_runs_right_to_left(coordinator_client, world):
    from welfare import offline

    world.language = "he"
    world.save()
    with scopes_disabled():
        context = offline.team_context(settlement=world, with_vulnerable=False)
    assert context["direction"] == "rtl" and context["language"] == "he"
    assert "Hana Golan" in download(coordinator_client)


def test_others_get_404(client, settlement, chair, world):
    client.force_login(chair)
    assert client.get(reverse("welfare:offline_pdf")).status_code == 404
