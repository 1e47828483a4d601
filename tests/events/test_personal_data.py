"""A resident's sign-ups for events, shifts and classes are in their personal-data export,
and erasure leaves no sign-up with their name or address."""

import datetime as dt
import json

from django.urls import reverse
from django_scopes import scopes_disabled

from events.models import ClassParticipant, ClassRegistration, EventRegistration, ShiftSignup
from tests import factories

from ..coordinator.test_personal_data import every_row_as_text

NAME, EMAIL = "Quellmann Zofija", "zq@example.org"


def signed_up_everywhere(settlement):
    resident = factories.ResidentFactory(
        settlement=settlement, first_name="Zofija", last_name="Quellmann", email=EMAIL
    )
    committee = factories.CommitteeFactory(settlement=settlement)
    event = factories.EventFactory(committee=committee, title={"en": "Lantern walk"})
    factories.EventRegistrationFactory(event=event, name=NAME, email=EMAIL, resident=resident)
    factories.ShiftSignupFactory(
        shift__event=event, shift__role="Door", name=NAME, email=EMAIL, resident=resident
    )
    course = factories.CourseFactory(committee=committee, title={"en": "Pottery"})
    registration = factories.ClassRegistrationFactory(
        course=course, name=NAME, email=EMAIL, resident=resident
    )
    participant = factories.ClassParticipantFactory(
        registration=registration, name=NAME, resident=resident
    )
    for date, present in ((dt.date(2026, 12, 1), True), (dt.date(2026, 12, 8), False)):
        factories.SessionAttendanceFactory(
            session__course=course, session__date=date, participant=participant, present=present
        )
    # Someone else's sign-up for the same event stays.
    factories.EventRegistrationFactory(event=event, name="Other Guest")
    return resident


def test_the_export_holds_the_residents_sign_ups(coordinator_client, settlement):
    resident = signed_up_everywhere(settlement)
    response = coordinator_client.get(reverse("residents:data_export", args=[resident.pk]))
    data = json.loads(response.content)["events"]
    assert [row["event"] for row in data["event_registrations"]] == ["Lantern walk"]
    assert [row["role"] for row in data["volunteer_shifts"]] == ["Door"]
    assert [row["class"] for row in data["class_registrations"]] == ["Pottery"]
    assert [(row["class"], row["payment"]) for row in data["classes"]] == [("Pottery", "due")]
    assert data["classes"][0]["sessions_present"] == 1
    assert "Other Guest" not in response.content.decode()


def test_erasure_removes_every_sign_up_of_the_resident(coordinator_client, settlement):
    resident = signed_up_everywhere(settlement)
    assert EMAIL in every_row_as_text()
    response = coordinator_client.post(
        reverse("residents:erase", args=[resident.pk]),
        {"full_name": "Zofija Quellmann", "reason": "request"},
    )
    assert response.status_code == 302
    after = every_row_as_text()
    assert EMAIL not in after and "Quellmann" not in after
    with scopes_disabled():
        assert list(EventRegistration.objects.values_list("name", flat=True)) == ["Other Guest"]
        assert not ShiftSignup.objects.exists()
        assert not ClassRegistration.objects.exists()
        assert not ClassParticipant.objects.exists()
