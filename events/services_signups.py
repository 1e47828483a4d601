"""Who comes to an event: sign-ups with a waiting list, reminders the day before (to
those with a place and to volunteers), attendance, and the feedback form after. Volunteer
shifts are in ``services_shifts``.

Every write locks the event's row first, so two people taking the last place at the same
moment cannot both get it. Messages go out through ``messaging`` with a unique key per
sign-up and purpose: running a job again queues nothing new.
"""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coordinator import clock
from coordinator.models import Settlement
from messaging.services import Draft, absolute_url
from surveys.models import Survey

from . import signups
from .feedback import feedback_survey_make
from .models import Event, EventRegistration, ShiftSignup
from .models_signups import SignupStatus
from .signup_mail import contact_clean, drafts_queue, message_context, message_draft

MAX_SEATS = 20


# --- helpers -------------------------------------------------------------------------------


def _lock_event(event: Event) -> Event:
    locked = (
        Event.objects.select_for_update(of=("self",))
        .select_related("settlement")
        .filter(settlement_id=event.settlement_id, pk=event.pk)
        .first()
    )
    if locked is None:
        raise ValidationError(_("This event no longer exists."))
    return locked


def _ended(event: Event, now: dt.datetime) -> bool:
    return (event.ends_at or event.starts_at) <= now


def check_open(event: Event, now: dt.datetime | None = None) -> None:
    """Raise if residents may not sign up for ``event`` now."""
    now = now or clock.now()
    if event.status != Event.Status.PUBLISHED:
        raise ValidationError(_("This event is not open for sign-up."))
    if not event.signup_open:
        raise ValidationError(_("Sign-up for this event is closed."))
    if event.starts_at <= now:
        raise ValidationError(_("This event has already started; sign-up is closed."))


def seats_taken(event: Event) -> int:
    """The places taken by confirmed registrations (one query)."""
    total = EventRegistration.objects.filter(
        settlement_id=event.settlement_id, event=event, status=SignupStatus.CONFIRMED
    ).aggregate(total=Sum("seats"))["total"]
    return int(total or 0)


# --- registrations -------------------------------------------------------------------------


@transaction.atomic
def event_signup(
    *, event: Event, contact: signups.ContactData, seats: int
) -> tuple[EventRegistration, str]:
    """Sign ``contact`` up for ``event`` with ``seats`` places: a place if they fit, else the
    waiting list. Returns the registration and the token of its personal link.

    Sign-ups for one event queue on its row lock; each holds it only for a few queries. The
    time a sign-up is recorded as made is when the lock let it in, so the order of the
    times is the order the places were given (and of the waiting list)."""
    locked = _lock_event(event)
    now = clock.now()
    settlement = locked.settlement
    check_open(locked, now)
    if not 1 <= seats <= MAX_SEATS:
        raise ValidationError(
            _("Sign up between 1 and %(most)d people at a time.") % {"most": MAX_SEATS}
        )
    contact = contact_clean(contact)
    taken = seats_taken(locked)
    # Places added since (the coordinator raised the number) go to those waiting first. A
    # full event has nobody to move up: the waiting list is not read.
    if locked.capacity is None or taken < locked.capacity:
        taken += sum(row.seats for row in _promote(locked, settlement, now, taken=taken))
    fits = locked.capacity is None or taken + seats <= locked.capacity
    row = EventRegistration(
        settlement=settlement,
        event=locked,
        name=contact.name,
        email=contact.email,
        phone=contact.phone,
        language=signups.contact_language(contact.language, settlement),
        resident=signups.resident_for(settlement, contact.email),
        seats=seats,
        status=SignupStatus.CONFIRMED if fits else SignupStatus.WAITING,
        created_at=now,
    )
    token = signups.link_issue(row, signups.EVENT)
    row.save()
    context = message_context(locked, settlement, row) | {
        "confirmed": fits,
        "seats": seats,
    }
    drafts_queue(
        settlement,
        [
            message_draft(
                row,
                settlement,
                kind="events.signup",
                template="signup",
                key=f"event-signup:{row.pk}",
                context=context,
            )
        ],
    )
    return row, token


