"""Reading sign-ups, shifts, attendance and feedback. Staff reads fetch and authorise in one
call (the keepers of the event: the coordinator and the organising committee's chair;
anything else is 404); public reads find published events and personal links of one
settlement only, and return counts, never other people."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django_scopes import scope

from coordinator import clock
from coordinator.ids import id_or_404
from coordinator.models import Settlement
from surveys.models import Answer, Question, Survey

from . import selectors, signups
from .models import Event, EventRegistration, ShiftSignup, VolunteerShift
from .models_signups import SignupStatus

MIN_GROUP = 5  # surveys.selectors.results.MIN_GROUP: no result of fewer answers is shown
CONFIRMED, WAITING, CANCELLED = (
    SignupStatus.CONFIRMED,
    SignupStatus.WAITING,
    SignupStatus.CANCELLED,
)


# --- staff ---------------------------------------------------------------------------------


def keeper_event(*, user: Any, settlement: Settlement, pk: Any) -> Event:
    """An event ``user`` keeps (``events.change_event``), else 404."""
    return selectors.event_get_for(user=user, settlement=settlement, pk=pk, perm=selectors.CHANGE)


def registration_get_for(*, user: Any, settlement: Settlement, pk: Any) -> EventRegistration:
    row = EventRegistration.objects.filter(settlement=settlement, pk=id_or_404(pk)).first()
    if row is None:
        raise Http404
    row.event = keeper_event(user=user, settlement=settlement, pk=row.event_id)
    return row


def shift_get_for(*, user: Any, settlement: Settlement, pk: Any) -> VolunteerShift:
    shift = VolunteerShift.objects.filter(settlement=settlement, pk=id_or_404(pk)).first()
    if shift is None:
        raise Http404
    shift.event = keeper_event(user=user, settlement=settlement, pk=shift.event_id)
    return shift


def shift_signup_get_for(*, user: Any, settlement: Settlement, pk: Any) -> ShiftSignup:
    row = (
        ShiftSignup.objects.filter(settlement=settlement, pk=id_or_404(pk))
        .select_related("shift")
        .first()
    )
    if row is None:
        raise Http404
    row.shift.event = keeper_event(user=user, settlement=settlement, pk=row.shift.event_id)
    return row


@dataclass(frozen=True)
class SignupSummary:
    capacity: int | None
    confirmed: int  # registrations
    seats: int  # places taken
    waiting: int  # registrations
    waiting_seats: int
    cancelled: int
    came: int  # registrations marked as having come

    @property
    def free(self) -> int | None:
        return None if self.capacity is None else max(0, self.capacity - self.seats)


def signup_summary(event: Event) -> SignupSummary:
    """The counts of an event's sign-ups, in one query."""
    totals = EventRegistration.objects.filter(
        settlement_id=event.settlement_id, event_id=event.pk
    ).aggregate(
        n_confirmed=Count("pk", filter=Q(status=CONFIRMED)),
        n_seats=Coalesce(Sum("seats", filter=Q(status=CONFIRMED)), 0),
        n_waiting=Count("pk", filter=Q(status=WAITING)),
        n_waiting_seats=Coalesce(Sum("seats", filter=Q(status=WAITING)), 0),
        n_cancelled=Count("pk", filter=Q(status=CANCELLED)),
        n_came=Count("pk", filter=Q(status=CONFIRMED, attended=True)),
    )
    return SignupSummary(capacity=event.capacity, **{k[2:]: int(v or 0) for k, v in totals.items()})


def registrations_of(event: Event, status: str, search: str = "") -> QuerySet[EventRegistration]:
    rows = EventRegistration.objects.filter(
        settlement_id=event.settlement_id, event_id=event.pk, status=status
    )
    if search:
        rows = rows.filter(name__icontains=search)
    if status == CANCELLED:
        return rows.order_by("-cancelled_at", "-pk")
    return rows.order_by("created_at", "pk")


def shifts_of(event: Event) -> list[VolunteerShift]:
    """The event's shifts, each with ``taken`` and its active ``volunteers`` (two queries)."""
    active = ShiftSignup.objects.filter(
        settlement_id=event.settlement_id, cancelled_at__isnull=True
    ).order_by("created_at", "pk")
    shifts: list[VolunteerShift] = list(
        VolunteerShift.objects.filter(settlement_id=event.settlement_id, event_id=event.pk)
        .prefetch_related(Prefetch("signups", queryset=active, to_attr="volunteers"))
        .order_by("starts_at", "pk")
    )
    for shift in shifts:
        shift.taken = len(shift.volunteers)  # type: ignore[attr-defined]
        shift.free = max(0, shift.needed - shift.taken)  # type: ignore[attr-defined]
    return shifts


