"""Warnings to the coordinators when a budget line's spending reaches 90% and then 100% of
its planned expense: each once per line.

The warning's row (``BudgetWarning``, unique per line and threshold) is claimed in the same
transaction that queues the e-mails in the outbox, so a second run, or two runs at once,
finds the claim taken and queues nothing; the outbox sends each e-mail once and reports one
cut short by a crash instead of sending it again."""

from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from committees.money import money
from coordinator import clock
from coordinator.models import Membership, Role, Settlement
from coordinator.services.outbox import outbox_enqueue
from messaging.services import absolute_url

from .models import Actual, BudgetLine, BudgetWarning
from .totals import actual_sum, percent

THRESHOLDS = (90, 100)  # per cent of the planned expense


def thresholds_reached(spent: Decimal, planned: Decimal) -> list[int]:
    """The thresholds that ``spent`` has reached of ``planned`` (none when nothing was
    planned)."""
    if planned <= 0:
        return []
    return [t for t in THRESHOLDS if spent * 100 >= planned * t]


def _claim(line: BudgetLine, threshold: int) -> bool:
    """Insert the warning's row; False if it was there (the warning went already)."""
    try:
        with transaction.atomic():
            BudgetWarning.objects.create(
                settlement_id=line.settlement_id,
                line=line,
                threshold=threshold,
                created_at=clock.now(),
            )
    except IntegrityError:
        return False
    return True


def _recipients(settlement: Settlement) -> list[Any]:
    """The settlement's coordinators who have an e-mail address."""
    memberships = (
        Membership.objects.filter(
            settlement=settlement, role=Role.COORDINATOR, user__is_active=True
        )
        .exclude(user__email="")
        .select_related("user")
        .order_by("user_id")
    )
    return [m.user for m in memberships]


def _render(settlement: Settlement, context: dict[str, Any]) -> tuple[str, str]:
    with translation.override(settlement.language):
        context = {
            **context,
            "planned": money(context["line"].planned_expense, settlement.currency),
            "spent": money(context["line"].spent, settlement.currency),
        }
        subject = render_to_string("plans/email/budget_warning_subject.txt", context).strip()
        body = render_to_string("plans/email/budget_warning.txt", context)
    return " ".join(subject.split()), body


@transaction.atomic
def budget_warnings_queue(*, settlement: Settlement, line_id: int | None = None) -> int:
    """Warn the settlement's coordinators of each budget line (or only ``line_id``) whose
    spending newly reached 90% or 100% of its planned expense. When both are reached at
    once, only the 100% warning is sent (both are claimed). Returns how many e-mails were
    queued now."""
    lines = (
        BudgetLine.objects.filter(settlement=settlement, planned_expense__gt=0)
        # Once the last warning went, a line is done with (both are claimed by then).
        .exclude(warnings__threshold=THRESHOLDS[-1])
        .annotate(spent=actual_sum(Actual.Kind.EXPENSE))
        .filter(spent__gte=F("planned_expense") * THRESHOLDS[0] / 100)
        .select_related("programme__goal__plan")
        .order_by("pk")
    )
    if line_id is not None:
        lines = lines.filter(pk=line_id)
    queued = 0
    recipients: list[Any] | None = None
    for line in lines:
        claimed = [
            t for t in thresholds_reached(line.spent, line.planned_expense) if _claim(line, t)
        ]
        if not claimed:
            continue
        if recipients is None:
            recipients = _recipients(settlement)
        context = {
            "settlement": settlement,
            "line": line,
            "programme": line.programme,
            "plan": line.programme.goal.plan,
            "threshold": max(claimed),
            "used": percent(line.spent, line.planned_expense),
            "link": absolute_url(reverse("plans:actuals", kwargs={"pk": line.pk})),
        }
        subject, body = _render(settlement, context)
        for user in recipients:
            outbox_enqueue(
                job="coordinator.email",
                settlement_id=settlement.pk,
                subject=subject,
                body=body,
                to=[user.email],
            )
            queued += 1
    return queued