def _promote(
    event: Event, settlement: Settlement, now: dt.datetime, taken: int | None = None
) -> list[EventRegistration]:
    """Move waiting registrations up, in the order they came, while they fit; a group too
    large for the places left is skipped and a smaller one behind it may move up. ``taken``:
    the places taken, when the caller counted them already under the event's lock."""
    waiting = list(
        EventRegistration.objects.filter(
            settlement_id=settlement.pk, event=event, status=SignupStatus.WAITING
        ).order_by("created_at", "pk")
    )
    if not waiting:
        return []
    if taken is None and event.capacity is not None:
        taken = seats_taken(event)
    free = None if event.capacity is None else event.capacity - (taken or 0)
    promoted = signups.places_filled(waiting, free, lambda row: row.seats)
    for row in promoted:
        row.status, row.promoted_at = SignupStatus.CONFIRMED, now
    if promoted:
        EventRegistration.objects.bulk_update(promoted, ["status", "promoted_at"])
        drafts = []
        for row in promoted:
            context = message_context(event, settlement, row) | {
                "seats": row.seats,
            }
            drafts.append(
                message_draft(
                    row,
                    settlement,
                    kind="events.promoted",
                    template="promoted",
                    key=f"event-promoted:{row.pk}",
                    context=context,
                )
            )
        drafts_queue(settlement, drafts)
    return promoted


@transaction.atomic
def event_registration_cancel(*, registration: EventRegistration) -> list[EventRegistration]:
    """Cancel ``registration`` (again: nothing happens) and move up whom the freed places
    now fit. Returns the registrations moved up."""
    event = Event(pk=registration.event_id, settlement_id=registration.settlement_id)
    locked = _lock_event(event)
    now = clock.now()
    cancelled = EventRegistration.objects.filter(
        settlement_id=locked.settlement_id, pk=registration.pk
    ).exclude(status=SignupStatus.CANCELLED)
    if not cancelled.update(status=SignupStatus.CANCELLED, cancelled_at=now):
        return []
    registration.status = SignupStatus.CANCELLED
    registration.cancelled_at = now
    if locked.starts_at <= now:
        return []  # nobody moves up once the event has begun
    return _promote(locked, locked.settlement, now)


@transaction.atomic
def event_waiting_promote(*, event: Event) -> list[EventRegistration]:
    """Move up whom the places now fit (after the places were raised)."""
    locked = _lock_event(event)
    now = clock.now()
    if locked.starts_at <= now:
        return []
    return _promote(locked, locked.settlement, now)


# --- reminders -----------------------------------------------------------------------------


@transaction.atomic
def event_reminders_queue(*, settlement: Settlement) -> int:
    """Queue a reminder to everyone with a place at, and every volunteer of, the published
    events starting tomorrow (in the settlement's time zone). Returns how many were queued
    now: a second run queues nothing."""
    start, end = clock.tomorrow_span(settlement)
    zone = clock.settlement_zone(settlement)
    events = {
        event.pk: event
        for event in Event.objects.filter(
            settlement=settlement,
            status=Event.Status.PUBLISHED,
            starts_at__gte=start,
            starts_at__lt=end,
        )
    }
    if not events:
        return 0
    drafts: list[Draft | None] = []
    # The resident (if linked) names the message's recipient: read with the rows, not each.
    registrations = (
        EventRegistration.objects.filter(
            settlement=settlement, event_id__in=list(events), status=SignupStatus.CONFIRMED
        )
        .exclude(email="")
        .select_related("resident")
    )
    for row in registrations:
        event = events[row.event_id]
        context = message_context(event, settlement, row) | {
            "seats": row.seats,
        }
        drafts.append(
            message_draft(
                row,
                settlement,
                kind="events.reminder",
                template="reminder",
                key=f"event-reminder:{row.pk}",
                context=context,
            )
        )
    volunteers = (
        ShiftSignup.objects.filter(
            settlement=settlement, shift__event_id__in=list(events), cancelled_at__isnull=True
        )
        .exclude(email="")
        .select_related("shift", "resident")
    )
    for signup in volunteers:
        event = events[signup.shift.event_id]
        context = message_context(event, settlement, signup) | {
            "role": signup.shift.role,
            "shift_starts": timezone.localtime(signup.shift.starts_at, zone),
            "shift_ends": timezone.localtime(signup.shift.ends_at, zone),
        }
        drafts.append(
            message_draft(
                signup,
                settlement,
                kind="events.shift_reminder",
                template="shift_reminder",
                key=f"shift-reminder:{signup.pk}",
                context=context,
            )
        )
    return drafts_queue(settlement, drafts)


