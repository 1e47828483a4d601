"""Writing the classes programme: sessions made from a class's weekly schedule (holidays
and memorial evenings skipped), registrations with a waiting list that groups join and
leave together, promotion when a place frees, cancelling a class, reminders before the
first session.

Places are counted under a lock on the class row (``select_for_update``): two people
taking the last place at the same moment queue on the lock, and the second one counts the
first one's place. Every message goes through ``messaging`` with a key of its own, so a
repeated call queues nothing twice.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min, Sum
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from coordinator import clock
from coordinator.models import AgeGroup, Household, Language, Resident, Settlement
from messaging.models import LINK_PLACEHOLDER
from messaging.services import Draft, absolute_url, messages_queue
from surveys.i18n import text_in

from .holidays import EVE, EVENING_FROM, closed_dates
from .models_classes import (
    ClassParticipant,
    ClassRegistration,
    Course,
    CourseSession,
    SessionAttendance,
)
from .models_signups import SignupStatus
from .signups import (
    CLASS,
    ContactData,
    contact_language,
    link_issue,
    link_of,
    places_filled,
    resident_for,
)

__all__ = [
    "ClassFull",
    "ContactData",
    "ParticipantData",
    "RegistrationRefused",
    "SessionsMade",
    "class_link",
    "class_register",
    "class_registration_cancel",
    "class_reminders_queue",
    "class_waiting_promote",
    "course_cancel",
    "session_skip",
    "sessions_make",
]

MAX_PARTICIPANTS = 10
HOLIDAY = "holiday:"
Status = SignupStatus


@dataclass(frozen=True)
class ParticipantData:
    name: str
    age_group: str  # coordinator.models.AgeGroup value
    resident: Resident | None = None


@dataclass(frozen=True)
class SessionsMade:
    created: int  # new scheduled sessions
    skipped: int  # dates skipped for holidays
    removed: int  # future sessions no longer in the schedule


class RegistrationRefused(ValidationError):
    """The registration cannot be taken; the message says why, to the person signing up."""


class ClassFull(RegistrationRefused):
    """The group is larger than the class: it could never get its places together."""


# Sessions


def _schedule(course: Course) -> dict[dt.date, str]:
    """Each date of the schedule, with "" or the note of a holiday that closes it."""
    weekdays = {int(day) for day in course.weekdays or []}
    closed = closed_dates(course.settlement.language, course.starts_on, course.ends_on)
    dates: dict[dt.date, str] = {}
    day = course.starts_on
    while day <= course.ends_on:
        if day.weekday() in weekdays:
            key = closed.get(day, "")
            if key.startswith(EVE) and course.start_time < EVENING_FROM:
                key = ""  # the evening before a holiday closes only the evening
            dates[day] = HOLIDAY + key if key else ""
        day += dt.timedelta(days=1)
    return dates


def _times(course: Course, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    zone = clock.settlement_zone(course.settlement)
    starts = dt.datetime.combine(day, course.start_time, tzinfo=zone).astimezone(dt.UTC)
    ends = dt.datetime.combine(day, course.end_time, tzinfo=zone).astimezone(dt.UTC)
    return starts, ends


@transaction.atomic
def sessions_make(*, course: Course) -> SessionsMade:
    """Make the sessions of ``course``'s schedule that do not exist yet: on a holiday as
    skipped with its key ("holiday:chanukah"). Moves the times of future sessions when the
    schedule's hours changed, and removes future sessions no longer in the schedule unless
    the coordinator skipped them by hand or attendance was taken. A session's status is
    never changed once made: the coordinator's decisions stay."""
    course = Course.objects.select_for_update().select_related("settlement").get(pk=course.pk)
    wanted = _schedule(course)
    today = clock.local_today(course.settlement)
    existing = {session.date: session for session in course.sessions.all()}
    attended = set(
        SessionAttendance.objects.filter(session__course=course).values_list(
            "session_id", flat=True
        )
    )
    new: list[CourseSession] = []
    for day, note in wanted.items():
        if day in existing:
            continue
        starts, ends = _times(course, day)
        new.append(
            CourseSession(
                settlement_id=course.settlement_id,
                course=course,
                date=day,
                starts_at=starts,
                ends_at=ends,
                status=CourseSession.Status.SKIPPED if note else CourseSession.Status.SCHEDULED,
                note=note,
            )
        )
    CourseSession.objects.bulk_create(new)
    moved: list[CourseSession] = []
    gone: list[int] = []
    for day, session in existing.items():
        if day < today or session.pk in attended:
            continue
        if day not in wanted:
            if not session.skipped_by_hand:
                gone.append(session.pk)
            continue
        starts, ends = _times(course, day)
        if (session.starts_at, session.ends_at) != (starts, ends):
            session.starts_at, session.ends_at = starts, ends
            moved.append(session)
    if moved:
        CourseSession.objects.bulk_update(moved, ["starts_at", "ends_at"])
    if gone:
        CourseSession.objects.filter(pk__in=gone).delete()
    skipped = sum(1 for session in new if session.status == CourseSession.Status.SKIPPED)
    return SessionsMade(created=len(new) - skipped, skipped=skipped, removed=len(gone))


