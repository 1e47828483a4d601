"""Volunteer shifts of an event: the coordinator's shifts (role, time, how many needed),
and residents taking them through the event's volunteer link. Taking a place locks the
shift's row, so two people cannot take its last place."""

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordinator import clock
from coordinator.services.changes import fields_save

from . import signups
from .models import Event, ShiftSignup, VolunteerShift
from .signup_mail import contact_clean, drafts_queue, message_context, message_draft

SHIFT_MARGIN = dt.timedelta(days=1)


def check_volunteering(event: Event, now: dt.datetime | None = None) -> None:
    """Raise if residents may not take shifts of ``event`` now."""
    now = now or clock.now()
    if event.status != Event.Status.PUBLISHED:
        raise ValidationError(_("This event is not open for volunteers."))
    if event.starts_at <= now:
        raise ValidationError(_("This event has already started."))


def _lock_shift(shift: VolunteerShift) -> VolunteerShift:
    locked = (
        VolunteerShift.objects.select_for_update()
        .filter(settlement_id=shift.settlement_id, pk=shift.pk)
        .first()
    )
    if locked is None:
        raise ValidationError(_("This shift no longer exists."))
    return locked


def shift_taken(shift: VolunteerShift) -> int:
    return ShiftSignup.objects.filter(
        settlement_id=shift.settlement_id, shift=shift, cancelled_at__isnull=True
    ).count()


@transaction.atomic
def shift_take(*, shift: VolunteerShift, contact: signups.ContactData) -> tuple[ShiftSignup, str]:
    """``contact`` takes a place in ``shift``; refused when it is full or the event is
    not open. Returns the sign-up and the token of its personal link. Its time is when the
    shift's lock let it in: the order of the times is the order the places were taken."""
    locked = _lock_shift(shift)
    now = clock.now()
    event = Event.objects.select_related("settlement").get(
        settlement_id=locked.settlement_id, pk=locked.event_id
    )
    settlement = event.settlement
    check_volunteering(event, now)
    if shift_taken(locked) >= locked.needed:
        raise ValidationError(_("This shift is already full. Please choose another one."))
    contact = contact_clean(contact)
    row = ShiftSignup(
        settlement=settlement,
        shift=locked,
        name=contact.name,
        email=contact.email,
        phone=contact.phone,
        language=signups.contact_language(contact.language, settlement),
        resident=signups.resident_for(settlement, contact.email),
        created_at=now,
    )
    token = signups.link_issue(row, signups.SHIFT)
    row.save()
    zone = clock.settlement_zone(settlement)
    context = message_context(event, settlement, row) | {
        "role": locked.role,
        "shift_starts": timezone.localtime(locked.starts_at, zone),
        "shift_ends": timezone.localtime(locked.ends_at, zone),
    }
    drafts_queue(
        settlement,
        [
            message_draft(
                row,
                settlement,
                kind="events.shift",
                template="shift",
                key=f"shift-signup:{row.pk}",
                context=context,
            )
        ],
    )
    return row, token


@transaction.atomic
def shift_signup_cancel(*, signup: ShiftSignup) -> bool:
    """Cancel a volunteer's place; False if it was cancelled already."""
    now = clock.now()
    done = ShiftSignup.objects.filter(
        settlement_id=signup.settlement_id, pk=signup.pk, cancelled_at__isnull=True
    ).update(cancelled_at=now)
    if done:
        signup.cancelled_at = now
    return bool(done)


SHIFT_FIELDS = ("role", "starts_at", "ends_at", "needed")


def _check_shift(event: Event, data: Mapping[str, Any]) -> None:
    starts, ends, needed = data["starts_at"], data["ends_at"], data["needed"]
    if not str(data.get("role", "")).strip():
        raise ValidationError(_("Name the job, for example: at the door."))
    if ends <= starts:
        raise ValidationError(_("The shift must end after it starts."))
    if needed < 1:
        raise ValidationError(_("A shift needs at least one person."))
    if starts < event.starts_at - SHIFT_MARGIN or ends > (
        (event.ends_at or event.starts_at) + SHIFT_MARGIN
    ):
        raise ValidationError(_("A shift must be within a day of the event."))


@transaction.atomic
def shift_create(*, event: Event, data: Mapping[str, Any]) -> VolunteerShift:
    _check_shift(event, data)
    return VolunteerShift.objects.create(
        settlement_id=event.settlement_id,
        event=event,
        **{key: data[key] for key in SHIFT_FIELDS},
    )


@transaction.atomic
def shift_update(*, shift: VolunteerShift, data: Mapping[str, Any]) -> bool:
    """Write what changed; whether anything did."""
    locked = _lock_shift(shift)
    event = Event.objects.get(settlement_id=locked.settlement_id, pk=locked.event_id)
    _check_shift(event, data)
    taken = shift_taken(locked)
    if data["needed"] < taken:
        raise ValidationError(
            _("%(count)d volunteers already took this shift; it cannot need fewer.")
            % {"count": taken}
        )
    return bool(fields_save(shift, data, SHIFT_FIELDS))


@transaction.atomic
def shift_delete(*, shift: VolunteerShift) -> None:
    shift.delete()
