"""Writing volunteer hours: logged by a chair or the coordinator (approved as they are
logged), reported by the volunteer through their link (waiting for confirmation),
confirmed or not; the milestones approved hours reach; and the volunteer's personal link."""

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from coordinator import clock
from coordinator.models import AuditEvent, Resident, Settlement
from coordinator.services.audit import audit_record
from coordinator.services.transfer import table_file
from messaging.services import Draft, absolute_url, messages_queue

from .models import Committee
from .models_volunteers import VolunteerHours, VolunteerMilestone, VolunteerProfile
from .selectors_hours import MILESTONES, ZERO
from .tokens import link_token, new_nonce, token_hash

Status = VolunteerHours.Status
Source = VolunteerHours.Source
LINK_KIND = "committees.hours"
MESSAGE_KIND = "committees.hours_link"


class HoursError(Exception):
    """A write the rules of hours refuse (the view shows the message)."""


def _check_settlement(settlement_id: int, *objects: Any) -> None:
    for obj in objects:
        if obj is not None and obj.settlement_id != settlement_id:
            raise HoursError("Another settlement's row.")


# --- milestones ----------------------------------------------------------------------------


def milestones_update(*, resident: Resident) -> list[int]:
    """Record the milestones ``resident``'s approved hours in all have crossed and that are
    not recorded yet (reached today); the thresholds newly recorded. Idempotent. Call it
    inside the transaction that approves hours."""
    total = VolunteerHours.objects.filter(
        settlement_id=resident.settlement_id, resident=resident, status=Status.APPROVED
    ).aggregate(total=Sum("hours"))["total"] or Decimal(ZERO)
    reached = [m for m in MILESTONES if m <= total]
    if not reached:
        return []
    known = set(
        VolunteerMilestone.objects.filter(
            settlement_id=resident.settlement_id, resident=resident, hours__in=reached
        ).values_list("hours", flat=True)
    )
    new = [m for m in reached if m not in known]
    if new:
        VolunteerMilestone.objects.bulk_create(
            [
                VolunteerMilestone(
                    settlement_id=resident.settlement_id,
                    resident=resident,
                    hours=m,
                    reached_on=clock.today(),
                )
                for m in new
            ],
            ignore_conflicts=True,  # the unique constraint: two approvals at once add one
        )
    return new


# --- hours ---------------------------------------------------------------------------------


@transaction.atomic
def hours_log(
    *,
    settlement: Settlement,
    resident: Resident,
    committee: Committee | None,
    date: dt.date,
    hours: Decimal,
    description: str,
    by: Any,
    as_coordinator: bool,
) -> VolunteerHours:
    """Hours logged by a chair or the coordinator: approved at once, by them."""
    _check_settlement(settlement.pk, resident, committee)
    now = clock.now()
    entry = VolunteerHours.objects.create(
        settlement=settlement,
        resident=resident,
        committee=committee,
        date=date,
        hours=hours,
        description=description,
        source=Source.COORDINATOR if as_coordinator else Source.CHAIR,
        status=Status.APPROVED,
        reported_by=by,
        reviewed_by=by,
        reviewed_at=now,
        created_at=now,
    )
    milestones_update(resident=resident)
    return entry


@transaction.atomic
def hours_report(
    *,
    profile: VolunteerProfile,
    committee: Committee | None,
    date: dt.date,
    hours: Decimal,
    description: str,
) -> VolunteerHours:
    """Hours a volunteer reports through their link: waiting for confirmation."""
    _check_settlement(profile.settlement_id, committee)
    return VolunteerHours.objects.create(
        settlement_id=profile.settlement_id,
        resident_id=profile.resident_id,
        committee=committee,
        date=date,
        hours=hours,
        description=description,
        source=Source.SELF,
        status=Status.PENDING,
        created_at=clock.now(),
    )


@transaction.atomic
def hours_review(*, entry: VolunteerHours, approve: bool, note: str, by: Any) -> list[int]:
    """Approve hours (or not), with a note to the volunteer; the milestones newly reached.
    Nothing changes when the decision and the note are already those."""
    status = Status.APPROVED if approve else Status.REJECTED
    if entry.status == status and entry.review_note == note:
        return []
    entry.status = status
    entry.review_note = note
    entry.reviewed_by = by
    entry.reviewed_at = clock.now()
    entry.save(update_fields=["status", "review_note", "reviewed_by", "reviewed_at"])
    return milestones_update(resident=entry.resident) if approve else []


# --- the personal link ---------------------------------------------------------------------


def hours_link_of(profile: VolunteerProfile) -> str:
    """The volunteer's link, or "" before it is made."""
    if not profile.hours_nonce:
        return ""
    token = link_token("hours", profile.hours_nonce)
    return absolute_url(reverse("public:hours", kwargs={"token": token}))


def hours_links(refs: Sequence[int]) -> dict[int, str | None]:
    """For the sender: each profile's link, None for a profile no longer active or whose
    link was taken back (its message is then not sent)."""
    links: dict[int, str | None] = dict.fromkeys(refs)
    rows = VolunteerProfile.objects.filter(pk__in=refs, active=True).exclude(hours_nonce="")
    for pk, nonce in rows.values_list("pk", "hours_nonce"):
        links[pk] = absolute_url(
            reverse("public:hours", kwargs={"token": link_token("hours", nonce)})
        )
    return links


def _new_link(profile: VolunteerProfile) -> None:
    profile.hours_nonce = new_nonce()
    profile.hours_token_hash = token_hash(link_token("hours", profile.hours_nonce))
    profile.save(update_fields=["hours_nonce", "hours_token_hash"])


@transaction.atomic
def hours_link_reset(*, profile: VolunteerProfile, by: Any) -> None:
    """A new link: the old one stops working."""
    _new_link(profile)
    audit_record(
        action=AuditEvent.Action.CHANGED,
        object_type="volunteer_profile",
        settlement_id=profile.settlement_id,
        actor=by,
        object_id=profile.pk,
        summary="hours link reset",
    )


@transaction.atomic
def hours_link_send(*, profile: VolunteerProfile, by: Any) -> bool:
    """Make the link if there is none, and queue it to the volunteer by e-mail; whether a
    message was queued (none without consent or address, nor twice for the same link)."""
    if not profile.hours_nonce:
        _new_link(profile)
    resident = profile.resident
    settlement = resident.settlement
    language = resident.preferred_language or settlement.language
    with translation.override(language):
        context = {"resident": resident, "settlement": settlement}
        subject = render_to_string("committees/email/hours_link_subject.txt", context).strip()
        body = render_to_string("committees/email/hours_link.txt", context)
    queued = messages_queue(
        settlement=settlement,
        drafts=[
            Draft(
                resident=resident,
                kind=MESSAGE_KIND,
                subject=subject,
                body=body,
                dedupe_key=f"{MESSAGE_KIND}:{profile.pk}:{profile.hours_nonce}:{clock.now():%Y%m%d}",
                language=language,
                link_kind=LINK_KIND,
                link_ref=profile.pk,
            )
        ],
    )
    return bool(queued)


# --- recognition ---------------------------------------------------------------------------


def thanks_export(
    *,
    settlement: Settlement,
    by: Any,
    year: int,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    file_format: str,
) -> bytes:
    """The yearly list of volunteers as CSV or XLSX (texts kept from being read as
    formulas); the export is recorded in the audit trail."""
    content = table_file(headers, rows, file_format)
    audit_record(
        action=AuditEvent.Action.EXPORTED,
        object_type="volunteer_hours",
        settlement=settlement,
        actor=by,
        summary=f"{file_format} export of the volunteers to thank in {year}, {len(rows)} rows",
    )
    return content
