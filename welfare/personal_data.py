"""What welfare holds about a resident, for their personal-data export and for erasure.

The export (decrypted: it is theirs): the cases opened for them or for their household,
with what they need, the notes, referrals and support actions; the charity fund's
requests of those cases or of their household; whether they are on the list of residents
who need help in an emergency, and what it says; their answers to safety check-ins; the
support tasks they took as a volunteer; their place on the emergency team.

Erasure: their own cases, and their household's when they are its last member (the
household goes with them), with those cases' fund requests; their entry on the list of
residents who need help, their check-ins and their place on the team; their name and
contact details on the tasks they took. The access log keeps only case numbers, users and
times, for the period the law asks."""

from typing import Any

from django.db.models import Q

from coordinator import registry
from coordinator.models import Resident

from .models import (
    CaseNote,
    CheckIn,
    FundRequest,
    Referral,
    SupportTask,
    TeamMember,
    VulnerableResident,
    WelfareCase,
)


def _cases(resident: Any) -> Any:
    mine = Q(resident_id=resident.pk)
    if resident.household_id is not None:
        mine |= Q(household_id=resident.household_id)
    return WelfareCase.objects.filter(mine, settlement_id=resident.settlement_id)


def _day(value: Any) -> str | None:
    return value.isoformat() if value else None


def _case_parts(resident: Any, cases: list[WelfareCase]) -> dict[str, dict[int, list[Any]]]:
    """Each case's notes, referrals and support actions, one query each."""
    settlement_id = resident.settlement_id
    parts: dict[str, dict[int, list[Any]]] = {"notes": {}, "referrals": {}, "support": {}}
    for note in CaseNote.objects.filter(settlement_id=settlement_id, case__in=cases).order_by(
        "written_at", "pk"
    ):
        parts["notes"].setdefault(note.case_id, []).append(
            {"written": note.written_at.isoformat(), "note": note.text}
        )
    for referral in Referral.objects.filter(settlement_id=settlement_id, case__in=cases).order_by(
        "referred_on", "pk"
    ):
        parts["referrals"].setdefault(referral.case_id, []).append(
            {
                "service": referral.service,
                "referred_on": _day(referral.referred_on),
                "outcome": referral.outcome,
                "outcome_on": _day(referral.outcome_on),
                "note": referral.note,
            }
        )
    for task in SupportTask.objects.filter(settlement_id=settlement_id, case__in=cases).order_by(
        "on", "pk"
    ):
        parts["support"].setdefault(task.case_id or 0, []).append(
            {"kind": task.kind, "what": task.what, "on": _day(task.on), "status": task.status}
        )
    return parts


def personal_data_export(resident: Any) -> dict[str, Any]:
    settlement_id = resident.settlement_id
    cases = list(_cases(resident).order_by("opened_at", "pk"))
    parts = _case_parts(resident, cases)
    fund = Q(case__in=cases)
    if resident.household_id is not None:
        fund |= Q(household_id=resident.household_id)
    vulnerable = VulnerableResident.objects.filter(
        settlement_id=settlement_id, resident=resident
    ).first()
    return {
        "cases": [
            {
                "for": "resident" if case.resident_id == resident.pk else "household",
                "needs": case.categories,
                "details": case.need_details,
                "came_to_light": case.came_to_light,
                "status": case.status,
                "opened": case.opened_at.isoformat(),
                "closed": case.closed_at.isoformat() if case.closed_at else None,
                "notes": parts["notes"].get(case.pk, []),
                "referrals": parts["referrals"].get(case.pk, []),
                "support": parts["support"].get(case.pk, []),
            }
            for case in cases
        ],
        "fund_requests": [
            {
                "kind": request.kind,
                "amount": str(request.amount),
                "purpose": request.purpose,
                "asked_on": _day(request.requested_on),
                "decision": request.decision,
                "amount_given": str(request.amount_granted)
                if request.amount_granted is not None
                else None,
                "reason": request.decision_note,
                "repaid_on": _day(request.repaid_on),
            }
            for request in FundRequest.objects.filter(fund, settlement_id=settlement_id)
            .distinct()
            .order_by("requested_on", "pk")
        ],
        "needs_help_in_an_emergency": {"why": vulnerable.reason, "needs": vulnerable.needs}
        if vulnerable
        else None,
        "safety_check_ins": [
            {
                "emergency": check_in.emergency.title,
                "answer": check_in.answer,
                "help": check_in.help_note,
                "answered": check_in.answered_at.isoformat() if check_in.answered_at else None,
            }
            for check_in in CheckIn.objects.filter(settlement_id=settlement_id, resident=resident)
            .select_related("emergency")
            .order_by("pk")
        ],
        "tasks_taken": [
            {"what": task.what, "on": _day(task.on), "status": task.status}
            for task in SupportTask.objects.filter(
                settlement_id=settlement_id, volunteer=resident
            ).order_by("on", "pk")
        ],
        "emergency_team": [
            {"function": member.function, "deputy": member.deputy, "phone": member.phone}
            for member in TeamMember.objects.filter(
                settlement_id=settlement_id, resident=resident
            ).order_by("pk")
        ],
    }


def personal_data_erase(resident: Any) -> None:
    settlement_id = resident.settlement_id
    last_of_household = (
        resident.household_id is not None
        and not Resident.objects.filter(
            settlement_id=settlement_id, household_id=resident.household_id
        )
        .exclude(pk=resident.pk)
        .exists()
    )
    erase = Q(resident_id=resident.pk)
    if last_of_household:
        erase |= Q(household_id=resident.household_id)
    cases = WelfareCase.objects.filter(erase, settlement_id=settlement_id)
    fund = Q(case__in=cases)
    if last_of_household:
        fund |= Q(household_id=resident.household_id)
    FundRequest.objects.filter(fund, settlement_id=settlement_id).delete()
    cases.delete()
    VulnerableResident.objects.filter(settlement_id=settlement_id, resident=resident).delete()
    CheckIn.objects.filter(settlement_id=settlement_id, resident=resident).delete()
    TeamMember.objects.filter(settlement_id=settlement_id, resident=resident).delete()
    SupportTask.objects.filter(settlement_id=settlement_id, volunteer=resident).update(
        volunteer=None, volunteer_name="", volunteer_email="", volunteer_phone=""
    )


def register() -> None:
    registry.register_personal_data(
        registry.PersonalData("welfare", personal_data_export, personal_data_erase)
    )
