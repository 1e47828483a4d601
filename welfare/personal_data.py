"""What welfare holds about a resident, for their personal-data export and for erasure:
the cases opened for them or for their household, with what they need and the notes
(decrypted for the export: it is theirs). Erasing a resident deletes their own cases, and
their household's when they are its last member (the household goes with them). The
access log keeps only case numbers, users and times, for the period the law asks."""

from typing import Any

from django.db.models import Q

from coordinator import registry
from coordinator.models import Resident

from .models import CaseNote, WelfareCase


def _cases(resident: Any) -> Any:
    mine = Q(resident_id=resident.pk)
    if resident.household_id is not None:
        mine |= Q(household_id=resident.household_id)
    return WelfareCase.objects.filter(mine, settlement_id=resident.settlement_id)


def personal_data_export(resident: Any) -> list[dict[str, Any]]:
    cases = list(_cases(resident).order_by("opened_at", "pk"))
    notes: dict[int, list[dict[str, str]]] = {}
    for note in CaseNote.objects.filter(
        settlement_id=resident.settlement_id, case__in=cases
    ).order_by("written_at", "pk"):
        notes.setdefault(note.case_id, []).append(
            {"written": note.written_at.isoformat(), "note": note.text}
        )
    return [
        {
            "for": "resident" if case.resident_id == resident.pk else "household",
            "needs": case.categories,
            "details": case.need_details,
            "came_to_light": case.came_to_light,
            "status": case.status,
            "opened": case.opened_at.isoformat(),
            "closed": case.closed_at.isoformat() if case.closed_at else None,
            "notes": notes.get(case.pk, []),
        }
        for case in cases
    ]


def personal_data_erase(resident: Any) -> None:
    last_of_household = (
        resident.household_id is not None
        and not Resident.objects.filter(
            settlement_id=resident.settlement_id, household_id=resident.household_id
        )
        .exclude(pk=resident.pk)
        .exists()
    )
    erase = Q(resident_id=resident.pk)
    if last_of_household:
        erase |= Q(household_id=resident.household_id)
    WelfareCase.objects.filter(erase, settlement_id=resident.settlement_id).delete()


def register() -> None:
    registry.register_personal_data(
        registry.PersonalData("welfare", personal_data_export, personal_data_erase)
    )