# --- attendance and feedback ---------------------------------------------------------------


@transaction.atomic
def attendance_save(*, event: Event, came: set[int], head_count: int | None) -> int:
    """Who of those with a place came, and how many people came in all (by default the
    places of those who came). Returns the head count saved."""
    locked = _lock_event(event)
    if locked.starts_at > clock.now():
        raise ValidationError(_("Attendance can be taken once the event has begun."))
    if head_count is not None and head_count < 0:
        raise ValidationError(_("The number of people who came cannot be negative."))
    confirmed = list(
        EventRegistration.objects.filter(
            settlement_id=locked.settlement_id, event=locked, status=SignupStatus.CONFIRMED
        )
    )
    changed = []
    for row in confirmed:
        value = row.pk in came
        if row.attended != value:
            row.attended = value
            changed.append(row)
    if changed:
        EventRegistration.objects.bulk_update(changed, ["attended"])
    total = head_count if head_count is not None else sum(r.seats for r in confirmed if r.attended)
    if locked.attendance != total:
        Event.objects.filter(pk=locked.pk).update(attendance=total)
    event.attendance = total
    return total


def feedback_recipients(event: Event) -> int:
    """How many would get the feedback form: those who came and gave an e-mail."""
    return (
        EventRegistration.objects.filter(
            settlement_id=event.settlement_id,
            event=event,
            status=SignupStatus.CONFIRMED,
            attended=True,
        )
        .exclude(email="")
        .count()
    )


@transaction.atomic
def feedback_send(*, event: Event, by: Any) -> int:
    """Make the event's feedback survey (once) and send its link to those who came.
    Returns how many messages were queued now: sending again reaches only those not
    reached before."""
    locked = _lock_event(event)
    settlement = locked.settlement
    now = clock.now()
    if not _ended(locked, now):
        raise ValidationError(_("The feedback form can be sent once the event is over."))
    if locked.attendance is None:
        raise ValidationError(_("Take the attendance first: the form goes to those who came."))
    survey = None
    if locked.feedback_survey_id is not None:
        survey = Survey.objects.filter(settlement=settlement, pk=locked.feedback_survey_id).first()
    if survey is None:
        survey = feedback_survey_make(event=locked, settlement=settlement, by=by, now=now)
        Event.objects.filter(pk=locked.pk).update(feedback_survey=survey)
        event.feedback_survey = survey
    if survey.state != Survey.State.RUNNING or not survey.share_token:
        raise ValidationError(_("The feedback form is closed."))
    link = absolute_url(reverse("surveys:answer_shared", kwargs={"token": survey.share_token}))
    came = EventRegistration.objects.filter(
        settlement=settlement, event=locked, status=SignupStatus.CONFIRMED, attended=True
    ).exclude(email="")
    drafts = [
        message_draft(
            row,
            settlement,
            kind="events.feedback",
            template="feedback",
            key=f"event-feedback:{row.pk}",
            context=message_context(locked, settlement, row) | {"link": link},
            personal_link=False,  # the survey's shared link, the same for everyone
        )
        for row in came
    ]
    return drafts_queue(settlement, drafts)


def signup_refusal(error: ValidationError) -> str:
    """The message of a refusal, for a page."""
    return " ".join(str(message) for message in error.messages) or gettext("Not possible.")
