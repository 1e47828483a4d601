"""Emergency mode: declaring and ending an emergency, the safety check-in's answers and the
team's follow-ups. Every change is written to the emergency's log (``EmergencyLog``).

The check-in messages go out by a background job (``welfare.jobs.check_ins_send``), queued
in the declaration's transaction through the outbox, so a rolled-back declaration sends
nothing."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from coordinator import clock
from coordinator.models import Settlement
from coordinator.services.outbox import outbox_enqueue
from messaging.models import Message
from messaging.services import messages_cancel

from .links import CHECK_IN
from .models import CheckIn, Emergency, EmergencyLog
from .rules import forget_emergency

CHECK_IN_JOB = "welfare.check_ins_send"
MESSAGE_KIND = CHECK_IN


def check_in_key(emergency_id: int, resident_id: int) -> str:
    """The dedupe key of one resident's check-in message in one emergency."""
    return f"check-in:{emergency_id}:{resident_id}"


def emergency_log(
    *, emergency: Emergency, event: str, user: Any = None, detail: str = ""
) -> EmergencyLog:
    return EmergencyLog.objects.create(
        settlement_id=emergency.settlement_id,
        emergency=emergency,
        at=clock.now(),
        user=user if user is not None and user.is_authenticated else None,
        event=event,
        detail=detail[:300],
    )


def _already_open() -> ValidationError:
    return ValidationError(
        _("An emergency is already declared. End it before declaring another one."),
        code="open",
    )


@transaction.atomic
def emergency_declare(
    *, settlement: Settlement, user: Any, kind: str, title: str, instructions: str = ""
) -> Emergency:
    """Declare an emergency and send the safety check-in (by the background job, after
    commit). Raises ValidationError while another emergency is open."""
    if Emergency.objects.filter(settlement=settlement, ended_at__isnull=True).exists():
        raise _already_open()
    try:
        with transaction.atomic():
            emergency = Emergency.objects.create(
                settlement=settlement,
                kind=kind,
                title=title,
                instructions=instructions,
                declared_at=clock.now(),
                declared_by=user,
            )
    except IntegrityError as error:  # two declarations at once: the constraint decides
        raise _already_open() from error
    emergency_log(emergency=emergency, event=EmergencyLog.Event.DECLARED, user=user, detail=title)
    outbox_enqueue(job=CHECK_IN_JOB, settlement_id=settlement.pk, emergency_id=emergency.pk)
    forget_emergency(settlement)
    return emergency


@transaction.atomic
def emergency_end(*, settlement: Settlement, emergency: Emergency, user: Any) -> bool:
    """End ``emergency``: the team loses access to the board and the list at once, and
    check-in messages not sent yet are cancelled. False (nothing changes) if it was over."""
    locked = Emergency.objects.select_for_update().get(pk=emergency.pk, settlement=settlement)
    if locked.ended_at is not None:
        return False
    locked.ended_at = clock.now()
    locked.ended_by = user
    locked.save(update_fields=["ended_at", "ended_by"])
    emergency.ended_at, emergency.ended_by = locked.ended_at, user
    cancelled = messages_cancel(
        queryset=Message.objects.filter(
            settlement=settlement,
            kind=MESSAGE_KIND,
            dedupe_key__startswith=f"check-in:{emergency.pk}:",
        )
    )
    emergency_log(
        emergency=locked,
        event=EmergencyLog.Event.ENDED,
        user=user,
        detail=_("%(count)s check-in messages not sent yet were cancelled.") % {"count": cancelled}
        if cancelled
        else "",
    )
    forget_emergency(settlement)
    return True


def _over() -> ValidationError:
    return ValidationError(_("This emergency is over: nothing was changed."), code="over")


def _name(check_in: CheckIn) -> str:
    resident = check_in.resident
    return f"{resident.first_name} {resident.last_name}"


@transaction.atomic
def check_in_answer(*, check_in: CheckIn, answer: str, help_note: str = "") -> CheckIn:
    """A resident's answer through their link; answering again changes it (the latest
    wins). Raises ValidationError once the emergency is over."""
    if answer not in (CheckIn.Answer.SAFE, CheckIn.Answer.HELP):
        raise ValidationError(_("Choose one of the two answers."), code="answer")
    locked = (
        CheckIn.objects.select_for_update(of=("self",))
        .select_related("emergency", "resident")
        .get(pk=check_in.pk)
    )
    if locked.emergency.ended_at is not None:
        raise _over()
    locked.answer = answer
    locked.help_note = help_note.strip()[:500] if answer == CheckIn.Answer.HELP else ""
    locked.answered_at = clock.now()
    locked.save(update_fields=["answer", "help_note", "answered_at"])
    emergency_log(
        emergency=locked.emergency,
        event=EmergencyLog.Event.ANSWERED,
        detail=f"{_name(locked)}: {locked.get_answer_display()}",
    )
    return locked


@transaction.atomic
def check_in_follow_up(
    *, check_in: CheckIn, user: Any, assigned_to: str, follow_up: str, note: str = ""
) -> bool:
    """Who calls or visits a resident, and how it went. Raises ValidationError once the
    emergency is over; False if nothing changed."""
    locked = (
        CheckIn.objects.select_for_update(of=("self",))
        .select_related("emergency", "resident")
        .get(pk=check_in.pk)
    )
    if locked.emergency.ended_at is not None:
        raise _over()
    assigned_to = assigned_to.strip()
    if assigned_to and not follow_up:
        follow_up = CheckIn.FollowUp.ASSIGNED
    changed_assignee = assigned_to != locked.assigned_to
    changed_follow_up = follow_up != locked.follow_up or note.strip() != locked.follow_up_note
    if not changed_assignee and not changed_follow_up:
        return False
    if changed_assignee:
        locked.assigned_to = assigned_to
        locked.assigned_at = clock.now() if assigned_to else None
        emergency_log(
            emergency=locked.emergency,
            event=EmergencyLog.Event.ASSIGNED,
            user=user,
            detail=f"{_name(locked)}: {assigned_to or '—'}",
        )
    if changed_follow_up:
        locked.follow_up = follow_up
        locked.follow_up_note = note.strip()[:500]
        if follow_up in (CheckIn.FollowUp.REACHED, CheckIn.FollowUp.NOT_REACHED):
            emergency_log(
                emergency=locked.emergency,
                event=EmergencyLog.Event.FOLLOWED_UP,
                user=user,
                detail=f"{_name(locked)}: {locked.get_follow_up_display()}",
            )
    locked.save(update_fields=["assigned_to", "assigned_at", "follow_up", "follow_up_note"])
    check_in.assigned_to, check_in.follow_up = locked.assigned_to, locked.follow_up
    return True
