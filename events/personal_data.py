"""What events and classes hold about a resident, for their personal-data export and for
erasure: the sign-ups made with their e-mail (events, shifts, classes) and the classes they
take part in."""

from typing import Any

from django.db.models import Count, Q

from coordinator import registry
from surveys.i18n import text_in

from .models import ClassParticipant, ClassRegistration, EventRegistration, ShiftSignup


def _title(value: dict[str, str], settlement: Any) -> str:
    return text_in(value, [settlement.language])


def personal_data_export(resident: Any) -> dict[str, Any]:
    settlement = resident.settlement
    mine = {"settlement_id": resident.settlement_id, "resident": resident}
    return {
        "event_registrations": [
            {
                "event": _title(row.event.title, settlement),
                "people": row.seats,
                "status": row.status,
                "came": row.attended,
                "name": row.name,
                "email": row.email,
                "phone": row.phone,
                "signed_up": row.created_at.isoformat(),
            }
            for row in EventRegistration.objects.filter(**mine).select_related("event")
        ],
        "volunteer_shifts": [
            {
                "event": _title(row.shift.event.title, settlement),
                "role": row.shift.role,
                "starts": row.shift.starts_at.isoformat(),
                "cancelled": row.cancelled_at is not None,
                "name": row.name,
                "email": row.email,
                "phone": row.phone,
            }
            for row in ShiftSignup.objects.filter(**mine).select_related("shift__event")
        ],
        "class_registrations": [
            {
                "class": _title(row.course.title, settlement),
                "places": row.places,
                "status": row.status,
                "name": row.name,
                "email": row.email,
                "phone": row.phone,
                "signed_up": row.created_at.isoformat(),
            }
            for row in ClassRegistration.objects.filter(**mine).select_related("course")
        ],
        "classes": [
            {
                "class": _title(row.registration.course.title, settlement),
                "name": row.name,
                "age_group": row.age_group,
                "payment": row.payment,
                "sessions_present": row.sessions_present,
            }
            for row in ClassParticipant.objects.filter(**mine)
            .select_related("registration__course")
            .annotate(sessions_present=Count("attendance", filter=Q(attendance__present=True)))
        ],
    }


def personal_data_erase(resident: Any) -> None:
    """Sign-ups made with the resident's e-mail keep their name and address in the row
    itself, so they go; so do their places in classes (with their attendance)."""
    mine = {"settlement_id": resident.settlement_id, "resident": resident}
    EventRegistration.objects.filter(**mine).delete()
    ShiftSignup.objects.filter(**mine).delete()
    ClassRegistration.objects.filter(**mine).delete()
    ClassParticipant.objects.filter(**mine).delete()


def register() -> None:
    registry.register_personal_data(
        registry.PersonalData("events", personal_data_export, personal_data_erase)
    )
