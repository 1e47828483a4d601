"""Every write of a welfare case: creating and changing a case, its notes, referrals and
support actions. Each change is written to the case's trail (``trail.case_changed``)
naming the part that changed, never its content."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from coordinator import clock
from coordinator.models import Household, Resident, Settlement

from . import trail
from .models import CaseNote, NeedCategory, WelfareCase
from .models_support import Referral, SupportTask
from .services_tasks import task_link_send


@dataclass
class CaseData:
    """What the case form gives: who the case is for, what they need, and the rest."""

    household: Household | None
    resident: Resident | None
    categories: list[str]
    need_details: str
    came_to_light: str
    consent: bool
    social_worker: Any
    review_on: dt.date | None
    status: str = WelfareCase.Status.OPEN


def _validate(*, settlement_id: int, data: CaseData) -> None:
    errors: dict[str, list[str]] = {}
    if data.household is None and data.resident is None:
        errors.setdefault("household", []).append(
            _("Choose the household or the resident the case is for.")
        )
    for field, obj in (("household", data.household), ("resident", data.resident)):
        if obj is not None and obj.settlement_id != settlement_id:
            errors.setdefault(field, []).append(_("Choose one of this settlement's."))
    if not data.categories:
        errors.setdefault("categories", []).append(_("Choose at least one need."))
    elif any(category not in NeedCategory.values for category in data.categories):
        errors.setdefault("categories", []).append(_("Choose needs from the list."))
    if data.status not in WelfareCase.Status.values:
        errors.setdefault("status", []).append(_("Choose a status from the list."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def case_create(*, settlement: Settlement, user: Any, data: CaseData) -> WelfareCase:
    """A new open case; its creation is the first entry of its trail."""
    _validate(settlement_id=settlement.pk, data=data)
    now = clock.now()
    case = WelfareCase.objects.create(
        settlement=settlement,
        household=data.household,
        resident=data.resident,
        categories=list(data.categories),
        need_details=data.need_details,
        came_to_light=data.came_to_light,
        consent_at=now if data.consent else None,
        consent_by=user if data.consent else None,
        social_worker=data.social_worker,
        review_on=data.review_on,
        status=WelfareCase.Status.OPEN,
        opened_at=now,
    )
    trail.case_changed(user, case, settlement.pk, what="created")
    return case


@transaction.atomic
def case_update(*, case: WelfareCase, user: Any, data: CaseData) -> list[str]:
    """Change ``case`` to ``data``. Closing sets when it was closed; reopening clears it.
    Returns the parts that changed (nothing changed: nothing is written)."""
    _validate(settlement_id=case.settlement_id, data=data)
    changed: list[str] = []
    fields: list[str] = []

    def put(part: str, field: str, value: Any, current: Any) -> None:
        if value != current:
            setattr(case, field, value)
            fields.append(field)
            if part not in changed:
                changed.append(part)

    put("household", "household", data.household, case.household)
    put("resident", "resident", data.resident, case.resident)
    put("categories", "categories", list(data.categories), list(case.categories))
    put("details", "need_details", data.need_details, case.need_details)
    put("came to light", "came_to_light", data.came_to_light, case.came_to_light)
    put("social worker", "social_worker", data.social_worker, case.social_worker)
    put("next review", "review_on", data.review_on, case.review_on)
    if data.consent and case.consent_at is None:
        put("consent", "consent_at", clock.now(), None)
        put("consent", "consent_by", user, None)
    elif not data.consent and case.consent_at is not None:
        put("consent", "consent_at", None, case.consent_at)
        put("consent", "consent_by", None, case.consent_by)
    if data.status != case.status:
        was_closed = case.status == WelfareCase.Status.CLOSED
        put("status", "status", data.status, case.status)
        if data.status == WelfareCase.Status.CLOSED:
            put("status", "closed_at", clock.now(), case.closed_at)
        elif was_closed:
            put("status", "closed_at", None, case.closed_at)
    if not changed:
        return []
    case.save(update_fields=fields)
    trail.case_changed(user, case, case.settlement_id, what=", ".join(changed))
    return changed


@transaction.atomic
def note_add(*, case: WelfareCase, user: Any, text: str) -> CaseNote:
    text = text.strip()
    if not text:
        raise ValidationError({"text": [_("Write the note.")]})
    note = CaseNote.objects.create(
        settlement_id=case.settlement_id,
        case=case,
        text=text,
        written_by=user,
        written_at=clock.now(),
    )
    trail.case_changed(user, case, case.settlement_id, what="note")
    return note


@transaction.atomic
def referral_create(
    *,
    case: WelfareCase,
    user: Any,
    service: str,
    contact: str,
    referred_on: dt.date,
    note: str,
) -> Referral:
    if service not in Referral.Service.values:
        raise ValidationError({"service": [_("Choose a service from the list.")]})
    referral = Referral.objects.create(
        settlement_id=case.settlement_id,
        case=case,
        service=service,
        contact=contact,
        referred_on=referred_on,
        note=note,
        created_by=user,
    )
    trail.case_changed(user, case, case.settlement_id, what="referral")
    return referral


@transaction.atomic
def referral_update(
    *, referral: Referral, user: Any, outcome: str, outcome_on: dt.date | None, note: str
) -> bool:
    """Record what came of ``referral``. Returns whether anything changed."""
    if outcome not in Referral.Outcome.values:
        raise ValidationError({"outcome": [_("Choose an outcome from the list.")]})
    if (referral.outcome, referral.outcome_on, referral.note) == (outcome, outcome_on, note):
        return False
    referral.outcome = outcome
    referral.outcome_on = outcome_on
    referral.note = note
    referral.save(update_fields=["outcome", "outcome_on", "note"])
    trail.case_changed(user, referral.case_id, referral.settlement_id, what="referral")
    return True


@dataclass
class ActionData:
    """What the support-action form gives."""

    kind: str
    what: str
    on: dt.date
    at: dt.time | None
    where: str
    amount: Decimal | None
    volunteer: Resident | None
    volunteer_name: str
    volunteer_email: str
    volunteer_phone: str


MONEY_KINDS = (SupportTask.Kind.LOAN, SupportTask.Kind.GRANT)


@transaction.atomic
def support_action_create(
    *, case: WelfareCase, user: Any, data: ActionData, send_link: bool = False
) -> tuple[SupportTask, str]:
    """A support action of ``case``: what, when, where, and who does it. With
    ``send_link``, the volunteer is sent their task's personal link (which shows the task
    only). Returns the task and the link's token ("" when none was sent)."""
    errors: dict[str, list[str]] = {}
    if data.kind not in SupportTask.Kind.values:
        errors["kind"] = [_("Choose a kind from the list.")]
    if data.kind in MONEY_KINDS and not data.amount:
        errors["amount"] = [_("Give the amount of the loan or grant.")]
    if data.volunteer is not None and data.volunteer.settlement_id != case.settlement_id:
        errors["volunteer"] = [_("Choose one of this settlement's residents.")]
    has_address = bool(data.volunteer_email or (data.volunteer and data.volunteer.email))
    if send_link and not has_address:
        errors["send_link"] = [
            _("To send the link, give the volunteer's e-mail or choose a resident who has one.")
        ]
    if errors:
        raise ValidationError(errors)
    someone = data.volunteer is not None or bool(data.volunteer_name)
    now = clock.now()
    task = SupportTask.objects.create(
        settlement_id=case.settlement_id,
        case=case,
        kind=data.kind,
        what=data.what,
        on=data.on,
        at=data.at,
        where=data.where,
        amount=data.amount if data.kind in MONEY_KINDS else None,
        volunteer=data.volunteer,
        volunteer_name=data.volunteer_name,
        volunteer_email=data.volunteer_email,
        volunteer_phone=data.volunteer_phone,
        status=SupportTask.Status.TAKEN if someone else SupportTask.Status.OPEN,
        taken_at=now if someone else None,
        created_at=now,
    )
    trail.case_changed(user, case, case.settlement_id, what="support action")
    token = ""
    if send_link:
        token = task_link_send(task=task, settlement=case.settlement)
    return task, token
