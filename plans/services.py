"""The plan's lifecycle and the rule every change to it passes.

A plan is written as a draft; the coordinator submits it; the secretary or a board member
approves it or returns it with comments. While it is with the board nothing in it changes.
An approved plan is frozen: a change to it must say why, and is recorded as a revision
(who, when, why, what). ``plan_change`` is that rule; every write of the plan's content
(goals, targets, programmes, budget lines, funding) calls it inside its transaction,
with the plan's row locked, so two people cannot slip a change past a decision.

What happens through the year (actuals, readings of targets, a funding source moving
from requested to received) is not a change of the plan and needs no revision."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from coordinator import clock
from coordinator.models import AuditEvent, Settlement
from coordinator.services.audit import audit_record

from .models import Plan, PlanRevision, Vision

REASON_MAX = 2000


def plan_locked(plan_id: int) -> Plan:
    """The plan, its row locked until the transaction ends."""
    return Plan.objects.select_for_update().get(pk=plan_id)


def plan_change(plan: Plan, *, user: Any, reason: str, summary: str) -> PlanRevision | None:
    """Allow a change of ``plan``'s content, or refuse it with a ValidationError.

    Call inside the transaction that makes the change. A draft or returned plan changes
    freely; a submitted one not at all; an approved one only with a ``reason``, and the
    change is recorded as a revision. Returns the revision, if one was recorded."""
    current = plan_locked(plan.pk)
    if current.status == Plan.Status.SUBMITTED:
        raise ValidationError(
            _("The plan is with the board for approval. It can be changed once they decide."),
            code="submitted",
        )
    if current.status != Plan.Status.APPROVED:
        return None
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError(
            _("The plan is approved. Say why you change it: the change is kept as a revision."),
            code="reason",
        )
    return PlanRevision.objects.create(
        settlement_id=current.settlement_id,
        plan=current,
        made_by=user if getattr(user, "is_authenticated", False) else None,
        made_at=clock.now(),
        reason=reason[:REASON_MAX],
        summary=summary,
    )


def describe(what: str, name: str, changes: dict[str, tuple[Any, Any]] | None = None) -> str:
    """A line for a revision: "Budget line “Hall hire”: planned expense 1000.00 → 1200.00".
    ``changes`` maps a field's label to its value before and after."""
    head = f"{what} “{name}”"
    if not changes:
        return head
    parts = [
        f"{label}: {before or '—'} → {after or '—'}" for label, (before, after) in changes.items()
    ]
    return f"{head}: " + "; ".join(parts)


@transaction.atomic
def plan_create(*, settlement: Settlement, user: Any, year: int, title: str = "") -> Plan:
    """A new draft plan for ``year``; a ValidationError if the year has one already."""
    try:
        with transaction.atomic():
            plan = Plan.objects.create(
                settlement=settlement, year=year, title=title.strip(), created_at=clock.now()
            )
    except IntegrityError:
        raise ValidationError(
            _("There is a plan for %(year)s already.") % {"year": year}, code="exists"
        ) from None
    audit_record(
        action=AuditEvent.Action.CREATED,
        object_type="plan",
        settlement=settlement,
        actor=user,
        object_id=plan.pk,
    )
    return plan


@transaction.atomic
def plan_submit(*, plan: Plan, user: Any) -> Plan:
    """Send a draft or returned plan to the board. A plan with no goal is refused."""
    current = plan_locked(plan.pk)
    if current.status not in (Plan.Status.DRAFT, Plan.Status.RETURNED):
        raise ValidationError(_("Only a draft or a returned plan can be submitted."), code="state")
    if not current.goals.exists():
        raise ValidationError(_("Add at least one goal before submitting the plan."), code="empty")
    current.status = Plan.Status.SUBMITTED
    current.submitted_at = clock.now()
    current.save(update_fields=["status", "submitted_at"])
    audit_record(
        action=AuditEvent.Action.CHANGED,
        object_type="plan",
        settlement_id=current.settlement_id,
        actor=user,
        object_id=current.pk,
        summary="submitted",
    )
    return current


@transaction.atomic
def plan_decide(*, plan: Plan, user: Any, approve: bool, comment: str = "") -> Plan:
    """The secretary's or a board member's decision on a submitted plan. Returning it
    needs a comment (what to change)."""
    current = plan_locked(plan.pk)
    if current.status != Plan.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted plan can be approved or returned."), code="state")
    comment = (comment or "").strip()
    if not approve and not comment:
        raise ValidationError(_("Say what should change when you return the plan."), code="comment")
    current.status = Plan.Status.APPROVED if approve else Plan.Status.RETURNED
    current.decided_at = clock.now()
    current.decided_by = user
    current.decision_comment = comment
    current.save(update_fields=["status", "decided_at", "decided_by", "decision_comment"])
    audit_record(
        action=AuditEvent.Action.CHANGED,
        object_type="plan",
        settlement_id=current.settlement_id,
        actor=user,
        object_id=current.pk,
        summary=current.status,
    )
    return current


@transaction.atomic
def vision_save(*, settlement: Settlement, user: Any, statement: str, values: str) -> Vision:
    """Write the settlement's vision; each save is a revision in its history."""
    vision = Vision.objects.select_for_update().filter(settlement=settlement).first()
    if vision is None:
        vision = Vision(settlement=settlement)
    elif vision.statement == statement and vision.values == values:
        return vision
    vision.statement = statement
    vision.values = values
    vision.updated_by = user
    vision.updated_at = clock.now()
    vision.save()
    return vision