@transaction.atomic
def session_skip(*, session: CourseSession, skip: bool, note: str = "") -> None:
    """Skip a session by hand (``note``: the coordinator's words), or bring one back."""
    status = CourseSession.Status.SKIPPED if skip else CourseSession.Status.SCHEDULED
    note = note.strip()[:200]
    if (session.status, session.skipped_by_hand, session.note) == (status, skip, note):
        return
    session.status, session.skipped_by_hand, session.note = status, skip, note
    session.save(update_fields=["status", "skipped_by_hand", "note"])


# Messages


def class_link(registration: ClassRegistration) -> str:
    """The absolute address of the registration's personal page ("" without a link)."""
    token = link_of(registration, CLASS)
    if not token:
        return ""
    slug = registration.settlement.slug
    return absolute_url(
        reverse("calendar:class_registration", kwargs={"slug": slug, "token": token})
    )


def _draft(
    registration: ClassRegistration, course: Course, template: str, key: str, **extra: Any
) -> Draft:
    settlement = course.settlement
    language = contact_language(registration.language, settlement)
    zone = clock.settlement_zone(settlement)
    context = {
        "registration": registration,
        "course": course,
        "title": text_in(course.title, [settlement.language], language),
        "settlement": settlement,
        "link": LINK_PLACEHOLDER,
        "starts_on": course.starts_on,
        "start_time": course.start_time,
        "end_time": course.end_time,
        **extra,
    }
    with translation.override(language), timezone.override(zone):
        subject = render_to_string(f"events/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"events/email/{template}.txt", context)
    return Draft(
        resident=registration.resident,
        kind=f"events.{template}",
        subject=subject,
        body=body,
        dedupe_key=f"{key}:{registration.pk}",
        language=language,
        address=registration.email,
        name=registration.name,
        link_kind=CLASS,
        link_ref=registration.pk,
    )


def _queue(course: Course, drafts: list[Draft]) -> int:
    return len(messages_queue(settlement=course.settlement, drafts=drafts))


# Registration


def _check(participants: Sequence[ParticipantData]) -> None:
    if not participants:
        raise RegistrationRefused(_("Add at least one participant."), code="no_participants")
    if len(participants) > MAX_PARTICIPANTS:
        raise RegistrationRefused(
            _("One registration can hold at most %(max)d participants.")
            % {"max": MAX_PARTICIPANTS},
            code="too_many",
        )
    for participant in participants:
        if not participant.name.strip():
            raise RegistrationRefused(_("Write the name of each participant."), code="no_name")
        if participant.age_group not in AgeGroup.values:
            raise RegistrationRefused(
                _("Choose the age group of each participant."), code="no_age_group"
            )


def _taken(course: Course) -> int:
    total = course.registrations.filter(status=Status.CONFIRMED).aggregate(n=Sum("places"))["n"]
    return int(total or 0)


@transaction.atomic
def class_register(
    *,
    course: Course,
    contact: ContactData,
    participants: Sequence[ParticipantData],
    household: Household | None = None,
) -> tuple[ClassRegistration, str]:
    """Register ``participants`` (1 to 10, of one household) for ``course``: all get places
    if all fit, else they wait together. Returns the registration and the token of its
    personal link."""
    _check(participants)
    if not contact.name.strip():
        raise RegistrationRefused(_("Write your name."), code="no_contact_name")
    locked = Course.objects.select_for_update().select_related("settlement").get(pk=course.pk)
    if locked.status != Course.Status.OPEN:
        raise RegistrationRefused(_("This class is not open for registration."), code="not_open")
    places = len(participants)
    if places > locked.capacity:
        raise ClassFull(
            ngettext(
                "The class has only %(places)d place: fewer people can register together.",
                "The class has only %(places)d places: fewer people can register together.",
                locked.capacity,
            )
            % {"places": locked.capacity},
            code="group_too_large",
        )
    settlement = locked.settlement
    status = Status.CONFIRMED if _taken(locked) + places <= locked.capacity else Status.WAITING
    email = contact.email.strip()
    registration = ClassRegistration(
        settlement=settlement,
        course=locked,
        household=household,
        name=contact.name.strip()[:200],
        email=email,
        phone=contact.phone.strip()[:30],
        language=contact.language if contact.language in Language.values else settlement.language,
        resident=resident_for(settlement, email),
        places=places,
        status=status,
        created_at=clock.now(),
    )
    token = link_issue(registration, CLASS)
    registration.save()
    payment = ClassParticipant.Payment.EXEMPT if locked.fee == 0 else ClassParticipant.Payment.DUE
    ClassParticipant.objects.bulk_create(
        [
            ClassParticipant(
                settlement=settlement,
                registration=registration,
                name=participant.name.strip()[:200],
                age_group=participant.age_group,
                resident=participant.resident,
                payment=payment,
            )
            for participant in participants
        ]
    )
    template = "class_confirmed" if status == Status.CONFIRMED else "class_waiting"
    _queue(locked, [_draft(registration, locked, template, "class-signup")])
    return registration, token


def _places(registration: ClassRegistration) -> int:
    return registration.places


def _promote(course: Course) -> list[ClassRegistration]:
    """Give freed places to those waiting, in the order they came, while they fit (a group
    that does not fit stays; a smaller one behind it may move up). ``course`` is locked."""
    if course.status != Course.Status.OPEN:
        return []
    free = course.capacity - _taken(course)
    if free <= 0:
        return []
    now = clock.now()
    waiting = course.registrations.filter(status=Status.WAITING).select_related("settlement")
    promoted = places_filled(list(waiting.order_by("created_at", "id")), free, _places)
    for row in promoted:
        row.status, row.promoted_at = Status.CONFIRMED, now
    ClassRegistration.objects.bulk_update(promoted, ["status", "promoted_at"])
    _queue(course, [_draft(row, course, "class_promoted", "class-promoted") for row in promoted])
    return promoted


@transaction.atomic
def class_registration_cancel(*, registration: ClassRegistration) -> list[ClassRegistration]:
    """Cancel ``registration`` (nothing if it was cancelled already) and move those waiting
    up into the places it freed; returns the registrations moved up."""
    course = (
        Course.objects.select_for_update()
        .select_related("settlement")
        .get(pk=registration.course_id)
    )
    row = ClassRegistration.objects.select_for_update().get(pk=registration.pk)
    if row.status == Status.CANCELLED:
        return []
    row.status, row.cancelled_at = Status.CANCELLED, clock.now()
    row.save(update_fields=["status", "cancelled_at"])
    registration.status, registration.cancelled_at = row.status, row.cancelled_at
    return _promote(course)


@transaction.atomic
def class_waiting_promote(*, course: Course) -> list[ClassRegistration]:
    """Move those waiting up into free places (after the class got more places)."""
    locked = Course.objects.select_for_update().select_related("settlement").get(pk=course.pk)
    return _promote(locked)


@transaction.atomic
def course_cancel(*, course: Course) -> int:
    """Cancel the class (it missed its minimum) and tell everyone registered or waiting;
    returns how many messages were queued (none when it was cancelled already)."""
    locked = Course.objects.select_for_update().select_related("settlement").get(pk=course.pk)
    if locked.status == Course.Status.CANCELLED:
        return 0
    locked.status, locked.cancelled_at = Course.Status.CANCELLED, clock.now()
    locked.save(update_fields=["status", "cancelled_at"])
    course.status, course.cancelled_at = locked.status, locked.cancelled_at
    registrations = (
        locked.registrations.filter(status__in=[Status.CONFIRMED, Status.WAITING])
        .select_related("settlement")
        .order_by("created_at", "id")
    )
    drafts = [_draft(row, locked, "class_cancelled", "class-cancelled") for row in registrations]
    return _queue(locked, drafts)


@transaction.atomic
def class_reminders_queue(*, settlement: Settlement) -> int:
    """A reminder to each registration with a place in an open class whose first session
    (not skipped) is tomorrow in the settlement's time zone. Returns how many were queued
    now (none the second time)."""
    zone = clock.settlement_zone(settlement)
    start, end = clock.tomorrow_span(settlement)
    firsts = (
        CourseSession.objects.filter(
            settlement=settlement,
            status=CourseSession.Status.SCHEDULED,
            course__status=Course.Status.OPEN,
        )
        .values("course_id")
        .annotate(first=Min("starts_at"))
        .filter(first__gte=start, first__lt=end)
    )
    first_at = {row["course_id"]: row["first"] for row in firsts}
    if not first_at:
        return 0
    registrations = (
        ClassRegistration.objects.filter(
            settlement=settlement, course_id__in=first_at, status=Status.CONFIRMED
        )
        .select_related("course", "course__settlement", "settlement", "resident")
        .order_by("course_id", "created_at", "id")
    )
    drafts = [
        _draft(
            row,
            row.course,
            "class_reminder",
            "class-reminder",
            first=timezone.localtime(first_at[row.course_id], zone),
        )
        for row in registrations
    ]
    return len(messages_queue(settlement=settlement, drafts=drafts))
