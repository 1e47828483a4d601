"""What happens to the plan through the year: money actually spent and received against
its budget lines (entered by hand, or carried from the events and classes its programmes
link to), and readings of its targets.

None of this changes the plan itself, so it is allowed at any status and needs no
revision (see ``plans.services``). After money is recorded against a line, the line's
budget warnings are checked after commit (the outbox job ``plans.budget_check``)."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from coordinator import clock
from coordinator.models import AuditEvent
from coordinator.services.audit import audit_record
from coordinator.services.outbox import outbox_enqueue
from events.models import ClassParticipant, Course, CourseSession, Event
from events.models_signups import SignupStatus
from events.selectors import event_languages
from events.selectors_reports import fee_per_participant, instructor_cost, related_count
from surveys.i18n import text_in

from .models import Actual, BudgetLine, Measurement, Target

ZERO = Decimal("0.00")
CENT = Decimal("0.01")


def _user(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def _check_after_commit(line: BudgetLine) -> None:
    """Check the line's budget warnings once the money is committed: a job of the outbox,
    recorded in this transaction, so it is published after commit and relayed later if
    the broker is down (beat's hourly round checks every line besides)."""
    outbox_enqueue(job="plans.budget_check", settlement_id=line.settlement_id, line_id=line.pk)


@transaction.atomic
def actual_add(
    *,
    line: BudgetLine,
    user: Any,
    kind: str,
    amount: Decimal,
    on: dt.date,
    description: str = "",
) -> Actual:
    """Record money spent (``kind`` expense) or received (income) against ``line``."""
    if kind not in Actual.Kind.values:
        raise ValidationError(_("Choose whether money was spent or received."), code="kind")
    if amount is None or amount <= 0:
        raise ValidationError(_("The amount must be more than zero."), code="amount")
    if amount != amount.quantize(CENT):
        raise ValidationError(_("The amount can have at most two decimals."), code="amount")
    actual = Actual.objects.create(
        settlement_id=line.settlement_id,
        line=line,
        kind=kind,
        amount=amount,
        on=on,
        description=" ".join(description.split())[:300],
        recorded_by=_user(user),
        recorded_at=clock.now(),
    )
    audit_record(
        action=AuditEvent.Action.CREATED,
        object_type="plan actual",
        settlement_id=line.settlement_id,
        actor=user,
        object_id=actual.pk,
        summary=f"{kind} {amount} on line {line.pk}",
    )
    _check_after_commit(line)
    return actual


@transaction.atomic
def actual_delete(*, actual: Actual, user: Any) -> None:
    """Remove a recorded amount (entered by mistake). A carried amount comes back at the
    next carry if its event or class still has it."""
    pk, line_id = actual.pk, actual.line_id
    summary = f"{actual.kind} {actual.amount} on line {line_id}"
    actual.delete()
    audit_record(
        action=AuditEvent.Action.DELETED,
        object_type="plan actual",
        settlement_id=actual.settlement_id,
        actor=user,
        object_id=pk,
        summary=summary,
    )


def _courses(line: BudgetLine, now: dt.datetime) -> "QuerySet[Course]":
    """The classes linked to the line's programme, each with the sessions held so far
    (skipped ones are not paid) and its participants who paid (as the classes' reports
    count them)."""
    paid = ClassParticipant.objects.filter(
        registration__status=SignupStatus.CONFIRMED, payment=ClassParticipant.Payment.PAID
    )
    held = CourseSession.objects.filter(status=CourseSession.Status.SCHEDULED, starts_at__lt=now)
    return (
        Course.objects.filter(
            settlement_id=line.settlement_id, pk__in=line.programme.courses.values("pk")
        )
        .select_related("instructor")
        .annotate(
            n_paid=related_count(paid, "registration__course"), n_held=related_count(held, "course")
        )
        .order_by("pk")
    )


def _carried(line: BudgetLine, settlement_zone: Any) -> list[tuple[dict[str, Any], Decimal, Any]]:
    """What the linked events and classes say: (the row's key, amount, date)."""
    wanted: list[tuple[dict[str, Any], Decimal, Any]] = []
    events = Event.objects.filter(
        settlement_id=line.settlement_id,
        pk__in=line.programme.events.values("pk"),
    ).order_by("pk")
    for event in events:
        wanted.append(
            (
                {"event": event, "kind": Actual.Kind.EXPENSE},
                event.actual_cost,
                event.starts_at.astimezone(settlement_zone).date(),
            )
        )
    for course in _courses(line, clock.now()):
        cost = instructor_cost(course, course.instructor, course.n_held)  # type: ignore[attr-defined]
        fees = (fee_per_participant(course) * course.n_paid).quantize(CENT)  # type: ignore[attr-defined]
        wanted.append(({"course": course, "kind": Actual.Kind.EXPENSE}, cost, course.starts_on))
        wanted.append(({"course": course, "kind": Actual.Kind.INCOME}, fees, course.starts_on))
    return wanted


@transaction.atomic
def carry(*, line: BudgetLine, user: Any) -> int:
    """Bring the costs of the events and classes linked to the line's programme into the
    line's actuals: each event's actual cost (dated its day), each class's instructor cost
    for the sessions held so far and the fees its participants paid. A carried row is
    updated, not added twice; an amount that is now zero removes its row. Returns how many
    rows were written (added, changed or removed): carrying twice writes nothing."""
    line = BudgetLine.objects.select_related("programme", "settlement").get(
        pk=line.pk, settlement_id=line.settlement_id
    )
    zone = clock.settlement_zone(line.settlement)
    languages = event_languages(line.settlement)
    existing = {
        (a.event_id, a.course_id, a.kind): a
        for a in Actual.objects.select_for_update().filter(
            Q(event__isnull=False) | Q(course__isnull=False), line=line
        )
    }
    written = 0
    now = clock.now()
    for key, amount, on in _carried(line, zone):
        event, course = key.get("event"), key.get("course")
        current = existing.get(
            (event.pk if event else None, course.pk if course else None, key["kind"])
        )
        amount = amount.quantize(CENT)
        if amount <= 0:
            if current is not None:
                current.delete()
                written += 1
            continue
        if current is None:
            Actual.objects.create(
                settlement_id=line.settlement_id,
                line=line,
                amount=amount,
                on=on,
                description=_carried_description(event, course, languages),
                recorded_by=_user(user),
                recorded_at=now,
                **key,
            )
            written += 1
        elif current.amount != amount or current.on != on:
            current.amount, current.on = amount, on
            current.recorded_by, current.recorded_at = _user(user), now
            current.save(update_fields=["amount", "on", "recorded_by", "recorded_at"])
            written += 1
    if written:
        audit_record(
            action=AuditEvent.Action.CHANGED,
            object_type="plan budget line",
            settlement_id=line.settlement_id,
            actor=user,
            object_id=line.pk,
            summary=f"carried {written} amounts from events and classes",
        )
        _check_after_commit(line)
    return written


def _carried_description(event: Event | None, course: Course | None, languages: list[str]) -> str:
    """The event's or class's title in the settlement's language (the page says where the
    amount came from)."""
    source: Any = event if event is not None else course
    return text_in(source.title, languages)[:300]


@transaction.atomic
def measurement_add(
    *, target: Target, user: Any, measured_on: dt.date, value: Decimal, note: str = ""
) -> Measurement:
    """Record a reading of ``target``'s indicator on a day."""
    if value is None:
        raise ValidationError(_("Enter the value measured."), code="value")
    return Measurement.objects.create(
        settlement_id=target.settlement_id,
        target=target,
        measured_on=measured_on,
        value=value,
        note=" ".join(note.split())[:300],
        recorded_by=_user(user),
        recorded_at=clock.now(),
    )


@transaction.atomic
def measurement_delete(*, measurement: Measurement, user: Any) -> None:
    """Remove a reading entered by mistake."""
    measurement.delete()