@dataclass(frozen=True)
class ShiftSummary:
    shifts: int
    needed: int
    taken: int


def shift_summary(event: Event) -> ShiftSummary:
    """How many shifts, people needed and places taken, in one query."""
    active = Q(signups__cancelled_at__isnull=True)
    rows = list(
        VolunteerShift.objects.filter(settlement_id=event.settlement_id, event_id=event.pk)
        .annotate(taken=Count("signups", filter=active))
        .values_list("needed", "taken")
    )
    return ShiftSummary(
        shifts=len(rows),
        needed=sum(needed for needed, _taken in rows),
        taken=sum(min(needed, taken) for needed, taken in rows),
    )


@dataclass
class FeedbackSummary:
    survey: Survey
    answers: int
    shown: bool  # enough answers to show results (the surveys' anonymity rule)
    average: float | None = None
    bars: list[tuple[int, int, int]] = field(default_factory=list)  # (value, count, percent)


def feedback_summary(event: Event) -> FeedbackSummary | None:
    """The feedback survey's answers and the rating's average and distribution; nothing
    of fewer than ``MIN_GROUP`` answers. At most one query after the event's."""
    if event.feedback_survey_id is None:
        return None
    survey = event.feedback_survey
    if survey is None:
        return None
    summary = FeedbackSummary(survey=survey, answers=survey.answer_count, shown=False)
    if survey.answer_count < MIN_GROUP:
        return summary
    counts = dict(
        Answer.objects.filter(
            settlement_id=event.settlement_id,
            question__survey_id=survey.pk,
            question__kind=Question.Kind.RATING,
            number__isnull=False,
        )
        .values_list("number")
        .annotate(count=Count("pk"))
        .values_list("number", "count")
    )
    total = sum(counts.values())
    if total < MIN_GROUP:
        return summary
    summary.shown = True
    summary.average = round(sum(value * count for value, count in counts.items()) / total, 1)
    summary.bars = [
        (value, counts.get(value, 0), round(100 * counts.get(value, 0) / total))
        for value in range(5, 0, -1)
    ]
    return summary


# --- public --------------------------------------------------------------------------------


def public_event(*, settlement: Settlement, pk: Any) -> Event:
    """A published event of ``settlement``, else 404."""
    with scope(settlement=settlement.pk):
        event = Event.objects.filter(
            settlement=settlement, status=Event.Status.PUBLISHED, pk=id_or_404(pk)
        ).first()
    if event is None:
        raise Http404
    return event


def open_shifts(event: Event) -> QuerySet[VolunteerShift]:
    """The shifts of ``event`` with a free place, each with ``taken``."""
    taken = Count("signups", filter=Q(signups__cancelled_at__isnull=True))
    return (
        VolunteerShift.objects.filter(settlement_id=event.settlement_id, event_id=event.pk)
        .annotate(taken=taken)
        .filter(taken__lt=F("needed"))
        .order_by("starts_at", "pk")
    )


def registration_by_token(*, settlement: Settlement, token: str) -> EventRegistration:
    """The registration of a personal link, with its event, else 404."""
    with scope(settlement=settlement.pk):
        row = signups.by_token(
            EventRegistration.objects.filter(settlement=settlement).select_related("event"), token
        )
    if row is None:
        raise Http404
    return row


def shift_signup_by_token(*, settlement: Settlement, token: str) -> ShiftSignup:
    with scope(settlement=settlement.pk):
        row = signups.by_token(
            ShiftSignup.objects.filter(settlement=settlement).select_related("shift__event"),
            token,
        )
    if row is None:
        raise Http404
    return row


def waiting_place(row: EventRegistration) -> int | None:
    """The place of a waiting registration on the list (1 is next), else None."""
    if row.status != WAITING:
        return None
    ahead = (
        EventRegistration.objects.filter(
            settlement_id=row.settlement_id, event_id=row.event_id, status=WAITING
        )
        .filter(Q(created_at__lt=row.created_at) | Q(created_at=row.created_at, pk__lt=row.pk))
        .count()
    )
    return ahead + 1


def event_started(event: Event) -> bool:
    return event.starts_at <= clock.now()
